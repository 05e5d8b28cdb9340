"""The set-based writes of a push: new revisions in one statement, record heads in another."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import datetime

from sqlalchemy import Connection, and_

from protocol.messages import RecordRevision
from server.core.sql import dialect_insert, insert_ignore
from server.models import CentreStatus, Record, RecordRevisionRow
from server.services import store_pg
from server.services.auth import AuthenticatedDevice
from server.services.record_checks import HeadProjection, head_projection_row

_records = Record.__table__
_revisions = RecordRevisionRow.__table__


def _revision_row(
    record: RecordRevision, device: AuthenticatedDevice, batch_id: uuid.UUID, now: datetime
) -> dict[str, object]:
    return {
        "record_id": record.record_id,
        "revision": record.revision,
        "station_id": device.station_id,
        "device_id": device.device_id,
        "batch_id": batch_id,
        "form_id": record.form_id,
        "form_version": record.form_version,
        "author": record.author,
        "field_values": record.values,
        "content_hash": record.content_hash,
        "deleted": record.deleted,
        "delete_reason": record.delete_reason,
        "created_at": record.created_at,
        "updated_at": record.updated_at,
        "device_seq": record.device_seq,
        "received_at": now,
        "document_number": record.document_number,
        "amendment_reason": record.amendment_reason,
    }


def store_revisions(
    conn: Connection,
    candidates: list[tuple[int, RecordRevision]],
    device: AuthenticatedDevice,
    batch_id: uuid.UUID,
    now: datetime,
    encoded: dict[tuple[uuid.UUID, int, str], bytes],
    projections: Mapping[tuple[uuid.UUID, int], HeadProjection],
) -> tuple[list[tuple[int, RecordRevision]], list[tuple[int, RecordRevision]], set[uuid.UUID]]:
    """Insert every revision not yet stored; return the (stored, not stored) candidates and the
    ids of the records whose head this wrote for the device's station (see `_advance_heads`).

    ON CONFLICT DO NOTHING makes concurrent pushes of the same revision safe: exactly one insert
    wins, on every worker and server, and the others see it as already there.
    """
    primaries: dict[tuple[uuid.UUID, int], RecordRevision] = {}
    for _, record in candidates:
        primaries.setdefault((record.record_id, record.revision), record)
    if not primaries:
        return [], list(candidates), set()
    # Key order, so two transactions inserting overlapping batches wait instead of deadlocking.
    ordered = [primaries[k] for k in sorted(primaries)]
    if conn.dialect.name == "postgresql":
        values = [encoded[(r.record_id, r.revision, r.content_hash)] for r in ordered]
        inserted = store_pg.insert_revisions(
            conn, ordered, values, device.station_id, device.device_id, batch_id, now
        )
    else:
        rows = [_revision_row(r, device, batch_id, now) for r in ordered]
        stmt = insert_ignore(conn, _revisions, ["record_id", "revision"]).returning(
            _revisions.c.record_id, _revisions.c.revision
        )
        inserted = {(r[0], r[1]) for r in conn.execute(stmt, rows)}
    claimed: set[uuid.UUID] = set()
    if inserted:
        claimed = _advance_heads(
            conn, [primaries[key] for key in inserted], projections, device, now
        )
    stored: list[tuple[int, RecordRevision]] = []
    unstored: list[tuple[int, RecordRevision]] = []
    for index, record in candidates:
        key = (record.record_id, record.revision)
        # Only the first copy of a revision in the batch was offered; later copies compare to it.
        (stored if key in inserted and primaries[key] is record else unstored).append(
            (index, record)
        )
    return stored, unstored, claimed


def _advance_heads(
    conn: Connection,
    stored: list[RecordRevision],
    projections: Mapping[tuple[uuid.UUID, int], HeadProjection],
    device: AuthenticatedDevice,
    now: datetime,
) -> set[uuid.UUID]:
    """Point each record's head at its highest revision, never backwards, never across stations;
    return the ids whose head was inserted or advanced (locked by this transaction, owned by
    the device's station). An id missing is another station's, or its head is already newer."""
    newest: dict[uuid.UUID, RecordRevision] = {}
    for record in stored:
        current = newest.get(record.record_id)
        if current is None or record.revision > current.revision:
            newest[record.record_id] = record
    heads = sorted(newest.values(), key=lambda r: r.record_id)  # fixed order: no deadlocks
    if conn.dialect.name == "postgresql":
        return store_pg.upsert_heads(conn, heads, projections, device.station_id, now)
    rows = [
        {
            **head_projection_row(projections, r),
            "record_id": r.record_id,
            "station_id": device.station_id,
            "form_id": r.form_id,
            "form_version": r.form_version,
            "revision": r.revision,
            "content_hash": r.content_hash,
            "status": CentreStatus.DELETED if r.deleted else CentreStatus.SUBMITTED,
            "deleted": r.deleted,
            "created_at": r.created_at,
            "updated_at": r.updated_at,
            "received_at": now,
        }
        for r in heads
    ]
    stmt = dialect_insert(conn, _records)
    excluded = stmt.excluded
    stmt = stmt.on_conflict_do_update(
        index_elements=["record_id"],
        set_={
            name: excluded[name]
            for name in (
                "form_id",
                "form_version",
                "revision",
                "content_hash",
                "status",
                "deleted",
                "updated_at",
                "received_at",
                "title",
                "event_date",
                "commune_code",
                "search_text",
            )
        },
        where=and_(
            _records.c.revision < excluded.revision,
            _records.c.station_id == excluded.station_id,
        ),
    )
    return set(conn.execute(stmt.returning(_records.c.record_id), rows).scalars())
