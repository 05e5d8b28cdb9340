"""Periodic reports sent by stations: the frozen document once per (station, report), and any
other content sent under the same id kept aside."""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision = "s0003"
down_revision = "s0002"
branch_labels = None
depends_on = None

JSON = sa.JSON().with_variant(JSONB(), "postgresql")
BIGID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
TS = sa.DateTime(timezone=True)


def _col(name: str, type_: sa.types.TypeEngine, nullable: bool = False, **kw: object) -> sa.Column:
    return sa.Column(name, type_, nullable=nullable, **kw)


def upgrade() -> None:
    op.create_table(
        "station_reports",
        _col("station_id", sa.Integer()),
        _col("report_id", sa.Uuid()),
        _col("period_code", sa.String(32)),
        _col("number", sa.String(32)),
        _col("submitted_at", TS),
        _col("content_hash", sa.String(64)),
        _col("document", JSON),
        _col("device_id", sa.Uuid()),
        _col("received_at", TS),
        sa.PrimaryKeyConstraint("station_id", "report_id", name="pk_station_reports"),
        sa.ForeignKeyConstraint(
            ["station_id"], ["stations.id"], name="fk_station_reports_station_id_stations"
        ),
    )
    op.create_index(
        "ix_station_reports_station_id_period_code",
        "station_reports",
        ["station_id", "period_code"],
    )
    op.create_table(
        "station_report_conflicts",
        _col("id", BIGID, autoincrement=True),
        _col("station_id", sa.Integer()),
        _col("report_id", sa.Uuid()),
        _col("content_hash", sa.String(64)),
        _col("device_id", sa.Uuid()),
        _col("payload", JSON),
        _col("received_at", TS),
        sa.PrimaryKeyConstraint("id", name="pk_station_report_conflicts"),
        sa.UniqueConstraint(
            "station_id",
            "report_id",
            "content_hash",
            name="uq_station_report_conflicts_station_id_report_id_content_hash",
        ),
    )


def downgrade() -> None:
    raise NotImplementedError("the server database is only ever upgraded")
