"""Periodic reports on an unlocked station: computed from the records and the station profile,
saved as drafts, and frozen on submission — the figures, narrative, number and signer stored as
JSON with its SHA-256, never computed again. Supervisors only; every change audited."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, text

from desktop.core.audit_actions import AuditAction
from desktop.core.errors import ReportNotFound, ReportSubmitted
from desktop.core.permissions import Permission
from desktop.storage import audit, record_store, report_store
from desktop.storage.report_store import StoredReport
from desktop.storage.station import StationSession
from domain.documents.model import IssuingBody
from domain.forms.catalogue import Catalogue
from domain.ids import new_record_id
from domain.reports.builder import PeriodData, build_content
from domain.reports.content import ReportContent, content_hash
from domain.reports.document import ReportDocument, ReportFacts, report_document
from domain.reports.narrative import clean_narrative
from domain.reports.periods import Period, parse_period
from domain.reports.profile import StationProfile, clean_profile
from domain.reports.status import ReportStatus
from domain.reports.typed import clean_figures
from domain.validation.formats import VN_TZ

REPORT_SYMBOL = "BC"  # "05/BC": báo cáo, numbered per station per year like other documents
FROZEN_SCHEMA = 1


def _now() -> datetime:
    return datetime.now(VN_TZ)


@dataclass(frozen=True)
class ReportView:
    """A report as a screen shows it: stored state (if any) and its content — frozen once
    submitted, otherwise computed just now."""

    period: Period
    content: ReportContent
    narrative: Mapping[str, str]
    stored: StoredReport | None = None
    signer_name: str = ""
    intact: bool = True  # the frozen JSON still matches its hash

    @property
    def submitted(self) -> bool:
        return self.stored is not None and self.stored.status == ReportStatus.SUBMITTED

    @property
    def figures(self) -> dict[str, int]:
        """The figures the chief typed for this period (residence, ID applications)."""
        return dict(self.stored.figures) if self.stored else {}


class ReportService:
    def __init__(
        self, session: StationSession, catalogue: Catalogue, clock: Callable[[], datetime] = _now
    ) -> None:
        self.session = session
        self.catalogue = catalogue
        self._clock = clock

    @property
    def _user(self) -> str:
        return self.session.user.username

    def _require(self) -> None:
        self.session.require(Permission.MANAGE_REPORTS)

    # ---- station profile ------------------------------------------------------------------------

    def profile(self) -> StationProfile | None:
        self._require()
        with self.session.db.read() as conn:
            return report_store.latest_profile(conn)

    def profile_history(self) -> list[StationProfile]:
        self._require()
        with self.session.db.read() as conn:
            return report_store.profile_versions(conn)

    def save_profile(self, values: Mapping[str, Any], as_of: date | None = None) -> StationProfile:
        """A new version (the old ones stay); audited with what changed."""
        self._require()
        now = self._clock()
        clean = clean_profile(values, now.date())
        day = (as_of or now.date()).isoformat()
        with self.session.db.write() as conn:
            before = report_store.latest_profile(conn)
            old = dict(before.values) if before else {}
            changed = sorted(k for k in set(old) | set(clean) if old.get(k) != clean.get(k))
            saved = report_store.insert_profile(conn, day, clean, self._user, now.isoformat())
            audit.append(
                conn,
                self._user,
                AuditAction.PROFILE_CHANGED,
                f"profile:{saved.version}",
                {"as_of": day, "changed": changed},
            )
        return saved

    # ---- computing --------------------------------------------------------------------------------

    def _period_data(
        self, conn: Connection, period: Period, typed: Mapping[str, Any] | None = None
    ) -> PeriodData:
        """What the report counts for `period`; the chief's typed figures are `typed` (being
        edited) or else those stored with that period's report (last year's, for comparison)."""
        start, end = period.start.isoformat(), period.end.isoformat()
        if typed is None:
            stored = report_store.load_report(conn, period_code=period.code)
            typed = stored.figures if stored else {}
        return PeriodData(
            period,
            report_store.period_records(conn, start, end),
            report_store.supervision_files(conn, end),
            report_store.profile_at(conn, end),
            report_store.draft_count(conn, start, end),
            typed,
        )

    def _compute(
        self, conn: Connection, period: Period, typed: Mapping[str, Any] | None = None
    ) -> ReportContent:
        now = self._period_data(conn, period, typed)
        then = self._period_data(conn, period.same_period_last_year())
        return build_content(self.catalogue, now, then)

    def compute(self, period: Period | str) -> ReportContent:
        """Figures of `period` and of the same period last year, from the records as they are now."""
        self._require()
        period = parse_period(period) if isinstance(period, str) else period
        with self.session.db.read() as conn:
            return self._compute(conn, period)

    # ---- reports ----------------------------------------------------------------------------------

    def open(self, period: Period | str) -> ReportView:
        """The period's report: the frozen one if submitted, else fresh figures (and any draft text)."""
        self._require()
        period = parse_period(period) if isinstance(period, str) else period
        with self.session.db.read() as conn:
            stored = report_store.load_report(conn, period_code=period.code)
            if stored is not None and stored.status == ReportStatus.SUBMITTED:
                return _frozen_view(period, stored)
            content = self._compute(conn, period)
        narrative = stored.narrative if stored else {}
        return ReportView(period, content, narrative, stored)

    def get(self, report_id: str) -> ReportView:
        self._require()
        with self.session.db.read() as conn:
            stored = report_store.load_report(conn, report_id=report_id)
        if stored is None:
            raise ReportNotFound(report=report_id)
        return self.open(stored.period_code)

    def reports(self) -> list[StoredReport]:
        self._require()
        with self.session.db.read() as conn:
            return report_store.list_reports(conn)

    def save_draft(
        self,
        period: Period | str,
        narrative: Mapping[str, Any],
        figures: Mapping[str, Any] | None = None,
    ) -> str:
        """Create or update the period's draft: its narrative and the figures the chief types
        (`figures`; None keeps those saved); counted figures stay live until submit."""
        self._require()
        period = parse_period(period) if isinstance(period, str) else period
        text_parts = clean_narrative(narrative)
        typed = None if figures is None else clean_figures(figures)
        with self.session.db.write() as conn:
            report_id = self._save(conn, period, text_parts, typed)
            audit.append(
                conn, self._user, AuditAction.REPORT_SAVED, report_id, {"period": period.code}
            )
        return report_id

    def _save(
        self,
        conn: Connection,
        period: Period,
        narrative: dict[str, str],
        figures: dict[str, int] | None = None,
    ) -> str:
        stored = report_store.load_report(conn, period_code=period.code)
        now = self._clock().isoformat()
        if stored is None:
            report_id = new_record_id()
            report_store.insert_report(
                conn,
                id=report_id,
                period_code=period.code,
                period_kind=str(period.kind),
                start_date=period.start.isoformat(),
                end_date=period.end.isoformat(),
                narrative=narrative,
                figures=figures or {},
                created_by=self._user,
                created_at=now,
                updated_at=now,
            )
            return report_id
        if stored.status == ReportStatus.SUBMITTED:
            raise ReportSubmitted(report=stored.id, number=stored.document_number)
        changes: dict[str, Any] = {"narrative": narrative, "updated_at": now}
        if figures is not None:
            changes["figures"] = figures
        report_store.update_report(conn, stored.id, **changes)
        return stored.id

    def submit(
        self,
        period: Period | str,
        narrative: Mapping[str, Any],
        figures: Mapping[str, Any] | None = None,
    ) -> ReportView:
        """Freeze the period's report: figures computed now (with the typed ones: `figures`, or
        those saved with the draft), narrative, number and signer stored as JSON with its SHA-256
        in one transaction, queued for the centre (sync_pending)."""
        self._require()
        period = parse_period(period) if isinstance(period, str) else period
        text_parts = clean_narrative(narrative)
        typed = None if figures is None else clean_figures(figures)
        now = self._clock()
        with self.session.db.write() as conn:
            report_id = self._save(conn, period, text_parts, typed)
            content = self._compute(conn, period)
            number = record_store.allocate_number(conn, REPORT_SYMBOL, now.year)
            document_number = f"{number:02d}/{REPORT_SYMBOL}"
            info = self.session.info()
            frozen = {
                "schema": FROZEN_SCHEMA,
                "report_id": report_id,
                "station": {"code": info.code, "name": info.name},
                "number": document_number,
                "submitted_by": self._user,
                "signer_name": self.session.user.full_name or self._user,
                "submitted_at": now.isoformat(),
                "narrative": text_parts,
                "content": content.to_json(),
            }
            digest = content_hash(frozen)
            report_store.update_report(
                conn,
                report_id,
                status=ReportStatus.SUBMITTED,
                doc_year=now.year,
                doc_number=number,
                document_number=document_number,
                submitted_by=self._user,
                submitted_at=now.isoformat(),
                frozen=frozen,
                content_hash=digest,
                sync_pending=1,
                updated_at=now.isoformat(),
            )
            audit.append(
                conn,
                self._user,
                AuditAction.REPORT_SUBMITTED,
                report_id,
                {"period": period.code, "number": document_number, "hash": digest},
            )
            stored = report_store.load_report(conn, report_id=report_id)
        assert stored is not None
        return _frozen_view(period, stored)

    # ---- printing --------------------------------------------------------------------------------

    def document(self, view: ReportView) -> ReportDocument:
        """The printable document of `view` (a draft prints with the DỰ THẢO watermark)."""
        info = self.session.info()
        stored = view.stored
        submitted = view.submitted and stored is not None
        day = (
            datetime.fromisoformat(stored.submitted_at).date()
            if submitted and stored and stored.submitted_at
            else self._clock().date()
        )
        facts = ReportFacts(
            issuing=IssuingBody.from_station(info.name, info.code, on=day),
            day=day,
            number=stored.document_number if stored else None,
            submitted=submitted,
            # A draft shows who would sign it: the chief preparing it.
            signer_name=view.signer_name or self.session.user.full_name or "",
            report_id=stored.id if stored else "",
            content_hash=(stored.content_hash or "") if stored else "",
        )
        return report_document(view.content, view.narrative, facts)

    def record_printed(self, view: ReportView, target: str) -> None:
        """Audit a print or a PDF of the report (`target`: "printer" or the file's name)."""
        self._require()
        with self.session.db.write() as conn:
            audit.append(
                conn,
                self._user,
                AuditAction.REPORT_PRINTED,
                view.stored.id if view.stored else view.period.code,
                {"period": view.period.code, "to": target, "submitted": view.submitted},
            )


def _frozen_view(period: Period, stored: StoredReport) -> ReportView:
    frozen = stored.frozen or {}
    return ReportView(
        period,
        ReportContent.from_json(frozen["content"]),
        frozen.get("narrative", {}),
        stored,
        signer_name=frozen.get("signer_name", ""),
        intact=content_hash(frozen) == stored.content_hash,
    )


def pending_sync(session: StationSession) -> list[StoredReport]:
    """For the sync service: submitted reports not yet acknowledged by the centre; send
    `frozen` (structured data) with `content_hash`, then call `mark_synced`."""
    with session.db.read() as conn:
        return report_store.pending_sync(conn)


def mark_synced(session: StationSession, report_id: str) -> None:
    with session.db.write() as conn:
        report_store.mark_synced(conn, report_id, audit.utc_now())


def count_unsynced(conn: Connection) -> int:
    return conn.execute(text("SELECT count(*) FROM reports WHERE sync_pending = 1")).scalar_one()
