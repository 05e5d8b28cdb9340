"""The legal review's corrections of the form definitions (docs/domain.md, "Forms and their legal
basis"): who may make a denunciation, F1's crime group, F6's categories and its link to F10, the
probation of a suspended sentence, F7's metre, F9's legal basis — each form a new version."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from domain.forms import load_catalogue
from domain.validation import validate_record

TODAY = date(2026, 11, 28)
CATALOGUE = load_catalogue()
EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "examples"


def example(form_id: str) -> dict[str, Any]:
    return json.loads((EXAMPLES / f"{form_id}.json").read_text(encoding="utf-8"))["values"]


def problems(form_id: str, values: dict[str, Any]) -> set[tuple[str, str, str]]:
    found = validate_record(CATALOGUE.get(form_id), values, today=TODAY, station_commune="00004")
    return {(p.path, p.code.value, p.severity.value) for p in found}


def errors(form_id: str, values: dict[str, Any]) -> set[tuple[str, str]]:
    return {
        (path, code) for path, code, severity in problems(form_id, values) if severity == "error"
    }


@pytest.mark.parametrize(
    ("form_id", "version"), [("F1", 2), ("F6", 2), ("F7", 2), ("F9", 2), ("F10", 2)]
)
def test_each_corrected_form_is_a_new_version(form_id: str, version: int) -> None:
    """A server registers the new version beside the old one, so records made before are still
    judged by the definition they were made with."""
    assert CATALOGUE.get(form_id).version == version


# ---- F1: tố giác by individuals only; the crime group ---------------------------------------


def f1(**changes: Any) -> dict[str, Any]:
    values = example("F1")
    values.update(changes)
    return values


def test_an_organisation_cannot_make_a_denunciation() -> None:
    """BLTTHS Art. 144: a tố giác comes from an individual; an organisation's is a tin báo."""
    org = {"reporter_kind": "to_chuc", "reporting_org_name": "Công ty TNHH Hòa Bình"}
    assert ("reporter_kind", "DENUNCIATION_NOT_INDIVIDUAL") in errors("F1", f1(**org))
    assert ("reporter_kind", "DENUNCIATION_NOT_INDIVIDUAL") in errors(
        "F1", f1(reporter_kind="khong_ro")
    )
    as_report = f1(**org, source_type="tin_bao")
    del as_report["reporter"]
    assert not errors("F1", as_report)
    assert not errors("F1", f1())  # an individual's denunciation


def test_the_crime_group_is_required_once_signs_of_a_crime_are_found() -> None:
    without = f1()
    del without["crime_group"]
    assert ("crime_group", "REQUIRED") in errors("F1", without)
    not_a_crime = dict(without, classification="tranh_chap_dan_su")
    assert not errors("F1", not_a_crime)
    unclassified = dict(without)
    del unclassified["classification"]
    assert not errors("F1", unclassified)  # optional until the report is classified
    assert ("crime_group", "CHOICE_INVALID") in errors("F1", f1(crime_group="trom_cap"))


def test_the_crime_groups_follow_the_penal_code_chapters() -> None:
    groups = [o.value for o in CATALOGUE.get("F1").field("crime_group").options]
    for group in ("so_huu", "tinh_mang_suc_khoe", "ma_tuy", "trat_tu_cong_cong", "kinh_te"):
        assert group in groups
    assert {"moi_truong", "cong_nghe_cao", "khac"} <= set(groups)


# ---- F6: the categories of Residence Law Art. 31(1), the link to F10 ------------------------


def f6(**changes: Any) -> dict[str, Any]:
    values = example("F6")
    values.update(changes)
    return values


def test_f6_offers_every_case_of_residence_law_article_31() -> None:
    options = {o.value: o.label.vi for o in CATALOGUE.get("F6").field("legal_category").options}
    for value in (
        "bi_can_bi_cao_tai_ngoai",
        "tu_hinh_cho_thi_hanh",
        "bi_ket_an_chua_thi_hanh",
        "an_treo",
        "quan_che",
        "cai_tao_khong_giam_giu",
        "tha_tu_truoc_thoi_han",
        "giao_duc_tai_xa",
        "bien_phap_xu_ly_hanh_chinh",
        "dang_xem_xet_bien_phap",
        "nghia_vu_quan_su",
        "vang_12_thang",
    ):
        assert value in options
    assert "12 tháng liên tục" in options["vang_12_thang"]
    assert "khac" in options  # declarations saved under version 1 stay valid


def test_a_twelve_month_absence_needs_no_supervision_file() -> None:
    values = f6(legal_category="vang_12_thang", absence_to="30/11/2027")
    del values["supervision_file"]
    assert problems("F6", values) == set()


def test_a_supervised_person_s_absence_names_an_f10_file() -> None:
    """An F10 number reads NN/HS-GS (F10's numbering); another form's number is refused and a
    missing one is a warning (the file may be at the station the person came from)."""
    assert CATALOGUE.get("F10").numbering == "HS-GS"
    assert problems("F6", f6(supervision_file="07/hs-gs")) == set()  # upper-cased
    assert ("supervision_file", "PATTERN_MISMATCH") in errors(
        "F6", f6(supervision_file="05/BB-VPHC")
    )
    missing = f6()
    del missing["supervision_file"]
    assert problems("F6", missing) == {("supervision_file", "SUPERVISION_FILE_MISSING", "warning")}


def test_the_supervision_file_is_looked_up_among_the_stations_f10_files() -> None:
    """Where the station's records can be looked up, the number must name a live F10 file
    ("5/HS-GS" is "05/HS-GS"): none is a warning, one about another person an overridable error,
    the same person (ID however it is grouped) or a file without an ID passes."""
    thang = {"subject": {"full_name": "Phan Văn Thắng", "id_number": "036094005678"}}
    other = {"subject": {"full_name": "Lê Văn Tám", "id_number": "001090000001"}}
    no_id = {"subject": {"full_name": "Không rõ số"}}
    files: dict[tuple[str, str], list[dict[str, Any]]] = {
        ("F10", "05/HS-GS"): [thang],
        ("F10", "06/HS-GS"): [other],
        ("F10", "07/HS-GS"): [other, thang],  # two years' 07/HS-GS: one is his
        ("F10", "08/HS-GS"): [no_id],
    }
    asked: list[tuple[str, str]] = []

    def lookup(form_id: str, number: str) -> list[dict[str, Any]]:
        asked.append((form_id, number))
        return files.get((form_id, number), [])

    def linked(number: str, **changes: Any) -> set[tuple[str, str, str, bool]]:
        values = f6(supervision_file=number, **changes)
        found = validate_record(
            CATALOGUE.get("F6"), values, today=TODAY, station_commune="00004", records=lookup
        )
        return {(p.path, p.code.value, p.severity.value, p.overridable) for p in found}

    assert linked("05/HS-GS") == set()
    assert asked == [("F10", "05/HS-GS")]
    assert linked("09/HS-GS") == {("supervision_file", "LINKED_RECORD_NOT_FOUND", "warning", False)}
    assert linked("06/HS-GS") == {("supervision_file", "LINKED_RECORD_OTHER_PERSON", "error", True)}
    assert linked("07/HS-GS") == set()
    assert linked("08/HS-GS") == set()
    spaced = f6()["declarant"] | {"id_number": "036 094 005 678"}
    assert linked("05/HS-GS", declarant=spaced) == set()
    # Without the station's records (the centre, a check of values alone) nothing is looked up.
    asked.clear()
    assert problems("F6", f6(supervision_file="09/HS-GS")) == set()
    assert asked == []


# ---- F10: the test period of a suspended sentence is 12 to 60 months ------------------------


@pytest.mark.parametrize(
    ("months", "code"), [(11, "BELOW_MIN"), (12, None), (60, None), (61, "ABOVE_MAX")]
)
def test_probation_runs_from_twelve_to_sixty_months(months: int, code: str | None) -> None:
    values = dict(example("F10"), probation_months=months)
    found = errors("F10", values)
    if code is None:
        assert found == set()
    else:
        assert found == {("probation_months", code)}


# ---- F7 mét; F9 basis -----------------------------------------------------------------------


def test_f7_counts_fuse_in_metres_with_decimals() -> None:
    values = example("F7")
    fuse = next(item for item in values["items"] if item["unit"] == "met")
    assert fuse["quantity"] == "2,5"
    assert problems("F7", values) == set()
    label = next(
        o.label.vi for o in CATALOGUE.get("F7").field("items[].unit").options if o.value == "met"
    )
    assert label == "mét"


def test_f9_rests_on_the_police_law_not_the_grassroots_mediation_law() -> None:
    basis = CATALOGUE.get("F9").legal_basis
    assert "Luật Công an nhân dân" in basis
    assert "Hòa giải ở cơ sở" not in basis
