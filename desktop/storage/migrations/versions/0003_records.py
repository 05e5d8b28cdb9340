"""Records with their revisions, official document-number counters and the search index."""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "records",
        # seq: local integer key, stable across VACUUM, that the search index points at.
        sa.Column("seq", sa.Integer, primary_key=True),
        sa.Column("id", sa.String(36), nullable=False, unique=True),
        sa.Column("form_id", sa.String(64), nullable=False),
        sa.Column("form_version", sa.Integer, nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("revision", sa.Integer, nullable=False),
        sa.Column("author", sa.String(32), nullable=False),
        sa.Column("title", sa.Text, nullable=False, server_default=""),
        sa.Column("event_date", sa.String(10)),
        sa.Column("commune_code", sa.String(8)),
        sa.Column("doc_kind", sa.String(32)),
        sa.Column("doc_year", sa.Integer),
        sa.Column("doc_number", sa.Integer),
        sa.Column("document_number", sa.String(48)),
        sa.Column("columns_json", sa.Text, nullable=False, server_default="{}"),
        sa.Column("overrides_json", sa.Text, nullable=False, server_default="{}"),
        sa.Column("created_at", sa.String(32), nullable=False),
        sa.Column("updated_at", sa.String(32), nullable=False),
        sa.Column("completed_at", sa.String(32)),
        sa.Column("approved_at", sa.String(32)),
        sa.Column("approved_by", sa.String(32)),
        sa.Column("void_reason", sa.Text),
        # Last on purpose: SQLite reads a row's columns in order, so lists and search, which never
        # need the values, stop before the values' overflow pages.
        sa.Column("values_json", sa.Text, nullable=False),
        sa.CheckConstraint(
            "status IN ('draft', 'completed', 'approved', 'voided')", name="ck_records_status"
        ),
        sa.UniqueConstraint("doc_kind", "doc_year", "doc_number", name="uq_records_document"),
    )
    # Lists are newest first, filtered by one of these; seq breaks ties for keyset paging.
    op.create_index("ix_records_updated", "records", ["updated_at", "seq"])
    op.create_index("ix_records_form_updated", "records", ["form_id", "updated_at", "seq"])
    op.create_index("ix_records_status_updated", "records", ["status", "updated_at", "seq"])
    op.create_index("ix_records_author_updated", "records", ["author", "updated_at", "seq"])
    op.create_index("ix_records_event_date", "records", ["event_date", "seq"])
    op.create_index("ix_records_commune", "records", ["commune_code", "updated_at", "seq"])

    op.create_table(
        "record_revisions",
        sa.Column("record_id", sa.String(36), sa.ForeignKey("records.id"), primary_key=True),
        sa.Column("revision", sa.Integer, primary_key=True),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("values_json", sa.Text, nullable=False),
        sa.Column("changed_by", sa.String(32), nullable=False),
        sa.Column("changed_at", sa.String(32), nullable=False),
        sa.Column("reason", sa.Text, nullable=False, server_default=""),
    )
    op.create_table(
        "document_counters",
        sa.Column("kind", sa.String(32), primary_key=True),
        sa.Column("year", sa.Integer, primary_key=True),
        sa.Column("last_number", sa.Integer, nullable=False),
    )
    # Contentless: the folded text is only an index, the record itself stays in `records`.
    # Prefix indexes for 1–7 letters (every folded Vietnamese syllable): with SQLCipher's
    # cipher_memory_security a prefix query without one costs ~100× more (bench/records_bench.py).
    # detail=column: searches are ANDs of words, never phrases, so positions are not kept.
    op.execute(
        "CREATE VIRTUAL TABLE records_fts USING fts5(body, content='', contentless_delete=1, "
        "detail=column, prefix='1 2 3 4 5 6 7', tokenize=\"unicode61 remove_diacritics 2\")"
    )


def downgrade() -> None:
    raise NotImplementedError("station databases are only ever upgraded")
