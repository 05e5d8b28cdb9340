"""Report conflicts with the centre: `report_sync_conflicts`.

A submitted report the centre already holds with other content (its answer `conflict`) used to
stay waiting and be sent again at every sync, with nothing to do about it. It now gets a row here
with the hash the centre holds: it is not sent again until a supervisor decides, on the Sync
page, either to keep the centre's copy (the row goes, the report counts as delivered) or to send
the station's copy as a replacement of exactly that hash (`replace_requested_at`; protocol
version 2, docs/protocol.md). A table of its own rather than columns on `reports`: only the sync
reads and writes it, and it stays empty at almost every station.
"""

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "report_sync_conflicts",
        sa.Column("report_id", sa.String(36), sa.ForeignKey("reports.id"), primary_key=True),
        # The content hash the centre holds under this report id (its answer's stored_hash).
        sa.Column("centre_hash", sa.String(64), nullable=False),
        sa.Column("detected_at", sa.String(32), nullable=False),
        # Set when a supervisor chose to send the station's copy as a replacement.
        sa.Column("replace_requested_at", sa.String(32)),
        sa.Column("replace_requested_by", sa.String(128)),
    )


def downgrade() -> None:
    raise NotImplementedError("station databases are only ever upgraded")
