"""Administrative units, each station's province, the record heads' projection (title, event
date, commune, folded search text with a PostgreSQL full-text index) and the review history."""

import sqlalchemy as sa
from alembic import op

revision = "s0004"
down_revision = "s0003"
branch_labels = None
depends_on = None

BIGID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "admin_units",
        sa.Column("code", sa.String(8), nullable=False),
        sa.Column("level", sa.String(8), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("type", sa.String(32), nullable=False),
        sa.Column("province_code", sa.String(8), nullable=False),
        sa.Column("folded_name", sa.String(200), nullable=False),
        sa.PrimaryKeyConstraint("code", name="pk_admin_units"),
    )
    op.create_index("ix_admin_units_province_code", "admin_units", ["province_code"])
    with op.batch_alter_table("stations") as batch:
        batch.add_column(sa.Column("province_code", sa.String(8), nullable=True))
        batch.create_index("ix_stations_province_code", ["province_code"])
    with op.batch_alter_table("records") as batch:
        batch.add_column(sa.Column("title", sa.Text(), nullable=True))
        batch.add_column(sa.Column("event_date", sa.Date(), nullable=True))
        batch.add_column(sa.Column("commune_code", sa.String(8), nullable=True))
        batch.add_column(sa.Column("search_text", sa.Text(), nullable=True))
        batch.create_index("ix_records_station_id_received_at", ["station_id", "received_at"])
        batch.create_index("ix_records_event_date", ["event_date"])
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "CREATE INDEX ix_records_search ON records "
            "USING gin (to_tsvector('simple', coalesce(search_text, '')))"
        )
    op.create_table(
        "record_reviews",
        sa.Column("id", BIGID, autoincrement=True, nullable=False),
        sa.Column("record_id", sa.Uuid(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("decision", sa.String(16), nullable=False),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.Column("reviewer", sa.String(128), nullable=False),
        sa.Column("decided_at", TS, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_record_reviews"),
    )
    op.create_index("ix_record_reviews_record_id", "record_reviews", ["record_id"])


def downgrade() -> None:
    op.drop_table("record_reviews")
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP INDEX ix_records_search")
    with op.batch_alter_table("records") as batch:
        batch.drop_index("ix_records_event_date")
        batch.drop_index("ix_records_station_id_received_at")
        for name in ("search_text", "commune_code", "event_date", "title"):
            batch.drop_column(name)
    with op.batch_alter_table("stations") as batch:
        batch.drop_index("ix_stations_province_code")
        batch.drop_column("province_code")
    op.drop_table("admin_units")
