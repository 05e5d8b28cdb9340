"""What the forms say on screen, said as paper says it: no help text, no internal codes or flags.

The form definitions are written for data entry: a label carries a hint in brackets ("Người ra
quyết định (họ tên)", "Lý do không có giấy tờ (ví dụ: trẻ em)"), a section points at the items of
the prescribed form ("Người khai báo (mục 1–7)"), a choice names the template it selects ("Có lập
biên bản (MQĐ02)"), and yes/no fields are check boxes. None of that belongs on an official
document, so the printout rewrites it here, in one place, from the same definitions.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

# A bracketed remark anywhere in a label or choice: "(họ tên)", "(mục 1–7)", "(MQĐ02)", "(F3)".
_REMARK = re.compile(r"\s*\([^()]*\)")
# Remarks that are part of the wording on the prescribed forms, kept as words: "Số tiền phạt bằng
# chữ" is how MQĐ01/MQĐ02 say it.
_KEPT_AS_WORDS = frozenset({"bằng số", "bằng chữ"})
# A remark naming the unit of a number ("Thời hạn thi hành (ngày)") moves after the value:
# "Thời hạn thi hành: 10 ngày".
_UNITS = frozenset({"ngày", "tháng", "năm", "giờ", "phút", "km", "m", "kg"})


def paper_label(label: str) -> tuple[str, str]:
    """(label as printed, unit to write after the value) — "Thời hạn (tháng)" → ("Thời hạn",
    "tháng"); "Quy định tại (điểm, khoản, điều, nghị định)" → ("Quy định tại", "")."""
    unit = ""

    def rewrite(match: re.Match[str]) -> str:
        nonlocal unit
        remark = match.group(0).strip()[1:-1].strip()
        if remark.lower() in _KEPT_AS_WORDS:
            return f" {remark}"
        if remark in _UNITS:
            unit = remark
        return ""

    return _REMARK.sub(rewrite, label).strip(), unit


def plain(text: str) -> str:
    """A section title or choice label without its bracketed remarks: "Chuyển nguồn tin (mẫu
    03)" → "Chuyển nguồn tin"; "Có lập biên bản (MQĐ02)" → "Có lập biên bản"."""
    return _REMARK.sub("", text).strip()


# Yes/no fields worth a line on paper, as the sentence an officer would write: (when yes, when
# no); an empty text prints nothing. Every other yes/no field is a check box of the program
# (signed?, confirmed?, pushed to a database?) and stays off paper.
FLAG_SENTENCES: Mapping[str, tuple[str, str]] = {
    "id_unknown": ("Chưa xác định được số định danh cá nhân.", ""),
    "confidential": (
        "Người tố giác đề nghị giữ bí mật họ tên, địa chỉ, bút tích và thông tin cá nhân khác.",
        "",
    ),
    "incident_time_approximate": ("Thời gian xảy ra vụ việc nêu trên là thời gian ước đoán.", ""),
    "urgent": ("Nguồn tin thuộc trường hợp khẩn cấp, phải báo ngay cho Cơ quan điều tra.", ""),
    "transferred": ("Nguồn tin đã được chuyển đến Cơ quan Cảnh sát điều tra có thẩm quyền.", ""),
    "outside_area": ("Vụ việc xảy ra ngoài địa bàn quản lý.", ""),
    "at_violation_place": (
        "Biên bản được lập tại nơi xảy ra vi phạm.",
        "Biên bản không được lập tại nơi xảy ra vi phạm.",
    ),
    "notify_once": ("Người lưu trú là người thân thích lưu trú nhiều lần, thông báo một lần.", ""),
    "late_notice": ("Việc thông báo lưu trú được thực hiện sau thời hạn quy định.", ""),
    "handed_over": ("Số vũ khí, vật liệu nổ, công cụ hỗ trợ trên đã được bàn giao.", ""),
}


def flag_sentence(field_id: str, value: Any) -> str:
    """The sentence a yes/no value prints as, or "" (nothing on paper)."""
    yes, no = FLAG_SENTENCES.get(field_id, ("", ""))
    if value is True:
        return yes
    return no if value is False else ""


_NUMBERED_FORM = re.compile(r"M(\d+)")


def template_reference(template: str, code: str | None = None) -> str:
    """The form's reference as the prescribed template prints it top right: "Mẫu MBB01",
    "Mẫu MQĐ02", "Mẫu CT03", "Mẫu số 01" (a circular's numbered form). `template` is the
    catalogue's marker ("ND118-2021+ND190-2025/MBB01"); `code` overrides the part after the
    slash (a decision picks MQĐ01 or MQĐ02 by whether a record was made)."""
    code = code or template.rsplit("/", 1)[-1].strip()
    if not code:
        return ""
    code = code.replace("MQD", "MQĐ")  # the catalogue's markers are ASCII; the decree's are not
    if numbered := _NUMBERED_FORM.fullmatch(code):
        return f"Mẫu số {numbered.group(1)}"
    return f"Mẫu {code}"
