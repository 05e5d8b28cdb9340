"""SQL for records: rows, revisions, official numbers and the accent-insensitive search index.

Everything here runs inside a transaction the caller opened (`Database.write()` / `read()`); the
lifecycle rules (who may do what, when validation runs) live in `records.py`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, text

from desktop.core.deadlines import Deadline, at_risk, check_in_due, transfer_due
from desktop.core.overview import StationOverview
from desktop.storage import authorship
from domain.forms.evaluation import RecordLookup
from domain.forms.model import FormDefinition, RecordLinkCheck
from domain.records import (
    Projection,
    RecordFilter,
    RecordStatus,
    RecordSummary,
    Revision,
    StoredRecord,
    fts_query,
    order_of,
)

# A returned record keeps its stored status (migration 0010) but lists show it as returned.
_SHOWN_STATUS = (
    "CASE WHEN {p}returned_by IS NULL THEN {p}status "
    f"ELSE '{RecordStatus.RETURNED}' END AS status"
)
_SUMMARY_FIELDS = (
    "seq, id, form_id, form_version, {status}, revision, author, title, event_date, "
    "commune_code, document_number, columns_json, created_at, updated_at"
)
_SUMMARY_COLUMNS = _SUMMARY_FIELDS.format(status=_SHOWN_STATUS.format(p=""))


_LIST_COLUMNS = ", ".join(
    c.strip() if c.strip() == "{status}" else "r." + c.strip() for c in _SUMMARY_FIELDS.split(",")
).format(status=_SHOWN_STATUS.format(p="r."))


def _summary(row: Any) -> RecordSummary:
    # Positional: _SUMMARY_COLUMNS lists the fields in RecordSummary's order (columns_json 12th);
    # lists build thousands of these, and the mapping view costs more than the query.
    return RecordSummary(*(*row[:11], json.loads(row[11]), row[12], row[13]))


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def insert(
    conn: Connection,
    *,
    record_id: str,
    form_id: str,
    form_version: int,
    author: str,
    values: dict[str, Any],
    projection: Projection,
    now: str,
) -> int:
    seq = conn.execute(
        text(
            "INSERT INTO records (id, form_id, form_version, status, revision, author, title, "
            "event_date, commune_code, values_json, columns_json, created_at, updated_at) VALUES "
            f"(:id, :form, :version, '{RecordStatus.DRAFT}', 1, :author, :title, :event, :commune, "
            ":values, :columns, :now, :now) RETURNING seq"
        ),
        dict(
            id=record_id,
            form=form_id,
            version=form_version,
            author=author,
            title=projection.title,
            event=projection.event_date,
            commune=projection.commune_code,
            values=_dumps(values),
            columns=_dumps(projection.columns),
            now=now,
        ),
    ).scalar_one()
    index(conn, seq, projection.search_text)
    return seq


def insert_many(conn: Connection, rows: list[dict[str, Any]]) -> None:
    """Bulk insert (imports, benchmarks): each row has the `insert()` keywords; drafts, revision 1."""
    first = conn.execute(text("SELECT coalesce(max(seq), 0) + 1 FROM records")).scalar_one()
    params = []
    for offset, row in enumerate(rows):
        projection: Projection = row["projection"]
        params.append(
            dict(
                seq=first + offset,
                id=row["record_id"],
                form=row["form_id"],
                version=row["form_version"],
                author=row["author"],
                title=projection.title,
                event=projection.event_date,
                commune=projection.commune_code,
                values=_dumps(row["values"]),
                columns=_dumps(projection.columns),
                now=row["now"],
                body=projection.search_text,
            )
        )
    conn.execute(
        text(
            "INSERT INTO records (seq, id, form_id, form_version, status, revision, author, title, "
            "event_date, commune_code, values_json, columns_json, created_at, updated_at) VALUES "
            f"(:seq, :id, :form, :version, '{RecordStatus.DRAFT}', 1, :author, :title, :event, "
            ":commune, :values, :columns, :now, :now)"
        ),
        params,
    )
    conn.execute(text("INSERT INTO records_fts (rowid, body) VALUES (:seq, :body)"), params)


def update_values(
    conn: Connection,
    seq: int,
    values: dict[str, Any],
    projection: Projection,
    now: str,
    **changes: Any,
) -> None:
    """New values (and any of status, revision, overrides, timestamps) for the record `seq`."""
    assignments = {
        "values_json": _dumps(values),
        "title": projection.title,
        "event_date": projection.event_date,
        "commune_code": projection.commune_code,
        "columns_json": _dumps(projection.columns),
        "updated_at": now,
        **_columns(changes),
    }
    sets = ", ".join(f"{column} = :{column}" for column in assignments)
    conn.execute(text(f"UPDATE records SET {sets} WHERE seq = :seq"), {**assignments, "seq": seq})
    index(conn, seq, projection.search_text)


def _columns(changes: dict[str, Any]) -> dict[str, Any]:
    """Column values as stored: JSON columns (dicts) serialised."""
    return {k: _dumps(v) if isinstance(v, dict) else v for k, v in changes.items()}


def set_fields(conn: Connection, seq: int, **changes: Any) -> None:
    changes = _columns(changes)
    sets = ", ".join(f"{column} = :{column}" for column in changes)
    conn.execute(text(f"UPDATE records SET {sets} WHERE seq = :seq"), {**changes, "seq": seq})


def index(conn: Connection, seq: int, search_text: str) -> None:
    conn.execute(
        text("INSERT OR REPLACE INTO records_fts (rowid, body) VALUES (:seq, :body)"),
        dict(seq=seq, body=search_text),
    )


def add_revision(
    conn: Connection,
    record_id: str,
    revision: int,
    status: str,
    values: dict[str, Any],
    changed_by: str,
    now: str,
    reason: str = "",
) -> None:
    conn.execute(
        text(
            "INSERT INTO record_revisions (record_id, revision, status, values_json, changed_by, "
            "changed_at, reason) VALUES (:id, :rev, :status, :values, :by, :at, :reason)"
        ),
        dict(
            id=record_id,
            rev=revision,
            status=status,
            values=_dumps(values),
            by=changed_by,
            at=now,
            reason=reason,
        ),
    )
    authorship.sign_revision(conn, record_id, revision)


def allocate_number(conn: Connection, kind: str, year: int) -> int:
    """Next official number of `kind` in `year`: gap-free, since the caller's transaction holds the
    write lock and a rollback takes the number back with everything else."""
    return conn.execute(
        text(
            "INSERT INTO document_counters (kind, year, last_number) VALUES (:kind, :year, 1) "
            "ON CONFLICT (kind, year) DO UPDATE SET last_number = last_number + 1 "
            "RETURNING last_number"
        ),
        dict(kind=kind, year=year),
    ).scalar_one()


def load(conn: Connection, record_id: str, *, with_revisions: bool = False) -> StoredRecord | None:
    row = conn.execute(
        text(
            f"SELECT {_SUMMARY_COLUMNS}, values_json, overrides_json, completed_at, approved_at, "
            "approved_by, void_reason, returned_by FROM records WHERE id = :id"
        ),
        dict(id=record_id),
    ).one_or_none()
    if row is None:
        return None
    data = dict(row._mapping)
    extra = {
        k: data.pop(k)
        for k in (
            "values_json",
            "overrides_json",
            "completed_at",
            "approved_at",
            "approved_by",
            "void_reason",
            "returned_by",
        )
    }
    revisions: tuple[Revision, ...] = ()
    if with_revisions:
        rows = conn.execute(
            text(
                "SELECT revision, status, values_json, changed_by, changed_at, reason "
                "FROM record_revisions WHERE record_id = :id ORDER BY revision"
            ),
            dict(id=record_id),
        )
        revisions = tuple(Revision(r[0], r[1], json.loads(r[2]), *r[3:]) for r in rows)
    data["columns"] = json.loads(data.pop("columns_json"))
    return StoredRecord(
        summary=RecordSummary(**data),
        values=json.loads(extra["values_json"]),
        overrides=json.loads(extra["overrides_json"]),
        completed_at=extra["completed_at"],
        approved_at=extra["approved_at"],
        approved_by=extra["approved_by"],
        void_reason=extra["void_reason"],
        revisions=revisions,
        returned_by=extra["returned_by"],
    )


def numbers_and_titles(
    conn: Connection, record_ids: Iterable[str]
) -> dict[str, tuple[str | None, str]]:
    """Record id → (official number or None for a draft, title), for the ids that are here."""
    ids = sorted(set(record_ids))
    found: dict[str, tuple[str | None, str]] = {}
    for start in range(0, len(ids), 500):  # SQLite's limit of bound parameters
        chunk = ids[start : start + 500]
        marks = ", ".join(f":i{n}" for n in range(len(chunk)))
        rows = conn.execute(
            text(f"SELECT id, document_number, title FROM records WHERE id IN ({marks})"),
            {f"i{n}": record_id for n, record_id in enumerate(chunk)},
        )
        found.update({row[0]: (row[1], row[2]) for row in rows})
    return found


def _where(filters: RecordFilter) -> tuple[list[str], dict[str, Any]]:
    clauses: list[str] = []
    params: dict[str, Any] = {}
    for column in ("form_id", "author", "commune_code"):
        value = getattr(filters, column)
        if value:
            clauses.append(f"r.{column} = :{column}")
            params[column] = value
    if filters.status == RecordStatus.RETURNED:
        clauses.append("r.returned_by IS NOT NULL")
    elif filters.status:
        clauses.append("r.status = :status AND r.returned_by IS NULL")
        params["status"] = filters.status
    if filters.date_from:
        clauses.append("r.event_date >= :date_from")
        params["date_from"] = filters.date_from
    if filters.date_to:
        clauses.append("r.event_date <= :date_to")
        params["date_to"] = filters.date_to
    if not filters.include_voided and filters.status != RecordStatus.VOIDED:
        clauses.append(f"r.status != '{RecordStatus.VOIDED}'")
    return clauses, params


def page(
    conn: Connection,
    filters: RecordFilter,
    *,
    limit: int = 100,
    after: tuple[Any, ...] | None = None,
) -> list[RecordSummary]:
    """One page, newest first (see `order_of`); `after` comes from `cursor_of` of the last row."""
    clauses, params = _where(filters)
    column = order_of(filters)
    columns = _LIST_COLUMNS
    if filters.text:
        match = fts_query(filters.text)
        if not match:
            return []
        # FTS5 walks its doclists in rowid order, so ORDER BY rowid DESC + LIMIT stops early even
        # when a common name matches hundreds of thousands of records.
        source = "records_fts f JOIN records r ON r.seq = f.rowid"
        clauses.insert(0, "records_fts MATCH :match")
        params["match"] = match
        order = "f.rowid DESC"
        if after is not None:
            clauses.append("f.rowid < :after_seq")
            params["after_seq"] = after[0]
    else:
        source = "records r"
        order = f"r.{column} DESC, r.seq DESC"
        if after is not None:
            clauses.append(f"(r.{column}, r.seq) < (:after_key, :after_seq)")
            params.update(after_key=after[0], after_seq=after[1])
    where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
    # Straight to the driver, with the limit written into the SQL: measured on a page of 50, a
    # bound LIMIT costs ~0.4 ms more and text() ~1 ms more, several times the query itself.
    rows = conn.exec_driver_sql(
        f"SELECT {columns} FROM {source} {where} ORDER BY {order} LIMIT {int(limit)}", params
    )
    return [_summary(row) for row in rows]


def count(conn: Connection, filters: RecordFilter) -> int:
    clauses, params = _where(filters)
    source = "records r"
    if filters.text:
        match = fts_query(filters.text)
        if not match:
            return 0
        source = "records_fts f JOIN records r ON r.seq = f.rowid"
        clauses.insert(0, "records_fts MATCH :match")
        params["match"] = match
    where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
    return conn.exec_driver_sql(f"SELECT count(*) FROM {source} {where}", params).scalar_one()


# Read through the partial indexes of migration 0007 (their WHERE clauses word for word; INDEXED
# BY makes SQLite use them, or fail loudly if they ever stop matching).
F1_UNTRANSFERRED = (
    "SELECT id, title, document_number, json_extract(values_json, '$.received_at') "
    "FROM records INDEXED BY ix_records_f1_untransferred WHERE form_id = 'F1' "
    f"AND status != '{RecordStatus.VOIDED}' "
    "AND coalesce(json_extract(values_json, '$.transferred'), 0) = 0"
)
F10_OPEN = (
    "SELECT id, title, document_number, values_json FROM records INDEXED BY ix_records_f10_open "
    f"WHERE form_id = 'F10' AND status != '{RecordStatus.VOIDED}' "
    "AND json_extract(values_json, '$.end_date') IS NULL"
)


def overview(conn: Connection, user: str, day_start: str) -> StationOverview:
    """Counts from the trigger-kept `record_counts` (a few thousand rows, however many records)
    and the records changed since `day_start` (an index range over today's rows only)."""
    by_form_status: dict[str, dict[str, int]] = {}
    by_month: dict[str, dict[str, int]] = {}
    my_drafts = waiting = 0
    for form_id, status, author, month, n in conn.exec_driver_sql(
        "SELECT form_id, status, author, month, n FROM record_counts WHERE n > 0"
    ):
        statuses = by_form_status.setdefault(form_id, {})
        statuses[status] = statuses.get(status, 0) + n
        if status != RecordStatus.VOIDED and month:
            forms = by_month.setdefault(month, {})
            forms[form_id] = forms.get(form_id, 0) + n
        if status == RecordStatus.DRAFT and author == user:
            my_drafts += n
        elif status == RecordStatus.COMPLETED:
            waiting += n
    changed_today, mine_today = conn.exec_driver_sql(
        "SELECT count(*), coalesce(sum(author = :user), 0) FROM records WHERE updated_at >= :since",
        {"user": user, "since": day_start},
    ).one()
    # Returned records keep their stored status in record_counts; the partial index of migration
    # 0010 finds the few there are, so each is counted once, as returned, not as waiting.
    returned_to_me = 0
    for form_id, status, author, n in conn.exec_driver_sql(
        "SELECT form_id, status, author, count(*) FROM records INDEXED BY ix_records_returned "
        "WHERE returned_by IS NOT NULL GROUP BY 1, 2, 3"
    ):
        statuses = by_form_status.setdefault(form_id, {})
        statuses[status] = statuses.get(status, 0) - n
        statuses[RecordStatus.RETURNED] = statuses.get(RecordStatus.RETURNED, 0) + n
        waiting -= n if status == RecordStatus.COMPLETED else 0
        returned_to_me += n if author == user else 0
    return StationOverview(
        by_form_status,
        by_month,
        my_drafts,
        waiting,
        changed_today,
        mine_today,
        returned_to_me=returned_to_me,
    )


def mark_returned(conn: Connection, seq: int, by: str) -> None:
    """The record is back with its author (`by`: the chief's user name or "centre")."""
    conn.execute(
        text("UPDATE records SET returned_by = :by WHERE seq = :seq"), dict(by=by, seq=seq)
    )


def supervisors(conn: Connection) -> int:
    """How many active supervisors the station has (self-approval is allowed only when one)."""
    return conn.execute(
        text("SELECT count(*) FROM users WHERE role = 'supervisor' AND status = 'active'")
    ).scalar_one()


def category_by_month(
    conn: Connection, form_id: str, field_path: str, since: str
) -> dict[str, dict[str, int]]:
    """{"2026-11": {"trat_tu_cong_cong": 4, …}}: a form's records (voided left out) by event month
    from `since` ("YYYY-MM-DD") and by the value of one choice field. It reads the values of the
    form's records in the period — fine on demand, which is how the dashboard asks for it."""
    counts: dict[str, dict[str, int]] = {}
    rows = conn.exec_driver_sql(
        "SELECT substr(event_date, 1, 7), json_extract(values_json, :path), count(*) "
        f"FROM records WHERE form_id = :form AND status != '{RecordStatus.VOIDED}' "
        "AND event_date >= :since "
        "GROUP BY 1, 2",
        {"path": "$." + field_path, "form": form_id, "since": since},
    )
    for month, value, n in rows:
        counts.setdefault(month, {})[str(value) if value is not None else ""] = n
    return counts


def deadlines(conn: Connection, now: datetime, transfer_hours: int) -> list[Deadline]:
    """Crime reports not transferred and supervision check-ins, at risk or missed at `now` (the
    station's local time, naive like the times typed in the forms), soonest first."""
    allowed = timedelta(hours=transfer_hours)
    found: list[Deadline] = []
    for record_id, title, number, received in conn.exec_driver_sql(F1_UNTRANSFERRED):
        due = transfer_due({"received_at": received}, transfer_hours)
        if due is not None and at_risk(due, now, allowed):
            found.append(Deadline(record_id, "transfer", title, number, due, due <= now))
    today = now.date()
    for record_id, title, number, values in conn.exec_driver_sql(F10_OPEN):
        day = check_in_due(json.loads(values), today)
        if day is not None and day <= today + timedelta(days=3):
            due = datetime.combine(day, datetime.min.time())
            found.append(Deadline(record_id, "check_in", title, number, due, day < today))
    return sorted(found, key=lambda d: d.due)


def _number_key(number: str) -> str:
    """A document number compared as the officer means it: "5/HS-GS" is "05/HS-GS"."""
    head, _, symbol = number.strip().upper().partition("/")
    return f"{int(head)}/{symbol}" if head.isdigit() else number.strip().upper()


def record_lookup(conn: Connection, form: FormDefinition) -> RecordLookup | None:
    """What `form`'s `record_link` checks look document numbers up in: the values of every live
    (not voided) numbered record of the forms they name, read once (a station keeps some hundreds
    of F10 files; the form index `ix_records_form_updated` finds them). None when the form
    links to no other record."""
    targets = {c.form for c in form.checks if isinstance(c, RecordLinkCheck)}
    if not targets:
        return None
    index: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for target in sorted(targets):
        rows = conn.exec_driver_sql(
            "SELECT document_number, values_json FROM records WHERE form_id = :form "
            f"AND status != '{RecordStatus.VOIDED}' AND document_number IS NOT NULL",
            {"form": target},
        )
        for number, values_json in rows:
            index.setdefault((target, _number_key(number)), []).append(json.loads(values_json))

    def lookup(form_id: str, number: str) -> list[dict[str, Any]]:
        return index.get((form_id, _number_key(number)), [])

    return lookup
