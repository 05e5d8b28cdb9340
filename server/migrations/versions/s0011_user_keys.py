"""Station rosters and user keys: who may sign a station's revisions.

A station's root key signs its roster (every user's role, status and signing keys); the first
roster a station sends pins its root key here, and each push's revisions must be signed by a key
the latest roster certifies (docs/security.md, "Roles and authorship")."""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision = "s0011"
down_revision = "s0010"
branch_labels = None
depends_on = None

_TIMESTAMP = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "station_rosters",
        sa.Column("station_id", sa.Integer, sa.ForeignKey("stations.id"), primary_key=True),
        sa.Column("root_public_key", sa.String(44), nullable=False),
        sa.Column("seq", sa.BigInteger, nullable=False),
        sa.Column("roster", sa.JSON().with_variant(JSONB(), "postgresql"), nullable=False),
        sa.Column("updated_at", _TIMESTAMP, nullable=False),
    )
    op.create_table(
        "station_user_keys",
        sa.Column("station_id", sa.Integer, sa.ForeignKey("stations.id"), primary_key=True),
        sa.Column("username", sa.String(128), primary_key=True),
        sa.Column("public_key", sa.String(44), primary_key=True),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("certified_seq", sa.BigInteger, nullable=False),
        sa.Column("certified_at", _TIMESTAMP, nullable=False),
    )


def downgrade() -> None:
    raise NotImplementedError("the server database is only ever upgraded")
