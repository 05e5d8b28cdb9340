"""Loading the catalogue: every shipped form passes the schema and links; broken ones are refused."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from desktop.paths import resource_path
from domain.forms import (
    FieldType,
    FormDefinitionInvalid,
    Sensitivity,
    UnknownForm,
    load_catalogue,
)
from domain.forms.schema import BLOCK_SCHEMA, FORM_SCHEMA, RULES_SCHEMA, validator

FORMS_DIR = resource_path("forms")
FORM_FILES = sorted(FORMS_DIR.glob("*.json"))


def test_the_schemas_themselves_are_valid_json_schema() -> None:
    """The loader skips the meta-schema check for speed, so it is done here."""
    for schema in (FORM_SCHEMA, BLOCK_SCHEMA, RULES_SCHEMA):
        Draft202012Validator.check_schema(schema)


@pytest.mark.parametrize("path", FORM_FILES, ids=lambda p: p.name)
def test_every_shipped_form_file_is_valid_against_the_schema(path: Path) -> None:
    """Each resources/forms/*.json passes the JSON Schema with no error at all."""
    errors = list(validator("form").iter_errors(json.loads(path.read_text(encoding="utf-8"))))
    assert errors == []


def test_the_catalogue_holds_f1_to_f10_in_order() -> None:
    """docs/domain.md: ten forms, listed F1, F2, … F10 (not F1, F10, F2)."""
    catalogue = load_catalogue()
    assert [form.id for form in catalogue] == [f"F{i}" for i in range(1, 11)]
    assert catalogue.get("f3").id == "F3"
    with pytest.raises(UnknownForm):
        catalogue.get("F99")


def test_every_form_has_bilingual_labels_and_a_title_template() -> None:
    """Vietnamese and English labels everywhere; each form knows how to name its records."""
    for form in load_catalogue():
        assert form.title.vi and form.title.en and form.title_template
        for _, field in form.walk():
            assert field.label.vi and field.label.en


def test_numbering_kinds_match_the_official_symbols() -> None:
    """BB-VPHC, QĐ-XPHC and TV come from the official templates."""
    catalogue = load_catalogue()
    assert catalogue.get("F3").numbering == "BB-VPHC"
    assert catalogue.get("F4").numbering == "QĐ-XPHC"
    assert catalogue.get("F6").numbering == "TV"
    assert catalogue.get("F5").numbering is None


def test_person_fields_share_the_block_with_sensitive_ethnicity_and_religion() -> None:
    """The identity-block fields appear in every person; ethnicity and religion are sensitive (Decree 356)."""
    form = load_catalogue().get("F10")
    assert form.field("subject.ethnicity").sensitivity is Sensitivity.SENSITIVE
    assert form.field("subject.religion").sensitivity is Sensitivity.SENSITIVE
    assert form.field("subject.full_name").searchable
    assert form.field("subject.permanent_address.commune").type is FieldType.CHOICE
    assert (
        form.field("log[3].remarks").sensitivity is Sensitivity.SENSITIVE
    )  # inside a sensitive group


def test_block_usage_options_adapt_the_person() -> None:
    """omit / optional / skip_checks / require change one use of the block, not the others."""
    form = load_catalogue().get("F1")
    assert form.field("suspects[].ethnicity") is None
    assert form.field("reporter.ethnicity") is None
    assert not form.field("suspects[].date_of_birth").required
    assert form.field("reporter.date_of_birth").required
    assert [c.id for c in form.field("suspects").checks] == ["id_digits"]
    assert load_catalogue().get("F6").field("declarant.id_number").required


def test_searchable_list_and_sensitive_paths() -> None:
    """What storage indexes, shows in lists and hides without permission."""
    form = load_catalogue().get("F1")
    assert {"reporter.full_name", "reporter.id_number", "narrative", "suspects[].full_name"} <= set(
        form.searchable_paths()
    )
    assert [path for path, _ in form.list_columns()] == ["received_at", "source_type", "reporter"]
    assert {"narrative", "suspects", "suspects[].full_name", "gps"} <= set(form.sensitive_paths())
    assert "received_at" not in form.sensitive_paths()


def test_core_packages_import_neither_qt_nor_sqlalchemy() -> None:
    """desktop.core stays headless: importing forms and validation pulls in no GUI or ORM."""
    code = (
        "import sys, domain.forms, domain.validation, domain.reference;"
        "import domain.validation.record;"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'sqlalchemy')];"
        "print(bad); sys.exit(1 if bad else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


# A minimal valid form; each test below breaks one thing in a copy of it.
MINIMAL: dict[str, Any] = {
    "id": "HN-T1",
    "version": 1,
    "title": {"vi": "Thử", "en": "Test"},
    "sections": [
        {
            "id": "main",
            "title": {"vi": "Chính", "en": "Main"},
            "fields": [
                {
                    "id": "kind",
                    "type": "choice",
                    "label": {"vi": "Loại", "en": "Kind"},
                    "options": [{"value": "a", "label": {"vi": "A", "en": "A"}}],
                },
                {"id": "who", "type": "person", "label": {"vi": "Người", "en": "Person"}},
                {
                    "id": "note",
                    "type": "text",
                    "label": {"vi": "Ghi chú", "en": "Note"},
                    "required_if": 'kind == "a"',
                },
            ],
        }
    ],
}


def load_with(tmp_path: Path, form: dict[str, Any]):
    forms = tmp_path / "forms"
    shutil.copytree(FORMS_DIR / "blocks", forms / "blocks")
    shutil.copy(resource_path("rules.json"), tmp_path / "rules.json")
    (forms / "T.json").write_text(json.dumps(form, ensure_ascii=False), encoding="utf-8")
    return load_catalogue(forms)


def broken(change) -> dict[str, Any]:
    form = json.loads(json.dumps(MINIMAL))
    change(form)
    return form


def fields_of(form: dict[str, Any]) -> list[dict[str, Any]]:
    return form["sections"][0]["fields"]


def test_a_province_can_add_a_form_without_code(tmp_path: Path) -> None:
    """A new file in the forms directory is a new form."""
    catalogue = load_with(tmp_path, MINIMAL)
    assert catalogue.get("HN-T1").field("who.full_name").required


@pytest.mark.parametrize(
    ("change", "path", "reason"),
    [
        (lambda f: f.pop("version"), "", "schema"),
        (lambda f: fields_of(f)[0].update(type="dropdown"), "sections[0].fields[0].type", "schema"),
        (lambda f: fields_of(f)[0].update(colour="red"), "sections[0].fields[0]", "schema"),
        (
            lambda f: fields_of(f)[2].update(required_if='knd == "a"'),
            "sections.main.note.required_if",
            "unknown_field",
        ),
        (
            lambda f: fields_of(f)[2].update(visible_if='__import__("os")'),
            "sections[0].fields[2].visible_if",
            "expression",
        ),
        (
            lambda f: fields_of(f)[2].update(max_length={"rule": "no_such_rule"}),
            "sections.main.note",
            "unknown_rule",
        ),
        (
            lambda f: fields_of(f)[2].update(validators=["iban"]),
            "sections[0].fields[2].validators[0]",
            "schema",
        ),
        (
            lambda f: fields_of(f)[2].update(pattern="(unclosed"),
            "sections[0].fields[2].pattern",
            "pattern",
        ),
        (
            lambda f: fields_of(f)[0].update(reference="planets"),
            "sections.main.kind",
            "choice_needs_options_or_reference",
        ),
        (
            lambda f: fields_of(f)[0].pop("options"),
            "sections.main.kind",
            "choice_needs_options_or_reference",
        ),
        (lambda f: fields_of(f).append(dict(fields_of(f)[2])), "sections.main", "duplicate_field"),
        (
            lambda f: fields_of(f)[1].update(omit=["nickname"]),
            "sections[0].fields[1].omit",
            "unknown_subfield",
        ),
        (
            lambda f: fields_of(f)[1].update(skip_checks=["nope"]),
            "sections[0].fields[1].skip_checks",
            "unknown_check",
        ),
        (lambda f: f.update(title_template="{who.nickname}"), "title_template", "unknown_field"),
        (lambda f: f.update(commune_field="note"), "commune_field", "not_an_address"),
        (
            lambda f: f.update(
                checks=[
                    {
                        "kind": "expression",
                        "id": "x",
                        "assert": "true",
                        "path": "note",
                        "code": "MY_CODE",
                    }
                ]
            ),
            "checks.x",
            "unknown_message_code",
        ),
        (
            lambda f: f.update(
                checks=[{"kind": "order", "id": "x", "first": "note", "then": "kind"}]
            ),
            "checks.x",
            "order_needs_dates_or_numbers",
        ),
        (
            lambda f: f.update(
                checks=[{"kind": "record_link", "id": "x", "path": "note", "form": "HN-T9"}]
            ),
            "checks.x",
            "unknown_form",
        ),
        (
            lambda f: f.update(
                checks=[
                    {
                        "kind": "record_link",
                        "id": "x",
                        "path": "note",
                        "form": "HN-T1",
                        "person": "who.nickname",
                    }
                ]
            ),
            "checks.x",
            "unknown_field",
        ),
        (
            lambda f: f.update(
                checks=[
                    {
                        "kind": "record_link",
                        "id": "x",
                        "path": "note",
                        "form": "HN-T1",
                        "target_person": "who.nickname",
                    }
                ]
            ),
            "checks.x",
            "unknown_field",
        ),
    ],
)
def test_broken_definitions_are_refused_with_file_path_and_reason(
    tmp_path: Path, change, path: str, reason: str
) -> None:
    """Mistakes surface at start-up with where and why, not while an officer types."""
    with pytest.raises(FormDefinitionInvalid) as caught:
        load_with(tmp_path, broken(change))
    params = caught.value.params
    assert (params["file"], params["path"], params["reason"]) == ("T.json", path, reason)


def test_unreadable_json_is_reported_as_such(tmp_path: Path) -> None:
    """A truncated file names itself."""
    load_with(tmp_path, MINIMAL)
    (tmp_path / "forms" / "T.json").write_text('{"id": "HN-T1", ', encoding="utf-8")
    with pytest.raises(FormDefinitionInvalid) as caught:
        load_catalogue(tmp_path / "forms")
    assert caught.value.params["reason"] == "unreadable"


def test_a_block_cannot_reach_outside_itself(tmp_path: Path) -> None:
    """Block conditions may only name the block's own fields (blocks are used in many forms)."""
    load_with(tmp_path, MINIMAL)
    block_path = tmp_path / "forms" / "blocks" / "person.json"
    block = json.loads(block_path.read_text(encoding="utf-8"))
    block["fields"][1]["visible_if"] = 'kind == "a"'
    block_path.write_text(json.dumps(block, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(FormDefinitionInvalid) as caught:
        load_catalogue(tmp_path / "forms")
    assert caught.value.params["file"] == "blocks/person.json"
    assert caught.value.params["reason"] == "unknown_field"
