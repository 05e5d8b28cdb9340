"""A record's printed document as a PDF file: what the CLI and the record view both call."""

from __future__ import annotations

import re
from pathlib import Path

from desktop.ui.printing.pdf import Footer, write_pdf
from domain.documents import PrintedDocument


def footer_of(document: PrintedDocument) -> Footer:
    return Footer(document.footer_text, document.qr_payload)


def write_record_pdf(document: PrintedDocument, path: str | Path) -> int:
    """The record's document as a PDF file; the page count. Audit it with `log_printout`."""
    return write_pdf(
        document.html,
        path,
        watermark=document.watermark,
        footer=footer_of(document),
        title=document.title,
    )


def suggested_file_name(document: PrintedDocument) -> str:
    """ "05-BB-VPHC.pdf" for a numbered record, else the form and the record id's start."""
    facts = document.facts
    stem = facts.number or f"{facts.form_id}-{facts.record_id[:8]}"
    return re.sub(r"[^\w.-]+", "-", stem).strip("-") + ".pdf"
