"""Attachment blobs sent by stations: one row per (station, content hash), its bytes in 1 MiB
chunks; and the files each stored revision lists (protocol.attachments, docs/protocol.md
"Attachments")."""

import sqlalchemy as sa
from alembic import op

revision = "s0016"
down_revision = "s0015"
branch_labels = None
depends_on = None

TS = sa.DateTime(timezone=True)
BIG_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "blobs",
        sa.Column("id", BIG_ID, nullable=False, autoincrement=True),
        sa.Column("station_id", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("media_type", sa.String(127), nullable=False),
        sa.Column("complete", sa.Boolean(), nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("completed_at", TS, nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_blobs"),
        sa.UniqueConstraint("station_id", "sha256", name="uq_blobs_station_id_sha256"),
    )
    op.create_table(
        "blob_chunks",
        sa.Column("blob_id", BIG_ID, nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ["blob_id"], ["blobs.id"], name="fk_blob_chunks_blob_id_blobs", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("blob_id", "seq", name="pk_blob_chunks"),
    )
    op.create_table(
        "revision_attachments",
        sa.Column("record_id", sa.Uuid(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("station_id", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("media_type", sa.String(127), nullable=False),
        sa.Column("name", sa.String(255), nullable=False),
        sa.Column("field_path", sa.String(255), nullable=True),
        sa.PrimaryKeyConstraint(
            "record_id", "revision", "position", name="pk_revision_attachments"
        ),
    )


def downgrade() -> None:
    raise NotImplementedError("the server database is only ever upgraded")
