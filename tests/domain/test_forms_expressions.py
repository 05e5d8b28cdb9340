"""The condition language: parsing, evaluation, and refusal of anything that is not in it."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.forms.errors import ExpressionInvalid
from domain.forms.evaluation import EvalContext, Scope, evaluate, holds
from domain.forms.expressions import Call, Ref, parse_expression

CONTEXT = EvalContext(
    today=date(2026, 11, 28),
    now=datetime(2026, 11, 28, 12, 0),
    rules={"id_required_min_age": 14, "limit": 24},
    station_commune="00004",
)
RECORD = {
    "source_type": "to_giac",
    "reporter": {"id_number": "001085012345", "date_of_birth": "1985-03-12"},
    "violator_type": "ca_nhan",
    "is_foreigner": False,
    "measures": ["tam_giu_tang_vat", "kham_nguoi"],
    "fine_amount": 750_000,
    "received_at": "2026-11-27T08:00",
    "items": [{"quantity": 2}, {"quantity": 1.5}],
}
SCOPES = [Scope(frozenset(RECORD) | {"missing", "blank"}, {**RECORD, "blank": ""})]


def run(source: str) -> object:
    return evaluate(parse_expression(source), SCOPES, CONTEXT)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ('source_type == "to_giac" and reporter.id_number != ""', True),
        ('violator_type in ["ca_nhan"]', True),
        ('violator_type not in ["ca_nhan", "to_chuc"]', False),
        ("not is_foreigner", True),
        ('"kham_nguoi" in measures', True),
        ("fine_amount >= 500000 and fine_amount <= 1000000", True),
        ("fine_amount * 2 - 500000 == 1000000", True),
        ("-fine_amount < 0", True),
        ("(1 + 2) * 3 == 9", True),
        ("len(items) == 2 and len(missing) == 0", True),
        ("empty(missing) and empty(blank) and not empty(measures)", True),
        ('missing == "" and blank == missing', True),
        ('age(reporter.date_of_birth) >= rule("id_required_min_age")', True),
        ("age(reporter.date_of_birth)", 41),
        ("year(received_at)", 2026),
        ('hours_between(received_at, now()) <= rule("limit")', False),
        ('days_between("2026-11-01", "2026-11-28")', 27),
        ("is_whole(3) and not is_whole(1.5)", True),
        ('station_commune() == "00004"', True),
        ('today() == "2026-11-28"', True),
        ("true or false and false", True),
        ("not (true or false)", False),
    ],
)
def test_expressions_evaluate_as_form_authors_expect(source: str, expected: object) -> None:
    """The documented examples and operators give the documented results."""
    assert run(source) == expected


@pytest.mark.parametrize(
    "source",
    [
        "missing > 5",  # a missing value is not comparable
        'fine_amount > "a"',  # nor are a number and a text
        "missing + 1 > 0",  # arithmetic on a missing value is unknown
        "fine_amount / 0 > 1",
        "missing.deeper == 1",
        "measures < 3",
    ],
)
def test_odd_data_makes_conditions_false_not_errors(source: str) -> None:
    """Officers type partial records all the time: conditions must never raise."""
    assert holds(parse_expression(source), SCOPES, CONTEXT) is False


def test_inner_scope_wins_then_outer_scope_is_searched() -> None:
    """A row's own field shadows the form's; names not in the row are found in the form."""
    row = Scope(frozenset({"kind"}), {"kind": "row"})
    form = Scope(frozenset({"kind", "mode"}), {"kind": "form", "mode": "x"})
    assert evaluate(parse_expression('kind == "row" and mode == "x"'), [row, form], CONTEXT)


def test_a_defined_but_empty_inner_field_does_not_fall_through() -> None:
    """Lookup follows the definition, not the data: an unfilled row field stays unfilled."""
    row = Scope(frozenset({"kind"}), {})
    form = Scope(frozenset({"kind"}), {"kind": "form"})
    assert evaluate(parse_expression("empty(kind)"), [row, form], CONTEXT) is True


def test_parse_tree_exposes_references_and_rule_names() -> None:
    """The loader checks every field and rule an expression mentions."""
    expression = parse_expression('a.b == 1 or rule("limit") > len(c)')
    assert set(expression.refs()) == {Ref(("a", "b")), Ref(("c",))}
    assert expression.rule_names() == ("limit",)
    assert isinstance(parse_expression("len(x)").tree, Call)


@pytest.mark.parametrize(
    ("source", "reason"),
    [
        ('__import__("os").system("rm -rf /")', "unexpected_character"),
        ("x.__class__.__bases__", "unexpected_character"),
        ("_private", "unexpected_character"),
        ('eval("1+1")', "unknown_function"),
        ('exec("print(1)")', "unknown_function"),
        ("open('/etc/passwd')", "unknown_function"),
        ('os.system("ls")', "unknown_function"),
        ("reporter.full_name.upper()", "unknown_function"),
        ("items[0]", "unexpected_token"),
        ("lambda: 1", "unexpected_character"),
        ("a; b", "unexpected_character"),
        ("a = 1", "unexpected_character"),
        ("f'{x}'", "unexpected_token"),
        ("1 if x else 2", "unexpected_token"),
        ("x.and", "unexpected_keyword"),
        ("len(a, b)", "wrong_argument_count"),
        ("rule(limit)", "rule_needs_literal_name"),
        ("(a", "expected_)"),
        ("a ==", "unexpected_token"),
        ("", "empty"),
        ("x" * 2001, "too_long"),
        ("not " * 60 + "x", "too_deep"),
        ("-" * 60 + "1", "too_deep"),
        ("(" * 60 + "1" + ")" * 60, "too_deep"),
    ],
)
def test_anything_outside_the_language_is_refused_while_parsing(source: str, reason: str) -> None:
    """No Python reaches an evaluator: calls, attributes, dunders and nesting bombs all fail."""
    with pytest.raises(ExpressionInvalid) as caught:
        parse_expression(source)
    assert caught.value.params["reason"] == reason
    assert caught.value.code == "EXPRESSION_INVALID"


def test_field_values_never_reach_attribute_lookup() -> None:
    """A value that is a Python object is read only as a mapping, never by getattr."""

    class Sneaky:
        secret = "leaked"

    scopes = [Scope(frozenset({"obj"}), {"obj": Sneaky()})]
    assert evaluate(parse_expression("obj.secret"), scopes, CONTEXT) is None


@given(st.text(max_size=200))
def test_parser_never_crashes_on_arbitrary_text(source: str) -> None:
    """Any text either parses or is refused with ExpressionInvalid; nothing else escapes."""
    try:
        expression = parse_expression(source)
    except ExpressionInvalid:
        return
    evaluate(expression, SCOPES, CONTEXT)


ATOMS = st.sampled_from(
    ["fine_amount", "missing", "measures", '"ca_nhan"', "1", "0.5", "true", "null", "[1, 2]"]
)
OPERATORS = st.sampled_from(["==", "!=", "<", ">=", "in", "not in", "and", "or", "+", "*", "/"])


@given(st.lists(st.tuples(ATOMS, OPERATORS), min_size=1, max_size=8), ATOMS)
def test_well_formed_expressions_always_evaluate(pairs: list[tuple[str, str]], last: str) -> None:
    """Any mix of values and operators evaluates without an exception (the UI calls it per key)."""
    source = " ".join(f"{atom} {op}" for atom, op in pairs) + f" {last}"
    try:
        expression = parse_expression(source)
    except ExpressionInvalid:
        return  # e.g. chained comparisons, which the grammar does not allow
    holds(expression, SCOPES, CONTEXT)
