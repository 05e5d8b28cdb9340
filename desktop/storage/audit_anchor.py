"""What the station keeps of the centre's anchor on its audit log (docs/security.md, "Audit
anchored at the centre"): the seq the server last anchored for this device, and a supervisor's
restore declaration waiting to go with the next push.

Both live in the encrypted database, so a restored backup brings back the anchor it had then —
which is exactly what lets the centre see the restore. They are sync state, not settings a
person changes: written without a settings audit entry (the declaration has its own)."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Connection, text

from desktop.storage import audit

ANCHOR_KEY = "sync_audit_anchor"  # {"device_id": ..., "seq": ...}
RESTORE_KEY = "sync_restore_declaration"  # the signed declaration, as sent


def _get(conn: Connection, key: str) -> Any:
    stored = conn.execute(text("SELECT value FROM settings WHERE key = :k"), dict(k=key)).scalar()
    return None if stored is None else json.loads(stored)


def _put(conn: Connection, key: str, value: Any) -> None:
    conn.execute(
        text(
            "INSERT INTO settings (key, value, updated_at, updated_by) VALUES (:k, :v, :t, 'sync')"
            " ON CONFLICT (key) DO UPDATE SET value = :v, updated_at = :t, updated_by = 'sync'"
        ),
        dict(k=key, v=json.dumps(value, sort_keys=True), t=audit.utc_now()),
    )


def head(conn: Connection) -> dict[str, object]:
    """The station's audit-chain head, sent with each batch."""
    seq, digest = conn.execute(
        text("SELECT last_seq, last_hash FROM audit_anchor WHERE id = 1")
    ).one()
    return {"seq": seq, "hash": digest}


def proof(conn: Connection, device_id: str) -> dict[str, object] | None:
    """The station's entry at the seq the server anchored for `device_id` (None when it knows no
    anchor, or its log no longer has that entry: the server then judges by the head alone)."""
    anchor = _get(conn, ANCHOR_KEY)
    if not isinstance(anchor, dict) or anchor.get("device_id") != device_id:
        return None
    seq = anchor.get("seq")
    digest = conn.execute(
        text("SELECT hash FROM audit_log WHERE seq = :seq"), dict(seq=seq)
    ).scalar()
    return None if digest is None else {"seq": seq, "hash": digest}


def save_anchor(conn: Connection, device_id: str, seq: int) -> None:
    """Remember the seq the server anchored (from its signed answer)."""
    _put(conn, ANCHOR_KEY, {"device_id": device_id, "seq": seq})


def pending_restore(conn: Connection) -> dict[str, Any] | None:
    value = _get(conn, RESTORE_KEY)
    return value if isinstance(value, dict) else None


def set_pending_restore(conn: Connection, declaration: dict[str, Any]) -> None:
    _put(conn, RESTORE_KEY, declaration)


def clear_pending_restore(conn: Connection, declaration_id: str) -> None:
    """Drop the declaration once a push carrying it was answered (not a newer one)."""
    pending = pending_restore(conn)
    if pending is not None and pending.get("declaration_id") == declaration_id:
        conn.execute(text("DELETE FROM settings WHERE key = :k"), dict(k=RESTORE_KEY))
