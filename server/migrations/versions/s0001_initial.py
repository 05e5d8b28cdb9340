"""Stations, enrolment, devices, nonces, forms, records with history, conflicts, receipts, feed."""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision = "s0001"
down_revision = None
branch_labels = None
depends_on = None

JSON = sa.JSON().with_variant(JSONB(), "postgresql")
BIGID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
TS = sa.DateTime(timezone=True)


def _col(name: str, type_: sa.types.TypeEngine, nullable: bool = False, **kw: object) -> sa.Column:
    return sa.Column(name, type_, nullable=nullable, **kw)


def upgrade() -> None:
    op.create_table(
        "stations",
        _col("id", sa.Integer(), primary_key=True, autoincrement=True),
        _col("code", sa.String(32)),
        _col("name", sa.String(200)),
        _col("created_at", TS),
        sa.PrimaryKeyConstraint("id", name="pk_stations"),
        sa.UniqueConstraint("code", name="uq_stations_code"),
    )
    op.create_table(
        "enrolment_codes",
        _col("id", sa.Integer(), autoincrement=True),
        _col("code_hash", sa.String(64)),
        _col("station_id", sa.Integer()),
        _col("created_at", TS),
        _col("expires_at", sa.BigInteger()),
        _col("used_at", TS, nullable=True),
        _col("device_id", sa.Uuid(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_enrolment_codes"),
        sa.UniqueConstraint("code_hash", name="uq_enrolment_codes_code_hash"),
        sa.ForeignKeyConstraint(
            ["station_id"], ["stations.id"], name="fk_enrolment_codes_station_id_stations"
        ),
    )
    op.create_index("ix_enrolment_codes_station_id", "enrolment_codes", ["station_id"])
    op.create_table(
        "devices",
        _col("id", sa.Uuid()),
        _col("station_id", sa.Integer()),
        _col("public_key", sa.String(44)),
        _col("name", sa.String(128)),
        _col("enrolled_at", TS),
        _col("revoked_at", TS, nullable=True),
        _col("revoke_reason", sa.String(500), nullable=True),
        _col("last_seen_at", TS, nullable=True),
        _col("rate_window", sa.BigInteger()),
        _col("rate_count", sa.Integer()),
        sa.PrimaryKeyConstraint("id", name="pk_devices"),
        sa.UniqueConstraint("public_key", name="uq_devices_public_key"),
        sa.ForeignKeyConstraint(
            ["station_id"], ["stations.id"], name="fk_devices_station_id_stations"
        ),
    )
    op.create_index("ix_devices_station_id", "devices", ["station_id"])
    op.create_table(
        "used_nonces",
        _col("device_id", sa.Uuid()),
        _col("nonce", sa.String(32)),
        _col("expires_at", sa.BigInteger()),
        sa.PrimaryKeyConstraint("device_id", "nonce", name="pk_used_nonces"),
    )
    op.create_index("ix_used_nonces_expires_at", "used_nonces", ["expires_at"])
    op.create_table(
        "form_versions",
        _col("form_id", sa.String(64)),
        _col("version", sa.Integer()),
        _col("definition", JSON),
        _col("published_at", TS),
        sa.PrimaryKeyConstraint("form_id", "version", name="pk_form_versions"),
    )
    _create_record_tables()
    _create_side_tables()


def _create_record_tables() -> None:
    op.create_table(
        "records",
        _col("record_id", sa.Uuid()),
        _col("station_id", sa.Integer()),
        _col("form_id", sa.String(64)),
        _col("form_version", sa.Integer()),
        _col("revision", sa.Integer()),
        _col("content_hash", sa.String(64)),
        _col("status", sa.String(16)),
        _col("deleted", sa.Boolean()),
        _col("created_at", TS),
        _col("updated_at", TS),
        _col("received_at", TS),
        sa.PrimaryKeyConstraint("record_id", name="pk_records"),
    )
    op.create_index("ix_records_station_id_updated_at", "records", ["station_id", "updated_at"])
    op.create_index("ix_records_form_id_form_version", "records", ["form_id", "form_version"])
    op.create_index("ix_records_status", "records", ["status"])
    op.create_index("ix_records_received_at", "records", ["received_at"])
    op.create_table(
        "record_revisions",
        _col("record_id", sa.Uuid()),
        _col("revision", sa.Integer()),
        _col("station_id", sa.Integer()),
        _col("device_id", sa.Uuid()),
        _col("batch_id", sa.Uuid()),
        _col("form_id", sa.String(64)),
        _col("form_version", sa.Integer()),
        _col("author", sa.String(128)),
        _col("field_values", JSON),
        _col("content_hash", sa.String(64)),
        _col("deleted", sa.Boolean()),
        _col("delete_reason", sa.Text(), nullable=True),
        _col("created_at", TS),
        _col("updated_at", TS),
        _col("device_seq", sa.BigInteger()),
        _col("received_at", TS),
        sa.PrimaryKeyConstraint("record_id", "revision", name="pk_record_revisions"),
    )
    op.create_index(
        "ix_record_revisions_station_id_received_at",
        "record_revisions",
        ["station_id", "received_at"],
    )


def _create_side_tables() -> None:
    op.create_table(
        "conflicts",
        _col("id", BIGID, autoincrement=True),
        _col("record_id", sa.Uuid()),
        _col("revision", sa.Integer()),
        _col("content_hash", sa.String(64)),
        _col("station_id", sa.Integer()),
        _col("device_id", sa.Uuid()),
        _col("batch_id", sa.Uuid()),
        _col("payload", JSON),
        _col("received_at", TS),
        _col("resolved_at", TS, nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_conflicts"),
        sa.UniqueConstraint(
            "record_id",
            "revision",
            "content_hash",
            name="uq_conflicts_record_id_revision_content_hash",
        ),
    )
    op.create_index("ix_conflicts_station_id", "conflicts", ["station_id"])
    op.create_table(
        "push_receipts",
        _col("id", BIGID, autoincrement=True),
        _col("device_id", sa.Uuid()),
        _col("station_id", sa.Integer()),
        _col("batch_id", sa.Uuid()),
        _col("received_at", TS),
        _col("record_count", sa.Integer()),
        _col("stored", sa.Integer()),
        _col("duplicate", sa.Integer()),
        _col("conflict", sa.Integer()),
        _col("rejected", sa.Integer()),
        _col("audit_seq", sa.BigInteger(), nullable=True),
        _col("audit_hash", sa.String(64), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_push_receipts"),
        sa.UniqueConstraint("device_id", "batch_id", name="uq_push_receipts_device_id_batch_id"),
    )
    op.create_index("ix_push_receipts_station_id", "push_receipts", ["station_id"])
    op.create_table(
        "updates",
        _col("cursor", BIGID, autoincrement=True),
        _col("station_id", sa.Integer(), nullable=True),
        _col("kind", sa.String(32)),
        _col("payload", JSON),
        _col("created_at", TS),
        sa.PrimaryKeyConstraint("cursor", name="pk_updates"),
    )
    op.create_index("ix_updates_station_id_cursor", "updates", ["station_id", "cursor"])
    op.create_table(
        "server_keys",
        _col("kind", sa.String(16)),
        _col("private_key", sa.String(64)),
        _col("public_key", sa.String(64)),
        _col("created_at", TS),
        sa.PrimaryKeyConstraint("kind", name="pk_server_keys"),
    )


def downgrade() -> None:
    raise NotImplementedError("the server database is only ever upgraded")
