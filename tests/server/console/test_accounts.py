"""Centre accounts: `cax-server user ...`, password rules and hashes, scopes as SQL."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine, insert, select

from server.cli import main
from server.console.deps import ConsoleUser
from server.console.scope import in_scope_station_ids, station_condition
from server.core import passwords
from server.core.config import Settings
from server.errors import ServerError
from server.models import ConsoleAccount, Station
from server.services import console_audit, console_users
from tests.server.console.helpers import PASSWORD, add_province


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def add_station(engine: Engine, code: str, province: str | None) -> int:
    with engine.begin() as conn:
        return conn.execute(
            insert(Station)
            .values(
                code=code,
                name=f"Công an xã {code}",
                created_at=datetime.now(UTC),
                province_code=province,
            )
            .returning(Station.id)
        ).scalar_one()


def stored_user(engine: Engine, name: str):  # type: ignore[no-untyped-def]
    with engine.connect() as conn:
        return conn.execute(select(ConsoleAccount).where(ConsoleAccount.name == name)).first()


def test_cli_user_add_and_list(
    engine: Engine, cli_env: Settings, capsys, monkeypatch, real_password_cost
) -> None:  # type: ignore[no-untyped-def]
    """`user add` with the password from the environment, then `user list` shows the account."""
    add_province(engine, "01", "Thành phố Hà Nội")
    monkeypatch.setenv("CAX_CONSOLE_PASSWORD", PASSWORD)
    code, out, err = run(
        capsys,
        "user", "add", "Lan.NT", "--role", "reviewer", "--scope", "province:01",
        "--full-name", "Nguyễn Thị  Lan",
    )  # fmt: skip
    assert (code, err) == (0, "")
    assert "user lan.nt added: reviewer, scope province:01" in out
    assert "TOTP" in out  # a reviewer is told the second factor comes at first sign-in
    code, out, _ = run(capsys, "user", "list")
    assert code == 0
    line = next(line for line in out.splitlines() if line.startswith("lan.nt"))
    assert line.split()[:5] == ["lan.nt", "reviewer", "province:01", "no", "active"]
    assert line.endswith("Nguyễn Thị Lan")
    row = stored_user(engine, "lan.nt")
    assert row.password_hash.startswith("argon2id$t=3,m=65536,p=4$")
    assert PASSWORD not in row.password_hash
    entries, _ = console_audit.list_entries(engine, action="user.added")
    assert entries[0].target == "lan.nt" and entries[0].actor.startswith("cli")


def test_cli_password_file_passwd_and_disable(
    engine: Engine, cli_env: Settings, capsys, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """`--password-file` sets the password, `passwd` replaces it, `disable` marks the account."""
    first = tmp_path / "first.txt"
    first.write_text(PASSWORD + "\n", encoding="utf-8")
    assert run(capsys, "user", "add", "admin1", "--role", "admin", "--scope", "all",
               "--password-file", str(first))[0] == 0  # fmt: skip
    assert console_users.check_password(engine, "admin1", PASSWORD).role == "admin"
    second = tmp_path / "second.txt"
    second.write_text("Another-Pass-2026\n", encoding="utf-8")
    code, out, _ = run(capsys, "user", "passwd", "admin1", "--password-file", str(second))
    assert code == 0 and "password of admin1 changed" in out
    with pytest.raises(ServerError) as old:
        console_users.check_password(engine, "admin1", PASSWORD)
    assert old.value.code == "LOGIN_FAILED"
    assert console_users.check_password(engine, "admin1", "Another-Pass-2026").name == "admin1"
    code, out, _ = run(capsys, "user", "disable", "admin1")
    assert code == 0 and "admin1 disabled" in out
    _, out, _ = run(capsys, "user", "list")
    assert "disabled " in out.splitlines()[1]
    code, _, err = run(capsys, "user", "disable", "admin1")
    assert code == 1 and err.startswith("Error [USER_DISABLED]")


def test_cli_errors_are_coded_and_change_nothing(
    engine: Engine, cli_env: Settings, capsys, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    """Unknown province or station, weak password, duplicate or unknown user: one coded line."""
    monkeypatch.setenv("CAX_CONSOLE_PASSWORD", PASSWORD)
    code, _, err = run(capsys, "user", "add", "an", "--role", "viewer", "--scope", "province:99")
    assert code == 1 and "BAD_ARGUMENT" in err  # "an" is too short a name
    code, _, err = run(capsys, "user", "add", "anvt", "--role", "viewer", "--scope", "province:99")
    assert (code, err) == (1, "Error [UNKNOWN_UNIT]: no province with code 99\n")
    code, _, err = run(
        capsys, "user", "add", "anvt", "--role", "viewer", "--scope", "station:12345"
    )
    assert code == 1 and err.startswith("Error [UNKNOWN_UNIT]: no station with code 12345")
    code, _, err = run(capsys, "user", "add", "anvt", "--role", "viewer", "--scope", "region:1")
    assert code == 1 and err.startswith("Error [BAD_ARGUMENT]: scope: all, province:CODE")
    with pytest.raises(SystemExit) as usage:
        main(["user", "add", "anvt", "--role", "boss", "--scope", "all"])
    assert usage.value.code == 2
    assert capsys.readouterr().err.startswith("Error [BAD_ARGUMENT]: argument --role")
    assert stored_user(engine, "anvt") is None
    monkeypatch.setenv("CAX_CONSOLE_PASSWORD", "short1A")
    code, _, err = run(capsys, "user", "add", "anvt", "--role", "viewer", "--scope", "all")
    assert (code, err) == (
        1,
        "Error [WEAK_PASSWORD]: the password must have at least 12 characters\n",
    )
    assert stored_user(engine, "anvt") is None
    monkeypatch.setenv("CAX_CONSOLE_PASSWORD", PASSWORD)
    assert run(capsys, "user", "add", "anvt", "--role", "viewer", "--scope", "all")[0] == 0
    code, _, err = run(capsys, "user", "add", "ANVT", "--role", "admin", "--scope", "all")
    assert (code, err) == (1, "Error [USER_EXISTS]: user anvt already exists\n")
    assert stored_user(engine, "anvt").role == "viewer"
    code, _, err = run(capsys, "user", "passwd", "nobody")
    assert (code, err) == (1, "Error [USER_NOT_FOUND]: no console user nobody\n")


def test_cli_prompts_twice_and_refuses_a_mismatch(
    engine: Engine, cli_env: Settings, capsys, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    """Without a file or variable the password is typed twice; two different ones add nobody."""
    monkeypatch.delenv("CAX_CONSOLE_PASSWORD", raising=False)
    typed = iter([PASSWORD, PASSWORD + "x"])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(typed))
    code, _, err = run(capsys, "user", "add", "anvt", "--role", "viewer", "--scope", "all")
    assert code == 1 and err.startswith("Error [BAD_ARGUMENT]: the two passwords differ")
    assert stored_user(engine, "anvt") is None
    typed = iter([PASSWORD, PASSWORD])
    assert run(capsys, "user", "add", "anvt", "--role", "viewer", "--scope", "all")[0] == 0


@pytest.mark.parametrize(
    ("password", "rule"),
    [
        ("Ab1-short", "at least 12 characters"),
        ("alllowercaseletters", "three of"),
        ("ALLUPPER1234567", "lower case, upper case, digits, other signs"),
        ("Aa1Aa1Aa1Aa1Aa1", "repeats too few characters"),
        ("My-lan.nt-Password1", "must not contain the user name"),
    ],
)
def test_password_rules_say_which_rule(password: str, rule: str) -> None:
    """Each refused password names the rule it broke."""
    with pytest.raises(ServerError) as refused:
        passwords.check_new_password(password, "lan.nt")
    assert refused.value.code == "WEAK_PASSWORD"
    assert rule in refused.value.detail


def test_password_hash_verifies_only_the_password(real_password_cost) -> None:  # type: ignore[no-untyped-def]
    """Argon2id with a fresh salt each time; a malformed stored hash never matches."""
    first, second = passwords.hash_password(PASSWORD), passwords.hash_password(PASSWORD)
    assert first != second
    assert passwords.verify_password(PASSWORD, first)
    assert not passwords.verify_password(PASSWORD + " ", first)
    assert not passwords.verify_password(PASSWORD, "argon2id$garbage")
    assert not passwords.verify_password(PASSWORD, first.replace("argon2id", "argon2i", 1))


def _scope_codes(engine: Engine, user: ConsoleUser) -> set[str]:
    with engine.connect() as conn:
        by_condition = set(
            conn.execute(select(Station.code).where(station_condition(user))).scalars()
        )
        by_ids = set(
            conn.execute(
                select(Station.code).where(Station.id.in_(in_scope_station_ids(user)))
            ).scalars()
        )
    assert by_condition == by_ids
    return by_condition


def test_scope_condition_selects_exactly_the_users_stations(engine: Engine) -> None:
    """Province scope: that province's stations only; station scope: one; all: every one."""
    add_station(engine, "00004", "01")
    add_station(engine, "00006", "01")
    add_station(engine, "01234", "02")
    add_station(engine, "09999", None)  # a unit whose province is not known
    province = ConsoleUser(1, "lan", "", "viewer", "province", "01")
    station = ConsoleUser(2, "an", "", "viewer", "station", "01234")
    everyone = ConsoleUser(3, "quan", "", "admin", "all", None)
    nowhere = ConsoleUser(4, "x", "", "viewer", "province", None)
    assert _scope_codes(engine, province) == {"00004", "00006"}
    assert _scope_codes(engine, station) == {"01234"}
    assert _scope_codes(engine, everyone) == {"00004", "00006", "01234", "09999"}
    assert _scope_codes(engine, nowhere) == set()
