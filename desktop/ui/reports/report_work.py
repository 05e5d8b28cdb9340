"""Work functions of the Reports page, run by the TaskRunner off the GUI thread: plain arguments
in, frozen values out, never a widget."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from desktop.storage.report_store import StoredReport
from desktop.storage.reports import ReportService, ReportView
from desktop.storage.station import StationSession
from domain.forms.catalogue import Catalogue
from domain.reports.document import ReportDocument
from domain.reports.profile import StationProfile


@dataclass(frozen=True)
class OpenedReport:
    """A report on screen, with the list of reports beside it and the document ready to print."""

    view: ReportView
    document: ReportDocument
    reports: tuple[StoredReport, ...]


def _opened(service: ReportService, view: ReportView) -> OpenedReport:
    return OpenedReport(view, service.document(view), tuple(service.reports()))


def open_report(session: StationSession, catalogue: Catalogue, period_code: str) -> OpenedReport:
    service = ReportService(session, catalogue)
    return _opened(service, service.open(period_code))


def save_draft(
    session: StationSession,
    catalogue: Catalogue,
    period_code: str,
    narrative: Mapping[str, str],
    figures: Mapping[str, int] | None = None,
) -> OpenedReport:
    service = ReportService(session, catalogue)
    service.save_draft(period_code, narrative, figures)
    return _opened(service, service.open(period_code))


def submit_report(
    session: StationSession,
    catalogue: Catalogue,
    period_code: str,
    narrative: Mapping[str, str],
    figures: Mapping[str, int] | None = None,
) -> OpenedReport:
    service = ReportService(session, catalogue)
    return _opened(service, service.submit(period_code, narrative, figures))


def list_reports(session: StationSession, catalogue: Catalogue) -> list[StoredReport]:
    return ReportService(session, catalogue).reports()


def record_printed(
    session: StationSession, catalogue: Catalogue, view: ReportView, target: str
) -> None:
    ReportService(session, catalogue).record_printed(view, target)


def load_profile(session: StationSession, catalogue: Catalogue) -> StationProfile | None:
    return ReportService(session, catalogue).profile()


def save_profile(
    session: StationSession, catalogue: Catalogue, values: dict[str, Any], as_of: date
) -> StationProfile:
    return ReportService(session, catalogue).save_profile(values, as_of)
