"""The legal catalogue: the date picks the provision, and F3/F4 are judged against it."""

from __future__ import annotations

import copy
import json
from datetime import date
from typing import Any

import pytest

from domain.forms import load_catalogue
from domain.law import (
    CatalogueInvalid,
    catalogue_from_dict,
    default_catalogue,
)
from domain.resources import resource_path
from domain.validation import Code, check_record

FORMS = load_catalogue()
LAW = default_catalogue()
TODAY = date(2026, 11, 28)
BEFORE, AFTER = date(2025, 12, 14), date(2025, 12, 15)


def raw_catalogue() -> dict[str, Any]:
    return json.loads(resource_path("law", "catalogue.json").read_text(encoding="utf-8"))


def decision(**changes: Any) -> dict[str, Any]:
    """The valid F4 example's values, changed."""
    example = json.loads(
        (resource_path().parent / "docs" / "examples" / "F4.json").read_text(encoding="utf-8")
    )
    return {**example["values"], **changes}


def errors(values: dict[str, Any], form: str = "F4", **kwargs: Any) -> set[tuple[str, str]]:
    result = check_record(FORMS.get(form), values, today=TODAY, **kwargs)
    return {(p.path, p.code.value) for p in result.errors}


def test_the_same_act_falls_under_144_before_and_282_from_15_december_2025() -> None:
    """Noise in a residential area: Decree 144/2021 until 14/12/2025, Decree 282/2025 after."""
    before, after = LAW.for_act("on_ao_khu_dan_cu", BEFORE), LAW.for_act("on_ao_khu_dan_cu", AFTER)
    assert before is not None and after is not None
    assert before.citation == "Điểm a khoản 1 Điều 8 Nghị định 144/2021/NĐ-CP"
    assert "22 giờ" in before.behaviour
    assert after.citation == "Điểm a khoản 1 Điều 8 Nghị định 282/2025/NĐ-CP"
    assert "22 giờ" not in after.behaviour and "trật tự công cộng" in after.behaviour


def test_search_folds_accents_and_keeps_to_the_day() -> None:
    assert [e.id for e in LAW.search("tiếng ồn karaoke", AFTER)] == ["nd282.8.1.a"]
    assert [e.id for e in LAW.search("tieng on karaoke", BEFORE)] == ["nd144.8.1.a"]
    assert {e.id for e in LAW.search("loa phóng thanh")} == {"nd144.8.2", "nd282.9.2"}
    assert LAW.search("không có hành vi này") == []


def test_lookup_by_id_and_frames_by_party() -> None:
    entry = LAW.entry("nd282.9.2")
    assert entry is not None and entry.citation == "Khoản 2 Điều 9 Nghị định 282/2025/NĐ-CP"
    assert entry.frame("ca_nhan") == (1000000, 2000000)
    assert entry.frame("to_chuc") == (2000000, 4000000)
    assert LAW.entry("nd999.1.1") is None


def test_competence_is_a_share_of_the_fields_maximum() -> None:
    assert LAW.competence("truong_cong_an_xa", "an_ninh_trat_tu", "ca_nhan") == 20_000_000
    assert LAW.competence("can_bo_thi_hanh_cong_vu", "an_ninh_trat_tu", "ca_nhan") == 4_000_000
    assert LAW.competence("can_bo_thi_hanh_cong_vu", "bao_luc_gia_dinh", "to_chuc") == 6_000_000


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda raw: raw["entries"][0].update(effective_to="2026-01-01"), "overlap"),
        (lambda raw: raw["entries"][0].update(fine_individual=[2, 1]), "min above max"),
        (lambda raw: raw["entries"][0].update(field="giao_thong"), "unknown field"),
        (lambda raw: raw["entries"][0].pop("behaviour"), "missing"),
        (lambda raw: raw["entries"].append(raw["entries"][0]), "twice"),
    ],
)
def test_a_broken_catalogue_is_refused_with_a_reason(change: Any, message: str) -> None:
    raw = copy.deepcopy(raw_catalogue())
    change(raw)
    with pytest.raises(CatalogueInvalid, match=message):
        catalogue_from_dict(raw)


def test_the_valid_decision_passes_and_an_entry_out_of_force_is_refused() -> None:
    assert errors(decision()) == set()
    found = check_record(FORMS.get("F4"), decision(law_entry="nd144.8.1.a"), today=TODAY)
    wrong = [p for p in found.errors if p.code is Code.LAW_ENTRY_NOT_IN_FORCE]
    assert [(p.path, p.params["instead"]) for p in wrong] == [("law_entry", "nd282.8.1.a")]


def test_an_act_before_the_switch_takes_the_old_decree() -> None:
    """Dated 10/12/2025, the 144/2021 entry is right and the 282/2025 one is refused."""
    old_dates = {"violation_time": "2025-12-10T22:15", "record_date": "10/12/2025"}
    old_dates |= {"issued_date": "11/12/2025", "effective_date": "11/12/2025"}
    old_dates |= {"delivery_date": "11/12/2025"}
    assert errors(decision(law_entry="nd144.8.1.a", **old_dates)) == set()
    assert ("law_entry", "LAW_ENTRY_NOT_IN_FORCE") in errors(decision(**old_dates))


def test_an_unknown_entry_is_refused() -> None:
    assert ("law_entry", "LAW_ENTRY_UNKNOWN") in errors(decision(law_entry="nd282.99.1"))


def test_a_fine_outside_the_entrys_frame_is_refused_for_each_party() -> None:
    assert ("fine_amount", "FINE_OUTSIDE_FRAME") in errors(decision(fine_amount=1_500_000))
    assert ("fine_amount", "FINE_OUTSIDE_FRAME") in errors(decision(fine_amount=400_000))
    organisation = {
        "sanctioned_type": "to_chuc",
        "sanctioned": None,
        "org_name": "Công ty TNHH Âm thanh Giảng Võ",
        "org_address": {"street": "Số 7 phố Giảng Võ", "province": "01", "commune": "00025"},
        "org_tax_code": "0101234567",
        "org_representative": "Nguyễn Văn An",
    }
    assert errors(decision(fine_amount=1_500_000, **organisation)) == set()
    assert ("fine_amount", "FINE_OUTSIDE_FRAME") in errors(
        decision(fine_amount=2_500_000, **organisation)
    )


def test_expulsion_is_beyond_a_commune_signer() -> None:
    expulsion = [{"kind": "truc_xuat", "description": "Trục xuất khỏi lãnh thổ Việt Nam"}]
    found = errors(decision(additional_penalties=expulsion))
    assert ("additional_penalties[0].kind", "MEASURE_BEYOND_COMPETENCE") in found
    confiscation = [{"kind": "tich_thu", "description": "Tịch thu 01 loa thùng"}]
    assert errors(decision(additional_penalties=confiscation)) == set()


def test_a_decision_without_record_is_limited_to_250_000_for_a_person() -> None:
    without = {"decision_kind": "khong_lap_bien_ban", "record_number": None, "record_date": None}
    found = errors(decision(fine_amount=750_000, **without))
    assert ("fine_amount", "NO_RECORD_LIMIT_EXCEEDED") in found
    assert errors(decision(main_penalty="canh_cao", fine_amount=None, **without)) == set()


def test_a_warning_where_the_provision_allows_only_a_fine_is_refused() -> None:
    values = decision(law_entry="nd282.9.2", main_penalty="canh_cao", fine_amount=None)
    assert ("main_penalty", "WARNING_NOT_ALLOWED") in errors(values)


def test_a_fine_above_the_signers_competence_blocks() -> None:
    """Competence bites on a field with a small maximum: here the catalogue's, made smaller."""
    raw = raw_catalogue()
    raw["fields"]["an_ninh_trat_tu"]["fine_max_individual"] = 5_000_000
    small = catalogue_from_dict(raw)
    officer = decision(issuer_position="can_bo_thi_hanh_cong_vu")  # 10 % of 5,000,000
    assert ("fine_amount", "FINE_ABOVE_COMPETENCE") in errors(officer, law=small)
    assert errors(decision(), law=small) == set()  # the chief's 50 % covers 750,000


def test_the_violation_record_checks_its_entry_on_the_violation_date() -> None:
    example = json.loads(
        (resource_path().parent / "docs" / "examples" / "F3.json").read_text(encoding="utf-8")
    )
    values = {**example["values"], "law_entry": "nd144.8.1.a"}
    assert ("law_entry", "LAW_ENTRY_NOT_IN_FORCE") in errors(values, form="F3")


def test_the_citation_and_frame_come_from_the_catalogue_validation_is_given() -> None:
    """A catalogue other than the bundled one (one the centre published) is the one the computed
    citation and fine frame are read from, not only the one the law check judges with."""
    raw = raw_catalogue()
    for entry in raw["entries"]:
        if entry["id"] == "nd282.8.1.a":
            entry["fine_individual"] = [600000, 1200000]
            entry["point"] = "g"
    published = catalogue_from_dict({**raw, "version": "2099.1"})
    values = decision(fine_amount=1100000)
    result = check_record(FORMS.get("F4"), values, today=TODAY, law=published)
    assert result.values["legal_provision"].startswith("Điểm g khoản 1 Điều 8")
    assert (result.values["fine_frame_min"], result.values["fine_frame_max"]) == (600000, 1200000)
    bundled = check_record(FORMS.get("F4"), values, today=TODAY)
    assert bundled.values["fine_frame_max"] == 1000000
    assert ("fine_amount", "FINE_OUTSIDE_FRAME") in {(p.path, p.code.value) for p in bundled.errors}
    assert ("fine_amount", "FINE_OUTSIDE_FRAME") not in {
        (p.path, p.code.value) for p in result.errors
    }
