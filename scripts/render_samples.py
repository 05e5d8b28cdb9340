"""Render docs/samples/F1.png … F10.png, every page of each form's document, from docs/examples
(page 1 as F1.png, the next ones as F1-p2.png, …). A form printing several papers gets its
first as F1.png and the others by name: F1-transfer.png, F1-transfer-p2.png, …

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
from domain.validation import check_record  # noqa: E402
from tests.desktop.ui.pdf_raster import render_page  # noqa: E402

STATION = IssuingBody.from_station("Công an phường Ba Đình", "00004")
SAMPLE_DAY = date(2026, 11, 28)


def sample_facts(form_id: str, number_symbol: str | None) -> RecordFacts:
    document = json.loads((ROOT / "docs" / "examples" / f"{form_id}.json").read_text("utf-8"))
    form = load_catalogue().get(form_id)
    checked = check_record(
        form, document["values"], today=SAMPLE_DAY, now=datetime(2026, 11, 28, 9, 30)
    )
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "samples")
    parser.add_argument("--dpi", type=int, default=100)
    parser.add_argument("--pdf-dir", type=Path, default=None, help="also keep the PDFs here")
    args = parser.parse_args(argv)
    ensure_gui_application()
    args.out.mkdir(parents=True, exist_ok=True)
    pdf_dir = args.pdf_dir or Path(tempfile.mkdtemp(prefix="cax-samples-"))
    pdf_dir.mkdir(parents=True, exist_ok=True)
    for stale in args.out.glob("F*.png"):  # a page count that shrank leaves no old page
        stale.unlink()
    for form in load_catalogue():
        facts = sample_facts(form.id, form.numbering)
        for index, (name, _) in enumerate(documents_for(form)):
            stem = form.id if index == 0 else f"{form.id}-{name}"
            doc = build_document(form, facts, STATION, document=name)
            pdf = pdf_dir / f"{stem}.pdf"
            pages = write_pdf(doc, pdf)
            for page in range(pages):
                # Page 1 keeps the plain name (the README shows it); the others are F1-p2.png, …
                suffix = f"-p{page + 1}" if page else ""
                target = args.out / f"{stem}{suffix}.png"
                render_page(pdf, page, dpi=args.dpi).save(str(target), "PNG")
                print(f"{target}  page {page + 1}/{pages}  {target.stat().st_size // 1024} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
