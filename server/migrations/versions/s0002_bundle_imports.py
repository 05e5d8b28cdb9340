"""Offline bundles: one row per imported bundle, naming the file that brought its records."""

import sqlalchemy as sa
from alembic import op

revision = "s0002"
down_revision = "s0001"
branch_labels = None
depends_on = None

TS = sa.DateTime(timezone=True)


def _col(name: str, type_: sa.types.TypeEngine, nullable: bool = False, **kw: object) -> sa.Column:
    return sa.Column(name, type_, nullable=nullable, **kw)


def upgrade() -> None:
    op.create_table(
        "bundle_imports",
        _col("bundle_id", sa.Uuid()),
        _col("device_id", sa.Uuid()),
        _col("station_id", sa.Integer()),
        _col("bundle_sha256", sa.String(64)),
        _col("created_at", TS),
        _col("imported_at", TS),
        _col("record_count", sa.Integer()),
        _col("stored", sa.Integer()),
        _col("duplicate", sa.Integer()),
        _col("conflict", sa.Integer()),
        _col("rejected", sa.Integer()),
        sa.PrimaryKeyConstraint("bundle_id", name="pk_bundle_imports"),
    )
    op.create_index("ix_bundle_imports_station_id", "bundle_imports", ["station_id"])


def downgrade() -> None:
    raise NotImplementedError("the server database is only ever upgraded")
