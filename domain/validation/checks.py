"""Cross-field checks of a definition: date order, one-of, ID digits against the person, rules."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from domain.forms.evaluation import EvalContext, Scope, as_moment, holds, is_empty, resolve
from domain.forms.model import (
    Check,
    ExpressionCheck,
    IdPersonCheck,
    LawCheck,
    Limit,
    OneOfCheck,
    OrderCheck,
    RecordLinkCheck,
    RuleRef,
)
from domain.validation.codes import Code, Severity
from domain.validation.formats import partial_date_year
from domain.validation.identity import id_facts
from domain.validation.law_check import run_law_check
from domain.validation.links import run_record_link
from domain.validation.problems import Problem, problem


def resolve_limit(limit: Limit | None, context: EvalContext) -> Limit | None:
    """A literal limit, or the value of the rule it names."""
    if isinstance(limit, RuleRef):
        return context.rules.get(limit.name)
    return limit


def run_check(
    check: Check, prefix: str, scopes: Sequence[Scope], context: EvalContext
) -> list[Problem]:
    """Problems from one check declared in the scope whose record path starts with `prefix`."""
    if check.when is not None and not holds(check.when, scopes, context):
        return []
    if isinstance(check, OrderCheck):
        return _order(check, prefix, scopes, context)
    if isinstance(check, OneOfCheck):
        values = [resolve(name.split("."), scopes) for name in check.fields]
        if all(is_empty(v) for v in values):
            paths = [prefix + name for name in check.fields]
            return [problem(paths[0], Code.ONE_OF_REQUIRED, Severity(check.severity), fields=paths)]
        return []
    if isinstance(check, IdPersonCheck):
        return _id_person(check, prefix, scopes)
    if isinstance(check, LawCheck):
        return run_law_check(check, prefix, scopes, context, context.law)
    if isinstance(check, RecordLinkCheck):
        return run_record_link(check, prefix, scopes, context.records)
    assert isinstance(check, ExpressionCheck)
    if holds(check.assertion, scopes, context):
        return []
    return [
        problem(
            prefix + check.path,
            Code(check.code),
            Severity(check.severity),
            overridable=check.overridable,
            **check.params,
        )
    ]


def _is_date_only(value: object) -> bool:
    return isinstance(value, str) and "T" not in value and ":" not in value


def _order(
    check: OrderCheck, prefix: str, scopes: Sequence[Scope], context: EvalContext
) -> list[Problem]:
    first = resolve(check.first.split("."), scopes)
    then = resolve(check.then.split("."), scopes)
    if is_empty(first) or is_empty(then):
        return []  # missing values are the business of `required`
    path, other = prefix + check.then, prefix + check.first
    if isinstance(first, int | float) and isinstance(then, int | float):
        wrong = then < first or (check.strict and then == first)
        return [problem(path, Code.RANGE_ORDER, other=other)] if wrong else []
    a, b = as_moment(first), as_moment(then)
    if a is None or b is None:
        return []  # unreadable dates are reported by the field itself
    if _is_date_only(first) or _is_date_only(then):
        # A date against a time compares by day: a deadline "10/5" is not before 09:00 on 10/5.
        a, b = datetime(a.year, a.month, a.day), datetime(b.year, b.month, b.day)
    if b < a or (check.strict and a == b):
        return [problem(path, Code.RANGE_ORDER, other=other)]
    return _span(check, path, (b - a).total_seconds(), context)


def _span(check: OrderCheck, path: str, seconds: float, context: EvalContext) -> list[Problem]:
    severity = Severity(check.limit_severity)
    max_days = resolve_limit(check.max_days, context)
    if isinstance(max_days, int | float) and seconds > max_days * 86400:
        return [problem(path, Code.RANGE_TOO_LONG, severity, max_days=max_days)]
    max_hours = resolve_limit(check.max_hours, context)
    if isinstance(max_hours, int | float) and seconds > max_hours * 3600:
        return [problem(path, Code.RANGE_TOO_LONG, severity, max_hours=max_hours)]
    return []


def _id_person(check: IdPersonCheck, prefix: str, scopes: Sequence[Scope]) -> list[Problem]:
    """docs/domain.md, "ID numbers", rule 3: errors a supervisor may override with a reason."""
    number = resolve(check.id_field.split("."), scopes)
    facts = id_facts(number) if isinstance(number, str) else None
    if facts is None:
        return []  # a malformed number is reported by the field's own validator
    path = prefix + check.id_field
    found: list[Problem] = []
    sex = resolve(check.sex_field.split("."), scopes)
    expected_sex = check.male if facts.male else check.female
    if sex in (check.male, check.female) and sex != expected_sex:
        found.append(problem(path, Code.ID_SEX_MISMATCH, overridable=True, expected=expected_sex))
    year = partial_date_year(resolve(check.birth_field.split("."), scopes))
    if year is not None and year != facts.birth_year:
        found.append(
            problem(path, Code.ID_BIRTH_YEAR_MISMATCH, overridable=True, expected=facts.birth_year)
        )
    return found
