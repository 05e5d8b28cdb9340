"""Re-index the records whose search words changed with the folding of 2026-12.

Two rules changed what a record is indexed under (domain/records.py; docs/domain.md, "Vietnamese text and search"):
Ð/ð (U+00D0/U+00F0, written for Đ/đ by legacy converters) now fold to d, and a phone or ID
number written in groups ("0912.345.678") is indexed whole as well. The index is contentless,
so the old words cannot be read back: the affected records are found from their values and their
search text is rebuilt from the form definition.

Only those records are touched. ID and phone fields store digits alone, so a record is affected
only through free text, which keeps this to a few rows. Measured on the 2-core reference machine
(busy): ~0.1 ms a record to look (about 2 minutes, once, at a million records), ~1–3 ms for each
record re-indexed.
"""

from __future__ import annotations

import json

from alembic import op
from sqlalchemy import text

from desktop.storage import record_store
from desktop.storage.migrate import report_rows
from domain.forms.catalogue import load_catalogue
from domain.forms.errors import UnknownForm
from domain.records import grouped_numbers, search_text

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

_ETH = ("\u00d0", "\u00f0")

# A first sieve in SQL, cheap because it runs inside SQLite: an Eth, a "+", a group of three or four
# digits starting with 0 before a separator (a phone or ID in groups), or two groups of three (a
# phone, a CMND, or money: the Python check below tells them apart). ISO dates such as "2026-11-20", in every record,
# pass none of these. (A bare "84…" number in free text is not looked for: phone fields store 0….)
_CANDIDATES = (
    "SELECT seq, form_id, values_json FROM records WHERE instr(values_json, :eth_upper) "
    "OR instr(values_json, :eth_lower) OR instr(values_json, '+') "
    "OR values_json GLOB '*[^0-9]0[0-9][0-9][ .-]*' "
    "OR values_json GLOB '*[^0-9]0[0-9][0-9][0-9][ .-]*' "
    "OR values_json GLOB '*[0-9][0-9][0-9][ .-][0-9][0-9][0-9]*'"
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
    for done, (seq, form_id, values_json) in enumerate(affected, start=1):
        if done % 500 == 0:
            report_rows(done, len(affected))
        try:
            form = catalogue.get(form_id)
        except UnknownForm:
            continue  # a form this program no longer ships: its words stay as they were
        record_store.index(conn, seq, search_text(form, json.loads(values_json)))


def downgrade() -> None:
    raise NotImplementedError("station databases are only ever upgraded")
