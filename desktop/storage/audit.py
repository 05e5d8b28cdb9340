"""The append-only audit log: each entry carries the SHA-256 of the one before, so that an edited,
removed or reordered entry breaks the chain at a place `verify()` can name."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, text

from protocol.authorship import audit_message

GENESIS_HASH = "0" * 64
# How far from its place a moved entry is still recognised as moved rather than altered.
_REORDER_WINDOW = 16


@dataclass(frozen=True)
class AuditEntry:
    seq: int
    at: str
    actor: str
    action: str
    target: str
    details: dict[str, Any]
    prev_hash: str
    hash: str
    signed_by: str | None = None
    signature: str | None = None


@dataclass(frozen=True)
class ChainBreak:
    """The first place the chain does not hold: `kind` is altered, removed or reordered."""

    seq: int
    kind: str


def utc_now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


def _details_json(details: dict[str, Any]) -> str:
    return json.dumps(details, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def entry_hash(
    seq: int, at: str, actor: str, action: str, target: str, details: str, prev_hash: str
) -> str:
    payload = json.dumps(
        [seq, at, actor, action, target, details, prev_hash],
        separators=(",", ":"),
        ensure_ascii=False,
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def append(
    conn: Connection,
    actor: str,
    action: str,
    target: str = "",
    details: dict[str, Any] | None = None,
    at: str | None = None,
) -> int:
    """Add one entry in the caller's write transaction (which holds the write lock); its seq."""
    last_seq, last_hash = conn.execute(
        text("SELECT last_seq, last_hash FROM audit_anchor WHERE id = 1")
    ).one()
    seq = last_seq + 1
    at = at or utc_now()
    details_json = _details_json(details or {})
    digest = entry_hash(seq, at, actor, action, target, details_json, last_hash)
    # The writer's signature over the entry (docs/security.md): a rewritten entry, even re-chained,
    # no longer verifies against its signer's certified key.
    signer = conn.get_execution_options().get("cax_signer")
    signed_by = signer.username if signer is not None else None
    signature = signer.sign(audit_message(signer.username, seq, digest)) if signer else None
    conn.execute(
        text(
            "INSERT INTO audit_log (seq, at, actor, action, target, details, prev_hash, hash, "
            "signed_by, signature) VALUES (:seq, :at, :actor, :action, :target, :details, :prev, "
            ":hash, :signed_by, :signature)"
        ),
        dict(
            seq=seq,
            at=at,
            actor=actor,
            action=action,
            target=target,
            details=details_json,
            prev=last_hash,
            hash=digest,
            signed_by=signed_by,
            signature=signature,
        ),
    )
    conn.execute(
        text("UPDATE audit_anchor SET last_seq = :seq, last_hash = :hash WHERE id = 1"),
        dict(seq=seq, hash=digest),
    )
    return seq


def entries(
    conn: Connection,
    *,
    limit: int = 100,
    before_seq: int | None = None,
    action: str | None = None,
    target: str | None = None,
) -> list[AuditEntry]:
    """Newest first, `limit` at most, older than `before_seq` when paging back; optionally only
    one action, or only entries about one target (a record id, a user name)."""
    clauses: list[str] = []
    params: dict[str, Any] = {"limit": limit}
    if before_seq is not None:
        clauses.append("seq < :before")
        params["before"] = before_seq
    if action:
        clauses.append("action = :action")
        params["action"] = action
    if target:
        clauses.append("target = :target")
        params["target"] = target
    where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
    rows = conn.execute(
        text(f"SELECT * FROM audit_log {where} ORDER BY seq DESC LIMIT :limit"), params
    ).mappings()
    return [AuditEntry(**{**row, "details": json.loads(row["details"])}) for row in rows]


def verify(conn: Connection) -> tuple[int, ChainBreak | None]:
    """Walk the whole chain: (entries checked, the first break or None)."""
    expected_seq, prev_hash, checked = 1, GENESIS_HASH, 0
    rows = conn.execute(
        text(
            "SELECT seq, at, actor, action, target, details, prev_hash, hash "
            "FROM audit_log ORDER BY seq"
        )
    )
    for seq, at, actor, action, target, details, stored_prev, stored_hash in rows:
        if seq != expected_seq:
            return checked, ChainBreak(expected_seq, "removed")
        fields = (at, actor, action, target, details, stored_prev)
        if entry_hash(seq, *fields) != stored_hash:
            moved = any(
                entry_hash(other, *fields) == stored_hash
                for other in range(max(1, seq - _REORDER_WINDOW), seq + _REORDER_WINDOW + 1)
            )
            return checked, ChainBreak(seq, "reordered" if moved else "altered")
        if stored_prev != prev_hash:
            # This entry is intact, so the one before it was rewritten (and its hash recomputed).
            return checked, ChainBreak(max(seq - 1, 1), "altered")
        expected_seq, prev_hash, checked = seq + 1, stored_hash, checked + 1
    last_seq, last_hash = conn.execute(
        text("SELECT last_seq, last_hash FROM audit_anchor WHERE id = 1")
    ).one()
    if last_seq != checked or last_hash != prev_hash:
        return checked, ChainBreak(checked + 1, "removed")
    return checked, None
