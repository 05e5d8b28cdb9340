"""Filling placeholders in translated texts, in one pass so a value is never itself rewritten.

Chained `.replace("%1", a).replace("%2", b)` rewrites a value `a` that contains "%2" (a record
title, a file name); these helpers substitute every placeholder at once.
"""

from __future__ import annotations

import re
from typing import Any

_NAMED = re.compile(r"\{(\w+)\}")
_NUMBERED = re.compile(r"%(\d)")


def fill(template: str, params: dict[str, Any]) -> str:
    """`{name}` placeholders filled in one pass ("?" for a missing one); `{{` and `}}` are braces."""

    def value(match: re.Match[str]) -> str:
        return str(params.get(match.group(1), "?"))

    parts = template.split("{{")
    return "{".join(_NAMED.sub(value, part).replace("}}", "}") for part in parts)


def fill_numbered(template: str, *values: object) -> str:
    """Qt-style `%1`…`%9` filled in one pass; a placeholder without a value stays as it is."""

    def value(match: re.Match[str]) -> str:
        index = int(match.group(1)) - 1
        return str(values[index]) if 0 <= index < len(values) else match.group(0)

    return _NUMBERED.sub(value, template)
