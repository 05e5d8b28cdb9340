"""Station upkeep by a supervisor: integrity checks, audit-chain verification, data-key rotation."""

from __future__ import annotations

from dataclasses import dataclass, field

from desktop.core.audit_actions import AuditAction
from desktop.core.errors import AppError, DatabaseCorrupt
from desktop.core.permissions import Permission
from desktop.storage import audit, crypto
from desktop.storage.station import StationSession


@dataclass(frozen=True)
class AuditReport:
    entries_checked: int
    first_break: audit.ChainBreak | None

    @property
    def ok(self) -> bool:
        return self.first_break is None


@dataclass(frozen=True)
class CheckReport:
    database_problems: list[str] = field(default_factory=list)
    keyfile_problem: str | None = None
    audit: AuditReport | None = None

    @property
    def ok(self) -> bool:
        return (
            not self.database_problems
            and not self.keyfile_problem
            and bool(self.audit and self.audit.ok)
        )


def verify_audit(session: StationSession) -> AuditReport:
    session.require(Permission.VIEW_AUDIT)
    with session.db.read() as conn:
        checked, first_break = audit.verify(conn)
    report = AuditReport(checked, first_break)
    with session.db.write() as conn:
        details = {"checked": checked, "ok": report.ok}
        if first_break:
            details |= {"break_seq": first_break.seq, "break_kind": first_break.kind}
        audit.append(conn, session.user.username, AuditAction.AUDIT_VERIFIED, "", details)
    return report


def check_database(session: StationSession) -> CheckReport:
    """SQLCipher page HMACs, SQLite structure, foreign keys, the key-slot file and the audit chain."""
    session.require(Permission.CHECK_DATABASE)
    problems = session.db.integrity_problems()
    keyfile_problem = None
    try:
        slots = session.station.load_slots()
        slots.verify_mac(session.data_key, session.station.keys_path)
    except AppError as error:
        keyfile_problem = error.code
    try:
        audit_report: AuditReport | None = verify_audit(session)
    except DatabaseCorrupt:
        audit_report = None  # the pages the chain lives on are among the damaged ones
        problems.append("audit log unreadable")
    report = CheckReport(problems, keyfile_problem, audit_report)
    with session.db.write() as conn:
        audit.append(
            conn,
            session.user.username,
            AuditAction.DATABASE_CHECKED,
            "",
            {"ok": report.ok, "problems": len(problems), "keyfile": keyfile_problem or "ok"},
        )
    return report


def rotate_data_key(session: StationSession) -> None:
    """New data key for the database and every remaining slot (after an officer leaves).

    The new key is first sealed beside the old one in every slot, then the database is re-keyed,
    then the old key is dropped: a crash at any point leaves a station that still opens.
    """
    session.require(Permission.ROTATE_KEYS)
    station, old_key, new_key = session.station, session.data_key, crypto.random_key()
    slots = station.load_slots()
    slots.verify_mac(old_key, station.keys_path)
    slots.stage_next_key(new_key)
    slots.save(station.keys_path, old_key)
    try:
        session.db.rekey(new_key)
    except BaseException:
        slots.discard_next_key()  # the database kept the old key: so must the slots
        slots.save(station.keys_path, old_key)
        raise
    slots = station.load_slots()
    slots.promote_next_key()
    slots.save(station.keys_path, new_key)
    session.adopt_data_key(new_key)
    with session.db.write() as conn:
        audit.append(
            conn, session.user.username, AuditAction.KEY_ROTATED, "", {"slots": len(slots.slots)}
        )
