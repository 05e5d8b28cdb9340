"""Signing in to the console: two factors, enrolment, throttling, sessions, CSRF, cookies."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, func, select, update

from server.api.main import create_app
from server.core import totp
from server.core.config import Settings
from server.models import ConsoleAccount, ConsoleAuditEntry, ConsoleSession
from server.services import console_users
from tests.server.console.helpers import (
    PASSWORD,
    TestUser,
    create_user,
    csrf_of,
    hidden,
    login,
    submit_password,
    unused_code,
)


def session_count(engine: Engine) -> int:
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(ConsoleSession)).scalar_one()


def audit_actions(engine: Engine) -> list[tuple[str, str, dict]]:
    with engine.connect() as conn:
        rows = conn.execute(
            select(
                ConsoleAuditEntry.actor, ConsoleAuditEntry.action, ConsoleAuditEntry.details
            ).order_by(ConsoleAuditEntry.seq)
        ).all()
    return [(r.actor, r.action, r.details) for r in rows]


def user_row(engine: Engine, name: str):  # type: ignore[no-untyped-def]
    with engine.connect() as conn:
        return conn.execute(select(ConsoleAccount).where(ConsoleAccount.name == name)).one()


def signed_in(client: TestClient) -> bool:
    """Whether the client can open a page (rather than being sent to the sign-in page)."""
    response = client.get("/console/account", follow_redirects=False)
    if response.status_code == 200:
        return True
    assert response.status_code == 303
    assert response.headers["location"].startswith("/console/login")
    return False


def totp_step(client: TestClient, user: TestUser, code: str):  # type: ignore[no-untyped-def]
    page = client.get("/console/login/totp")
    return client.post(
        "/console/login/totp",
        data={"code": code, "csrf_token": hidden(page.text, "csrf_token")},
        follow_redirects=False,
    )


def test_sign_in_with_password_and_code(engine: Engine, client: TestClient) -> None:
    """Password, then the TOTP code: the pages open and the audit log records the sign-in."""
    user = create_user(engine, "quan", "admin")
    assert not signed_in(client)
    response = submit_password(client, "quan", PASSWORD)
    assert (response.status_code, response.headers["location"]) == (303, "/console/login/totp")
    assert not signed_in(client)  # half signed in opens nothing
    page = client.get("/console/login/totp")
    assert "Mã xác thực hai bước" in page.text
    response = totp_step(client, user, unused_code(user))
    assert (response.status_code, response.headers["location"]) == (303, "/console/")
    assert signed_in(client)
    assert ("quan", "login.ok", {"factors": "password+totp"}) in audit_actions(engine)


def test_wrong_password_and_unknown_user_look_alike(engine: Engine, client: TestClient) -> None:
    """Both say "wrong user name or password", sign nobody in and are audited."""
    create_user(engine, "quan", "admin")
    wrong = submit_password(client, "quan", PASSWORD + "x")
    unknown = submit_password(client, "khong.co", PASSWORD)
    for response in (wrong, unknown):
        assert response.status_code == 200
        assert "Sai tên đăng nhập hoặc mật khẩu." in response.text
    assert not client.cookies.get("cax_console")
    assert session_count(engine) == 0
    failures = [a for a in audit_actions(engine) if a[1] == "login.failed"]
    assert failures == [
        ("quan", "login.failed", {"reason": "password", "failures": 1}),
        ("-", "login.failed", {"reason": "unknown_user"}),
    ]


def test_wrong_code_is_refused_and_counted(engine: Engine, client: TestClient) -> None:
    """A wrong code keeps the user on the code page with a message; nothing opens."""
    user = create_user(engine, "quan", "admin")
    submit_password(client, "quan", PASSWORD)
    good = unused_code(user)
    wrong = f"{(int(good) + 1) % 1000000:06d}"
    response = totp_step(client, user, wrong)
    assert response.status_code == 200
    assert "Mã không đúng hoặc đã được dùng" in response.text
    assert not signed_in(client)
    assert user_row(engine, "quan").failed_logins == 1
    assert totp_step(client, user, good).status_code == 303
    assert signed_in(client)
    assert user_row(engine, "quan").failed_logins == 0


def test_a_code_is_good_only_once(engine: Engine, settings: Settings) -> None:
    """The code that signed one browser in is refused for a second one in the same window."""
    user = create_user(engine, "quan", "admin")
    app = create_app(settings, engine=engine)
    with TestClient(app) as first, TestClient(app) as second:
        submit_password(first, "quan", PASSWORD)
        code = unused_code(user)
        assert totp_step(first, user, code).status_code == 303
        submit_password(second, "quan", PASSWORD)
        response = totp_step(second, user, code)
        assert "Mã không đúng hoặc đã được dùng" in response.text
        assert not signed_in(second)
    assert audit_actions(engine)[-1][2]["reason"] == "totp_reused"


def test_first_sign_in_enrols_the_second_factor(engine: Engine, client: TestClient) -> None:
    """An admin without TOTP gets a QR code and the key to type, confirms with a code, and the
    key is never shown again."""
    user = create_user(engine, "quan", "admin", enrol_totp=False)
    response = submit_password(client, "quan", PASSWORD)
    assert response.headers["location"] == "/console/login/enrol"
    assert not signed_in(client)
    page = client.get("/console/login/enrol")
    assert "<svg" in page.text and "Thiết lập xác thực hai bước" in page.text
    grouped = re.search(r'class="secret">([^<]+)<', page.text).group(1)  # type: ignore[union-attr]
    assert re.fullmatch(r"([A-Z2-7]{4} )+[A-Z2-7]{4}", grouped)
    user.secret = grouped.replace(" ", "")
    assert user_row(engine, "quan").totp_secret == user.secret
    assert client.get("/console/login/enrol").text.count(grouped) == 1  # a reload: same key
    wrong = client.post(
        "/console/login/enrol",
        data={"code": "000000", "csrf_token": hidden(page.text, "csrf_token")},
    )
    assert "Mã không đúng" in wrong.text and not user_row(engine, "quan").totp_enrolled
    response = client.post(
        "/console/login/enrol",
        data={"code": unused_code(user), "csrf_token": hidden(page.text, "csrf_token")},
        follow_redirects=False,
    )
    assert response.status_code == 303 and signed_in(client)
    assert user_row(engine, "quan").totp_enrolled
    assert "totp.enrolled" in [a[1] for a in audit_actions(engine)]
    # Signed out and in again: the code page, never the key.
    client.post("/console/logout", data={"csrf_token": csrf_of(client)})
    response = submit_password(client, "quan", PASSWORD)
    assert response.headers["location"] == "/console/login/totp"
    assert client.get("/console/login/enrol", follow_redirects=False).status_code == 303
    assert grouped not in client.get("/console/login/totp").text


def test_viewer_may_sign_in_with_the_password_alone(engine: Engine, client: TestClient) -> None:
    """A viewer without TOTP is signed in by the password; a reviewer must enrol first."""
    create_user(engine, "xem", "viewer", enrol_totp=False)
    response = submit_password(client, "xem", PASSWORD)
    assert (response.status_code, response.headers["location"]) == (303, "/console/")
    assert signed_in(client)
    create_user(engine, "duyet", "reviewer", enrol_totp=False)
    client.cookies.clear()
    response = submit_password(client, "duyet", PASSWORD)
    assert response.headers["location"] == "/console/login/enrol"


def test_viewer_can_turn_on_the_second_factor(engine: Engine, client: TestClient) -> None:
    """From the account page a viewer enrols; from then on their sign-in asks for a code."""
    user = create_user(engine, "xem", "viewer", enrol_totp=False)
    login(client, user)
    page = client.get("/console/account/totp")
    user.secret = "".join(re.search(r'class="secret">([^<]+)<', page.text).group(1).split())  # type: ignore[union-attr]
    response = client.post(
        "/console/account/totp",
        data={"code": unused_code(user), "csrf_token": hidden(page.text, "csrf_token")},
    )
    assert "Đã bật xác thực hai bước." in response.text
    client.cookies.clear()
    assert submit_password(client, "xem", PASSWORD).headers["location"] == "/console/login/totp"


def test_throttled_after_five_failures_with_doubling_delays(
    engine: Engine, client: TestClient
) -> None:
    """Five failures lock sign-in for 30 s, then 60 s, 120 s…; while locked even the right
    password is refused on a page that says until when."""
    user = create_user(engine, "quan", "admin")
    for _ in range(4):
        submit_password(client, "quan", "wrong-password")
    assert user_row(engine, "quan").locked_until is None
    submit_password(client, "quan", "wrong-password")
    row = user_row(engine, "quan")
    assert row.failed_logins == 5
    assert row.locked_until - row.last_failed_at == timedelta(seconds=30)
    response = submit_password(client, "quan", PASSWORD)
    assert response.status_code == 429
    assert "Tạm khóa đăng nhập" in response.text
    assert "đã nhập sai 5 lần liên tiếp" in response.text
    assert session_count(engine) == 0
    assert audit_actions(engine)[-1][1] == "login.throttled"
    # The lock runs out; one more failure locks twice as long.
    past = datetime.now(UTC) - timedelta(seconds=1)
    with engine.begin() as conn:
        conn.execute(update(ConsoleAccount).values(locked_until=past))
    submit_password(client, "quan", "wrong-password")
    row = user_row(engine, "quan")
    assert row.locked_until - row.last_failed_at == timedelta(seconds=60)
    with engine.begin() as conn:
        conn.execute(update(ConsoleAccount).values(locked_until=past))
    login(client, user)  # the right password and code clear the counter
    assert user_row(engine, "quan").failed_logins == 0


def test_disabled_user_cannot_sign_in_and_is_signed_out(engine: Engine, client: TestClient) -> None:
    """Disabling ends the open session at once; the password then says the account is off."""
    user = create_user(engine, "quan", "reviewer")
    login(client, user)
    console_users.disable_user(engine, "quan", actor="admin")
    assert not signed_in(client)
    response = submit_password(client, "quan", PASSWORD)
    assert "Tài khoản này đã bị vô hiệu hóa" in response.text
    assert session_count(engine) == 0
    wrong = submit_password(client, "quan", "not-the-password")
    assert "Sai tên đăng nhập hoặc mật khẩu." in wrong.text  # no hint without the password


def test_idle_and_absolute_timeouts(engine: Engine, client: TestClient) -> None:
    """30 minutes without a request, or 12 hours after sign-in, end the session."""
    user = create_user(engine, "quan", "admin")
    login(client, user)
    with engine.begin() as conn:
        conn.execute(
            update(ConsoleSession).values(last_seen_at=datetime.now(UTC) - timedelta(minutes=29))
        )
    assert signed_in(client)  # 29 minutes idle is fine, and the request refreshes it
    with engine.begin() as conn:
        conn.execute(
            update(ConsoleSession).values(last_seen_at=datetime.now(UTC) - timedelta(minutes=31))
        )
    response = client.get("/console/audit", follow_redirects=False)
    assert response.headers["location"] == "/console/login?next=%2Fconsole%2Faudit"
    assert session_count(engine) == 0
    login(client, user)
    with engine.begin() as conn:
        conn.execute(
            update(ConsoleSession).values(expires_at=datetime.now(UTC) - timedelta(seconds=1))
        )
    assert not signed_in(client)


def test_idle_minutes_come_from_the_settings(engine: Engine, settings: Settings) -> None:
    """CAX_CONSOLE_IDLE_MINUTES shortens (or lengthens) the idle timeout."""
    assert Settings.from_env({"CAX_CONSOLE_IDLE_MINUTES": "5"}).console_idle_minutes == 5
    user = create_user(engine, "quan", "admin")
    short = Settings(home=settings.home, database_url=settings.database_url, console_idle_minutes=5)
    with TestClient(create_app(short, engine=engine)) as client:
        login(client, user)
        with engine.begin() as conn:
            conn.execute(
                update(ConsoleSession).values(last_seen_at=datetime.now(UTC) - timedelta(minutes=6))
            )
        assert not signed_in(client)


def test_logout_ends_the_session(engine: Engine, client: TestClient) -> None:
    """Sign-out deletes the session row: the old cookie opens nothing afterwards."""
    user = create_user(engine, "quan", "admin")
    login(client, user)
    token = client.cookies.get("cax_console")
    response = client.post(
        "/console/logout", data={"csrf_token": csrf_of(client)}, follow_redirects=False
    )
    assert (response.status_code, response.headers["location"]) == (303, "/console/login")
    assert session_count(engine) == 0
    assert ("quan", "logout", {}) in audit_actions(engine)
    client.cookies.set("cax_console", token, path="/console")
    assert not signed_in(client)


@pytest.mark.parametrize("token", [None, "forged-token"])
def test_post_without_a_valid_csrf_token_changes_nothing(
    engine: Engine, client: TestClient, token: str | None
) -> None:
    """A POST with no or a forged CSRF token gets the 403 page: no password change, no logout."""
    user = create_user(engine, "quan", "admin")
    login(client, user)
    before = user_row(engine, "quan").password_hash
    data = {"current": PASSWORD, "new": "Completely-New-2026", "confirm": "Completely-New-2026"}
    if token:
        data["csrf_token"] = token
    response = client.post("/console/account/password", data=data)
    assert response.status_code == 403
    assert "nên không có gì thay đổi" in response.text
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    assert user_row(engine, "quan").password_hash == before
    logout = client.post("/console/logout", data={"csrf_token": token} if token else {})
    assert logout.status_code == 403 and signed_in(client)
    verify = client.post("/console/audit/verify", data={"csrf_token": token} if token else {})
    assert verify.status_code == 403
    assert "audit.verified" not in [a[1] for a in audit_actions(engine)]


def test_sign_in_form_needs_its_own_token(engine: Engine, client: TestClient) -> None:
    """A sign-in posted from elsewhere (no token from our form) is refused before any check."""
    create_user(engine, "quan", "admin")
    response = client.post(
        "/console/login", data={"name": "quan", "password": PASSWORD, "pre_token": "x"}
    )
    assert response.status_code == 403
    assert session_count(engine) == 0
    assert [a[1] for a in audit_actions(engine)] == ["user.added"]


def test_code_page_needs_the_sessions_csrf_token(engine: Engine, client: TestClient) -> None:
    """The code step is a POST like any other: without the token nothing is checked."""
    user = create_user(engine, "quan", "admin")
    submit_password(client, "quan", PASSWORD)
    response = client.post("/console/login/totp", data={"code": unused_code(user)})
    assert response.status_code == 403
    assert not signed_in(client)


def test_cookie_flags(engine: Engine, settings: Settings) -> None:
    """HttpOnly, SameSite=Strict, scoped to /console; Secure when the request came over https."""
    user = create_user(engine, "quan", "admin")
    app = create_app(settings, engine=engine)
    for base, secure in (("http://testserver", False), ("https://testserver", True)):
        with TestClient(app, base_url=base) as client:
            response = submit_password(client, "quan", PASSWORD)
            cookie = next(
                v for v in response.headers.get_list("set-cookie") if v.startswith("cax_console=")
            )
            flags = {part.strip().lower() for part in cookie.split(";")[1:]}
            assert {"httponly", "samesite=strict", "path=/console"} <= flags
            assert ("secure" in flags) is secure
            assert not any(flag.startswith(("max-age", "expires")) for flag in flags)
            user.last_step = max(user.last_step, totp.current_step())  # next code: a new step
            response = totp_step(client, user, unused_code(user))
            final = response.headers.get_list("set-cookie")[0]
            assert final.startswith("cax_console=") and ("Secure" in final) is secure


def test_session_token_is_stored_only_as_a_hash(engine: Engine, client: TestClient) -> None:
    """The database holds the SHA-256 of the cookie's token, and the token changes after the
    second factor (a token seen before it never becomes a signed-in one)."""
    import hashlib

    user = create_user(engine, "quan", "admin")
    submit_password(client, "quan", PASSWORD)
    pending = client.cookies.get("cax_console")
    totp_step(client, user, unused_code(user))
    final = client.cookies.get("cax_console")
    assert pending != final
    with engine.connect() as conn:
        stored = conn.execute(select(ConsoleSession.token_hash)).scalar_one()
    assert stored == hashlib.sha256(final.encode()).hexdigest()


def test_back_to_the_page_asked_for_and_no_open_redirect(
    engine: Engine, client: TestClient
) -> None:
    """After sign-in the user lands where they were going, but never on another site."""
    user = create_user(engine, "quan", "admin")
    response = client.get("/console/audit?action=logout", follow_redirects=False)
    target = response.headers["location"]
    assert target == "/console/login?next=%2Fconsole%2Faudit%3Faction%3Dlogout"
    form = client.get(target)
    assert hidden(form.text, "next") == "/console/audit?action=logout"
    response = submit_password(client, "quan", PASSWORD, next_url="/console/audit?action=logout")
    assert response.headers["location"].startswith("/console/login/totp?next=")
    page = client.get(response.headers["location"])
    assert hidden(page.text, "next") == "/console/audit?action=logout"
    response = client.post(
        "/console/login/totp",
        data={
            "code": unused_code(user),
            "csrf_token": hidden(page.text, "csrf_token"),
            "next": "/console/audit?action=logout",
        },
        follow_redirects=False,
    )
    assert response.headers["location"] == "/console/audit?action=logout"
    for evil in ("//evil.example/", "https://evil.example/", "/console\\..\\x", "/api/v1/health"):
        assert (
            client.get(f"/console/login?next={evil}", follow_redirects=False).headers["location"]
            == "/console/"
        )


def test_change_own_password(engine: Engine, client: TestClient, settings: Settings) -> None:
    """The account page checks the current password and the rules, then ends other sessions."""
    user = create_user(engine, "quan", "admin")
    login(client, user)
    with TestClient(create_app(settings, engine=engine)) as other:
        login(other, user)
        csrf = csrf_of(client)
        cases = [
            ({"current": "wrong", "new": "Brand-New-Pass-1", "confirm": "Brand-New-Pass-1"},
             "Mật khẩu hiện tại không đúng."),
            ({"current": PASSWORD, "new": "Brand-New-Pass-1", "confirm": "Brand-New-Pass-2"},
             "Hai lần nhập mật khẩu mới không giống nhau."),
            ({"current": PASSWORD, "new": "short", "confirm": "short"},
             "Mật khẩu mới chưa đủ mạnh"),
        ]  # fmt: skip
        for data, message in cases:
            response = client.post("/console/account/password", data=data | {"csrf_token": csrf})
            assert response.status_code == 400 and message in response.text
        assert console_users.check_password(engine, "quan", PASSWORD)
        response = client.post(
            "/console/account/password",
            data={
                "current": PASSWORD,
                "new": "Brand-New-Pass-1",
                "confirm": "Brand-New-Pass-1",
                "csrf_token": csrf,
            },
        )
        assert "Đã đổi mật khẩu." in response.text
        assert signed_in(client) and not signed_in(other)
    assert console_users.check_password(engine, "quan", "Brand-New-Pass-1")
    assert ("quan", "user.password_changed", {}) in audit_actions(engine)


def test_console_errors_are_pages_and_the_api_stays_json(
    engine: Engine, client: TestClient
) -> None:
    """Unknown console paths get the 404 page (signed in or not); the API still answers JSON."""
    anonymous = client.get("/console/nothing-here")
    assert anonymous.status_code == 404
    assert anonymous.headers["content-type"] == "text/html; charset=utf-8"
    assert "Không tìm thấy trang" in anonymous.text
    user = create_user(engine, "quan", "viewer", enrol_totp=False)
    login(client, user)
    page = client.get("/console/records/123e4567-e89b-12d3-a456-426614174000/nope")
    assert page.status_code == 404 and "Đăng xuất" in page.text  # the signed-in header
    assert client.get("/console/logout").status_code == 405
    forbidden = client.post("/console/audit/verify", data={"csrf_token": csrf_of(client)})
    assert forbidden.status_code == 403 and "Không có quyền" in forbidden.text
    bad = client.get("/console/audit?page=0")
    assert bad.status_code == 400 and "Yêu cầu không hợp lệ" in bad.text
    api = client.get("/api/v1/nothing")
    assert api.status_code == 404 and api.json()["code"] == "NOT_FOUND"


def test_language_switch(engine: Engine, client: TestClient) -> None:
    """The header link sets cax_lang and comes back to the same page, now in English."""
    page = client.get("/console/login")
    assert "Đăng nhập" in page.text and 'href="/console/lang/en?next=/console/login"' in page.text
    response = client.get("/console/lang/en?next=/console/login", follow_redirects=False)
    assert response.headers["location"] == "/console/login"
    assert "cax_lang=en" in response.headers["set-cookie"]
    english = client.get("/console/login")
    assert '<html lang="en">' in english.text and "Sign in" in english.text
    assert client.get("/console/lang/fr").status_code == 404


@pytest.fixture
def https_client(engine: Engine, settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(settings, engine=engine), base_url="https://testserver") as c:
        yield c


def test_pages_are_not_cached(https_client: TestClient) -> None:
    """Console pages carry no-store and refuse framing."""
    response = https_client.get("/console/login")
    assert response.headers["cache-control"] == "no-store"
    assert response.headers["x-frame-options"] == "DENY"
