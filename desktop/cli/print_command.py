"""`cax print RECORD --pdf FILE [--document NAME]`: a record as its official document in a PDF,
audited. A form that prints more than one paper (F1: the intake minutes and the transfer slip)
is asked for one by name; without `--document`, its first."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from desktop.cli.commands import EXIT_OK, open_session, print_json
from desktop.cli.messages import Messages
from desktop.core.errors import InvalidInput, PrintingUnavailable
from desktop.storage.printouts import log_printout, prepare_printout
from domain.forms.catalogue import load_catalogue


def print_record(args: argparse.Namespace, home: Path, messages: Messages) -> int:
    target = Path(args.pdf).expanduser().resolve()
    if not target.parent.is_dir():
        raise InvalidInput(field="pdf", reason="folder_missing", value=str(target.parent))
    writer = _pdf_writer()  # before the password prompt: a bundle without Qt says so at once
    with open_session(args, home, messages) as session:
        document = prepare_printout(
            session, load_catalogue(), args.record, getattr(args, "document", None)
        )
        pages = writer(document, target)
        log_printout(session, document, "pdf", pages)
    if getattr(args, "json", False):
        facts = document.facts
        print_json(
            {
                "path": str(target),
                "pages": pages,
                "record": facts.record_id,
                "revision": facts.revision,
                "number": facts.number,
                "document": document.document,
                "template": document.template,
                "content_hash": facts.content_hash,
                "draft": document.watermark is not None,
            }
        )
        return EXIT_OK
    draft = messages.notice("printed_draft") if document.watermark else ""
    print(messages.notice("printed", path=target, pages=pages, title=document.title, draft=draft))
    return EXIT_OK


def _pdf_writer() -> Any:
    """`desktop.render.write_pdf`, the app's own renderer: laying out and drawing pages is Qt's
    work (QTextDocument, QPrinter), and a second renderer for the terminal would print documents
    that differ from the app's. Imported here, lazily, so every other command starts without Qt
    (tests/test_import_direction.py names this exception)."""
    try:
        from desktop.render import write_pdf
    except ImportError as error:  # the packaged `cax` is built without PySide6
        raise PrintingUnavailable() from error
    return write_pdf
