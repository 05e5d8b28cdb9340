"""Which blobs are not yet settled with the centre, so the sync follows only those.

`blob_uploads.due` visited every blob ever stored to skip those recorded `complete` or `refused`
in `blob_uploads` (0014): 27 ms a session at 50,000 sent blobs, growing forever. `blobs` gains
`settled_at`, the `updated_at` of the blob's `blob_uploads` row, NULL while it has none, and a
partial index holds only the named blobs still NULL, which `due` walks (INDEXED BY, its WHERE
clause repeated).

Triggers keep the column, as 0007's keep `record_counts`: whatever writes `blob_uploads` (the
attachments phase, an imported receipt, a future upkeep) or names a blob by its hash moves it in
the same statement, and it cannot drift. A station's backup is a copy of its database, so a
restored one carries the column as it was; one taken before this revision is brought here on
unlock like any older station.
"""

from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None

_SETTLED_AT = "(SELECT u.updated_at FROM blob_uploads u WHERE u.sha256 = blobs.sha256)"
_FROM_UPLOAD = "UPDATE blobs SET settled_at = new.updated_at WHERE sha256 = new.sha256;"
_NAMED = "WHEN new.sha256 IS NOT NULL BEGIN UPDATE blobs SET settled_at = "


def upgrade() -> None:
    op.execute("ALTER TABLE blobs ADD COLUMN settled_at TEXT")
    op.execute(
        f"UPDATE blobs SET settled_at = {_SETTLED_AT} "
        "WHERE sha256 IN (SELECT sha256 FROM blob_uploads)"
    )
    op.execute(
        "CREATE INDEX ix_blobs_unsettled ON blobs (id) "
        "WHERE sha256 IS NOT NULL AND settled_at IS NULL"
    )
    op.execute(
        f"CREATE TRIGGER blob_uploads_settle AFTER INSERT ON blob_uploads BEGIN {_FROM_UPLOAD} END"
    )
    op.execute(
        "CREATE TRIGGER blob_uploads_resettle AFTER UPDATE ON blob_uploads "
        "BEGIN UPDATE blobs SET settled_at = NULL WHERE sha256 = old.sha256; "
        f"{_FROM_UPLOAD} END"
    )
    op.execute(
        "CREATE TRIGGER blob_uploads_unsettle AFTER DELETE ON blob_uploads "
        "BEGIN UPDATE blobs SET settled_at = NULL WHERE sha256 = old.sha256; END"
    )
    # A blob row is written before its hash is known (0011) and takes it with its last byte;
    # whichever of the two rows comes first, the column ends the same.
    named = (("blobs_settle_insert", "INSERT"), ("blobs_settle_named", "UPDATE OF sha256"))
    for name, event in named:
        op.execute(
            f"CREATE TRIGGER {name} AFTER {event} ON blobs {_NAMED}{_SETTLED_AT} "
            "WHERE id = new.id; END"
        )


def downgrade() -> None:
    raise NotImplementedError("station databases are only ever upgraded")
