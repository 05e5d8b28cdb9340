"""The server's own key pairs and the hashing of one-time enrolment codes."""

from __future__ import annotations

import base64
import hashlib
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
    PublicFormat,
)
from sqlalchemy import Connection, Engine, select

from server.core.sql import insert_ignore
from server.models import ServerKey

# Crockford-style alphabet without 0/O/1/I/L: codes are read aloud and typed by hand.
_CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
_CODE_LENGTH = 15  # ~74 bits: unguessable online even without a rate limit


def new_enrolment_code() -> str:
    raw = "".join(secrets.choice(_CODE_ALPHABET) for _ in range(_CODE_LENGTH))
    return "-".join(raw[i : i + 5] for i in range(0, _CODE_LENGTH, 5))


def normalise_code(code: str) -> str:
    """Forgive case, spaces and dashes in a typed code."""
    return "".join(ch for ch in code.upper() if ch.isalnum())


def hash_code(code: str) -> str:
    # A fast hash is enough: the code is random and long, not a password.
    return hashlib.sha256(normalise_code(code).encode("ascii", "replace")).hexdigest()


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")


def _new_pair(kind: str) -> tuple[str, str]:
    key: Ed25519PrivateKey | X25519PrivateKey = (
        Ed25519PrivateKey.generate() if kind == "signing" else X25519PrivateKey.generate()
    )
    private = key.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
    public = key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    return _b64(private), _b64(public)


@dataclass(frozen=True)
class ServerPublicKeys:
    signing: str
    box: str


def ensure_server_keys(conn: Connection) -> ServerPublicKeys:
    """Create the key pairs once (race-safe across servers), then always return the stored ones."""
    for kind in ("signing", "box"):
        private, public = _new_pair(kind)
        conn.execute(
            insert_ignore(conn, ServerKey.__table__, ["kind"]),
            {
                "kind": kind,
                "private_key": private,
                "public_key": public,
                "created_at": datetime.now(UTC),
            },
        )
    rows = dict(conn.execute(select(ServerKey.kind, ServerKey.public_key)).all())
    return ServerPublicKeys(signing=rows["signing"], box=rows["box"])


def load_signing_key(engine: Engine) -> Ed25519PrivateKey:
    """The server's Ed25519 signing key (created first if this database has none yet)."""
    with engine.begin() as conn:
        ensure_server_keys(conn)
        private = conn.execute(
            select(ServerKey.private_key).where(ServerKey.kind == "signing")
        ).scalar_one()
    return Ed25519PrivateKey.from_private_bytes(base64.b64decode(private))
