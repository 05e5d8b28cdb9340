"""Issue 13 at the command line: what `cax` says about each attack of an officer sharing the PC."""

from __future__ import annotations

import pytest

from desktop.cli import main as cli_main
from desktop.core.errors import WrongRecoveryKey
from desktop.core.permissions import Role
from desktop.storage import accounts, backup
from tests.desktop.conftest import OFFICER, OFFICER_PASSWORD, SUPERVISOR, SUPERVISOR_PASSWORD
from tests.desktop.storage.test_shared_pc_trust import MINH_PASSWORD, plant_hidden_slot


@pytest.fixture
def cax(station_home, monkeypatch, capsys):
    """Run `cax` in this process as the supervisor, in English; returns (exit code, out, err)."""
    monkeypatch.setenv("CAX_HOME", str(station_home.home))
    monkeypatch.setenv("CAX_USER", SUPERVISOR)
    monkeypatch.setenv("CAX_PASSWORD", SUPERVISOR_PASSWORD)
    for name in ("CAX_NEW_PASSWORD", "CAX_RECOVERY_KEY", "CAX_LANG"):
        monkeypatch.delenv(name, raising=False)

    def run(*argv: str) -> tuple[int, str, str]:
        code = cli_main.main(["--lang", "en", *argv])
        out = capsys.readouterr()
        return code, out.out, out.err

    return run


def test_db_check_names_a_hidden_slot_and_rekey_drops_it(station_home, cax):
    """`db check` fails with ORPHAN_KEY_SLOT naming the slot; `db rekey` after removing the
    officer says which slots it dropped; `db check` is clean again."""
    plant_hidden_slot(station_home)
    code, out, _ = cax("db", "check")
    assert code == 1
    assert "[ORPHAN_KEY_SLOT]" in out and "'ghost'" in out
    assert cax("user", "remove", OFFICER, "--reason", "left")[0] == 0
    code, out, err = cax("db", "rekey")
    assert code == 0, err
    assert "2 key slots rewrapped" in out and "ghost" in out.splitlines()[-1]
    code, out, _ = cax("db", "check")
    assert code == 0 and "ORPHAN" not in out


def test_restore_over_the_station_needs_its_current_supervisor(station_home, cax, tmp_path):
    """A removed supervisor with an old backup and its password: USER_REMOVED (exit 3), an
    officer: PERMISSION_DENIED (exit 7), nothing moved; the recovery key allows it, and `cax`
    names the revived user and recommends a rekey."""
    session = station_home.unlock()
    try:
        accounts.add_user(session, "minh", Role.SUPERVISOR, MINH_PASSWORD)
        backup.create_backup(session, tmp_path / "old.caxbackup")
        accounts.remove_user(session, "minh")
    finally:
        session.close()
    old = str(tmp_path / "old.caxbackup")
    backup_password = tmp_path / "minh.txt"
    backup_password.write_text(MINH_PASSWORD + "\n")
    officer_password = tmp_path / "lan.txt"
    officer_password.write_text(OFFICER_PASSWORD + "\n")

    code, _, err = cax(
        "backup", "restore", old, "--user", "minh", "--password-file", str(backup_password)
    )
    assert code == 3 and "[USER_REMOVED]" in err  # his backup password is no current login
    code, _, err = cax(
        "backup", "restore", old, "--user", OFFICER, "--password-file", str(officer_password)
    )
    assert code == 7 and "[PERMISSION_DENIED]" in err
    assert not any(p.name.startswith("before-restore-") for p in station_home.home.iterdir())

    key_file = tmp_path / "key.txt"
    key_file.write_text(station_home.recovery_key + "\n")
    code, out, err = cax(
        "backup",
        "restore",
        old,
        "--recovery-key",
        "--recovery-key-file",
        str(key_file),
        "--backup-user",
        "minh",
        "--backup-password-file",
        str(backup_password),
    )
    assert code == 0, err
    assert "removed from the station after it was made" in out and "minh" in out
    assert "cax db rekey" in out


@pytest.mark.parametrize("weak", ["12345678", "password"])
@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("en", "The password is too weak: it is one of the most used passwords"),
        ("vi", "Mật khẩu quá yếu: đây là một mật khẩu quá phổ biến"),
    ],
)
def test_an_officer_password_everyone_guesses_is_weak_password(
    station_home, cax, monkeypatch, capsys, weak, lang, said
):
    """`cax user add … --role officer` with 12345678 or password: WEAK_PASSWORD (exit 1), one
    translated line, and no user added."""
    monkeypatch.setenv("CAX_NEW_PASSWORD", weak)
    code = cli_main.main(["--lang", lang, "user", "add", "minh", "--role", "officer"])
    err = capsys.readouterr().err
    assert code == 1 and "[WEAK_PASSWORD]" in err and said in err
    assert len(err.strip().splitlines()) == 1
    assert "minh" not in station_home.station.load_slots().slots


def test_rekey_with_a_new_recovery_key_shows_it_once(station_home, cax):
    """`db rekey --new-recovery-key` prints the new key; the old one no longer works."""
    code, out, err = cax("db", "rekey", "--new-recovery-key")
    assert code == 0, err
    assert "NEW RECOVERY KEY" in out
    new_key = out.strip().splitlines()[-1].strip()
    assert new_key != station_home.recovery_key and len(new_key) == 39
    with pytest.raises(WrongRecoveryKey):
        station_home.station.reset_password_with_recovery_key(
            station_home.recovery_key, SUPERVISOR, "Moi-Sau-Khi-Thay-2026"
        )
    station_home.station.reset_password_with_recovery_key(
        new_key, SUPERVISOR, "Moi-Sau-Khi-Thay-2026"
    ).close()
