"""Station files are private to their owner, or shared with the group in a setgid station folder."""

from __future__ import annotations

import os
import stat
import sys

import pytest

from desktop.storage import crypto
from desktop.storage.station import Station

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")


def _mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _create(home):
    Station.create(
        home,
        code="00004",
        name="Trạm",
        supervisor="truong",
        password="Ba-Dinh-2026!",
        kdf=crypto.TEST_KDF,
    )[0].close()


def _attachment_files(home):
    """The station's attachment folder, made by writing one sealed file under a restrictive umask
    (the modes must not depend on it)."""
    session = Station(home).unlock("truong", "Ba-Dinh-2026!")
    old = os.umask(0o077)
    try:
        session.db.blob_files.writer(1).finish()
    finally:
        os.umask(old)
        session.close()
    return home / "files"


def test_files_are_private_by_default(tmp_path):
    """A per-user station: database and key slots readable by their owner only."""
    home = tmp_path / "station"
    _create(home)
    assert _mode(home / "station.db") == 0o600
    assert _mode(home / "station.keys") == 0o600
    folder = _attachment_files(home)
    assert _mode(folder) == 0o700 and _mode(next(folder.iterdir())) == 0o600


def test_a_setgid_folder_shares_files_with_its_group(tmp_path):
    """A machine-wide folder an administrator made setgid: the group gets the owner's rights."""
    home = tmp_path / "shared"
    home.mkdir()
    os.chmod(home, 0o2770)
    _create(home)
    assert _mode(home / "station.db") == 0o660
    assert _mode(home / "station.keys") == 0o660
    folder = _attachment_files(home)
    assert _mode(folder) == 0o2770 and _mode(next(folder.iterdir())) == 0o660
