"""A legal catalogue the centre publishes becomes the one the station judges, cites and lists
with after its next pull; until then the station and the server disagree only by refusing."""

from __future__ import annotations

import json

import pytest

from desktop.core.errors import ValidationFailed
from desktop.storage import centre_feed, outbox
from desktop.storage.records import RecordService
from domain.law import default_catalogue
from server.services import law
from tests.desktop.cli.test_cax_cli import as_user, run_cax
from tests.desktop.conftest import SUPERVISOR, SUPERVISOR_PASSWORD
from tests.desktop.sync.helpers import CATALOGUE, example
from tests.server.test_law_publish import with_new_entry

NEW_ENTRY = "nd282.8.9.z"  # only in the published catalogue, see with_new_entry


def citing_the_new_entry() -> dict:
    values = {**example("F3"), "law_entry": NEW_ENTRY}
    values.pop("legal_provision", None)  # worked out from the entry
    return values


def test_a_published_entry_is_accepted_and_found_after_the_pull(
    enrolled, session, server_db, station_home
):
    service = RecordService(session, CATALOGUE)
    with pytest.raises(ValidationFailed):  # the bundled catalogue does not know it yet
        service.create("F3", citing_the_new_entry(), draft_ok=False)
    law.publish_law_catalogue(server_db.engine, with_new_entry("2027.6"))
    enrolled.run()
    with session.db.read() as conn:
        assert centre_feed.law_catalogue_in_force(conn).version == "2027.6"
    record_id = service.create("F3", citing_the_new_entry(), draft_ok=False)
    stored = service.get(record_id)
    assert stored.values["legal_provision"] == "Điểm z khoản 9 Điều 8 Nghị định 282/2025/NĐ-CP"
    service.complete(record_id)
    report = enrolled.run()
    assert report.counts.acknowledged == 1  # the server judges with the same catalogue

    env = {**as_user(station_home.home, SUPERVISOR, SUPERVISOR_PASSWORD), "CAX_LANG": "en"}
    result = run_cax("law", "search", "tha dieu", "--date", "01/11/2026", "--json", env=env)
    assert result.returncode == 0, result.stderr
    assert NEW_ENTRY in [e["id"] for e in json.loads(result.stdout)]
    assert NEW_ENTRY not in [e.id for e in default_catalogue().search("tha dieu")]
    shown = run_cax("law", "show", NEW_ENTRY, env=env)
    assert shown.returncode == 0 and "Thả diều" in shown.stdout


def test_a_station_without_a_pulled_catalogue_uses_the_bundled_one(session):
    with session.db.read() as conn:
        assert centre_feed.latest_law_catalogue(conn) is None
        assert centre_feed.law_catalogue_in_force(conn) is default_catalogue()


def test_a_station_behind_the_centre_is_refused_naming_the_field_then_agrees(
    enrolled, session, server_db
):
    """The centre ends nd282.8.1.a on 30/06/2026 and moves the act to a new point. A record the
    station completed before its pull is refused (RECORD_INVALID, the field named, listed for
    the Sync page); after the pull the station refuses it too, and the amendment goes through."""
    document = with_new_entry("2027.7")
    for entry in document["entries"]:
        if entry["id"] == "nd282.8.1.a":
            entry["effective_to"] = "2026-06-30"
    replacement = {
        **next(e for e in document["entries"] if e["id"] == "nd282.8.1.a"),
        "id": "nd282.8.1.e",
        "point": "e",
        "effective_from": "2026-07-01",
        "effective_to": None,
    }
    document["entries"].append(replacement)
    service = RecordService(session, CATALOGUE)
    record_id = service.create("F3", example("F3"), draft_ok=False)  # cites nd282.8.1.a
    service.complete(record_id)
    law.publish_law_catalogue(server_db.engine, document)

    enrolled.run()
    with session.db.read() as conn:
        refused = outbox.problems(conn)
    assert [(p.record_id, p.code) for p in refused] == [(record_id, "RECORD_INVALID")]
    assert "law_entry=LAW_ENTRY_NOT_IN_FORCE" in (refused[0].detail or "")
    _, found = service.check("F3", service.get(record_id).values)  # pulled: the station agrees
    assert ("law_entry", "LAW_ENTRY_NOT_IN_FORCE") in {(p.path, p.code) for p in found}

    values = {**service.get(record_id).values, "law_entry": "nd282.8.1.e"}
    values.pop("legal_provision")
    service.amend(record_id, values, "quy định mới có hiệu lực")
    assert service.get(record_id).values["legal_provision"].startswith("Điểm e khoản 1 Điều 8")
    assert enrolled.run().counts.acknowledged == 1
