"""Offline bundles at the station: every unsent revision into one file for the USB stick, and the
server's signed receipt back into the outbox. No network, no Qt; the format is `protocol.bundle`."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Connection, text

from desktop.core.audit_actions import AuditAction
from desktop.core.errors import BundleRefused, SyncNotEnrolled
from desktop.core.permissions import Permission
from desktop.storage import audit, audit_anchor, files, outbox
from desktop.storage.outbox import Answer, PendingRevision
from desktop.storage.station import StationSession
from desktop.storage.sync_settings import Enrolment, load_enrolment
from desktop.sync.push import audit_head
from desktop.sync.service import private_key_of
from protocol.bundle import (
    MAX_BUNDLE_RECORDS,
    MAX_PAYLOAD_BYTES,
    BundleError,
    parse_bundle,
    read_limited,
    write_bundle,
)
from protocol.bundle_receipt import MAX_RECEIPT_BYTES, read_receipt
from protocol.errors import ErrorCode
from protocol.messages import AuditHead

BUNDLE_SUFFIX = ".caxbundle"
# Unsent revisions are read in pages of this many; the bundle stops well inside the payload limit.
_PAGE = 2000
_PAYLOAD_BUDGET = MAX_PAYLOAD_BYTES * 3 // 4


@dataclass(frozen=True)
class ExportedBundle:
    """What went into the file; `remaining` revisions did not fit and need another bundle."""

    path: Path | None
    bundle_id: uuid.UUID | None
    record_count: int
    size: int
    remaining: int


@dataclass(frozen=True)
class ImportedReceipt:
    """What a receipt changed in the outbox; `unchanged` were answered already (a second import)."""

    bundle_id: uuid.UUID
    record_count: int
    acknowledged: int
    conflicts: int
    quarantined: int
    unchanged: int


@contextmanager
def _refusals() -> Iterator[None]:
    """The protocol's refusal becomes the station's error, with the same stable code."""
    try:
        yield
    except BundleError as error:
        raise BundleRefused(str(error.code), detail=error.detail) from None


def _enrolment(conn: Connection) -> Enrolment:
    enrolment = load_enrolment(conn)
    if enrolment is None:
        raise SyncNotEnrolled()
    return enrolment


def _collect(
    conn: Connection, station_code: str, max_records: int
) -> tuple[list[PendingRevision], int]:
    """The oldest unsent revisions that fit one bundle, and how many are left for the next."""
    chosen: list[PendingRevision] = []
    size, after = 0, 0
    while True:
        page = outbox.unsent(conn, station_code, limit=_PAGE, after_id=after)
        for pending in page:
            if len(chosen) >= max_records or size + len(pending.wire_json) > _PAYLOAD_BUDGET:
                return chosen, outbox.counts(conn).waiting - len(chosen)
            chosen.append(pending)
            size += len(pending.wire_json)
        if len(page) < _PAGE:
            return chosen, outbox.counts(conn).waiting - len(chosen)
        after = page[-1].entry_id


def _write_checked(path: Path, data: bytes) -> None:
    """Write whole or not at all, read back before it takes its name: a flaky USB stick is caught
    here, not at the centre."""
    try:
        with files.replaced_atomically(path, mode=None) as temp:
            temp.write_bytes(data)
            written = temp.read_bytes()
            if written != data:
                raise BundleRefused(
                    "BUNDLE_FILE_UNWRITABLE", path=str(path), reason="read back differs"
                )
            with _refusals():
                parse_bundle(written)
    except OSError as exc:
        raise BundleRefused(
            "BUNDLE_FILE_UNWRITABLE", path=str(path), reason=exc.strerror or str(exc)
        ) from None


def _record_session(conn: Connection, kind: str, user: str, now: str, **counts: int) -> None:
    """One finished row of the sync history (kind `bundle` or `receipt`).

    Written finished in one step rather than through `sync_history.start`, which marks other
    running sessions interrupted: a network sync may really be running beside a bundle export.
    """
    names = ", ".join(counts)
    values = ", ".join(f":{name}" for name in counts)
    conn.execute(
        text(
            f"INSERT INTO sync_sessions (kind, started_at, finished_at, outcome, started_by, "
            f"{names}) VALUES (:kind, :now, :now, 'ok', :user, {values})"
        ),
        dict(kind=kind, now=now, user=user, **counts),
    )


def export_bundle(
    session: StationSession,
    path: Path,
    *,
    max_records: int = MAX_BUNDLE_RECORDS,
    now: datetime | None = None,
) -> ExportedBundle:
    """Seal every unsent revision (oldest first, as many as one bundle holds) into `path`.

    The entries become `sent`: they stay due, so the network or the next bundle sends them again
    until a receipt or a push answers for them. Nothing to send → no file.
    """
    session.require(Permission.MANAGE_SETTINGS)  # records leave the station: supervisors only
    stamp = (now or datetime.now(UTC)).isoformat()
    with session.db.read() as conn:
        enrolment = _enrolment(conn)
        pending, remaining = _collect(conn, enrolment.station_code, max_records)
        head = AuditHead.model_validate(audit_head(conn))
        proof = audit_anchor.proof(conn, enrolment.device_id)
    if not pending:
        return ExportedBundle(None, None, 0, 0, remaining)
    bundle_id = uuid.uuid4()
    with _refusals():
        data = write_bundle(
            [p.wire_dict() for p in pending],
            station_code=enrolment.station_code,
            device_id=enrolment.device_id,
            device_key=private_key_of(enrolment),
            server_box_key=enrolment.server_box_key,
            audit_head=head,
            audit_anchor=AuditHead.model_validate(proof) if proof else None,
            bundle_id=bundle_id,
            created_at=now,
            roster=session.station.load_slots().roster,
        )
    _write_checked(path, data)
    user = session.user.username
    with session.db.write() as conn:
        outbox.mark_sent(conn, [p.entry_id for p in pending], stamp)
        _record_session(conn, "bundle", user, stamp, sent=len(pending), bytes_sent=len(data))
        details = {"kind": "bundle_export", "records": len(pending), "bytes": len(data)}
        audit.append(conn, user, AuditAction.SYNC, str(bundle_id), details, at=stamp)
    return ExportedBundle(path, bundle_id, len(pending), len(data), remaining)


def _read_file(path: Path) -> bytes:
    try:
        return read_limited(path, MAX_RECEIPT_BYTES, ErrorCode.RECEIPT_TOO_LARGE)
    except OSError as exc:
        raise BundleRefused(
            "BUNDLE_FILE_UNREADABLE", path=str(path), reason=exc.strerror or str(exc)
        ) from None


def import_receipt(
    session: StationSession, path: Path, *, now: datetime | None = None
) -> ImportedReceipt:
    """Apply a receipt the server signed for this station's device to the outbox.

    Refused whole (and nothing changes) when it is damaged, forged, from another server or for
    another station or device. Importing it again changes nothing: only waiting entries move.
    """
    stamp = (now or datetime.now(UTC)).isoformat()
    session.require(Permission.MANAGE_SETTINGS)
    with _refusals():
        data = _read_file(path)
    with session.db.read() as conn:
        enrolment = _enrolment(conn)
    with _refusals():
        receipt = read_receipt(
            data,
            enrolment.server_signing_key,
            station_code=enrolment.station_code,
            device_id=enrolment.device_id,
        )
    answers = [
        Answer.of(r.record_id, r.revision, r)
        for r in receipt.results
        if r.record_id is not None and r.revision is not None
    ]
    user = session.user.username
    with session.db.write() as conn:
        changed = outbox.apply_answers(conn, answers, stamp)
        counts = dict(
            acknowledged=changed.acknowledged,
            conflicts=changed.conflict,
            quarantined=changed.quarantined,
        )
        _record_session(conn, "receipt", user, stamp, bytes_received=len(data), **counts)
        details = {"kind": "bundle_receipt", "records": receipt.record_count, **counts}
        audit.append(conn, user, AuditAction.SYNC, str(receipt.bundle_id), details, at=stamp)
    return ImportedReceipt(
        receipt.bundle_id,
        receipt.record_count,
        unchanged=receipt.record_count - sum(counts.values()),
        **counts,
    )
