"""A template made from the form itself, for a form without a template file (a province's own
form published later): its title, each section's filled-in fields as "Label: value" lines,
groups as tables, one signature for the author. It is built as template JSON and read like any
template file, so there is one way to fill a document."""

from __future__ import annotations

from typing import Any

from domain.documents.templates import Template, bind_template
from domain.documents.wording import paper_label, plain
from domain.forms.model import FieldDefinition, FieldType, FormDefinition

# A person on one line, from the fields of the shared person block a form has kept.
_PERSON_PARTS = (
    ("full_name", "{%s.full_name}"),
    ("date_of_birth", "sinh ngày {%s.date_of_birth}"),
    ("id_number", "số định danh cá nhân {%s.id_number}"),
    ("permanent_address", "nơi thường trú {%s.permanent_address}"),
)


def generic_template(form: FormDefinition) -> Template:
    body: list[dict[str, Any]] = []
    for section in form.sections:
        fields = [f for f in section.fields if f.type is not FieldType.YES_NO]
        if not fields:
            continue
        filled = " or ".join(f"not empty({f.id})" for f in fields)
        body.append({"line": f"**{plain(section.title.vi)}**", "if": filled})
        body += [block for f in fields for block in _field_blocks(f)]
    source = {
        "form": form.id,
        "name": {"vi": form.title.vi, "en": form.title.en},
        "title": [form.title.vi.upper()],
        "body": body,
        "signatures": [{"title": "NGƯỜI LẬP", "name": "@author"}],
    }
    return bind_template(source, form, f"{form.id}.generic")


def _field_blocks(f: FieldDefinition) -> list[dict[str, Any]]:
    label = paper_label(f.label.vi)[0]
    present = f"not empty({f.id})"
    if f.type is FieldType.PERSON:
        names = {sub.id for sub in f.fields}
        parts = [text % f.id for name, text in _PERSON_PARTS if name in names]
        return [{"line": f"{label}: " + ", ".join(parts), "if": present}]
    if f.type is FieldType.GROUP:
        columns = [
            [paper_label(sub.label.vi)[0], f"{{{sub.id}}}", 16]
            for sub in f.fields
            if sub.type not in (FieldType.YES_NO, FieldType.PERSON, FieldType.GROUP)
        ][:6]
        return [{"line": f"{label}:", "if": present}, {"table": f.id, "columns": columns}]
    if f.type is FieldType.MULTILINE:
        return [{"line": f"{label}:", "if": present}, {"p": f"{{{f.id}}}", "if": present}]
    return [{"line": f"{label}: {{{f.id}}}", "if": present}]
