"""Indexes for the console's overview and stations pages (sync health at national size)."""

import sqlalchemy as sa
from alembic import op

revision = "s0006"
down_revision = "s0005"
branch_labels = None
depends_on = None

SUBMITTED = sa.text("status = 'submitted'")
REJECTED = sa.text("rejected > 0")


def upgrade() -> None:
    # Records waiting for review, counted per station from the index alone.
    op.create_index(
        "ix_records_submitted",
        "records",
        ["station_id"],
        postgresql_where=SUBMITTED,
        sqlite_where=SUBMITTED,
    )
    # The alert window (rejections, audit heads) and each device's previous push.
    op.create_index("ix_push_receipts_received_at", "push_receipts", ["received_at"])
    op.create_index("ix_push_receipts_device_id_id", "push_receipts", ["device_id", "id"])
    op.create_index(
        "ix_push_receipts_rejected",
        "push_receipts",
        ["station_id", "received_at"],
        postgresql_where=REJECTED,
        sqlite_where=REJECTED,
    )


def downgrade() -> None:
    op.drop_index("ix_push_receipts_rejected", table_name="push_receipts")
    op.drop_index("ix_push_receipts_device_id_id", table_name="push_receipts")
    op.drop_index("ix_push_receipts_received_at", table_name="push_receipts")
    op.drop_index("ix_records_submitted", table_name="records")
