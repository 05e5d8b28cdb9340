"""Whole-record validation against real catalogue forms: paths, severities, overrides."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from domain.forms import load_catalogue
from domain.validation import (
    Code,
    Override,
    Severity,
    blocking_problems,
    check_record,
    has_errors,
    normalize_values,
    validate_record,
)

TODAY = date(2026, 11, 28)
CATALOGUE = load_catalogue()


def codes(form_id: str, values: dict[str, Any], **kwargs: Any) -> set[tuple[str, str]]:
    problems = validate_record(CATALOGUE.get(form_id), values, today=TODAY, **kwargs)
    return {(p.path, p.code.value) for p in problems}


def person(**extra: Any) -> dict[str, Any]:
    return {
        "full_name": "Nguyễn Văn Đức",
        "date_of_birth": "12/03/1985",
        "sex": "nam",
        "id_number": "001085012345",
        "permanent_address": {"province": "01", "commune": "00004"},
        **extra,
    }


def f6(**changes: Any) -> dict[str, Any]:
    values = {
        "declarant": person(),
        "legal_category": "an_treo",
        "supervision_file": "03/HS-GS",
        "absence_from": "25/11/2026",
        "absence_to": "10/12/2026",
        "reason": "Đi làm thời vụ",
        "destination": {"province": "79", "commune": "26824"},
        "received_date": "24/11/2026",
        "receiving_officer": "Thượng úy Trần Thị Lan",
        "head_of_police": "Trung tá Nguyễn Văn Trưởng",
    }
    values.update(changes)
    return values


def test_a_complete_record_has_no_problems() -> None:
    """The baseline used below is valid, so each test's finding comes from its own change."""
    assert validate_record(CATALOGUE.get("F6"), f6(), today=TODAY) == []


def test_missing_required_fields_are_reported_at_their_paths() -> None:
    """REQUIRED at top level and inside the person block, with dotted paths."""
    values = f6(reason="  ", declarant=person(full_name=""))
    assert {("reason", "REQUIRED"), ("declarant.full_name", "REQUIRED")} <= codes("F6", values)


def test_id_cross_checks_are_overridable_errors() -> None:
    """ID rule 3 (docs/domain.md): sex and birth-year mismatches block until a supervisor overrides them."""
    form = CATALOGUE.get("F6")
    values = f6(declarant=person(sex="nu", date_of_birth="1990"))
    problems = validate_record(form, values, today=TODAY)
    mismatches = [
        p for p in problems if p.code in (Code.ID_SEX_MISMATCH, Code.ID_BIRTH_YEAR_MISMATCH)
    ]
    assert len(mismatches) == 2
    assert all(p.is_error and p.overridable and p.path == "declarant.id_number" for p in mismatches)
    assert dict(mismatches[0].params) == {"expected": "nam"}
    assert dict(mismatches[1].params) == {"expected": 1985}
    overrides = [
        Override("declarant.id_number", p.code, "CCCD cấp sai, đã xác minh") for p in mismatches
    ]
    assert blocking_problems(problems, overrides) == []
    assert blocking_problems(problems, [Override("declarant.id_number", Code.ID_SEX_MISMATCH, " ")])


def test_unknown_prefix_warns_but_does_not_block() -> None:
    """Rule 2: a warning; the record can still be completed."""
    values = f6(declarant=person(id_number="003085012345"))
    problems = validate_record(CATALOGUE.get("F6"), values, today=TODAY)
    assert [(p.path, p.code, p.severity) for p in problems] == [
        ("declarant.id_number", Code.ID_PREFIX_UNKNOWN, Severity.WARNING)
    ]
    assert not has_errors(problems)


def test_id_required_only_for_vietnamese_of_age_unless_marked_unknown() -> None:
    """The person block's rule: VN citizens aged 14+ (rules.json) need an ID number."""
    child = {"full_name": "Hồ Minh Khang", "date_of_birth": "2019", "sex": "nam"}
    adult = {"full_name": "Lê Thị Ánh", "date_of_birth": "1990", "sex": "nu"}
    unknown = {**adult, "id_unknown": True, "no_id_reason": "Mất giấy tờ"}
    foreigner = {**adult, "nationality": "KR", "passport_number": "M12345678"}
    base = {
        "notifier": person(),
        "notifier_role": "chu_ho",
        "channel": "truc_tiep",
        "received_at": "2026-11-23T19:20",
        "reason": "Thăm thân",
        "period_from": "23/11/2026",
        "period_to": "30/11/2026",
        "arrival_time": "2026-11-23T17:00",
        "stay_address": {"province": "01", "commune": "00004"},
    }
    found = codes(
        "F5", {**base, "guests": [{**child, "no_id_reason": "Trẻ em"}, adult, unknown, foreigner]}
    )
    assert ("guests[1].id_number", "REQUIRED") in found
    assert not {p for p in found if p[0].startswith(("guests[0]", "guests[2]", "guests[3]"))} - {
        ("guests[3].passport_number", "PASSPORT_FORMAT_UNUSUAL")
    }


def test_dates_in_the_future_and_ranges_out_of_order() -> None:
    """DATE_IN_FUTURE where the law makes it impossible; RANGE_ORDER at the later field."""
    found = codes("F6", f6(received_date="01/01/2027", absence_to="20/11/2026"))
    assert ("received_date", "DATE_IN_FUTURE") in found
    assert ("absence_to", "RANGE_ORDER") in found


def test_commune_must_belong_to_the_chosen_province_and_exist() -> None:
    """Address references are checked against the shipped lists."""
    found = codes("F6", f6(destination={"province": "01", "commune": "26824"}))
    assert ("destination.commune", "COMMUNE_NOT_IN_PROVINCE") in found
    found = codes("F6", f6(destination={"province": "01", "commune": "99999"}))
    assert ("destination.commune", "CHOICE_INVALID") in found


def test_a_legacy_only_address_is_accepted_and_an_empty_one_is_not() -> None:
    """Old documents carry pre-2025 addresses; one of commune, legacy text or abroad is needed."""
    legacy = {"legacy_text": "Xóm 3, xã Diễn Thành, huyện Diễn Châu, tỉnh Nghệ An"}
    assert codes("F6", f6(destination=legacy)) == set()
    found = codes("F6", f6(destination={"street": "Số 1"}))
    assert ("destination.commune", "ONE_OF_REQUIRED") in found


def test_an_address_abroad_needs_the_foreign_address() -> None:
    """The destination of an absence may be abroad (form CT03, docs/domain.md)."""
    assert ("destination.foreign_address", "REQUIRED") in codes(
        "F6", f6(destination={"country": "LA"})
    )
    abroad = {"country": "LA", "foreign_address": "Bản Phônxay, Viêng Chăn"}
    assert codes("F6", f6(destination=abroad)) == set()


def test_unknown_keys_are_errors_so_typos_do_not_vanish() -> None:
    """A misspelt key in a data file is UNKNOWN_FIELD, at any depth."""
    values = f6(reasn="x", declarant=person(fullname="x"))
    assert {("reasn", "UNKNOWN_FIELD"), ("declarant.fullname", "UNKNOWN_FIELD")} <= codes(
        "F6", values
    )


def test_wrong_types_are_reported_not_raised() -> None:
    """A list where an object belongs, text where a number belongs: codes, never exceptions."""
    found = codes("F8", {"members": "two", "checked_count": "nhiều", "commander_confirmed": "?"})
    assert {
        ("members", "WRONG_TYPE"),
        ("checked_count", "NOT_AN_INTEGER"),
        ("commander_confirmed", "WRONG_TYPE"),
    } <= found
    assert (
        validate_record(CATALOGUE.get("F8"), ["not", "a", "dict"], today=TODAY)[0].code
        is Code.WRONG_TYPE
    )


def test_group_rows_are_checked_with_indexed_paths() -> None:
    """Row problems point at `items[1].quantity`; counts are checked against min_items."""
    values = {
        "items": [
            {"category": "phao", "description": "Pháo hoa", "quantity": 2, "unit": "hop"},
            {
                "category": "phao",
                "description": "Pháo",
                "quantity": 0,
                "unit": "cai",
                "condition": "x",
            },
        ]
    }
    found = codes("F7", values)
    assert ("items[0].unit", "CHOICE_INVALID") in found
    assert ("items[0].condition", "REQUIRED") in found
    assert ("items[1].quantity", "BELOW_MIN") in found


def test_hidden_fields_are_neither_required_nor_checked() -> None:
    """visible_if off: the organisation fields of an individual violator are ignored."""
    found = codes("F3", {"violator_type": "ca_nhan", "org_tax_code": "123"})
    assert not any(path.startswith("org_") for path, _ in found)
    found = codes("F3", {"violator_type": "to_chuc", "org_tax_code": "123"})
    assert ("org_tax_code", "TAX_CODE_FORMAT") in found
    assert ("org_name", "REQUIRED") in found


def test_old_mobile_numbers_are_converted_with_a_warning() -> None:
    """An old 11-digit mobile: the stored number is the new one, and the officer is told."""
    result = check_record(
        CATALOGUE.get("F6"), f6(declarant=person(phone="0168 123 4567")), today=TODAY
    )
    assert result.values["declarant"]["phone"] == "0381234567"
    assert [(p.path, p.code, p.severity) for p in result.problems] == [
        ("declarant.phone", Code.PHONE_CONVERTED, Severity.WARNING)
    ]


def test_computed_fine_in_words_and_frame_from_the_catalogue() -> None:
    """F4: the amount in words, the frame and the citation are worked out, not typed."""
    form = CATALOGUE.get("F4")
    values = {
        "main_penalty": "phat_tien",
        "fine_amount": "5.000.000",
        "law_entry": "nd282.8.1.a",
        "issuer_position": "can_bo_thi_hanh_cong_vu",
        "sanctioned_type": "to_chuc",
        "fine_in_words": "typed by hand",
        "fine_frame_max": 99,
        "legal_provision": "typed by hand",
    }
    result = check_record(form, values, today=TODAY)
    assert result.values["fine_in_words"] == "Năm triệu đồng"
    assert (result.values["fine_frame_min"], result.values["fine_frame_max"]) == (1000000, 2000000)
    assert result.values["legal_provision"] == "Điểm a khoản 1 Điều 8 Nghị định 282/2025/NĐ-CP"


def test_a_provision_typed_before_the_catalogue_is_kept() -> None:
    """A record made before entries were chosen keeps its free text: the printout still reads."""
    values = {"legal_provision": "Điều 8 Nghị định 144/2021/NĐ-CP", "fine_frame_min": 500000}
    result = check_record(CATALOGUE.get("F4"), values, today=TODAY)
    assert result.values["legal_provision"] == "Điều 8 Nghị định 144/2021/NĐ-CP"
    assert result.values["fine_frame_min"] == 500000
    assert ("law_entry", Code.REQUIRED) in {(p.path, p.code) for p in result.problems}


def test_rules_come_from_rules_json_not_code() -> None:
    """Changing a [?] value in rules.json changes the check, with no code change."""
    from dataclasses import replace

    rules = CATALOGUE.rules
    stricter = replace(
        rules,
        entries={
            **rules.entries,
            "patrol_min_members": replace(rules.entries["patrol_min_members"], value=3),
        },
    )
    values = {"members": [{"name": "A", "force": "cong_an_xa"}, {"name": "B", "force": "dan_quan"}]}
    form = CATALOGUE.get("F8")
    assert ("members", "TOO_FEW_ITEMS") not in {
        (p.path, p.code.value) for p in validate_record(form, values, today=TODAY)
    }
    assert ("members", "TOO_FEW_ITEMS") in {
        (p.path, p.code.value) for p in validate_record(form, values, today=TODAY, rules=stricter)
    }


def test_transfer_overdue_depends_on_now() -> None:
    """F1: an untransferred report older than the configured hours warns."""
    values = {"received_at": "2026-11-27T08:00", "transferred": False}
    form = CATALOGUE.get("F1")
    early = validate_record(form, values, today=TODAY, now=datetime(2026, 11, 27, 20, 0))
    late = validate_record(form, values, today=TODAY, now=datetime(2026, 11, 28, 9, 0))
    assert not any(p.code is Code.TRANSFER_OVERDUE for p in early)
    assert any(p.code is Code.TRANSFER_OVERDUE and p.severity is Severity.WARNING for p in late)


def test_outside_station_area_warns_only_when_the_station_is_known() -> None:
    """F2: an incident in another commune is flagged unless marked "ngoài địa bàn"."""
    values = {"location": {"province": "01", "commune": "00008"}}
    form = CATALOGUE.get("F2")

    def found(**kw: Any) -> bool:
        return any(
            p.code is Code.OUTSIDE_STATION_AREA
            for p in validate_record(form, values, today=TODAY, **kw)
        )

    assert not found()
    assert found(station_commune="00004")
    values["outside_area"] = True
    assert not found(station_commune="00004")


def test_normalisation_stores_canonical_values() -> None:
    """Dates ISO, money whole VND, labels to codes, blanks and unknown keys dropped, defaults filled."""
    stored = normalize_values(
        CATALOGUE.get("F4"),
        {
            "issued_date": "21/11/2026",
            "fine_amount": "1.500.000 đồng",
            "main_penalty": "Phạt tiền",
            "issuer_name": "  Nguyễn   Văn Trưởng ",
            "verification": "",
            "bogus": 1,
            "sanctioned": {"full_name": "Trần Quốc Bảo"},
            "remedial_measures": [{}, {"description": "Xin lỗi"}],
        },
        today=TODAY,
    )
    assert stored["issued_date"] == "2026-11-21"
    assert stored["fine_amount"] == 1_500_000
    assert stored["main_penalty"] == "phat_tien"
    assert stored["issuer_name"] == "Nguyễn Văn Trưởng"
    assert "verification" not in stored and "bogus" not in stored
    assert stored["sanctioned"]["nationality"] == "VN"
    assert stored["remedial_measures"] == [{"description": "Xin lỗi"}]
    assert stored["fine_in_words"] == "Một triệu năm trăm nghìn đồng"


JSONISH = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=10,
)


@pytest.mark.parametrize("form_id", [f"F{i}" for i in range(1, 11)])
@settings(max_examples=40, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(data=st.data())
def test_validation_never_crashes_and_normalising_is_idempotent(
    form_id: str, data: st.DataObject
) -> None:
    """Arbitrary JSON under the form's real keys gives problems, never exceptions."""
    form = CATALOGUE.get(form_id)
    keys = st.sampled_from([f.id for f in form.fields] + ["unknown"])
    values = data.draw(st.dictionaries(keys, JSONISH, max_size=6))
    validate_record(form, values, today=TODAY)
    once = normalize_values(form, values, today=TODAY)
    assert normalize_values(form, once, today=TODAY) == once


@pytest.mark.parametrize("typed", ["0\x08", "\x080", " 0\x00"])
def test_a_number_typed_with_control_characters_is_read_once(typed: str) -> None:
    """Found by the property test above: the cleaned text used to be stored as "0", and only
    the next normalisation read it as a number."""
    form = CATALOGUE.get("F2")
    once = normalize_values(form, {"deaths": typed}, today=TODAY)
    assert once["deaths"] == 0
    assert normalize_values(form, once, today=TODAY) == once
