"""docs/examples: every valid example passes, every invalid one fails where it says it does."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

import pytest

from domain.forms import load_catalogue, parse_record_file
from domain.validation import check_record

EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "examples"
TODAY, NOW = date(2026, 11, 28), datetime(2026, 11, 28, 12, 0)
FORM_IDS = [f"F{i}" for i in range(1, 11)]
CATALOGUE = load_catalogue()


def load(name: str) -> dict:
    return json.loads((EXAMPLES / name).read_text(encoding="utf-8"))


def check(document: dict):
    record = parse_record_file(document)
    return check_record(
        CATALOGUE.get(record.form_id), record.values, today=TODAY, now=NOW, station_commune="00004"
    )


def test_each_form_has_both_examples_and_nothing_else_is_there() -> None:
    """Ten forms, two files each, named after the form."""
    expected = {f"{f}.json" for f in FORM_IDS} | {f"{f}.invalid.json" for f in FORM_IDS}
    assert {p.name for p in EXAMPLES.glob("*.json")} == expected


@pytest.mark.parametrize("form_id", FORM_IDS)
def test_valid_example_has_no_problem_at_all(form_id: str) -> None:
    """Not even a warning: the valid examples show the form filled in properly."""
    document = load(f"{form_id}.json")
    assert document["form"] == form_id
    assert [p.to_dict() for p in check(document).problems] == []


@pytest.mark.parametrize("form_id", FORM_IDS)
def test_invalid_example_fails_at_the_documented_paths(form_id: str) -> None:
    """Each `expect` entry is an error the example produces, and the record cannot complete."""
    document = load(f"{form_id}.invalid.json")
    errors = {(p.path, p.code.value) for p in check(document).errors}
    expected = {(e["path"], e["code"]) for e in document["expect"]}
    assert expected and expected <= errors


def test_docs_table_lists_the_same_expected_problems() -> None:
    """docs/forms.md documents each invalid example's paths; the table and files agree."""
    text = (EXAMPLES.parent / "forms.md").read_text(encoding="utf-8")
    for form_id in FORM_IDS:
        prefix = f"| {form_id}.invalid.json |"
        line = next(row for row in text.splitlines() if row.startswith(prefix))
        for expected in load(f"{form_id}.invalid.json")["expect"]:
            assert f"`{expected['path']}`" in line and expected["code"] in line


def test_the_fine_in_words_is_computed_for_the_f4_example() -> None:
    """The valid decision's "bằng chữ" line comes out of the amount."""
    assert check(load("F4.json")).values["fine_in_words"] == "Bảy trăm năm mươi nghìn đồng"


def test_examples_also_pass_with_todays_date() -> None:
    """The CLI validates with the real date; the valid examples must not depend on 28/11/2026."""
    for form_id in FORM_IDS:
        record = parse_record_file(load(f"{form_id}.json"))
        result = check_record(CATALOGUE.get(record.form_id), record.values, today=date.today())
        assert result.errors == [], form_id
