"""Rebuild the search text of the record heads whose words changed with the folding of 2026-12.

Ð/ð (U+00D0/U+00F0, which legacy converters write for Đ/đ) now fold to d, and a phone or ID
number written in groups ("0912.345.678") is indexed whole as well (domain/records.py,
docs/domain.md). The search text is a projection of the head revision's values, so the affected
heads are found from those values and projected again with the same code as a push
(`record_checks.projection`). Only heads whose values hold an Eth, a "+" or digits in groups are
read in Python; on PostgreSQL the sieve runs in the database.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from domain.records import grouped_numbers
from protocol.canonical import canonical_json
from server.services import catalog, record_checks

revision = "s0013"
down_revision = "s0012"
branch_labels = None
depends_on = None

_ETH = ("\u00d0", "\u00f0")
_PG_SIEVE = r"(\u00d0|\u00f0|\+|[0-9]{3}[ .-][0-9])"
_SQLITE_SIEVE = (
    "instr(v.field_values, :eth_upper) OR instr(v.field_values, :eth_lower) "
    "OR instr(v.field_values, '+') OR v.field_values GLOB '*[0-9][0-9][0-9][ .-][0-9]*'"
)


def _affected(text: str) -> bool:
    # JSON writes a line break as the two characters "\n", which would glue "n" to a number.
    return any(eth in text for eth in _ETH) or bool(
        grouped_numbers(text.replace("\\n", " ").replace("\\t", " "))
    )


def upgrade() -> None:
    conn = op.get_bind()
    if conn.dialect.name == "postgresql":
        sieve, params = "v.field_values::text ~ :pattern", {"pattern": _PG_SIEVE}
    else:
        sieve, params = _SQLITE_SIEVE, {"eth_upper": _ETH[0], "eth_lower": _ETH[1]}
    rows = conn.execute(
        sa.text(
            "SELECT r.record_id, r.form_id, r.form_version, v.field_values FROM records r "
            "JOIN record_revisions v ON v.record_id = r.record_id AND v.revision = r.revision "
            f"WHERE {sieve}"
        ).columns(record_id=sa.Uuid(), field_values=sa.JSON()),
        params,
    )
    records = sa.table("records", sa.column("record_id", sa.Uuid()), sa.column("search_text"))
    for record_id, form_id, form_version, values in rows.all():
        if not isinstance(values, dict) or not _affected(canonical_json(values).decode("utf-8")):
            continue
        form = catalog.form_definition(conn, form_id, form_version)
        if form is None:
            continue  # a version without a definition was never projected either
        shown = record_checks.projection(form, values)
        conn.execute(
            records.update()
            .where(records.c.record_id == record_id)
            .values(search_text=shown.search_text)
        )


def downgrade() -> None:
    pass  # the older search text is not needed by the older code: it only finds less
