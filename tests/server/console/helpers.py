"""Console test helpers: create centre users through the service layer and sign a TestClient in
through the real sign-in pages (computing the TOTP code from the enrolled secret)."""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from html import unescape

from fastapi.testclient import TestClient
from sqlalchemy import Engine, insert, select, update

from server.core import totp
from server.models import AdminUnit, ConsoleAccount
from server.services import console_users

PASSWORD = "Mật-khẩu-đủ-dài-9"  # meets the rules: 12+ characters, three kinds


@dataclass
class TestUser:
    """A console account made for a test, with what it takes to sign it in."""

    __test__ = False  # not a pytest class

    name: str
    password: str
    role: str
    scope: str
    secret: str | None = None  # the TOTP secret once enrolled
    last_step: int = 0  # the last TOTP time step used to sign in


def add_province(engine: Engine, code: str, name: str) -> None:
    """An `admin_units` province row, for province-scoped users (db upgrade loads the real ones)."""
    with engine.begin() as conn:
        exists = conn.execute(select(AdminUnit.code).where(AdminUnit.code == code)).first()
        if exists is None:
            conn.execute(
                insert(AdminUnit).values(
                    code=code,
                    level="province",
                    name=name,
                    type="Tỉnh",
                    province_code=code,
                    folded_name=name.lower(),
                )
            )


def create_user(
    engine: Engine,
    name: str = "admin1",
    role: str = "admin",
    scope: str = "all",
    password: str = PASSWORD,
    full_name: str = "Nguyễn Văn Quản",
    enrol_totp: bool = True,
) -> TestUser:
    """A user as `cax-server user add` makes it; with `enrol_totp` its TOTP is already set up
    (as after a first sign-in), so `login` goes through the password and code pages only."""
    console_users.add_user(engine, name, role, scope, password, full_name=full_name)
    user = TestUser(name, password, role, scope)
    if enrol_totp:
        user.secret = totp.new_secret()
        with engine.begin() as conn:
            conn.execute(
                update(ConsoleAccount)
                .where(ConsoleAccount.name == name)
                .values(totp_secret=user.secret, totp_enrolled=True)
            )
    return user


def hidden(html: str, name: str) -> str:
    """The value of the hidden input `name` in a page."""
    match = re.search(rf'name="{name}" value="([^"]*)"', html)
    assert match, f"no hidden field {name} in the page"
    return unescape(match.group(1))


def csrf_of(client: TestClient, path: str = "/console/account") -> str:
    """The signed-in session's CSRF token, read from a page's form as a browser would."""
    page = client.get(path)
    assert page.status_code == 200, page.text
    return hidden(page.text, "csrf_token")


class TotpClock:
    """The console's TOTP clock in these tests (conftest.py puts it in place of `time` in
    server.core.totp): the real time plus an offset that `unused_code` moves on, where a person
    would wait for the next 30-second step."""

    def __init__(self) -> None:
        self.offset = 0.0

    def time(self) -> float:
        return time.time() + self.offset


TOTP_CLOCK = TotpClock()


def unused_code(user: TestUser) -> str:
    """A valid code for a time step not used yet. Each code is good once, so a second sign-in
    in the same 30 s uses the next step's code (accepted for clock drift) and a third moves the
    TOTP clock on to the step before it, as waiting would."""
    assert user.secret is not None
    now = totp.current_step()
    step = max(user.last_step + 1, now)
    if step > now + 1:
        TOTP_CLOCK.offset += (step - 1 - now) * totp.STEP_SECONDS
    user.last_step = step
    return totp.code_at(user.secret, step * totp.STEP_SECONDS)


def submit_password(client: TestClient, name: str, password: str, next_url: str = ""):  # type: ignore[no-untyped-def]
    """The first step of signing in, as the browser sends it (with the sign-in form's token)."""
    form = client.get("/console/login")
    data = {"name": name, "password": password, "pre_token": hidden(form.text, "pre_token")}
    if next_url:
        data["next"] = next_url
    return client.post("/console/login", data=data, follow_redirects=False)


def login(client: TestClient, user: TestUser, engine: Engine | None = None) -> None:
    """Sign `client` in as `user` through the real pages: password, then the TOTP code (or, for
    a user not enrolled yet, the enrolment page, whose secret is then kept on `user`)."""
    response = submit_password(client, user.name, user.password)
    assert response.status_code == 303, response.text
    where = response.headers["location"]
    if where.startswith("/console/login/enrol"):
        page = client.get(where)
        secret = "".join(re.search(r'class="secret">([^<]+)<', page.text).group(1).split())  # type: ignore[union-attr]
        user.secret = secret
        response = client.post(
            "/console/login/enrol",
            data={"code": unused_code(user), "csrf_token": hidden(page.text, "csrf_token")},
            follow_redirects=False,
        )
    elif where.startswith("/console/login/totp"):
        page = client.get(where)
        response = client.post(
            "/console/login/totp",
            data={"code": unused_code(user), "csrf_token": hidden(page.text, "csrf_token")},
            follow_redirects=False,
        )
    assert response.status_code == 303, response.text
    assert not response.headers["location"].startswith("/console/login"), response.text
    assert client.cookies.get("cax_console")
