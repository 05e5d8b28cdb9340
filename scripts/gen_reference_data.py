"""Generate resources/reference/*.json: provinces, communes, ID prefixes, ethnic groups, nationalities."""

# Run from the repository root with the datagen extra installed:
#
#     .venv/bin/python scripts/gen_reference_data.py
#
# Sources: the MIT-licensed `vietnamadminunits` package (its bundled `dataset.db`, table
# `admin_units`: the official NSO list after 1/7/2025), read directly with sqlite3 so that none
# of its heavy runtime dependencies is needed; `pycountry` (ISO 3166-1) for nationalities; the
# ID-number prefix table and the 54 ethnic groups are written out below from TT 07/2016 Annex 1 and
# the NSO list (docs/domain.md). Never use the 2025.x releases of `vietnam-provinces`: their ward
# codes came from a draft.

from __future__ import annotations

import gettext
import json
import sqlite3
import sys
from importlib import metadata, util
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "resources" / "reference"

# The kind of a unit is the word its official name starts with. The package's `wardType` column
# contradicts the name for a few units (e.g. 10543 "Phường Việt Hòa" typed as a xã), so the name
# decides; `check_unit_types` names every unit where the two disagreed.
UNIT_KINDS = ("Đặc khu", "Phường", "Xã", "Thành phố", "Tỉnh")

# A renamed or re-ranked unit (e.g. a province made a centrally-run city) is never renamed in
# place: it goes into unit_renames.json with the date the decision takes effect, and lookups give
# the name in force on a document's date (docs/domain.md, "Administrative units").
UNIT_RENAMES: list[tuple[str, str, str, str, str]] = []  # code, name, kind, effective_from, basis

# docs/domain.md, "ID numbers": CCCD prefix → legacy province (TT 07/2016 Annex 1) → current province code(s).
ID_PREFIXES: list[tuple[str, str, tuple[str, ...]]] = [
    ("001", "Thành phố Hà Nội", ("01",)),
    ("002", "Tỉnh Hà Giang", ("08",)),
    ("004", "Tỉnh Cao Bằng", ("04",)),
    ("006", "Tỉnh Bắc Kạn", ("19",)),
    ("008", "Tỉnh Tuyên Quang", ("08",)),
    ("010", "Tỉnh Lào Cai", ("15",)),
    ("011", "Tỉnh Điện Biên", ("11",)),
    ("012", "Tỉnh Lai Châu", ("12",)),
    ("014", "Tỉnh Sơn La", ("14",)),
    ("015", "Tỉnh Yên Bái", ("15",)),
    ("017", "Tỉnh Hoà Bình", ("25",)),
    ("019", "Tỉnh Thái Nguyên", ("19",)),
    ("020", "Tỉnh Lạng Sơn", ("20",)),
    ("022", "Tỉnh Quảng Ninh", ("22",)),
    ("024", "Tỉnh Bắc Giang", ("24",)),
    ("025", "Tỉnh Phú Thọ", ("25",)),
    ("026", "Tỉnh Vĩnh Phúc", ("25",)),
    ("027", "Tỉnh Bắc Ninh", ("24",)),
    ("030", "Tỉnh Hải Dương", ("31",)),
    ("031", "Thành phố Hải Phòng", ("31",)),
    ("033", "Tỉnh Hưng Yên", ("33",)),
    ("034", "Tỉnh Thái Bình", ("33",)),
    ("035", "Tỉnh Hà Nam", ("37",)),
    ("036", "Tỉnh Nam Định", ("37",)),
    ("037", "Tỉnh Ninh Bình", ("37",)),
    ("038", "Tỉnh Thanh Hóa", ("38",)),
    ("040", "Tỉnh Nghệ An", ("40",)),
    ("042", "Tỉnh Hà Tĩnh", ("42",)),
    ("044", "Tỉnh Quảng Bình", ("44",)),
    ("045", "Tỉnh Quảng Trị", ("44",)),
    ("046", "Thành phố Huế", ("46",)),
    ("048", "Thành phố Đà Nẵng", ("48",)),
    ("049", "Tỉnh Quảng Nam", ("48",)),
    ("051", "Tỉnh Quảng Ngãi", ("51",)),
    ("052", "Tỉnh Bình Định", ("52",)),
    ("054", "Tỉnh Phú Yên", ("66",)),
    ("056", "Tỉnh Khánh Hòa", ("56",)),
    ("058", "Tỉnh Ninh Thuận", ("56",)),
    ("060", "Tỉnh Bình Thuận", ("68",)),
    ("062", "Tỉnh Kon Tum", ("51",)),
    ("064", "Tỉnh Gia Lai", ("52",)),
    ("066", "Tỉnh Đắk Lắk", ("66",)),
    ("067", "Tỉnh Đắk Nông", ("68",)),
    ("068", "Tỉnh Lâm Đồng", ("68",)),
    ("070", "Tỉnh Bình Phước", ("75",)),
    ("072", "Tỉnh Tây Ninh", ("80",)),
    ("074", "Tỉnh Bình Dương", ("79",)),
    ("075", "Tỉnh Đồng Nai", ("75",)),
    ("077", "Tỉnh Bà Rịa - Vũng Tàu", ("79",)),
    ("079", "Thành phố Hồ Chí Minh", ("79",)),
    ("080", "Tỉnh Long An", ("80",)),
    ("082", "Tỉnh Tiền Giang", ("80", "82")),
    ("083", "Tỉnh Bến Tre", ("86",)),
    ("084", "Tỉnh Trà Vinh", ("86",)),
    ("086", "Tỉnh Vĩnh Long", ("86",)),
    ("087", "Tỉnh Đồng Tháp", ("82",)),
    ("089", "Tỉnh An Giang", ("91",)),
    ("091", "Tỉnh Kiên Giang", ("91",)),
    ("092", "Thành phố Cần Thơ", ("92",)),
    ("093", "Tỉnh Hậu Giang", ("92",)),
    ("094", "Tỉnh Sóc Trăng", ("92",)),
    ("095", "Tỉnh Bạc Liêu", ("96",)),
    ("096", "Tỉnh Cà Mau", ("96",)),
]

# The 54 ethnic groups with their NSO codes (Danh mục các dân tộc Việt Nam, QĐ 121-TCTK/PPCĐ);
# second column: other spellings officers type, kept for search.
ETHNIC_GROUPS: list[tuple[str, str, tuple[str, ...]]] = [
    ("01", "Kinh", ("Việt",)),
    ("02", "Tày", ()),
    ("03", "Thái", ()),
    ("04", "Hoa", ("Hán",)),
    ("05", "Khơ-me", ("Khmer",)),
    ("06", "Mường", ()),
    ("07", "Nùng", ()),
    ("08", "Mông", ("H'Mông", "Hmông", "Mèo")),
    ("09", "Dao", ()),
    ("10", "Gia-rai", ("Jrai",)),
    ("11", "Ngái", ()),
    ("12", "Ê-đê", ("Êđê", "Rhade")),
    ("13", "Ba-na", ("Bahnar",)),
    ("14", "Xơ-đăng", ()),
    ("15", "Sán Chay", ("Cao Lan",)),
    ("16", "Cơ-ho", ("K'Ho",)),
    ("17", "Chăm", ("Chàm",)),
    ("18", "Sán Dìu", ()),
    ("19", "Hrê", ()),
    ("20", "Mnông", ("M'Nông",)),
    ("21", "Ra-glai", ("Raglai",)),
    ("22", "Xtiêng", ("X'Tiêng",)),
    ("23", "Bru-Vân Kiều", ()),
    ("24", "Thổ", ()),
    ("25", "Giáy", ()),
    ("26", "Cơ-tu", ("Katu",)),
    ("27", "Gié-Triêng", ()),
    ("28", "Mạ", ()),
    ("29", "Khơ-mú", ("Khmu",)),
    ("30", "Co", ()),
    ("31", "Tà-ôi", ("Ta Oi",)),
    ("32", "Chơ-ro", ()),
    ("33", "Kháng", ()),
    ("34", "Xinh-mun", ()),
    ("35", "Hà Nhì", ()),
    ("36", "Chu-ru", ()),
    ("37", "Lào", ()),
    ("38", "La Chí", ()),
    ("39", "La Ha", ()),
    ("40", "Phù Lá", ()),
    ("41", "La Hủ", ()),
    ("42", "Lự", ()),
    ("43", "Lô Lô", ()),
    ("44", "Chứt", ()),
    ("45", "Mảng", ()),
    ("46", "Pà Thẻn", ()),
    ("47", "Cờ Lao", ("Cơ Lao",)),
    ("48", "Cống", ()),
    ("49", "Bố Y", ()),
    ("50", "Si La", ()),
    ("51", "Pu Péo", ()),
    ("52", "Brâu", ()),
    ("53", "Ơ Đu", ()),
    ("54", "Rơ-măm", ()),
]

# Names Vietnamese officers actually use where pycountry's translation is dated or unusual.
NATIONALITY_NAMES_VI = {
    "VN": "Việt Nam",
    "LA": "Lào",
    "KH": "Campuchia",
    "CN": "Trung Quốc",
    "TW": "Đài Loan (Trung Quốc)",
    "HK": "Hồng Kông (Trung Quốc)",
    "MO": "Ma Cao (Trung Quốc)",
    "KR": "Hàn Quốc",
    "KP": "Triều Tiên",
    "JP": "Nhật Bản",
    "TH": "Thái Lan",
    "MM": "Myanmar",
    "MY": "Malaysia",
    "SG": "Singapore",
    "ID": "Indonesia",
    "PH": "Philippines",
    "BN": "Brunei",
    "TL": "Đông Timor",
    "IN": "Ấn Độ",
    "US": "Hoa Kỳ",
    "GB": "Vương quốc Anh",
    "FR": "Pháp",
    "DE": "Đức",
    "RU": "Liên bang Nga",
    "AU": "Úc",
    "CA": "Canada",
    "IT": "Italy",
    "NL": "Hà Lan",
    "CZ": "Séc",
}


def _admin_units_db() -> tuple[Path, str]:
    spec = util.find_spec("vietnamadminunits")
    if spec is None or spec.origin is None:
        sys.exit("vietnamadminunits is not installed: pip install -e '.[datagen]'")
    return Path(spec.origin).parent / "data" / "dataset.db", metadata.version("vietnamadminunits")


def _write(name: str, source: dict, columns: list[str], rows: list[list]) -> None:
    # One row per line keeps git diffs readable when the official list changes.
    lines = [json.dumps(row, ensure_ascii=False, separators=(",", ":")) for row in rows]
    header = json.dumps(
        {"source": source, "columns": columns}, ensure_ascii=False, separators=(",", ":")
    )
    body = ",\n".join(lines)
    (OUT / f"{name}.json").write_text(f'{header[:-1]},"rows":[\n{body}\n]}}\n', encoding="utf-8")
    print(f"{name}.json: {len(rows)} rows")


def generate_admin_units() -> None:
    db, version = _admin_units_db()
    source = {
        "package": "vietnamadminunits",
        "version": version,
        "license": "MIT",
        "table": "admin_units",
        "origin": "NSO list of administrative units from 1/7/2025",
    }
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        provinces = conn.execute(
            "SELECT DISTINCT provinceCode, province, provinceShort FROM admin_units ORDER BY 1"
        ).fetchall()
        wards = conn.execute(
            "SELECT wardCode, ward, wardType, provinceCode FROM admin_units ORDER BY 4, 1"
        ).fetchall()
    province_rows = [[code, name, short, unit_kind(name)] for code, name, short in provinces]
    _write("provinces", source, ["code", "name", "short_name", "type"], province_rows)
    commune_rows = [[code, name, unit_kind(name), province] for code, name, _, province in wards]
    check_unit_types(wards)
    _write("communes", source, ["code", "name", "type", "province"], commune_rows)


def unit_kind(name: str) -> str:
    kind = next((k for k in UNIT_KINDS if name.startswith(f"{k} ")), None)
    if kind is None:
        sys.exit(f"no unit kind in the name {name!r}")
    return kind


def check_unit_types(wards: list[tuple[str, str, str, str]]) -> None:
    """Report the units whose packaged type contradicts their name (the name wins)."""
    wrong = [(code, name, kind) for code, name, kind, _ in wards if unit_kind(name) != kind]
    for code, name, kind in wrong:
        print(f"  {code} {name!r}: packaged type {kind!r}, corrected to {unit_kind(name)!r}")
    print(f"communes: {len(wrong)} packaged types corrected from the name")


def generate_unit_renames() -> None:
    source = {"document": "decisions renaming or re-ranking units, with the date each takes effect"}
    rows = [list(row) for row in UNIT_RENAMES]
    _write("unit_renames", source, ["code", "name", "type", "effective_from", "basis"], rows)


def generate_id_prefixes() -> None:
    rows = [[prefix, legacy, list(current)] for prefix, legacy, current in ID_PREFIXES]
    source = {"document": "TT 07/2016/TT-BCA Annex 1; province mapping of the 2025 reorganisation"}
    _write("id_prefixes", source, ["prefix", "legacy_province", "current_provinces"], rows)


def generate_ethnic_groups() -> None:
    rows = [[code, name, list(aliases)] for code, name, aliases in ETHNIC_GROUPS]
    source = {"document": "NSO list of Vietnamese ethnic groups (QĐ 121-TCTK/PPCĐ)"}
    _write("ethnic_groups", source, ["code", "name", "aliases"], rows)


def generate_nationalities() -> None:
    import pycountry

    vi = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["vi"], fallback=True)
    rows = []
    for country in sorted(pycountry.countries, key=lambda c: c.alpha_2):
        english = getattr(country, "common_name", None) or country.name
        vietnamese = NATIONALITY_NAMES_VI.get(country.alpha_2) or vi.gettext(country.name)
        rows.append([country.alpha_2, country.alpha_3, vietnamese, english])
    source = {
        "package": "pycountry",
        "version": metadata.version("pycountry"),
        "license": "LGPL-2.1-only (data: ISO 3166-1 via Debian iso-codes)",
        "note": "Vietnamese names from iso-codes translations, some replaced by common usage",
    }
    _write("nationalities", source, ["code", "alpha3", "name_vi", "name_en"], rows)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    generate_admin_units()
    generate_unit_renames()
    generate_id_prefixes()
    generate_ethnic_groups()
    generate_nationalities()


if __name__ == "__main__":
    main()
