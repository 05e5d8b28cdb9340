"""Which active features a PDF carries, read as a stream: scripts, automatic actions, launched
programs, embedded files. A scan of signed paper needs none of them, so any one refuses the file.

The scan reads the file once in 1 MiB pieces and never holds it whole. It looks at the PDF's
names (`/JavaScript`, `/J#61vaScript` — a `#xx` escape is decoded first) outside stream bodies,
whose binary data would match by chance, and inside compressed object streams (`/ObjStm`),
where a writer may hide the dictionaries that carry them; those are inflated piece by piece, at
most `MAX_INFLATED` bytes per file. An encrypted PDF cannot be read without its password and is
refused as well.
"""

from __future__ import annotations

import re
import zlib
from typing import BinaryIO

# The names of features a scan never needs; each is enough to refuse the file.
UNSAFE_NAMES = frozenset(
    {
        "JavaScript",
        "JS",
        "OpenAction",
        "AA",  # additional actions: run when a page or field is opened
        "Launch",
        "EmbeddedFile",
        "EmbeddedFiles",
        "RichMedia",
        "XFA",
        "Encrypt",  # streams we cannot read, so cannot vouch for
    }
)
LONG_NAMES = frozenset(name for name in UNSAFE_NAMES if len(name) >= 6)
PIECE = 1 << 20
MAX_INFLATED = 64 << 20
_NAME = re.compile(rb"/([^\s/<>\[\]()%{}]*)")
_REGULAR = rb"[^\s/<>\[\]()%{}]"
# In binary stream data: only the long names spelled out, or any name with a `#xx` escape (both
# rare in random bytes, so the scan stays as fast as the disk).
_LONG_NAME = re.compile(
    rb"/((?:"
    + b"|".join(n.encode() for n in sorted(LONG_NAMES, key=len, reverse=True))
    + rb")"
    + _REGULAR
    + rb"*|"
    + _REGULAR
    + rb"*#[0-9A-Fa-f]{2}"
    + _REGULAR
    + rb"*)"
)
_STREAM = re.compile(rb"(?<![A-Za-z])stream(?:\r\n|\n|\r)")
_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")


class PdfUnreadable(Exception):
    """A compressed object stream that does not inflate (damaged, or too large to inflate)."""


def _decoded(name: bytes) -> str:
    return _ESCAPE.sub(lambda m: bytes([int(m.group(1), 16)]), name).decode("latin-1")


class _NameScanner:
    """Names in text that arrives in pieces: a name cut by a piece's end is read whole next time.
    `only` narrows what counts (in binary stream data a short name like `/JS` occurs by chance)."""

    def __init__(self, found: set[str], only: frozenset[str] = UNSAFE_NAMES) -> None:
        self.found = found
        self._only = only
        self._pattern = _NAME if only == UNSAFE_NAMES else _LONG_NAME
        self._carry = b""

    def feed(self, data: bytes) -> None:
        text = self._carry + data if self._carry else data
        cut = text.rfind(b"/")
        if cut < 0 or len(text) - cut > 512:  # no name can still be running (they are ≤ 127)
            cut = len(text)
        self._scan(text, cut)
        self._carry = text[cut:]

    def close(self) -> None:
        self._scan(self._carry, len(self._carry))
        self._carry = b""

    def _scan(self, text: bytes, end: int) -> None:
        for match in self._pattern.finditer(text, 0, end):
            name = _decoded(match.group(1))
            if name in self._only:
                self.found.add(name)


class _Inflater:
    """Inflates one compressed object stream piece by piece and scans its names."""

    def __init__(self, found: set[str], budget: list[int]) -> None:
        self._zlib = zlib.decompressobj()
        self._names = _NameScanner(found)
        self._budget = budget

    def feed(self, data: bytes) -> None:
        try:
            pending = data
            while pending and not self._zlib.eof:
                out = self._zlib.decompress(pending, PIECE)
                self._budget[0] -= len(out)
                if self._budget[0] < 0:
                    raise PdfUnreadable("inflated too much")
                self._names.feed(out)
                pending = self._zlib.unconsumed_tail
        except zlib.error as error:
            raise PdfUnreadable(str(error)) from error

    def close(self) -> None:
        self._names.close()


def _body_scanner(
    dictionary: bytes, found: set[str], budget: list[int]
) -> _Inflater | _NameScanner:
    """How to read the body of the stream whose dictionary is `dictionary`: an object stream's
    objects are read whole (inflated first when compressed); any other stream's data only for
    the long names, which binary data does not spell by chance, so that a `stream` keyword
    written inside a string cannot hide a dictionary from the scan."""
    if b"/ObjStm" in dictionary:
        if b"/FlateDecode" in dictionary:
            return _Inflater(found, budget)
        return _NameScanner(found)
    return _NameScanner(found, LONG_NAMES)


def unsafe_features(stream: BinaryIO) -> set[str]:
    """The unsafe names found in the PDF read from `stream` (empty: nothing active)."""
    found: set[str] = set()
    names = _NameScanner(found)
    budget = [MAX_INFLATED]
    body: _Inflater | _NameScanner | None = None  # the stream being read, if inside one
    recent = b""  # the text before a `stream` keyword: its dictionary
    buffer = b""
    while True:
        piece = stream.read(PIECE)
        buffer += piece
        while True:
            if body is not None:
                end = buffer.find(b"endstream")
                if end < 0:
                    keep = max(len(buffer) - len(b"endstream"), 0) if piece else len(buffer)
                    body.feed(buffer[:keep])
                    buffer = buffer[keep:]
                    break
                body.feed(buffer[:end])
                body.close()
                buffer, body = buffer[end:], None
                continue
            match = _STREAM.search(buffer)
            if match is None:
                cut = max(len(buffer) - 64, 0) if piece else len(buffer)
                names.feed(buffer[:cut])
                recent, buffer = (recent + buffer[:cut])[-4096:], buffer[cut:]
                break
            names.feed(buffer[: match.start()])
            names.close()
            dictionary = (recent + buffer[: match.start()])[-4096:]
            body = _body_scanner(dictionary[dictionary.rfind(b"obj") :], found, budget)
            recent, buffer = b"", buffer[match.end() :]
        if not piece:
            if body is not None:
                body.close()
            names.close()
            return found
