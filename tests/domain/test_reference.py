"""The shipped reference lists and their lookups (domain.reference)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from desktop.paths import resource_path
from domain.documents.model import IssuingBody
from domain.reference import REFERENCE_LISTS, ReferenceData, default_reference


def test_there_are_34_provinces_and_3321_communes_with_official_counts() -> None:
    """1/7/2025 reform: 34 provinces; 2,621 xã, 687 phường, 13 đặc khu."""
    ref = default_reference()
    assert len(ref.provinces()) == 34
    communes = ref.communes()
    assert len(communes) == 3321
    kinds = [c.type for c in communes]
    assert (kinds.count("Xã"), kinds.count("Phường"), kinds.count("Đặc khu")) == (2621, 687, 13)


def test_codes_have_official_widths_and_every_commune_has_its_province() -> None:
    """Provinces are 2 digits, communes 5, and no commune points at a missing province."""
    ref = default_reference()
    assert all(len(p.code) == 2 and p.code.isdigit() for p in ref.provinces())
    assert all(len(c.code) == 5 and c.code.isdigit() for c in ref.communes())
    assert all(ref.province(c.province) is not None for c in ref.communes())


def test_official_codes_match_the_nso_list_not_the_draft() -> None:
    """Codes that the 2025.x draft data got wrong (docs/domain.md) are the official ones here."""
    ref = default_reference()
    assert ref.commune("00004").name == "Phường Ba Đình"
    assert ref.commune("00082").name == "Phường Cửa Nam"
    assert ref.commune("00118").name == "Phường Bồ Đề"
    assert ref.commune("00199").name == "Phường Láng"


def test_communes_of_a_province_and_accent_free_search() -> None:
    """The commune picker lists one province's communes and finds "ba dinh"."""
    ref = default_reference()
    hanoi = ref.communes_of("01")
    assert hanoi and all(c.province == "01" for c in hanoi)
    assert "00004" in {c.code for c in ref.search_communes("ba dinh", "01")}
    assert ref.communes_of("00") == ()


def test_source_and_version_are_recorded() -> None:
    """Each generated list says which package and version it came from."""
    source = default_reference().source("communes")
    assert source["package"] == "vietnamadminunits"
    assert source["license"] == "MIT"
    assert source["version"]
    assert default_reference().source("nationalities")["package"] == "pycountry"


def test_id_prefix_table_has_the_63_legacy_provinces() -> None:
    """63 legacy prefixes (docs/domain.md), each mapping to current province codes that exist."""
    ref = default_reference()
    prefixes = ref.known_id_prefixes()
    assert len(prefixes) == 63
    assert ref.id_prefix("001").legacy_province == "Thành phố Hà Nội"
    assert ref.id_prefix("082").current_provinces == ("80", "82")
    assert all(ref.province(code) for p in prefixes for code in ref.id_prefix(p).current_provinces)
    assert ref.id_prefix("003") is None


def test_54_ethnic_groups_and_iso_nationalities() -> None:
    """Ethnic groups carry NSO codes 01–54; nationalities are ISO 3166 with Vietnamese names."""
    ref = default_reference()
    groups = ref.ethnic_groups()
    assert [g.code for g in groups] == [f"{i:02d}" for i in range(1, 55)]
    assert ref.ethnic_group("01").name == "Kinh"
    assert len(ref.nationalities()) >= 249
    assert ref.label("nationalities", "VN") == "Việt Nam"
    assert ref.label("nationalities", "KR", "en") == "South Korea"
    assert ref.label("nationalities", "KR") == "Hàn Quốc"


def test_every_reference_list_works_as_choice_options() -> None:
    """A choice field with `"reference"` gets options (value and labels) from any list."""
    ref = default_reference()
    for name in REFERENCE_LISTS:
        options = ref.options(name)
        assert options and all(o.value and o.label_vi for o in options)
    communes = ref.options("communes")
    assert all(o.parent for o in communes)
    assert ref.contains("provinces", "01") and not ref.contains("provinces", "99")


def test_lists_are_read_lazily(tmp_path: Path) -> None:
    """Looking up a province never reads the commune file (start-up stays fast)."""
    for name in ("provinces", "communes"):
        (tmp_path / f"{name}.json").write_text(
            resource_path("reference", f"{name}.json").read_text(encoding="utf-8"),
            encoding="utf-8",
        )
    ref = ReferenceData(tmp_path)
    (tmp_path / "communes.json").write_text("not json", encoding="utf-8")
    assert ref.province("01").name == "Thành phố Hà Nội"
    with pytest.raises(json.JSONDecodeError):
        ref.commune("00004")  # only now is the (broken) commune file read


UNIT_KINDS = ("Xã", "Phường", "Đặc khu")


def test_every_commune_type_is_the_word_its_name_starts_with() -> None:
    """A unit's kind never contradicts its name (10543 "Phường Việt Hòa" was typed as a xã)."""
    ref = default_reference()
    wrong = [c for c in ref.communes() if not c.name.startswith(f"{c.type} ")]
    assert wrong == []
    assert all(c.type in UNIT_KINDS for c in ref.communes())
    assert ref.commune("10543").type == "Phường"
    assert ref.commune("11848").type == "Xã"
    assert ref.commune("31213").type == "Phường"
    assert ref.commune("31299").type == "Xã"


def test_six_centrally_run_cities_and_28_provinces() -> None:
    """From 1/7/2025: Hà Nội, Hải Phòng, Huế, Đà Nẵng, TP HCM, Cần Thơ; Quảng Ninh is a tỉnh."""
    ref = default_reference()
    cities = {p.code for p in ref.provinces() if p.type == "Thành phố"}
    assert cities == {"01", "31", "46", "48", "79", "92"}
    assert all(p.name.startswith(f"{p.type} ") for p in ref.provinces())
    assert [ref.province(code).name for code in ("22", "24", "75")] == [
        "Tỉnh Quảng Ninh",
        "Tỉnh Bắc Ninh",
        "Tỉnh Đồng Nai",
    ]


def _reference_with_rename(tmp_path: Path, row: list) -> ReferenceData:
    for name in ("provinces", "communes"):
        source = resource_path("reference", f"{name}.json")
        (tmp_path / f"{name}.json").write_text(source.read_text(encoding="utf-8"), "utf-8")
    document = {"source": {}, "columns": [], "rows": [row]}
    (tmp_path / "unit_renames.json").write_text(json.dumps(document), encoding="utf-8")
    return ReferenceData(tmp_path)


def test_a_renamed_province_takes_its_new_name_only_from_the_effective_date(tmp_path) -> None:
    """A rename with a date: documents dated before it keep the old name, later ones the new."""
    row = ["75", "Thành phố Đồng Nai", "Thành phố", "2027-01-01", "Nghị quyết thử"]
    ref = _reference_with_rename(tmp_path, row)
    before = ref.province("75", date(2026, 12, 31))
    after = ref.province("75", date(2027, 1, 1))
    assert (before.name, before.type) == ("Tỉnh Đồng Nai", "Tỉnh")
    assert (after.name, after.type) == ("Thành phố Đồng Nai", "Thành phố")
    assert ref.renames("75")[0].basis == "Nghị quyết thử"
    assert ref.province("01", date(2027, 1, 1)).name == "Thành phố Hà Nội"


def test_a_document_header_follows_the_name_in_force_on_its_date(tmp_path) -> None:
    """The supervising line prints "CÔNG AN TỈNH ĐỒNG NAI" until the rename takes effect."""
    row = ["75", "Thành phố Đồng Nai", "Thành phố", "2027-01-01", "Nghị quyết thử"]
    ref = _reference_with_rename(tmp_path, row)
    code = ref.communes_of("75")[0].code
    old = IssuingBody.from_station("Công an xã Thử", code, ref, on=date(2026, 6, 1))
    new = IssuingBody.from_station("Công an xã Thử", code, ref, on=date(2027, 6, 1))
    assert old.supervising_line == "CÔNG AN TỈNH ĐỒNG NAI"
    assert new.supervising_line == "CÔNG AN THÀNH PHỐ ĐỒNG NAI"
    shipped = IssuingBody.from_station("Công an xã Thử", code, on=date(2030, 1, 1))
    assert shipped.supervising_line == "CÔNG AN TỈNH ĐỒNG NAI"  # no rename is shipped


def test_hoang_sa_and_truong_sa_have_no_police_station() -> None:
    """3,321 units but 3,319 stations: the two archipelago zones cannot be a station's unit."""
    ref = default_reference()
    stations = [c for c in ref.communes() if ref.has_police_station(c.code)]
    assert len(stations) == 3319
    assert ref.commune("20333").name == "Đặc khu Hoàng Sa"
    assert ref.commune("22736").name == "Đặc khu Trường Sa"
    assert not ref.has_police_station("20333")
    assert not ref.has_police_station("22736")
    assert ref.has_police_station("26732")  # Đặc khu Côn Đảo has one
    assert not ref.has_police_station("99999")
