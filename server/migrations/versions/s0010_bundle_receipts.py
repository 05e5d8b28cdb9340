"""Bundle uploads: the signed receipt kept with each import, and a per-device upload counter.

A bundle uploaded again is answered with the receipt of its first import, without decrypting or
ingesting it a second time; the counter limits how many bundles a device's uploads may open in
an hour (docs/protocol.md, "Offline bundles")."""

import sqlalchemy as sa
from alembic import op

revision = "s0010"
down_revision = "s0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # NULL for imports made before this revision: such a bundle is imported again once (its
    # records answer `duplicate`) and its receipt is kept from then on.
    op.add_column("bundle_imports", sa.Column("receipt", sa.LargeBinary(), nullable=True))
    op.add_column(
        "devices",
        sa.Column("bundle_window", sa.BigInteger(), nullable=False, server_default="0"),
    )
    op.add_column(
        "devices",
        sa.Column("bundle_count", sa.Integer(), nullable=False, server_default="0"),
    )


def downgrade() -> None:
    raise NotImplementedError("the server database is only ever upgraded")
