"""An audit entry's details as the reader's language says them: translated "label: value" pairs.

The log stores details as plain JSON with stable English keys and codes (the hash chain covers
them, so they never change); only their display is translated. A key or code this module does not
know yet is shown as stored rather than hidden."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from server.console.templating import format_datetime, format_number

TranslateOr = Callable[[str, str], str]

# Keys whose values are codes with a text of their own: "audit.value.<key>.<code>".
CODED = frozenset({"reason", "factors"})
# Keys whose values have a text under another page's key: the key's prefix + the value.
BORROWED = {"role": "role.", "status": "records.status."}
# Stored as ISO timestamps (UTC): shown in Vietnam's time like every other time on the console.
TIMES = frozenset({"at", "expires_at", "locked_until"})
# Numbers that are names, not quantities: no thousands dots.
PLAIN_NUMBERS = frozenset({"revision", "broken_seq", "feed_cursor"})
# The order a reader wants (JSONB does not keep the writer's order): what the entry is about
# first, bookkeeping (cursors, sizes, hashes) last, keys not listed here just before it.
ORDER = (
    "station",
    "device",
    "period",
    "revision",
    "role",
    "scope",
    "factors",
    "q",
    "form",
    "status",
    "from",
    "to",
    "intact",
    "count",
    "broken_seq",
    "reason",
    "comment",
    "failures",
    "locked_until",
    "at",
    "hours",
    "expires_at",
    "submitted",
    "missing",
    "file",
)
LAST = ("feed_cursor", "bytes", "sha256")


def detail_pairs(details: dict[str, Any] | None, t_or: TranslateOr) -> list[tuple[str, str]]:
    """(label, value) for each detail, in a stable reading order."""
    items = sorted((details or {}).items(), key=lambda item: _rank(item[0]))
    return [(t_or(f"audit.key.{key}", key), _value(key, value, t_or)) for key, value in items]


def _rank(key: str) -> tuple[int, str]:
    if key in ORDER:
        return (ORDER.index(key), "")
    if key in LAST:
        return (len(ORDER) + 1 + LAST.index(key), "")
    return (len(ORDER), key)


def _value(key: str, value: Any, t_or: TranslateOr) -> str:
    if isinstance(value, bool):
        return t_or("audit.value.yes" if value else "audit.value.no", str(value))
    if value is None:
        return "—"
    if key == "scope" and isinstance(value, str):
        return _scope(value, t_or)
    if key in CODED:
        return t_or(f"audit.value.{key}.{value}", str(value))
    if key in BORROWED:
        return t_or(f"{BORROWED[key]}{value}", str(value))
    if key in TIMES and isinstance(value, str):
        return _time(value)
    if isinstance(value, int | float) and key not in PLAIN_NUMBERS:
        return format_number(value)
    return str(value)


def _scope(value: str, t_or: TranslateOr) -> str:
    kind, _, code = value.partition(":")
    if kind == "all":
        return t_or("scope.all", value)
    return f"{t_or(f'audit.value.scope.{kind}', kind)} {code}" if code else value


def _time(value: str) -> str:
    try:
        return format_datetime(datetime.fromisoformat(value))
    except ValueError:
        return value
