"""Station upkeep by a supervisor: integrity checks, audit-chain verification, data-key rotation."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field

from sqlalchemy import Connection, text

from desktop.core import credentials
from desktop.core.audit_actions import AuditAction
from desktop.core.errors import AppError, DatabaseCorrupt
from desktop.core.permissions import Permission
from desktop.storage import attachments, audit, authorship, crypto, grants
from desktop.storage.keyslots import RECOVERY_LABEL, KeySlotFile
from desktop.storage.station import StationSession


@dataclass(frozen=True)
class AuditReport:
    entries_checked: int
    first_break: audit.ChainBreak | None

    @property
    def ok(self) -> bool:
        return self.first_break is None

    @property
    def code(self) -> str | None:
        """AUDIT_SIGNATURE_INVALID for an entry whose signature fails, AUDIT_CHAIN_BROKEN for a
        break in the chain itself, None when the log is intact."""
        if self.first_break is None:
            return None
        if self.first_break.kind in authorship.SIGNATURE_KINDS:
            return "AUDIT_SIGNATURE_INVALID"
        return "AUDIT_CHAIN_BROKEN"


@dataclass(frozen=True)
class CheckReport:
    database_problems: list[str] = field(default_factory=list)
    keyfile_problem: str | None = None
    audit: AuditReport | None = None
    # Key slots no active user owns (ORPHAN_KEY_SLOT): whoever holds their secret can read the
    # station. `cax db rekey` drops them.
    orphan_slots: list[str] = field(default_factory=list)
    # Attachment files no committed attachment named (an attach killed or rolled back before
    # its commit) or sealed under a retired key: harmless, deleted by the check, and named.
    orphan_files: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return (
            not self.database_problems
            and not self.keyfile_problem
            and not self.orphan_slots
            and bool(self.audit and self.audit.ok)
        )


@dataclass(frozen=True)
class RotationResult:
    slots: int  # slots that were rewrapped to the new key (active users and the recovery key)
    dropped: list[str]  # labels of the slots that were not: they belonged to no active user
    recovery_key: str = field(default="", repr=False)  # the new one, when one was asked for


def active_usernames(conn: Connection) -> set[str]:
    return set(conn.execute(text("SELECT username FROM users WHERE status = 'active'")).scalars())


def orphan_slots(slots: KeySlotFile, active: set[str]) -> list[str]:
    """Labels of the slots that are neither an active user's nor the recovery key's.

    The app never leaves one: removing a user deletes their slot. One is there because someone
    who could unwrap the data key wrote it (a hidden way back in, or a removed officer's slot put
    back), and the slot file's MAC cannot tell, since that person held the key.
    """
    return sorted(
        label
        for label, slot in slots.slots.items()
        if not (
            (slot.kind == "user" and label in active)
            or (slot.kind == "recovery" and label == RECOVERY_LABEL)
        )
    )


def verify_audit(session: StationSession) -> AuditReport:
    session.require(Permission.VIEW_AUDIT)
    roster = grants.load_roster(session.station.load_slots())
    with session.db.read() as conn:
        checked, first_break = audit.verify(conn)
        if first_break is None:
            # The chain holds; but someone with the data key can re-chain a rewritten log, so
            # each entry's signature must also verify against its writer's certified key.
            first_break = authorship.verify_audit_signatures(conn, roster)
            if first_break is not None:
                checked = first_break.seq - 1
    report = AuditReport(checked, first_break)
    with session.db.write() as conn:
        details: dict[str, object] = {"checked": checked, "ok": report.ok}
        if first_break:
            details |= {"break_seq": first_break.seq, "break_kind": first_break.kind}
        audit.append(conn, session.user.username, AuditAction.AUDIT_VERIFIED, "", details)
    return report


def check_database(session: StationSession) -> CheckReport:
    """SQLCipher page HMACs, SQLite structure, foreign keys, the key-slot file, attachments'
    hashes and the audit chain."""
    session.require(Permission.CHECK_DATABASE)
    problems = session.db.integrity_problems()
    keyfile_problem, orphans = None, []
    try:
        slots = session.station.load_slots()
        slots.verify_mac(session.data_key, session.station.keys_path)
        with session.db.read() as conn:
            orphans = orphan_slots(slots, active_usernames(conn))
            rows = conn.execute(text("SELECT username, role, status FROM users")).all()
        # Someone else's role edited in the database: their own next login would say so, but
        # the supervisor running the check should hear it now.
        for name in grants.role_mismatches(grants.load_roster(slots), {r[0]: r[1:] for r in rows}):
            problems.append(f"ROLE_TAMPERED: {name}")
    except AppError as error:
        keyfile_problem = error.code
    orphan_files: list[str] = []
    try:
        if not problems:  # never judge files orphans by a blobs table that may be damaged
            with session.db.write() as conn:  # the lock: no attach is halfway while swept
                orphan_files = attachments.sweep_files(conn)
        with session.db.read() as conn:  # every attachment's file against its SHA-256
            problems.extend(f"ATTACHMENT_CORRUPT: {sha}" for sha in attachments.corrupt_blobs(conn))
    except DatabaseCorrupt:
        problems.append("attachments unreadable")  # their pages are among the damaged ones
    try:
        audit_report: AuditReport | None = verify_audit(session)
    except DatabaseCorrupt:
        audit_report = None  # the pages the chain lives on are among the damaged ones
        problems.append("audit log unreadable")
    report = CheckReport(problems, keyfile_problem, audit_report, orphans, orphan_files)
    details = {"ok": report.ok, "problems": len(problems), "keyfile": keyfile_problem or "ok"}
    if orphans:
        details["orphan_slots"] = orphans
    if orphan_files:
        details["orphan_files"] = len(orphan_files)
    with session.db.write() as conn:
        audit.append(conn, session.user.username, AuditAction.DATABASE_CHECKED, "", details)
    return report


def rotate_data_key(session: StationSession, *, new_recovery_key: bool = False) -> RotationResult:
    """New data key for the database, sealed only to active users and the recovery key.

    Slots that belong to no active user are dropped first (and named in the audit entry): an
    officer who held the data key could have added one, and resealing the new key to it would
    let them read on after being removed. Then the new key is sealed beside the old one in every
    remaining slot, the database is re-keyed, and the old key is dropped: a crash at any point
    leaves a station that still opens.

    Attachment files are sealed anew under the new key beside the old ones (and fsynced) while
    the write lock is held, before the database takes the new key; an attach another process
    committed between that and the rekey is sealed anew right after it, with the old key still
    in hand, and only then are the old key's files deleted. A crash before the rekey leaves the
    new files as orphans the next unlock deletes; a crash after it, a station whose next unlock
    (which finishes the rotation with both keys) seals anew what is missing and deletes the rest.

    With `new_recovery_key`, the recovery slot is made anew for a fresh key (returned, to be shown
    once): someone who held the data key could have replaced the recovery slot with one of their
    own, which nothing else can tell from the real one.
    """
    session.require(Permission.ROTATE_KEYS)
    station, old_key, new_key = session.station, session.data_key, crypto.random_key()
    with session.db.write() as conn:  # no user is added or removed while the slots are chosen
        slots = station.load_slots()
        slots.verify_mac(old_key, station.keys_path)
        dropped = orphan_slots(slots, active_usernames(conn))
        removed = set(
            conn.execute(text("SELECT username FROM users WHERE status != 'active'")).scalars()
        )
        for label in dropped:  # a removed user's name keeps saying USER_REMOVED at login
            slots.remove_slot(label, record_removal=label in removed)
        # Before the slots change: a file that fails here leaves the station as it was.
        attachments.reseal_all(conn, old_key, new_key)
        slots.stage_next_key(new_key)
        slots.save(station.keys_path, old_key)
    try:
        session.db.rekey(new_key)
    except BaseException:
        slots.discard_next_key()  # the database kept the old key: so must the slots
        slots.save(station.keys_path, old_key)
        with contextlib.suppress(AppError), session.db.write() as conn:
            attachments.sweep_files(conn)  # the new key's files: else the next unlock's sweep
        raise
    with session.db.write() as conn:  # stragglers sealed anew, then the old key's files go
        attachments.sweep_files(conn, old_key)
    slots = station.load_slots()
    slots.promote_next_key()
    recovery_key = credentials.new_recovery_key() if new_recovery_key else ""
    if recovery_key:
        slots.add_slot(RECOVERY_LABEL, "recovery", recovery_key, new_key)
        if session.root_key is not None:  # the new recovery slot can re-sign roles too
            slots.seal_root_key(RECOVERY_LABEL, session.root_key.private_bytes_raw())
    slots.save(station.keys_path, new_key)
    session.adopt_data_key(new_key)
    details: dict[str, object] = {"slots": len(slots.slots)}
    if dropped:
        details["dropped"] = dropped
    if recovery_key:
        details["new_recovery_key"] = True
    with session.db.write() as conn:
        audit.append(conn, session.user.username, AuditAction.KEY_ROTATED, "", details)
    return RotationResult(len(slots.slots), dropped, recovery_key)
