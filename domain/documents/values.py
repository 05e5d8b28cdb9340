"""One value as an official document writes it inside running text (docs/printing.md).

Times as "22 giờ 40 phút, ngày 20/11/2026", money as "750.000 đồng", choices by their label
without the program's bracketed remarks, addresses with the administrative-unit words in lower
case as Decree 30/2020 Annex II wants them in running text ("phường Ba Đình, thành phố Hà Nội").
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from domain.documents.dates import document_date
from domain.documents.wording import plain
from domain.forms.evaluation import is_empty
from domain.forms.model import FieldDefinition, FieldType
from domain.forms.summaries import display_value, format_address
from domain.reference import ReferenceData
from domain.validation.formats import parse_date, parse_datetime
from domain.vietnamese import money_in_words

# A blank the officer fills in by hand, as the printed forms leave it.
BLANK = "…………"
# Words that open a part of an address and are common nouns, not names: lower case inside a
# sentence ("tại số 7 ngõ 35, tổ dân phố 7, phường Ba Đình, thành phố Hà Nội").
_COMMON_WORDS = (
    "Số", "Thôn", "Tổ dân phố", "Tổ", "Xóm", "Ấp", "Bản", "Buôn", "Phum", "Sóc", "Khu phố",
    "Khu", "Ngõ", "Ngách", "Hẻm", "Kiệt", "Đường", "Phố", "Phường", "Xã", "Đặc khu",
    "Thị trấn", "Thành phố", "Tỉnh", "Trước cửa", "Trụ sở",
)  # fmt: skip


def running(text: str) -> str:
    """ "Phường Ba Đình" → "phường Ba Đình": a leading common noun in lower case, the name kept."""
    for word in sorted(_COMMON_WORDS, key=len, reverse=True):
        if text.startswith(word) and (len(text) == len(word) or text[len(word)] in " ,"):
            return word.lower() + text[len(word) :]
    return text


def address_in_text(value: Mapping[str, Any], reference: ReferenceData) -> str:
    """Street to province in running text: "số 7 ngõ 35, phường Giảng Võ, thành phố Hà Nội"."""
    return format_address(value, reference, running)


def value_text(
    f: FieldDefinition,
    value: Any,
    fmt: str,
    reference: ReferenceData,
    words: Mapping[str, str],
) -> str:
    """The value as printed, "" when it is empty (the caller leaves a blank)."""
    if is_empty(value):
        return ""
    text = _formatted(f, value, fmt, reference, words)
    if fmt == "lower" and text:
        return text[0].lower() + text[1:]
    if fmt == "upper":
        return text.upper()
    return text


def _formatted(
    f: FieldDefinition, value: Any, fmt: str, reference: ReferenceData, words: Mapping[str, str]
) -> str:
    if fmt == "words" and isinstance(value, int):
        return money_in_words(value, **words)
    if fmt == "02" and isinstance(value, int):
        return f"{value:02d}"
    if fmt == "name":
        return str(value).split(",")[0].strip()
    if f.type is FieldType.DATETIME and (moment := parse_datetime(value)):
        return _moment(moment, fmt)
    if f.type is FieldType.DATE and (day := parse_date(value)):
        return document_date(day) if fmt == "long" else day.strftime("%d/%m/%Y")
    if f.type is FieldType.ADDRESS and isinstance(value, Mapping):
        return address_in_text(value, reference)
    if f.type in (FieldType.CHOICE, FieldType.MULTI_CHOICE):
        items = value if isinstance(value, list) else [value]
        single = (display_value(f, item, reference=reference) for item in items)
        return ", ".join(plain(label) for label in single if label)
    return display_value(f, value, reference=reference)


def _moment(moment: Any, fmt: str) -> str:
    if fmt == "time":
        return f"{moment:%H} giờ {moment:%M} phút"
    if fmt == "date":
        return f"{moment:%d/%m/%Y}"
    if fmt == "long":
        return document_date(moment.date())
    return f"{moment:%H} giờ {moment:%M} phút, ngày {moment:%d/%m/%Y}"
