"""A national server's data for the console benchmark, made fast enough for millions of records.

Every form's documented example (docs/examples) goes once through the real projection
(`domain.records.project`) with placeholder people, numbers, streets and narratives; each record
then fills the placeholders of that one template, so its title, folded search text and JSON values
have the shape ingest gives them at a few microseconds per record instead of a millisecond. The
rows come out as PostgreSQL COPY text, in received order (a server stores records as they arrive).
"""

from __future__ import annotations

import copy
import json
import math
import os
import random
import re
import uuid
from bisect import bisect_right
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from domain.forms.catalogue import load_catalogue
from domain.records import project
from domain.reference import default_reference
from domain.vietnamese import fold

EXAMPLES = Path(__file__).resolve().parent.parent / "docs" / "examples"
FORMS = ("F1", "F2", "F3", "F4", "F5", "F6", "F7", "F8", "F9", "F10")
# How often each form is filled in at a station: crime reports, incidents and stays dominate.
FORM_WEIGHTS = (22, 14, 16, 8, 18, 5, 2, 8, 4, 3)
EXAMPLE_COMMUNE, EXAMPLE_PROVINCE = "00004", "01"

# Family names with their approximate share of the population.
SURNAMES = (
    ("Nguyễn", 38),
    ("Trần", 11),
    ("Lê", 9.5),
    ("Phạm", 7),
    ("Hoàng", 4),
    ("Phan", 4.5),
    ("Vũ", 3),
    ("Võ", 1),
    ("Huỳnh", 1.5),
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
    ("Đoàn", 0.4),
    ("Cao", 0.3),
    ("Lò", 0.1),
    ("Hà", 0.3),
)
MIDDLE_MALE = (
    ("Văn", 35),
    ("Hữu", 6),
    ("Đức", 8),
    ("Minh", 9),
    ("Quốc", 6),
    ("Thanh", 5),
    ("Công", 5),
    ("Đình", 6),
    ("Xuân", 4),
    ("Ngọc", 4),
    ("Anh", 4),
    ("Trọng", 4),
    ("Gia", 3),
)
MIDDLE_FEMALE = (
    ("Thị", 45),
    ("Ngọc", 8),
    ("Thu", 6),
    ("Thanh", 6),
    ("Minh", 5),
    ("Kim", 5),
    ("Hồng", 5),
    ("Phương", 4),
    ("Thùy", 4),
    ("Mai", 4),
    ("Bảo", 3),
    ("Khánh", 3),
)
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
    "Huy",
    "Hoàng",
    "Khoa",
    "Kiên",
    "Lâm",
    "Lộc",
    "Mạnh",
    "Nghĩa",
    "Phong",
    "Quang",
    "Tài",
    "Thành",
    "Thịnh",
    "Tú",
    "Việt",
    "Vũ",
    "Đạt",
    "Định",
    "Duy",
    "Hưng",
    "An",
    "Hiệp",
    "Thái",
    "Thuận",
    "Trí",
    "Tùng",
    "Hậu",
    "Chiến",
    "Kiệt",
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
    "Chi",
    "Dung",
    "Giang",
    "Hạnh",
    "Hiền",
    "Huyền",
    "Liên",
    "Loan",
    "Ly",
    "My",
    "Nhi",
    "Phương",
    "Quyên",
    "Tâm",
    "Thu",
    "Thư",
    "Trinh",
    "Uyên",
    "Vy",
    "Xuân",
    "Diệp",
    "Hồng",
    "Duyên",
    "Tuyết",
    "Bích",
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
    "Hùng Vương",
    "Lê Duẩn",
    "Nguyễn Huệ",
    "Điện Biên Phủ",
    "Trần Hưng Đạo",
    "Phan Đình Phùng",
    "Võ Thị Sáu",
    "Ngô Quyền",
    "Bà Triệu",
    "Lạc Long Quân",
    "Cách Mạng Tháng Tám",
    "Nguyễn Văn Cừ",
    "Chu Văn An",
    "Tôn Đức Thắng",
    "Hoàng Diệu",
    "Nguyễn Du",
]
BIKES = ("Honda Wave", "Honda Vision", "Yamaha Sirius", "Honda Air Blade", "VinFast Feliz")
NARRATIVES = (
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
    "{name} đến trụ sở trình báo bị mất ví có giấy tờ tùy thân và {money} đồng tại chợ trên đường "
    "{street} khoảng {h} giờ ngày {d}.",
    "Hai hộ gia đình tại số {no} đường {street} tranh chấp lối đi chung, {name} đề nghị công an "
    "xã phường hòa giải, chưa có xô xát.",
    "{name} khai báo tạm trú cho người thân từ quê lên làm việc tại công trình xây dựng trên đường "
    "{street}, thời hạn {no} ngày.",
)
RANKS = ("Thiếu úy", "Trung úy", "Thượng úy", "Đại úy", "Thiếu tá", "Trung tá")
STATUSES = (("submitted", 45), ("accepted", 42), ("returned", 8), ("deleted", 5))
# Revisions per record: most are sent once, some amended, a few twice (mean ~1.25).
REVISION_COUNTS = ((1, 80), (2, 15), (3, 5))

_SENTINEL = re.compile(r"[Zz]q(name|id|phone|street|text)(\d+)")
_NAME_LIKE = re.compile(
    r"^(?:(?:thieu|trung|thuong|dai) (?:uy|ta) |ong |ba |anh |chi )?(?:"
    + "|".join(fold(s) for s, _ in SURNAMES)
    + r") \w+(?: \w+){0,2}$"
)


@dataclass(frozen=True)
class FormTemplate:
    form_id: str  # lower case, as the server stores it
    version: int
    title: str
    search: str
    values: str  # JSON text of the example with placeholders
    kinds: dict[str, str]  # placeholder number → kind, to know what each one needs


def _placeholders(value: Any, key: str, counter: list[int]) -> Any:
    """A copy of an example value with people, numbers, streets and long text as placeholders."""
    if isinstance(value, dict):
        out = {k: _placeholders(v, k, counter) for k, v in value.items()}
        if "commune" in out and isinstance(out["commune"], str):
            out["commune"], out["province"] = EXAMPLE_COMMUNE, EXAMPLE_PROVINCE
        return out
    if isinstance(value, list):
        return [_placeholders(v, key, counter) for v in value]
    if not isinstance(value, str) or not value:
        return value
    kind = None
    if key == "full_name" or _NAME_LIKE.match(fold(value)):
        kind = "name"
    elif key == "id_number":
        kind = "id"
    elif key == "phone":
        kind = "phone"
    elif key == "street":
        kind = "street"
    elif len(value) > 60:
        kind = "text"
    if kind is None:
        return value
    counter[0] += 1
    return f"Zq{kind}{counter[0]}"


def build_templates() -> list[FormTemplate]:
    """One template per bundled form, through the real projection."""
    catalogue = load_catalogue()
    templates = []
    for form_id in FORMS:
        form = catalogue.get(form_id)
        example = json.loads((EXAMPLES / f"{form_id}.json").read_text(encoding="utf-8"))
        counter = [0]
        values = _placeholders(copy.deepcopy(example["values"]), "", counter)
        shown = project(form, values)
        text = json.dumps(values, ensure_ascii=False)
        kinds = {m.group(2): m.group(1) for m in _SENTINEL.finditer(text)}
        templates.append(
            FormTemplate(form_id.lower(), form.version, shown.title, shown.search_text, text, kinds)
        )
    return templates


@dataclass(frozen=True)
class StationInfo:
    id: int
    code: str
    province: str
    commune_text: str  # "Phường Ba Đình"
    commune_folded: str
    device_id: str  # the device its records come from
    weight: float


def uuid7_at(moment: datetime, rng: random.Random) -> str:
    """A UUIDv7 for a moment (ids grow with time, as the stations' ids do)."""
    millis = int(moment.timestamp() * 1000)
    bits = (millis << 80) | (0x7 << 76) | (rng.getrandbits(12) << 64)
    bits |= (0b10 << 62) | rng.getrandbits(62)
    return str(uuid.UUID(int=bits))


def _pick(pairs: tuple[tuple[Any, float], ...]) -> tuple[list[Any], list[float]]:
    return [p for p, _ in pairs], [float(w) for _, w in pairs]


class Generator:
    """Rows for one chunk of records, deterministic from the chunk's number."""

    def __init__(self, stations: list[StationInfo], start: datetime, span: timedelta) -> None:
        self.templates = build_templates()
        self.stations = stations
        self.station_cum = list(_cumulative(s.weight for s in stations))
        self.template_cum = list(_cumulative(FORM_WEIGHTS))
        self.start, self.span = start, span
        self.surnames, self.surname_w = _pick(SURNAMES)
        self.surname_cum = list(_cumulative(self.surname_w))
        self.mid_m, w = _pick(MIDDLE_MALE)
        self.mid_m_cum = list(_cumulative(w))
        self.mid_f, w = _pick(MIDDLE_FEMALE)
        self.mid_f_cum = list(_cumulative(w))
        self.status, w = _pick(STATUSES)
        self.status_cum = list(_cumulative(w))
        self.revs, w = _pick(REVISION_COUNTS)
        self.revs_cum = list(_cumulative(w))
        self.folded: dict[str, str] = {}
        self.narratives = [(n, fold(n)) for n in NARRATIVES]

    def _fold(self, text: str) -> str:
        found = self.folded.get(text)
        if found is None:
            found = self.folded[text] = fold(text)
        return found

    def person_name(self, rng: random.Random) -> str:
        surname = self.surnames[_choose(self.surname_cum, rng)]
        if rng.random() < 0.52:
            middle = self.mid_m[_choose(self.mid_m_cum, rng)]
            given = _pick_one(rng, GIVEN_MALE)
        else:
            middle = self.mid_f[_choose(self.mid_f_cum, rng)]
            given = _pick_one(rng, GIVEN_FEMALE)
        return f"{surname} {middle} {given}"

    def fill(
        self, template: FormTemplate, station: StationInfo, when: datetime, rng: random.Random
    ) -> tuple[str, str, str]:
        """(title, search text, JSON values) of one record."""
        shown: dict[str, tuple[str, str]] = {}  # placeholder → (display, folded)
        first_name = ""
        for number, kind in template.kinds.items():
            if kind == "name":
                name = self.person_name(rng)
                if rng.random() < 0.04:
                    name = f"{_pick_one(rng, RANKS)} {name}"
                first_name = first_name or name
                shown[number] = (name, self._fold(name))
            elif kind == "id":
                year = _randint(rng, 1950, 2008)
                digit = _randint(rng, 0, 1) + (2 if year >= 2000 else 0)
                prefix = (
                    f"0{station.province}" if rng.random() < 0.8 else f"0{_randint(rng, 1, 96):02d}"
                )
                number_text = f"{prefix}{digit}{year % 100:02d}{_randint(rng, 0, 999999):06d}"
                shown[number] = (number_text, number_text)
            elif kind == "phone":
                digits = f"09{_randint(rng, 0, 99999999):08d}"
                shown[number] = (digits, f"{digits[:4]} {digits[4:7]} {digits[7:]}")
            elif kind == "street":
                house, lane, name = (
                    _randint(rng, 1, 300),
                    _randint(rng, 1, 150),
                    _pick_one(rng, STREETS),
                )
                shown[number] = (
                    f"Số {house} ngõ {lane} {name}",
                    f"so {house} ngo {lane} {self._fold(name)}",
                )
        for number, kind in template.kinds.items():
            if kind == "text":
                plain, folded = self.narratives[rng.randrange(len(self.narratives))]
                slots = {
                    "h": _randint(rng, 0, 23),
                    "d": when.strftime("%d/%m/%Y"),
                    "no": _randint(rng, 1, 200),
                    "bike": _pick_one(rng, BIKES),
                    "money": f"{_randint(rng, 1, 90)}.000.000",
                }
                name = first_name or self.person_name(rng)
                street = _pick_one(rng, STREETS)
                text = plain.format(name=name, street=street, **slots)
                # The folded template keeps its placeholders: fill it with folded parts.
                folded_slots = {**slots, "d": slots["d"].replace("/", " ")}
                folded_slots["bike"] = self._fold(slots["bike"])
                folded_slots["money"] = slots["money"].replace(".", " ")
                folded_text = folded.format(
                    name=self._fold(name), street=self._fold(street), **folded_slots
                )
                shown[number] = (text, folded_text)

        def display(match: re.Match[str]) -> str:
            return shown[match.group(2)][0]

        def folded(match: re.Match[str]) -> str:
            return shown[match.group(2)][1]

        title = _SENTINEL.sub(display, template.title)
        search = _SENTINEL.sub(folded, template.search)
        search = search.replace("phuong ba dinh", station.commune_folded)
        values = _SENTINEL.sub(display, template.values)
        values = values.replace(f'"{EXAMPLE_COMMUNE}"', f'"{station.code}"').replace(
            f'"province": "{EXAMPLE_PROVINCE}"', f'"province": "{station.province}"'
        )
        return title.replace("Phường Ba Đình", station.commune_text), search, values

    def chunk(self, number: int, first: int, count: int, total: int) -> tuple[bytes, bytes, bytes]:
        """COPY text for record_revisions, records and record_reviews: records first..first+count
        of `total`, spread over the span in that order."""
        rng = random.Random(number * 7919 + 17)
        revisions, heads, reviews = [], [], []
        step = self.span / total
        batch = ""
        for i in range(first, first + count):
            if i % 20 == 0 or not batch:  # a station's push brings ~20 revisions
                batch = str(uuid.UUID(int=rng.getrandbits(128), version=4))
            received = self.start + step * i + timedelta(seconds=rng.random() * 60)
            station = self.stations[_choose(self.station_cum, rng)]
            template = self.templates[_choose(self.template_cum, rng)]
            created = received - timedelta(minutes=_randint(rng, 5, 60 * 24 * 3))
            title, search, values = self.fill(template, station, created, rng)
            values = values.replace("\\", "\\\\")
            record_id = uuid7_at(created, rng)
            status = self.status[_choose(self.status_cum, rng)]
            count_revs = self.revs[_choose(self.revs_cum, rng)]
            if status == "deleted":
                count_revs = max(count_revs, 2)
            updated = created
            author = f"cb{station.code}{_randint(rng, 1, 4)}"
            for revision in range(1, count_revs + 1):
                last = revision == count_revs
                deleted = status == "deleted" and last
                if revision > 1:
                    updated = updated + timedelta(hours=_randint(rng, 1, 72))
                rev_received = (
                    received if last else received - timedelta(minutes=count_revs - revision)
                )
                content_hash = f"{rng.getrandbits(256):064x}"
                revisions.append(
                    "\t".join(
                        (
                            record_id,
                            str(revision),
                            str(station.id),
                            station.device_id,
                            batch,
                            template.form_id,
                            str(template.version),
                            author,
                            values,
                            content_hash,
                            "t" if deleted else "f",
                            "Nhập trùng hồ sơ" if deleted else "\\N",
                            created.isoformat(),
                            updated.isoformat(),
                            str(i * 3 + revision),
                            rev_received.isoformat(),
                        )
                    )
                )
            event = (created - timedelta(days=_pick_one(rng, (0, 0, 0, 1, 2, 5)))).date()
            heads.append(
                "\t".join(
                    (
                        record_id,
                        str(station.id),
                        template.form_id,
                        str(template.version),
                        str(count_revs),
                        content_hash,
                        status,
                        "t" if status == "deleted" else "f",
                        created.isoformat(),
                        updated.isoformat(),
                        received.isoformat(),
                        title,
                        event.isoformat(),
                        station.code,
                        search,
                    )
                )
            )
            if status in ("accepted", "returned"):
                comment = "" if status == "accepted" else "Bổ sung lời khai người làm chứng"
                decided = received + timedelta(hours=_randint(rng, 1, 96))
                reviews.append(
                    "\t".join(
                        (
                            record_id,
                            str(count_revs),
                            status,
                            comment,
                            f"cat{station.province}",
                            decided.isoformat(),
                        )
                    )
                )
        return tuple(("\n".join(rows) + "\n").encode() for rows in (revisions, heads, reviews))  # type: ignore[return-value]


REVISION_COLUMNS = (
    "record_id, revision, station_id, device_id, batch_id, form_id, form_version, author, "
    "field_values, content_hash, deleted, delete_reason, created_at, updated_at, device_seq, "
    "received_at"
)
HEAD_COLUMNS = (
    "record_id, station_id, form_id, form_version, revision, content_hash, status, deleted, "
    "created_at, updated_at, received_at, title, event_date, commune_code, search_text"
)
REVIEW_COLUMNS = "record_id, revision, decision, comment, reviewer, decided_at"


def _randint(rng: random.Random, low: int, high: int) -> int:
    """rng.randint without its argument checks (a third of the generator's time otherwise)."""
    return low + int(rng.random() * (high - low + 1))


def _pick_one(rng: random.Random, items: Any) -> Any:
    return items[int(rng.random() * len(items))]


def _cumulative(weights: Any) -> list[float]:
    total, out = 0.0, []
    for w in weights:
        total += w
        out.append(total)
    return out


def _choose(cumulative: list[float], rng: random.Random) -> int:
    return min(bisect_right(cumulative, rng.random() * cumulative[-1]), len(cumulative) - 1)


# --- Stations and devices ---------------------------------------------------------------------


@dataclass(frozen=True)
class StationPlan:
    code: str
    name: str
    province: str
    commune_text: str
    health: str  # today | week | old | never | none (no device at all)
    weight: float


def station_plans(seed: int = 12) -> list[StationPlan]:
    """Every commune of the reference data as a station, with its activity and device health."""
    rng = random.Random(seed)
    plans = []
    for commune in default_reference().communes():
        roll = rng.random()
        health = (
            "today"
            if roll < 0.72
            else "week"
            if roll < 0.86
            else "old"
            if roll < 0.94
            else "never"
            if roll < 0.97
            else "none"
        )
        # Busy wards and quiet mountain communes: a log-normal spread of activity.
        weight = math.exp(rng.gauss(0, 0.8)) * (1.6 if commune.type == "Phường" else 1.0)
        if health in ("never", "none"):
            weight = 0.0
        name = f"Công an {commune.name[:1].lower()}{commune.name[1:]}"
        plans.append(
            StationPlan(commune.code, name, commune.province, commune.name, health, weight)
        )
    return plans


def device_rows(
    station_ids: dict[str, int], plans: list[StationPlan], now: datetime, seed: int = 13
) -> tuple[list[tuple[Any, ...]], dict[str, str]]:
    """Devices per station (1–3; some revoked) and the one each station's records come from."""
    rng = random.Random(seed)
    rows, main_device = [], {}
    for plan in plans:
        if plan.health == "none":
            continue
        for n in range(_pick_one(rng, (1, 1, 2, 2, 3))):
            device_id = str(uuid.UUID(int=rng.getrandbits(128), version=4))
            enrolled = now - timedelta(days=_randint(rng, 200, 400))
            seen = {
                "today": now - timedelta(minutes=_randint(rng, 1, 600)),
                "week": now - timedelta(days=_randint(rng, 1, 6), hours=_randint(rng, 1, 20)),
                "old": now - timedelta(days=_randint(rng, 8, 120)),
                "never": None,
            }[plan.health]
            revoked = n > 0 and rng.random() < 0.2
            key = os.urandom(32).hex()[:44]
            rows.append(
                (
                    device_id,
                    station_ids[plan.code],
                    key,
                    f"Máy {n + 1}",
                    enrolled,
                    enrolled + timedelta(days=30) if revoked else None,
                    "Máy hỏng" if revoked else None,
                    None if revoked else seen,
                    0,
                    0,
                )
            )
            main_device.setdefault(plan.code, device_id)
    return rows, main_device


def receipt_rows(
    station_ids: dict[str, int],
    plans: list[StationPlan],
    devices: dict[str, str],
    start: datetime,
    now: datetime,
    per_station: float,
    seed: int = 14,
) -> list[tuple[Any, ...]]:
    """Push receipts: a station's batches over the year, its last one at its device's last sync."""
    rng = random.Random(seed)
    rows = []
    span = (now - start).total_seconds()
    for plan in plans:
        if plan.weight == 0 or plan.code not in devices:
            continue
        count = max(1, int(per_station * plan.weight))
        end = {
            "today": now - timedelta(minutes=_randint(rng, 1, 600)),
            "week": now - timedelta(days=_randint(rng, 1, 6)),
            "old": now - timedelta(days=_randint(rng, 8, 120)),
        }[plan.health]
        for n in range(count):
            moment = end if n == 0 else start + timedelta(seconds=rng.random() * span * 0.999)
            moment = min(moment, end)
            stored = _randint(rng, 1, 60)
            rows.append(
                (
                    devices[plan.code],
                    station_ids[plan.code],
                    str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                    moment,
                    stored,
                    stored,
                    0,
                    1 if rng.random() < 0.002 else 0,
                    1 if rng.random() < 0.01 else 0,
                    _randint(rng, 1, 100000),
                    f"{rng.getrandbits(256):064x}",
                )
            )
    return rows


def conflict_rows(
    station_ids: dict[str, int],
    plans: list[StationPlan],
    devices: dict[str, str],
    now: datetime,
    count: int = 300,
    seed: int = 15,
) -> list[tuple[Any, ...]]:
    """Revisions that clashed with stored ones: most resolved, some still open (`alert`)."""
    rng = random.Random(seed)
    active = [p for p in plans if p.weight > 0 and p.code in devices]
    rows = []
    for _ in range(count):
        plan = _pick_one(rng, active)
        received = now - timedelta(days=rng.random() * 365)
        rows.append(
            (
                str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                _randint(rng, 1, 3),
                f"{rng.getrandbits(256):064x}",
                station_ids[plan.code],
                devices[plan.code],
                str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                json.dumps({"values": {"note": "bản sửa khác nội dung"}}, ensure_ascii=False),
                received,
                None if rng.random() < 0.1 else received + timedelta(hours=_randint(rng, 1, 48)),
            )
        )
    return rows
