"""Sync: the outbox of record revisions to send, the enrolment with the server, the sync history,
what the centre sent back (updates and review decisions)."""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "outbox",
        # id: the order revisions are sent in, and the `device_seq` the server keeps.
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("record_id", sa.String(36), sa.ForeignKey("records.id"), nullable=False),
        sa.Column("revision", sa.Integer, nullable=False),
        sa.Column("state", sa.String(16), nullable=False, server_default="pending"),
        sa.Column("queued_at", sa.String(32), nullable=False),
        sa.Column("sent_at", sa.String(32)),
        sa.Column("attempts", sa.Integer, nullable=False, server_default="0"),
        sa.Column("answered_at", sa.String(32)),
        # The server's reason when it rejected (quarantined) or held aside (conflict) the revision.
        sa.Column("result_code", sa.String(64)),
        sa.Column("result_detail", sa.Text),
        sa.CheckConstraint(
            "state IN ('pending', 'sent', 'acknowledged', 'quarantined', 'conflict')",
            name="ck_outbox_state",
        ),
        sa.UniqueConstraint("record_id", "revision", name="uq_outbox_revision"),
    )
    # What is still to send, in order: a sync with nothing to send reads one empty index range.
    op.execute("CREATE INDEX ix_outbox_unsent ON outbox (id) WHERE state IN ('pending', 'sent')")
    op.create_index("ix_outbox_state", "outbox", ["state", "id"])
    # Records finished before this version are due too (the default policy: on completion): each
    # completed or approved record's current revision, and voids of records that had been completed.
    op.execute(
        "INSERT INTO outbox (record_id, revision, state, queued_at) "
        "SELECT r.id, r.revision, 'pending', strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now') "
        "FROM records r JOIN record_revisions v ON v.record_id = r.id AND v.revision = r.revision "
        "WHERE r.status IN ('completed', 'approved') OR (r.status = 'voided' AND EXISTS ("
        "SELECT 1 FROM record_revisions e WHERE e.record_id = r.id AND e.status = 'completed')) "
        "ORDER BY r.seq"
    )

    # One row: this station's device identity at the server (the private key never leaves here).
    op.create_table(
        "sync_enrolment",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("server_url", sa.Text, nullable=False),
        sa.Column("ca_pem", sa.Text),
        sa.Column("device_id", sa.String(36), nullable=False),
        sa.Column("device_name", sa.String(128), nullable=False),
        sa.Column("device_key", sa.Text, nullable=False),
        sa.Column("station_code", sa.String(32), nullable=False),
        sa.Column("station_name", sa.String(200), nullable=False),
        sa.Column("server_signing_key", sa.String(44), nullable=False),
        sa.Column("server_box_key", sa.String(44), nullable=False),
        sa.Column("enrolled_at", sa.String(32), nullable=False),
        sa.Column("enrolled_by", sa.String(64), nullable=False),
        sa.Column("pull_cursor", sa.Integer, nullable=False, server_default="0"),
        sa.CheckConstraint("id = 1", name="ck_sync_enrolment_single_row"),
    )

    op.create_table(
        "sync_sessions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("kind", sa.String(16), nullable=False),  # network, bundle, receipt
        sa.Column("started_at", sa.String(32), nullable=False),
        sa.Column("finished_at", sa.String(32)),
        sa.Column("outcome", sa.String(16), nullable=False, server_default="running"),
        sa.Column("started_by", sa.String(64), nullable=False),
        sa.Column("sent", sa.Integer, nullable=False, server_default="0"),
        sa.Column("acknowledged", sa.Integer, nullable=False, server_default="0"),
        sa.Column("conflicts", sa.Integer, nullable=False, server_default="0"),
        sa.Column("quarantined", sa.Integer, nullable=False, server_default="0"),
        sa.Column("pulled", sa.Integer, nullable=False, server_default="0"),
        sa.Column("bytes_sent", sa.Integer, nullable=False, server_default="0"),
        sa.Column("bytes_received", sa.Integer, nullable=False, server_default="0"),
        sa.Column("error_code", sa.String(64)),
    )

    # Everything pulled from the centre, by feed cursor: form versions, reference data, revocations.
    op.create_table(
        "sync_updates",
        sa.Column("cursor", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("created_at", sa.String(40), nullable=False),
        sa.Column("payload_json", sa.Text, nullable=False),
        sa.Column("received_at", sa.String(32), nullable=False),
    )
    op.create_index("ix_sync_updates_kind", "sync_updates", ["kind", "cursor"])

    # The centre's review decisions; the newest per record is what the record shows.
    op.create_table(
        "centre_reviews",
        sa.Column("cursor", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("record_id", sa.String(36), nullable=False),
        sa.Column("revision", sa.Integer, nullable=False),
        sa.Column("decision", sa.String(16), nullable=False),
        sa.Column("comment", sa.Text, nullable=False, server_default=""),
        sa.Column("reviewer", sa.String(128), nullable=False, server_default=""),
        sa.Column("received_at", sa.String(32), nullable=False),
    )
    op.create_index("ix_centre_reviews_record", "centre_reviews", ["record_id", "cursor"])


def downgrade() -> None:
    raise NotImplementedError("station databases are only ever upgraded")
