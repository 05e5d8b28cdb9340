"""Re-index the records whose search words changed with the folding of 2026-12.

Two rules changed what a record is indexed under (domain/records.py, docs/domain.md "Search"):
Ð/ð (U+00D0/U+00F0, written for Đ/đ by legacy converters) now fold to d, and a phone or ID
number written in groups ("0912.345.678") is indexed whole as well. The index is contentless,
so the old words cannot be read back: the affected records are found from their values and their
search text is rebuilt from the form definition.

Only those records are touched. ID and phone fields store digits alone, so a record is affected
only through free text, which keeps this to a few rows even at a million records.
"""

from __future__ import annotations

import json

from alembic import op
from sqlalchemy import text

from desktop.storage import record_store
from domain.forms.catalogue import load_catalogue
from domain.forms.errors import UnknownForm
from domain.records import grouped_numbers, search_text

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

_ETH = ("\u00d0", "\u00f0")

# A cheap first sieve in SQL: an Eth, a "+", or a digit followed by a space, dot or dash.
_CANDIDATES = (
    "SELECT seq, form_id, values_json FROM records WHERE instr(values_json, :eth_upper) "
    "OR instr(values_json, :eth_lower) OR instr(values_json, '+') "
    "OR values_json GLOB '*[0-9][ .-]*'"
)


def _affected(values_json: str) -> bool:
    if any(eth in values_json for eth in _ETH):
        return True
    # JSON writes a line break as the two characters "\n", which would glue "n" to a number.
    return bool(grouped_numbers(values_json.replace("\\n", " ").replace("\\t", " ")))


def upgrade() -> None:
    conn = op.get_bind()
    params = {"eth_upper": _ETH[0], "eth_lower": _ETH[1]}
    rows = conn.execute(text(_CANDIDATES), params).fetchall()
    affected = [row for row in rows if _affected(row.values_json)]
    if not affected:
        return
    catalogue = load_catalogue()
    for seq, form_id, values_json in affected:
        try:
            form = catalogue.get(form_id)
        except UnknownForm:
            continue  # a form this program no longer ships: its words stay as they were
        record_store.index(conn, seq, search_text(form, json.loads(values_json)))


def downgrade() -> None:
    raise NotImplementedError("station databases are only ever upgraded")
