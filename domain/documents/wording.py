"""What the forms say on screen, said as paper says it: no help text, no internal codes.

The form definitions are written for data entry: a label carries a hint in brackets ("Người ra
quyết định (họ tên)", "Lý do không có giấy tờ (ví dụ: trẻ em)"), a section points at the items of
the prescribed form ("Người khai báo (mục 1–7)"), a choice names what it selects ("Hòa giải
(F9)"). None of that belongs on an official document: a choice filled into a template, and the
labels of a form printed without a template file (`generic.py`), lose those remarks here.
"""

from __future__ import annotations

import re

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
