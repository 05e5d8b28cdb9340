"""Offline bundles at the station: every unsent revision, and the attachment files the centre
still lacks, into one file for the USB stick; the server's signed receipt back into the outbox
and the blob upload states. No network, no Qt; the format is `protocol.bundle`."""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import BinaryIO

from sqlalchemy import Connection, text

from desktop.core.audit_actions import AuditAction
from desktop.core.errors import AttachmentCorrupt, BundleRefused, SyncNotEnrolled
from desktop.core.permissions import Permission
from desktop.storage import attachments, audit, audit_anchor, blob_uploads, files, outbox
from desktop.storage.outbox import Answer, PendingRevision
from desktop.storage.station import StationSession
from desktop.storage.sync_settings import Enrolment, load_enrolment
from desktop.sync.attachments import FINAL
from desktop.sync.push import audit_head
from desktop.sync.service import private_key_of
from protocol.bundle import (
    MAX_BUNDLE_RECORDS,
    MAX_PAYLOAD_BYTES,
    BundleError,
    WrittenBundle,
    parse_bundle_file,
    read_limited,
    write_bundle_to,
)
from protocol.bundle_parts import MAX_BUNDLE_FILES, FileEntry
from protocol.bundle_receipt import MAX_RECEIPT_BYTES, BundleReceipt, read_receipt
from protocol.errors import ErrorCode
from protocol.messages import AuditHead

BUNDLE_SUFFIX = ".caxbundle"
# Unsent revisions are read in pages of this many; the bundle stops well inside the payload limit.
_PAGE = 2000
_PAYLOAD_BUDGET = MAX_PAYLOAD_BYTES * 3 // 4
# Attachment bytes one bundle carries at most: with the records, well under the 4 GiB a FAT32
# stick holds in one file. Files that do not fit stay due for the next bundle or the network.
_FILES_BUDGET = 3 * 1024 * 1024 * 1024


@dataclass(frozen=True)
class ExportedBundle:
    """What went into the file; `remaining` revisions did not fit and need another bundle."""

    path: Path | None
    bundle_id: uuid.UUID | None
    record_count: int
    size: int
    remaining: int
    attachments: int = 0
    attachment_bytes: int = 0


@dataclass(frozen=True)
class ImportedReceipt:
    """What a receipt changed in the outbox; `unchanged` were answered already (a second import)."""

    bundle_id: uuid.UUID
    record_count: int
    acknowledged: int
    conflicts: int
    quarantined: int
    unchanged: int
    # Files the receipt says are complete at the centre (or refused for good) that were not yet.
    attachments_complete: int = 0
    attachments_refused: int = 0


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


def _listed(pending: PendingRevision) -> list[tuple[str, int, str]]:
    """(sha256, size, media type) of each file the revision lists (the station wrote the list)."""
    if b'"attachments"' not in pending.wire_json:  # most revisions: skip parsing them again
        return []
    refs = pending.wire_dict().get("attachments")
    return [
        (str(r["sha256"]), int(r["size"]), str(r["media_type"]))
        for r in (refs if isinstance(refs, list) else ())
        if isinstance(r, dict)
    ]


def _bundle_files(conn: Connection, pending: list[PendingRevision]) -> list[FileEntry]:
    """The files to carry: those the bundle's revisions list, then those of revisions the centre
    has already answered, that have not gone complete (or been refused) and that fit."""
    listed = [ref for p in pending for ref in _listed(p)]
    due = [(b.sha256, b.size, b.media_type) for b in blob_uploads.due(conn)]
    chosen: dict[str, FileEntry] = {}
    total = 0
    for sha256, size, media_type in listed + due:
        if sha256 in chosen or blob_uploads.state_of(conn, sha256) is not None:
            continue
        if attachments.blob_id_of(conn, sha256) is None:  # not held here: nothing to carry
            continue
        if total + size > _FILES_BUDGET or len(chosen) >= MAX_BUNDLE_FILES:
            break
        chosen[sha256] = FileEntry(sha256=sha256, size=size, media_type=media_type)
        total += size
    return list(chosen.values())


def _checked_bytes(conn: Connection, entry: FileEntry) -> Iterator[bytes]:
    """The stored file's bytes as they are sealed, checked against its name on the way: a
    damaged store stops the export (ATTACHMENT_CORRUPT, as `db check` names it) before the
    file's last frame is written, rather than carrying bytes the centre refuses for good."""
    digest, size = hashlib.sha256(), 0
    for chunk in attachments.read_blob(conn, entry.sha256):
        digest.update(chunk)
        size += len(chunk)
        yield chunk
    if size != entry.size or digest.hexdigest() != entry.sha256:
        raise AttachmentCorrupt(sha256=entry.sha256)


def _write_checked(path: Path, write: Callable[[BinaryIO], WrittenBundle]) -> WrittenBundle:
    """Write whole or not at all, streaming, and read back (checksum and structure) before it
    takes its name: a flaky USB stick is caught here, not at the centre. Only sealed bytes ever
    reach the disk: the files are encrypted frame by frame as they are read from the store."""
    try:
        with files.replaced_atomically(path, mode=None) as temp:
            with temp.open("wb") as out:
                written = write(out)
            with temp.open("rb") as back, _refusals():
                read_back = parse_bundle_file(back).sha256
            if read_back != written.sha256:
                raise BundleRefused(
                    "BUNDLE_FILE_UNWRITABLE", path=str(path), reason="read back differs"
                )
    except OSError as exc:
        raise BundleRefused(
            "BUNDLE_FILE_UNWRITABLE", path=str(path), reason=exc.strerror or str(exc)
        ) from None
    return written


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
    """Seal every unsent revision (oldest first, as many as one bundle holds) into `path`, with
    the attachment files the centre is not known to hold (`_bundle_files`).

    The entries become `sent`: they stay due, so the network or the next bundle sends them again
    until a receipt or a push answers for them; so do the files until a receipt or an upload
    completes them. Nothing to send → no file.
    """
    session.require(Permission.MANAGE_SETTINGS)  # records leave the station: supervisors only
    stamp = (now or datetime.now(UTC)).isoformat()
    bundle_id = uuid.uuid4()
    # One read connection for the whole export: the files are read from it as they are sealed.
    with session.db.read() as conn:
        enrolment = _enrolment(conn)
        pending, remaining = _collect(conn, enrolment.station_code, max_records)
        head = AuditHead.model_validate(audit_head(conn))
        proof = audit_anchor.proof(conn, enrolment.device_id)
        carried = _bundle_files(conn, pending)
        if not pending and not carried:
            return ExportedBundle(None, None, 0, 0, remaining)

        def write(out: BinaryIO) -> WrittenBundle:
            with _refusals():
                return write_bundle_to(
                    out,
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
                    files=[(e, _checked_bytes(conn, e)) for e in carried],
                )

        written = _write_checked(path, write)
    user = session.user.username
    with session.db.write() as conn:
        outbox.mark_sent(conn, [p.entry_id for p in pending], stamp)
        _record_session(conn, "bundle", user, stamp, sent=len(pending), bytes_sent=written.size)
        details = {
            "kind": "bundle_export",
            "records": len(pending),
            "bytes": written.size,
            "attachments": written.files,
        }
        audit.append(conn, user, AuditAction.SYNC, str(bundle_id), details, at=stamp)
    return ExportedBundle(
        path,
        bundle_id,
        len(pending),
        written.size,
        remaining,
        attachments=written.files,
        attachment_bytes=written.file_bytes,
    )


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
        files_done, files_refused = _apply_blobs(conn, receipt, stamp)
        details = {
            "kind": "bundle_receipt",
            "records": receipt.record_count,
            **counts,
            "attachments_complete": files_done,
            "attachments_refused": files_refused,
        }
        audit.append(conn, user, AuditAction.SYNC, str(receipt.bundle_id), details, at=stamp)
    return ImportedReceipt(
        receipt.bundle_id,
        receipt.record_count,
        unchanged=receipt.record_count - sum(counts.values()),
        attachments_complete=files_done,
        attachments_refused=files_refused,
        **counts,
    )


def _apply_blobs(conn: Connection, receipt: BundleReceipt, stamp: str) -> tuple[int, int]:
    """Mark the files the centre now holds complete, as a finished online upload does, so the
    network sync never sends them again; set aside those it refused for good. Returns how many
    of each changed (a second import changes none)."""
    done = refused = 0
    for outcome in receipt.blobs or ():
        if attachments.blob_id_of(conn, outcome.sha256) is None:
            continue
        state = blob_uploads.state_of(conn, outcome.sha256)
        if outcome.complete and (state is None or state[0] != blob_uploads.COMPLETE):
            blob_uploads.mark(conn, outcome.sha256, blob_uploads.COMPLETE, stamp)
            done += 1
        elif not outcome.complete and outcome.code in FINAL and state is None:
            blob_uploads.mark(conn, outcome.sha256, blob_uploads.REFUSED, stamp, outcome.code)
            refused += 1
    return done, refused
