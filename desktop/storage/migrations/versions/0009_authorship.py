"""Signed authorship: who signed each audit entry and each record revision, and the signature.

Entries and revisions made before this version stay unsigned; the roster the station's root key
signs says from which audit entry on every entry must be signed, and the first supervisor login
signs the older revisions with the root key (docs/security.md, "Roles and authorship").
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    for table in ("audit_log", "record_revisions"):
        op.add_column(table, sa.Column("signed_by", sa.String(128)))
        op.add_column(table, sa.Column("signature", sa.String(88)))


def downgrade() -> None:
    raise NotImplementedError("station databases are only ever upgraded")
