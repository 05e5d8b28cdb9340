"""Configurable legal values from resources/rules.json: deadlines, limits, fine frames."""

# Legal values not yet confirmed against the gazette (docs/domain.md) live in rules.json, so a province can correct them without code.

from __future__ import annotations

import functools
import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

from domain.forms.errors import FormDefinitionInvalid
from domain.forms.schema import first_error


@dataclass(frozen=True)
class Rule:
    name: str
    value: Any
    status: str  # "V" verified, "I" inferred, "?" to be confirmed against the gazette
    unit: str = ""
    source: str = ""
    note: str = ""


@dataclass(frozen=True)
class Rules:
    entries: Mapping[str, Rule]

    def value(self, name: str) -> Any:
        return self.entries[name].value

    def values(self) -> Mapping[str, Any]:
        """name → value, as conditions see them through `rule("name")`."""
        return MappingProxyType({name: rule.value for name, rule in self.entries.items()})

    def __contains__(self, name: object) -> bool:
        return name in self.entries


def load_rules(path: Path | None = None) -> Rules:
    """Read and schema-check a rules file (default: the shipped resources/rules.json)."""
    if path is None:
        from domain.resources import resource_path

        path = resource_path("rules.json")
    raw = path.read_bytes()
    document = json.loads(raw.decode("utf-8"))
    error = first_error(document, "rules", raw)
    if error is not None:
        where = ".".join(str(p) for p in error.absolute_path)
        raise FormDefinitionInvalid(
            file=path.name, path=where, reason="schema", detail=error.message
        )
    entries = {
        name: Rule(name=name, **{k: v for k, v in spec.items()})
        for name, spec in document["rules"].items()
    }
    return Rules(MappingProxyType(entries))


@functools.cache
def default_rules() -> Rules:
    """The shipped rules, read once (they do not change while the app runs)."""
    return load_rules()
