"""Records as official printed documents (NĐ 30/2020 Annex I): pure Python, HTML out, no Qt."""

from domain.documents.builder import (
    KEEP_TOGETHER,
    KEEP_WITH_NEXT,
    build_document,
    choose_template,
    documents_for,
    watermark_for,
)
from domain.documents.dates import document_date, place_and_date
from domain.documents.model import IssuingBody, PrintedDocument, RecordFacts
from domain.documents.verification import (
    PrintCheck,
    footer_line,
    parse_qr_payload,
    qr_payload,
    short_hash,
)

__all__ = [
    "KEEP_TOGETHER",
    "KEEP_WITH_NEXT",
    "IssuingBody",
    "PrintCheck",
    "PrintedDocument",
    "RecordFacts",
    "build_document",
    "choose_template",
    "document_date",
    "documents_for",
    "footer_line",
    "parse_qr_payload",
    "place_and_date",
    "qr_payload",
    "short_hash",
    "watermark_for",
]
