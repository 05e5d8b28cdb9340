"""`cax report --period 2026-10 [--pdf FILE] [--submit]`: the periodic report from a terminal."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from desktop.cli.commands import EXIT_OK, open_session, print_json
from desktop.cli.messages import Messages
from desktop.core.errors import InvalidInput
from desktop.core.forms.catalogue import load_catalogue
from desktop.core.reports.content import ReportContent
from desktop.core.reports.formatting import format_change, format_change_percent, format_value
from desktop.core.reports.periods import parse_period
from desktop.storage.reports import ReportService, ReportView


def _narrative(path: str | None) -> dict[str, Any] | None:
    if not path:
        return None
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        raise InvalidInput(field="narrative", reason="data_file") from None
    if not isinstance(data, dict):
        raise InvalidInput(field="narrative", reason="data_file")
    return data


def report(args: argparse.Namespace, home: Path, messages: Messages) -> int:
    period = parse_period(args.period)  # a bad period is refused before the password is asked
    narrative = _narrative(args.narrative)
    lang = "en" if messages.index == 1 else "vi"
    with open_session(args, home, messages) as session:
        service = ReportService(session, load_catalogue())
        view = service.open(period)
        if args.submit:
            view = service.submit(period, narrative if narrative is not None else view.narrative)
        elif narrative is not None:
            service.save_draft(period, narrative)
            view = service.open(period)
        pages = _write_pdf(service, view, args.pdf) if args.pdf else 0
    if getattr(args, "json", False):
        print_json(_as_json(view) | {"pdf_pages": pages})
        return EXIT_OK
    _print_table(view.content, lang)
    if view.submitted and view.stored:
        stored = view.stored
        print(
            messages.notice(
                "report_submitted",
                number=stored.document_number,
                hash=(stored.content_hash or "")[:12],
            )
        )
    if args.pdf:
        print(messages.notice("report_pdf", path=Path(args.pdf).resolve(), pages=pages))
    return EXIT_OK


def _write_pdf(service: ReportService, view: ReportView, target: str) -> int:
    # Qt only here, imported on demand: the rest of `cax` never loads it (tests/test_import_direction).
    from desktop.ui.printing.headless import ensure_gui_application
    from desktop.ui.printing.pdf import Footer, write_pdf

    ensure_gui_application()
    path = Path(target).expanduser().resolve()
    document = service.document(view)
    pages = write_pdf(
        document.html,
        path,
        watermark=document.watermark,
        footer=Footer(document.footer_text, document.qr_payload),
        title=document.title,
    )
    service.record_printed(view, path.name)
    return pages


def _as_json(view: ReportView) -> dict[str, Any]:
    stored = view.stored
    return {
        "period": view.period.code,
        "status": stored.status if stored else "new",
        "number": stored.document_number if stored else None,
        "content_hash": stored.content_hash if stored else None,
        "narrative": dict(view.narrative),
        "content": view.content.to_json(),
    }


def _print_table(content: ReportContent, lang: str) -> None:
    print(content.period_label(lang))
    for section in content.sections:
        print(f"\n== {section.title(lang)}")
        for row in section.rows:
            label = "  " * row.level + row.label(lang)
            if row.heading:
                print(f"  {label}")
                continue
            figures = (
                format_value(row.current, row.unit),
                format_value(row.previous, row.unit),
                format_change(row),
                format_change_percent(row),
            )
            print(
                f"  {label[:58]:<58} {figures[0]:>12} {figures[1]:>12} {figures[2]:>10} {figures[3]:>9}"
            )


def add_parser(sub: Any, common: argparse.ArgumentParser) -> None:
    cmd = sub.add_parser(
        "report", parents=[common], help="the periodic report (báo cáo định kỳ; supervisors)"
    )
    cmd.add_argument(
        "--period",
        required=True,
        help="2026-10, 2026-Q3, 2026-H1, 2026-9M, 2026, 2026-W42 or 01/10/2026-31/10/2026",
    )
    cmd.add_argument("--pdf", default=None, metavar="FILE", help="also write the document as PDF")
    cmd.add_argument("--submit", action="store_true", help="submit: freeze figures and text")
    cmd.add_argument(
        "--narrative",
        default=None,
        metavar="FILE",
        help="JSON with the written parts: political_security, hot_spots, movement, "
        "shortcomings, plans, recommendations",
    )
    cmd.set_defaults(handler=report)
