"""Text normalisation applied to every typed, pasted, imported or synced value."""

from __future__ import annotations

import re
import unicodedata

# Invisible characters pasted from Word or web pages; removed before NFC so that removing them
# cannot leave a base letter and a combining mark side by side un-composed.
_INVISIBLE = frozenset("\u00ad\u200b\u200c\u200d\u2060\ufeff")
_BLANK_LINES = re.compile(r"\n{3,}")


def _visible(text: str, keep: str = "") -> str:
    # Nearly every value has nothing to remove: a printable string (no category C or Z
    # character but the space) holds none of what is dropped below, and one C call says so
    # instead of a Python test per character (a form's values, checked again on every push).
    if text.isprintable():
        return text
    return "".join(
        ch
        for ch in text
        if ch not in _INVISIBLE
        and (ch in keep or ch.isspace() or unicodedata.category(ch) not in ("Cc", "Cf", "Cs"))
    )


def normalize_text(text: str) -> str:
    """NFC, invisible and control characters removed, whitespace runs collapsed, trimmed."""
    return " ".join(unicodedata.normalize("NFC", _visible(text)).split())


def normalize_multiline(text: str) -> str:
    """As normalize_text per line; line breaks kept, at most one blank line in a row."""
    unified = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = [normalize_text(line) for line in _visible(unified, keep="\n").split("\n")]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip("\n")
