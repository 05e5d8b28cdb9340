"""The stations service: health buckets, alerts, counts, scope and search, without HTTP."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from fastapi.testclient import TestClient
from sqlalchemy import Engine, delete, true, update

from server.models import AdminUnit, AuditAnchor, Device, PushReceipt, Record, Station
from server.services import console_stations as cs
from server.services import devices, stations
from tests.server.console.stations_data import (
    BA_DINH,
    CAO_BANG,
    CUA_NAM,
    GIANG_VO,
    HA_NOI,
    HOAN_KIEM,
    NGOC_HA,
    THUC_PHAN,
    backdate,
    push_conflict,
    push_rejected,
    push_with_head,
    synced_station,
)
from tests.server.helpers import enrol_device

ALL = true()
HANOI_SCOPE = Station.__table__.c.province_code == HA_NOI


def _health(engine: Engine, scope=ALL) -> dict[str, str]:  # type: ignore[no-untyped-def]
    with engine.connect() as conn:
        page = cs.list_stations(conn, scope, limit=100)
    return {row.code: row.health for row in page.rows}


def test_health_buckets(client: TestClient, engine: Engine) -> None:
    """Synced today / 3 days ago / 10 days ago / never / with a conflict land in their buckets."""
    synced_station(client, engine, BA_DINH)
    backdate(engine, synced_station(client, engine, NGOC_HA), 3)
    backdate(engine, synced_station(client, engine, GIANG_VO), 10)
    stations.add_station(engine, HOAN_KIEM)  # registered, no device yet
    push_conflict(client, synced_station(client, engine, CUA_NAM, records=0))
    assert _health(engine) == {
        BA_DINH: "today",
        NGOC_HA: "week",
        GIANG_VO: "stale",
        HOAN_KIEM: "never",
        CUA_NAM: "alert",
    }
    with engine.connect() as conn:
        figures = cs.overview(conn, ALL, AdminUnit.__table__.c.province_code == HA_NOI)
    assert figures.by_health == {"today": 1, "week": 1, "stale": 1, "never": 1, "alert": 1}
    assert figures.stations == 5
    assert [s.code for s in figures.silent] == [GIANG_VO]
    assert figures.silent[0].last_sync is not None
    assert datetime.now(UTC) - figures.silent[0].last_sync > timedelta(days=9)


def test_bucket_edges_follow_vietnam_days(client: TestClient, engine: Engine) -> None:
    """Days are cut at 00:00 in Vietnam (UTC+7): a contact a minute before is "1-7 days"."""
    synced_station(client, engine, BA_DINH)
    now = datetime.now(UTC).replace(hour=1, minute=0, second=0, microsecond=0)  # 08:00 in VN
    clock = cs.Clock.at(now)
    assert clock.today_start == now - timedelta(hours=8)
    assert clock.stale_before == clock.today_start - timedelta(days=7)
    expected = [
        (clock.today_start + timedelta(minutes=1), "today"),
        (clock.today_start - timedelta(minutes=1), "week"),
        (clock.stale_before, "week"),
        (clock.stale_before - timedelta(seconds=1), "stale"),
    ]
    with engine.connect() as conn:
        for seen, health in expected:
            conn.execute(update(Device).values(last_seen_at=seen))
            assert cs.list_stations(conn, ALL, clock=clock).rows[0].health == health, seen
        conn.rollback()


def test_revoked_devices_do_not_count(client: TestClient, engine: Engine) -> None:
    """A station whose only device is revoked has no current contact: `never`, 0 devices."""
    device = synced_station(client, engine, BA_DINH)
    devices.revoke_device(engine, uuid.UUID(device.device_id), "máy hỏng")
    with engine.connect() as conn:
        row = cs.list_stations(conn, ALL).rows[0]
    assert (row.health, row.devices, row.last_sync) == ("never", 0, None)


def test_rejections_alert_for_seven_days(client: TestClient, engine: Engine) -> None:
    """A batch with a rejected record alerts; the same batch 8 days old no longer does, but it
    is still counted among the station's rejected records."""
    device = synced_station(client, engine, BA_DINH)
    push_rejected(client, device)
    assert _health(engine) == {BA_DINH: "alert"}
    with engine.begin() as conn:
        conn.execute(
            update(PushReceipt)
            .where(PushReceipt.rejected > 0)
            .values(received_at=datetime.now(UTC) - timedelta(days=8))
        )
    assert _health(engine) == {BA_DINH: "today"}
    with engine.connect() as conn:
        row = cs.list_stations(conn, ALL).rows[0]
        figures = cs.overview(conn, ALL, true())
        detail = cs.station_detail(conn, ALL, BA_DINH)
    assert row.rejected == 1
    assert (figures.rejected_total, figures.rejected_recent) == (1, 0)
    assert detail is not None and not detail.alerts.any


def test_audit_head_going_back_alerts(client: TestClient, engine: Engine) -> None:
    """A push whose audit head is lower than the device's anchored one is refused, and the
    evidence puts the station in alert with what was anchored and what came; a growing head
    does not."""
    growing = synced_station(client, engine, BA_DINH, records=0)
    push_with_head(client, growing, 10)
    push_with_head(client, growing, 25)
    shrinking = synced_station(client, engine, NGOC_HA, records=0)
    push_with_head(client, shrinking, 40)
    push_with_head(client, shrinking, 12, refused="AUDIT_ROLLBACK")
    push_with_head(client, shrinking, 12, refused="AUDIT_ROLLBACK")  # the retry adds no row
    assert _health(engine) == {BA_DINH: "today", NGOC_HA: "alert"}
    with engine.connect() as conn:
        detail = cs.station_detail(conn, ALL, NGOC_HA)
    assert detail is not None
    assert detail.alerts.audit_rollback_at is not None
    assert [(r.audit_seq, r.went_back) for r in detail.receipts] == [(40, False)]
    assert [(a.kind, a.anchored_seq, a.offered_seq) for a in detail.audit_alerts] == [
        ("rollback", 40, 12)
    ]
    assert detail.audit_alerts[0].anchored_hash == f"{40:064x}"


def test_audit_rollback_found_across_the_window(client: TestClient, engine: Engine) -> None:
    """A drop from before the server anchored heads (no anchor held) is still seen from the
    pushes, even when the previous push is older than the alert window."""
    device = synced_station(client, engine, BA_DINH, records=0)
    push_with_head(client, device, 90)
    backdate(engine, device, 20)
    with engine.begin() as conn:
        conn.execute(delete(AuditAnchor))
    push_with_head(client, device, 30)
    assert _health(engine) == {BA_DINH: "alert"}


def test_counts_per_station_and_overview(client: TestClient, engine: Engine) -> None:
    """Devices, waiting records, received today and this week are counted per station and
    in total; a record received last month counts for neither period."""
    device = synced_station(client, engine, BA_DINH, records=3)
    enrol_device(client, engine, BA_DINH, "PC-2")
    synced_station(client, engine, NGOC_HA, records=2)
    with engine.begin() as conn:
        one = conn.execute(
            Record.__table__.select().where(Record.station_id != None).limit(1)  # noqa: E711
        ).first()
        assert one is not None
        conn.execute(
            update(Record)
            .where(Record.record_id == one.record_id)
            .values(received_at=datetime.now(UTC) - timedelta(days=40))
        )
    with engine.connect() as conn:
        rows = {r.code: r for r in cs.list_stations(conn, ALL).rows}
        figures = cs.overview(conn, ALL, true())
    assert (rows[BA_DINH].devices, rows[BA_DINH].waiting) == (2, 3)
    assert (rows[NGOC_HA].devices, rows[NGOC_HA].waiting) == (1, 2)
    assert figures.waiting == 5
    assert (figures.received_today, figures.received_week) == (4, 4)
    assert device.station_code == BA_DINH


def test_scope_limits_every_figure(client: TestClient, engine: Engine) -> None:
    """A Hà Nội condition lists, counts and opens only Hà Nội's stations."""
    synced_station(client, engine, BA_DINH, records=2)
    synced_station(client, engine, THUC_PHAN, records=5)
    with engine.connect() as conn:
        page = cs.list_stations(conn, HANOI_SCOPE)
        figures = cs.overview(conn, HANOI_SCOPE, AdminUnit.__table__.c.province_code == HA_NOI)
        assert cs.station_detail(conn, HANOI_SCOPE, THUC_PHAN) is None
        assert cs.station_detail(conn, HANOI_SCOPE, BA_DINH) is not None
        assert cs.station_detail(conn, ALL, THUC_PHAN) is not None
        assert cs.station_detail(conn, ALL, "99999") is None
        provinces = dict(cs.provinces(conn))
    assert [r.code for r in page.rows] == [BA_DINH]
    assert (page.total, figures.stations, figures.waiting, figures.received_today) == (1, 1, 2, 2)
    assert provinces[CAO_BANG] == "Tỉnh Cao Bằng"


def test_search_without_accents(client: TestClient, engine: Engine) -> None:
    """ "ba dinh" finds Phường Ba Đình, a code prefix finds its station, a custom name is found
    by its own words, and the filters combine."""
    stations.add_station(engine, BA_DINH)
    stations.add_station(engine, NGOC_HA, "Đồn Công an Liễu Giai")
    stations.add_station(engine, THUC_PHAN)
    with engine.connect() as conn:

        def codes(query: str, **kw: str) -> list[str]:
            return [r.code for r in cs.list_stations(conn, ALL, query=query, **kw).rows]

        assert codes("ba dinh") == [BA_DINH]
        assert codes("BA ĐÌNH") == [BA_DINH]
        assert codes("0000") == [BA_DINH, NGOC_HA]
        assert codes("lieu giai") == [NGOC_HA]
        assert codes("ngoc ha") == [NGOC_HA]  # the unit's name, not the station's
        assert codes("phuong", province=CAO_BANG) == [THUC_PHAN]
        assert codes("phuong", health="never") == [BA_DINH, NGOC_HA, THUC_PHAN]
        assert codes("phuong", health="today") == []
        assert codes("50%_") == []


def test_unregistered_units(engine: Engine) -> None:
    """Communes of the province with no station yet are listed; a registered one is not."""
    units = AdminUnit.__table__
    stations.add_station(engine, BA_DINH)
    with engine.connect() as conn:
        rows, total = cs.unregistered_units(conn, units.c.province_code == HA_NOI, limit=500)
        found, one = cs.unregistered_units(conn, units.c.province_code == HA_NOI, query="ngoc ha")
        count = cs.unregistered_count(conn, units.c.province_code == HA_NOI)
    codes = [r.code for r in rows]
    assert BA_DINH not in codes and NGOC_HA in codes and THUC_PHAN not in codes
    assert total == count == len(codes)
    assert (one, found[0].code, found[0].name) == (1, NGOC_HA, "Phường Ngọc Hà")
