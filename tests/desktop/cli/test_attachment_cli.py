"""`cax record attach|attachments|detach|extract`: files from a terminal, refusals by code."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from desktop.cli import main as cli_main
from tests.desktop.conftest import OFFICER, OFFICER_PASSWORD, SUPERVISOR, SUPERVISOR_PASSWORD
from tests.desktop.storage import attachment_files as files

EXAMPLES = Path(__file__).resolve().parents[3] / "docs" / "examples"


@pytest.fixture
def cax(station_home, monkeypatch, capsys):
    """Run `cax` in-process as the officer; returns (exit code, stdout, stderr)."""
    monkeypatch.setenv("CAX_HOME", str(station_home.home))
    monkeypatch.setenv("CAX_USER", OFFICER)
    monkeypatch.setenv("CAX_PASSWORD", OFFICER_PASSWORD)

    def run(*argv: str) -> tuple[int, str, str]:
        code = cli_main.main(list(argv))
        out, err = capsys.readouterr()
        return code, out, err

    return run


def _record(cax) -> str:
    _, out, _ = cax("record", "new", "F1", "--data", str(EXAMPLES / "F1.json"))
    record_id = out.strip()
    assert cax("record", "complete", record_id)[0] == 0
    return record_id


def test_attach_list_detach_and_extract(cax, monkeypatch, tmp_path):
    record_id = _record(cax)
    photo = files.photo_with_gps(tmp_path / "hien_truong.jpg")
    scan = files.clean_pdf(tmp_path / "bien_ban.pdf", payload=os.urandom(1000))
    code, out, err = cax("record", "attach", record_id, str(photo), str(scan))
    assert code == 0, err
    assert "hien_truong.jpg" in out and "bien_ban.pdf" in out and "r2" in out
    code, out, _ = cax("record", "attachments", record_id, "--json")
    listed = json.loads(out)
    assert [a["name"] for a in listed] == ["hien_truong.jpg", "bien_ban.pdf"]
    assert all(len(a["sha256"]) == 64 for a in listed)

    code, _, err = cax("record", "extract", record_id, "bien_ban.pdf", "--out", str(tmp_path / "o"))
    assert code == 7 and "[PERMISSION_DENIED]" in err  # officers do not extract
    code, out, err = cax("record", "detach", record_id, "hien_truong.jpg", "--reason", "mờ")
    assert (code, out.strip()) == (0, "3"), err
    code, _, err = cax("record", "detach", record_id, "hien_truong.jpg", "--reason", "mờ")
    assert code == 8 and "[ATTACHMENT_NOT_FOUND]" in err

    monkeypatch.setenv("CAX_USER", SUPERVISOR)
    monkeypatch.setenv("CAX_PASSWORD", SUPERVISOR_PASSWORD)
    out_file = tmp_path / "ban_sao.pdf"
    code, _, err = cax("record", "extract", record_id, "bien_ban.pdf", "--out", str(out_file))
    assert code == 0, err
    assert out_file.read_bytes() == scan.read_bytes()
    code, out, _ = cax("record", "attachments", record_id, "--all")
    assert "-r3 lan: mờ" in out


def test_record_show_lists_the_current_files(cax, tmp_path):
    record_id = _record(cax)
    photo = files.photo_with_gps(tmp_path / "hien_truong.jpg")
    assert cax("record", "attach", record_id, str(photo))[0] == 0
    code, out, err = cax("record", "show", record_id)
    assert code == 0, err
    attachments_part = out.split("attachments:")[1]
    assert "hien_truong.jpg" in attachments_part and "image/jpeg" in attachments_part
    code, out, _ = cax("record", "show", record_id, "--json")
    assert [a["name"] for a in json.loads(out)["attachments"]] == ["hien_truong.jpg"]


@pytest.mark.parametrize(
    ("make", "code", "exit_code"),
    [
        (lambda d: files.png_bomb(d / "bom.png"), "ATTACHMENT_IMAGE_TOO_BIG", 12),
        (lambda d: files.script_pdf(d / "js.pdf"), "ATTACHMENT_PDF_UNSAFE", 12),
        (lambda d: files.clean_pdf(d / "anh.png"), "ATTACHMENT_TYPE_MISMATCH", 12),
        (lambda d: d / "missing.pdf", "ATTACHMENT_UNREADABLE", 1),
    ],
)
def test_refusals_are_one_coded_line(cax, tmp_path, make, code, exit_code):
    record_id = _record(cax)
    status, _, err = cax("--lang", "en", "record", "attach", record_id, str(make(tmp_path)))
    assert status == exit_code and f"[{code}]" in err and "Traceback" not in err
    assert "nothing was attached" in err.lower() or code == "ATTACHMENT_UNREADABLE"
    assert cax("record", "attachments", record_id, "--json")[1].strip() == "[]"


def test_db_check_names_a_damaged_file_and_deletes_an_orphan(
    cax, monkeypatch, station_home, tmp_path
):
    """A sealed file damaged on disk: `db check` says ATTACHMENT_CORRUPT with its hash (exit 1)
    and `record extract` refuses with the code (exit 5), never a traceback. A file no record uses
    (left by an attach killed after this process unlocked) is deleted and named."""
    from desktop.storage.station import StationSession

    record_id = _record(cax)
    scan = files.clean_pdf(tmp_path / "bien_ban.pdf", payload=os.urandom(1000))
    assert cax("record", "attach", record_id, str(scan))[0] == 0
    monkeypatch.setenv("CAX_USER", SUPERVISOR)
    monkeypatch.setenv("CAX_PASSWORD", SUPERVISOR_PASSWORD)
    [sealed] = (station_home.home / "files").iterdir()
    orphan = sealed.with_name("99" + sealed.name[sealed.name.index("-") :])
    orphan.write_bytes(sealed.read_bytes())
    data = bytearray(sealed.read_bytes())
    data[-1] ^= 0x01
    sealed.write_bytes(bytes(data))
    # The unlock's own sweep would take the orphan first: leave it to the check here.
    monkeypatch.setattr(StationSession, "settle_attachment_files", lambda self, old_key=None: [])
    code, out, err = cax("db", "check")
    assert code == 1, err
    sha = json.loads(cax("record", "attachments", record_id, "--json")[1])[0]["sha256"]
    assert f"ATTACHMENT_CORRUPT: {sha}" in out
    assert f"'{orphan.name}'" in out and not orphan.exists()
    code, _, err = cax("record", "extract", record_id, "bien_ban.pdf", "--out", str(tmp_path / "o"))
    assert code == 5 and "[ATTACHMENT_CORRUPT]" in err and "Traceback" not in err
    assert not (tmp_path / "o").exists()
    # Which check failed goes to the command's log for whoever maintains the station, not to
    # the terminal beside the translated message.
    logged = (station_home.home / "logs" / "cax-cli.log").read_text(encoding="utf-8")
    assert "its file does not open" in logged and "its file does not open" not in err
