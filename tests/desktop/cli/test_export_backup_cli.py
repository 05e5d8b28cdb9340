"""`cax export` and `cax backup …` from a terminal: files written, one clear line per refusal."""

from __future__ import annotations

import csv
import errno
import json
from pathlib import Path

import pytest

from desktop.cli import main as cli_main
from desktop.storage import files
from tests.desktop.conftest import OFFICER, OFFICER_PASSWORD, SUPERVISOR, SUPERVISOR_PASSWORD

EXAMPLES = Path(__file__).resolve().parents[3] / "docs" / "examples"


@pytest.fixture
def cax(station_home, monkeypatch, capsys):
    """Run `cax` in-process as the supervisor, in English; returns (exit code, stdout, stderr)."""
    monkeypatch.setenv("CAX_HOME", str(station_home.home))
    monkeypatch.setenv("CAX_USER", SUPERVISOR)
    monkeypatch.setenv("CAX_PASSWORD", SUPERVISOR_PASSWORD)

    def run(*argv: str) -> tuple[int, str, str]:
        code = cli_main.main(["--lang", "en", *argv])
        out, err = capsys.readouterr()
        return code, out, err

    for form_id in ("F1", "F3"):
        assert run("record", "new", form_id, "--data", str(EXAMPLES / f"{form_id}.json"))[0] == 0
    return run


def test_export_csv_with_filters(cax, tmp_path):
    """--form and --search select as the Records page; the CSV keeps the accents."""
    out = tmp_path / "f1.csv"
    code, stdout, err = cax(
        "export", "--format", "csv", "--out", str(out), "--form", "F1", "--search", "nguyen van"
    )
    assert code == 0, err
    assert "Exported 1 record(s)" in stdout
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert len(rows) == 2 and rows[1][1].startswith("F1") and "Nguyễn Văn Đức" in rows[1]


def test_export_xlsx_json_and_a_bad_date(cax, tmp_path):
    """--json prints the count; a date that is not dd/mm/yyyy is refused with INVALID_INPUT."""
    out = tmp_path / "all.xlsx"
    code, stdout, _ = cax("export", "--format", "xlsx", "--out", str(out), "--json")
    assert code == 0 and json.loads(stdout)["count"] == 2 and out.exists()
    code, _, err = cax("export", "--format", "xlsx", "--out", str(out), "--from", "2026-13-45")
    assert code == 1 and "INVALID_INPUT" in err and "Traceback" not in err


def test_officer_is_refused(cax, tmp_path, monkeypatch):
    """An officer gets PERMISSION_DENIED (exit 7) and no file."""
    monkeypatch.setenv("CAX_USER", OFFICER)
    monkeypatch.setenv("CAX_PASSWORD", OFFICER_PASSWORD)
    code, _, err = cax("export", "--format", "csv", "--out", str(tmp_path / "x.csv"))
    assert code == 7 and "PERMISSION_DENIED" in err
    assert not (tmp_path / "x.csv").exists()


def test_backup_create_check_and_restore(cax, tmp_path, station_home):
    """Create, check and restore into an empty folder; the restored station lists the records."""
    target = tmp_path / "b.caxbackup"
    code, stdout, err = cax("backup", "create", str(target))
    assert code == 0, err
    assert "verified" in stdout and "2 records" in stdout
    code, stdout, _ = cax("backup", "check", str(target))
    assert code == 0 and "Valid backup" in stdout
    new_home = tmp_path / "new"
    code, stdout, err = cax("backup", "restore", str(target), "--home", str(new_home))
    assert code == 0, err
    assert "restored" in stdout and "Log in with the passwords of the backup" in stdout
    code, stdout, _ = cax("record", "list", "--home", str(new_home), "--json")
    assert code == 0 and len(json.loads(stdout)) == 2
    code, stdout, _ = cax("backup", "restore", str(target))
    assert code == 0 and "kept in" in stdout and "before-restore-" in stdout


def test_damaged_backup_is_refused_with_its_code(cax, tmp_path, station_home):
    """A cut-off file: exit 5, BACKUP_DAMAGED and a plain sentence, no password asked."""
    target = tmp_path / "b.caxbackup"
    assert cax("backup", "create", str(target))[0] == 0
    target.write_bytes(target.read_bytes()[:5000])
    code, _, err = cax("backup", "restore", str(target), "--user", "")
    assert code == 5 and "BACKUP_DAMAGED" in err and "current data was left" in err
    assert "Traceback" not in err


def test_vietnamese_is_the_default_language(cax, tmp_path, capsys, monkeypatch):
    """Without --lang the messages are Vietnamese (as every `cax` message)."""
    for var in ("CAX_LANG", "LC_ALL", "LANG"):
        monkeypatch.delenv(var, raising=False)
    target = tmp_path / "b.caxbackup"
    target.write_text("x")
    code = cli_main.main(["backup", "check", str(target)])
    err = capsys.readouterr().err
    assert code == 5 and "Tệp sao lưu bị hỏng" in err


@pytest.mark.parametrize("command", ["export", "backup"])
def test_a_read_only_folder_is_one_clear_line(cax, tmp_path, monkeypatch, station_home, command):
    """A read-only USB stick: FILE_UNWRITABLE naming the file (exit 1), no traceback, no file."""

    def refuse(*_args, **_kwargs):
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(files.os, "replace", refuse)  # the same `os` module as backup's
    target = tmp_path / ("a.csv" if command == "export" else "b.caxbackup")
    if command == "export":
        code, _, err = cax("export", "--format", "csv", "--out", str(target))
    else:
        code, _, err = cax("backup", "create", str(target))
    assert code == 1 and "FILE_UNWRITABLE" in err and str(target) in err
    assert "Cannot write the file" in err and "Traceback" not in err
    assert [p for p in tmp_path.iterdir() if p != station_home.home] == []


def test_a_full_disk_during_a_backup_is_disk_full(cax, tmp_path, monkeypatch, station_home):
    """The USB stick fills while the backup is written (ENOSPC), or SQLite finds the disk full
    while copying the database: DISK_FULL (exit 11), one line, no file, the station intact."""
    from desktop.storage import backup

    def no_space(*_args, **_kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    with monkeypatch.context() as patch:
        patch.setattr(files.os, "replace", no_space)
        code, _, err = cax("backup", "create", str(tmp_path / "a.caxbackup"))
    assert code == 11 and "DISK_FULL" in err and "The disk is full" in err
    assert "Traceback" not in err

    open_raw = backup._open_raw

    def tiny_disk(path, key):  # the copy may not grow past two pages: SQLite's own SQLITE_FULL
        conn = open_raw(path, key)
        conn.execute("PRAGMA max_page_count = 2")
        return conn

    with monkeypatch.context() as patch:
        patch.setattr(backup, "_open_raw", tiny_disk)
        code, _, err = cax("backup", "create", str(tmp_path / "b.caxbackup"))
    assert code == 11 and "DISK_FULL" in err and "Traceback" not in err
    assert [p for p in tmp_path.iterdir() if p != station_home.home] == []
    code, out, _ = cax("record", "list", "--json")
    assert code == 0 and len(json.loads(out)) == 2  # what was saved before is all there
