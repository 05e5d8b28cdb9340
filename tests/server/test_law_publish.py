"""`cax-server law publish`: a checked legal catalogue reaches every station through the feed."""

from __future__ import annotations

import json
from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import Engine, select

from domain.law import catalogue_from_dict, default_catalogue
from domain.resources import resource_path
from server.cli import main
from server.core.config import Settings
from server.models import RecordRevisionRow
from server.services import law
from tests.desktop.sync.helpers import example
from tests.server.helpers import StationDevice, make_record


def bundled() -> dict:
    return json.loads(resource_path("law", "catalogue.json").read_text(encoding="utf-8"))


def publish(capsys, tmp_path: Path, document: object) -> tuple[int, str, str]:  # type: ignore[no-untyped-def]
    path = tmp_path / "catalogue.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    code = main(["law", "publish", str(path)])
    out, err = capsys.readouterr()
    return code, out, err


def test_a_published_catalogue_is_pulled_by_stations(  # type: ignore[no-untyped-def]
    engine: Engine, cli_env: Settings, client: TestClient, device: StationDevice, tmp_path, capsys
) -> None:
    document = {**bundled(), "version": "2027.1"}
    code, out, _ = publish(capsys, tmp_path, document)
    assert code == 0 and "2027.1" in out
    updates = device.pull(client).json()["updates"]
    law = [u["payload"] for u in updates if u["kind"] == "law_catalogue"]
    assert [p["version"] for p in law] == ["2027.1"]
    pulled = catalogue_from_dict(law[0]["catalogue"])  # the station reads it with the same code
    assert pulled.entry("nd282.8.1.a") is not None


def test_a_broken_or_old_catalogue_is_refused_and_nothing_is_published(  # type: ignore[no-untyped-def]
    engine: Engine, cli_env: Settings, client: TestClient, device: StationDevice, tmp_path, capsys
) -> None:
    broken = bundled()
    broken["entries"][0]["fine_individual"] = [2, 1]
    code, _, err = publish(capsys, tmp_path, broken)
    assert code != 0 and "[LAW_CATALOGUE_INVALID]" in err and err.count("\n") == 1
    assert publish(capsys, tmp_path, {**bundled(), "version": "2027.2"})[0] == 0
    for version in ("2027.2", "2026.9"):
        code, _, err = publish(capsys, tmp_path, {**bundled(), "version": version})
        assert code != 0 and "[LAW_VERSION_EXISTS]" in err
    code, _, err = publish(capsys, tmp_path, {**bundled(), "version": "latest"})
    assert code != 0 and "[LAW_CATALOGUE_INVALID]" in err
    kinds = [u["kind"] for u in device.pull(client).json()["updates"]]
    assert kinds.count("law_catalogue") == 1


def with_new_entry(version: str) -> dict:
    """The bundled catalogue plus a provision no program release knows yet."""
    document = bundled()
    new = {
        **document["entries"][-1],
        "id": "nd282.8.9.z",
        "act": "tha_dieu_nguy_hiem",
        "article": 8,
        "clause": 9,
        "point": "z",
        "behaviour": "Thả diều gây nguy hiểm cho người khác",
        "keywords": "thả diều",
        "warning": True,
        "fine_individual": [300000, 500000],
        "fine_organisation": [600000, 1000000],
        "effective_from": "2026-07-01",
        "effective_to": None,
    }
    return {**document, "version": version, "entries": [*document["entries"], new]}


def test_the_server_judges_with_its_newest_published_catalogue(  # type: ignore[no-untyped-def]
    engine: Engine, cli_env: Settings, client: TestClient, device: StationDevice, tmp_path, capsys
) -> None:
    """A record citing a provision only a published catalogue has is refused with the field
    named while the server knows the bundled one alone, and stored once it is published."""
    citation = "Điểm z khoản 9 Điều 8 Nghị định 282/2025/NĐ-CP"  # as the station computed it
    values = {**example("F3"), "law_entry": "nd282.8.9.z", "legal_provision": citation}
    before = device.push(client, [make_record(form_id="f3", form_version=2, values=values)])
    result = before.json()["results"][0]
    assert (result["status"], result["code"]) == ("rejected", "RECORD_INVALID")
    assert {"path": "law_entry", "code": "LAW_ENTRY_UNKNOWN"} in result["problems"]
    assert publish(capsys, tmp_path, with_new_entry("2027.5"))[0] == 0
    record = make_record(form_id="f3", form_version=2, values=values, device_seq=2)
    after = device.push(client, [record]).json()["results"][0]
    assert after["status"] == "stored", after
    with engine.connect() as conn:
        assert law.catalogue_in_force(conn).version == "2027.5"
        stored = conn.execute(select(RecordRevisionRow.field_values)).scalars().one()
    assert stored["law_entry"] == "nd282.8.9.z"


def test_without_a_published_catalogue_the_server_uses_the_bundled_one(engine: Engine) -> None:
    with engine.connect() as conn:
        assert law.catalogue_in_force(conn) is default_catalogue()
