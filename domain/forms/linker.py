"""Load-time checks that a definition's names all resolve: fields, rules, codes, lists, functions."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from domain.forms.computed import COMPUTED_FUNCTIONS
from domain.forms.errors import FormDefinitionInvalid
from domain.forms.expressions import Expression
from domain.forms.model import (
    COMPOSITE_TYPES,
    Check,
    ExpressionCheck,
    FieldDefinition,
    FieldType,
    FormDefinition,
    IdPersonCheck,
    LawCheck,
    OneOfCheck,
    OrderCheck,
    RecordLinkCheck,
    RuleRef,
)
from domain.forms.rules import Rules
from domain.reference import REFERENCE_LISTS
from domain.validation.codes import ALL_CODES

Chain = Sequence[tuple[FieldDefinition, ...]]  # field sets from the innermost scope outwards

TIME_TYPES = frozenset({FieldType.DATE, FieldType.DATETIME, FieldType.PARTIAL_DATE})
NUMBER_TYPES = frozenset({FieldType.INTEGER, FieldType.DECIMAL, FieldType.MONEY})
_PLACEHOLDER = re.compile(r"\{([^{}]+)\}")


def resolve_definition(parts: Sequence[str], chain: Chain) -> FieldDefinition | None:
    """The field a dotted name refers to, looked up from the innermost scope outwards."""
    for fields in chain:
        found = next((f for f in fields if f.id == parts[0]), None)
        if found is not None:
            break
    else:
        return None
    for part in parts[1:]:
        if found.type not in COMPOSITE_TYPES:
            return None  # only person/address can be dotted into; a group is a list
        found = next((f for f in found.fields if f.id == part), None)
        if found is None:
            return None
    return found


class Linker:
    def __init__(self, file: str, rules: Rules) -> None:
        self.file = file
        self.rules = rules

    def fail(self, where: str, reason: str, **details: object) -> FormDefinitionInvalid:
        return FormDefinitionInvalid(file=self.file, path=where, reason=reason, **details)

    def form(self, form: FormDefinition) -> None:
        chain: Chain = (form.fields,)
        seen: set[str] = set()
        for section in form.sections:
            # Field ids are unique across the whole form: sections are pages, not scopes.
            for f in section.fields:
                if f.id in seen:
                    raise self.fail(f"sections.{section.id}", "duplicate_field", name=f.id)
                seen.add(f.id)
        for section in form.sections:
            self.expression(section.visible_if, chain, f"sections.{section.id}.visible_if")
            self.fields(section.fields, chain, f"sections.{section.id}")
        for check in form.checks:
            self.check(check, chain, f"checks.{check.id}")
        self._form_paths(form)

    def fields(self, fields: Iterable[FieldDefinition], chain: Chain, where: str) -> None:
        for f in fields:
            self.field(f, chain, f"{where}.{f.id}")

    def field(self, f: FieldDefinition, chain: Chain, where: str) -> None:
        self.expression(f.required_if, chain, f"{where}.required_if")
        self.expression(f.visible_if, chain, f"{where}.visible_if")
        for limit in (f.min, f.max, f.min_length, f.max_length, f.min_items, f.max_items):
            self.limit(limit, where)
        if f.type in (FieldType.CHOICE, FieldType.MULTI_CHOICE):
            self._choice(f, chain, where)
        elif f.options or f.reference or f.parent:
            raise self.fail(where, "options_on_non_choice")
        if f.computed is not None:
            self._computed(f, chain, where)
        if f.is_nested:
            if not f.fields:
                raise self.fail(where, "no_fields")
            self._unique(f.fields, where)
            inner: Chain = (f.fields, *chain)
            self.fields(f.fields, inner, where)
            for check in f.checks:
                self.check(check, inner, f"{where}.checks.{check.id}")

    def _choice(self, f: FieldDefinition, chain: Chain, where: str) -> None:
        if bool(f.options) == (f.reference is not None):
            raise self.fail(where, "choice_needs_options_or_reference")
        if f.reference is not None and f.reference not in REFERENCE_LISTS:
            raise self.fail(where, "unknown_reference_list", name=f.reference)
        values = [o.value for o in f.options]
        if len(values) != len(set(values)):
            raise self.fail(where, "duplicate_option")
        if f.parent is not None and resolve_definition((f.parent,), chain[:1]) is None:
            raise self.fail(where, "unknown_parent", name=f.parent)

    def _computed(self, f: FieldDefinition, chain: Chain, where: str) -> None:
        computed = f.computed
        assert computed is not None
        if computed.expression is not None:
            self.expression(computed.expression, chain, f"{where}.computed")
            return
        spec = COMPUTED_FUNCTIONS.get(computed.function or "")
        if spec is None:
            raise self.fail(where, "unknown_computed_function", name=computed.function)
        if spec[0] != len(computed.args):
            raise self.fail(where, "wrong_argument_count", name=computed.function)
        for arg in computed.args:
            self.path(arg, chain, where)

    def check(self, check: Check, chain: Chain, where: str) -> None:
        self.expression(check.when, chain, f"{where}.when")
        if isinstance(check, OrderCheck):
            for name in (check.first, check.then):
                if self.path(name, chain, where).type not in TIME_TYPES | NUMBER_TYPES:
                    raise self.fail(where, "order_needs_dates_or_numbers", name=name)
            self.limit(check.max_days, where)
            self.limit(check.max_hours, where)
        elif isinstance(check, OneOfCheck):
            for name in check.fields:
                self.path(name, chain, where)
        elif isinstance(check, IdPersonCheck):
            self.path(check.id_field, chain, where)
            self.path(check.birth_field, chain, where)
            sex = self.path(check.sex_field, chain, where)
            if {check.male, check.female} - {o.value for o in sex.options}:
                raise self.fail(where, "unknown_option", name=check.sex_field)
        elif isinstance(check, ExpressionCheck):
            self.expression(check.assertion, chain, f"{where}.assert")
            self.path(check.path, chain, where)
            if check.code not in ALL_CODES:
                raise self.fail(where, "unknown_message_code", code=check.code)
        elif isinstance(check, LawCheck):
            self.expression(check.without_record, chain, f"{where}.without_record")
            named = (check.entry, check.on, check.party, check.penalty, check.fine)
            for optional_name in (*named, check.signer, check.measures):
                if optional_name is not None:
                    self.path(optional_name, chain, where)
        elif isinstance(check, RecordLinkCheck):
            self.path(check.path, chain, where)
            if check.person is not None:
                self.path(check.person, chain, where)

    def expression(self, expression: Expression | None, chain: Chain, where: str) -> None:
        if expression is None:
            return
        for ref in expression.refs():
            if resolve_definition(ref.parts, chain) is None:
                raise self.fail(where, "unknown_field", name=".".join(ref.parts))
        for name in expression.rule_names():
            if name not in self.rules:
                raise self.fail(where, "unknown_rule", name=name)

    def path(self, name: str, chain: Chain, where: str) -> FieldDefinition:
        found = resolve_definition(name.split("."), chain)
        if found is None:
            raise self.fail(where, "unknown_field", name=name)
        return found

    def limit(self, limit: object, where: str) -> None:
        if isinstance(limit, RuleRef) and limit.name not in self.rules:
            raise self.fail(where, "unknown_rule", name=limit.name)

    def _unique(self, fields: Sequence[FieldDefinition], where: str) -> None:
        seen: set[str] = set()
        for f in fields:
            if f.id in seen:
                raise self.fail(where, "duplicate_field", name=f.id)
            seen.add(f.id)

    def _form_paths(self, form: FormDefinition) -> None:
        chain: Chain = (form.fields,)
        for placeholder in _PLACEHOLDER.findall(form.title_template):
            for name in placeholder.split("|"):
                self.path(name.strip(), chain, "title_template")
        if form.event_date_field:
            found = self.path(form.event_date_field, chain, "event_date_field")
            if found.type not in TIME_TYPES:
                raise self.fail("event_date_field", "not_a_date", name=form.event_date_field)
        if form.category_field:
            found = self.path(form.category_field, chain, "category_field")
            if found.type is not FieldType.CHOICE:
                raise self.fail("category_field", "not_a_choice", name=form.category_field)
        for name in filter(None, (form.commune_field or "").split("|")):
            if self.path(name, chain, "commune_field").type is not FieldType.ADDRESS:
                raise self.fail("commune_field", "not_an_address", name=name)
