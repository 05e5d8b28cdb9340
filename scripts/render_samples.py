"""Render docs/samples/F1.png … F10.png, every page of each form's document, from docs/examples
(page 1 as F1.png, the next ones as F1-p2.png, …). A form printing several papers gets its
first as F1.png and the others by name: F1-transfer.png, F1-transfer-p2.png, … A form whose
values choose between templates for one paper gets the others by template (F4-MQD01.png: the
decision without a record, VARIANTS below). And
docs/samples/report.png (report-p2.png, …): the periodic report of the reporting month 12/2026
(15/11–14/12) counted from those examples.

    .venv/bin/python scripts/render_samples.py [--out docs/samples] [--dpi 100] [--pdf-dir DIR]

The example values are normalised as the app stores them, printed as an approved record of
"Công an phường Ba Đình" (no watermark) through desktop.render.write_pdf, and every page is
rasterised with Qt's PDF module.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import tempfile
from datetime import date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from desktop.render import write_pdf  # noqa: E402
from desktop.render.headless import ensure_gui_application  # noqa: E402
from domain.documents import IssuingBody, RecordFacts, build_document, documents_for  # noqa: E402
from domain.forms import load_catalogue  # noqa: E402
from domain.reports.builder import PeriodData, build_content  # noqa: E402
from domain.reports.document import ReportFacts, report_document  # noqa: E402
from domain.reports.periods import parse_period  # noqa: E402
from domain.reports.profile import StationProfile  # noqa: E402
from domain.reports.sections import ReportRecord  # noqa: E402
from domain.validation import check_record  # noqa: E402
from tests.desktop.ui.pdf_raster import render_page  # noqa: E402

STATION = IssuingBody.from_station("Công an phường Ba Đình", "00004")
SAMPLE_DAY = date(2026, 11, 28)


# A form's other templates for the same paper, chosen by its values: each gets a sample of its
# own from the example with these changes. F4 without a record is MQĐ01; its fine is above the
# limit of such a decision, so the sample is a warning.
VARIANTS = {
    "F4": [
        (
            "F4-MQD01",
            {
                "decision_kind": "khong_lap_bien_ban",
                "main_penalty": "canh_cao",
                "fine_amount": None,
                "fine_in_words": None,
            },
        )
    ],
}


def sample_facts(
    form_id: str, number_symbol: str | None, changes: dict | None = None
) -> RecordFacts:
    document = json.loads((ROOT / "docs" / "examples" / f"{form_id}.json").read_text("utf-8"))
    form = load_catalogue().get(form_id)
    checked = check_record(
        form,
        document["values"] | (changes or {}),
        today=SAMPLE_DAY,
        now=datetime(2026, 11, 28, 9, 30),
    )
    errors = [p for p in checked.problems if p.is_error]
    if errors:
        raise SystemExit(f"{form_id} {changes or ''}: the sample is not valid: {errors}")
    digest = hashlib.sha256(json.dumps(checked.values, sort_keys=True).encode()).hexdigest()
    return RecordFacts(
        record_id=f"01900000-0000-7000-8000-0000000000{int(form_id[1:]):02d}",
        form_id=form_id,
        revision=1,
        status="approved",
        values=checked.values,
        content_hash=digest,
        number=f"05/{number_symbol}" if number_symbol else None,
        created_at="2026-11-28T09:30:00+07:00",
        author_name="Trần Thị Lan",
    )


REPORT_PERIOD = "2026-K12"  # the police's reporting month: 15/11/2026 to 14/12/2026
REPORT_DAY = date(2026, 12, 15)
REPORT_TYPED = {"residence_received": 126, "residence_online": 58, "residence_resolved": 121,
                "id_received": 43, "id_resolved": 40, "vneid_activated": 95}  # fmt: skip
REPORT_PROFILE = {
    "hq_status": "da_co", "hq_area": 420, "hq_year": 2024,
    "hq_funding_budget": 4_500_000_000, "hq_funding_socialised": 650_000_000,
    "barracks_status": "du", "chief_in_party_committee": "co",
    "staff_total": 16, "staff_officers": 13, "staff_investigators": 2, "staff_quota": 18,
    "cars": 1, "motorbikes": 6, "computers": 9, "printers": 4,
    "security_teams": 7, "security_team_members": 28,
}  # fmt: skip
REPORT_NARRATIVE = {
    "political_security": "Tình hình an ninh chính trị trên địa bàn ổn định, không phát sinh "
    "vụ việc phức tạp.",
    "plans": "Tăng cường tuần tra, kiểm soát ban đêm tại các tuyến phố Đội Cấn, Liễu Giai; "
    "tiếp tục rà soát, làm sạch dữ liệu dân cư.",
}


def render_report_sample(out: Path, pdf_dir: Path, dpi: int) -> None:
    """The report of REPORT_PERIOD from the example records, submitted by the chief."""
    catalogue = load_catalogue()
    period = parse_period(REPORT_PERIOD)
    records, supervised = [], []
    for form in catalogue:
        values = sample_facts(form.id, None).values
        record = ReportRecord(
            form.id, str(values.get(form.event_date_field or "", ""))[:10], values
        )
        if form.id == "F10":
            supervised.append(record)
        elif record.event_date and period.contains(date.fromisoformat(record.event_date)):
            records.append(record)
    profile = StationProfile(2, "2026-11-01", REPORT_PROFILE, "truong", "")
    content = build_content(
        catalogue,
        PeriodData(period, records, supervised, profile, typed=REPORT_TYPED),
        PeriodData(period.same_period_last_year()),
    )
    facts = ReportFacts(
        STATION,
        REPORT_DAY,
        "12/BC",
        True,
        "Thượng tá Nguyễn Văn Trưởng",
        report_id="5d0f6c2e-8a41-4b7e-9c1d-2f6a3b8e7c10",
    )
    pdf = pdf_dir / "report.pdf"
    pages = write_pdf(report_document(content, REPORT_NARRATIVE, facts), pdf)
    for page in range(pages):
        target = out / (f"report-p{page + 1}.png" if page else "report.png")
        render_page(pdf, page, dpi=dpi).save(str(target), "PNG")
        print(f"{target}  page {page + 1}/{pages}  {target.stat().st_size // 1024} KB")


def render_document(doc, stem: str, args: argparse.Namespace) -> None:
    """Every page of `doc` as PNG: page 1 keeps the plain name (the README shows it), the others
    are F1-p2.png, …"""
    pdf = args.pdf_dir / f"{stem}.pdf"
    pages = write_pdf(doc, pdf)
    for page in range(pages):
        suffix = f"-p{page + 1}" if page else ""
        target = args.out / f"{stem}{suffix}.png"
        render_page(pdf, page, dpi=args.dpi).save(str(target), "PNG")
        print(f"{target}  page {page + 1}/{pages}  {target.stat().st_size // 1024} KB")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "samples")
    parser.add_argument("--dpi", type=int, default=100)
    parser.add_argument("--pdf-dir", type=Path, default=None, help="also keep the PDFs here")
    args = parser.parse_args(argv)
    ensure_gui_application()
    args.out.mkdir(parents=True, exist_ok=True)
    args.pdf_dir = pdf_dir = args.pdf_dir or Path(tempfile.mkdtemp(prefix="cax-samples-"))
    pdf_dir.mkdir(parents=True, exist_ok=True)
    for stale in args.out.glob("F*.png"):  # a page count that shrank leaves no old page
        stale.unlink()
    for form in load_catalogue():
        facts = sample_facts(form.id, form.numbering)
        for index, (name, _) in enumerate(documents_for(form)):
            stem = form.id if index == 0 else f"{form.id}-{name}"
            render_document(build_document(form, facts, STATION, document=name), stem, args)
        for stem, changes in VARIANTS.get(form.id, []):
            facts = sample_facts(form.id, form.numbering, changes)
            render_document(build_document(form, facts, STATION), stem, args)
    render_report_sample(args.out, pdf_dir, args.dpi)
    return 0


if __name__ == "__main__":
    sys.exit(main())
