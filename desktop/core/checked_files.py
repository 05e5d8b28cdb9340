"""Which form files passed their schema check before, kept between `cax` runs.

Checking every bundled form, block and rules file against its JSON Schema (and importing
jsonschema to do it) is a good share of each command's start, though the files rarely change.
A file is remembered by a digest of its exact bytes and of the schemas (domain/forms/schema.py):
an edited, damaged or newly shipped file has another digest and is checked, and refused, as
always. Losing or damaging this file only costs one check again."""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from pathlib import Path

# Enough for several releases' files side by side; the oldest digests go first.
KEPT_DIGESTS = 256


class CheckedFilesFile:
    """The digests of passed checks, read on first use and written when one is added."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._digests: list[str] | None = None

    def __contains__(self, digest: object) -> bool:
        return digest in self._loaded()

    def add(self, digest: str) -> None:
        digests = self._loaded()
        if digest in digests:
            return
        digests.append(digest)
        del digests[:-KEPT_DIGESTS]
        # A read-only or full cache folder: the files are simply checked again next time.
        with contextlib.suppress(OSError):
            self._save(digests)

    def _loaded(self) -> list[str]:
        if self._digests is None:
            self._digests = _read_digests(self.path)
        return self._digests

    def _save(self, digests: list[str]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # Written beside and renamed: two commands at once never leave half a file.
        handle, temporary = tempfile.mkstemp(dir=self.path.parent, suffix=".tmp")
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                json.dump(digests, out)
            os.replace(temporary, self.path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise


def _read_digests(path: Path) -> list[str]:
    """The stored digests; a missing or unreadable file remembers nothing."""
    try:
        stored = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return []
    if not isinstance(stored, list):
        return []
    return [d for d in stored if isinstance(d, str)]
