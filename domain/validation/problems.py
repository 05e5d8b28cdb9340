"""Validation results: a Problem per (field path, severity, code, parameters), and overrides."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from domain.validation.codes import Code, Severity

_EMPTY: Mapping[str, Any] = MappingProxyType({})


@dataclass(frozen=True)
class Problem:
    """One finding about one field: `path` is like `reporter.id_number` or `items[2].quantity`."""

    path: str
    severity: Severity
    code: Code
    params: Mapping[str, Any] = field(default_factory=lambda: _EMPTY)
    # A supervisor may accept an overridable error by giving a reason (ID cross-checks, docs/domain.md "ID numbers").
    overridable: bool = False

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready form for `--json` output and storage."""
        return {
            "path": self.path,
            "severity": self.severity.value,
            "code": self.code.value,
            "params": dict(self.params),
            "overridable": self.overridable,
        }


def problem(
    path: str,
    code: Code,
    severity: Severity = Severity.ERROR,
    *,
    overridable: bool = False,
    **params: Any,
) -> Problem:
    """Shorthand used by the validators."""
    return Problem(path, severity, code, MappingProxyType(params), overridable)


@dataclass(frozen=True)
class Override:
    """A supervisor's acceptance of one overridable error, with the reason written down."""

    path: str
    code: Code
    reason: str


def blocking_problems(
    problems: Iterable[Problem], overrides: Iterable[Override] = ()
) -> list[Problem]:
    """The errors that still block completion once valid overrides (with a reason) are applied."""
    accepted = {(o.path, o.code) for o in overrides if o.reason.strip()}
    return [
        p for p in problems if p.is_error and not (p.overridable and (p.path, p.code) in accepted)
    ]


def has_errors(problems: Iterable[Problem]) -> bool:
    return any(p.is_error for p in problems)
