"""Records in the encrypted store: lifecycle, official numbers, revisions, search and masking."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest

from desktop.core.audit_actions import AuditAction
from desktop.core.errors import (
    PermissionDenied,
    ReasonRequired,
    RecordStateError,
    ValidationFailed,
)
from desktop.storage import audit, record_store
from desktop.storage.records import RecordService
from domain.forms.catalogue import load_catalogue
from domain.records import RecordFilter, RecordStatus, cursor_of
from domain.validation import Override
from domain.validation.formats import VN_TZ
from tests.desktop.conftest import OFFICER, OFFICER_PASSWORD

EXAMPLES = Path(__file__).resolve().parents[3] / "docs" / "examples"
CATALOGUE = load_catalogue()
NOW = datetime(2026, 11, 28, 9, 30, tzinfo=VN_TZ)


def example(form_id: str, kind: str = "") -> dict:
    return json.loads((EXAMPLES / f"{form_id}{kind}.json").read_text(encoding="utf-8"))["values"]


@pytest.fixture
def chief(station_home):
    session = station_home.unlock()
    yield RecordService(session, CATALOGUE, clock=lambda: NOW)
    session.close()


@pytest.fixture
def officer(station_home):
    session = station_home.unlock(OFFICER, OFFICER_PASSWORD)
    yield RecordService(session, CATALOGUE, clock=lambda: NOW)
    session.close()


@pytest.mark.parametrize("form_id", [form.id for form in CATALOGUE])
def test_each_example_is_accepted_and_completed(officer, form_id):
    """Every form's valid example stores, completes and gets its official number if it has one."""
    record_id = officer.create(form_id, example(form_id), draft_ok=False)
    number = officer.complete(record_id)
    form = CATALOGUE.get(form_id)
    assert number == (f"01/{form.numbering}" if form.numbering else None)
    stored = officer.get(record_id)
    assert stored.summary.status == RecordStatus.COMPLETED and stored.summary.title


@pytest.mark.parametrize("form_id", [form.id for form in CATALOGUE])
def test_each_invalid_example_is_refused_at_its_field(officer, form_id):
    """Every invalid example is refused with the documented field paths; nothing is stored."""
    document = json.loads((EXAMPLES / f"{form_id}.invalid.json").read_text(encoding="utf-8"))
    with pytest.raises(ValidationFailed) as raised:
        officer.create(form_id, document["values"], draft_ok=False)
    found = {(p["path"], p["code"]) for p in raised.value.params["problems"]}
    expected = {(e["path"], e["code"]) for e in document.get("expect", [])}
    assert expected and expected <= found
    assert officer.count() == 0


def test_numbers_are_consecutive_per_kind_and_year(officer):
    """Three violation records get 01, 02, 03/BB-VPHC; another kind starts its own count."""
    numbers = [officer.complete(officer.create("F3", example("F3"))) for _ in range(3)]
    assert numbers == ["01/BB-VPHC", "02/BB-VPHC", "03/BB-VPHC"]
    assert officer.complete(officer.create("F1", example("F1"))) == "01/BB-TNNT"


def test_approved_record_is_locked_and_amended_into_a_new_revision(chief, officer):
    """Approval locks; an amendment needs a reason, keeps revision 1 and goes back to review."""
    record_id = officer.create("F3", example("F3"))
    officer.complete(record_id)
    with pytest.raises(PermissionDenied):
        officer.approve(record_id)
    chief.approve(record_id)
    with pytest.raises(RecordStateError):
        officer.save_draft(record_id, example("F3"))
    with pytest.raises(PermissionDenied):
        officer.amend(record_id, example("F3"), "sửa lỗi chính tả")
    changed = example("F3") | {"violator_statement": "Tôi xin nhận lỗi và cam kết không tái phạm."}
    with pytest.raises(ReasonRequired):
        chief.amend(record_id, changed, "   ")
    assert chief.amend(record_id, changed, "Bổ sung lời khai") == 2
    stored = chief.get(record_id)
    assert stored.summary.status == RecordStatus.COMPLETED and stored.summary.revision == 2
    assert [(r.revision, r.reason) for r in stored.revisions] == [(1, ""), (2, "Bổ sung lời khai")]
    assert stored.revisions[0].values["violator_statement"] != changed["violator_statement"]
    assert stored.summary.document_number == "01/BB-VPHC"  # the number stays with the record


def test_void_needs_a_reason_and_keeps_the_record(officer):
    """Voiding keeps the record (hidden from default lists) with its reason; the number is not reused."""
    record_id = officer.create("F3", example("F3"))
    officer.complete(record_id)
    with pytest.raises(ReasonRequired):
        officer.void(record_id, "")
    officer.void(record_id, "Lập nhầm đối tượng")
    assert officer.count() == 0
    voided = officer.page(RecordFilter(status="voided"))
    assert [r.id for r in voided] == [record_id]
    assert officer.get(record_id).void_reason == "Lập nhầm đối tượng"
    assert officer.complete(officer.create("F3", example("F3"))) == "02/BB-VPHC"


def test_overridable_id_mismatch_needs_a_supervisor_with_a_reason(chief, officer):
    """An ID whose sex digit disagrees blocks completion; a supervisor may accept it with a reason."""
    values = example("F3")
    values["violator"] = values["violator"] | {
        "sex": "nu" if values["violator"]["sex"] == "nam" else "nam"
    }
    record_id = officer.create("F3", values)
    with pytest.raises(ValidationFailed) as raised:
        officer.complete(record_id)
    problem = next(p for p in raised.value.params["problems"] if p["code"] == "ID_SEX_MISMATCH")
    override = Override(problem["path"], problem["code"], "Giấy tờ cũ ghi sai, đã đối chiếu")
    with pytest.raises(PermissionDenied):
        officer.complete(record_id, [override])
    assert chief.complete(record_id, [override]) == "01/BB-VPHC"


def test_an_absence_declaration_names_a_live_f10_file_of_the_same_person(chief, officer):
    """F6's supervision file is looked up among the station's F10 files when it is checked and
    completed (docs/domain.md, "The link to F10"): the person's own file passes, a number with no
    live file warns, another person's file blocks unless a supervisor accepts it."""
    f10 = officer.create("F10", example("F10"))
    assert officer.complete(f10) == "01/HS-GS"

    def codes(values: dict) -> set[tuple[str, str]]:
        return {(p.path, p.code.value) for p in officer.check("F6", values)[1]}

    own = example("F6") | {"supervision_file": "01/HS-GS"}
    assert codes(own) == set()
    assert officer.complete(officer.create("F6", own)) == "01/TV"

    unknown = example("F6") | {"supervision_file": "02/HS-GS"}
    assert codes(unknown) == {("supervision_file", "LINKED_RECORD_NOT_FOUND")}
    assert officer.complete(officer.create("F6", unknown)) == "02/TV"  # a warning only

    officer.void(f10, "Lập trùng hồ sơ")
    assert codes(own) == {("supervision_file", "LINKED_RECORD_NOT_FOUND")}

    again = officer.create("F10", example("F10"))
    assert officer.complete(again) == "02/HS-GS"
    someone_else = example("F6") | {"supervision_file": "02/HS-GS"}
    someone_else["declarant"] = someone_else["declarant"] | {"id_number": "001094000001"}
    record_id = officer.create("F6", someone_else)
    with pytest.raises(ValidationFailed) as raised:
        officer.complete(record_id)
    found = {(p["path"], p["code"]) for p in raised.value.params["problems"]}
    assert ("supervision_file", "LINKED_RECORD_OTHER_PERSON") in found
    override = Override("supervision_file", "LINKED_RECORD_OTHER_PERSON", "CMND cũ, đã đối chiếu")
    assert chief.complete(record_id, [override]) == "03/TV"


@pytest.mark.parametrize(
    "typed", ["nguyen van duc", "NGUYEN", "Đức", "duc", "Nguyễn Văn Đức", "0010850"]
)
def test_search_ignores_accents_and_case(officer, typed):
    """The F1 reporter Nguyễn Văn Đức is found however the name is typed (and by ID prefix)."""
    record_id = officer.create("F1", example("F1"))
    officer.create("F3", example("F3"))
    assert [r.id for r in officer.page(RecordFilter(text=typed))] == [record_id]


@pytest.mark.parametrize(
    "typed",
    [
        "0912 345 678",
        "0912.345.678",
        "0912-345-678",
        "+84 912 345 678",
        "+84912345678",
        "0912 345",  # still typing
        "001 0 85 012345",
        "001.085.012.345",
        "nguyen 0912 345 678",
    ],
)
def test_id_and_phone_numbers_are_found_however_they_are_grouped(officer, typed):
    """The reporter's phone 0912345678 and ID 001085012345 are found with spaces, dots or +84."""
    record_id = officer.create("F1", example("F1"))
    officer.create("F3", example("F3"))
    assert [r.id for r in officer.page(RecordFilter(text=typed))] == [record_id]
    assert officer.count(RecordFilter(text=typed)) == 1


def test_a_number_written_in_groups_in_a_narrative_is_found_whole(officer):
    """Free text keeps numbers as typed; the index holds the whole number beside its parts."""
    values = example("F1") | {"narrative": example("F1")["narrative"] + " Liên hệ 0987.654.321."}
    record_id = officer.create("F1", values)
    for typed in ("0987654321", "+84 987 654 321", "0987.654.321", "654"):
        assert [r.id for r in officer.page(RecordFilter(text=typed))] == [record_id], typed


def test_an_eth_typed_for_d_is_found_by_d(officer):
    """ "Ðỗ" pasted from a legacy converter (Icelandic Eth U+00D0) is found by "do" and by "Đỗ"."""
    values = example("F1")
    values["reporter"] = values["reporter"] | {"full_name": "\u00d0ỗ Văn Hùng"}
    record_id = officer.create("F1", values)
    for typed in ("do van hung", "Đỗ Văn Hùng", "\u00d0ỗ"):
        assert [r.id for r in officer.page(RecordFilter(text=typed))] == [record_id], typed


def test_hoa_spellings_find_each_other(officer):
    """ "Hoà" (new tone placement) and "Hòa" (old) find the same record."""
    values = example("F1")
    values["reporter"] = values["reporter"] | {"full_name": "Lê Thị Hòa"}
    record_id = officer.create("F1", values)
    for typed in ("Hoà", "Hòa", "hoa"):
        assert [r.id for r in officer.page(RecordFilter(text=typed))] == [record_id]


def test_lists_mask_id_numbers_and_filter(officer):
    """List columns never show a whole ID number; filters by form and status narrow the list."""
    f1 = officer.create("F1", example("F1"))
    officer.create("F3", example("F3"))
    officer.complete(f1)
    rows = officer.page()
    assert len(rows) == 2
    for row in rows:
        for cell in row.columns.values():
            assert "001085012345" not in cell
    assert [r.id for r in officer.page(RecordFilter(form_id="F1", status="completed"))] == [f1]
    assert officer.page(RecordFilter(date_from="2026-12-01")) == []


def test_paging_walks_every_record_once(officer):
    """Keyset pages of 3 visit all 8 records, newest first, without repeats."""
    ids = {officer.create("F8", example("F8")) for _ in range(8)}
    seen, after = [], None
    while True:
        rows = officer.page(limit=3, after=after)
        if not rows:
            break
        seen += [r.id for r in rows]
        after = cursor_of(rows[-1], RecordFilter())
    assert len(seen) == 8 and set(seen) == ids


def test_others_sensitive_data_is_hidden_from_officers(chief, officer):
    """An officer opening a supervisor's record sees no sensitive field; the author sees all."""
    values = example("F1")
    hidden = [p for p in CATALOGUE.get("F1").sensitive_paths() if "." not in p and p in values]
    assert hidden, "the example must fill at least one sensitive field"
    record_id = chief.create("F1", values)
    assert all(path in chief.get(record_id).values for path in hidden)
    shown = officer.get(record_id).values
    assert not any(path in shown for path in hidden)
    assert shown["reporter"]["full_name"] == "Nguyễn Văn Đức"


def test_every_step_is_audited(officer, chief):
    """Create, view, complete, approve and void each leave an audit entry naming the record."""
    record_id = officer.create("F1", example("F1"))
    officer.get(record_id)
    officer.complete(record_id)
    chief.approve(record_id)
    chief.void(record_id, "Trùng với hồ sơ khác")
    with chief.session.db.read() as conn:
        actions = [e.action for e in audit.entries(conn, limit=50) if e.target == record_id]
    assert set(actions) >= {
        AuditAction.RECORD_CREATED,
        AuditAction.RECORD_VIEWED,
        AuditAction.RECORD_COMPLETED,
        AuditAction.RECORD_APPROVED,
        AuditAction.RECORD_VOIDED,
    }


@pytest.mark.slow  # over 1.5 s on the development VM: left to `make test`
def test_two_processes_completing_at_once_get_distinct_consecutive_numbers(station_home, tmp_path):
    """Two officers' programs complete 25 violation records each at the same moment: 01…50, no twice."""
    import os
    import subprocess
    import sys

    from tests.desktop.conftest import SUPERVISOR, SUPERVISOR_PASSWORD

    worker = Path(__file__).with_name("numbering_worker.py")
    start = tmp_path / "go"
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[3])}
    users = [(SUPERVISOR, SUPERVISOR_PASSWORD), (OFFICER, OFFICER_PASSWORD)]
    children = [
        subprocess.Popen(
            [
                sys.executable,
                str(worker),
                str(station_home.home),
                user,
                password,
                str(EXAMPLES / "F3.json"),
                "25",
                str(start),
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for user, password in users
    ]
    for child in children:
        assert child.stdout.readline().strip() == "ready", child.stderr.read()
    start.touch()
    numbers = []
    for child in children:
        out, err = child.communicate(timeout=120)
        assert child.returncode == 0, err
        numbers += out.split()
    assert sorted(numbers) == [f"{n:02d}/BB-VPHC" for n in range(1, 51)]


def test_a_record_saved_under_a_newer_form_takes_its_version(chief, officer):
    """A record made under an older version of its form (F3 version 1, before the legal
    catalogue) is checked against the definition shipped now when saved or amended, so it is of
    that version from then on — what the centre validates it against."""
    current = CATALOGUE.get("F3").version
    assert current > 1
    record_id = officer.create("F3", example("F3"))

    def make_old() -> None:
        seq = officer.get(record_id).summary.seq
        with officer.session.db.write() as conn:
            record_store.set_fields(conn, seq, form_version=1)

    make_old()
    officer.save_draft(record_id, example("F3"))
    assert officer.get(record_id).summary.form_version == current
    officer.complete(record_id)
    chief.approve(record_id)
    make_old()
    chief.amend(record_id, example("F3"), "Bổ sung lời khai")
    assert chief.get(record_id).summary.form_version == current
