"""Validating a whole record against its form definition: the public entry points."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from domain.forms.evaluation import EvalContext, RecordLookup, Scope, holds, is_empty
from domain.forms.model import FieldDefinition, FieldType, FormDefinition
from domain.forms.rules import Rules, default_rules
from domain.law import Catalogue
from domain.reference import ReferenceData, default_reference
from domain.validation import formats
from domain.validation.checks import resolve_limit, run_check
from domain.validation.codes import Code
from domain.validation.named import NAMED_VALIDATORS, severity_of
from domain.validation.normalize import normalize_with_notes
from domain.validation.problems import Problem, problem


@dataclass(frozen=True)
class CheckedRecord:
    """Normalised values and every problem found in them (errors block completion)."""

    values: dict[str, Any]
    problems: list[Problem]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]


def check_record(
    form: FormDefinition,
    values: Mapping[str, Any],
    *,
    today: date,
    now: datetime | None = None,
    rules: Rules | None = None,
    reference: ReferenceData | None = None,
    station_commune: str | None = None,
    law: Catalogue | None = None,
    records: RecordLookup | None = None,
) -> CheckedRecord:
    """Normalise, then validate: what `cax record new` and the form window both need.

    `now` defaults to the end of `today`; `station_commune` (5-digit code) enables the
    "outside the station's area" warnings; `law` replaces the bundled legal catalogue;
    `records` looks up the station's records for `record_link` checks (skipped without it).
    """
    rules = rules or default_rules()
    if not isinstance(values, Mapping):
        return CheckedRecord({}, [problem("", Code.WRONG_TYPE, expected="object")])
    normalized, notes = normalize_with_notes(form, values, today=today, rules=rules, law=law)
    context = EvalContext(
        today=today,
        now=now or datetime.combine(today, time(23, 59)),
        rules=rules.values(),
        station_commune=station_commune,
        law=law,
        records=records,
    )
    walker = _Walker(context, reference or default_reference())
    walker.unknown(form.fields, values, "")
    walker.form(form, normalized)
    return CheckedRecord(normalized, notes + walker.problems)


def validate_record(
    form: FormDefinition,
    values: Mapping[str, Any],
    *,
    today: date,
    now: datetime | None = None,
    rules: Rules | None = None,
    reference: ReferenceData | None = None,
    station_commune: str | None = None,
    law: Catalogue | None = None,
    records: RecordLookup | None = None,
) -> list[Problem]:
    """Every problem in a record's values (raw or already normalised), in form order."""
    return check_record(
        form,
        values,
        today=today,
        now=now,
        rules=rules,
        reference=reference,
        station_commune=station_commune,
        law=law,
        records=records,
    ).problems


class _Walker:
    def __init__(self, context: EvalContext, reference: ReferenceData) -> None:
        self.context = context
        self.reference = reference
        self.problems: list[Problem] = []

    def add(self, path: str, code: Code, **params: Any) -> None:
        self.problems.append(problem(path, code, **params))

    def unknown(self, fields: Sequence[FieldDefinition], values: Any, prefix: str) -> None:
        """Keys no definition knows: a typo in a data file must not vanish silently."""
        if not isinstance(values, Mapping):
            return
        by_id = {f.id: f for f in fields}
        for key, value in values.items():
            f = by_id.get(key)
            path = f"{prefix}{key}"
            if f is None:
                self.add(path, Code.UNKNOWN_FIELD)
            elif f.type in (FieldType.PERSON, FieldType.ADDRESS):
                self.unknown(f.fields, value, f"{path}.")
            elif f.type is FieldType.GROUP and isinstance(value, list):
                for i, row in enumerate(value):
                    self.unknown(f.fields, row, f"{path}[{i}].")

    def form(self, form: FormDefinition, values: dict[str, Any]) -> None:
        scopes = [Scope(form.names, values)]
        for section in form.sections:
            if section.visible_if is None or holds(section.visible_if, scopes, self.context):
                for f in section.fields:
                    self.field(f, values.get(f.id), f.id, scopes)
        for check in form.checks:
            self.problems += run_check(check, "", scopes, self.context)

    def nested(
        self, f: FieldDefinition, values: Mapping[str, Any], prefix: str, outer: list[Scope]
    ) -> None:
        scopes = [Scope(f.names, values), *outer]
        for sub in f.fields:
            self.field(sub, values.get(sub.id), f"{prefix}{sub.id}", scopes)
        for check in f.checks:
            self.problems += run_check(check, prefix, scopes, self.context)

    def field(self, f: FieldDefinition, value: Any, path: str, scopes: list[Scope]) -> None:
        if f.visible_if is not None and not holds(f.visible_if, scopes, self.context):
            return
        if is_empty(value) and value is not False:
            required = f.required or (
                f.required_if is not None and holds(f.required_if, scopes, self.context)
            )
            if required:
                self.add(path, Code.REQUIRED)
            return
        if f.computed is not None:
            return  # worked out by normalisation, not typed
        if f.type in (FieldType.PERSON, FieldType.ADDRESS):
            if isinstance(value, Mapping):
                self.nested(f, value, f"{path}.", scopes)
            else:
                self.add(path, Code.WRONG_TYPE, expected="object")
        elif f.type is FieldType.GROUP:
            self.group(f, value, path, scopes)
        else:
            self.scalar(f, value, path, scopes)

    def group(self, f: FieldDefinition, rows: Any, path: str, scopes: list[Scope]) -> None:
        if not isinstance(rows, list):
            self.add(path, Code.WRONG_TYPE, expected="list")
            return
        low = resolve_limit(f.min_items, self.context)
        high = resolve_limit(f.max_items, self.context)
        if isinstance(low, int | float) and len(rows) < low:
            self.add(path, Code.TOO_FEW_ITEMS, min_items=low)
        if isinstance(high, int | float) and len(rows) > high:
            self.add(path, Code.TOO_MANY_ITEMS, max_items=high)
        for i, row in enumerate(rows):
            if isinstance(row, Mapping):
                self.nested(f, row, f"{path}[{i}].", scopes)
            else:
                self.add(f"{path}[{i}]", Code.WRONG_TYPE, expected="object")

    def scalar(self, f: FieldDefinition, value: Any, path: str, scopes: list[Scope]) -> None:
        kind = f.type
        if kind in (FieldType.TEXT, FieldType.MULTILINE):
            self.text(f, value, path)
        elif kind in (FieldType.INTEGER, FieldType.DECIMAL, FieldType.MONEY):
            self.number(f, value, path)
        elif kind in (FieldType.DATE, FieldType.PARTIAL_DATE, FieldType.DATETIME):
            self.moment(f, value, path)
        elif kind is FieldType.CHOICE:
            self.choice(f, value, path, scopes)
        elif kind is FieldType.MULTI_CHOICE:
            if not isinstance(value, list):
                self.add(path, Code.WRONG_TYPE, expected="list")
                return
            for item in value:
                self.choice(f, item, path, scopes)
        elif kind is FieldType.YES_NO and not isinstance(value, bool):
            self.add(path, Code.WRONG_TYPE, expected="boolean")

    def text(self, f: FieldDefinition, value: Any, path: str) -> None:
        if not isinstance(value, str):
            self.add(path, Code.WRONG_TYPE, expected="text")
            return
        low = resolve_limit(f.min_length, self.context)
        high = resolve_limit(f.max_length, self.context)
        if isinstance(low, int | float) and len(value) < low:
            self.add(path, Code.TOO_SHORT, min_length=low)
        if isinstance(high, int | float) and len(value) > high:
            self.add(path, Code.TOO_LONG, max_length=high)
        if f.pattern is not None and not f.pattern.search(value):
            self.add(path, Code.PATTERN_MISMATCH, pattern=f.pattern.pattern)
        for name in f.validators:
            for code, params in NAMED_VALIDATORS[name].check(value, self.reference):
                self.problems.append(problem(path, code, severity_of(code), **params))

    def number(self, f: FieldDefinition, value: Any, path: str) -> None:
        is_number = isinstance(value, int | float) and not isinstance(value, bool)
        if f.type is FieldType.MONEY and not (isinstance(value, int) and is_number and value >= 0):
            self.add(path, Code.MONEY_INVALID)
            return
        if f.type is FieldType.INTEGER and not (is_number and isinstance(value, int)):
            self.add(path, Code.NOT_AN_INTEGER)
            return
        if not is_number:
            self.add(path, Code.NOT_A_NUMBER)
            return
        low = resolve_limit(f.min, self.context)
        high = resolve_limit(f.max, self.context)
        if isinstance(low, int | float) and value < low:
            self.add(path, Code.BELOW_MIN, min=low)
        if isinstance(high, int | float) and value > high:
            self.add(path, Code.ABOVE_MAX, max=high)

    def moment(self, f: FieldDefinition, value: Any, path: str) -> None:
        text = _moment_text(f.type, value)
        if text is None:
            invalid = Code.DATETIME_INVALID if f.type is FieldType.DATETIME else Code.DATE_INVALID
            self.add(path, invalid)
            return
        if f.not_future and text > _now_text(f.type, text, self.context):
            self.add(path, Code.DATE_IN_FUTURE)
        low = _bound(resolve_limit(f.min, self.context))
        high = _bound(resolve_limit(f.max, self.context))
        if low is not None and text[: len(low)] < low[: len(text)]:
            self.add(path, Code.BELOW_MIN, min=low)
        if high is not None and text[: len(high)] > high[: len(text)]:
            self.add(path, Code.ABOVE_MAX, max=high)

    def choice(self, f: FieldDefinition, value: Any, path: str, scopes: list[Scope]) -> None:
        if not isinstance(value, str):
            self.add(path, Code.CHOICE_INVALID, value=str(value))
            return
        if f.reference is None:
            if all(o.value != value for o in f.options):
                self.add(path, Code.CHOICE_INVALID, value=value)
            return
        if not self.reference.contains(f.reference, value):
            self.add(path, Code.CHOICE_INVALID, value=value)
            return
        if f.reference == "communes" and f.parent is not None:
            province = scopes[0].values.get(f.parent)
            commune = self.reference.commune(value)
            if isinstance(province, str) and commune is not None and commune.province != province:
                self.add(path, Code.COMMUNE_NOT_IN_PROVINCE, commune=value, province=province)


def _moment_text(kind: FieldType, value: Any) -> str | None:
    """The canonical text of a stored date value, which compares correctly as a string."""
    if kind is FieldType.DATE:
        day = formats.parse_date(value)
        return day.isoformat() if day else None
    if kind is FieldType.PARTIAL_DATE:
        return formats.parse_partial_date(value)
    moment = formats.parse_datetime(value)
    return formats.format_datetime(moment) if moment else None


def _now_text(kind: FieldType, text: str, context: EvalContext) -> str:
    if kind is FieldType.DATETIME and context.now is not None:
        return formats.format_datetime(context.now)
    today = context.today.isoformat() if context.today else "9999-12-31"
    return today[: len(text)]  # a partial date is in the future only if its known part is


def _bound(limit: Any) -> str | None:
    """A date bound as text; a bare number bounds the year."""
    if isinstance(limit, int | float) and not isinstance(limit, bool):
        return f"{int(limit):04d}"
    if isinstance(limit, str) and re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", limit):
        return limit
    return None
