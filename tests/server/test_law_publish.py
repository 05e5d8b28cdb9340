"""`cax-server law publish`: a checked legal catalogue reaches every station through the feed."""

from __future__ import annotations

import json
from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import Engine

from domain.law import catalogue_from_dict
from domain.resources import resource_path
from server.cli import main
from server.core.config import Settings
from tests.server.helpers import StationDevice


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
