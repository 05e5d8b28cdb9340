"""`cax` as an administrator uses it: clear one-line errors with stable codes, never a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import sqlcipher3.dbapi2 as sqlcipher

from desktop.cli import main as cli_main
from desktop.storage import database
from tests.desktop.conftest import OFFICER, OFFICER_PASSWORD, SUPERVISOR, SUPERVISOR_PASSWORD

# Slow: each test runs `cax` in a new process, `init` at the real password cost. `make test` runs
# them; `make check` does not.
pytestmark = pytest.mark.slow


def run_cax(
    *args: str, env: dict[str, str] | None = None, stdin: str = ""
) -> subprocess.CompletedProcess:
    """The real program in a child process, as a script or a person would run it."""
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("CAX_")}
    full_env.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "desktop.cli.main", *args],
        env=full_env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
    )


def assert_one_clear_line(result: subprocess.CompletedProcess, code: str, exit_code: int) -> None:
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert f"[{code}]" in lines[0]
    assert result.returncode == exit_code


def as_user(home: Path, user: str, password: str) -> dict[str, str]:
    return {"CAX_HOME": str(home), "CAX_USER": user, "CAX_PASSWORD": password}


def test_init_prints_the_recovery_key_once_and_never_overwrites(tmp_path):
    """init sets up a station, shows the recovery key; a second init is refused (exit 4)."""
    home = tmp_path / "st"
    env = {"CAX_HOME": str(home), "CAX_PASSWORD": SUPERVISOR_PASSWORD}
    args = (
        "init",
        "--station-code",
        "25489",
        "--station-name",
        "Công an xã Tân Lập",
        "--supervisor",
        SUPERVISOR,
        "--lang",
        "en",
    )
    first = run_cax(*args, env=env)
    assert first.returncode == 0, first.stderr
    assert "RECOVERY KEY" in first.stdout
    key_line = first.stdout.strip().splitlines()[-1].strip()
    assert len(key_line.split("-")) == 8
    second = run_cax(*args, env=env)
    assert_one_clear_line(second, "STATION_EXISTS", 4)
    listing = run_cax("user", "list", env=as_user(home, SUPERVISOR, SUPERVISOR_PASSWORD))
    assert listing.returncode == 0 and SUPERVISOR in listing.stdout


@pytest.mark.parametrize(
    ("code", "error", "vietnamese"),
    [
        ("99999", "UNKNOWN_UNIT", "không phải mã của xã, phường hay đặc khu nào"),
        ("0004", "UNKNOWN_UNIT", "không phải mã của xã, phường hay đặc khu nào"),
        ("20333", "UNIT_WITHOUT_POLICE", "Đặc khu Hoàng Sa (20333) không có Công an cấp xã"),
        ("22736", "UNIT_WITHOUT_POLICE", "Đặc khu Trường Sa (22736) không có Công an cấp xã"),
    ],
)
def test_init_refuses_a_code_that_is_no_police_unit(tmp_path, code, error, vietnamese):
    """Station codes are units' codes: 99999 is none, and Hoàng Sa / Trường Sa have no police."""
    home = tmp_path / "st"
    env = {"CAX_HOME": str(home), "CAX_PASSWORD": SUPERVISOR_PASSWORD}
    args = ("init", "--station-code", code, "--station-name", "Công an thử")
    result = run_cax(*args, "--supervisor", SUPERVISOR, env=env)
    assert_one_clear_line(result, error, 1)
    assert vietnamese in result.stderr
    assert not home.exists() or not any(home.iterdir())  # nothing was written
    english = run_cax(*args, "--supervisor", SUPERVISOR, "--lang", "en", env=env)
    assert_one_clear_line(english, error, 1)
    assert "Traceback" not in english.stderr and "commune" in english.stderr


def test_wrong_password_in_vietnamese_and_english(station_home):
    """Wrong password: exit 3 and one line, Vietnamese by default, English with --lang en."""
    env = as_user(station_home.home, OFFICER, "sai-mat-khau")
    vi = run_cax("user", "list", env=env)
    assert_one_clear_line(vi, "WRONG_PASSWORD", 3)
    assert "Sai mật khẩu" in vi.stderr
    en = run_cax("user", "list", "--lang", "en", env=env)
    assert "Wrong password" in en.stderr


def test_each_failure_has_its_own_code(station_home, tmp_path):
    """Missing station, unknown user, officer without rights: distinct codes and exit codes."""
    missing = run_cax("user", "list", env=as_user(tmp_path / "none", SUPERVISOR, "x"))
    assert_one_clear_line(missing, "STATION_NOT_FOUND", 4)
    unknown = run_cax("user", "list", env=as_user(station_home.home, "ai-do", "x" * 10))
    assert_one_clear_line(unknown, "UNKNOWN_USER", 3)
    officer = run_cax("user", "list", env=as_user(station_home.home, OFFICER, OFFICER_PASSWORD))
    assert_one_clear_line(officer, "PERMISSION_DENIED", 7)


def test_removed_user_and_tampered_key_file(station_home):
    """A removed officer gets USER_REMOVED; a damaged key file gets KEYFILE_TAMPERED (exit 5)."""
    chief = as_user(station_home.home, SUPERVISOR, SUPERVISOR_PASSWORD)
    assert run_cax("user", "remove", OFFICER, "--reason", "nghỉ hưu", env=chief).returncode == 0
    removed = run_cax("user", "list", env=as_user(station_home.home, OFFICER, OFFICER_PASSWORD))
    assert_one_clear_line(removed, "USER_REMOVED", 3)
    keys = station_home.station.keys_path
    keys.write_bytes(keys.read_bytes().replace(b'"label"', b'"lbel"', 1))
    assert_one_clear_line(run_cax("user", "list", env=chief), "KEYFILE_TAMPERED", 5)


def test_truncated_database(station_home):
    """A database cut short: DATABASE_CORRUPT, exit 5, and the file is left as it was."""
    db = station_home.station.db_path
    db.write_bytes(db.read_bytes()[:2000])
    before = db.read_bytes()
    result = run_cax(
        "user", "list", env=as_user(station_home.home, SUPERVISOR, SUPERVISOR_PASSWORD)
    )
    assert_one_clear_line(result, "DATABASE_CORRUPT", 5)
    assert db.read_bytes() == before


def test_add_user_and_list_as_json(station_home):
    """A supervisor adds an officer (password piped in) who can then log in."""
    chief = as_user(station_home.home, SUPERVISOR, SUPERVISOR_PASSWORD)
    added = run_cax(
        "user",
        "add",
        "minh",
        "--role",
        "officer",
        "--full-name",
        "Phạm Đức Minh",
        env=chief,
        stdin="Phuong-Nam-71\n",
    )
    assert added.returncode == 0, added.stderr
    listed = run_cax("user", "list", "--json", env=chief)
    assert '"full_name": "Phạm Đức Minh"' in listed.stdout
    assert (
        run_cax(
            "audit", "verify", env=as_user(station_home.home, "minh", "Phuong-Nam-71")
        ).returncode
        == 7
    )


def test_recovery_key_resets_the_supervisor_password(station_home, tmp_path):
    """`unlock --recovery-key` sets a new supervisor password from the paper key."""
    new_password = tmp_path / "new.txt"
    new_password.write_text("Khoa-Moi-Tram-88\n")
    env = {
        "CAX_HOME": str(station_home.home),
        "CAX_USER": SUPERVISOR,
        "CAX_RECOVERY_KEY": station_home.recovery_key,
    }
    reset = run_cax("unlock", "--recovery-key", "--new-password-file", str(new_password), env=env)
    assert reset.returncode == 0, reset.stderr
    ok = run_cax("db", "check", env=as_user(station_home.home, SUPERVISOR, "Khoa-Moi-Tram-88"))
    assert ok.returncode == 0, ok.stdout + ok.stderr
    old = run_cax("db", "check", env=as_user(station_home.home, SUPERVISOR, SUPERVISOR_PASSWORD))
    assert_one_clear_line(old, "WRONG_PASSWORD", 3)


def test_audit_verify_names_the_altered_entry(station_home):
    """After an audit row is edited with the key, `audit verify` names it and exits 1."""
    session = station_home.unlock()
    key = session.data_key
    session.close()
    raw = sqlcipher.connect(str(station_home.station.db_path), isolation_level=None)
    raw.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    raw.execute("DROP TRIGGER audit_log_no_update")
    raw.execute("UPDATE audit_log SET actor = 'ke-gian' WHERE seq = 2")
    raw.close()
    result = run_cax(
        "audit",
        "verify",
        "--lang",
        "en",
        env=as_user(station_home.home, SUPERVISOR, SUPERVISOR_PASSWORD),
    )
    assert result.returncode == 1
    assert "entry 2 (altered)" in result.stdout


def test_locked_database_is_reported(station_home, monkeypatch, capsys):
    """Another program holding the write lock: DATABASE_LOCKED (exit 6) once the wait runs out."""
    monkeypatch.setattr(database, "BUSY_TIMEOUT_MS", 200)
    session = station_home.unlock()
    try:
        with session.db.write():
            monkeypatch.setenv("CAX_HOME", str(station_home.home))
            monkeypatch.setenv("CAX_PASSWORD", OFFICER_PASSWORD)
            code = cli_main.main(["user", "passwd", "--user", OFFICER])
    finally:
        session.close()
    assert code == 6
    assert "[DATABASE_LOCKED]" in capsys.readouterr().err


def test_unexpected_error_is_logged_not_shown(station_home, monkeypatch, capsys):
    """A bug shows one line pointing to the log; the traceback goes to the log file only."""

    def boom(*_args):
        raise RuntimeError("simulated bug")

    from desktop.cli import commands

    monkeypatch.setattr(commands, "db_check", boom)
    monkeypatch.setenv("CAX_HOME", str(station_home.home))
    code = cli_main.main(["db", "check"])
    err = capsys.readouterr().err
    assert code == cli_main.EXIT_INTERNAL
    assert "[INTERNAL_ERROR]" in err and "Traceback" not in err
    log = (station_home.home / "logs" / "cax-cli.log").read_text()
    assert "simulated bug" in log and "Traceback" in log


@pytest.mark.parametrize("argv", [["--version"]])
def test_version(argv, capsys):
    """`cax --version` prints the one project version."""
    from desktop.version import __version__

    with pytest.raises(SystemExit) as done:
        cli_main.main(argv)
    assert done.value.code == 0
    assert capsys.readouterr().out.strip() == f"cax {__version__}"
