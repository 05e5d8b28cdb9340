"""Validation problem codes as translated sentences, with their parameters filled in."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from desktop.ui.formats import format_number
from desktop.ui.record_form.paths import field_label
from domain.forms.model import FieldType, FormDefinition
from domain.reference import ReferenceData, default_reference
from domain.validation.codes import Code
from domain.validation.problems import Problem

CONTEXT = "ProblemMessages"

# Code → source text; %1, %2 are filled from the parameters named in _PARAMS.
_TEXTS: dict[str, str] = {
    Code.REQUIRED: QT_TRANSLATE_NOOP("ProblemMessages", "This must be filled in."),
    Code.UNKNOWN_FIELD: QT_TRANSLATE_NOOP("ProblemMessages", "This value is not part of the form."),
    Code.WRONG_TYPE: QT_TRANSLATE_NOOP("ProblemMessages", "Wrong kind of value: %1 expected."),
    Code.TOO_SHORT: QT_TRANSLATE_NOOP(
        "ProblemMessages", "Too short: write at least %1 characters."
    ),
    Code.TOO_LONG: QT_TRANSLATE_NOOP("ProblemMessages", "Too long: at most %1 characters."),
    Code.PATTERN_MISMATCH: QT_TRANSLATE_NOOP("ProblemMessages", "Not in the expected format."),
    Code.BELOW_MIN: QT_TRANSLATE_NOOP("ProblemMessages", "Must not be less than %1."),
    Code.ABOVE_MAX: QT_TRANSLATE_NOOP("ProblemMessages", "Must not be more than %1."),
    Code.NOT_AN_INTEGER: QT_TRANSLATE_NOOP("ProblemMessages", "Type a whole number."),
    Code.NOT_A_NUMBER: QT_TRANSLATE_NOOP("ProblemMessages", "Type a number, e.g. 12,5."),
    Code.MONEY_INVALID: QT_TRANSLATE_NOOP(
        "ProblemMessages", "Type a whole amount in đồng, e.g. 1.500.000."
    ),
    Code.CHOICE_INVALID: QT_TRANSLATE_NOOP(
        "ProblemMessages", "\u201c%1\u201d is not in the list: choose one of its entries."
    ),
    Code.TOO_FEW_ITEMS: QT_TRANSLATE_NOOP("ProblemMessages", "Add at least %1 row(s)."),
    Code.TOO_MANY_ITEMS: QT_TRANSLATE_NOOP("ProblemMessages", "At most %1 row(s) are allowed."),
    Code.ONE_OF_REQUIRED: QT_TRANSLATE_NOOP("ProblemMessages", "Fill in at least one of: %1."),
    Code.DATE_INVALID: QT_TRANSLATE_NOOP("ProblemMessages", "Type the date as dd/mm/yyyy."),
    Code.DATETIME_INVALID: QT_TRANSLATE_NOOP(
        "ProblemMessages", "Type the date and time as dd/mm/yyyy hh:mm."
    ),
    Code.DATE_IN_FUTURE: QT_TRANSLATE_NOOP("ProblemMessages", "This is in the future."),
    Code.RANGE_ORDER: QT_TRANSLATE_NOOP("ProblemMessages", "Must not be before \u201c%1\u201d."),
    Code.ID_FORMAT: QT_TRANSLATE_NOOP(
        "ProblemMessages", "A personal ID number has exactly 12 digits."
    ),
    Code.ID_PREFIX_UNKNOWN: QT_TRANSLATE_NOOP(
        "ProblemMessages", "The first digits %1 are not a province code: check the number."
    ),
    Code.ID_SEX_MISMATCH: QT_TRANSLATE_NOOP(
        "ProblemMessages", "The ID number is that of a %1: check the sex or the number."
    ),
    Code.ID_BIRTH_YEAR_MISMATCH: QT_TRANSLATE_NOOP(
        "ProblemMessages",
        "The ID number gives %1 as the year of birth: check the date of birth or the number.",
    ),
    Code.LEGACY_ID_FORMAT: QT_TRANSLATE_NOOP(
        "ProblemMessages", "A former ID card (CMND) number has 9 or 12 digits."
    ),
    Code.PASSPORT_FORMAT_UNUSUAL: QT_TRANSLATE_NOOP(
        "ProblemMessages", "Unusual document number (Vietnamese passports read like C1234567)."
    ),
    Code.TAX_CODE_FORMAT: QT_TRANSLATE_NOOP(
        "ProblemMessages", "A tax code has 10 digits, or 10 digits, a dash and 3 digits."
    ),
    Code.PHONE_INVALID: QT_TRANSLATE_NOOP(
        "ProblemMessages", "Not a Vietnamese phone number (e.g. 0912 345 678)."
    ),
    Code.PHONE_PREFIX_UNKNOWN: QT_TRANSLATE_NOOP(
        "ProblemMessages", "The prefix %1 belongs to no known network: check the number."
    ),
    Code.PHONE_CONVERTED: QT_TRANSLATE_NOOP(
        "ProblemMessages", "The old 11-digit number %1 was changed to %2."
    ),
    Code.PLATE_FORMAT: QT_TRANSLATE_NOOP(
        "ProblemMessages", "Not a number plate (e.g. 29A-123.45 or 29B1-234.56)."
    ),
    Code.PLATE_SPECIAL_SERIES: QT_TRANSLATE_NOOP(
        "ProblemMessages", "Special series %1 (diplomatic, foreign or military): check it."
    ),
    Code.COMMUNE_NOT_IN_PROVINCE: QT_TRANSLATE_NOOP("ProblemMessages", "%1 is not in %2."),
    Code.OUTSIDE_STATION_AREA: QT_TRANSLATE_NOOP(
        "ProblemMessages", "This place is outside the station's commune."
    ),
    Code.WITNESS_REQUIRED: QT_TRANSLATE_NOOP(
        "ProblemMessages",
        "The violator did not sign: add a witness or write why they refused.",
    ),
    Code.FINE_OUTSIDE_FRAME: QT_TRANSLATE_NOOP(
        "ProblemMessages", "The fine must lie within the provision's frame: %1 to %2 đồng."
    ),
    Code.FINE_ABOVE_COMPETENCE: QT_TRANSLATE_NOOP(
        "ProblemMessages", "The person issuing may impose a fine of at most %1 đồng."
    ),
    Code.LAW_ENTRY_UNKNOWN: QT_TRANSLATE_NOOP(
        "ProblemMessages", "\u201c%1\u201d is not in the legal catalogue."
    ),
    Code.LAW_ENTRY_NOT_IN_FORCE: QT_TRANSLATE_NOOP(
        "ProblemMessages",
        "This provision was not in force on %1, the day of the violation: "
        "choose the one in force then.",
    ),
    Code.WARNING_NOT_ALLOWED: QT_TRANSLATE_NOOP(
        "ProblemMessages", "This provision allows a fine only, not a warning."
    ),
    Code.MEASURE_BEYOND_COMPETENCE: QT_TRANSLATE_NOOP(
        "ProblemMessages", "The commune police may not impose this measure."
    ),
    Code.NO_RECORD_LIMIT_EXCEEDED: QT_TRANSLATE_NOOP(
        "ProblemMessages",
        "Without a violation record, only a warning or a fine of at most %1 đồng is allowed.",
    ),
    Code.DENUNCIATION_NOT_INDIVIDUAL: QT_TRANSLATE_NOOP(
        "ProblemMessages",
        "Only an individual can make a denunciation (tố giác); "
        "what an organisation reports is a tin báo.",
    ),
    Code.SUPERVISION_FILE_MISSING: QT_TRANSLATE_NOOP(
        "ProblemMessages",
        "This person is under supervision: give the number of their supervision file (F10).",
    ),
    Code.LINKED_RECORD_NOT_FOUND: QT_TRANSLATE_NOOP(
        "ProblemMessages",
        "No record numbered %1 (%2) at this station: check the number, or the file is kept "
        "at another station.",
    ),
    Code.LINKED_RECORD_OTHER_PERSON: QT_TRANSLATE_NOOP(
        "ProblemMessages",
        "Record %1 (%2) is about another person: its ID number differs from this one.",
    ),
    Code.TRANSFER_OVERDUE: QT_TRANSLATE_NOOP(
        "ProblemMessages", "Not transferred within %1 hours of receipt."
    ),
    Code.DECISION_LATE: QT_TRANSLATE_NOOP(
        "ProblemMessages", "The decision comes more than %1 days after the record."
    ),
    Code.NOTICE_LATE: QT_TRANSLATE_NOOP("ProblemMessages", "The stay was notified late."),
    Code.ID_OR_REASON_REQUIRED: QT_TRANSLATE_NOOP(
        "ProblemMessages", "Give an ID or passport number, or why there is none."
    ),
    Code.DECIMAL_NOT_ALLOWED: QT_TRANSLATE_NOOP(
        "ProblemMessages", "This unit is counted in whole numbers."
    ),
    Code.RULE_FAILED: QT_TRANSLATE_NOOP("ProblemMessages", "A rule of this form is not met."),
}

# Messages whose wording depends on the parameters or the field, chosen in `describe_problem`.
_RANGE_DAYS = QT_TRANSLATE_NOOP("ProblemMessages", "The span is longer than %1 days.")
_RANGE_HOURS = QT_TRANSLATE_NOOP("ProblemMessages", "The span is longer than %1 hours.")
_PARTIAL_DATE = QT_TRANSLATE_NOOP(
    "ProblemMessages", "Type the date as dd/mm/yyyy, or the year alone (e.g. 1985)."
)
_MALE = QT_TRANSLATE_NOOP("ProblemMessages", "man")
_FEMALE = QT_TRANSLATE_NOOP("ProblemMessages", "woman")
_KINDS = {
    "text": QT_TRANSLATE_NOOP("ProblemMessages", "text"),
    "integer": QT_TRANSLATE_NOOP("ProblemMessages", "a whole number"),
    "number": QT_TRANSLATE_NOOP("ProblemMessages", "a number"),
    "object": QT_TRANSLATE_NOOP("ProblemMessages", "a group of fields"),
    "list": QT_TRANSLATE_NOOP("ProblemMessages", "a list"),
    "boolean": QT_TRANSLATE_NOOP("ProblemMessages", "yes or no"),
}

_PARAMS: dict[str, tuple[str, ...]] = {
    Code.WRONG_TYPE: ("expected",),
    Code.TOO_SHORT: ("min_length",),
    Code.TOO_LONG: ("max_length",),
    Code.BELOW_MIN: ("min",),
    Code.ABOVE_MAX: ("max",),
    Code.CHOICE_INVALID: ("value",),
    Code.TOO_FEW_ITEMS: ("min_items",),
    Code.TOO_MANY_ITEMS: ("max_items",),
    Code.ONE_OF_REQUIRED: ("fields",),
    Code.RANGE_ORDER: ("other",),
    Code.ID_PREFIX_UNKNOWN: ("prefix",),
    Code.ID_SEX_MISMATCH: ("expected",),
    Code.ID_BIRTH_YEAR_MISMATCH: ("expected",),
    Code.PHONE_PREFIX_UNKNOWN: ("prefix",),
    Code.PHONE_CONVERTED: ("old", "new"),
    Code.PLATE_SPECIAL_SERIES: ("series",),
    Code.COMMUNE_NOT_IN_PROVINCE: ("commune", "province"),
    Code.TRANSFER_OVERDUE: ("rule",),
    Code.DECISION_LATE: ("rule",),
    Code.FINE_OUTSIDE_FRAME: ("min", "max"),
    Code.FINE_ABOVE_COMPETENCE: ("max",),
    Code.LAW_ENTRY_UNKNOWN: ("entry",),
    Code.LAW_ENTRY_NOT_IN_FORCE: ("day",),
    Code.NO_RECORD_LIMIT_EXCEEDED: ("max",),
    Code.LINKED_RECORD_NOT_FOUND: ("number", "form"),
    Code.LINKED_RECORD_OTHER_PERSON: ("number", "form"),
}


def _tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def known_codes() -> frozenset[str]:
    return frozenset(_TEXTS)


def format_limit(value: Any) -> str:
    """A number as 1.500.000 or 0,001; an ISO date as dd/mm/yyyy; anything else as it is."""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return format_number(value)
    if isinstance(value, float):
        whole = format_number(int(value)) if abs(value) >= 1000 else str(int(value))
        fraction = f"{value:.6f}".rstrip("0").split(".")[1]
        return f"{whole},{fraction}" if fraction else whole
    if isinstance(value, str) and len(value) in (7, 10) and value[4:5] == "-":
        return "/".join(reversed(value.split("-")))
    return str(value)


class _Filler:
    """Turns one parameter into display text, using the form for labels and codes for names."""

    def __init__(
        self,
        form: FormDefinition | None,
        language: str,
        rules: Mapping[str, Any],
        reference: ReferenceData,
    ) -> None:
        self.form, self.language, self.rules, self.reference = form, language, rules, reference

    def label(self, path: str) -> str:
        return field_label(self.form, path, self.language) if self.form else path

    def text(self, code: str, name: str, value: Any) -> str:
        if name == "other":
            return self.label(str(value))
        if name == "fields" and isinstance(value, list | tuple):
            return ", ".join(self.label(str(p)) for p in value)
        if name == "expected" and code == Code.ID_SEX_MISMATCH:
            return _tr(_MALE if value == "nam" else _FEMALE)
        if name == "expected" and code == Code.WRONG_TYPE:
            return _tr(_KINDS.get(str(value), str(value)))
        if name == "expected":
            return str(value)
        if name == "rule":
            return format_limit(self.rules.get(str(value), value))
        if name == "commune":
            return self.reference.label("communes", str(value)) or str(value)
        if name == "province":
            return self.reference.label("provinces", str(value)) or str(value)
        return format_limit(value)


def describe_problem(
    problem: Problem,
    form: FormDefinition | None = None,
    *,
    language: str = "vi",
    rules: Mapping[str, Any] | None = None,
    reference: ReferenceData | None = None,
) -> str:
    """The sentence shown beside a field for one problem, in the UI's language."""
    filler = _Filler(form, language, rules or {}, reference or default_reference())
    params = problem.params
    code = str(problem.code)
    if code == Code.RANGE_TOO_LONG:
        key, text = (
            ("max_hours", _RANGE_HOURS) if "max_hours" in params else ("max_days", _RANGE_DAYS)
        )
        return _fill(_tr(text), [format_limit(params.get(key, ""))])
    if code == Code.DATE_INVALID and form is not None:
        definition = form.field(problem.path)
        if definition is not None and definition.type is FieldType.PARTIAL_DATE:
            return _tr(_PARTIAL_DATE)
    source = _TEXTS.get(code, _TEXTS[Code.RULE_FAILED])
    values = [filler.text(code, name, params.get(name, "")) for name in _PARAMS.get(code, ())]
    return _fill(_tr(source), values)


def _fill(text: str, values: list[str]) -> str:
    # Highest placeholder first, so %1 never eats the start of a %10.
    for number in range(len(values), 0, -1):
        text = text.replace(f"%{number}", values[number - 1])
    return text
