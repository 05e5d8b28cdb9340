"""`cax report --period 2026-10 [--narrative FILE] [--figures FILE] [--pdf FILE] [--submit]`: the
periodic report from a terminal."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from desktop.cli.commands import EXIT_OK, open_session, print_json
from desktop.cli.messages import Messages
from desktop.core.errors import InvalidInput, PrintingUnavailable
from desktop.storage.reports import ReportService, ReportView
from domain.forms.catalogue import load_catalogue
from domain.reports.content import ReportContent
from domain.reports.document import ReportDocument
from domain.reports.formatting import (
    format_change,
    format_change_percent,
    format_value,
    unit_label,
)
from domain.reports.periods import parse_period
from domain.reports.typed import clean_figures


def _json_object(path: str | None, field: str = "narrative") -> dict[str, Any] | None:
    if not path:
        return None
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        raise InvalidInput(field=field, reason="data_file") from None
    if not isinstance(data, dict):
        raise InvalidInput(field=field, reason="data_file")
    return data


def report(args: argparse.Namespace, home: Path, messages: Messages) -> int:
    period = parse_period(args.period)  # a bad period is refused before the password is asked
    narrative = _json_object(args.narrative)
    # The residence and ID applications of the period, typed by the chief (docs/reports.md);
    # checked before the password is asked, like the period.
    figures = clean_figures(_json_object(args.figures, "figures")) if args.figures else None
    lang = "en" if messages.index == 1 else "vi"
    # The PDF's folder and writer are checked before anything is submitted: a build without Qt
    # or a missing folder must not leave a frozen report behind an error.
    target = _pdf_target(args.pdf) if args.pdf else None
    writer = _pdf_writer() if target else None
    with open_session(args, home, messages) as session:
        service = ReportService(session, load_catalogue())
        view = service.open(period)
        if args.submit:
            text = narrative if narrative is not None else view.narrative
            view = service.submit(period, text, figures)
        elif narrative is not None or figures is not None:
            service.save_draft(
                period, narrative if narrative is not None else view.narrative, figures
            )
            view = service.open(period)
        pages = 0
        if target and writer:
            pages = writer(service.document(view), target)
            service.record_printed(view, target.name)  # only once the file is there
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
    if target:
        print(messages.notice("report_pdf", path=target, pages=pages))
    return EXIT_OK


def _pdf_target(pdf: str) -> Path:
    target = Path(pdf).expanduser().resolve()
    if not target.parent.is_dir():
        raise InvalidInput(field="pdf", reason="folder_missing", value=str(target.parent))
    return target


def _pdf_writer() -> Callable[[ReportDocument, Path], int]:
    """`desktop.render.write_pdf`, imported here lazily so every other command starts without Qt
    (tests/test_import_direction.py names this exception, as for `cax print`)."""
    try:
        from desktop.render import write_pdf
    except ImportError as error:  # the packaged `cax` is built without PySide6
        raise PrintingUnavailable() from error
    return write_pdf


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
            label = "  " * row.level + row.label(lang) + unit_label(row.unit, lang)
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
