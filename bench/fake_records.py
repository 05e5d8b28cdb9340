"""Realistic fake records for benchmarks: Vietnamese names, addresses and narratives on the real forms.

Each record starts from a form's documented example (docs/examples) and gets a new person, place,
date and narrative, so lists, titles and the search index look like a station's real data.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from domain.forms.catalogue import Catalogue
from domain.ids import new_record_id
from domain.records import project
from domain.reference import default_reference

EXAMPLES = Path(__file__).resolve().parent.parent / "docs" / "examples"

# Family names with their approximate share of the population.
SURNAMES = [
    ("Nguyễn", 38),
    ("Trần", 11),
    ("Lê", 9.5),
    ("Phạm", 7),
    ("Hoàng", 4),
    ("Huỳnh", 1.5),
    ("Phan", 4.5),
    ("Vũ", 3),
    ("Võ", 1),
    ("Đặng", 2.1),
    ("Bùi", 2),
    ("Đỗ", 1.4),
    ("Hồ", 1.3),
    ("Ngô", 1.3),
    ("Dương", 1),
    ("Lý", 0.5),
    ("Đinh", 0.8),
    ("Trịnh", 0.6),
    ("Mai", 0.5),
    ("Lương", 0.4),
    ("Tạ", 0.2),
    ("H'Mông", 0.05),
    ("Kpă", 0.05),
]
MIDDLE_MALE = ["Văn", "Hữu", "Đức", "Minh", "Quốc", "Thanh", "Công", "Đình", "Xuân", "Ngọc"]
MIDDLE_FEMALE = ["Thị", "Ngọc", "Thu", "Thanh", "Minh", "Kim", "Hồng", "Phương", "Thùy", "Mai"]
GIVEN_MALE = [
    "Đức",
    "Hùng",
    "Dũng",
    "Tuấn",
    "Nam",
    "Long",
    "Bình",
    "Hải",
    "Sơn",
    "Thắng",
    "Quân",
    "Khang",
    "Phúc",
    "Toàn",
    "Bảo",
    "Hiếu",
    "Trung",
    "Cường",
    "Vinh",
    "Tâm",
    "Hòa",
]
GIVEN_FEMALE = [
    "Lan",
    "Hương",
    "Hoa",
    "Hà",
    "Thủy",
    "Trang",
    "Linh",
    "Ngọc",
    "Mai",
    "Anh",
    "Hằng",
    "Yến",
    "Thảo",
    "Nhung",
    "Oanh",
    "Hoà",
    "Thúy",
    "Vân",
    "Nga",
    "Ánh",
]
STREETS = [
    "Đội Cấn",
    "Liễu Giai",
    "Văn Cao",
    "Hoàng Hoa Thám",
    "Kim Mã",
    "Giảng Võ",
    "Láng Hạ",
    "Trần Phú",
    "Lê Lợi",
    "Nguyễn Trãi",
    "Hai Bà Trưng",
    "Quang Trung",
    "Lý Thường Kiệt",
]
NARRATIVES = [
    "Khoảng {h} giờ ngày {d}, {name} phát hiện bị mất chiếc xe máy {bike} để trước cửa nhà số {no} "
    "đường {street}. Người dân xung quanh cho biết thấy hai thanh niên lạ mặt đi qua khu vực.",
    "{name} trình báo bị đối tượng lạ gọi điện giả danh cán bộ ngân hàng, lừa chuyển {money} đồng "
    "vào tài khoản lạ lúc {h} giờ ngày {d}.",
    "Vào hồi {h} giờ ngày {d} tại quán karaoke trên đường {street} xảy ra xô xát giữa nhóm thanh "
    "niên, {name} bị thương nhẹ ở tay, đã được đưa đi sơ cứu.",
    "{name} phản ánh hàng xóm tại ngõ {no} đường {street} thường xuyên mở nhạc to sau 22 giờ, gây "
    "mất trật tự khu dân cư.",
    "Tổ tuần tra phát hiện {name} điều khiển xe máy {bike} không đội mũ bảo hiểm, không xuất trình "
    "được giấy tờ xe lúc {h} giờ ngày {d} trên đường {street}.",
]
BIKES = ["Honda Wave", "Honda Vision", "Yamaha Sirius", "Honda Air Blade", "VinFast Feliz"]
FORMS = ["F1", "F2", "F3", "F5", "F8"]


class FakeRecords:
    def __init__(self, catalogue: Catalogue, seed: int = 2026) -> None:
        self.catalogue = catalogue
        self.rng = random.Random(seed)
        self.templates = {
            f: json.loads((EXAMPLES / f"{f}.json").read_text(encoding="utf-8"))["values"]
            for f in FORMS
        }
        communes = default_reference().communes_of("01")
        self.communes = [c.code for c in communes[:40]]
        self._surnames = [s for s, _ in SURNAMES]
        self._weights = [w for _, w in SURNAMES]

    def person(self) -> dict[str, Any]:
        rng = self.rng
        male = rng.random() < 0.55
        year = rng.randint(1950, 2008)
        sex_digit = (0 if male else 1) + (2 if year >= 2000 else 0)
        middle = rng.choice(MIDDLE_MALE if male else MIDDLE_FEMALE)
        given = rng.choice(GIVEN_MALE if male else GIVEN_FEMALE)
        return {
            "full_name": f"{rng.choices(self._surnames, self._weights)[0]} {middle} {given}",
            "date_of_birth": f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
            "sex": "nam" if male else "nu",
            "nationality": "VN",
            "id_number": f"001{sex_digit}{year % 100:02d}{rng.randint(0, 999999):06d}",
            "phone": f"09{rng.randint(0, 99999999):08d}",
            "permanent_address": self.address(),
        }

    def address(self) -> dict[str, Any]:
        rng = self.rng
        return {
            "street": f"Số {rng.randint(1, 200)} ngõ {rng.randint(1, 150)} {rng.choice(STREETS)}",
            "hamlet": f"Tổ dân phố {rng.randint(1, 30)}",
            "province": "01",
            "commune": rng.choice(self.communes),
        }

    def values(self, form_id: str, when: datetime) -> dict[str, Any]:
        rng = self.rng
        values = dict(self.templates[form_id])  # only top-level keys are replaced below
        person = self.person()
        narrative = rng.choice(NARRATIVES).format(
            h=when.hour,
            d=when.strftime("%d/%m/%Y"),
            name=person["full_name"],
            bike=rng.choice(BIKES),
            no=rng.randint(1, 200),
            street=rng.choice(STREETS),
            money=f"{rng.randint(1, 90) * 1_000_000:,}".replace(",", "."),
        )
        stamp = when.strftime("%Y-%m-%dT%H:%M")
        for key in ("reporter", "violator", "notifier"):
            if key in values and isinstance(values[key], dict):
                values[key] = values[key] | person
        for key in (
            "received_at",
            "reported_at",
            "occurred_at",
            "record_time",
            "violation_time",
            "shift_start",
        ):
            if key in values:
                values[key] = stamp
        for key in ("narrative", "summary", "act_description", "observations"):
            if key in values:
                values[key] = narrative
        for key in ("incident_location", "location", "violation_place", "stay_address"):
            if key in values and isinstance(values[key], dict):
                values[key] = self.address()
        return values

    def rows(self, count: int, authors: list[str], start: datetime) -> Iterator[dict[str, Any]]:
        """`count` insert rows (as `record_store.insert_many` takes them), one every ~minute back."""
        for i in range(count):
            form_id = self.rng.choice(FORMS)
            form = self.catalogue.get(form_id)
            when = start - timedelta(minutes=i * 0.5 + self.rng.random())
            values = self.values(form_id, when)
            yield {
                "record_id": new_record_id(),
                "form_id": form_id,
                "form_version": form.version,
                "author": self.rng.choice(authors),
                "values": values,
                "projection": project(form, values),
                "now": when.isoformat(),
            }
