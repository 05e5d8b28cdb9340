"""`cax report`: figures of a period in the terminal and as JSON, submission, the PDF, and clear
refusals for a bad period or an officer."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from desktop.cli import main as cli_main
from desktop.core.audit_actions import AuditAction
from desktop.storage import audit
from tests.desktop.conftest import OFFICER, OFFICER_PASSWORD, SUPERVISOR, SUPERVISOR_PASSWORD

# Slow: renders whole reports to PDF through `cax`. `make test` runs them; `make check` does not.
pytestmark = pytest.mark.slow

EXAMPLES = Path(__file__).resolve().parents[3] / "docs" / "examples"


@pytest.fixture
def cax(qapp, station_home, monkeypatch, capsys):
    """Run `cax` in-process as the supervisor; returns (exit code, stdout, stderr).

    `qapp` first: `cax report --pdf` would otherwise make this test process a bare
    QGuiApplication (all the command needs), and widget tests later in the run could not start."""
    monkeypatch.setenv("CAX_HOME", str(station_home.home))
    monkeypatch.setenv("CAX_USER", SUPERVISOR)
    monkeypatch.setenv("CAX_PASSWORD", SUPERVISOR_PASSWORD)

    def run(*argv: str) -> tuple[int, str, str]:
        code = cli_main.main(["--lang", "vi", *argv])
        out, err = capsys.readouterr()
        return code, out, err

    return run


def _add_incident(cax) -> None:
    """The F2 example (22/11/2026), completed."""
    code, out, err = cax("record", "new", "F2", "--data", str(EXAMPLES / "F2.json"))
    assert code == 0, out + err
    assert cax("record", "complete", out.strip().splitlines()[-1])[0] == 0


def test_report_prints_the_figures_and_submits_with_a_pdf(cax, tmp_path):
    """A month's figures as JSON; --submit freezes them; --pdf writes a document whose text holds
    the number, the motto and the period."""
    _add_incident(cax)
    code, out, err = cax("report", "--period", "2026-11", "--json")
    assert code == 0, err
    data = json.loads(out)
    assert data["status"] == "new"
    rows = {r["id"]: r for s in data["content"]["sections"] for r in s["rows"]}
    assert rows["f2.total"]["current"] == 1
    assert rows["f2.category.trat_tu_cong_cong"]["current"] == 1

    narrative = tmp_path / "narrative.json"
    narrative.write_text(json.dumps({"plans": "Tăng cường tuần tra ban đêm."}), encoding="utf-8")
    pdf = tmp_path / "bao-cao.pdf"
    code, out, err = cax(
        "report", "--period", "2026-11", "--submit", "--narrative", str(narrative),
        "--pdf", str(pdf),
    )  # fmt: skip
    assert code == 0, err
    assert "Tháng 11 năm 2026" in out and "Đã gửi báo cáo số 01/BC" in out
    # pypdf separates words with tabs: compare with single spaces.
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(pdf).pages).split())
    for expected in ("01/BC", "Độc lập - Tự do - Hạnh phúc", "tháng 11 năm 2026", "ban đêm"):
        assert expected in text, expected

    _add_incident(cax)  # after submission: the report keeps its figures
    code, out, _ = cax("report", "--period", "2026-11", "--json")
    frozen = json.loads(out)
    assert frozen["status"] == "submitted" and frozen["number"] == "01/BC"
    rows = {r["id"]: r for s in frozen["content"]["sections"] for r in s["rows"]}
    assert rows["f2.total"]["current"] == 1
    code, _, err = cax("report", "--period", "2026-11", "--submit")
    assert code == 9 and "[REPORT_SUBMITTED]" in err


def test_bad_period_is_refused_before_the_password(cax, monkeypatch):
    """A period that does not exist gets one clear line, without asking for a password."""
    monkeypatch.delenv("CAX_PASSWORD")
    code, _, err = cax("report", "--period", "2026-13")
    assert code == 1
    assert "[INVALID_INPUT]" in err and "Traceback" not in err


def test_officer_is_refused(cax, monkeypatch):
    """Reports are for supervisors."""
    monkeypatch.setenv("CAX_USER", OFFICER)
    monkeypatch.setenv("CAX_PASSWORD", OFFICER_PASSWORD)
    code, _, err = cax("report", "--period", "2026-10")
    assert code == 7 and "[PERMISSION_DENIED]" in err


def test_pdf_refusals_come_before_the_submission(cax, tmp_path, monkeypatch):
    """`--submit --pdf` with no folder there, or in a build without Qt: one clear line, and the
    report is not submitted (nothing frozen behind an error)."""
    _add_incident(cax)
    nowhere = tmp_path / "nowhere" / "bao-cao.pdf"
    code, _, err = cax("report", "--period", "2026-11", "--submit", "--pdf", str(nowhere))
    assert code == 1 and "[INVALID_INPUT]" in err and "Traceback" not in err
    monkeypatch.setitem(sys.modules, "desktop.render", None)  # as in a bundle without Qt
    pdf = tmp_path / "bao-cao.pdf"
    code, _, err = cax("report", "--period", "2026-11", "--submit", "--pdf", str(pdf))
    assert code == 10 and "[PRINTING_UNAVAILABLE]" in err and not pdf.exists()
    code, out, _ = cax("report", "--period", "2026-11", "--json")
    assert code == 0 and json.loads(out)["status"] == "new"


def test_a_report_pdf_that_cannot_be_written_is_not_audited(cax, station_home, tmp_path):
    """A target Qt cannot write (an existing folder's name): FILE_UNWRITABLE, no REPORT_PRINTED."""
    target = tmp_path / "a-folder.pdf"
    target.mkdir()
    code, _, err = cax("report", "--period", "2026-11", "--pdf", str(target))
    assert code == 1 and "[FILE_UNWRITABLE]" in err and "Traceback" not in err
    session = station_home.unlock()
    try:
        with session.db.read() as conn:
            assert audit.entries(conn, limit=5, action=AuditAction.REPORT_PRINTED) == []
    finally:
        session.close()


def test_reporting_month_with_typed_figures(cax, tmp_path, monkeypatch):
    """`--period 2026-K11` is the 15/10–14/11 window; `--figures` saves the residence and ID
    applications of that period with the draft; a bad figure is refused before the password."""
    _add_incident(cax)  # 22/11/2026: outside the reporting month 11 (ends 14/11)
    figures = tmp_path / "figures.json"
    figures.write_text(json.dumps({"residence_received": 120, "id_received": "36"}), "utf-8")
    pdf = tmp_path / "ky-11.pdf"
    code, out, err = cax(
        "report", "--period", "2026-K11", "--figures", str(figures), "--pdf", str(pdf), "--json"
    )  # fmt: skip
    assert code == 0, err
    data = json.loads(out)
    assert (data["content"]["start"], data["content"]["end"]) == ("2026-10-15", "2026-11-14")
    rows = {r["id"]: r for s in data["content"]["sections"] for r in s["rows"]}
    assert rows["f2.total"]["current"] == 0
    assert rows["applications.residence_received"]["current"] == 120
    assert rows["applications.id_received"]["current"] == 36
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(pdf).pages).split())
    for expected in ("/BC-CAP", "kỳ báo cáo tháng 11 năm 2026", "TRƯỞNG CÔNG AN", "(đồng)"):
        assert expected in text, expected
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"residence_received": 5, "residence_online": 6}), "utf-8")
    monkeypatch.delenv("CAX_PASSWORD")
    code, _, err = cax("report", "--period", "2026-K11", "--figures", str(bad))
    assert code == 1 and "[INVALID_INPUT]" in err and "Traceback" not in err
