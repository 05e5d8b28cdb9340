"""Attachments: photos and scans kept inside the encrypted database, in chunks.

`blobs` holds one row per distinct content (its SHA-256, size, media type); `blob_chunks` its
bytes in pieces of at most 256 KiB, numbered from 0. A blob row is written before its hash is
known (the hash comes with the last byte), so chunks point at the blob's integer id and
`sha256` stays NULL until the last chunk is in; a duplicate is dropped in the same transaction
(docs/architecture.md, "Attachments").

`attachments` links a record to a blob from the revision it was added in until the revision it
was removed in (`removed_revision`, NULL while it is part of the record), with who and why. The
partial unique index keeps names unique among a record's current attachments, which is how
`cax record detach ID NAME` finds one.
"""

from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(
        "CREATE TABLE blobs ("
        "id INTEGER PRIMARY KEY, "
        "sha256 TEXT UNIQUE CHECK (sha256 IS NULL OR length(sha256) = 64), "
        "size INTEGER NOT NULL CHECK (size >= 0), "
        "media_type TEXT NOT NULL, "
        "created_at TEXT NOT NULL)"
    )
    op.execute(
        "CREATE TABLE blob_chunks ("
        "blob_id INTEGER NOT NULL REFERENCES blobs (id) ON DELETE CASCADE, "
        "seq INTEGER NOT NULL CHECK (seq >= 0), "
        "data BLOB NOT NULL CHECK (length(data) <= 262144), "
        "PRIMARY KEY (blob_id, seq))"
    )
    op.execute(
        "CREATE TABLE attachments ("
        "id INTEGER PRIMARY KEY, "
        "record_id TEXT NOT NULL REFERENCES records (id), "
        "blob_id INTEGER NOT NULL REFERENCES blobs (id), "
        "name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 255), "
        "field_path TEXT, "
        "added_revision INTEGER NOT NULL, "
        "added_by TEXT NOT NULL, "
        "added_at TEXT NOT NULL, "
        "removed_revision INTEGER, "
        "removed_by TEXT, "
        "removed_at TEXT, "
        "removed_reason TEXT, "
        "CHECK ((removed_revision IS NULL) = (removed_at IS NULL)))"
    )
    op.execute("CREATE INDEX ix_attachments_record ON attachments (record_id, added_revision)")
    op.execute("CREATE INDEX ix_attachments_blob ON attachments (blob_id)")
    op.execute(
        "CREATE UNIQUE INDEX ux_attachments_current_name ON attachments (record_id, name) "
        "WHERE removed_at IS NULL"
    )


def downgrade() -> None:
    raise NotImplementedError("station databases are only ever upgraded")
