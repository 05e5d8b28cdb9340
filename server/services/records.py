"""Reading stored records for administrators: counts and exports of every revision."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO

from sqlalchemy import Engine, func, select

from protocol.canonical import format_timestamp
from server.core.sql import as_utc
from server.models import Record as RecordHead
from server.models import RecordRevisionRow, Station
from server.services import blobs
from server.services.stations import station_by_code

_records = RecordHead.__table__
_revisions = RecordRevisionRow.__table__
_stations = Station.__table__

EXPORT_COLUMNS = (
    "record_id",
    "revision",
    "station_code",
    "form_id",
    "form_version",
    "author",
    "created_at",
    "updated_at",
    "deleted",
    "delete_reason",
    "content_hash",
    "device_seq",
    "received_at",
    "values",
)


def count_records(engine: Engine, station_code: str | None = None) -> tuple[int, int]:
    """(records, revisions), optionally for one station."""
    with engine.connect() as conn:
        heads = select(func.count()).select_from(_records)
        revisions = select(func.count()).select_from(_revisions)
        if station_code:
            station = station_by_code(conn, station_code)
            heads = heads.where(_records.c.station_id == station.id)
            revisions = revisions.where(_revisions.c.station_id == station.id)
        return conn.execute(heads).scalar_one(), conn.execute(revisions).scalar_one()


def _rows(engine: Engine, station_code: str | None) -> Iterator[dict[str, Any]]:
    query = (
        select(_revisions, _stations.c.code.label("station_code"))
        .join(_stations, _stations.c.id == _revisions.c.station_id)
        .order_by(_revisions.c.record_id, _revisions.c.revision)
    )
    with engine.connect() as conn:
        if station_code:
            query = query.where(_revisions.c.station_id == station_by_code(conn, station_code).id)
        # Streamed in chunks, so exporting millions of rows does not load them all at once.
        result = conn.execution_options(stream_results=True, yield_per=2000).execute(query)
        for row in result.mappings():
            yield {
                "record_id": str(row["record_id"]),
                "revision": row["revision"],
                "station_code": row["station_code"],
                "form_id": row["form_id"],
                "form_version": row["form_version"],
                "author": row["author"],
                "created_at": format_timestamp(as_utc(row["created_at"])),
                "updated_at": format_timestamp(as_utc(row["updated_at"])),
                "deleted": row["deleted"],
                "delete_reason": row["delete_reason"],
                "content_hash": row["content_hash"],
                "device_seq": row["device_seq"],
                "received_at": format_timestamp(as_utc(row["received_at"])),
                "values": row["field_values"],
            }


def export_records(
    engine: Engine,
    out: TextIO,
    fmt: str,
    station_code: str | None = None,
    attachments_dir: Path | None = None,
) -> int:
    """Write every revision as CSV (values as a JSON column) or JSON Lines; returns the count.
    With `attachments_dir`, each row also lists its attachments (the list its content hash
    covers, plus the file's name in that folder) and the complete files are written there."""
    count = 0
    columns = EXPORT_COLUMNS + (("attachments",) if attachments_dir else ())
    writer = csv.DictWriter(out, fieldnames=columns) if fmt == "csv" else None
    if writer:
        writer.writeheader()
    files = blobs.FileExport(engine, attachments_dir) if attachments_dir else None
    for row in _rows(engine, station_code):
        if files is not None:
            row["attachments"] = files.of(row["record_id"], row["revision"])
        if writer:
            buffer = io.StringIO()
            json.dump(row["values"], buffer, ensure_ascii=False, sort_keys=True)
            extra = (
                {"attachments": json.dumps(row["attachments"], ensure_ascii=False)} if files else {}
            )
            writer.writerow({**row, "values": buffer.getvalue(), **extra})
        else:
            out.write(json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n")
        count += 1
    if files is not None:
        files.write_files()
    return count
