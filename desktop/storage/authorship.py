"""Signed authorship on the station: each record revision and audit entry carries its writer's
Ed25519 signature, and `verify_audit_signatures` checks them against the signed roster.

The signer is the one `Database.write()` hands to each write transaction (`grants.Signer`, set
once the user's grant was verified at unlock). Revisions made before roles were signed are signed
once by the root key at the first supervisor login (`sign_legacy_revisions`), so the server can
tell them from forgeries; audit entries before `audit_signed_from` stay as they were.
"""

from __future__ import annotations

from collections.abc import Sequence

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import Connection, text

from desktop.storage.audit import ChainBreak
from desktop.storage.revision_wire import revision_metadata
from protocol import authorship
from protocol.messages import SignedRoster

# ChainBreak kinds of a signature that fails (the chain itself may hold).
SIGNATURE_KINDS = frozenset({"unsigned", "bad_signature"})

_REVISION_ROWS = (
    "SELECT r.id, v.revision, r.form_id, r.form_version, r.author, r.created_at, v.status, "
    "v.changed_at, v.reason, v.values_json FROM record_revisions v "
    "JOIN records r ON r.id = v.record_id "
)


def revision_digest(row: Sequence[object]) -> str:
    """The authorship digest of a revision row (the columns of `_REVISION_ROWS`)."""
    metadata = revision_metadata(row[:-1], "")
    return authorship.authorship_digest(metadata, str(row[-1]).encode("utf-8"))


def sign_revision(conn: Connection, record_id: str, revision: int) -> None:
    """Sign the revision just written with the transaction's signer (none: left unsigned)."""
    signer = conn.get_execution_options().get("cax_signer")
    if signer is None:
        return
    row = conn.execute(
        text(_REVISION_ROWS + "WHERE v.record_id = :id AND v.revision = :rev"),
        dict(id=record_id, rev=revision),
    ).one()
    message = authorship.revision_message(signer.username, revision_digest(row))
    _store_signature(conn, record_id, revision, signer.username, signer.sign(message))


def sign_legacy_revisions(conn: Connection, root: Ed25519PrivateKey) -> int:
    """Sign every unsigned revision with the root key (once, when roles are first signed): the
    station vouches for what was written before its users had keys. Returns how many."""
    rows = conn.execute(text(_REVISION_ROWS + "WHERE v.signature IS NULL")).all()
    for row in rows:
        message = authorship.revision_message(authorship.ROOT_SIGNER, revision_digest(row))
        _store_signature(
            conn, str(row[0]), int(row[1]), authorship.ROOT_SIGNER, authorship.sign(root, message)
        )
    return len(rows)


def _store_signature(
    conn: Connection, record_id: str, revision: int, signer: str, signature: str
) -> None:
    conn.execute(
        text(
            "UPDATE record_revisions SET signed_by = :by, signature = :sig "
            "WHERE record_id = :id AND revision = :rev"
        ),
        dict(by=signer, sig=signature, id=record_id, rev=revision),
    )


def verify_audit_signatures(conn: Connection, roster: SignedRoster | None) -> ChainBreak | None:
    """The first audit entry from `audit_signed_from` on that is unsigned or whose signature does
    not verify against its signer's certified keys (kind `unsigned` / `bad_signature`)."""
    if roster is None:
        return None
    keys: dict[str, list[str]] = {}
    rows = conn.execute(
        text(
            "SELECT seq, hash, signed_by, signature FROM audit_log WHERE seq >= :first ORDER BY seq"
        ),
        dict(first=roster.body.audit_signed_from),
    )
    for seq, entry_hash, signed_by, signature in rows:
        if not signed_by or not signature:
            return ChainBreak(seq, "unsigned")
        if signed_by not in keys:
            keys[signed_by] = authorship.signer_keys(roster, signed_by)
        message = authorship.audit_message(signed_by, seq, entry_hash)
        if not authorship.signed_by_any(keys[signed_by], message, signature):
            return ChainBreak(seq, "bad_signature")
    return None
