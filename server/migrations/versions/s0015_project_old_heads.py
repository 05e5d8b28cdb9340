"""Project the record heads stored before projections existed (s0004).

s0004 added the heads' title, event date, commune and search text as empty columns and filled
nothing: a head pushed before it, and never pushed again, stayed without a title in the console's
lists, outside the date and commune filters and (unless s0013 rebuilt its words) unfindable.
Found by the migration-with-data test (tests/server/test_migrations_with_data.py). Each head
without a title gets the projection a push of its head revision makes today
(`record_checks.projection`); a head whose form version has no definition stays as it is, as
ingest would have refused it.
"""

import sqlalchemy as sa
from alembic import op

from server.services import catalog, record_checks

revision = "s0015"
down_revision = "s0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    conn = op.get_bind()
    rows = conn.execute(
        sa.text(
            "SELECT r.record_id, r.form_id, r.form_version, v.field_values FROM records r "
            "JOIN record_revisions v ON v.record_id = r.record_id AND v.revision = r.revision "
            "WHERE r.title IS NULL"
        ).columns(record_id=sa.Uuid(), field_values=sa.JSON())
    )
    records = sa.table(
        "records",
        sa.column("record_id", sa.Uuid()),
        sa.column("title"),
        sa.column("event_date", sa.Date()),
        sa.column("commune_code"),
        sa.column("search_text"),
    )
    for record_id, form_id, form_version, values in rows.all():
        form = catalog.form_definition(conn, form_id, form_version)
        if form is None or not isinstance(values, dict):
            continue
        shown = record_checks.projection(form, values)
        conn.execute(
            records.update()
            .where(records.c.record_id == record_id)
            .values(
                title=shown.title,
                event_date=shown.event_date,
                commune_code=shown.commune_code,
                search_text=shown.search_text,
            )
        )


def downgrade() -> None:
    pass  # the older code reads the same columns: a projection only makes it find more
