"""Issue 13 at the command line: what `cax` says about each attack of an officer sharing the PC."""

from __future__ import annotations

import pytest

from desktop.cli import main as cli_main
from tests.desktop.conftest import OFFICER, SUPERVISOR, SUPERVISOR_PASSWORD
from tests.desktop.storage.test_shared_pc_trust import plant_hidden_slot


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
