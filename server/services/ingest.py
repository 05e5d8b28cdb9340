"""Push: validate a batch record by record, then store it with a handful of set-based statements."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from pydantic import ValidationError
from sqlalchemy import Connection, Engine, delete, select, tuple_

from protocol import FEED_HINT_VERSION, MAX_PROTOCOL_VERSION, MIN_PROTOCOL_VERSION
from protocol.canonical import (
    MAX_VALUE_DEPTH,
    canonical_json,
    content_hash_with_values,
    values_problem,
)
from protocol.errors import ErrorCode
from protocol.messages import (
    MAX_BATCH_RECORDS,
    PushResponse,
    PushStatus,
    RecordProblem,
    RecordResult,
    RecordRevision,
    SignedRoster,
)
from server.core.sql import insert_ignore
from server.errors import ServerError
from server.models import Conflict, PushReceipt, Record, RecordRevisionRow
from server.services import (
    audit_anchors,
    authors,
    blobs,
    catalog,
    feed,
    law,
    record_checks,
    store_pg,
)
from server.services.auth import AuthenticatedDevice
from server.services.batch import Envelope, parse_envelope, validation_summary
from server.services.record_checks import HeadProjections
from server.services.store import store_revisions

_records = Record.__table__
_revisions = RecordRevisionRow.__table__
_conflicts = Conflict.__table__


@dataclass
class _Batch:
    """Working state of one push: the answer per index and the records still in the running."""

    results: dict[int, RecordResult] = field(default_factory=dict)
    candidates: list[tuple[int, RecordRevision]] = field(default_factory=list)
    # Canonical JSON of each candidate's values, made for its hash and reused for the insert.
    encoded: dict[tuple[uuid.UUID, int, str], bytes] = field(default_factory=dict)
    # What lists and search show of each checked revision, stored on the record's head.
    projections: HeadProjections = field(default_factory=HeadProjections)

    def reject(
        self,
        index: int,
        raw: Any,
        code: ErrorCode,
        detail: str,
        problems: list[RecordProblem] | None = None,
    ) -> None:
        record_id = raw.get("record_id") if isinstance(raw, dict) else None
        revision = raw.get("revision") if isinstance(raw, dict) else None
        self.results[index] = RecordResult(
            index=index,
            # Echoed for the station to match, unless it is text no answer may carry.
            record_id=record_id if isinstance(record_id, str) and "\x00" not in record_id else None,
            revision=revision
            if isinstance(revision, int) and not isinstance(revision, bool)
            else None,
            status=PushStatus.REJECTED,
            code=code,
            detail=detail[:300],
            problems=problems,
        )

    def answer(self, index: int, record: RecordRevision, status: PushStatus) -> None:
        # Built from validated values: skip validating them a second time.
        self.results[index] = RecordResult.model_construct(
            index=index,
            record_id=str(record.record_id),
            revision=record.revision,
            status=status,
            code=None,
            detail=None,
        )


_PROBLEMS = {
    "depth": (ErrorCode.RECORD_TOO_DEEP, f"values nest deeper than {MAX_VALUE_DEPTH} levels"),
    "nul": (ErrorCode.RECORD_SCHEMA, "text contains U+0000"),
    "float": (ErrorCode.RECORD_SCHEMA, "a float that cannot be stored exactly; send it as text"),
}


def _validate(batch: _Batch, index: int, raw: Any, device: AuthenticatedDevice) -> None:
    """Per-record checks that need no database; a failure rejects this record only."""
    problem = values_problem(raw.get("values")) if isinstance(raw, dict) else None
    if problem is not None:
        batch.reject(index, raw, *_PROBLEMS[problem])
        return
    try:
        record = RecordRevision.model_validate(raw)
    except ValidationError as exc:
        batch.reject(index, raw, ErrorCode.RECORD_SCHEMA, validation_summary(exc))
        return
    if record.station_code != device.station_code:
        batch.reject(index, raw, ErrorCode.WRONG_STATION, "record belongs to another station")
        return
    try:
        values_json = canonical_json(record.values)
        expected = content_hash_with_values(record.hashed_document(), values_json)
    except UnicodeEncodeError:  # a subclass of ValueError, so first
        batch.reject(index, raw, ErrorCode.INVALID_UTF8, "text is not valid Unicode")
        return
    except (ValueError, OverflowError):
        batch.reject(index, raw, ErrorCode.RECORD_SCHEMA, "values are not canonical JSON")
        return
    if expected != record.content_hash:
        batch.reject(
            index, raw, ErrorCode.RECORD_HASH_MISMATCH, f"content hash should be {expected}"
        )
        return
    batch.candidates.append((index, record))
    batch.encoded[(record.record_id, record.revision, record.content_hash)] = values_json


def _check_authors(batch: _Batch, roster: SignedRoster | None) -> None:
    """Each candidate must be signed by its author's certified key (AUTHOR_FORGED otherwise)."""
    kept = []
    for index, record in batch.candidates:
        values_json = batch.encoded[(record.record_id, record.revision, record.content_hash)]
        reason = authors.forgery(record, values_json, roster)
        if reason is None:
            kept.append((index, record))
            continue
        marker = {"record_id": str(record.record_id), "revision": record.revision}
        batch.reject(index, marker, ErrorCode.AUTHOR_FORGED, reason)
    batch.candidates = kept


def _check_against_forms(conn: Connection, batch: _Batch) -> None:
    """Each candidate's form version must be registered and its values must pass the form's
    rules (the station's own validation, run again here); the survivors get their projection."""
    forms = {
        key: catalog.form_definition(conn, *key)
        for key in sorted({(r.form_id, r.form_version) for _, r in batch.candidates})
    }
    law_in_force = law.catalogue_in_force(conn)
    kept = []
    for index, record in batch.candidates:
        form = forms[(record.form_id, record.form_version)]
        marker = {"record_id": str(record.record_id), "revision": record.revision}
        if form is None:
            batch.reject(
                index,
                marker,
                ErrorCode.UNKNOWN_FORM_VERSION,
                f"form {record.form_id} version {record.form_version} is not registered",
            )
            continue
        problems = record_checks.blocking_problems(form, record, law_in_force)
        if problems:
            where = ", ".join(f"{p.path or '-'}: {p.code}" for p in problems[:5])
            batch.reject(index, marker, ErrorCode.RECORD_INVALID, where, problems)
            continue
        batch.projections.add(record, form)
        kept.append((index, record))
    batch.candidates = kept


def _foreign_ids(
    conn: Connection, candidates: list[tuple[int, RecordRevision]], station_id: int
) -> set[uuid.UUID]:
    """The candidates' record ids whose head belongs to another station (committed rows)."""
    ids = list({r.record_id for _, r in candidates})
    if not ids:
        return set()
    if conn.dialect.name == "postgresql":
        return store_pg.foreign_record_ids(conn, ids, station_id)
    return set(
        conn.execute(
            select(_records.c.record_id).where(
                _records.c.record_id.in_(ids), _records.c.station_id != station_id
            )
        ).scalars()
    )


def _wrong_station(
    batch: _Batch, candidates: list[tuple[int, RecordRevision]], foreign: set[uuid.UUID]
) -> list[tuple[int, RecordRevision]]:
    """Reject the candidates whose id is in `foreign` (WRONG_STATION); return the others."""
    kept = []
    for index, record in candidates:
        if record.record_id in foreign:
            batch.reject(
                index,
                {"record_id": str(record.record_id), "revision": record.revision},
                ErrorCode.WRONG_STATION,
                "record id belongs to another station",
            )
        else:
            kept.append((index, record))
    return kept


def _reject_foreign_records(conn: Connection, batch: _Batch, station_id: int) -> None:
    """A record id already owned by another station cannot be written to from this one.

    This is the cheap, common case, before anything is written; `_release_raced_records`
    settles the ids another station claimed while this transaction ran."""
    foreign = _foreign_ids(conn, batch.candidates, station_id)
    if foreign:
        batch.candidates = _wrong_station(batch, batch.candidates, foreign)


def _release_raced_records(
    conn: Connection,
    batch: _Batch,
    stored: list[tuple[int, RecordRevision]],
    unstored: list[tuple[int, RecordRevision]],
    device: AuthenticatedDevice,
    claimed: set[uuid.UUID],
) -> tuple[list[tuple[int, RecordRevision]], list[tuple[int, RecordRevision]]]:
    """Two stations pushing the same new record id at once: exactly one keeps it.

    Both pass `_reject_foreign_records` (neither head is committed yet). The writes then meet
    on a unique index — the revision's primary key, or the head's, which `_advance_heads`
    upserts for every stored revision — so the later transaction waits until the earlier one
    commits. Read again now (READ COMMITTED: a fresh snapshot per statement), the id is owned
    by the winner; the loser removes the revisions it inserted under that id (its head upsert
    changed nothing: it only touches heads of its own station) and answers WRONG_STATION,
    never `conflict` or `stored`.

    Only ids outside `claimed` are read again: a head this transaction inserted or advanced for
    its own station is owned by it, and the row stays locked until the commit. A batch of new
    revisions of this station's own records, the usual push, needs no read at all."""
    unproven = [(i, r) for i, r in stored + unstored if r.record_id not in claimed]
    foreign = _foreign_ids(conn, unproven, device.station_id)
    if not foreign:
        return stored, unstored
    taken = sorted({(r.record_id, r.revision) for _, r in stored if r.record_id in foreign})
    for start in range(0, len(taken), 1000):
        conn.execute(
            delete(_revisions).where(
                tuple_(_revisions.c.record_id, _revisions.c.revision).in_(
                    taken[start : start + 1000]
                ),
                _revisions.c.station_id == device.station_id,
            )
        )
    return _wrong_station(batch, stored, foreign), _wrong_station(batch, unstored, foreign)


def _classify_unstored(
    conn: Connection,
    batch: _Batch,
    unstored: list[tuple[int, RecordRevision]],
    device: AuthenticatedDevice,
    batch_id: uuid.UUID,
    now: datetime,
) -> None:
    """Same id and revision already stored: same hash is a duplicate, anything else a conflict."""
    keys = sorted({(r.record_id, r.revision) for _, r in unstored})
    stored_hash: dict[tuple[uuid.UUID, int], str] = {}
    for start in range(0, len(keys), 1000):
        chunk = keys[start : start + 1000]
        rows = conn.execute(
            select(_revisions.c.record_id, _revisions.c.revision, _revisions.c.content_hash).where(
                tuple_(_revisions.c.record_id, _revisions.c.revision).in_(chunk)
            )
        ).all()
        stored_hash.update({(r[0], r[1]): r[2] for r in rows})
    conflicts = []
    for index, record in unstored:
        if stored_hash.get((record.record_id, record.revision)) == record.content_hash:
            batch.answer(index, record, PushStatus.DUPLICATE)
            continue
        batch.answer(index, record, PushStatus.CONFLICT)
        conflicts.append(
            {
                "record_id": record.record_id,
                "revision": record.revision,
                "content_hash": record.content_hash,
                "station_id": device.station_id,
                "device_id": device.device_id,
                "batch_id": batch_id,
                "payload": record.model_dump(mode="json"),
                "received_at": now,
            }
        )
    if conflicts:
        conn.execute(
            insert_ignore(conn, _conflicts, ["record_id", "revision", "content_hash"]), conflicts
        )


def push(
    engine: Engine, device: AuthenticatedDevice, document: Any, *, bundle: bool = False
) -> PushResponse:
    """Store what is new, recognise what is not, reject what is wrong; one answer per record.
    `bundle`: the batch comes from an offline bundle (its audit head may be late)."""
    envelope: Envelope = parse_envelope(document)
    if not MIN_PROTOCOL_VERSION <= envelope.protocol_version <= MAX_PROTOCOL_VERSION:
        raise ServerError(
            ErrorCode.UNSUPPORTED_PROTOCOL_VERSION,
            f"server speaks {MIN_PROTOCOL_VERSION}-{MAX_PROTOCOL_VERSION}",
        )
    if envelope.pull_cursor is not None and envelope.protocol_version < FEED_HINT_VERSION:
        raise ServerError(ErrorCode.VALIDATION_ERROR, "pull_cursor needs protocol version 4")
    if len(envelope.records) > MAX_BATCH_RECORDS:
        raise ServerError(ErrorCode.BATCH_TOO_LARGE, f"at most {MAX_BATCH_RECORDS} records a batch")
    batch = _Batch()
    for index, raw in enumerate(envelope.records):
        _validate(batch, index, raw, device)
    now = datetime.now(UTC)
    try:
        return _store(engine, device, envelope, batch, now, bundle)
    except audit_anchors.AuditRefused as refusal:
        # The transaction rolled back: nothing of the batch is stored, only the evidence.
        raise audit_anchors.record_refusal(engine, device, refusal, now) from None


def _store(
    engine: Engine,
    device: AuthenticatedDevice,
    envelope: Envelope,
    batch: _Batch,
    now: datetime,
    bundle: bool,
) -> PushResponse:
    with engine.begin() as conn:
        roster = authors.current_roster(conn, device.station_id, envelope.roster, now)
        anchored = audit_anchors.anchor(
            conn,
            device,
            envelope.audit_head,
            envelope.audit_anchor,
            envelope.restore,
            now,
            roster=roster,
            bundle=bundle,
        )
        _check_authors(batch, roster)
        _check_against_forms(conn, batch)
        _reject_foreign_records(conn, batch, device.station_id)
        stored, unstored, claimed = store_revisions(
            conn, batch.candidates, device, envelope.batch_id, now, batch.encoded, batch.projections
        )
        stored, unstored = _release_raced_records(conn, batch, stored, unstored, device, claimed)
        for index, record in stored:
            batch.answer(index, record, PushStatus.STORED)
        blobs.record_lists(conn, device.station_id, stored)
        if unstored:
            _classify_unstored(conn, batch, unstored, device, envelope.batch_id, now)
        blobs.mark_attachments(conn, device.station_id, batch.results, batch.candidates)
        response = _response(batch, envelope.batch_id, len(envelope.records), anchored)
        _write_receipt(conn, device, envelope, response, now)
        if envelope.pull_cursor is not None:  # not in the receipt: it is no fact of the batch
            waiting = feed.waiting(conn, device.station_id, envelope.pull_cursor)
            response = response.model_copy(update={"feed_waiting": waiting})
    return response


def _response(batch: _Batch, batch_id: uuid.UUID, total: int, anchored: int | None) -> PushResponse:
    results = [batch.results[i] for i in range(total)]
    counts = dict.fromkeys(PushStatus, 0)
    for result in results:
        counts[result.status] += 1
    return PushResponse(
        batch_id=batch_id,
        stored=counts[PushStatus.STORED],
        duplicate=counts[PushStatus.DUPLICATE],
        conflict=counts[PushStatus.CONFLICT],
        rejected=counts[PushStatus.REJECTED],
        results=results,
        anchored_seq=anchored,
    )


def _write_receipt(
    conn: Connection,
    device: AuthenticatedDevice,
    envelope: Envelope,
    response: PushResponse,
    now: datetime,
) -> None:
    table = PushReceipt.__table__
    head = envelope.audit_head
    conn.execute(
        insert_ignore(conn, table, ["device_id", "batch_id"]),
        {
            "device_id": device.device_id,
            "station_id": device.station_id,
            "batch_id": envelope.batch_id,
            "received_at": now,
            "record_count": len(envelope.records),
            "stored": response.stored,
            "duplicate": response.duplicate,
            "conflict": response.conflict,
            "rejected": response.rejected,
            "audit_seq": head.seq if head else None,
            "audit_hash": head.hash if head else None,
        },
    )
