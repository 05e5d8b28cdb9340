"""`cax print RECORD --pdf FILE`: a PDF from a terminal without a display, audited; clear refusals."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pypdf
import pytest

from desktop.cli import main as cli_main
from desktop.core.audit_actions import AuditAction
from desktop.storage import audit
from tests.desktop.conftest import OFFICER, OFFICER_PASSWORD

# Slow: renders whole documents to PDF through `cax`. `make test` runs them; `make check` does not.
pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[3]
EXAMPLES = ROOT / "docs" / "examples"


@pytest.fixture
def cax(station_home, monkeypatch, capsys):
    """Run `cax` in-process as the officer (commands that never load Qt)."""
    monkeypatch.setenv("CAX_HOME", str(station_home.home))
    monkeypatch.setenv("CAX_USER", OFFICER)
    monkeypatch.setenv("CAX_PASSWORD", OFFICER_PASSWORD)

    def run(*argv: str) -> tuple[int, str, str]:
        code = cli_main.main(list(argv))
        out, err = capsys.readouterr()
        return code, out, err

    return run


def cax_process(home: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    """`cax` as its own process with no display, as on a station's terminal or a server."""
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.pop("QT_QPA_PLATFORM", None)  # the command must choose offscreen itself
    env |= {"CAX_HOME": str(home), "CAX_USER": OFFICER, "CAX_PASSWORD": OFFICER_PASSWORD}
    return subprocess.run(
        [sys.executable, "-m", "desktop.cli.main", *argv],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def new_record(cax, form_id: str, *, complete: bool = True) -> str:
    code, out, err = cax("record", "new", form_id, "--data", str(EXAMPLES / f"{form_id}.json"))
    assert code == 0, out + err
    record_id = out.strip().splitlines()[-1]
    if complete:
        assert cax("record", "complete", record_id)[0] == 0
    return record_id


def test_print_writes_an_audited_pdf(cax, station_home, tmp_path):
    """The PDF holds the document; the line says it is a draft; the audit log has RECORD_PRINTED."""
    record_id = new_record(cax, "F3")
    target = tmp_path / "bien-ban.pdf"
    done = cax_process(station_home.home, "print", record_id, "--pdf", str(target), "--lang", "en")
    assert done.returncode == 0, done.stdout + done.stderr
    assert f"Saved {target}" in done.stdout and "a DRAFT" in done.stdout
    reader = pypdf.PdfReader(str(target))
    text = re.sub(r"\s+", " ", " ".join(p.extract_text() for p in reader.pages))
    assert "Số: 01/BB-VPHC" in text and "Trần Quốc Bảo" in text and "DỰ THẢO" in text
    assert reader.metadata.title == "01/BB-VPHC – Biên bản vi phạm hành chính"
    session = station_home.unlock()  # the audit log is for supervisors to read
    try:
        with session.db.read() as conn:
            entries = audit.entries(conn, limit=5, action=AuditAction.RECORD_PRINTED)
    finally:
        session.close()
    assert [(e.actor, e.target, e.details["output"]) for e in entries] == [
        (OFFICER, record_id, "pdf")
    ]


def test_print_json_names_the_revision_and_hash(cax, station_home, tmp_path):
    """--json gives what a script needs to check the printout later."""
    record_id = new_record(cax, "F5", complete=False)
    target = tmp_path / "luu-tru.pdf"
    done = cax_process(station_home.home, "print", record_id, "--pdf", str(target), "--json")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["record"] == record_id and result["revision"] == 1 and result["draft"] is True
    assert re.fullmatch(r"[0-9a-f]{64}", result["content_hash"]) and result["pages"] >= 1


def test_other_commands_do_not_load_qt():
    """Only `cax print` reaches Qt, lazily: importing the CLI loads no PySide6."""
    code = "import sys, desktop.cli.main; print('PySide6' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert done.stdout.strip() == "False", done.stderr


def test_refusals_are_clear(cax, station_home, tmp_path, monkeypatch):
    """A missing folder, an unknown record, a build without Qt: one line each, no traceback."""
    record_id = new_record(cax, "F3")
    code, _, err = cax("print", record_id, "--pdf", str(tmp_path / "nowhere" / "x.pdf"))
    assert code == 1 and "INVALID_INPUT" in err and "pdf" in err and "Traceback" not in err
    # In a process of its own: a print that gets as far as Qt makes this one a Qt GUI process.
    done = cax_process(station_home.home, "print", "0190-none", "--pdf", str(tmp_path / "x.pdf"))
    assert done.returncode == 8 and "RECORD_NOT_FOUND" in done.stderr
    assert "Traceback" not in done.stderr
    monkeypatch.setitem(sys.modules, "desktop.render", None)  # as in a bundle without Qt
    code, _, err = cax("print", record_id, "--pdf", str(tmp_path / "x.pdf"), "--lang", "en")
    assert code == 10 and "print or save the PDF from the CAX Desk app" in err
    assert not (tmp_path / "x.pdf").exists()


def test_a_pdf_that_cannot_be_written_is_refused_and_not_audited(cax, station_home, tmp_path):
    """A target Qt cannot write (here: an existing folder's name): FILE_UNWRITABLE, exit 1, no
    "Saved" line and no RECORD_PRINTED for a file that does not exist."""
    record_id = new_record(cax, "F3")
    target = tmp_path / "a-folder.pdf"
    target.mkdir()
    done = cax_process(station_home.home, "print", record_id, "--pdf", str(target), "--lang", "en")
    assert done.returncode == 1 and "[FILE_UNWRITABLE]" in done.stderr
    assert "Saved" not in done.stdout and "Traceback" not in done.stderr
    session = station_home.unlock()
    try:
        with session.db.read() as conn:
            printed = audit.entries(conn, limit=5, action=AuditAction.RECORD_PRINTED)
    finally:
        session.close()
    assert printed == []


def test_print_puts_nothing_internal_on_paper_and_the_decision_is_signed(
    cax, station_home, tmp_path
):
    """`cax print` of the decision example: the template's reference, not the catalogue's
    marker or the decision kind's code; the station head's block with the signer's name."""
    record_id = new_record(cax, "F4")
    target = tmp_path / "quyet-dinh.pdf"
    done = cax_process(station_home.home, "print", record_id, "--pdf", str(target))
    assert done.returncode == 0, done.stdout + done.stderr
    pages = [p.extract_text() for p in pypdf.PdfReader(str(target)).pages]
    text = re.sub(r"\(\s+", "(", re.sub(r"\s+", " ", " ".join(pages)))
    assert text.startswith("DỰ THẢO Mẫu MQĐ02 ")  # completed, not approved: a draft
    assert "ND118" not in text and "(MQĐ02)" not in text and "Loại quyết định" not in text
    signature = re.search(
        r"TRƯỞNG CÔNG AN (\w+ )+\(Ký, ghi rõ họ tên, đóng dấu\) Nguyễn Văn Trưởng", text
    )
    assert signature is not None, text[-400:]


def test_print_chooses_the_paper_of_a_form_that_prints_two(cax, station_home, tmp_path):
    """F1: the intake minutes by default, the transfer slip with --document transfer (its own
    number and date), each audited under its template; an unknown name lists the choices."""
    record_id = new_record(cax, "F1")
    intake, slip = tmp_path / "tiep-nhan.pdf", tmp_path / "phieu-chuyen.pdf"
    done = cax_process(station_home.home, "print", record_id, "--pdf", str(intake), "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["template"] == "TT119-M01"
    done = cax_process(
        station_home.home, "print", record_id, "--pdf", str(slip), "--document", "transfer"
    )
    assert done.returncode == 0, done.stdout + done.stderr
    text = re.sub(r"\s+", " ", " ".join(p.extract_text() for p in pypdf.PdfReader(str(slip)).pages))
    assert "PHIẾU CHUYỂN" in text and "Số: 12/PC" in text and "NGƯỜI TỐ GIÁC" not in text
    code, _, err = cax("print", record_id, "--pdf", str(tmp_path / "x.pdf"), "--document", "x")
    assert code == 1 and "INVALID_INPUT" in err and "intake | transfer" in err
    assert "Traceback" not in err and not (tmp_path / "x.pdf").exists()
    session = station_home.unlock()
    try:
        with session.db.read() as conn:
            printed = audit.entries(conn, limit=5, action=AuditAction.RECORD_PRINTED)
    finally:
        session.close()
    assert sorted(e.details["document"] for e in printed) == ["TT119-M01", "TT119-M03"]
