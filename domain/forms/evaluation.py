"""Evaluating parsed conditions against record values; never raises on odd data, never runs code."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from types import MappingProxyType
from typing import Any

from domain.forms.expressions import (
    Binary,
    Call,
    Expression,
    ListLiteral,
    Literal,
    Logical,
    Negate,
    Node,
    Not,
    Ref,
)
from domain.law import Catalogue
from domain.validation.formats import parse_date, parse_datetime, parse_partial_date

RecordLookup = Callable[[str, str], Sequence[Mapping[str, Any]]]


@dataclass(frozen=True)
class EvalContext:
    """What conditions may know besides the record: the date, configurable rules, the station."""

    today: date | None = None
    now: datetime | None = None
    rules: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))
    station_commune: str | None = None
    # The legal catalogue in force on this side (domain.law.Catalogue); None: the bundled one.
    # Part of the context so that validation and computed fields judge with the same one.
    law: Catalogue | None = None
    # The station's records, for `record_link` checks: (form id, document number) → the values
    # of its live (not voided) records with that number. None where records cannot be looked up
    # (the centre, a check of values alone): those checks are then skipped.
    records: RecordLookup | None = None


@dataclass(frozen=True)
class Scope:
    """One level of nesting: the field ids defined there and the values typed for them."""

    names: frozenset[str]
    values: Mapping[str, Any]


def is_empty(value: object) -> bool:
    """Missing, blank text, an empty list or an empty object all count as "not filled in"."""
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, list | tuple | dict):
        return not value or (isinstance(value, dict) and all(is_empty(v) for v in value.values()))
    return False


def truthy(value: object) -> bool:
    return value is not False and not is_empty(value) and value != 0


def evaluate(expression: Expression, scopes: Sequence[Scope], context: EvalContext) -> Any:
    """The value of an expression; `scopes` runs from the innermost (row or person) outwards."""
    return _eval(expression.tree, scopes, context)


def holds(expression: Expression, scopes: Sequence[Scope], context: EvalContext) -> bool:
    """Whether a condition is true for these values."""
    return truthy(evaluate(expression, scopes, context))


def resolve(parts: Sequence[str], scopes: Sequence[Scope]) -> Any:
    """A field reference: the first part names a field in the nearest scope that defines it."""
    for scope in scopes:
        if parts[0] in scope.names:
            value: Any = scope.values.get(parts[0])
            break
    else:
        return None
    for part in parts[1:]:
        value = value.get(part) if isinstance(value, Mapping) else None
    return value


def _eval(node: Node, scopes: Sequence[Scope], ctx: EvalContext) -> Any:
    if isinstance(node, Literal):
        return node.value
    if isinstance(node, Ref):
        return resolve(node.parts, scopes)
    if isinstance(node, ListLiteral):
        return [_eval(item, scopes, ctx) for item in node.items]
    if isinstance(node, Not):
        return not truthy(_eval(node.operand, scopes, ctx))
    if isinstance(node, Negate):
        value = _eval(node.operand, scopes, ctx)
        return -value if _is_number(value) else None
    if isinstance(node, Logical):
        results = (truthy(_eval(op, scopes, ctx)) for op in node.operands)
        return all(results) if node.op == "and" else any(results)
    if isinstance(node, Binary):
        return _binary(node.op, _eval(node.left, scopes, ctx), _eval(node.right, scopes, ctx))
    if isinstance(node, Call):
        return _call(node.function, [_eval(arg, scopes, ctx) for arg in node.args], ctx)
    raise TypeError(node)


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _equal(left: object, right: object) -> bool:
    if is_empty(left) and is_empty(right):
        return True  # a missing value equals "", as form authors expect
    if isinstance(left, bool) or isinstance(right, bool):
        return left is right
    if _is_number(left) and _is_number(right):
        return left == right
    return type(left) is type(right) and left == right


def _binary(op: str, left: Any, right: Any) -> Any:
    if op == "==":
        return _equal(left, right)
    if op == "!=":
        return not _equal(left, right)
    if op in ("in", "not in"):
        found = isinstance(right, list) and any(_equal(left, item) for item in right)
        return found if op == "in" else not found
    if op in ("<", "<=", ">", ">="):
        return _order(op, left, right)
    if not (_is_number(left) and _is_number(right)):
        return None  # arithmetic on a missing or non-numeric value is unknown, not an error
    if op == "+":
        return left + right
    if op == "-":
        return left - right
    if op == "*":
        return left * right
    return left / right if right else None


def _order(op: str, left: Any, right: Any) -> bool:
    comparable = (_is_number(left) and _is_number(right)) or (
        isinstance(left, str) and isinstance(right, str)
    )
    if not comparable:
        return False
    if op == "<":
        return left < right
    if op == "<=":
        return left <= right
    if op == ">":
        return left > right
    return left >= right


def as_moment(value: object) -> datetime | None:
    """A date, datetime or their stored text as a datetime (a date means its midnight)."""
    if isinstance(value, datetime):
        return value
    if isinstance(value, date):
        return datetime.combine(value, time())
    moment = parse_datetime(value)
    if moment is not None:
        return moment
    day = parse_date(value)
    return datetime.combine(day, time()) if day else None


def _year(value: object) -> int | None:
    if isinstance(value, date):
        return value.year
    canonical = parse_partial_date(value) if isinstance(value, str) and len(value) <= 10 else None
    if canonical:
        return int(canonical[:4])
    moment = as_moment(value)
    return moment.year if moment else None


def _age(value: object, today: date | None) -> int | None:
    if today is None:
        return None
    canonical = parse_partial_date(value) if isinstance(value, str) else None
    if canonical is None:
        year = _year(value)
        return None if year is None else today.year - year
    parts = [int(p) for p in canonical.split("-")]
    if len(parts) < 3:
        return today.year - parts[0]  # year (or month) only: the age this year
    return today.year - parts[0] - ((today.month, today.day) < (parts[1], parts[2]))


def _between(first: object, second: object, unit_seconds: int) -> float | int | None:
    a, b = as_moment(first), as_moment(second)
    if a is None or b is None:
        return None
    amount = (b - a).total_seconds() / unit_seconds
    return int(amount) if amount.is_integer() else amount


def _call(function: str, args: list[Any], ctx: EvalContext) -> Any:
    if function == "len":
        value = args[0]
        if value is None:
            return 0
        return len(value) if isinstance(value, str | list | dict) else None
    if function == "empty":
        return is_empty(args[0])
    if function == "age":
        return _age(args[0], ctx.today)
    if function == "year":
        return _year(args[0])
    if function == "is_whole":
        return _is_number(args[0]) and float(args[0]).is_integer()
    if function == "days_between":
        return _between(args[0], args[1], 86400)
    if function == "hours_between":
        return _between(args[0], args[1], 3600)
    if function == "today":
        return ctx.today.isoformat() if ctx.today else None
    if function == "now":
        return ctx.now.strftime("%Y-%m-%dT%H:%M") if ctx.now else None
    if function == "rule":
        return ctx.rules.get(args[0]) if isinstance(args[0], str) else None
    if function == "station_commune":
        return ctx.station_commune
    raise ValueError(function)
