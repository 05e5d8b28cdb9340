"""Exceptions in log files without the personal data their messages may quote (both programs).

A database error's message can hold the row it failed on ("Failing row contains (…)", "Key
(…)=(…)", a trigger's text), a validation error the value it refused, a `KeyError` the key. Log
files are kept in clear — a station's beside its encrypted database, the server's in its journal
— so an exception is written as its class, its SQLSTATE when it has one, and where it happened
(file, line, function and source line of each frame), never its message or arguments. That is
enough to find the fault; the data stays in the database it came from."""

from __future__ import annotations

import logging
import traceback

WITHHELD = "[message withheld: it may quote personal data]"


def sqlstate(error: BaseException) -> str | None:
    """The SQLSTATE of a database error (psycopg's `sqlstate`, or the driver error SQLAlchemy
    wraps as `orig`), else None."""
    for candidate in (error, getattr(error, "orig", None)):
        code = getattr(candidate, "sqlstate", None) or getattr(candidate, "pgcode", None)
        if isinstance(code, str) and code:
            return code
    return None


def describe(error: BaseException) -> str:
    """`module.Class` and its SQLSTATE: what a log line may say about an exception."""
    kind = type(error)
    name = (
        kind.__qualname__
        if kind.__module__ == "builtins"
        else f"{kind.__module__}.{kind.__qualname__}"
    )
    state = sqlstate(error)
    return f"{name} (SQLSTATE {state})" if state else name


def _chain(error: BaseException) -> list[BaseException]:
    """The exception and the ones it was raised from or during, oldest first."""
    chain: list[BaseException] = []
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        chain.append(current)
        cause = current.__cause__
        current = (
            cause if cause is not None or current.__suppress_context__ else current.__context__
        )
    return chain[::-1]


def format_exception(error: BaseException) -> str:
    """A traceback with every frame and no message: `describe()` stands in for each message."""
    parts: list[str] = []
    for position, item in enumerate(_chain(error)):
        if position:
            parts.append("\nwhich led to:\n")
        parts.append("Traceback (most recent call last):\n")
        parts.extend(traceback.format_list(traceback.extract_tb(item.__traceback__)))
        parts.append(f"{describe(item)} {WITHHELD}\n")
    return "".join(parts).rstrip("\n")


class RedactingFormatter(logging.Formatter):
    """A `logging.Formatter` whose tracebacks are `format_exception`'s: every handler writing a
    log file of either program uses it."""

    def formatException(self, ei: object) -> str:
        error = ei[1] if isinstance(ei, tuple) and len(ei) == 3 else None
        return format_exception(error) if isinstance(error, BaseException) else ""

    def format(self, record: logging.LogRecord) -> str:
        # Another handler may have cached its own rendering (with the message) on the record.
        cached, record.exc_text = record.exc_text, None
        try:
            return super().format(record)
        finally:
            record.exc_text = cached
