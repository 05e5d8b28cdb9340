"""Periodic reports from stations: check one, store it once per (station, report id), and keep
any other content sent under a stored id aside — a submitted report is never overwritten."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from pydantic import ValidationError
from sqlalchemy import Connection, Engine, select

from protocol import MAX_PROTOCOL_VERSION, MIN_PROTOCOL_VERSION, REPORT_REPLACE_VERSION
from protocol.canonical import values_problem
from protocol.errors import ErrorCode
from protocol.messages import ReportResult, ReportStatus, ReportSubmission
from server.core.sql import as_utc, insert_ignore
from server.errors import ServerError
from server.models import Station, StationReport, StationReportConflict
from server.services.auth import AuthenticatedDevice
from server.services.batch import validation_summary

_reports = StationReport.__table__
_conflicts = StationReportConflict.__table__
_stations = Station.__table__
# A frozen report is sections of rows of plain values: a handful of levels.
MAX_REPORT_DEPTH = 16


def _check(document: Any, device: AuthenticatedDevice) -> ReportSubmission:
    """The submission if it is well formed, this device's station's, and hashes as it says."""
    try:
        report = ReportSubmission.model_validate(document)
    except ValidationError as exc:
        raise ServerError(ErrorCode.REPORT_SCHEMA, validation_summary(exc)) from None
    if not MIN_PROTOCOL_VERSION <= report.protocol_version <= MAX_PROTOCOL_VERSION:
        raise ServerError(
            ErrorCode.UNSUPPORTED_PROTOCOL_VERSION,
            f"server speaks {MIN_PROTOCOL_VERSION}-{MAX_PROTOCOL_VERSION}",
        )
    station = report.document.get("station")
    inner_station = station.get("code") if isinstance(station, dict) else None
    if report.station_code != device.station_code or inner_station not in (
        None,
        device.station_code,
    ):
        raise ServerError(ErrorCode.WRONG_STATION, "report belongs to another station")
    if report.replaces is not None and report.protocol_version < REPORT_REPLACE_VERSION:
        raise ServerError(ErrorCode.REPORT_SCHEMA, "replaces needs protocol version 2")
    if report.document.get("report_id") not in (None, str(report.report_id)):
        raise ServerError(ErrorCode.REPORT_SCHEMA, "document.report_id differs from report_id")
    # Stored as JSONB, the document must come back byte-identical, or its hash would not hold.
    problem = values_problem(report.document, MAX_REPORT_DEPTH)
    if problem is not None:
        raise ServerError(ErrorCode.REPORT_SCHEMA, f"document cannot be stored exactly: {problem}")
    try:
        expected = report.expected_hash()
    except (ValueError, OverflowError):
        raise ServerError(ErrorCode.REPORT_SCHEMA, "document is not canonical JSON") from None
    if expected != report.content_hash:
        raise ServerError(ErrorCode.REPORT_HASH_MISMATCH, f"content hash should be {expected}")
    return report


def submit(engine: Engine, device: AuthenticatedDevice, document: Any) -> ReportResult:
    """Store a new report (`stored`); the same again is `duplicate`; other content `conflict`,
    unless it `replaces` exactly the hash stored now (a station supervisor's decision): then it
    is stored in its place (`stored`) and the replaced copy is kept aside."""
    report = _check(document, device)
    now = datetime.now(UTC)
    key = {"station_id": device.station_id, "report_id": report.report_id}
    with engine.begin() as conn:
        inserted = conn.execute(
            insert_ignore(conn, _reports, ["station_id", "report_id"]).returning(
                _reports.c.report_id
            ),
            {
                **key,
                "period_code": report.period_code,
                "number": report.number,
                # SQLite keeps the wall-clock time and drops the offset: store UTC on both.
                "submitted_at": as_utc(report.submitted_at),
                "content_hash": report.content_hash,
                "document": report.document,
                "device_id": device.device_id,
                "received_at": now,
            },
        ).scalar_one_or_none()
        # RETURNING, not rowcount: on this PostgreSQL engine rowcount was 1 for a skipped row too.
        if inserted is not None:
            return _result(report.report_id, ReportStatus.STORED, report.content_hash)
        stored_hash = conn.execute(
            select(_reports.c.content_hash).where(
                _reports.c.station_id == device.station_id,
                _reports.c.report_id == report.report_id,
            )
        ).scalar_one()
        if stored_hash == report.content_hash:
            return _result(report.report_id, ReportStatus.DUPLICATE, stored_hash)
        if report.replaces == stored_hash and _replace(conn, report, device, now):
            return _result(report.report_id, ReportStatus.STORED, report.content_hash)
        conn.execute(
            insert_ignore(conn, _conflicts, ["station_id", "report_id", "content_hash"]),
            {
                **key,
                "content_hash": report.content_hash,
                "device_id": device.device_id,
                "payload": report.model_dump(mode="json"),
                "received_at": now,
            },
        )
    return _result(report.report_id, ReportStatus.CONFLICT, stored_hash)


def _replace(
    conn: Connection, report: ReportSubmission, device: AuthenticatedDevice, now: datetime
) -> bool:
    """Put `report` in place of the stored copy whose hash it names, keeping that copy aside (in
    `station_report_conflicts`, as it was stored). False if another request replaced it first."""
    where = (
        (_reports.c.station_id == device.station_id)
        & (_reports.c.report_id == report.report_id)
        & (_reports.c.content_hash == report.replaces)
    )
    old = conn.execute(select(_reports).where(where).with_for_update()).mappings().one_or_none()
    if old is None:
        return False
    kept = {
        "protocol_version": 1,
        "report_id": str(old["report_id"]),
        "station_code": device.station_code,
        "period_code": old["period_code"],
        "number": old["number"],
        "submitted_at": as_utc(old["submitted_at"]).isoformat(),
        "content_hash": old["content_hash"],
        "document": old["document"],
        "replaced_at": now.isoformat(),
    }
    conn.execute(
        insert_ignore(conn, _conflicts, ["station_id", "report_id", "content_hash"]),
        {
            "station_id": device.station_id,
            "report_id": report.report_id,
            "content_hash": old["content_hash"],
            "device_id": old["device_id"],
            "payload": kept,
            "received_at": old["received_at"],
        },
    )
    conn.execute(
        _reports.update()
        .where(where)
        .values(
            period_code=report.period_code,
            number=report.number,
            submitted_at=as_utc(report.submitted_at),
            content_hash=report.content_hash,
            document=report.document,
            device_id=device.device_id,
            received_at=now,
        )
    )
    return True


def _result(report_id: uuid.UUID, status: ReportStatus, stored_hash: str) -> ReportResult:
    return ReportResult(report_id=report_id, status=status, stored_hash=stored_hash)


@dataclass(frozen=True)
class ReportSummary:
    """One stored report, for `cax-server reports list`."""

    report_id: uuid.UUID
    period_code: str
    number: str
    submitted_at: datetime
    received_at: datetime
    content_hash: str
    conflicts: int


def list_reports(engine: Engine, station_code: str) -> list[ReportSummary]:
    """The station's stored reports, newest submission first; STATION_NOT_FOUND if unknown."""
    with engine.connect() as conn:
        station_id = conn.execute(
            select(_stations.c.id).where(_stations.c.code == station_code)
        ).scalar_one_or_none()
        if station_id is None:
            raise ServerError(ErrorCode.STATION_NOT_FOUND, f"no station {station_code}")
        aside: dict[uuid.UUID, int] = {}
        for (report_id,) in conn.execute(
            select(_conflicts.c.report_id).where(_conflicts.c.station_id == station_id)
        ):
            aside[report_id] = aside.get(report_id, 0) + 1
        rows = conn.execute(
            select(
                _reports.c.report_id,
                _reports.c.period_code,
                _reports.c.number,
                _reports.c.submitted_at,
                _reports.c.received_at,
                _reports.c.content_hash,
            )
            .where(_reports.c.station_id == station_id)
            .order_by(_reports.c.submitted_at.desc())
        ).all()
    return [
        ReportSummary(r[0], r[1], r[2], as_utc(r[3]), as_utc(r[4]), r[5], aside.get(r[0], 0))
        for r in rows
    ]
