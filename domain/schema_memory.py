"""Where a program lets the form loader remember passed schema checks (domain/forms/schema.py).

A module apart from domain.forms, which is heavy to import: `cax` sets the memory up before it
knows whether the command loads any form, and `cax --version` must not pay for the forms."""

from __future__ import annotations

from typing import Protocol


class CheckedFiles(Protocol):
    """Digests of file contents that passed the schema check before (kept by the program)."""

    def __contains__(self, digest: object) -> bool: ...

    def add(self, digest: str) -> None: ...


_checked: CheckedFiles | None = None


def remember_checked_files(checked: CheckedFiles | None) -> None:
    """Let the loader skip a file whose exact bytes, under the same schemas, passed before (None:
    check every file). A changed or damaged file has another digest: it is checked as always."""
    global _checked
    _checked = checked


def checked_files() -> CheckedFiles | None:
    return _checked
