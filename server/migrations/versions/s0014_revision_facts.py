"""A revision's document number and amendment reason (protocol version 2).

Stations speaking version 2 send each revision's official number and, for an amendment, the
reason its author gave; the console shows them on the record page. Both are facts about the
revision, outside its content hash, so revisions stored before (or from a version-1 station)
simply have none.
"""

import sqlalchemy as sa
from alembic import op

revision = "s0014"
down_revision = "s0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Only what is missing: a database whose recorded revision was set back (to run an earlier,
    # idempotent migration again) may hold the columns already.
    present = {c["name"] for c in sa.inspect(op.get_bind()).get_columns("record_revisions")}
    if "document_number" not in present:
        op.add_column("record_revisions", sa.Column("document_number", sa.String(48)))
    if "amendment_reason" not in present:
        op.add_column("record_revisions", sa.Column("amendment_reason", sa.Text))


def downgrade() -> None:
    raise NotImplementedError("the server database is only ever upgraded")
