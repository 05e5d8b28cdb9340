"""Migration s0013: heads stored before the folding of 2026-12 are found by their new words."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy import Engine, text

from server.core import migrate
from tests.server.console.records_helpers import person, push, station_device, wire_record
from tests.server.helpers import STATION_CODE


def test_stale_search_text_is_rebuilt_for_the_affected_heads(
    client: TestClient, engine: Engine
) -> None:
    device = station_device(client, engine, STATION_CODE)
    eth = person("\u00d0ỗ Thị Hoa")  # Ð (U+00D0) as legacy converters write Đ
    eth["narrative"] += " Liên hệ 0912.345.678."
    push(client, device, [wire_record(device, values=eth)])
    push(client, device, [wire_record(device, "F8")])  # a patrol log: no Ð, no grouped number
    with engine.begin() as conn:
        fresh = dict(conn.execute(text("SELECT title, search_text FROM records")).all())
        conn.execute(text("UPDATE records SET search_text = 'stale'"))
        previous = migrate._script().get_revision("s0013").down_revision
        conn.execute(text("UPDATE alembic_version SET version_num = :v"), {"v": previous})
    # s0013 alone: the later migrations already ran and would create their tables twice.
    assert migrate.upgrade(engine, "s0013") is True
    with engine.begin() as conn:
        rebuilt = dict(conn.execute(text("SELECT title, search_text FROM records")).all())
        assert migrate.current_revision(conn) == "s0013"
        # Back at the head the schema is really at, for the tests that share this database.
        conn.execute(
            text("UPDATE alembic_version SET version_num = :v"), {"v": migrate.head_revision()}
        )
    [eth_title] = [title for title in rebuilt if "Hoa" in title]
    [plain_title] = [title for title in rebuilt if title != eth_title]
    assert rebuilt[eth_title] == fresh[eth_title]
    assert " do " in f" {rebuilt[eth_title]} " and "0912345678" in rebuilt[eth_title]
    assert rebuilt[plain_title] == "stale"  # unaffected heads are not rewritten
