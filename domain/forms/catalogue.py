"""The form catalogue: every definition in resources/forms, schema-checked and linked at load."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

from domain.forms.builder import FormBuilder
from domain.forms.errors import FormDefinitionInvalid, UnknownForm
from domain.forms.linker import Linker, resolve_definition
from domain.forms.model import FormDefinition, RecordLinkCheck
from domain.forms.rules import Rules, default_rules, load_rules
from domain.forms.schema import first_error


@dataclass(frozen=True)
class Catalogue:
    """The loaded forms by id, plus the rules their conditions were checked against."""

    forms: Mapping[str, FormDefinition]
    rules: Rules

    def get(self, form_id: str) -> FormDefinition:
        """A form by id (case-insensitive: "f3" finds "F3"); UnknownForm if there is none."""
        form = self.forms.get(form_id) or self.forms.get(form_id.upper())
        if form is None:
            raise UnknownForm(form=form_id)
        return form

    def __iter__(self) -> Iterator[FormDefinition]:
        return iter(self.forms.values())

    def __len__(self) -> int:
        return len(self.forms)

    def __contains__(self, form_id: object) -> bool:
        return form_id in self.forms


def _read_json(path: Path, kind: str) -> dict[str, Any]:
    try:
        # The bytes parsed are the bytes a remembered check is looked up by: read once.
        raw = path.read_bytes()
        document = json.loads(raw.decode("utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise FormDefinitionInvalid(
            file=path.name, path="", reason="unreadable", detail=str(error)
        ) from error
    check_schema(document, kind, path.name, raw)
    return document


def check_schema(document: Any, kind: str, file: str, raw: bytes | None = None) -> None:
    """FormDefinitionInvalid naming the first place where `document` breaks the `kind` schema."""
    error = first_error(document, kind, raw)
    if error is not None:
        where = json_path(error.absolute_path)
        raise FormDefinitionInvalid(file=file, path=where, reason="schema", detail=error.message)


def json_path(parts: Iterable[str | int]) -> str:
    """`sections[0].fields[2].type`: the same notation the builder uses in its errors."""
    return "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in parts).lstrip(".")


def _natural_key(form: FormDefinition) -> tuple[int, str, int]:
    digits = re.search(r"\d+$", form.id)
    return (form.order, form.id.rstrip("0123456789"), int(digits.group()) if digits else 0)


def load_catalogue(directory: Path | None = None, *, rules: Rules | None = None) -> Catalogue:
    """Read `directory/*.json` (default resources/forms) with the blocks in `directory/blocks`.

    Every file is checked against the JSON Schema, then every name in it (fields in conditions,
    rules, message codes, reference lists, computed functions) must resolve, so a mistake in a
    province's form is reported at start-up with file and path rather than while an officer types.
    """
    if directory is None:
        from domain.resources import resource_path

        directory = resource_path("forms")
    if rules is None:
        rules = _rules_beside(directory)
    blocks = read_blocks(directory)
    builder = FormBuilder(blocks, _block_files(blocks))
    for name, file in builder.block_files.items():
        Linker(file, rules).field(builder.block(name), (), name)
    forms: dict[str, FormDefinition] = {}
    files: dict[str, str] = {}
    for path in sorted(directory.glob("*.json")):
        form = builder.form(_read_json(path, "form"), path.name)
        if form.id in forms:
            raise FormDefinitionInvalid(
                file=path.name, path="id", reason="duplicate_form", form=form.id
            )
        Linker(path.name, rules).form(form)
        forms[form.id], files[form.id] = form, path.name
    _check_links(forms, files)
    ordered = sorted(forms.values(), key=_natural_key)
    return Catalogue(MappingProxyType({f.id: f for f in ordered}), rules)


def _check_links(forms: Mapping[str, FormDefinition], files: Mapping[str, str]) -> None:
    """A `record_link` check must name a form of the catalogue and, for the person compared, a
    field of that form (docs/forms.md, "Checks")."""
    for form in forms.values():
        for check in form.checks:
            if not isinstance(check, RecordLinkCheck):
                continue
            file, where = files.get(form.id, f"{form.id}.json"), f"checks.{check.id}"
            target = forms.get(check.form)
            if target is None:
                raise FormDefinitionInvalid(
                    file=file, path=where, reason="unknown_form", form=check.form
                )
            if check.target_person is not None and (
                resolve_definition(check.target_person.split("."), (target.fields,)) is None
            ):
                raise FormDefinitionInvalid(
                    file=file, path=where, reason="unknown_field", name=check.target_person
                )


def read_form_documents(directory: Path) -> list[dict[str, Any]]:
    """The schema-checked form files of a forms directory, as JSON documents, by file name."""
    return [_read_json(path, "form") for path in sorted(directory.glob("*.json"))]


def read_blocks(directory: Path) -> dict[str, dict[str, Any]]:
    """The schema-checked block files (person, address) of a forms directory, by block name."""
    blocks: dict[str, dict[str, Any]] = {}
    for path in sorted((directory / "blocks").glob("*.json")):
        document = _read_json(path, "block")
        blocks[document["block"]] = document
    return blocks


def _block_files(blocks: Mapping[str, Any]) -> dict[str, str]:
    return {name: f"blocks/{name}.json" for name in blocks}


def build_form(
    document: Any,
    blocks: Mapping[str, dict[str, Any]],
    *,
    rules: Rules | None = None,
    file: str = "form.json",
) -> FormDefinition:
    """One form from its JSON document, checked exactly as the catalogue checks its files.

    This is how the server reads a form version it stores or is asked to publish: schema first,
    then every name resolved, so a broken definition is refused before anything is kept."""
    check_schema(document, "form", file)
    builder = FormBuilder(blocks, _block_files(blocks))
    form = builder.form(document, file)
    Linker(file, rules or default_rules()).form(form)
    return form


def _rules_beside(directory: Path) -> Rules:
    """rules.json next to the forms directory (resources/rules.json), else the shipped one."""
    candidate = directory.parent / "rules.json"
    return load_rules(candidate) if candidate.exists() else default_rules()
