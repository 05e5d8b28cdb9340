"""Records sent back to their author: `records.returned_by`.

A record returned by the station chief (their user name) or by the centre (`centre`) keeps its
lifecycle status (completed, or approved when the centre returns an approved record) and gets
`returned_by`; lists show it as "returned" until its author amends it. A column rather than a new
value of `status`: the status CHECK constraint of 0003 could only change by rebuilding the records
table (its FTS rowids, triggers and partial indexes), and the record-count triggers of 0007 stay
true because the stored status does not move.

The partial index holds only the returned records (a handful), so the officer's dashboard tile and
the "returned" filter read a few index entries however many records the station has.

Returns made before this revision are found again: the newest of a record's returned, amended,
approved or completed audit entries being a return, or the centre's newest decision being a
return of the current revision.
"""

from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

_STATION_RETURNS = (
    "UPDATE records SET returned_by = ("
    "SELECT a.actor FROM audit_log a WHERE a.target = records.id AND a.action IN "
    "('record.returned', 'record.amended', 'record.approved', 'record.completed', "
    "'record.voided') ORDER BY a.seq DESC LIMIT 1) "
    "WHERE status = 'completed' AND ("
    "SELECT a.action FROM audit_log a WHERE a.target = records.id AND a.action IN "
    "('record.returned', 'record.amended', 'record.approved', 'record.completed', "
    "'record.voided') ORDER BY a.seq DESC LIMIT 1) = 'record.returned'"
)
_CENTRE_RETURNS = (
    "UPDATE records SET returned_by = 'centre' WHERE status != 'voided' AND EXISTS ("
    "SELECT 1 FROM centre_reviews c WHERE c.record_id = records.id "
    "AND c.cursor = (SELECT max(cursor) FROM centre_reviews x WHERE x.record_id = records.id) "
    "AND c.decision = 'returned' AND records.revision <= c.revision)"
)


def upgrade() -> None:
    op.execute("ALTER TABLE records ADD COLUMN returned_by TEXT")
    op.execute(_STATION_RETURNS)
    op.execute(_CENTRE_RETURNS)
    op.execute(
        "CREATE INDEX ix_records_returned ON records (author, updated_at) "
        "WHERE returned_by IS NOT NULL"
    )


def downgrade() -> None:
    raise NotImplementedError("station databases are only ever upgraded")
