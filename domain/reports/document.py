"""The periodic report as a printed document (NĐ 30/2020 Annex I, docs/domain.md): issuing body
and number at top left, national title and motto at top right, place and date, "BÁO CÁO" and its
summary, sections I–V with the figures as tables (this period, same period last year, change),
the narrative, recipients and the signature — as the HTML subset QTextDocument lays out."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from html import escape

from domain.documents.builder import KEEP_TOGETHER, KEEP_WITH_NEXT, chief_title
from domain.documents.dates import place_and_date
from domain.documents.filling import INDENT, SPACING
from domain.documents.model import IssuingBody
from domain.reports.content import ReportContent, Row, Section
from domain.reports.formatting import (
    format_change,
    format_change_percent,
    format_value,
    unit_label,
)
from domain.reports.narrative import NARRATIVE_PARTS
from domain.reports.typed import SOURCE as TYPED_SOURCE

NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
DRAFT_MARK = "DỰ THẢO"
SIGNER_NOTE = "(Ký, ghi rõ họ tên, đóng dấu)"
NBSP = "\u00a0"
_ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII")
_PARTS = {key: text for key, text in NARRATIVE_PARTS}


@dataclass(frozen=True)
class ReportFacts:
    """Who issues the report, under which number and when, and whether it is final."""

    issuing: IssuingBody
    day: date  # the date on the document: submission day, or today for a draft
    number: str | None = None  # "05/BC"; None until submitted
    submitted: bool = False
    signer_name: str = ""
    signer_title: str | None = None  # None: the station's head ("TRƯỞNG CÔNG AN / PHƯỜNG …")
    report_id: str = ""
    content_hash: str = ""


@dataclass(frozen=True)
class ReportDocument:
    """Ready for desktop.render.write_pdf: HTML, PDF title, watermark and footer."""

    title: str
    html: str
    watermark: str | None
    footer_text: str
    qr_payload: str | None


def report_document(
    content: ReportContent, narrative: Mapping[str, str], facts: ReportFacts
) -> ReportDocument:
    summary = f"Kết quả công tác bảo đảm an ninh, trật tự {_lower_first(content.period_label_vi)}"
    body = [_header(facts), _title(summary), _scope(content), *_body(content, narrative)]
    body.append(_signature(facts))
    short = facts.content_hash[:12]
    footer = f"Báo cáo {content.period_code}"
    if facts.report_id:
        footer += f" · mã {facts.report_id}"
    if short:
        footer += f" · SHA-256 {short}"
    payload = f"cax-report:{facts.report_id}:{facts.content_hash}" if facts.submitted else None
    html = '<html><body style="font-size: 13pt;">' + "".join(body) + "</body></html>"
    return ReportDocument(
        title=f"{printed_number(facts) if facts.number else DRAFT_MARK} – Báo cáo "
        f"{content.period_label_vi}",
        html=html,
        watermark=None if facts.submitted else DRAFT_MARK,
        footer_text=footer,
        qr_payload=payload,
    )


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


# The issuing unit's symbol after the document kind (NĐ 30/2020 Annex I: "Số: 05/BC-CAX").
_UNIT_SYMBOLS = (("Phường ", "CAP"), ("Xã ", "CAX"), ("Đặc khu ", "CAĐK"), ("Thị trấn ", "CATT"))


def unit_symbol(issuing: IssuingBody) -> str:
    """ "CAX" for a Công an xã, "CAP" for a phường, "CAĐK" for a special zone ("" if unknown)."""
    name = issuing.commune_name or issuing.station_name.removeprefix("Công an ").capitalize()
    return next((symbol for prefix, symbol in _UNIT_SYMBOLS if name.startswith(prefix)), "")


def printed_number(facts: ReportFacts) -> str:
    """The number as printed: "05/BC-CAX"; a draft's is blank before the slash: "      /BC-CAX"."""
    symbol = unit_symbol(facts.issuing)
    suffix = f"-{symbol}" if symbol else ""
    return f"{facts.number}{suffix}" if facts.number else f"{NBSP * 6}/BC{suffix}"


def number_line(facts: ReportFacts) -> str:
    """ "Số: 05/BC-CAX" (NĐ 30/2020 Annex I)."""
    return f"Số: {printed_number(facts)}"


def _header(facts: ReportFacts) -> str:
    """Laid out as the station's other papers (domain.documents.builder): the number on the line
    of the place and date, under the rule."""
    body = facts.issuing
    number = escape(number_line(facts)).replace(NBSP, "&nbsp;")
    left = [
        f'<span style="font-size:12pt">{escape(body.supervising_line)}</span>',
        f'<span style="font-size:12pt"><b>{escape(body.unit_line)}</b></span>',
        '<span style="font-size:9pt">―――――――</span>',
        f'<span style="font-size:13pt">{number}</span>',
    ]
    right = [
        f'<span style="font-size:12pt"><b>{NATIONAL_TITLE}</b></span>',
        f'<span style="font-size:13pt"><b><u>{MOTTO}</u></b></span>',
        "",
        f'<span style="font-size:13pt"><i>{escape(place_and_date(body.place, facts.day))}</i></span>',
    ]
    return (
        '<table width="100%" cellspacing="0" cellpadding="0"><tr>'
        f'<td width="40%" align="center" valign="top">{"<br>".join(left)}</td>'
        f'<td width="60%" align="center" valign="top">{"<br>".join(right)}</td>'
        "</tr></table>"
    )


def _title(summary: str) -> str:
    return (
        '<p align="center" style="margin-top:22px; margin-bottom:10px; font-size: 14pt;"><b>BÁO CÁO</b><br/>'
        f"<b>{escape(summary)}</b><br/>———————</p>"
    )


def _iso_to_vn(iso: str) -> str:
    return date.fromisoformat(iso).strftime("%d/%m/%Y")


def _scope(content: ReportContent) -> str:
    text = (
        f"Số liệu tính theo ngày xảy ra sự việc, từ ngày {_iso_to_vn(content.start)} đến ngày "
        f"{_iso_to_vn(content.end)}; so sánh với cùng kỳ năm trước (từ ngày "
        f"{_iso_to_vn(content.previous_start)} đến ngày {_iso_to_vn(content.previous_end)})."
    )
    if content.uncounted_drafts:
        text += f" {content.uncounted_drafts} hồ sơ còn ở dạng nháp trong kỳ chưa được tính."
    return _paragraph(text, italic=True)


def _paragraph(text: str, *, italic: bool = False) -> str:
    # In px: Qt's rich text takes no pt or cm for margins and indents (it dropped them here).
    style = f"margin-top: {SPACING}; text-indent: {INDENT};"
    inner = escape(text).replace("\n", "<br/>")
    return f'<p align="justify" style="{style}">{"<i>" + inner + "</i>" if italic else inner}</p>'


def _heading(text: str, level: int) -> str:
    size = "13pt"
    text = escape(text.upper() if level == 1 else text)
    # Marked, since "Xây dựng lực lượng — …" has no number to be known by (page rules).
    heading = f'<a name="{KEEP_WITH_NEXT}"><b>{text}</b></a>'
    return f'<p style="margin-top: 13px; font-size: {size};">{heading}</p>'


_COLUMNS = ("Chỉ tiêu", "Kỳ này", "Cùng kỳ năm trước", "Tăng (+), giảm (−)", "Tỷ lệ tăng, giảm")
_WIDTHS = (44, 12, 16, 15, 13)
# A state of the station (the profile) has no "change": only its two figures are printed.
_STATIC_WIDTHS = (60, 20, 20)


def _printed_rows(section: Section) -> list[Row]:
    """The rows worth paper: a breakdown line that is 0 in both periods is left out (the screen
    keeps it), and so is a caption left with no line under it."""
    kept: list[Row] = []
    for row in section.rows:
        if row.level and row.current == 0 and row.previous == 0:
            continue
        if kept and kept[-1].heading and (row.heading or not row.level):
            kept.pop()
        kept.append(row)
    if kept and kept[-1].heading:
        kept.pop()
    return kept


def _table(section: Section) -> str:
    static = bool(section.rows) and all(r.static or r.heading for r in section.rows)
    widths = _STATIC_WIDTHS if static else _WIDTHS
    head = "".join(
        f'<th bgcolor="#eeeeee" width="{w}%">{h}</th>'
        for h, w in zip(_COLUMNS, widths, strict=False)
    )
    rows = []
    for row in _printed_rows(section):
        label = escape(row.label_vi + unit_label(row.unit, "vi"))
        indent = "&nbsp;" * 4 * row.level
        if row.heading:
            rows.append(f'<tr><td colspan="{len(widths)}"><i>{indent}{label}</i></td></tr>')
            continue
        cells: tuple[str, ...] = (
            format_value(row.current, row.unit),
            format_value(row.previous, row.unit),
        )
        if not static:
            cells += (format_change(row), format_change_percent(row))
        figures = "".join(f'<td align="right">{escape(c)}</td>' for c in cells)
        rows.append(f"<tr><td>{indent}{label}</td>{figures}</tr>")
    return (
        '<table width="100%" border="1" cellspacing="0" cellpadding="3" '
        'style="font-size: 11pt; border-collapse: collapse;">'
        f"<thead><tr>{head}</tr></thead>{''.join(rows)}</table>"
    )


def _body(content: ReportContent, narrative: Mapping[str, str]) -> list[str]:
    chapters: list[tuple[str, list[str]]] = []
    sections = {s.id: s for s in content.sections}
    situation = _subsections(
        [
            ("political_security", None),
            (None, sections.get("incidents")),
            ("hot_spots", None),
        ],
        narrative,
    )
    chapters.append(("Tình hình an ninh, trật tự", situation))
    results: list[tuple[str | None, Section | None]] = [
        (None, s) for s in content.sections if s.id != "incidents" and s.source != "profile"
    ]
    results.append(("movement", None))
    profile = [s for s in content.sections if s.source == "profile"]
    parts = _subsections(results, narrative)
    if profile:
        tables = "".join(_heading(s.title_vi, 3) + _table(s) for s in profile)
        parts.append(
            _heading(f"{len(parts) + 1}. Xây dựng lực lượng Công an xã (Nghị quyết 12-NQ/ĐUCA)", 2)
            + tables
        )
    chapters.append(("Kết quả công tác", parts))
    for key in ("shortcomings", "plans", "recommendations"):
        if narrative.get(key):
            chapters.append((_PARTS[key].vi, [_paragraph(narrative[key])]))
    return [
        _heading(f"{_ROMAN[i]}. {title}", 1) + "".join(parts)
        for i, (title, parts) in enumerate(chapters)
    ]


def _subsections(
    items: list[tuple[str | None, Section | None]], narrative: Mapping[str, str]
) -> list[str]:
    """Numbered sub-headings: a narrative part (when written) or a section's table."""
    out: list[str] = []
    for key, section in items:
        if key is not None:
            if not narrative.get(key):
                continue
            title, body = _PARTS[key].vi, _paragraph(narrative[key])
        elif section is not None:
            title, body = section.title_vi + _source(section), _table(section)
        else:
            continue
        out.append(_heading(f"{len(out) + 1}. {title}", 2) + body)
    return out


def _source(section: Section) -> str:
    """Where a section's figures come from, after its title: "(F3)", "(số liệu đơn vị tổng hợp)"."""
    if section.source == TYPED_SOURCE:
        return " (số liệu đơn vị tổng hợp)"
    return f" ({section.source})" if section.source else ""


def _signature(facts: ReportFacts) -> str:
    province = facts.issuing.province_name
    # Running text writes the unit's kind in lower case (NĐ 30/2020 Annex II): "thành phố Hà Nội".
    supervising = f"Công an {province[:1].lower()}{province[1:]}" if province else ""
    recipients = "<b><i>Nơi nhận:</i></b><br/>"
    if supervising:
        recipients += f"- {escape(supervising)};<br/>"
    recipients += "- Lưu: VT."
    # As on the station's other papers (docs/printing.md): the authority mark naming the
    # station ("TRƯỞNG CÔNG AN" / "PHƯỜNG BA ĐÌNH"), the note, room for the signature and the
    # seal, the signer's name. The keep-together anchor: never split, never alone on a page.
    # QTextDocument ignores margins on table cells: blank lines make the room.
    title = facts.signer_title or chief_title(facts.issuing)
    lines = "<br/>".join(escape(line) for line in title.split("\n"))
    name = f"<b>{escape(facts.signer_name)}</b>" if facts.signer_name else "&nbsp;"
    return (
        "<p>&nbsp;</p>"
        '<table width="100%" cellspacing="0" cellpadding="0"><tr>'
        f'<td width="45%" valign="top" style="font-size: 11pt;">{recipients}</td>'
        '<td width="55%" align="center" valign="top">'
        f'<p align="center"><b>{lines}</b><br/><i><a name="{KEEP_TOGETHER}">{SIGNER_NOTE}</a></i>'
        f"<br/><br/><br/><br/>{name}</p></td></tr></table>"
    )
