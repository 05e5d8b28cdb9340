"""The in-memory form definition: frozen dataclasses built by the loader from resources/forms."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType
from typing import Any

from domain.forms.expressions import Expression


class FieldType(StrEnum):
    TEXT = "text"
    MULTILINE = "multiline"
    INTEGER = "integer"
    DECIMAL = "decimal"
    MONEY = "money"  # whole VND
    DATE = "date"
    PARTIAL_DATE = "partial_date"  # yyyy, yyyy-mm or yyyy-mm-dd (dates of birth)
    DATETIME = "datetime"  # local UTC+7 wall-clock time, to the minute
    CHOICE = "choice"
    MULTI_CHOICE = "multi_choice"
    YES_NO = "yes_no"
    PERSON = "person"  # the shared identity block (docs/forms.md)
    ADDRESS = "address"  # the shared address block (docs/forms.md)
    GROUP = "group"  # repeating rows


COMPOSITE_TYPES = frozenset({FieldType.PERSON, FieldType.ADDRESS})
NESTED_TYPES = COMPOSITE_TYPES | {FieldType.GROUP}


class Sensitivity(StrEnum):
    BASIC = "basic"
    SENSITIVE = "sensitive"  # Decree 356 Art. 4: hidden by default, needs an extra permission


@dataclass(frozen=True)
class Text:
    """A label in Vietnamese and English."""

    vi: str
    en: str

    def get(self, lang: str = "vi") -> str:
        return self.vi if lang == "vi" else self.en


@dataclass(frozen=True)
class Option:
    value: str
    label: Text


@dataclass(frozen=True)
class RuleRef:
    """A limit taken from resources/rules.json by name (legal values marked [?] stay configurable)."""

    name: str


Limit = int | float | str | RuleRef


@dataclass(frozen=True)
class Computed:
    """A read-only value worked out from others: a named function or an expression."""

    function: str | None = None
    args: tuple[str, ...] = ()
    expression: Expression | None = None


@dataclass(frozen=True)
class OrderCheck:
    """`first` must not come after `then` (strictly before if `strict`), optionally within a span."""

    id: str
    first: str
    then: str
    strict: bool = False
    max_days: Limit | None = None
    max_hours: Limit | None = None
    limit_severity: str = "warning"
    when: Expression | None = None


@dataclass(frozen=True)
class OneOfCheck:
    """At least one of `fields` must be filled in."""

    id: str
    fields: tuple[str, ...]
    severity: str = "error"
    when: Expression | None = None


@dataclass(frozen=True)
class IdPersonCheck:
    """The 12-digit ID's sex and birth-year digits must match the person (overridable errors)."""

    id: str
    id_field: str
    sex_field: str
    birth_field: str
    male: str
    female: str
    when: Expression | None = None


@dataclass(frozen=True)
class ExpressionCheck:
    """`assert` must hold (when `when` holds); otherwise `code` is reported at `path`."""

    id: str
    assertion: Expression
    path: str
    code: str
    severity: str = "error"
    overridable: bool = False
    when: Expression | None = None
    params: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))


@dataclass(frozen=True)
class LawCheck:
    """The catalogue entry in `entry` must exist and be in force on the date in `on`; a fine,
    warning, signer and additional measures must fit that entry (docs/legal-catalogue.md)."""

    id: str
    entry: str
    on: str
    party: str
    penalty: str | None = None  # choice field: "canh_cao" or "phat_tien"
    fine: str | None = None
    signer: str | None = None
    measures: str | None = None  # group whose rows carry the measure in "kind"
    without_record: Expression | None = None  # holds for a decision made without a record
    when: Expression | None = None


@dataclass(frozen=True)
class RecordLinkCheck:
    """The document number in `path` names a live record of `form` at this station, about the
    same person: `person` here and `target_person` there hold the same ID number when both are
    filled in (docs/domain.md, "The link to F10"). Judged only where the station's records can be
    looked up (`EvalContext.records`); the centre and pure checks skip it."""

    id: str
    path: str
    form: str
    person: str | None = None
    target_person: str | None = None
    when: Expression | None = None


Check = OrderCheck | OneOfCheck | IdPersonCheck | ExpressionCheck | LawCheck | RecordLinkCheck


@dataclass(frozen=True)
class FieldDefinition:
    id: str
    type: FieldType
    label: Text
    help: Text | None = None
    required: bool = False
    required_if: Expression | None = None
    visible_if: Expression | None = None
    min: Limit | None = None
    max: Limit | None = None
    min_length: Limit | None = None
    max_length: Limit | None = None
    pattern: re.Pattern[str] | None = None
    validators: tuple[str, ...] = ()
    options: tuple[Option, ...] = ()
    reference: str | None = None  # a list in resources/reference (choice fields)
    parent: str | None = None  # sibling field whose value filters this list (commune → province)
    default: Any = None
    computed: Computed | None = None
    sensitivity: Sensitivity = Sensitivity.BASIC
    searchable: bool = False
    list_column: bool = False
    not_future: bool = False
    uppercase: bool = False
    fields: tuple[FieldDefinition, ...] = ()  # sub-fields of person/address, row fields of group
    checks: tuple[Check, ...] = ()
    min_items: Limit | None = None
    max_items: Limit | None = None
    ui: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))

    @property
    def is_nested(self) -> bool:
        return self.type in NESTED_TYPES

    @property
    def names(self) -> frozenset[str]:
        return frozenset(f.id for f in self.fields)

    def option_label(self, value: str, lang: str = "vi") -> str | None:
        for option in self.options:
            if option.value == value:
                return option.label.get(lang)
        return None

    @property
    def masked_in_lists(self) -> bool:
        """ID and phone numbers are personal data: lists show them masked (`001*******89`)."""
        return bool({"id_number", "legacy_id", "phone", "passport"} & set(self.validators))


@dataclass(frozen=True)
class Section:
    id: str
    title: Text
    fields: tuple[FieldDefinition, ...]
    visible_if: Expression | None = None


@dataclass(frozen=True)
class FormDefinition:
    id: str
    version: int
    title: Text
    short_title: Text
    sections: tuple[Section, ...]
    checks: tuple[Check, ...] = ()
    legal_basis: str = ""
    template: str = ""  # the official template it reproduces, e.g. "ND118-2021+ND190-2025/MBB01"
    numbering: str | None = None  # document-number symbol, e.g. "BB-VPHC" → "05/BB-VPHC"
    title_template: str = ""  # e.g. "{violator.full_name|organisation.name} – {act_description}"
    event_date_field: str | None = None  # the date reports count the record under
    commune_field: str | None = None  # the address whose commune filters lists
    category_field: str | None = None  # the choice the dashboard breaks the form down by
    order: int = 0

    @property
    def fields(self) -> tuple[FieldDefinition, ...]:
        """Top-level fields of every section, in order."""
        return tuple(f for section in self.sections for f in section.fields)

    @property
    def names(self) -> frozenset[str]:
        return frozenset(f.id for f in self.fields)

    def walk(self) -> Iterator[tuple[str, FieldDefinition]]:
        """Every field with its definition path: `reporter.id_number`, `items[].quantity`."""
        yield from walk_fields(self.fields, "")

    def field(self, path: str) -> FieldDefinition | None:
        """The definition at a path; record paths (`items[2].quantity`) work too."""
        wanted = re.sub(r"\[\d*\]", "[]", path)
        return next((f for p, f in self.walk() if p == wanted), None)

    def searchable_paths(self) -> tuple[str, ...]:
        return tuple(p for p, f in self.walk() if f.searchable)

    def list_columns(self) -> tuple[tuple[str, FieldDefinition], ...]:
        """Fields shown as columns in record lists (person → name, address → one line)."""
        return tuple((p, f) for p, f in self.walk() if f.list_column)

    def sensitive_paths(self) -> tuple[str, ...]:
        """Sensitive fields; the loader has already made everything inside a sensitive one sensitive."""
        return tuple(p for p, f in self.walk() if f.sensitivity is Sensitivity.SENSITIVE)


def walk_fields(
    fields: tuple[FieldDefinition, ...], prefix: str
) -> Iterator[tuple[str, FieldDefinition]]:
    for f in fields:
        path = f"{prefix}{f.id}"
        yield path, f
        if f.is_nested:
            yield from walk_fields(
                f.fields, f"{path}[]." if f.type is FieldType.GROUP else f"{path}."
            )
