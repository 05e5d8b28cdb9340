"""What the dashboard reads, kept cheap at a million records.

`record_counts`: records by form, status, author and event month, kept by triggers. Counting a
million records by form and status means reading a million index entries (and decrypting their
pages) each time the dashboard opens; a trigger-kept table of a few thousand rows answers at once
and cannot drift, because every change to `records` goes through the triggers.

Two partial indexes hold only the records whose deadlines the dashboard watches: crime reports
(F1) not yet transferred to the investigation agency, and supervision cases (F10) not yet ended.
The dashboard's queries repeat these WHERE clauses word for word, which is what lets SQLite use
a partial index.
"""

from alembic import op
from sqlalchemy import text

from desktop.storage.migrate import report_rows

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

MONTH_NEW = "substr(coalesce(new.event_date, ''), 1, 7)"
MONTH_OLD = "substr(coalesce(old.event_date, ''), 1, 7)"
# Existing records are counted a slice of `seq` at a time: at a million records one GROUP BY took
# 95 s with nothing to show; slices let the first unlock after the update show a progress bar.
SLICE = 20_000
_COUNT_SLICE = text(
    "INSERT INTO record_counts (form_id, status, author, month, n) "
    "SELECT form_id, status, author, substr(coalesce(event_date, ''), 1, 7), count(*) "
    "FROM records WHERE seq > :low AND seq <= :high GROUP BY 1, 2, 3, 4 "
    "ON CONFLICT (form_id, status, author, month) DO UPDATE SET n = n + excluded.n"
)


def _count_existing_records() -> None:
    conn = op.get_bind()
    last = conn.execute(text("SELECT coalesce(max(seq), 0) FROM records")).scalar_one()
    for low in range(0, last, SLICE):
        conn.execute(_COUNT_SLICE, {"low": low, "high": low + SLICE})
        report_rows(min(low + SLICE, last), last)


def upgrade() -> None:
    op.execute(
        "CREATE TABLE record_counts (form_id TEXT NOT NULL, status TEXT NOT NULL, "
        "author TEXT NOT NULL, month TEXT NOT NULL, n INTEGER NOT NULL, "
        "PRIMARY KEY (form_id, status, author, month)) WITHOUT ROWID"
    )
    _count_existing_records()
    add = (
        "INSERT INTO record_counts (form_id, status, author, month, n) "
        f"VALUES (new.form_id, new.status, new.author, {MONTH_NEW}, 1) "
        "ON CONFLICT (form_id, status, author, month) DO UPDATE SET n = n + 1;"
    )
    remove = (
        "UPDATE record_counts SET n = n - 1 WHERE form_id = old.form_id "
        f"AND status = old.status AND author = old.author AND month = {MONTH_OLD};"
    )
    op.execute(f"CREATE TRIGGER records_count_insert AFTER INSERT ON records BEGIN {add} END")
    op.execute(
        "CREATE TRIGGER records_count_update AFTER UPDATE OF form_id, status, author, event_date "
        f"ON records BEGIN {remove} {add} END"
    )
    op.execute(f"CREATE TRIGGER records_count_delete AFTER DELETE ON records BEGIN {remove} END")
    op.execute(
        "CREATE INDEX ix_records_f1_untransferred ON records (event_date) "
        "WHERE form_id = 'F1' AND status != 'voided' "
        "AND coalesce(json_extract(values_json, '$.transferred'), 0) = 0"
    )
    op.execute(
        "CREATE INDEX ix_records_f10_open ON records (event_date) "
        "WHERE form_id = 'F10' AND status != 'voided' "
        "AND json_extract(values_json, '$.end_date') IS NULL"
    )


def downgrade() -> None:
    raise NotImplementedError("station databases are only ever upgraded")
