"""`cax record …` with the documented examples: valid ones complete, invalid ones name their fields."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop.cli import main as cli_main
from domain.forms.catalogue import load_catalogue
from tests.desktop.conftest import OFFICER, OFFICER_PASSWORD, SUPERVISOR, SUPERVISOR_PASSWORD

EXAMPLES = Path(__file__).resolve().parents[3] / "docs" / "examples"
FORMS = [form.id for form in load_catalogue()]


@pytest.fixture
def cax(station_home, monkeypatch, capsys):
    """Run `cax` in-process as the officer; returns (exit code, stdout, stderr)."""
    monkeypatch.setenv("CAX_HOME", str(station_home.home))
    monkeypatch.setenv("CAX_USER", OFFICER)
    monkeypatch.setenv("CAX_PASSWORD", OFFICER_PASSWORD)

    def run(*argv: str) -> tuple[int, str, str]:
        code = cli_main.main(list(argv))
        out, err = capsys.readouterr()
        return code, out, err

    return run


@pytest.mark.parametrize("form_id", FORMS)
def test_valid_example_is_created_and_completed(cax, form_id):
    """`record new` prints the id; `record complete` gives the official number (or the id)."""
    code, out, err = cax("record", "new", form_id, "--data", str(EXAMPLES / f"{form_id}.json"))
    assert code == 0, out + err
    record_id = out.strip().splitlines()[-1]
    code, out, err = cax("record", "complete", record_id)
    assert code == 0, out + err
    form = load_catalogue().get(form_id)
    assert out.strip() == (f"01/{form.numbering}" if form.numbering else record_id)
    code, out, _ = cax("record", "show", record_id, "--json")
    assert json.loads(out)["summary"]["status"] == "completed"


@pytest.mark.parametrize("form_id", FORMS)
def test_invalid_example_is_refused_with_field_paths(cax, form_id):
    """`record new` with the invalid example exits 1 and prints each expected path and code."""
    document = json.loads((EXAMPLES / f"{form_id}.invalid.json").read_text(encoding="utf-8"))
    code, out, err = cax(
        "record", "new", form_id, "--data", str(EXAMPLES / f"{form_id}.invalid.json")
    )
    assert code == 1 and "Traceback" not in err
    for expected in document["expect"]:
        assert f"{expected['path']}: {expected['code']}" in out
    assert cax("record", "list", "--json")[1].strip() == "[]"


def test_search_list_and_lifecycle_from_the_terminal(cax, monkeypatch):
    """Search by unaccented name, approve as supervisor, void with a reason."""
    _, out, _ = cax("record", "new", "F1", "--data", str(EXAMPLES / "F1.json"))
    record_id = out.strip()
    assert cax("record", "complete", record_id)[0] == 0
    code, out, _ = cax("record", "search", "nguyen", "van", "duc", "--json")
    assert [row["id"] for row in json.loads(out)] == [record_id]
    assert "001085012345" not in out  # list rows carry masked numbers only
    assert cax("record", "approve", record_id)[0] == 7  # officers cannot approve
    monkeypatch.setenv("CAX_USER", SUPERVISOR)
    monkeypatch.setenv("CAX_PASSWORD", SUPERVISOR_PASSWORD)
    assert cax("record", "approve", record_id)[0] == 0
    code, _, err = cax("record", "void", record_id, "--reason", " ")
    assert code == 9 and "[REASON_REQUIRED]" in err
    assert cax("record", "void", record_id, "--reason", "Trùng hồ sơ")[0] == 0
    _, out, _ = cax("record", "list", "--status", "voided", "--json")
    assert [row["id"] for row in json.loads(out)] == [record_id]


def test_bad_data_file_and_unknown_form(cax, tmp_path):
    """A broken JSON file and an unknown form each give one clear error line."""
    broken = tmp_path / "broken.json"
    broken.write_text("{not json", encoding="utf-8")
    code, _, err = cax("record", "new", "F1", "--data", str(broken))
    assert code == 1 and "[INVALID_INPUT]" in err
    code, _, err = cax("form", "show", "F99")
    assert code == 8 and "[UNKNOWN_FORM]" in err


def test_data_files_nested_absurdly_deep_are_refused_by_code(cax, tmp_path):
    """5,000 levels of nesting (past the JSON parser's recursion) and 100 levels (past any form)
    are each a coded refusal of the file, never INTERNAL_ERROR."""
    very_deep = tmp_path / "very-deep.json"
    very_deep.write_text('{"form": "F1", "values": ' + "[" * 5000 + "]" * 5000 + "}")
    code, _, err = cax("record", "new", "F1", "--data", str(very_deep))
    assert code == 1 and "[INVALID_INPUT]" in err and "INTERNAL" not in err
    deep = tmp_path / "deep.json"
    values: dict = {}
    for _ in range(100):
        values = {"x": values}
    deep.write_text(json.dumps({"form": "F1", "values": values}), encoding="utf-8")
    code, _, err = cax("record", "new", "F1", "--data", str(deep))
    assert code == 1 and "[RECORD_FILE_INVALID]" in err and "too_deep" in err


def test_data_file_of_another_form_is_refused(cax):
    """A record file for F3 given to `record new F1` is refused before anything is stored."""
    code, _, err = cax("record", "new", "F1", "--data", str(EXAMPLES / "F3.json"))
    assert code == 1 and "[RECORD_FILE_INVALID]" in err


def _as(monkeypatch, username: str, password: str) -> None:
    monkeypatch.setenv("CAX_USER", username)
    monkeypatch.setenv("CAX_PASSWORD", password)


def _listed(cax, status: str) -> list[str]:
    code, out, err = cax("record", "list", "--status", status, "--json")
    assert code == 0, err
    return [row["id"] for row in json.loads(out)]


def test_a_returned_record_is_listed_as_returned_until_amended(cax, monkeypatch):
    """`record return` sends a completed record back; `record list --status returned` lists it
    (and "completed" no longer does) until its author amends it."""
    _, out, _ = cax("record", "new", "F3", "--data", str(EXAMPLES / "F3.json"))
    record_id = out.strip()
    assert cax("record", "complete", record_id)[0] == 0
    _as(monkeypatch, SUPERVISOR, SUPERVISOR_PASSWORD)
    code, _, err = cax("record", "return", record_id, "--comment", "Thiếu chữ ký người vi phạm")
    assert code == 0, err
    assert _listed(cax, "returned") == [record_id]
    assert _listed(cax, "completed") == []
    code, _, err = cax("record", "approve", record_id)  # it is with its author now
    assert code != 0 and "[RECORD_STATE]" in err
    _as(monkeypatch, OFFICER, OFFICER_PASSWORD)
    data = str(EXAMPLES / "F3.json")
    assert cax("record", "amend", record_id, "--data", data, "--reason", "Bổ sung chữ ký")[0] == 0
    assert _listed(cax, "returned") == []
    assert _listed(cax, "completed") == [record_id]
