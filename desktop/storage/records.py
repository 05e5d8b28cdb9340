"""The record lifecycle on an unlocked station: draft → completed (numbered) → approved, amended
with a reason into a new revision, voided with a reason — every step audited, nothing deleted."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import datetime
from typing import Any

from desktop.core.audit_actions import AuditAction
from desktop.core.deadlines import DEFAULT_TRANSFER_HOURS
from desktop.core.errors import (
    PermissionDenied,
    ReasonRequired,
    RecordNotFound,
    RecordStateError,
    SelfApprovalRefused,
    UnknownForm,
    ValidationFailed,
)
from desktop.core.overview import StationOverview
from desktop.core.permissions import Permission, require_record_change
from desktop.storage import audit, centre_feed, outbox, record_store
from desktop.storage.outbox import RecordEvent
from desktop.storage.station import StationSession
from domain.forms.catalogue import Catalogue
from domain.forms.evaluation import RecordLookup
from domain.forms.model import FormDefinition, RecordLinkCheck
from domain.forms.summaries import format_document_number, redact_sensitive
from domain.ids import new_record_id
from domain.law import Catalogue as LawCatalogue
from domain.records import RecordFilter, RecordStatus, RecordSummary, StoredRecord, project
from domain.validation import Override, Problem, blocking_problems, check_record
from domain.validation.formats import VN_TZ

ALL_RECORDS = RecordFilter()


def _now() -> datetime:
    return datetime.now(VN_TZ)


class RecordService:
    """Records of one unlocked station, as the logged-in user may see and change them."""

    def __init__(
        self, session: StationSession, catalogue: Catalogue, clock: Callable[[], datetime] = _now
    ) -> None:
        self.session = session
        self.catalogue = catalogue
        self._clock = clock

    # ---- helpers ---------------------------------------------------------------------------------

    @property
    def _user(self) -> str:
        return self.session.user.username

    def _form(self, form_id: str) -> FormDefinition:
        if form_id not in self.catalogue:
            raise UnknownForm(form=form_id)
        return self.catalogue.get(form_id)

    def check(self, form_id: str, values: dict[str, Any]) -> tuple[dict[str, Any], list[Problem]]:
        """Normalised values and every problem (errors and warnings) — nothing is stored."""
        now = self._clock()
        checked = check_record(
            self._form(form_id),
            values,
            today=now.date(),
            now=now.replace(tzinfo=None),
            rules=self.catalogue.rules,
            station_commune=self._station_commune,
            law=self.law_catalogue(),
            records=self.record_lookup(form_id),
        )
        return checked.values, checked.problems

    def record_lookup(self, form_id: str) -> RecordLookup | None:
        """The station's records that `form_id`'s `record_link` checks look numbers up in
        (F6's supervision file → F10); None when the form links to none."""
        form = self._form(form_id)
        if not any(isinstance(c, RecordLinkCheck) for c in form.checks):
            return None
        with self.session.db.read() as conn:
            return record_store.record_lookup(conn, form)

    def law_catalogue(self) -> LawCatalogue:
        """The legal catalogue in force on this station (the newest pulled, else bundled)."""
        with self.session.db.read() as conn:
            return centre_feed.law_catalogue_in_force(conn)

    @property
    def _station_commune(self) -> str | None:
        """The station code is its commune's 5-digit code (docs/domain.md, "Administrative units"), when it is one."""
        code = self.session.info().code
        return code if len(code) == 5 and code.isdigit() else None

    def _load(self, conn: Any, record_id: str) -> StoredRecord:
        stored = record_store.load(conn, record_id)
        if stored is None:
            raise RecordNotFound(record=record_id)
        return stored

    def _require_change(self, stored: StoredRecord) -> None:
        s = stored.summary
        require_record_change(self.session.user.role, self._user, s.author, s.status)

    # ---- lifecycle -------------------------------------------------------------------------------

    def create(self, form_id: str, values: dict[str, Any], *, draft_ok: bool = True) -> str:
        """Store a new record as a draft; with `draft_ok=False`, refuse it unless it has no errors."""
        self.session.require(Permission.CREATE_RECORDS)
        form = self._form(form_id)
        clean, problems = self.check(form_id, values)
        if not draft_ok:
            self._refuse_errors(problems, ())
        record_id, now = new_record_id(), self._clock().isoformat()
        with self.session.db.write() as conn:
            record_store.insert(
                conn,
                record_id=record_id,
                form_id=form.id,
                form_version=form.version,
                author=self._user,
                values=clean,
                projection=project(form, clean),
                now=now,
            )
            audit.append(conn, self._user, AuditAction.RECORD_CREATED, record_id, {"form": form.id})
        return record_id

    def save_draft(self, record_id: str, values: dict[str, Any]) -> None:
        """Overwrite a draft's values (autosave); completed records change through `amend`."""
        with self.session.db.write() as conn:
            stored = self._load(conn, record_id)
            if stored.summary.status != RecordStatus.DRAFT:
                raise RecordStateError(record=record_id, status=stored.summary.status)
            self._require_change(stored)
            form = self._form(stored.summary.form_id)
            clean, _ = self.check(form.id, values)
            record_store.update_values(
                conn,
                stored.summary.seq,
                clean,
                project(form, clean),
                self._clock().isoformat(),
                form_version=form.version,  # checked against this definition: now of its version
            )
            audit.append(conn, self._user, AuditAction.RECORD_CHANGED, record_id, {"draft": True})

    def complete(self, record_id: str, overrides: Iterable[Override] = ()) -> str | None:
        """Validate, give the official number, snapshot revision 1. Returns the document number."""
        overrides = tuple(overrides)
        if overrides:
            self.session.require(Permission.OVERRIDE_CHECKS)
        with self.session.db.write() as conn:
            stored = self._load(conn, record_id)
            self._require_change(stored)
            if stored.summary.status != RecordStatus.DRAFT:
                raise RecordStateError(record=record_id, status=stored.summary.status)
            form = self._form(stored.summary.form_id)
            _, problems = self.check(form.id, stored.values)
            self._refuse_errors(problems, overrides)
            now = self._clock()
            changes: dict[str, Any] = {
                "status": str(RecordStatus.COMPLETED),
                "completed_at": now.isoformat(),
                "updated_at": now.isoformat(),
                "overrides_json": _overrides_json(overrides, self._user),
            }
            if form.numbering:
                number = record_store.allocate_number(conn, form.numbering, now.year)
                changes |= {
                    "doc_kind": form.numbering,
                    "doc_year": now.year,
                    "doc_number": number,
                    "document_number": format_document_number(number, form.numbering),
                }
            record_store.set_fields(conn, stored.summary.seq, **changes)
            record_store.add_revision(
                conn,
                record_id,
                stored.summary.revision,
                str(RecordStatus.COMPLETED),
                stored.values,
                self._user,
                now.isoformat(),
            )
            # Same transaction: a completed record is never left out of the outbox, nor queued
            # without being completed.
            outbox.record_changed(
                conn, RecordEvent.COMPLETED, record_id, stored.summary.revision, now.isoformat()
            )
            audit.append(
                conn,
                self._user,
                AuditAction.RECORD_COMPLETED,
                record_id,
                {"number": changes.get("document_number"), "overrides": len(overrides)},
            )
        return changes.get("document_number")

    def approve(self, record_id: str) -> None:
        self.session.require(Permission.APPROVE_RECORDS)
        with self.session.db.write() as conn:
            stored = self._load(conn, record_id)
            if stored.summary.status != RecordStatus.COMPLETED:
                raise RecordStateError(record=record_id, status=stored.summary.status)
            details = self._self_approval(conn, stored)
            now = self._clock().isoformat()
            record_store.set_fields(
                conn,
                stored.summary.seq,
                status=str(RecordStatus.APPROVED),
                approved_at=now,
                approved_by=self._user,
                updated_at=now,
            )
            outbox.record_changed(
                conn, RecordEvent.APPROVED, record_id, stored.summary.revision, now
            )
            audit.append(conn, self._user, AuditAction.RECORD_APPROVED, record_id, details)

    def _self_approval(self, conn: Any, stored: StoredRecord) -> dict[str, Any] | None:
        """Approving one's own record: refused while another supervisor could review it; with a
        single supervisor it is allowed, and the audit entry says so."""
        if stored.summary.author != self._user:
            return None
        if record_store.supervisors(conn) > 1:
            raise SelfApprovalRefused(record=stored.summary.id)
        return {"self_approved": True, "supervisors": 1}

    def return_to_author(self, record_id: str, comment: str) -> None:
        """Send a completed record back to its author with a comment (the chief's review).

        It shows as returned until the author amends it; the comment stays in the audit log, so
        the record's history keeps it after the amendment.
        """
        self.session.require(Permission.APPROVE_RECORDS)
        comment = " ".join(comment.split())
        if not comment:
            raise ReasonRequired(action="return")
        with self.session.db.write() as conn:
            stored = self._load(conn, record_id)
            if stored.summary.status != RecordStatus.COMPLETED:
                raise RecordStateError(record=record_id, status=stored.summary.status)
            record_store.mark_returned(conn, stored.summary.seq, self._user)
            details = {"comment": comment, "author": stored.summary.author}
            audit.append(conn, self._user, AuditAction.RECORD_RETURNED, record_id, details)

    def amend(
        self,
        record_id: str,
        values: dict[str, Any],
        reason: str,
        overrides: Iterable[Override] = (),
    ) -> int:
        """A completed or approved record's new revision (validated, with a reason); back to review."""
        reason = " ".join(reason.split())
        if not reason:
            raise ReasonRequired(action="amend")
        overrides = tuple(overrides)
        if overrides:
            self.session.require(Permission.OVERRIDE_CHECKS)
        with self.session.db.write() as conn:
            stored = self._load(conn, record_id)
            status = stored.summary.status
            if status not in (RecordStatus.COMPLETED, RecordStatus.APPROVED, RecordStatus.RETURNED):
                raise RecordStateError(record=record_id, status=status)
            if status == RecordStatus.APPROVED:
                self.session.require(Permission.APPROVE_RECORDS)
            else:
                self._require_change(stored)
            form = self._form(stored.summary.form_id)
            clean, problems = self.check(form.id, values)
            self._refuse_errors(problems, overrides)
            now, revision = self._clock().isoformat(), stored.summary.revision + 1
            record_store.update_values(
                conn,
                stored.summary.seq,
                clean,
                project(form, clean),
                now,
                form_version=form.version,
                status=str(RecordStatus.COMPLETED),
                revision=revision,
                approved_at=None,
                approved_by=None,
                returned_by=None,  # amending answers the return: back to the chief's queue
                overrides_json=_overrides_json(overrides, self._user),
            )
            record_store.add_revision(
                conn,
                record_id,
                revision,
                str(RecordStatus.COMPLETED),
                clean,
                self._user,
                now,
                reason,
            )
            outbox.record_changed(conn, RecordEvent.AMENDED, record_id, revision, now)
            audit.append(
                conn,
                self._user,
                AuditAction.RECORD_AMENDED,
                record_id,
                {"revision": revision, "reason": reason},
            )
        return revision

    def void(self, record_id: str, reason: str) -> None:
        """Hủy: the record stays, marked void with the reason; its number is never reused."""
        reason = " ".join(reason.split())
        if not reason:
            raise ReasonRequired(action="void")
        with self.session.db.write() as conn:
            stored = self._load(conn, record_id)
            if stored.summary.status == RecordStatus.VOIDED:
                raise RecordStateError(record=record_id, status=stored.summary.status)
            if stored.summary.status == RecordStatus.APPROVED:
                self.session.require(Permission.APPROVE_RECORDS)
            else:
                self._require_change(stored)
            now, revision = self._clock().isoformat(), stored.summary.revision + 1
            record_store.set_fields(
                conn,
                stored.summary.seq,
                status=str(RecordStatus.VOIDED),
                void_reason=reason,
                returned_by=None,
                revision=revision,
                updated_at=now,
            )
            record_store.add_revision(
                conn,
                record_id,
                revision,
                str(RecordStatus.VOIDED),
                stored.values,
                self._user,
                now,
                reason,
            )
            outbox.record_changed(conn, RecordEvent.VOIDED, record_id, revision, now)
            audit.append(conn, self._user, AuditAction.RECORD_VOIDED, record_id, {"reason": reason})

    # ---- reading ---------------------------------------------------------------------------------

    def get(self, record_id: str) -> StoredRecord:
        """The record with its revisions; viewing is audited. Others' sensitive data stays hidden."""
        with self.session.db.write() as conn:
            stored = record_store.load(conn, record_id, with_revisions=True)
            if stored is None:
                raise RecordNotFound(record=record_id)
            audit.append(conn, self._user, AuditAction.RECORD_VIEWED, record_id)
        if stored.summary.author == self._user:
            return stored
        try:
            self.session.require(Permission.VIEW_SENSITIVE)
        except PermissionDenied:
            form = self._form(stored.summary.form_id)
            return replace(
                stored,
                values=redact_sensitive(form, stored.values),
                revisions=tuple(
                    replace(r, values=redact_sensitive(form, r.values)) for r in stored.revisions
                ),
            )
        return stored

    def page(
        self,
        filters: RecordFilter = ALL_RECORDS,
        *,
        limit: int = 100,
        after: tuple[Any, ...] | None = None,
    ) -> list[RecordSummary]:
        with self.session.db.read() as conn:
            return record_store.page(conn, filters, limit=limit, after=after)

    def count(self, filters: RecordFilter = ALL_RECORDS) -> int:
        with self.session.db.read() as conn:
            return record_store.count(conn, filters)

    def overview(self, transfer_hours: int = DEFAULT_TRANSFER_HOURS) -> StationOverview:
        """Counts and deadlines for the dashboard; "today" is the station's day (Vietnam time)."""
        now = self._clock().astimezone(VN_TZ)
        day_start = now.replace(hour=0, minute=0, second=0, microsecond=0).isoformat()
        with self.session.db.read() as conn:
            counts = record_store.overview(conn, self._user, day_start)
            due = record_store.deadlines(conn, now.replace(tzinfo=None), transfer_hours)
        return replace(counts, deadlines=tuple(due))

    @staticmethod
    def _refuse_errors(problems: list[Problem], overrides: tuple[Override, ...]) -> None:
        blocking = blocking_problems(problems, overrides)
        if blocking:
            raise ValidationFailed(problems=[p.to_dict() for p in blocking])


def _overrides_json(overrides: tuple[Override, ...], by: str) -> dict[str, Any]:
    return {o.path: {"code": str(o.code), "reason": o.reason, "by": by} for o in overrides}
