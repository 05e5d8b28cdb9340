"""Signed roles and signed authorship: the messages a station's keys sign, and their checks.

A station's root key (Ed25519, held only by its supervisors and its recovery key) signs the
roster: every user's role, status and keys. Each user's own key signs the revisions and audit
entries they make. Both sides import this module: the station signs and checks at unlock and in
`cax audit verify`, the server checks every pushed revision (docs/security.md, "Roles and
authorship").
"""

from __future__ import annotations

import base64
import functools
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from protocol.canonical import canonical_json, content_hash_with_values
from protocol.messages import RosterBody, RosterUser, SignedRoster
from protocol.signing import load_public_key, verify_signature

# The name under which the root key itself signs (revisions made before roles were signed).
ROOT_SIGNER = "@root"


def sign(private_key: Ed25519PrivateKey, message: bytes) -> str:
    return base64.b64encode(private_key.sign(message)).decode("ascii")


@functools.lru_cache(maxsize=4096)
def _public_key(encoded: str) -> Ed25519PublicKey | None:
    # A station has a handful of keys and `audit verify` checks every entry: parse each once.
    try:
        return load_public_key(encoded)
    except ValueError:
        return None


def verify(public_key: str, message: bytes, signature: str | None) -> bool:
    """True only for a valid signature by `public_key` (base64); never raises."""
    key = _public_key(public_key)
    if not signature or key is None:
        return False
    return verify_signature(key, message, signature)


def roster_message(body: RosterBody) -> bytes:
    return b"cax-roster/1\n" + canonical_json(body.model_dump(mode="json"))


def sign_roster(root_key: Ed25519PrivateKey, body: RosterBody) -> SignedRoster:
    return SignedRoster(body=body, signature=sign(root_key, roster_message(body)))


def roster_is_authentic(roster: SignedRoster, root_public_key: str) -> bool:
    """Signed by `root_public_key`, and naming that same key as its root."""
    return roster.body.root_public_key == root_public_key and verify(
        root_public_key, roster_message(roster.body), roster.signature
    )


def grant_of(roster: SignedRoster, username: str) -> RosterUser | None:
    return next((u for u in roster.body.users if u.username == username), None)


def authorship_digest(metadata: dict[str, Any], values_json: bytes) -> str:
    """What a revision's signature covers: its content hash with the station code left out (a
    revision is signed when it is made, before the station may know its code at the server)."""
    return content_hash_with_values({**metadata, "station_code": ""}, values_json)


def revision_message(signer: str, digest: str) -> bytes:
    return b"cax-revision/1\n" + canonical_json({"digest": digest, "signer": signer})


def audit_message(signer: str, seq: int, entry_hash: str) -> bytes:
    return b"cax-audit/1\n" + canonical_json({"hash": entry_hash, "seq": seq, "signer": signer})


def may_write(roster: SignedRoster, signer: str, author: str, revision: int) -> bool:
    """Whether `signer` may sign revision `revision` of a record `author` created: its author
    always; a supervisor for later revisions (amend, void); the root key for revisions made
    before roles were signed."""
    if signer in (ROOT_SIGNER, author):
        return True
    grant = grant_of(roster, signer)
    return revision > 1 and grant is not None and grant.role == "supervisor"


def signer_keys(roster: SignedRoster, signer: str) -> list[str]:
    """The public keys a signature by `signer` may verify against."""
    if signer == ROOT_SIGNER:
        return [roster.body.root_public_key]
    grant = grant_of(roster, signer)
    return list(grant.signing_keys) if grant else []


def signed_by_any(keys: list[str], message: bytes, signature: str | None) -> bool:
    return any(verify(key, message, signature) for key in keys)
