"""Periodic reports (draft → submitted, frozen on submission) and the versioned station profile
whose Resolution 12 indicators they print."""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Every save is a new version; none is changed or removed, so last year's report can show the
    # profile as it stood then.
    op.create_table(
        "station_profile",
        sa.Column("version", sa.Integer, primary_key=True),
        sa.Column("as_of", sa.String(10), nullable=False),  # the day the figures are true on
        sa.Column("values_json", sa.Text, nullable=False),
        sa.Column("changed_by", sa.String(32), nullable=False),
        sa.Column("changed_at", sa.String(32), nullable=False),
    )
    op.create_index("ix_station_profile_as_of", "station_profile", ["as_of", "version"])
    op.execute(
        "CREATE TRIGGER station_profile_no_update BEFORE UPDATE ON station_profile "
        "BEGIN SELECT RAISE(ABORT, 'station profile versions are never changed'); END"
    )
    op.execute(
        "CREATE TRIGGER station_profile_no_delete BEFORE DELETE ON station_profile "
        "BEGIN SELECT RAISE(ABORT, 'station profile versions are never removed'); END"
    )

    op.create_table(
        "reports",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("period_code", sa.String(32), nullable=False, unique=True),
        sa.Column("period_kind", sa.String(16), nullable=False),
        sa.Column("start_date", sa.String(10), nullable=False),
        sa.Column("end_date", sa.String(10), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("narrative_json", sa.Text, nullable=False, server_default="{}"),
        sa.Column("created_by", sa.String(32), nullable=False),
        sa.Column("created_at", sa.String(32), nullable=False),
        sa.Column("updated_at", sa.String(32), nullable=False),
        # Filled once, at submission, never again: the numbers, the narrative and who signed.
        sa.Column("doc_year", sa.Integer),
        sa.Column("doc_number", sa.Integer),
        sa.Column("document_number", sa.String(48)),
        sa.Column("submitted_by", sa.String(32)),
        sa.Column("submitted_at", sa.String(32)),
        sa.Column("frozen_json", sa.Text),
        sa.Column("content_hash", sa.String(64)),
        # The centre has not acknowledged the submitted report yet (see docs/reports.md).
        sa.Column("sync_pending", sa.Integer, nullable=False, server_default="0"),
        sa.Column("synced_at", sa.String(32)),
        sa.CheckConstraint("status IN ('draft', 'submitted')", name="ck_reports_status"),
        sa.UniqueConstraint("doc_year", "doc_number", name="uq_reports_document"),
    )
    op.create_index("ix_reports_end", "reports", ["end_date", "id"])
    op.create_index("ix_reports_sync", "reports", ["sync_pending"])
    # A submitted report is frozen: only its sync flags may still change, and it is never removed.
    op.execute(
        "CREATE TRIGGER reports_frozen BEFORE UPDATE ON reports WHEN OLD.status = 'submitted' AND ("
        "NEW.status IS NOT OLD.status OR NEW.frozen_json IS NOT OLD.frozen_json "
        "OR NEW.content_hash IS NOT OLD.content_hash OR NEW.narrative_json IS NOT OLD.narrative_json "
        "OR NEW.period_code IS NOT OLD.period_code OR NEW.document_number IS NOT OLD.document_number "
        "OR NEW.submitted_at IS NOT OLD.submitted_at OR NEW.submitted_by IS NOT OLD.submitted_by) "
        "BEGIN SELECT RAISE(ABORT, 'a submitted report is frozen'); END"
    )
    op.execute(
        "CREATE TRIGGER reports_no_delete_submitted BEFORE DELETE ON reports "
        "WHEN OLD.status = 'submitted' "
        "BEGIN SELECT RAISE(ABORT, 'a submitted report is never removed'); END"
    )


def downgrade() -> None:
    raise NotImplementedError("station databases are only ever upgraded")
