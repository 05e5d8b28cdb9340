"""The server knows its forms and units from `db upgrade`, and checks what stations push with the
station's own validation code."""

from __future__ import annotations

import json
import shutil
import uuid
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, func, select

from domain.resources import resource_path
from server.api.main import create_app
from server.core.config import Settings
from server.errors import ServerError
from server.models import AdminUnit, FormVersion, Record, RecordRevisionRow
from server.services import catalog, setup, stations
from tests.server.helpers import StationDevice, form_document, make_record, patrol


def _count(engine: Engine, table: type) -> int:
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(table)).scalar_one()


def test_upgrade_registers_the_bundled_forms_and_units_once(engine: Engine) -> None:
    """Ten forms with their full definitions and 3,355 units; a second upgrade adds nothing."""
    with engine.connect() as conn:
        versions = conn.execute(select(FormVersion.form_id, FormVersion.version)).all()
        f3 = catalog.form_definition(conn, "f3", 2)
    # F3/F4 2: the law catalogue; F1, F6, F7, F9, F10 2: the legal review's corrections
    shipped = {f"f{i}": 2 for i in range(1, 11)} | {"f2": 1, "f5": 1, "f8": 1}
    assert sorted(versions) == sorted(shipped.items())
    assert f3 is not None and f3.field("violator") is not None and f3.field("law_entry")
    assert _count(engine, AdminUnit) == 34 + 3321
    again = setup.upgrade_database(engine)
    assert (again.schema_changed, again.units_changed, again.forms_registered) == (False, 0, [])


def test_a_later_release_registers_its_new_form_version(engine: Engine, tmp_path: Path) -> None:
    """A release shipping F8 version 2 adds that version beside version 1."""
    forms = tmp_path / "forms"
    shutil.copytree(resource_path("forms"), forms)
    (forms / "F8.json").write_text(json.dumps(form_document("F8", 2)), encoding="utf-8")
    with engine.begin() as conn:
        added = catalog.register_bundled_forms(conn, forms)
    assert [(p.form_id, p.version) for p in added] == [("f8", 2)]
    with engine.connect() as conn:
        assert catalog.form_definition(conn, "f8", 1) is not None
        assert catalog.form_definition(conn, "f8", 2) is not None


def test_station_codes_are_units(engine: Engine) -> None:
    """A station is a known commune; its name defaults to the unit's, its province is recorded."""
    row = stations.add_station(engine, "00004")
    assert row.name == "Công an phường Ba Đình"
    with pytest.raises(ServerError) as refused:
        stations.add_station(engine, "99999")
    assert refused.value.code == "UNKNOWN_UNIT"
    with pytest.raises(ServerError) as province:
        stations.add_station(engine, "01")  # Hà Nội itself is a province, not a station
    assert province.value.code == "UNKNOWN_UNIT"
    for zone in ("20333", "22736"):  # Hoàng Sa, Trường Sa: units without a police station
        with pytest.raises(ServerError) as archipelago:
            stations.add_station(engine, zone)
        assert archipelago.value.code == "UNKNOWN_UNIT"
        assert "no commune police station" in archipelago.value.detail


def test_a_broken_definition_is_refused_before_anything_is_stored(engine: Engine) -> None:
    """A field of an unknown type: FORM_DEFINITION_INVALID naming the place, no version kept."""
    document = form_document("F8", 2)
    document["sections"][0]["fields"][0]["type"] = "hologram"
    with pytest.raises(ServerError) as refused:
        catalog.publish_form_document(engine, document, file="F8.json")
    assert refused.value.code == "FORM_DEFINITION_INVALID"
    assert "sections[0].fields[0].type" in refused.value.detail
    with pytest.raises(ServerError) as old:
        catalog.publish_form_document(engine, form_document("F8", 1))
    assert old.value.code == "FORM_VERSION_EXISTS"
    assert _count(engine, FormVersion) == 10


def test_an_invalid_record_is_rejected_with_its_problem_codes(
    client: TestClient, engine: Engine, device: StationDevice
) -> None:
    """A hand-made, correctly signed push of a patrol with a negative count and no leader is
    rejected as RECORD_INVALID naming both problems; nothing is stored. A valid one is stored."""
    bad = make_record(values=patrol(checked_count=-3, leader=""))
    good = make_record(device_seq=2)
    results = device.push(client, [bad, good]).json()["results"]
    assert results[1]["status"] == "stored"
    assert (results[0]["status"], results[0]["code"]) == ("rejected", "RECORD_INVALID")
    problems = {(p["path"], p["code"]) for p in results[0]["problems"]}
    assert ("leader", "REQUIRED") in problems
    assert any(path == "checked_count" for path, _ in problems), problems
    assert _count(engine, RecordRevisionRow) == 1


def test_an_unknown_form_version_stays_unknown(client: TestClient, device: StationDevice) -> None:
    """Version 7 of the patrol log was never registered: UNKNOWN_FORM_VERSION, no problems list."""
    result = device.push(client, [make_record(form_version=7)]).json()["results"][0]
    assert (result["code"], result["problems"]) == ("UNKNOWN_FORM_VERSION", None)


def test_stored_heads_carry_their_projection(
    client: TestClient, engine: Engine, device: StationDevice
) -> None:
    """Title, event date and folded search text are made at ingest by the domain code."""
    device.push(client, [make_record(values=patrol(leader="Thiếu tá Đỗ Văn Hùng"))])
    with engine.connect() as conn:
        head = conn.execute(select(Record.title, Record.event_date, Record.search_text)).one()
    assert head.event_date is not None and head.event_date.isoformat() == "2026-11-21"
    assert head.title
    assert "do van hung" in head.search_text


def test_a_batch_with_several_revisions_of_a_record_shows_the_newest(
    client: TestClient, engine: Engine, device: StationDevice
) -> None:
    """Revisions 1 and 2 of one record in one batch: the head is projected from revision 2
    (only that one is projected), whichever order they came in."""
    first = make_record(values=patrol(leader="Trần Văn Một"))
    record_id = uuid.UUID(first["record_id"])
    second = make_record(record_id=record_id, revision=2, values=patrol(leader="Lê Văn Hai"))
    assert device.push(client, [second, first]).json()["stored"] == 2
    with engine.connect() as conn:
        head = conn.execute(select(Record.revision, Record.title, Record.search_text)).one()
    assert head.revision == 2 and "Hai" in head.title and "Một" not in head.title
    assert "hai" in head.search_text.split() and "mot" not in head.search_text.split()


def test_warming_builds_the_newest_version_of_every_form_before_the_first_push(
    engine: Engine,
) -> None:
    """A worker warmed at start finds each form's newest definition already built: the first
    push it serves builds nothing (the build, and the schema checker's import, cost ~0.2 s)."""
    catalog._built.cache_clear()
    assert catalog.warm_definitions(engine) == 10
    built = catalog._built.cache_info()
    assert built.currsize == 10 and built.misses == 10
    with engine.connect() as conn:
        newest = {"f1": 2, "f2": 1, "f8": 1, "f10": 2}
        assert all(catalog.form_definition(conn, f, v) is not None for f, v in newest.items())
    assert catalog._built.cache_info().misses == 10  # all four came from the warm cache


def test_a_built_definition_is_found_by_the_stored_text_not_by_its_name(engine: Engine) -> None:
    """The cache is keyed by the definition as stored, so another database in the same process
    holding other content under the same form and version gets its own build (here: the row
    changed under the same name)."""
    with engine.connect() as conn:
        before = catalog.form_definition(conn, "f8", 1)
        assert before is not None and catalog.form_definition(conn, "f8", 1) is before
    other = form_document("F8", 1) | {"title": {"vi": "Khác", "en": "Other"}}
    package = catalog._package(other, catalog.bundled_blocks())
    with engine.begin() as conn:
        conn.execute(
            FormVersion.__table__.update()
            .where(FormVersion.form_id == "f8", FormVersion.version == 1)
            .values(definition=package)
        )
    with engine.connect() as conn:
        after = catalog.form_definition(conn, "f8", 1)
        assert after is not None and after is not before and after.title.en == "Other"
        assert catalog.form_definition(conn, "f3", 99) is None


def test_the_served_app_warms_its_forms_and_a_test_app_does_not(
    engine: Engine, settings: Settings
) -> None:
    """`serve`'s workers (app_factory) warm beside their first requests; `create_app` alone, as the
    tests build it, leaves the cache as it is."""
    catalog._built.cache_clear()
    with TestClient(create_app(settings, engine=engine)):
        pass
    assert catalog._built.cache_info().currsize == 0
    with TestClient(create_app(settings, engine=engine, warm=True)):
        pass  # the lifespan's exit waits for the warm-up
    assert catalog._built.cache_info().currsize == 10
