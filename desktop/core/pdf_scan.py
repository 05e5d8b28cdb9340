"""Which active features a PDF carries, read as a stream: scripts, automatic actions, launched
programs, embedded files. A scan of signed paper needs none of them, so any one refuses the file.

The scan reads the file once in 1 MiB pieces and never holds it whole. It looks at the PDF's
names (`/JavaScript`, `/J#61vaScript` — a `#xx` escape is decoded first) outside stream bodies,
whose binary data would match by chance, and inside compressed object streams (`/ObjStm`),
where a writer may hide the dictionaries that carry them; those are inflated piece by piece, at
most `MAX_INFLATED` bytes per file. An encrypted PDF cannot be read without its password and is
refused as well, and so is an object stream kept in any other form (another filter, deflated
twice, a predictor): what cannot be read cannot be vouched for.

Stream bodies are most of a scan's bytes, so theirs is the fast path: a piece of a body is
searched in place, by offsets, never copied; what a piece's end may cut (a name, an `endstream`
keyword) is carried over in a few bytes and read again with the head of the next piece. Two
passes of C over each piece remain, one for `endstream` and one for the names' `/`.
"""

from __future__ import annotations

import re
import zlib
from typing import BinaryIO, Protocol

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
# The names in a stream's dictionary that say how to read its body. A longer name that starts
# with one counts as it too, erring towards reading a body more closely.
LAYOUT_NAMES = ("ObjStm", "FlateDecode")
# Filters and their parameters that the scan does not undo (an abbreviation like `/Fl` included):
# an object stream written with one of them, or deflated twice, cannot be read, so its objects
# cannot be vouched for; the file is refused as if they carried a script (`ObjStm` is named).
UNREAD_FILTERS = frozenset(
    {
        "Fl",
        "LZWDecode",
        "LZW",
        "ASCIIHexDecode",
        "AHx",
        "ASCII85Decode",
        "A85",
        "RunLengthDecode",
        "RL",
        "CCITTFaxDecode",
        "CCF",
        "DCTDecode",
        "DCT",
        "JBIG2Decode",
        "JPXDecode",
        "Crypt",
        "DecodeParms",
        "DP",
    }
)
_UNREAD = "unread filter"
HIDDEN_OBJECTS = "ObjStm"
PIECE = 1 << 20
MAX_INFLATED = 64 << 20
_REGULAR = rb"[^\s/<>\[\]()%{}]"
_NAME = re.compile(rb"/(" + _REGULAR + rb"*)")
_RUN = re.compile(_REGULAR + rb"*")
_STREAM = re.compile(rb"(?<![A-Za-z])stream(?:\r\n|\n|\r)")
_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
_END = b"endstream"
# Bytes a piece's end may leave undecided in text: the `stream` keyword and its end of line.
_TEXT_CARRY = 64
# A long name spelled in stream data is at most 13 letters of 3 bytes (all `#xx`) after its `/`;
# 64 bytes of what follows are always enough to see where it ends.
_SEAM = 64


def _class(chars: set[str]) -> bytes:
    return b"[" + b"".join(re.escape(c.encode()) for c in sorted(chars)) + b"]"


def _long_name_start() -> re.Pattern[bytes]:
    """The start of a name that may decode to a long name: a `/`, then as many letters as the
    shortest, each written plainly or as a `#xx` escape, the first one a long name's first.
    Its literal `/` lets `re` skip through binary data quickly, and the rest fails on most of
    the `/` that random bytes hold (one in 256) at their next byte."""
    escape = rb"#[0-9A-Fa-f]{2}"
    first = _class({name[0] for name in LONG_NAMES})
    letter = _class({c for name in LONG_NAMES for c in name})
    rest = min(len(name) for name in LONG_NAMES) - 1
    return re.compile(rb"/(?:%s|%s)(?:%s|%s){%d}" % (first, escape, letter, escape, rest))


_LONG_NAME_START = _long_name_start()


class PdfUnreadable(Exception):
    """A compressed object stream that does not inflate (damaged, or too large to inflate)."""


def _decoded(name: bytes) -> str:
    return _ESCAPE.sub(lambda m: bytes([int(m.group(1), 16)]), name).decode("latin-1")


class _Body(Protocol):
    """What reads one stream body: `data[start:end]` in order, then `close` at its end."""

    def feed(self, data: bytes, start: int, end: int) -> None: ...

    def close(self) -> None: ...


class _NameScanner:
    """Every name in text that arrives in pieces: a name cut by a piece's end is read whole next
    time. The `LAYOUT_NAMES` among them go to `layout`, if given."""

    def __init__(self, found: set[str], layout: list[str] | None = None) -> None:
        self.found = found
        self._layout = layout
        self._carry = b""

    def feed(self, data: bytes, start: int = 0, end: int | None = None) -> None:
        text = self._carry + data[start:end]
        cut = text.rfind(b"/")
        if cut < 0 or len(text) - cut > 512:  # no name can still be running (they are ≤ 127)
            cut = len(text)
        self._scan(text, cut)
        self._carry = text[cut:]

    def close(self) -> None:
        self._scan(self._carry, len(self._carry))
        self._carry = b""

    def _scan(self, text: bytes, end: int) -> None:
        for match in _NAME.finditer(text, 0, end):
            name = _decoded(match.group(1))
            if name in UNSAFE_NAMES:
                self.found.add(name)
            elif self._layout is not None and name.startswith(LAYOUT_NAMES):
                self._layout.extend(kind for kind in LAYOUT_NAMES if name.startswith(kind))
            elif self._layout is not None and name in UNREAD_FILTERS:
                self._layout.append(_UNREAD)


class _BinaryData:
    """The long names in a stream's binary data (a short one like `/JS` occurs there by chance).
    A name cut by the end of what was fed is read from `_tail`, the last `_SEAM` bytes, joined
    with the head of the next range: the range itself is never copied."""

    def __init__(self, found: set[str]) -> None:
        self._found = found
        self._tail = b""

    def feed(self, data: bytes, start: int, end: int) -> None:
        if end - start < 2 * _SEAM:  # a short range: joining it to the tail costs nothing
            data, start, end = self._tail + data[start:end], 0, len(self._tail) + end - start
        elif self._tail:
            seam = self._tail + data[start : start + _SEAM]
            self._scan(seam, 0, len(self._tail), len(seam))
        keep = max(end - _SEAM, start)  # names starting here may run on into the next range
        self._scan(data, start, keep, end)
        self._tail = data[keep:end]

    def close(self) -> None:
        self._scan(self._tail, 0, len(self._tail), len(self._tail))
        self._tail = b""

    def _scan(self, data: bytes, start: int, stop: int, end: int) -> None:
        """The names starting in `data[start:stop]`, read up to `end` at most."""
        for match in _LONG_NAME_START.finditer(data, start, end):
            if match.start() >= stop:
                break
            # Bounded: a run longer than a seam is no long name, and it is never read further.
            name = _RUN.match(data, match.start() + 1, min(end, match.start() + _SEAM))
            decoded = _decoded(name.group()) if name else ""
            if decoded in LONG_NAMES:
                self._found.add(decoded)


class _ObjectStream:
    """The objects of an uncompressed object stream, read as text (every name counts)."""

    def __init__(self, found: set[str]) -> None:
        self._names = _NameScanner(found)

    def feed(self, data: bytes, start: int, end: int) -> None:
        self._names.feed(data, start, end)

    def close(self) -> None:
        self._names.close()


class _Inflater:
    """Inflates one compressed object stream piece by piece and scans its names."""

    def __init__(self, found: set[str], budget: list[int]) -> None:
        self._zlib = zlib.decompressobj()
        self._names = _NameScanner(found)
        self._budget = budget

    def feed(self, data: bytes, start: int, end: int) -> None:
        try:
            pending = data[start:end]
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


def _body_scanner(layout: list[str], found: set[str], budget: list[int]) -> _Body:
    """How to read the body of a stream whose dictionary holds the names `layout`: an object
    stream's objects are read whole (inflated first when compressed; one that cannot be read
    refuses the file); any other stream's data only for the long names, which binary data does
    not spell by chance, so that a `stream` keyword written inside a string cannot hide a
    dictionary from the scan."""
    if "ObjStm" in layout:
        if _UNREAD in layout or layout.count("FlateDecode") > 1:
            found.add(HIDDEN_OBJECTS)
            return _BinaryData(found)
        if "FlateDecode" in layout:
            return _Inflater(found, budget)
        return _ObjectStream(found)
    return _BinaryData(found)


def _find_end(data: bytes, start: int) -> int:
    """Where the first `endstream` at or after `start` begins, or -1. Most pieces of a body hold
    none, and CPython's `rfind` says so in about half the time of `find` (a plain skip loop
    against the two-way search), so `find` runs only on a piece that holds one."""
    last = data.rfind(_END, start)
    return last if last < 0 else data.find(_END, start, last + len(_END))


class _Scan:
    """One file's scan between pieces: in text, or inside a stream body."""

    def __init__(self) -> None:
        self.found: set[str] = set()
        self._budget = [MAX_INFLATED]
        # The layout names read since the last stream body: the next one's dictionary is among
        # that text, whose start cannot be told from a string or a padded dictionary's middle.
        # Names are decoded, as a reader does: `/Obj#53tm` is an object stream too.
        self._layout: list[str] = []
        self._names = _NameScanner(self.found, self._layout)
        self._body: _Body | None = None  # the stream being read, if inside one
        # The previous piece's last bytes, not read yet: in text, where a `stream` keyword may
        # begin; in a body, where an `endstream` may. Reading resumes at `_resume` in them: in
        # text they keep one byte read already, as the keyword's look behind needs it.
        self._held = b""
        self._resume = 0

    def feed(self, piece: bytes) -> None:
        data, start = piece, 0
        if self._held and (self._body is None or len(piece) < _SEAM):
            # Text is a small part of a scan, and a short piece is cheap: join them.
            data, start, self._held = self._held + piece, self._resume, b""
        elif self._held and self._body is not None:
            data = self._end_across(self._body, piece)
        self._run(data, start, final=False)

    def close(self) -> set[str]:
        data, self._held = self._held, b""
        self._run(data, self._resume, final=True)
        if self._body is not None:  # the file ends inside a stream body
            self._body.feed(self._held, 0, len(self._held))
            self._body.close()
        self._names.close()
        return self.found

    def _run(self, data: bytes, start: int | None, final: bool) -> None:
        while start is not None:
            if self._body is not None:
                start = self._in_body(self._body, data, start)
            else:
                start = self._in_text(data, start, final)

    def _end_across(self, body: _Body, piece: bytes) -> bytes:
        """Inside a body, with a long piece: whether an `endstream` began in the held bytes.
        If so the body ends there and the text goes on from it, with the piece after it (the
        one copy of a piece, once per stream); otherwise the held bytes were body data."""
        held, self._held = self._held, b""
        at = (held + piece[: len(_END) - 1]).find(_END)
        if at < 0:
            body.feed(held, 0, len(held))
            return piece
        body.feed(held, 0, at)
        self._end_body()
        return held[at:] + piece

    def _in_body(self, body: _Body, data: bytes, start: int) -> int | None:
        """Read the body from `start` on; where the text resumes in `data`, or None."""
        end = _find_end(data, start)
        if end >= 0:
            body.feed(data, start, end)
            self._end_body()
            return end
        keep = max(len(data) - (len(_END) - 1), start)  # may begin an `endstream`
        body.feed(data, start, keep)
        self._held, self._resume = data[keep:], 0
        return None

    def _end_body(self) -> None:
        assert self._body is not None
        self._body.close()
        self._body = None

    def _in_text(self, data: bytes, start: int, final: bool) -> int | None:
        """Read text from `start` on; where a stream body begins in `data`, or None."""
        match = _STREAM.search(data, start)
        if match is None:
            cut = len(data) if final else max(len(data) - _TEXT_CARRY, start)
            self._names.feed(data, start, cut)
            # `xstream` is no keyword: keep the byte before the held ones to tell.
            self._resume = 1 if cut > 0 else 0
            self._held = data[cut - self._resume :]
            return None
        self._names.feed(data, start, match.start())
        self._names.close()
        self._body = _body_scanner(self._layout, self.found, self._budget)
        self._layout.clear()
        return match.end()


def unsafe_features(stream: BinaryIO) -> set[str]:
    """The unsafe names found in the PDF read from `stream` (empty: nothing active)."""
    scan = _Scan()
    while piece := stream.read(PIECE):
        scan.feed(piece)
    return scan.close()
