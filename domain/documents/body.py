"""A record's values as the body of its document: sections in the form's order, "Label: value"
lines, people as indented blocks, repeating groups as ruled tables, money also in words. Labels,
titles and choices are said as paper says them (`wording.py`): no hints, codes or check boxes."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape
from typing import Any

from domain.documents.wording import flag_sentence, paper_label, plain
from domain.forms.evaluation import is_empty
from domain.forms.model import FieldDefinition, FieldType, FormDefinition
from domain.forms.summaries import display_value, format_address
from domain.reference import ReferenceData
from domain.validation.formats import parse_datetime
from domain.vietnamese import money_in_words

# Lengths in CSS px are 1/96 inch in Qt's rich text, whatever the printer's resolution.
INDENT = "38px"  # ≈ 1 cm first-line indent (Annex I: 1 cm or 1.27 cm)
SPACING = "6px"  # with the line's own leading, ≥ 6 pt between paragraphs
NESTED_SPACING = "1px"  # a person's details read as one block
TABLE_POINTS = 11

# Columns a table of people shows, in this order (the rest stays on the record: minimisation).
_PERSON_COLUMNS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Họ và tên", ("full_name",)),
    ("Ngày sinh", ("date_of_birth",)),
    ("Giới tính", ("sex",)),
    ("Số ĐDCN / giấy tờ", ("id_number", "passport_number", "legacy_id_number")),
    ("Nơi cư trú", ("current_address", "permanent_address", "temporary_address")),
    ("Điện thoại", ("phone",)),
)
_PERSON_FIELDS = frozenset(name for _, names in _PERSON_COLUMNS for name in names) | {
    "alias", "nationality", "id_unknown", "ethnicity", "religion", "occupation",
}  # fmt: skip


# Short values a table must not break inside (a phone number split over two lines misleads).
_NOWRAP_FIELDS = frozenset({"date_of_birth", "sex", "id_number", "phone", "date", "quantity"})
_NOWRAP = ' style="white-space: nowrap"'
NUMBER_WIDTH = 7  # per cent of the table for the STT column
# Relative room a column gets by what it holds (Qt sizes unhinted columns poorly: a long header
# can squeeze a name to one letter a line), shared out over the columns a table shows.
_WEIGHTS_BY_FIELD = {
    "full_name": 20, "date_of_birth": 11, "sex": 7, "id_number": 14, "current_address": 22,
    "phone": 12,
}  # fmt: skip
_WEIGHTS_BY_TYPE = {
    FieldType.INTEGER: 8, FieldType.DECIMAL: 8, FieldType.YES_NO: 9, FieldType.DATE: 11,
    FieldType.MONEY: 13, FieldType.CHOICE: 12,
}  # fmt: skip
TEXT_WEIGHT = 16
# Fields printed as a block under their label, never as a phrase on the label's line.
_BLOCK_TYPES = frozenset({FieldType.PERSON, FieldType.GROUP, FieldType.MULTILINE})


class BodyWriter:
    """Writes one record's body; `hidden` fields are left to the signature blocks."""

    def __init__(
        self,
        form: FormDefinition,
        reference: ReferenceData,
        *,
        hidden: Sequence[str] = (),
        words: Mapping[str, str] | None = None,
    ) -> None:
        self.form, self.reference = form, reference
        self.hidden = frozenset(hidden)
        self.words = dict(words or {})  # money_in_words options from rules.json
        self._spelled = _fields_spelled_by_the_form(form)

    def sections(self, values: Mapping[str, Any]) -> str:
        parts, number = [], 0
        for section in self.form.sections:
            lines = self.fields(section.fields, values, top=True)
            if not lines:
                continue
            number += 1
            title = escape(plain(section.title.get("vi")))
            parts.append(
                f'<p style="margin-top:10px; margin-bottom:2px"><b>{number}. {title}</b></p>'
            )
            parts.append(lines)
        return "".join(parts)

    def fields(
        self,
        fields: Sequence[FieldDefinition],
        values: Mapping[str, Any],
        *,
        top: bool = False,
        nested: bool = False,
    ) -> str:
        spacing = NESTED_SPACING if nested else SPACING
        out: list[str | tuple[str, str]] = []  # lines, or (label, phrase) a next one may join
        for f in fields:
            value = values.get(f.id) if isinstance(values, Mapping) else None
            if (top and f.id in self.hidden) or (is_empty(value) and value is not False):
                continue
            if f.type is FieldType.YES_NO:  # a check box: a sentence, or nothing on paper
                if sentence := flag_sentence(f.id, value):
                    out.append(_line(escape(sentence), spacing=spacing))
                continue
            words, unit = paper_label(f.label.get("vi"))
            label, _, lead = words.partition(": ")
            if lead and f.type not in _BLOCK_TYPES:
                # "Khung tiền phạt: từ" + "Khung tiền phạt: đến" → one line: "Khung tiền phạt:
                # từ 500.000 đồng đến 1.000.000 đồng".
                phrase = self._value_html(f, value, lead=lead, unit=unit, top=top)
                last = out[-1] if out else None
                if isinstance(last, tuple) and last[0] == label:
                    out[-1] = (label, f"{last[1]} {phrase}")
                else:
                    out.append((label, phrase))
                continue
            out.append(self.field(f, value, top=top, nested=nested))
        return "".join(
            item if isinstance(item, str) else _line(f"{escape(item[0])}: {item[1]}", spacing)
            for item in out
        )

    def field(self, f: FieldDefinition, value: Any, *, top: bool, nested: bool = False) -> str:
        words, unit = paper_label(f.label.get("vi"))
        label = escape(words)
        if f.type is FieldType.PERSON and isinstance(value, Mapping):
            return _line(f"{label}:") + _indented(self.fields(f.fields, value, nested=True))
        if f.type is FieldType.GROUP and isinstance(value, list):
            return _line(f"{label}:") + self.table(f, value)
        if f.type is FieldType.MULTILINE and isinstance(value, str):
            paragraphs = "".join(_paragraph(escape(p)) for p in value.split("\n") if p.strip())
            return _line(f"{label}:") + paragraphs
        text = self._value_html(f, value, unit=unit, top=top)
        return _line(f"{label}: {text}", spacing=NESTED_SPACING if nested else SPACING)

    def _value_html(
        self, f: FieldDefinition, value: Any, *, lead: str = "", unit: str = "", top: bool
    ) -> str:
        """The value as printed after its label: a lead word, the value, its unit, in words."""
        text = escape(" ".join(p for p in (lead, self.text(f, value), unit) if p))
        if f.id == "full_name":
            text = f"<b>{text}</b>"
        if top and f.type is FieldType.MONEY and isinstance(value, int) and not self._spelled:
            text += escape(f" (Bằng chữ: {money_in_words(value, **self.words)})")
        return text

    def text(self, f: FieldDefinition, value: Any) -> str:
        """One value in document style: "22 giờ 40 phút, ngày 20/11/2026" for a time."""
        if f.type is FieldType.DATETIME and (moment := parse_datetime(value)):
            return f"{moment:%H} giờ {moment:%M} phút, ngày {moment:%d/%m/%Y}"
        if f.type is FieldType.ADDRESS and isinstance(value, Mapping):
            return format_address(value, self.reference)
        if f.type in (FieldType.CHOICE, FieldType.MULTI_CHOICE):
            return plain(display_value(f, value, reference=self.reference))
        return display_value(f, value, reference=self.reference)

    def table(self, f: FieldDefinition, rows: list[Any]) -> str:
        rows = [r for r in rows if isinstance(r, Mapping)]
        columns = _columns(f, rows)
        widths = _column_widths(f, columns)
        head = "".join(
            f'<th width="{width}%">{escape(title)}</th>'
            for (title, _), width in zip(columns, widths, strict=True)
        )
        body = []
        for number, row in enumerate(rows, start=1):
            cells = "".join(
                f"<td{_NOWRAP if names[0] in _NOWRAP_FIELDS else ''}>"
                f"{escape(self._cell(f, row, names))}</td>"
                for _, names in columns
            )
            body.append(f'<tr><td align="center">{number}</td>{cells}</tr>')
        return (
            f'<table border="1" cellspacing="0" cellpadding="4" width="100%" '
            f'style="border-collapse: collapse; border-color: #000; font-size: {TABLE_POINTS}pt; '
            f'margin-top: 2px; margin-bottom: 6px">'
            f'<thead><tr><th width="{NUMBER_WIDTH}%"{_NOWRAP}>STT</th>{head}</tr></thead>'
            f"{''.join(body)}</table>"
        )

    def _cell(self, f: FieldDefinition, row: Mapping[str, Any], names: tuple[str, ...]) -> str:
        subfields = {sub.id: sub for sub in f.fields}
        for name in names:
            sub, value = subfields.get(name), row.get(name)
            if sub is not None and not (is_empty(value) and value is not False):
                return self.text(sub, value)
        return ""


def _columns(
    f: FieldDefinition, rows: list[Mapping[str, Any]]
) -> list[tuple[str, tuple[str, ...]]]:
    """Table columns with something in them: people's main facts, then the group's own fields."""
    filled = {k for row in rows for k, v in row.items() if not (is_empty(v) and v is not False)}
    names = {sub.id for sub in f.fields}
    columns: list[tuple[str, tuple[str, ...]]] = []
    if "full_name" in names:
        columns += [(title, keys) for title, keys in _PERSON_COLUMNS if filled & set(keys)]
    columns += [
        (_column_title(sub), (sub.id,))
        for sub in f.fields
        if sub.id not in _PERSON_FIELDS and sub.id in filled and not sub.is_nested
    ]
    return columns


def _column_title(sub: FieldDefinition) -> str:
    """The label without its hint; a unit stays, in brackets: "Thời hạn (tháng)"."""
    words, unit = paper_label(sub.label.get("vi"))
    return f"{words} ({unit})" if unit else words


def _column_widths(f: FieldDefinition, columns: list[tuple[str, tuple[str, ...]]]) -> list[int]:
    """Whole per cents for the columns after STT, by what each holds, adding up to the rest."""
    types = {sub.id: sub.type for sub in f.fields}
    weights = [
        _WEIGHTS_BY_FIELD.get(names[0])
        or _WEIGHTS_BY_TYPE.get(types.get(names[0], FieldType.TEXT))
        or TEXT_WEIGHT
        for _, names in columns
    ]
    room = 100 - NUMBER_WIDTH
    return [max(1, round(room * w / sum(weights))) for w in weights]


def _fields_spelled_by_the_form(form: FormDefinition) -> frozenset[str]:
    """Money fields a computed "in words" field spells out (F4's fine); a form that chose which
    amounts to spell gets no words added to the others (a fine frame needs none)."""
    return frozenset(
        arg
        for _, f in form.walk()
        if f.computed and f.computed.function == "money_in_words"
        for arg in f.computed.args
    )


def _line(html: str, spacing: str = SPACING) -> str:
    return f'<p style="margin-top:{spacing}; margin-bottom:0">{html}</p>'


def _paragraph(html: str) -> str:
    return (
        f'<p align="justify" style="margin-top:{SPACING}; margin-bottom:0; '
        f'text-indent:{INDENT}">{html}</p>'
    )


def _indented(html: str) -> str:
    return f'<div style="margin-left:{INDENT}">{html}</div>' if html else ""
