"""Index the audit log by target, so a record's history opens without scanning the whole log."""

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_audit_log_target", "audit_log", ["target", "seq"])


def downgrade() -> None:
    raise NotImplementedError("station databases are only ever upgraded")
