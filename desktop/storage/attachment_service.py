"""Attaching files to records, removing them with a reason, listing and extracting them.

An attachment is part of the record's revision, so adding or removing one follows the rules of
an amendment (`RecordService.amend`): a completed or returned record's author (or a supervisor)
may change it, an approved one only a supervisor, and the change makes revision n+1, back to
review, queued for the centre, signed and audited (`record.attached` / `record.detached`). A
draft has no revisions yet: its files join revision 1, as its values do. A voided record is
never changed and keeps the files it had. Every file of one call is stored in one transaction:
a refused file leaves nothing of the others either.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor, wait
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import Any

from desktop.core import attachment_intake
from desktop.core.audit_actions import AuditAction
from desktop.core.errors import (
    AttachmentCorrupt,
    AttachmentNotFound,
    AttachmentRecordFull,
    FileUnwritable,
    InvalidInput,
    ReasonRequired,
    RecordNotFound,
    RecordStateError,
)
from desktop.core.permissions import Permission, require_record_change
from desktop.storage import attachments, audit, outbox, record_store, settings
from desktop.storage.attachments import Attachment
from desktop.storage.outbox import RecordEvent
from desktop.storage.station import StationSession
from domain.forms.catalogue import Catalogue
from domain.records import RecordStatus, StoredRecord
from domain.validation.formats import VN_TZ

MB = attachment_intake.MB
# Seals attachments' bytes beside the transaction that writes their rows. More than one worker:
# two stations open in one process may attach at once.
_SEALER = ThreadPoolExecutor(4, thread_name_prefix="cax-seal")


def _now() -> datetime:
    return datetime.now(VN_TZ)


def _unique_name(name: str, taken: set[str]) -> str:
    """`name`, or `name (2).ext`, `name (3).ext`… when the record already has a file by it."""
    if name not in taken:
        return name
    path = Path(name)
    n = 2
    while f"{path.stem} ({n}){path.suffix}" in taken:
        n += 1
    return f"{path.stem} ({n}){path.suffix}"


class _Counter:
    """Counts the bytes a producer writes, telling `progress` (if any) as they pass."""

    def __init__(self, progress: Callable[[int], None] | None) -> None:
        self._progress, self.total = progress, 0

    def counting(
        self, produce: Callable[[Callable[[bytes], None]], None]
    ) -> Callable[[Callable[[bytes], None]], None]:
        if self._progress is None:
            return produce
        tell = self._progress

        def counted(write: Callable[[bytes], None]) -> None:
            def passing(data: bytes) -> None:
                write(data)
                self.total += len(data)
                tell(self.total)

            produce(passing)

        return counted


def _store(
    conn: Any,
    intake: attachment_intake.Intake,
    counter: _Counter,
    limit_mb: int,
    now: str,
    beside: Callable[[], str],
) -> tuple[str, tuple[int, attachments.Blob]]:
    """Store one checked file as a blob (or find its content stored). The bytes are sealed and
    fsynced on a thread (hashing, AES and the disk let go of the GIL) while `beside` writes rows
    on this one; both end before this returns, also on failure. What `beside` returned, and the
    blob's id and description."""
    blob_id, sealed = attachments.begin_blob(conn, intake.media_type, now)
    sealing = _SEALER.submit(
        attachments.seal,
        sealed,
        counter.counting(intake.write_to),
        limit=limit_mb * MB,
        name=intake.name,
        limit_mb=limit_mb,
    )
    try:
        answer = beside()
        digest = sealing.result()
    except BaseException:
        # The rollback that follows deletes the file: it must not race the thread writing it.
        sealing.cancel()
        wait([sealing])
        raise
    return answer, attachments.settle_blob(conn, blob_id, sealed, digest, intake.media_type)


class _Change:
    """One attach's change of a record. The record is read and checked at the first file's rows,
    written while that file is sealed; each file gets its name there; the last file's rows are
    the new revision's."""

    def __init__(
        self, service: AttachmentService, conn: Any, record_id: str, field_path: str | None
    ) -> None:
        self._service, self._conn = service, conn
        self._record_id, self._field_path = record_id, field_path
        self._stored: StoredRecord | None = None
        self.revision = 0
        self.names: list[str] = []
        self._taken: set[str] = set()

    def name_file(self, name: str, now: str, *, last: bool) -> str:
        """The file's name in the record (`name`, or `name (2)`… if taken)."""
        if self._stored is None:
            self._stored, self.revision = self._service._begin_change(
                self._conn, self._record_id, self._field_path
            )
            self._taken = attachments.names_in_use(self._conn, self._record_id)
        name = _unique_name(name, self._taken)
        self._taken.add(name)
        self.names.append(name)
        if last:
            reason = "+ " + ", ".join(self.names)
            self._service._write_revision(self._conn, self._stored, self.revision, now, reason)
        return name


class AttachmentService:
    """The files of one unlocked station's records, as the logged-in user may change them."""

    def __init__(
        self,
        session: StationSession,
        catalogue: Catalogue | None = None,
        clock: Callable[[], datetime] = _now,
    ) -> None:
        self.session = session
        self.catalogue = catalogue
        self._clock = clock

    @property
    def _user(self) -> str:
        return self.session.user.username

    # ---- changing -------------------------------------------------------------------------------

    def attach(
        self,
        record_id: str,
        paths: Sequence[Path | attachment_intake.MemoryFile],
        field_path: str | None = None,
        progress: Callable[[int], None] | None = None,
    ) -> list[Attachment]:
        """Store the files at `paths` with the record, in one new revision; the new attachments.
        A `MemoryFile` (a photo just taken) goes through the same checks as a file on disk.
        `progress` (the app's progress bar) hears the count of bytes stored so far, file after
        file, as the chunks go in."""
        with self.session.db.write() as conn:
            file_limit = settings.attachment_limit_mb(conn, settings.ATTACHMENT_FILE_MB)
            record_limit = settings.attachment_limit_mb(conn, settings.ATTACHMENT_RECORD_MB)
            now = self._clock().isoformat()
            change = _Change(self, conn, record_id, field_path)
            added: list[tuple[str, attachments.Blob]] = []
            counter = _Counter(progress)
            for i, path in enumerate(paths):
                source = path if isinstance(path, attachment_intake.MemoryFile) else Path(path)
                intake = attachment_intake.prepare(source, file_limit * MB)
                rows = partial(change.name_file, intake.name, now, last=i == len(paths) - 1)
                name, (blob_id, blob) = _store(conn, intake, counter, file_limit, now, rows)
                attachments.add(
                    conn, record_id, blob_id, name, field_path, change.revision, self._user, now
                )
                if attachments.record_bytes(conn, record_id) > record_limit * MB:
                    raise AttachmentRecordFull(record=record_id, limit_mb=record_limit)
                added.append((name, blob))
            revision = change.revision
            for name, blob in added:
                details = {"name": name, "sha256": blob.sha256[:12], "size": blob.size}
                audit.append(
                    conn,
                    self._user,
                    AuditAction.RECORD_ATTACHED,
                    record_id,
                    details | {"revision": revision},
                )
        return [
            Attachment(n, b.sha256, b.size, b.media_type, field_path, revision, self._user, now)
            for n, b in added
        ]

    def _begin_change(
        self, conn: Any, record_id: str, field_path: str | None
    ) -> tuple[StoredRecord, int]:
        """The record as a change finds it, and the revision the change makes, once the user
        may make it."""
        stored = self._load(conn, record_id)
        self._check_field(stored, field_path)
        return stored, self._revision_for_change(conn, stored)

    def detach(self, record_id: str, name: str, reason: str) -> int:
        """Remove the file `name` from the record with a reason; the revision that no longer has it."""
        reason = " ".join(reason.split())
        if not reason:
            raise ReasonRequired(action="detach")
        with self.session.db.write() as conn:
            stored = self._load(conn, record_id)
            revision, now = self._revision_for_change(conn, stored), self._clock().isoformat()
            removed = attachments.remove(conn, record_id, name, revision, self._user, now, reason)
            self._write_revision(conn, stored, revision, now, reason)
            details = {
                "name": name,
                "sha256": removed.short_hash,
                "revision": revision,
                "reason": reason,
            }
            audit.append(conn, self._user, AuditAction.RECORD_DETACHED, record_id, details)
        return revision

    def _load(self, conn: Any, record_id: str) -> StoredRecord:
        stored = record_store.load(conn, record_id)
        if stored is None:
            raise RecordNotFound(record=record_id)
        return stored

    def _check_field(self, stored: StoredRecord, field_path: str | None) -> None:
        if field_path is None or self.catalogue is None:
            return
        if stored.summary.form_id not in self.catalogue:  # a form this program no longer ships
            raise InvalidInput(field="field", reason="unknown_field", value=field_path)
        form = self.catalogue.get(stored.summary.form_id)
        if field_path not in {path for path, _ in form.walk()}:
            raise InvalidInput(field="field", reason="unknown_field", value=field_path)

    def _revision_for_change(self, conn: Any, stored: StoredRecord) -> int:
        """The revision the change belongs to, once the user may make it (as `amend` decides)."""
        s = stored.summary
        if s.status == RecordStatus.VOIDED:
            raise RecordStateError(record=s.id, status=s.status)
        if s.status == RecordStatus.APPROVED:
            self.session.require(Permission.APPROVE_RECORDS)
        else:
            require_record_change(self.session.user.role, self._user, s.author, s.status)
        return s.revision if s.status == RecordStatus.DRAFT else s.revision + 1

    def _write_revision(
        self, conn: Any, stored: StoredRecord, revision: int, now: str, reason: str
    ) -> None:
        """A draft is only touched; any other record gets its new revision, back to review."""
        s = stored.summary
        if revision == s.revision:
            record_store.set_fields(conn, s.seq, updated_at=now)
            return
        record_store.set_fields(
            conn,
            s.seq,
            status=str(RecordStatus.COMPLETED),
            revision=revision,
            approved_at=None,
            approved_by=None,
            updated_at=now,
        )
        record_store.add_revision(
            conn,
            s.id,
            revision,
            str(RecordStatus.COMPLETED),
            stored.values,
            self._user,
            now,
            reason,
        )
        outbox.record_changed(conn, RecordEvent.AMENDED, s.id, revision, now)

    # ---- reading --------------------------------------------------------------------------------

    def list(self, record_id: str, *, with_removed: bool = False) -> list[Attachment]:
        """The record's files (names, sizes, hashes; no content), removed ones on request."""
        with self.session.db.read() as conn:
            self._load(conn, record_id)
            if with_removed:
                return attachments.history(conn, record_id)
            return attachments.current(conn, record_id)

    def extract(self, record_id: str, name: str, out: Path) -> Attachment:
        """A supervisor writes a decrypted copy of the file `name` to `out` (their choice of
        place: it leaves the encryption behind), checked against its hash on the way; audited."""
        self.session.require(Permission.EXTRACT_ATTACHMENTS)
        with self.session.db.read() as conn:
            self._load(conn, record_id)
            found = [a for a in attachments.history(conn, record_id) if a.name == name]
            if not found:
                raise AttachmentNotFound(record=record_id, name=name)
            attachment = found[-1]
            _write_checked(out, attachments.read_blob(conn, attachment.sha256), attachment.sha256)
        with self.session.db.write() as conn:
            details = {"name": name, "sha256": attachment.short_hash}
            audit.append(conn, self._user, AuditAction.ATTACHMENT_EXTRACTED, record_id, details)
        return attachment


def _write_checked(out: Path, chunks: Any, sha256: str) -> None:
    """Write the chunks to `out` (owner-only), hashing as they go; nothing is left on failure."""
    digest = hashlib.sha256()
    try:
        # O_EXCL: never over another file, so that a failure may remove what it began.
        fd = os.open(out, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except OSError as error:
        raise FileUnwritable(path=str(out)) from error
    try:
        with os.fdopen(fd, "wb") as file:
            for chunk in chunks:
                digest.update(chunk)
                file.write(chunk)
    except OSError as error:
        out.unlink(missing_ok=True)
        raise FileUnwritable(path=str(out)) from error
    except BaseException:  # the stored file failed to open (ATTACHMENT_CORRUPT): no part copy
        out.unlink(missing_ok=True)
        raise
    if digest.hexdigest() != sha256:
        out.unlink(missing_ok=True)
        raise AttachmentCorrupt(sha256=sha256)
