"""The station profile the chief keeps up to date: the Resolution 12 build-up indicators of
docs/reports.md (facilities, staffing, equipment, digital work, grassroots forces) that no record
form holds. The official indicator list is internal and was not found, so this catalogue is inferred:
change it here (one entry per indicator) and every screen, report and check follows."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from domain.errors import InvalidInput
from domain.forms.model import Option, Text

GROUPS: tuple[tuple[str, Text], ...] = (
    ("facilities", Text("Cơ sở vật chất", "Facilities")),
    ("staffing", Text("Biên chế", "Staffing")),
    ("equipment", Text("Trang bị", "Equipment")),
    ("digital", Text("Chuyển đổi số, Đề án 06", "Digital work (Project 06)")),
    ("grassroots", Text("Lực lượng tham gia bảo vệ ANTT ở cơ sở", "Grassroots security forces")),
)

# Resolution 12-NQ/ĐUCA and the 2025 reform: every commune police has at least 12 officers.
MIN_STAFF = 12


@dataclass(frozen=True)
class ProfileField:
    id: str
    group: str
    label: Text
    kind: str = (
        "count"  # count (whole ≥ 0), money (whole đồng ≥ 0), area (m², decimal), year, choice
    )
    options: tuple[Option, ...] = ()
    unit: str = ""  # "m²", "đồng" (printed as such in Vietnamese, docs/domain.md)


def _o(value: str, vi: str, en: str) -> Option:
    return Option(value, Text(vi, en))


def _count(id_: str, group: str, vi: str, en: str) -> ProfileField:
    return ProfileField(id_, group, Text(vi, en))


PROFILE_FIELDS: tuple[ProfileField, ...] = (
    ProfileField(
        "hq_status",
        "facilities",
        Text("Trụ sở làm việc", "Working headquarters"),
        "choice",
        (
            _o("da_co", "Đã có", "In use"),
            _o("dang_xay", "Đang xây dựng", "Being built"),
            _o("chua_co", "Chưa có", "None yet"),
        ),
    ),
    ProfileField(
        "hq_area",
        "facilities",
        Text("Diện tích trụ sở", "Headquarters area"),
        "area",
        unit="m²",
    ),
    ProfileField(
        "hq_year", "facilities", Text("Năm đưa trụ sở vào sử dụng", "Year in use"), "year"
    ),
    ProfileField(
        "hq_funding_budget",
        "facilities",
        Text("Kinh phí xây dựng trụ sở từ ngân sách", "Headquarters funding from the budget"),
        "money",
        unit="đồng",
    ),
    ProfileField(
        "hq_funding_socialised",
        "facilities",
        Text(
            "Kinh phí xây dựng trụ sở huy động xã hội hóa",
            "Headquarters funding raised from the community",
        ),
        "money",
        unit="đồng",
    ),
    ProfileField(
        "barracks_status",
        "facilities",
        Text("Nhà ở doanh trại", "Barracks housing"),
        "choice",
        (
            _o("du", "Đủ chỗ ở", "Enough places"),
            _o("thieu", "Còn thiếu", "Short of places"),
            _o("chua_co", "Chưa có", "None yet"),
        ),
    ),
    _count("barracks_missing", "facilities", "Số chỗ ở doanh trại còn thiếu", "Places missing"),
    ProfileField(
        "chief_in_party_committee",
        "staffing",
        Text(
            "Trưởng Công an xã tham gia Ban Thường vụ Đảng ủy xã",
            "Station chief sits on the commune Party standing committee",
        ),
        "choice",
        (_o("co", "Có", "Yes"), _o("khong", "Không", "No")),
    ),
    _count("staff_total", "staffing", "Tổng số cán bộ, chiến sĩ", "Officers in total"),
    _count("staff_officers", "staffing", "Số sĩ quan", "Commissioned officers"),
    _count(
        "staff_investigators",
        "staffing",
        "Số điều tra viên, cán bộ điều tra bố trí tại Công an xã",
        "Investigators posted at the station",
    ),
    _count("staff_quota", "staffing", "Định biên được giao", "Authorised strength"),
    _count("cars", "equipment", "Ô tô", "Cars"),
    _count("motorbikes", "equipment", "Mô tô, xe máy", "Motorcycles"),
    _count("weapons", "equipment", "Vũ khí được trang bị", "Weapons issued"),
    _count("support_tools", "equipment", "Công cụ hỗ trợ được trang bị", "Support tools issued"),
    _count("computers", "equipment", "Máy tính", "Computers"),
    _count("printers", "equipment", "Máy in", "Printers"),
    _count("network_devices", "equipment", "Thiết bị kết nối mạng", "Network devices"),
    _count(
        "vneid_activated", "digital", "Tài khoản VNeID đã kích hoạt", "VNeID accounts activated"
    ),
    _count(
        "population_cleaned",
        "digital",
        "Nhân khẩu được làm sạch, cập nhật dữ liệu",
        "Residents whose data was cleaned or updated",
    ),
    _count("security_teams", "grassroots", "Số Tổ bảo vệ ANTT", "Security teams"),
    _count("security_team_members", "grassroots", "Số thành viên Tổ bảo vệ ANTT", "Team members"),
)

FIELDS_BY_ID: Mapping[str, ProfileField] = {f.id: f for f in PROFILE_FIELDS}


@dataclass(frozen=True)
class StationProfile:
    """One saved version: the values, the day they describe, who entered them and when."""

    version: int
    as_of: str  # ISO date the figures are true on (reports pick the version in force)
    values: Mapping[str, Any]
    changed_by: str
    changed_at: str


def _number(field: ProfileField, raw: Any) -> int | float:
    text = str(raw).strip().replace(" ", "")
    try:
        if field.kind == "area":
            area = float(text.replace(",", "."))
            return int(area) if area.is_integer() else round(area, 2)
        if isinstance(raw, float) and not raw.is_integer():
            raise ValueError(text)
        value = int(float(text)) if isinstance(raw, float) else int(text.replace(".", ""))
    except ValueError:
        raise InvalidInput(field=field.id, reason="not_a_number") from None
    if value < 0:
        raise InvalidInput(field=field.id, reason="negative")
    return value


def clean_profile(values: Mapping[str, Any], today: date) -> dict[str, Any]:
    """Checked values by field id (unknown ids dropped, blanks left out); InvalidInput names the
    first field that breaks its rule."""
    clean: dict[str, Any] = {}
    for field in PROFILE_FIELDS:
        raw = values.get(field.id)
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            continue
        if field.kind == "choice":
            if raw not in {o.value for o in field.options}:
                raise InvalidInput(field=field.id, reason="unknown_choice")
            clean[field.id] = raw
            continue
        value = _number(field, raw)
        if field.kind == "year" and not 1945 <= value <= today.year + 1:
            raise InvalidInput(field=field.id, reason="year_range")
        clean[field.id] = value
    _check_parts(clean)
    return clean


def _check_parts(clean: Mapping[str, Any]) -> None:
    """A part cannot exceed its whole (officers and investigators ≤ all staff)."""
    for part, whole in (
        ("staff_officers", "staff_total"),
        ("staff_investigators", "staff_total"),
    ):
        if part in clean and whole in clean and clean[part] > clean[whole]:
            raise InvalidInput(field=part, reason="exceeds_total", total=whole)


def display(field: ProfileField, value: Any, lang: str = "vi") -> Any:
    """A choice as its label; a year as its digits ("2024", never "2.024"); other numbers stay
    numbers so reports can compare them."""
    if field.kind == "choice":
        return next((o.label.get(lang) for o in field.options if o.value == value), value)
    if field.kind == "year" and isinstance(value, int):
        return str(value)
    return value
