"""`record_link` checks: a document number typed in one record names a record of another form at
this station, about the same person (F6's supervision file → F10; docs/domain.md, "The link to
F10")."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from domain.forms.evaluation import RecordLookup, Scope, is_empty, resolve
from domain.forms.model import RecordLinkCheck
from domain.validation.codes import Code, Severity
from domain.validation.problems import Problem, problem


def _digits(value: Any) -> str | None:
    """An ID number as its digits and letters only (passports have letters), or None if blank."""
    if is_empty(value):
        return None
    text = "".join(ch for ch in str(value) if ch.isalnum()).upper()
    return text or None


def _path_value(values: Mapping[str, Any], path: str) -> Any:
    current: Any = values
    for part in path.split("."):
        if not isinstance(current, Mapping):
            return None
        current = current.get(part)
    return current


def run_record_link(
    check: RecordLinkCheck,
    prefix: str,
    scopes: Sequence[Scope],
    records: RecordLookup | None,
) -> list[Problem]:
    """No live record with that number: a warning (the file may be kept at another station).
    Records with it, none about the same person: an error a supervisor may override (an old
    9-digit ID in one and the 12-digit one in the other)."""
    if records is None:
        return []
    number = resolve(check.path.split("."), scopes)
    if is_empty(number):
        return []
    number = str(number).strip()
    found = records(check.form, number)
    path = prefix + check.path
    if not found:
        return [
            problem(
                path, Code.LINKED_RECORD_NOT_FOUND, Severity.WARNING, number=number, form=check.form
            )
        ]
    if check.person is None or check.target_person is None:
        return []
    mine = _digits(resolve(check.person.split("."), scopes))
    theirs = [_digits(_path_value(values, check.target_person)) for values in found]
    if mine is None or any(other is None or other == mine for other in theirs):
        return []
    return [
        problem(
            path,
            Code.LINKED_RECORD_OTHER_PERSON,
            Severity.ERROR,
            overridable=True,
            number=number,
            form=check.form,
        )
    ]
