"""Normalising record values to their stored form: NFC text, ISO dates, whole VND, codes."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from domain.forms.computed import COMPUTED_FUNCTIONS
from domain.forms.evaluation import EvalContext, Scope, evaluate, is_empty, resolve
from domain.forms.model import FieldDefinition, FieldType, FormDefinition
from domain.forms.rules import Rules, default_rules
from domain.law import Catalogue
from domain.validation import formats
from domain.validation.codes import Code, Severity
from domain.validation.named import NAMED_VALIDATORS
from domain.validation.phone import convert_old_mobile, national_form
from domain.validation.problems import Problem, problem
from domain.validation.text import normalize_multiline, normalize_text
from domain.vietnamese import comparison_key

_YES = frozenset({"true", "yes", "có", "co", "1", "x"})
_NO = frozenset({"false", "no", "không", "khong", "0"})


def normalize_values(
    form: FormDefinition,
    values: Mapping[str, Any],
    *,
    today: date | None = None,
    rules: Rules | None = None,
    law: Catalogue | None = None,
) -> dict[str, Any]:
    """The values as they are stored: unknown keys and blanks dropped, defaults filled in,
    computed fields worked out. Values that cannot be read are kept as typed, for validation
    to report. Idempotent: normalising twice changes nothing. `law` is the legal catalogue in
    force (None: the bundled one): computed citations and fine frames are read from it."""
    return normalize_with_notes(form, values, today=today, rules=rules, law=law)[0]


def normalize_with_notes(
    form: FormDefinition,
    values: Mapping[str, Any],
    *,
    today: date | None = None,
    rules: Rules | None = None,
    law: Catalogue | None = None,
) -> tuple[dict[str, Any], list[Problem]]:
    """As normalize_values, plus warnings for corrections made on the way (old phone numbers)."""
    notes: list[Problem] = []
    source = values if isinstance(values, Mapping) else {}
    result = _fields(form.fields, source, "", notes)
    context = EvalContext(today=today, rules=(rules or default_rules()).values(), law=law)
    _compute(form.fields, result, [], context)
    return result, notes


def _fields(
    fields: Sequence[FieldDefinition], source: Mapping[str, Any], prefix: str, notes: list[Problem]
) -> dict[str, Any]:
    result: dict[str, Any] = {}
    filled = not is_empty(source)
    for f in fields:
        value = None
        if f.id in source:
            value = normalize_value(f, source[f.id], f"{prefix}{f.id}", notes)
        if is_empty(value) and value is not False:
            if not (filled and f.default is not None):
                continue
            value = f.default
        result[f.id] = value
    return result


def normalize_value(f: FieldDefinition, value: Any, path: str, notes: list[Problem]) -> Any:
    """One field's stored form; unreadable input comes back unchanged for validation to report."""
    kind = f.type
    if kind is FieldType.TEXT:
        return _text(f, value, path, notes)
    if kind is FieldType.MULTILINE:
        return normalize_multiline(value) if isinstance(value, str) else value
    if kind in (FieldType.PERSON, FieldType.ADDRESS):
        return _fields(f.fields, value, f"{path}.", notes) if isinstance(value, Mapping) else value
    if kind is FieldType.GROUP:
        return _rows(f, value, path, notes)
    if kind is FieldType.MULTI_CHOICE:
        if not isinstance(value, list):
            return value
        unique: list[Any] = []
        for item in (_choice(f, item) for item in value):
            if not is_empty(item) and item not in unique:  # items may be unhashable junk
                unique.append(item)
        return unique
    if kind is FieldType.CHOICE:
        return _choice(f, value)
    if kind is FieldType.YES_NO:
        return _yes_no(value)
    return _scalar(kind, value)


def _text(f: FieldDefinition, value: Any, path: str, notes: list[Problem]) -> Any:
    if not isinstance(value, str):
        return value
    text = normalize_text(value)
    if f.uppercase:
        text = text.upper()
    for name in f.validators:
        if name == "phone" and (new := convert_old_mobile(national_form(text))):
            # docs/domain.md, "Phone numbers": convert old 11-digit mobiles, and say so.
            old = national_form(text)
            notes.append(problem(path, Code.PHONE_CONVERTED, Severity.WARNING, old=old, new=new))
        text = NAMED_VALIDATORS[name].normalize(text)
    return text


def _rows(f: FieldDefinition, value: Any, path: str, notes: list[Problem]) -> Any:
    if not isinstance(value, list):
        return value
    rows: list[Any] = []
    for row in value:
        if isinstance(row, Mapping):
            # Indexes are those of the rows kept, so later problems point at the stored row.
            row = _fields(f.fields, row, f"{path}[{len(rows)}].", notes)
        if not is_empty(row):
            rows.append(row)
    return rows


def _choice(f: FieldDefinition, value: Any) -> Any:
    if not isinstance(value, str):
        return value
    text = normalize_text(value)
    if not f.options or any(o.value == text for o in f.options):
        return text
    # Data files may carry the label ("Nam", "Tố giác") instead of the code.
    key = comparison_key(text)
    for option in f.options:
        if key in (comparison_key(option.label.vi), comparison_key(option.label.en)):
            return option.value
    return text


def _yes_no(value: Any) -> Any:
    if isinstance(value, bool):
        return value
    if isinstance(value, int) and value in (0, 1):
        return bool(value)
    if isinstance(value, str):
        key = normalize_text(value).lower()
        if key in _YES:
            return True
        if key in _NO:
            return False
    return value


def _scalar(kind: FieldType, value: Any) -> Any:
    # Parse the cleaned text: "0\x08" is stored as "0" after cleaning, which the next
    # normalisation would read as the number 0 — parsing first keeps normalising idempotent.
    if isinstance(value, str):
        value = normalize_text(value)
    parsed: Any = None
    if kind is FieldType.INTEGER:
        parsed = formats.parse_integer(value)
    elif kind is FieldType.DECIMAL:
        parsed = formats.parse_decimal(value)
    elif kind is FieldType.MONEY:
        parsed = formats.parse_money(value)
    elif kind is FieldType.DATE:
        day = formats.parse_date(value)
        parsed = day.isoformat() if day else None
    elif kind is FieldType.PARTIAL_DATE:
        parsed = formats.parse_partial_date(value)
    elif kind is FieldType.DATETIME:
        moment = formats.parse_datetime(value)
        parsed = formats.format_datetime(moment) if moment else None
    return parsed if parsed is not None else value


def _compute(
    fields: Sequence[FieldDefinition],
    values: dict[str, Any],
    outer: list[Scope],
    context: EvalContext,
) -> None:
    scopes = [Scope(frozenset(f.id for f in fields), values), *outer]
    for f in fields:
        value = values.get(f.id)
        if f.computed is not None:
            result = _computed_value(f, scopes, context)
            if is_empty(result) and result is not False:
                values.pop(f.id, None)
            else:
                values[f.id] = result
        elif f.type in (FieldType.PERSON, FieldType.ADDRESS) and isinstance(value, dict):
            _compute(f.fields, value, scopes, context)
        elif f.type is FieldType.GROUP and isinstance(value, list):
            for row in value:
                if isinstance(row, dict):
                    _compute(f.fields, row, scopes, context)


def _computed_value(f: FieldDefinition, scopes: list[Scope], context: EvalContext) -> Any:
    computed = f.computed
    assert computed is not None
    if computed.expression is not None:
        return evaluate(computed.expression, scopes, context)
    _, function = COMPUTED_FUNCTIONS[computed.function or ""]
    args = [resolve(arg.split("."), scopes) for arg in computed.args]
    return function(args, context)
