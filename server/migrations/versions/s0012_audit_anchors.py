"""Audit anchored at the centre: the heads held per device, and the evidence of refused heads and
declared restores (docs/security.md, "Audit anchored at the centre")."""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision = "s0012"
down_revision = "s0011"
branch_labels = None
depends_on = None

TS = sa.DateTime(timezone=True)
JSON = sa.JSON().with_variant(JSONB(), "postgresql")
BIG_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def _col(name: str, type_: sa.types.TypeEngine, nullable: bool = False, **kw: object) -> sa.Column:
    return sa.Column(name, type_, nullable=nullable, **kw)


def upgrade() -> None:
    op.create_table(
        "audit_anchors",
        _col("device_id", sa.Uuid()),
        _col("station_id", sa.Integer()),
        _col("latest_seq", sa.BigInteger()),
        _col("latest_hash", sa.String(64)),
        _col("confirmed_seq", sa.BigInteger(), nullable=True),
        _col("confirmed_hash", sa.String(64), nullable=True),
        _col("updated_at", TS),
        sa.PrimaryKeyConstraint("device_id", name="pk_audit_anchors"),
    )
    op.create_table(
        "audit_alerts",
        _col("id", BIG_ID, autoincrement=True),
        _col("station_id", sa.Integer()),
        _col("device_id", sa.Uuid()),
        _col("kind", sa.String(32)),
        _col("anchored_seq", sa.BigInteger(), nullable=True),
        _col("anchored_hash", sa.String(64), nullable=True),
        _col("offered_seq", sa.BigInteger(), nullable=True),
        _col("offered_hash", sa.String(64), nullable=True),
        _col("declaration_id", sa.Uuid(), nullable=True),
        _col("reason", sa.Text(), nullable=True),
        _col("supervisor", sa.String(128), nullable=True),
        _col("declaration", JSON, nullable=True),
        _col("created_at", TS),
        sa.PrimaryKeyConstraint("id", name="pk_audit_alerts"),
        sa.UniqueConstraint("declaration_id", name="uq_audit_alerts_declaration_id"),
    )
    op.create_index(
        "ix_audit_alerts_station_id_created_at", "audit_alerts", ["station_id", "created_at"]
    )
    op.create_index("ix_audit_alerts_created_at", "audit_alerts", ["created_at"])


def downgrade() -> None:
    raise NotImplementedError("the server database is only ever upgraded")
