"""A stored revision as a reviewer reads it: the form's sections and labelled values, and what
changed from one revision to the next (field label: old → new)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from domain.forms import FieldDefinition, FieldType, FormDefinition, Sensitivity, display_value
from domain.forms.evaluation import is_empty
from domain.reference import ReferenceData, default_reference

PATH_SEPARATOR = " › "


@dataclass(frozen=True)
class FieldView:
    """One filled-in field. `kind` says how it is drawn: "value" (one text), "block" (a person:
    its own fields, indented) or "table" (a repeating group: `columns` × `rows`)."""

    label: str
    kind: str
    sensitive: bool
    text: str = ""
    multiline: bool = False
    children: tuple[FieldView, ...] = ()
    columns: tuple[str, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()


@dataclass(frozen=True)
class SectionView:
    title: str
    fields: tuple[FieldView, ...]


@dataclass(frozen=True)
class Change:
    """One value that differs between two revisions; "" stands for "not filled in"."""

    label: str
    old: str
    new: str
    sensitive: bool


def _filled(value: Any) -> bool:
    return not (is_empty(value) and value is not False)


def _text(f: FieldDefinition, value: Any, lang: str, reference: ReferenceData) -> str:
    return display_value(f, value, lang=lang, reference=reference)


def field_view(
    f: FieldDefinition, value: Any, lang: str, reference: ReferenceData, inherited: bool = False
) -> FieldView:
    sensitive = inherited or f.sensitivity is Sensitivity.SENSITIVE
    label = f.label.get(lang)
    if f.type is FieldType.PERSON and isinstance(value, Mapping):
        children = tuple(
            field_view(sub, value.get(sub.id), lang, reference, sensitive)
            for sub in f.fields
            if _filled(value.get(sub.id))
        )
        return FieldView(label, "block", sensitive, children=children)
    if f.type is FieldType.GROUP and isinstance(value, list):
        rows = [row for row in value if isinstance(row, Mapping)]
        # Only the columns something was typed in: a 15-column table of blanks reads badly.
        used = [sub for sub in f.fields if any(_filled(row.get(sub.id)) for row in rows)]
        return FieldView(
            label,
            "table",
            sensitive,
            columns=tuple(sub.label.get(lang) for sub in used),
            rows=tuple(
                tuple(_text(sub, row.get(sub.id), lang, reference) for sub in used) for row in rows
            ),
        )
    return FieldView(
        label,
        "value",
        sensitive,
        text=_text(f, value, lang, reference),
        multiline=f.type is FieldType.MULTILINE,
    )


def form_view(
    form: FormDefinition,
    values: Mapping[str, Any],
    lang: str = "vi",
    reference: ReferenceData | None = None,
) -> list[SectionView]:
    """The sections that have something filled in, each with its filled-in fields, in the
    form's order (as the printed document shows it)."""
    reference = reference or default_reference()
    sections = []
    for section in form.sections:
        fields = tuple(
            field_view(f, values.get(f.id), lang, reference)
            for f in section.fields
            if _filled(values.get(f.id))
        )
        if fields:
            sections.append(SectionView(section.title.get(lang), fields))
    return sections


def _leaves(
    fields: tuple[FieldDefinition, ...],
    values: Any,
    label: str,
    lang: str,
    reference: ReferenceData,
    sensitive: bool,
) -> Iterator[tuple[str, str, bool]]:
    """(label path, display text, sensitive) of every filled-in plain value, depth first; rows
    of a group are numbered from 1 as the page's tables number them."""
    if not isinstance(values, Mapping):
        return
    for f in fields:
        value = values.get(f.id)
        if not _filled(value):
            continue
        here = f"{label}{PATH_SEPARATOR}{f.label.get(lang)}" if label else f.label.get(lang)
        secret = sensitive or f.sensitivity is Sensitivity.SENSITIVE
        if f.type is FieldType.PERSON and isinstance(value, Mapping):
            yield from _leaves(f.fields, value, here, lang, reference, secret)
        elif f.type is FieldType.GROUP and isinstance(value, list):
            for number, row in enumerate(value, start=1):
                yield from _leaves(f.fields, row, f"{here} {number}", lang, reference, secret)
        else:
            yield here, _text(f, value, lang, reference), secret


def changes(
    form: FormDefinition,
    old: Mapping[str, Any] | None,
    new: Mapping[str, Any],
    lang: str = "vi",
    reference: ReferenceData | None = None,
) -> list[Change]:
    """What a revision changed, as displayed values: the first revision changes nothing (it is
    the record as first sent). Compared as text, so "01/02/2026" and "2026-02-01" are equal."""
    if old is None:
        return []
    reference = reference or default_reference()
    before = {
        label: (text, s) for label, text, s in _leaves(form.fields, old, "", lang, reference, False)
    }
    after = {
        label: (text, s) for label, text, s in _leaves(form.fields, new, "", lang, reference, False)
    }
    found = []
    for label, (text, sensitive) in after.items():
        previous = before.get(label, ("", sensitive))[0]
        if previous != text:
            found.append(Change(label, previous, text, sensitive))
    for label, (text, sensitive) in before.items():
        if label not in after:
            found.append(Change(label, text, "", sensitive))
    return found
