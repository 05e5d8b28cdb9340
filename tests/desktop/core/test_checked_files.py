"""Remembered schema checks: a file whose exact bytes passed is not checked again, and any other
file — edited, damaged, new — still is, and is refused as before."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.core.checked_files import KEPT_DIGESTS, CheckedFilesFile
from domain.forms import schema
from domain.forms.catalogue import load_catalogue
from domain.forms.errors import FormDefinitionInvalid
from domain.schema_memory import remember_checked_files
from tests.domain.test_forms_catalogue import MINIMAL, load_with


@pytest.fixture
def remembered(tmp_path: Path) -> Iterator[CheckedFilesFile]:
    checked = CheckedFilesFile(tmp_path / "cache" / "checked.json")
    remember_checked_files(checked)
    yield checked
    remember_checked_files(None)


@pytest.fixture
def checks(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The kinds of the schema checks that really ran."""
    ran: list[str] = []
    real = schema.validator

    def counting(kind: str):
        ran.append(kind)
        return real(kind)

    monkeypatch.setattr(schema, "validator", counting)
    return ran


def test_files_that_passed_are_not_checked_again(tmp_path, remembered, checks):
    load_with(tmp_path, MINIMAL)
    first = len(checks)
    assert first > 0
    assert len(json.loads(remembered.path.read_text(encoding="utf-8"))) == first
    load_catalogue(tmp_path / "forms")
    assert len(checks) == first  # nothing ran again
    # A new process reads what the last one remembered.
    remember_checked_files(CheckedFilesFile(remembered.path))
    load_catalogue(tmp_path / "forms")
    assert len(checks) == first


def test_an_edited_file_is_checked_and_refused(tmp_path, remembered, checks):
    load_with(tmp_path, MINIMAL)
    form = json.loads(json.dumps(MINIMAL))
    form["sections"][0]["fields"][0]["type"] = "colour"
    (tmp_path / "forms" / "T.json").write_text(json.dumps(form), encoding="utf-8")
    checks.clear()
    with pytest.raises(FormDefinitionInvalid) as caught:
        load_catalogue(tmp_path / "forms")
    assert caught.value.params["reason"] == "schema"
    assert checks == ["form"]  # only the changed file was checked
    with pytest.raises(FormDefinitionInvalid):  # and a failed check is never remembered
        load_catalogue(tmp_path / "forms")


def test_a_damaged_memory_only_costs_a_check(tmp_path, checks):
    path = tmp_path / "checked.json"
    path.write_bytes(b"\xff{not json")
    remember_checked_files(CheckedFilesFile(path))
    try:
        load_with(tmp_path, MINIMAL)
    finally:
        remember_checked_files(None)
    assert checks
    assert all(isinstance(d, str) for d in json.loads(path.read_text(encoding="utf-8")))


def test_a_digest_is_bound_to_the_bytes_and_the_kind():
    raw = b'{"id": "x"}'
    assert schema.content_digest("form", raw) != schema.content_digest("form", raw + b" ")
    assert schema.content_digest("form", raw) != schema.content_digest("block", raw)


def test_the_memory_keeps_the_newest_digests(tmp_path):
    checked = CheckedFilesFile(tmp_path / "checked.json")
    for n in range(KEPT_DIGESTS + 5):
        checked.add(f"d{n}")
    stored = json.loads(checked.path.read_text(encoding="utf-8"))
    assert len(stored) == KEPT_DIGESTS and stored[-1] == f"d{KEPT_DIGESTS + 4}"
    assert "d0" not in CheckedFilesFile(checked.path)


def test_an_unwritable_cache_is_not_an_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    checked = CheckedFilesFile(blocker / "cache" / "checked.json")  # its folder cannot exist
    checked.add("d1")
    assert "d1" in checked
