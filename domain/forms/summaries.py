"""What lists, search and documents show of a record: title, columns, search text, numbers."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from domain.forms.evaluation import is_empty
from domain.forms.linker import resolve_definition
from domain.forms.model import FieldDefinition, FieldType, FormDefinition, Sensitivity
from domain.reference import ReferenceData, default_reference
from domain.validation.formats import parse_date, parse_datetime
from domain.validation.identity import mask_id_number
from domain.validation.phone import mask_phone
from domain.vietnamese import format_money

TITLE_MAX = 120
_PLACEHOLDER = re.compile(r"\{([^{}]+)\}")


def format_document_number(number: int, symbol: str) -> str:
    """Official number as printed (NĐ 30/2020): numbers under 10 get a leading 0: "05/BB-VPHC"."""
    return f"{number:02d}/{symbol}"


def _value_at(values: Mapping[str, Any], path: str) -> Any:
    value: Any = values
    for part in path.split("."):
        value = value.get(part) if isinstance(value, Mapping) else None
    return value


def display_value(
    f: FieldDefinition,
    value: Any,
    *,
    lang: str = "vi",
    reference: ReferenceData | None = None,
    mask: bool = False,
) -> str:
    """One value as a person reads it: labels for codes, dd/mm/yyyy, "1.500.000 đồng"."""
    if is_empty(value) and value is not False:
        return ""
    reference = reference or default_reference()
    kind = f.type
    if kind is FieldType.PERSON and isinstance(value, Mapping):
        return _text_of(value.get("full_name"))
    if kind is FieldType.ADDRESS and isinstance(value, Mapping):
        return format_address(value, reference)
    if kind is FieldType.GROUP and isinstance(value, list):
        names = (display_value(f, row, lang=lang, reference=reference) for row in value)
        return "; ".join(n for n in names if n)
    if kind is FieldType.GROUP and isinstance(value, Mapping):
        return _row_label(f, value)
    if kind in (FieldType.CHOICE, FieldType.MULTI_CHOICE):
        items = value if isinstance(value, list) else [value]
        return ", ".join(_choice_label(f, str(item), lang, reference) for item in items)
    if kind is FieldType.YES_NO:
        return ("Có" if value else "Không") if lang == "vi" else ("Yes" if value else "No")
    if kind is FieldType.MONEY and isinstance(value, int):
        return format_money(value)
    if kind is FieldType.DATE and (day := parse_date(value)):
        return day.strftime("%d/%m/%Y")
    if kind is FieldType.DATETIME and (moment := parse_datetime(value)):
        return moment.strftime("%d/%m/%Y %H:%M")
    if kind is FieldType.PARTIAL_DATE and isinstance(value, str):
        return "/".join(reversed(value.split("-")))
    if kind is FieldType.DECIMAL and isinstance(value, float):
        return f"{value:g}".replace(".", ",")
    text = str(value)
    if mask and "phone" in f.validators:
        return mask_phone(text)
    if mask and f.masked_in_lists:
        return mask_id_number(text)
    return text


def _text_of(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _row_label(f: FieldDefinition, row: Mapping[str, Any]) -> str:
    """A row's name: a person's full name, else its first filled-in text."""
    if row.get("full_name"):
        return _text_of(row["full_name"])
    texts = (row.get(sub.id) for sub in f.fields if sub.type is FieldType.TEXT)
    return next((str(t) for t in texts if isinstance(t, str) and t), "")


def _choice_label(f: FieldDefinition, value: str, lang: str, reference: ReferenceData) -> str:
    if f.reference is not None:
        return reference.label(f.reference, value, lang) or value
    return f.option_label(value, lang) or value


def format_address(
    value: Mapping[str, Any],
    reference: ReferenceData | None = None,
    spell: Callable[[str], str] = str.strip,
) -> str:
    """One line, street to province: "12 Lý Thường Kiệt, Phường Ba Đình, Thành phố Hà Nội".
    `spell` writes each part of a Vietnamese address (a document lowers the units' kinds)."""
    reference = reference or default_reference()
    country = value.get("country")
    if isinstance(country, str) and country not in ("", "VN"):
        name = reference.label("nationalities", country) or country
        return ", ".join(str(p) for p in (value.get("foreign_address"), name) if p)
    commune = reference.commune(value.get("commune"))
    province = reference.province(value.get("province"))
    parts = [
        value.get("street"),
        value.get("hamlet"),
        commune.name if commune else None,
        province.name if province else None,
    ]
    line = ", ".join(spell(str(p).strip()) for p in parts if p and str(p).strip())
    return line or str(value.get("legacy_text") or "")


def display_title(
    form: FormDefinition,
    values: Mapping[str, Any],
    *,
    lang: str = "vi",
    reference: ReferenceData | None = None,
) -> str:
    """A record's title from the form's `title_template`; `{a|b}` takes the first filled one.

    Falls back to the form's short title when nothing in the template is filled in.
    """
    chain = (form.fields,)

    def fill(match: re.Match[str]) -> str:
        for name in match.group(1).split("|"):
            name = name.strip()
            f = resolve_definition(name.split("."), chain)
            text = (
                display_value(f, _value_at(values, name), lang=lang, reference=reference)
                if f
                else ""
            )
            if text:
                return text
        return ""

    title = _PLACEHOLDER.sub(fill, form.title_template)
    title = re.sub(r"(\s*[–:-]\s*)+$", "", re.sub(r"^(\s*[–:-]\s*)+", "", title)).strip()
    if not title:
        return form.short_title.get(lang)
    return title if len(title) <= TITLE_MAX else title[: TITLE_MAX - 1] + "…"


@dataclass(frozen=True)
class SearchEntry:
    """One searchable value: its record path (`suspects[1].full_name`) and its text."""

    path: str
    text: str
    sensitive: bool


def search_entries(
    form: FormDefinition, values: Mapping[str, Any], *, reference: ReferenceData | None = None
) -> list[SearchEntry]:
    """The text to index for a record, from every field marked `searchable` (choices as labels).

    Fold both the index and the query with `domain.vietnamese.fold`.
    """
    reference = reference or default_reference()
    return [
        SearchEntry(
            path,
            display_value(f, value, reference=reference),
            f.sensitivity is Sensitivity.SENSITIVE,
        )
        for path, f, value in iter_values(form.fields, values, "")
        if f.searchable and not f.is_nested
    ]


def iter_values(
    fields: tuple[FieldDefinition, ...], values: Mapping[str, Any], prefix: str
) -> Iterator[tuple[str, FieldDefinition, Any]]:
    """Every filled-in value with its record path and definition, depth first."""
    for f in fields:
        value = values.get(f.id) if isinstance(values, Mapping) else None
        if is_empty(value) and value is not False:
            continue
        path = f"{prefix}{f.id}"
        yield path, f, value
        if f.type in (FieldType.PERSON, FieldType.ADDRESS) and isinstance(value, Mapping):
            yield from iter_values(f.fields, value, f"{path}.")
        elif f.type is FieldType.GROUP and isinstance(value, list):
            for i, row in enumerate(value):
                yield from iter_values(f.fields, row, f"{path}[{i}].")


def list_row(
    form: FormDefinition,
    values: Mapping[str, Any],
    *,
    lang: str = "vi",
    reference: ReferenceData | None = None,
) -> dict[str, str]:
    """Display text of each list column (definition path → text); ID and phone numbers masked."""
    return {
        path: display_value(f, _value_at(values, path), lang=lang, reference=reference, mask=True)
        for path, f in form.list_columns()
        if "[]" not in path
    }


def record_commune(form: FormDefinition, values: Mapping[str, Any]) -> str | None:
    """The 5-digit commune a record is filed under (for the commune filter), if any."""
    for path in (form.commune_field or "").split("|"):
        address = _value_at(values, path.strip()) if path else None
        if isinstance(address, Mapping) and isinstance(address.get("commune"), str):
            return address["commune"]
    return None


def record_event_date(form: FormDefinition, values: Mapping[str, Any]) -> date | None:
    """The date reports count the record under (the incident, not the typing)."""
    if not form.event_date_field:
        return None
    value = _value_at(values, form.event_date_field)
    moment = parse_datetime(value)
    return moment.date() if moment else parse_date(value)


def redact_sensitive(form: FormDefinition, values: Mapping[str, Any]) -> dict[str, Any]:
    """A copy without sensitive fields, for users without the permission to see them."""
    return _redact(form.fields, values)


def _redact(fields: tuple[FieldDefinition, ...], values: Mapping[str, Any]) -> dict[str, Any]:
    kept: dict[str, Any] = {}
    for f in fields:
        if f.id not in values or f.sensitivity is Sensitivity.SENSITIVE:
            continue
        value = values[f.id]
        if f.type in (FieldType.PERSON, FieldType.ADDRESS) and isinstance(value, Mapping):
            value = _redact(f.fields, value)
        elif f.type is FieldType.GROUP and isinstance(value, list):
            value = [_redact(f.fields, row) if isinstance(row, Mapping) else row for row in value]
        kept[f.id] = value
    return kept
