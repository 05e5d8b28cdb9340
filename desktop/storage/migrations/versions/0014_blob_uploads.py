"""What the centre holds of each attachment blob: `complete` once the server confirmed its whole
SHA-256, `refused` (with the server's code) when it will never take it — a size or media type
over its limits — so the sync stops offering it instead of retrying forever (docs/sync.md,
"Attachments"). A blob without a row is still to upload."""

from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(
        "CREATE TABLE blob_uploads ("
        "sha256 TEXT PRIMARY KEY CHECK (length(sha256) = 64), "
        "state TEXT NOT NULL CHECK (state IN ('complete', 'refused')), "
        "code TEXT, "
        "detail TEXT, "
        "updated_at TEXT NOT NULL)"
    )


def downgrade() -> None:
    raise NotImplementedError("station databases are only ever upgraded")
