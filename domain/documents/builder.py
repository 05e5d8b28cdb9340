"""A stored record → its official document (NĐ 30/2020 Annex I layout) as QTextDocument HTML.

Header: the issuing body top left with "Số: 05/BB-VPHC" under it; the national title and motto
top right with the place and date under them. Then the title lines, the body and the signature
blocks, all from the form's template (resources/templates, `templates.py`, `filling.py`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, datetime
from html import escape
from typing import Any

from domain.documents.dates import place_and_date
from domain.documents.filling import Filler
from domain.documents.generic import generic_template
from domain.documents.model import IssuingBody, PrintedDocument, RecordFacts
from domain.documents.templates import SignatureBlock, Template, templates_for
from domain.documents.verification import footer_line, qr_payload
from domain.errors import InvalidInput
from domain.forms.evaluation import EvalContext, Scope, holds
from domain.forms.model import FormDefinition
from domain.forms.rules import Rules
from domain.records import RecordStatus
from domain.reference import ReferenceData, default_reference
from domain.validation.formats import VN_TZ, parse_date, parse_datetime

NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
DRAFT_MARK = "DỰ THẢO"
# An anchor of this name inside a table asks the page rules (desktop/render/page_rules.py) to
# keep that table on one page: signatures never split from their titles.
KEEP_TOGETHER = "cax-keep-together"
# And one inside a paragraph marks it a heading that is never the last line of a page, where its
# text alone would not say so (numbered headings and "Label:" lines are known by their text).
KEEP_WITH_NEXT = "cax-keep-with-next"
VOID_MARK = "ĐÃ HỦY"
ATTACHMENTS_HEADING = "Tài liệu kèm theo"
SIGNATURE_SPACE = "<br>&nbsp;<br>&nbsp;<br>&nbsp;<br>"  # ≈ 2 cm for the signature (and seal)
_PATH_PART = re.compile(r"^([a-z][a-z0-9_]*)(?:\[(\d+)\])?$")


def documents_for(form: FormDefinition) -> tuple[tuple[str, Mapping[str, str]], ...]:
    """The documents a form prints, in order: (key for `--document`, name vi/en). Most forms
    print one; F1 prints its intake minutes and, separately, the transfer slip."""
    seen: dict[str, Mapping[str, str]] = {}
    for template in templates_for(form) or (generic_template(form),):
        seen.setdefault(template.document, template.name)
    return tuple(seen.items())


def choose_template(
    form: FormDefinition, values: Mapping[str, Any], document: str | None = None
) -> Template:
    """The template for `document` (default: the form's first), among several the one whose
    `when` holds for the record (a decision with or without a record)."""
    templates = templates_for(form) or (generic_template(form),)
    wanted = document or templates[0].document
    candidates = [t for t in templates if t.document == wanted]
    if not candidates:
        choices = " | ".join(key for key, _ in documents_for(form))
        raise InvalidInput(field="document", reason=choices, value=wanted)
    scope = Scope(form.names, values)
    for template in candidates:
        if template.when is None or holds(template.when, (scope,), EvalContext()):
            return template
    return candidates[-1]


def build_document(
    form: FormDefinition,
    record: RecordFacts,
    issuer: IssuingBody,
    *,
    rules: Rules | None = None,
    reference: ReferenceData | None = None,
    document: str | None = None,
) -> PrintedDocument:
    """The record's document: HTML with every value escaped, plus footer, QR payload, watermark.
    `document` picks one of `documents_for(form)` (default: the first)."""
    reference = reference or default_reference()
    template = choose_template(form, record.values, document)
    filler = Filler(
        form.fields,
        record.values,
        reference,
        words=_money_word_options(rules),
        station=issuer.station_name,
        province=issuer.province_name,
        context=EvalContext(rules=rules.values() if rules else {}),
    )
    html = "".join(
        (
            _header(form, record, issuer, template, filler),
            _title(template),
            filler.blocks(template.body),
            attachments_html(record.attachments),
            _signatures(template, record, issuer),
        )
    )
    title = " – ".join(
        p for p in (_number_text(form, record, template, filler), template.name["vi"]) if p
    )
    return PrintedDocument(
        title=title,
        html=f'<html><body style="font-size:13pt">{html}</body></html>',
        footer_text=footer_line(record.record_id, record.revision, record.content_hash),
        qr_payload=qr_payload(record.record_id, record.revision, record.content_hash),
        watermark=watermark_for(record.status),
        facts=record,
        template=template.id,
        document=template.document,
    )


def attachments_html(names: tuple[str, ...]) -> str:
    """ "Tài liệu kèm theo: 1. ảnh hiện trường.jpg; 2. …" after the body, before the signatures:
    those who sign the paper sign for the files it lists too. Nothing when there are none."""
    if not names:
        return ""
    items = "; ".join(f"{n}. {escape(name)}" for n, name in enumerate(names, start=1))
    return f'<p style="margin-top:8px"><b>{ATTACHMENTS_HEADING}:</b> {items}.</p>'


def watermark_for(status: str) -> str | None:
    """Only an approved record is final: anything before it is a draft; a voided one says so."""
    if status == RecordStatus.APPROVED:
        return None
    return VOID_MARK if status == RecordStatus.VOIDED else DRAFT_MARK


def _money_word_options(rules: Rules | None) -> dict[str, str]:
    if rules is None:
        return {}
    values = rules.values()
    return {
        "thousand": str(values.get("money_words_thousand", "nghìn")),
        "odd": str(values.get("money_words_odd", "lẻ")),
    }


def document_day(template: Template, record: RecordFacts) -> date:
    """The date after the place: the template's date field, else completion, else creation."""
    for raw in (
        value_at(record.values, template.date) if template.date else None,
        record.completed_at,
        record.created_at,
    ):
        moment = parse_datetime(raw) if isinstance(raw, str) else None
        if moment is not None:
            return moment.date()
        day = parse_date(raw) if isinstance(raw, str) else None
        if day is not None:
            return day
        if isinstance(raw, str) and len(raw) >= 10 and (day := _iso_day(raw[:10])):
            return day
    return datetime.now(VN_TZ).date()  # the station's day, whatever the PC's zone


def _iso_day(text: str) -> date | None:
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def _number_text(
    form: FormDefinition, record: RecordFacts, template: Template, filler: Filler
) -> str:
    """ "05/BB-VPHC"; a document with a number of its own (the transfer slip) prints that."""
    if template.number is not None:
        return filler.text(template.number, (filler.top,), blank="……")
    if record.number:
        return record.number
    if form.numbering:
        return f"……/{form.numbering}"  # not completed yet: the number is given on completion
    return ""


def _header(
    form: FormDefinition,
    record: RecordFacts,
    issuer: IssuingBody,
    template: Template,
    filler: Filler,
) -> str:
    left = []
    if issuer.supervising_line:
        left.append(f'<span style="font-size:12pt">{escape(issuer.supervising_line)}</span>')
    left.append(f'<span style="font-size:12pt"><b>{escape(issuer.unit_line)}</b></span>')
    left.append('<span style="font-size:9pt">―――――――</span>')
    number = _number_text(form, record, template, filler)
    if number:
        # Already escaped: a template's own number is filled as HTML.
        shown = number if template.number is not None else escape(number)
        left.append(f'<span style="font-size:13pt">Số: {shown}</span>')
    when = place_and_date(issuer.place, document_day(template, record))
    right = [
        f'<span style="font-size:12pt"><b>{NATIONAL_TITLE}</b></span>',
        f'<span style="font-size:13pt"><b><u>{escape(MOTTO)}</u></b></span>',
        "",
        f'<span style="font-size:13pt"><i>{escape(when)}</i></span>',
    ]
    reference = (
        f'<p align="right" style="font-size:11pt; margin:0"><b>{escape(template.reference)}</b></p>'
        if template.reference
        else ""
    )
    return (
        f"{reference}"
        '<table width="100%" cellspacing="0" cellpadding="0"><tr>'
        f'<td width="40%" align="center" valign="top">{"<br>".join(left)}</td>'
        f'<td width="60%" align="center" valign="top">{"<br>".join(right)}</td>'
        "</tr></table>"
    )


def _title(template: Template) -> str:
    kind, *summary = template.title
    lines = [f'<span style="font-size:14pt"><b>{escape(kind)}</b></span>']
    lines += [f'<span style="font-size:14pt"><b>{escape(line)}</b></span>' for line in summary]
    lines.append('<span style="font-size:9pt">――――――――</span>')
    return f'<p align="center" style="margin-top:22px; margin-bottom:10px">{"<br>".join(lines)}</p>'


def value_at(values: Mapping[str, Any], path: str) -> Any:
    """`a.b`, `rows[0].name`: the value there, or None."""
    value: Any = values
    for part in path.split("."):
        match = _PATH_PART.match(part)
        if match is None or not isinstance(value, Mapping):
            return None
        value = value.get(match.group(1))
        if match.group(2) is not None:
            index = int(match.group(2))
            value = value[index] if isinstance(value, list) and index < len(value) else None
    return value


def _signer_name(names: tuple[str, ...], values: Mapping[str, Any], record: RecordFacts) -> str:
    for option in names:
        value = record.author_name if option == "@author" else value_at(values, option)
        if isinstance(value, str) and value.strip():
            # "Thượng úy Trần Thị Lan, cán bộ Công an phường …": the name is before the comma.
            return value.split(",")[0].strip()
    return ""


def chief_title(issuer: IssuingBody | None = None) -> str:
    """ "TRƯỞNG CÔNG AN\nPHƯỜNG BA ĐÌNH": the head of the issuing station as a signature block
    names him, broken after "CÔNG AN" so the commune's name is never split over two lines."""
    unit = issuer.unit_line if issuer else ""
    place = unit.removeprefix("CÔNG AN ").strip() if unit.startswith("CÔNG AN ") else ""
    return f"TRƯỞNG CÔNG AN\n{place}" if place else "TRƯỞNG CÔNG AN"


def decision_signer(values: Mapping[str, Any], issuer: IssuingBody | None = None) -> str:
    """Authority marks of a decision's signer (Annex I), the station named after the head's
    title: "KT. TRƯỞNG CÔNG AN\nPHƯỜNG BA ĐÌNH\nPHÓ TRƯỞNG CÔNG AN"."""
    position = values.get("issuer_position")
    form = values.get("signing_form")
    chief = chief_title(issuer)
    if form == "kt":
        return f"KT. {chief}\nPHÓ TRƯỞNG CÔNG AN"
    if form == "q":
        return f"Q. {chief}"
    if position == "pho_truong_cong_an_xa":
        return f"PHÓ {chief}"
    if position == "truong_cong_an_xa":
        return chief
    return "NGƯỜI RA QUYẾT ĐỊNH"


def _blocks(
    template: Template, record: RecordFacts, issuer: IssuingBody | None
) -> list[tuple[str, str, str]]:
    """(title, note, name) of every signature block, repeated per row where the template says."""
    blocks = []
    for signature in template.signatures:
        title = {
            "@issuer": decision_signer(record.values, issuer),
            "@chief": chief_title(issuer),
        }.get(signature.title, signature.title)
        for scope in _scopes(signature, record.values):
            name = _signer_name(signature.name, scope, record)
            if name or signature.required:
                blocks.append((title, signature.note, name))
    return blocks


def _scopes(signature: SignatureBlock, values: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    if not signature.each:
        return [values] if _signs(signature, values, None) else []
    rows = values.get(signature.each)
    rows = [r for r in rows if isinstance(r, Mapping)] if isinstance(rows, list) else []
    return [row for row in rows if _signs(signature, values, row)]


def _signs(signature: SignatureBlock, values: Mapping[str, Any], row: Mapping[str, Any] | None):
    if signature.when is None:
        return True
    scopes = [Scope(frozenset(values), values)]
    if row is not None:
        scopes.insert(0, Scope(frozenset(row), row))
    return holds(signature.when, scopes, EvalContext())


def _block_html(
    title: str, note: str, name: str, extra_lines: int = 0, *, marked: bool = False
) -> str:
    """Title, note, room to sign, name: one paragraph (the table keeps it on one page).
    `extra_lines` lengthens the room so names line up beside a block with a longer title;
    `marked` puts the KEEP_TOGETHER anchor on the note (an anchor of its own, at the start of a
    cell, would split the title's first letter from the rest in the PDF's text)."""
    lines = "<br>".join(f"<b>{escape(line)}</b>" for line in title.split("\n"))
    room = SIGNATURE_SPACE + "&nbsp;<br>" * extra_lines
    note_html = f"<i>{escape(note)}</i>"
    if marked:
        note_html = f'<a name="{KEEP_TOGETHER}">{note_html}</a>'
    return (
        '<p align="center" style="margin-top:6px; margin-bottom:6px">'
        f"{lines}<br>{note_html}{room}<b>{escape(name)}</b></p>"
    )


def _row_html(pair: list[tuple[str, str, str] | str], *, marked: bool = False) -> str:
    """Two cells; signature blocks in one row get their names on the same line. `marked`: the
    row's last cell (never empty) carries the KEEP_TOGETHER anchor."""
    height = max((b[0].count("\n") for b in pair if isinstance(b, tuple)), default=0)
    cells = [
        _block_html(
            *b,
            extra_lines=height - b[0].count("\n"),
            marked=marked and index == len(pair) - 1,
        )
        if isinstance(b, tuple)
        else b
        for index, b in enumerate(pair)
    ]
    return "".join(f'<td width="50%" valign="top">{cell}</td>' for cell in cells)


def _signatures(template: Template, record: RecordFacts, issuer: IssuingBody | None) -> str:
    blocks: list[tuple[str, str, str] | str] = list(_blocks(template, record, issuer))
    if template.recipients:
        # Decisions: "Nơi nhận" bottom left, the signer on the right (Annex I).
        items = "".join(f"<br>- {escape(line)}" for line in template.recipients)
        blocks.insert(0, f'<p style="font-size:11pt; margin:0"><b><i>Nơi nhận:</i></b>{items}</p>')
    if not blocks:
        return ""
    if len(blocks) % 2:
        blocks.insert(len(blocks) - 1, "")  # a lone last block sits on the right, as the signer's
    starts = range(0, len(blocks), 2)
    # The anchor asks the painter to keep the whole table on one page, with the lines before it.
    rows = [_row_html(blocks[i : i + 2], marked=i == starts[-1]) for i in starts]
    body = "".join(f"<tr>{row}</tr>" for row in rows)
    # cellpadding: the room between two rows of blocks (Qt ignores a cell's first top margin).
    return f'<table width="100%" cellspacing="0" cellpadding="8" style="margin-top:10px">{body}</table>'
