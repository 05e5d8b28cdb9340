"""`cax-server` administration commands, run in-process against the test database."""

from __future__ import annotations

import json
import re
import uuid

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from protocol.signing import enrolment_proof, new_private_key, public_key_b64
from server.cli import main
from server.core.config import Settings
from tests.server.helpers import StationDevice, form_document, make_record, patrol


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_station_and_enrolment_code(
    engine: Engine, cli_env: Settings, client: TestClient, capsys
) -> None:  # type: ignore[no-untyped-def]
    """`station add` then `enroll-code` prints a code that enrols exactly once."""
    assert run(capsys, "station", "add", "00025", "Công an xã Tân Lập")[0] == 0
    code, out, _ = run(capsys, "enroll-code", "00025", "--hours", "2")
    assert code == 0
    issued = re.search(r"code: (\S+)", out).group(1)  # type: ignore[union-attr]
    assert "expires: " in out
    key = new_private_key()
    request = {
        "code": issued,
        "public_key": public_key_b64(key),
        "device_name": "PC",
        "proof": enrolment_proof(key, issued),
    }
    assert client.post("/api/v1/enroll", json=request).json()["station"]["code"] == "00025"


def test_errors_are_one_line_with_a_code(engine: Engine, cli_env: Settings, capsys) -> None:  # type: ignore[no-untyped-def]
    """Unknown station, duplicate station, unknown device, bad usage: one line, non-zero exit."""
    assert run(capsys, "station", "add", "00025", "X")[0] == 0
    cases = [
        (("enroll-code", "99999"), "STATION_NOT_FOUND"),
        (("station", "add", "00025", "Y"), "STATION_EXISTS"),
        (("device", "revoke", str(uuid.uuid4())), "DEVICE_NOT_FOUND"),
        (("records", "export", "--format", "xml"), "BAD_ARGUMENT"),
    ]
    for argv, wanted in cases:
        try:
            code, _out, err = run(capsys, *argv)
        except SystemExit as exc:
            code, (_out, err) = int(exc.code or 0), capsys.readouterr()
        assert code != 0
        assert err.strip().count("\n") == 0, err
        assert f"[{wanted}]" in err
        assert "Traceback" not in err


def test_device_list_and_revoke(
    engine: Engine,
    cli_env: Settings,
    client: TestClient,
    device: StationDevice,
    capsys,  # type: ignore[no-untyped-def]
) -> None:
    """`device list` shows the device; `device revoke` refuses its next request."""
    _, out, _ = run(capsys, "device", "list")
    assert device.device_id in out and "active" in out
    assert run(capsys, "device", "revoke", device.device_id, "--reason", "mất máy")[0] == 0
    _, out, _ = run(capsys, "device", "list", "--station", device.station_code)
    assert "revoked" in out
    assert device.pull(client).json()["code"] == "DEVICE_REVOKED"


def test_records_count_and_export(
    engine: Engine,
    cli_env: Settings,
    client: TestClient,
    device: StationDevice,
    capsys,
    tmp_path,  # type: ignore[no-untyped-def]
) -> None:
    """`records count` and `records export` (jsonl and csv) see exactly what was pushed."""
    records = [make_record(values=patrol(leader=f"Người {i}")) for i in range(3)]
    device.push(client, records)
    assert run(capsys, "records", "count")[1].strip() == "3 records, 3 revisions"
    assert run(capsys, "records", "count", "--station", device.station_code)[1].startswith("3 ")
    _, out, _ = run(capsys, "records", "export", "--format", "jsonl")
    exported = [json.loads(line) for line in out.splitlines()]
    assert sorted(r["content_hash"] for r in exported) == sorted(r["content_hash"] for r in records)
    assert {r["values"]["leader"] for r in exported} == {"Người 0", "Người 1", "Người 2"}
    target = tmp_path / "out.csv"
    assert run(capsys, "records", "export", "--format", "csv", "--output", str(target))[0] == 0
    lines = target.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 4 and lines[0].startswith("record_id,revision")


def test_form_publish_and_review(
    engine: Engine,
    cli_env: Settings,
    client: TestClient,
    device: StationDevice,
    capsys,
    tmp_path,  # type: ignore[no-untyped-def]
) -> None:
    """A new form version published from the CLI is accepted by push; a review reaches the
    station by pull."""
    definition = tmp_path / "F8.json"
    definition.write_text(json.dumps(form_document("F8", 2)), encoding="utf-8")
    assert run(capsys, "form", "publish", str(definition))[0] == 0
    record = make_record(form_version=2)
    assert device.push(client, [record]).json()["stored"] == 1
    argv = ("review", record["record_id"], "--decision", "returned", "--comment", "Sai ngày sinh")
    assert run(capsys, *argv)[0] == 0
    updates = device.pull(client).json()["updates"]
    assert updates[-1]["kind"] == "review_decision"
    assert updates[-1]["payload"]["comment"] == "Sai ngày sinh"


def test_commands_refuse_an_unmigrated_database(tmp_path, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    """Before `db upgrade`, commands say so in one line; after it, they work."""
    monkeypatch.delenv("CAX_SERVER_DB", raising=False)
    monkeypatch.setenv("CAX_SERVER_HOME", str(tmp_path))
    code, _, err = run(capsys, "records", "count")
    assert code == 1 and "[DATABASE_NOT_UPGRADED]" in err
    assert run(capsys, "db", "upgrade")[0] == 0
    assert run(capsys, "db", "upgrade")[1].startswith("schema already at")
    assert run(capsys, "records", "count")[1].strip() == "0 records, 0 revisions"
    assert (tmp_path / "cax-server.sqlite3").exists()


def test_unreachable_database_is_one_line(monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    """A PostgreSQL URL nobody answers: DATABASE_UNAVAILABLE, no traceback."""
    monkeypatch.setenv("CAX_SERVER_DB", "postgresql+psycopg://postgres@127.0.0.1:1/none")
    code, _, err = run(capsys, "records", "count")
    assert code == 1
    assert err.startswith("Error [DATABASE_UNAVAILABLE]") and err.count("\n") == 1
