"""The check printed on every page: record id, revision and content hash, as text and as QR.

The QR payload is `CAX:1:<RECORD ID>:<REVISION>:<SHA-256>` in upper case, so the code uses QR's
compact alphanumeric mode (a version-5 symbol, ~0.4 mm a module at 17 mm). Scanning it and
comparing the hash with the station's (or the server's) copy of that revision shows whether a
printout was altered or belongs to an older revision.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

SCHEME, VERSION = "CAX", "1"
SHORT_HASH_LENGTH = 12  # 48 bits on the footer line: enough for a person comparing by eye
_PAYLOAD = re.compile(r"^CAX:1:([0-9A-F-]{36}):(\d+):([0-9A-F]{64})$")


@dataclass(frozen=True)
class PrintCheck:
    record_id: str  # lower case, as stored
    revision: int
    content_hash: str  # lower-case hex


def short_hash(content_hash: str) -> str:
    return content_hash[:SHORT_HASH_LENGTH].lower()


def qr_payload(record_id: str, revision: int, content_hash: str) -> str:
    return f"{SCHEME}:{VERSION}:{record_id.upper()}:{revision}:{content_hash.upper()}"


def parse_qr_payload(text: str) -> PrintCheck | None:
    """What a scanned code says, or None when it is not one of ours."""
    match = _PAYLOAD.match(text.strip())
    if match is None:
        return None
    record_id, revision, content_hash = match.groups()
    return PrintCheck(record_id.lower(), int(revision), content_hash.lower())


def footer_line(record_id: str, revision: int, content_hash: str) -> str:
    return (
        f"Mã bản ghi: {record_id} · Lần sửa: {revision} · Mã kiểm tra: {short_hash(content_hash)}"
    )
