"""PostgreSQL fast path of the push writes: each batch travels as ONE JSON parameter.

A multi-row VALUES statement with 8,000 placeholders costs more to build and parse than to run,
and psycopg quotes array elements in Python; one JSON text (encoded in C) that PostgreSQL
unpacks with `json_to_recordset` costs almost nothing, whatever the batch size."""

from __future__ import annotations

import json
import uuid
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, text

from protocol.messages import RecordRevision
from server.models import CentreStatus
from server.services.record_checks import HeadProjection, head_projection_row

_encoder = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


def _json(rows: list[dict[str, Any]]) -> str:
    return _encoder.encode(rows)


def _day(value: date | None) -> str | None:
    return value.isoformat() if value else None


_INSERT_REVISIONS = text(
    """
    INSERT INTO record_revisions (
        record_id, revision, station_id, device_id, batch_id, form_id, form_version, author,
        field_values, content_hash, deleted, delete_reason, created_at, updated_at, device_seq,
        received_at, document_number, amendment_reason)
    SELECT r.record_id, r.revision, :station_id, :device_id, :batch_id, r.form_id, r.form_version,
        r.author, r.field_values, r.content_hash, r.deleted, r.delete_reason, r.created_at,
        r.updated_at, r.device_seq, :received_at, r.document_number, r.amendment_reason
    FROM json_to_recordset(CAST(:rows AS json)) AS r(
        record_id uuid, revision int, form_id varchar, form_version int, author varchar,
        field_values jsonb, content_hash varchar, deleted bool, delete_reason text,
        created_at timestamptz, updated_at timestamptz, device_seq bigint,
        document_number varchar, amendment_reason text)
    ON CONFLICT (record_id, revision) DO NOTHING
    RETURNING record_id, revision
    """
)

_UPSERT_HEADS = text(
    f"""
    INSERT INTO records (
        record_id, station_id, form_id, form_version, revision, content_hash, status, deleted,
        created_at, updated_at, received_at, title, event_date, commune_code, search_text)
    SELECT h.record_id, :station_id, h.form_id, h.form_version, h.revision, h.content_hash,
        CASE WHEN h.deleted THEN '{CentreStatus.DELETED}' ELSE '{CentreStatus.SUBMITTED}' END,
        h.deleted, h.created_at, h.updated_at, :received_at, h.title, h.event_date, h.commune_code, h.search_text
    FROM json_to_recordset(CAST(:rows AS json)) AS h(
        record_id uuid, form_id varchar, form_version int, revision int, content_hash varchar,
        deleted bool, created_at timestamptz, updated_at timestamptz, title text,
        event_date date, commune_code varchar, search_text text)
    ON CONFLICT (record_id) DO UPDATE SET
        form_id = excluded.form_id, form_version = excluded.form_version,
        revision = excluded.revision, content_hash = excluded.content_hash,
        status = excluded.status, deleted = excluded.deleted, updated_at = excluded.updated_at,
        received_at = excluded.received_at, title = excluded.title,
        event_date = excluded.event_date, commune_code = excluded.commune_code,
        search_text = excluded.search_text
    WHERE records.revision < excluded.revision AND records.station_id = excluded.station_id
    RETURNING record_id
    """
)

_FOREIGN = text(
    "SELECT record_id FROM records WHERE record_id = ANY(CAST(:ids AS uuid[])) "
    "AND station_id <> :station_id"
)


def insert_revisions(
    conn: Connection,
    records: list[RecordRevision],
    values_json: list[bytes],
    station_id: int,
    device_id: uuid.UUID,
    batch_id: uuid.UUID,
    now: datetime,
) -> set[tuple[uuid.UUID, int]]:
    """Insert the revisions (in the given order); return the keys actually inserted.

    `values_json` is each record's values already in canonical JSON (from hashing), spliced into
    the row's JSON rather than encoded again."""
    parts = []
    for record, values in zip(records, values_json, strict=True):
        meta = _encoder.encode(
            {
                "record_id": str(record.record_id),
                "revision": record.revision,
                "form_id": record.form_id,
                "form_version": record.form_version,
                "author": record.author,
                "content_hash": record.content_hash,
                "deleted": record.deleted,
                "delete_reason": record.delete_reason,
                "created_at": record.created_at.isoformat(),
                "updated_at": record.updated_at.isoformat(),
                "device_seq": record.device_seq,
                "document_number": record.document_number,
                "amendment_reason": record.amendment_reason,
            }
        )
        parts.append(f'{meta[:-1]},"field_values":{values.decode("utf-8")}}}')
    params = {
        "rows": f"[{','.join(parts)}]",
        "station_id": station_id,
        "device_id": device_id,
        "batch_id": batch_id,
        "received_at": now,
    }
    return {(row[0], row[1]) for row in conn.execute(_INSERT_REVISIONS, params)}


def upsert_heads(
    conn: Connection,
    records: list[RecordRevision],
    projections: Mapping[tuple[uuid.UUID, int], HeadProjection],
    station_id: int,
    now: datetime,
) -> set[uuid.UUID]:
    """Records must be unique by id (PostgreSQL refuses to update one row twice). Returns the ids
    whose head was inserted or updated (RETURNING leaves out the rows the WHERE kept as they were)."""
    rows = []
    for r in records:
        shown = head_projection_row(projections, r)
        rows.append(
            {
                **shown,
                "event_date": _day(shown["event_date"]),
                "record_id": str(r.record_id),
                "form_id": r.form_id,
                "form_version": r.form_version,
                "revision": r.revision,
                "content_hash": r.content_hash,
                "deleted": r.deleted,
                "created_at": r.created_at.isoformat(),
                "updated_at": r.updated_at.isoformat(),
            }
        )
    params = {"rows": _json(rows), "station_id": station_id, "received_at": now}
    return set(conn.execute(_UPSERT_HEADS, params).scalars())


def foreign_record_ids(conn: Connection, ids: list[uuid.UUID], station_id: int) -> set[uuid.UUID]:
    # A UUID needs no quoting, so the array literal is built directly, not element by element.
    literal = "{" + ",".join(str(i) for i in ids) + "}"
    return set(conn.execute(_FOREIGN, {"ids": literal, "station_id": station_id}).scalars())
