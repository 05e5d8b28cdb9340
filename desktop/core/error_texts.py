"""Every error text of the station, in Vietnamese and English: one table the CLI and the app read.

An error carries a stable code and parameters (`desktop/core/errors.py`, `protocol/errors.py`),
never text. Here each code has
- `line`: the one line `cax` prints after "Lỗi [CODE]:" (it may name a flag or a command);
- `headline` and `advice`: what the app's window says, and what to do next (no command line).
Texts use named placeholders (`{username}`), filled in one pass by `fill()`, so a value that
itself looks like a placeholder is never rewritten. No Qt here: the app picks the language it
runs in.
"""

from __future__ import annotations

from typing import Any

from desktop.core.error_table import STATION_ERRORS, ErrorText, Pair
from desktop.core.placeholders import fill, fill_numbered
from desktop.core.server_error_table import SERVER_ERRORS

LANGUAGES = ("vi", "en")
__all__ = ["ERRORS", "fill", "fill_numbered", "headline_and_advice", "line"]
# A station code wins over the server's of the same name (the station's words fit its user).
ERRORS: dict[str, ErrorText] = {**SERVER_ERRORS, **STATION_ERRORS}

# Names of the values an `InvalidInput` may be about, so a message names the field.
FIELD_NAMES: dict[str, Pair] = {
    "ca": ("Chứng thư CA", "CA certificate"),
    "server": ("Địa chỉ máy chủ", "Server address"),
    "url": ("Địa chỉ máy chủ", "Server address"),
    "code": ("Mã đăng ký", "Enrolment code"),
    "username": ("Tên đăng nhập", "User name"),
    "recovery_key": ("Khóa khôi phục", "Recovery key"),
    "period": ("Kỳ báo cáo", "Period"),
    "narrative": ("Phần lời của báo cáo", "The report's text"),
    "file": ("Tệp", "File"),
    "data": ("Tệp dữ liệu", "Data file"),
    "format": ("Định dạng", "Format"),
    "out": ("Tệp ghi ra", "Output file"),
    "pdf": ("Tệp PDF", "PDF file"),
    "override": ("Bỏ qua lỗi", "Override"),
    "sync_policy": ("Chính sách gửi hồ sơ", "When records go out"),
}

REASONS: dict[str, Pair] = {
    "too_short": ("cần ít nhất {min_length} ký tự", "at least {min_length} characters needed"),
    "too_simple": ("quá ít ký tự khác nhau", "too few different characters"),
    "common": (
        "đây là một mật khẩu quá phổ biến, hoặc chỉ là một tên, một từ hay một ngày tháng kèm "
        "vài chữ số; hãy dùng một cụm nhiều từ",
        "it is one of the most used passwords, or only a name, word or date with a few digits; "
        "use a phrase of several words",
    ),
    "contains_username": ("chứa tên đăng nhập", "it contains the user name"),
    "username_format": (
        "3–32 ký tự a-z, 0-9, dấu chấm, gạch ngang hoặc gạch dưới",
        "3–32 characters a-z, 0-9, dot, dash or underscore",
    ),
    "recovery_key_format": ("sai định dạng khóa khôi phục", "not a recovery key"),
    "required": ("bắt buộc", "required"),
    "file": ("không đọc được tệp", "the file cannot be read"),
    "data_file": ("không đọc được tệp JSON", "not a readable JSON file"),
    "data_form_mismatch": ("tệp dữ liệu thuộc biểu mẫu khác", "the data file is for another form"),
    "date_format": ("ngày phải có dạng dd/mm/yyyy", "dates are dd/mm/yyyy"),
    "override_format": ("dạng đúng: PATH=CODE:lý do", "expected PATH=CODE:reason"),
    "header": ("trang đầu không đọc được", "first page unreadable"),
    "missing": ("không tìm thấy tệp", "file missing"),
    "empty": ("tệp trống hoặc không phải của CAX Desk", "empty or not a CAX Desk file"),
    "other_station": ("thuộc đơn vị khác", "belongs to another station"),
    "export_format": ("định dạng phải là xlsx hoặc csv", "the format is xlsx or csv"),
    "folder_missing": ("thư mục không tồn tại", "the folder does not exist"),
    "unreadable": ("tệp bị cắt cụt hoặc không đọc được", "truncated or unreadable"),
    "checksum": ("nội dung không khớp mã kiểm tra", "contents do not match their checksums"),
    "not_a_backup": ("không có bảng kê", "no manifest"),
    "manifest": ("bảng kê không hợp lệ", "invalid manifest"),
    "missing_member": ("thiếu thành phần", "a part is missing"),
    "database": ("cơ sở dữ liệu trong bản sao lưu bị hỏng", "its database is damaged"),
    "period_format": (
        "kỳ báo cáo viết như 2026-10, 2026-Q3, 2026-H1, 2026-9M, 2026, 2026-W42 "
        "hoặc 01/10/2026-31/10/2026",
        "write the period as 2026-10, 2026-Q3, 2026-H1, 2026-9M, 2026, 2026-W42 "
        "or 01/10/2026-31/10/2026",
    ),
    "period_year": ("năm phải từ 2000 đến 2100", "the year must be 2000 to 2100"),
    "period_number": ("không có tuần, tháng hoặc quý này", "no such week, month or quarter"),
    "period_order": ("ngày kết thúc trước ngày bắt đầu", "the end is before the start"),
    "not_a_number": ("phải là một số", "must be a number"),
    "negative": ("không được âm", "must not be negative"),
    "unknown_choice": ("không có trong danh sách", "not one of the choices"),
    "unknown_field": ("biểu mẫu không có trường này", "the form has no such field"),
    "year_range": ("năm không hợp lệ", "not a plausible year"),
    "exceeds_total": ("lớn hơn tổng số", "more than the total"),
    "too_long": (
        "quá dài (tối đa {max_length} ký tự)",
        "too long (at most {max_length} characters)",
    ),
    "url": (
        "địa chỉ phải có dạng https://máy-chủ[:cổng]",
        "the address must look like https://server[:port]",
    ),
    "certificate verify failed": (
        "không do chứng thư CA đã ghi nhận ký",
        "not signed by the pinned CA",
    ),
    "hostname": ("không cấp cho tên máy chủ này", "not issued for this server name"),
    "IP address mismatch": ("không cấp cho địa chỉ này", "not issued for this address"),
    "wrong version": ("máy chủ không dùng TLS", "the server does not speak TLS"),
    "handshake": ("lỗi bắt tay TLS", "TLS handshake failed"),
}


# The app's advice for a reason: a whole sentence (the CLI uses the fragments above).
REASON_ADVICE: dict[str, Pair] = {
    "too_short": ("Cần ít nhất {min_length} ký tự.", "It needs at least {min_length} characters."),
    "too_simple": ("Có quá ít ký tự khác nhau.", "It uses too few different characters."),
    "common": (
        "Đây là một mật khẩu quá phổ biến, hoặc chỉ là một tên, một từ hay một ngày tháng kèm vài chữ số. Hãy dùng một cụm nhiều từ.",
        "It is one of the most used passwords, or only a name, word or date with a few digits. Use a phrase of several words.",
    ),
    "contains_username": ("Không được chứa tên đăng nhập.", "It must not contain the user name."),
    "username_format": (
        "Tên đăng nhập gồm 3–32 ký tự: a–z, 0–9, dấu chấm, gạch ngang hoặc gạch dưới (không dấu).",
        "User names have 3 to 32 characters: a–z, 0–9, dot, dash or underscore.",
    ),
    "recovery_key_format": (
        "Khóa khôi phục gồm 32 chữ cái và chữ số, chia thành 8 nhóm.",
        "A recovery key has 32 letters and digits in 8 groups.",
    ),
    "required": ("Không được để trống.", "This field is required."),
    "url": (
        "Hãy ghi địa chỉ dạng https://ten.may.chu[:cổng].",
        "Write the address as https://name.of.server[:port].",
    ),
    "file": ("Không đọc được tệp.", "The file cannot be read."),
    "period_format": (
        "Hãy ghi kỳ dạng 2026-10, 2026-Q3, 2026-H1, 2026-9M, 2026 hoặc 2026-W42.",
        "Write the period as 2026-10, 2026-Q3, 2026-H1, 2026-9M, 2026 or 2026-W42.",
    ),
    "period_order": ("Ngày kết thúc trước ngày bắt đầu.", "The end date is before the start date."),
    "exceeds_total": (
        "Một phần không được lớn hơn tổng số.",
        "A part cannot be more than its total.",
    ),
    "too_long": ("Nội dung quá dài.", "The text is too long."),
}


def language_index(language: str) -> int:
    return LANGUAGES.index(language) if language in LANGUAGES else 0


def reason_text(reason: str, params: dict[str, Any], language: str) -> str:
    pair = REASONS.get(reason)
    return fill(pair[language_index(language)], params) if pair else reason


def field_name(field: str, language: str) -> str:
    pair = FIELD_NAMES.get(field)
    return pair[language_index(language)] if pair else field


def line(code: str, params: dict[str, Any], language: str) -> str:
    """The one line the CLI prints for `code` (the code itself when it has no text)."""
    entry = ERRORS.get(code)
    if entry is None:
        return code
    params = dict(params)
    if isinstance(params.get("reason"), str):
        params["reason"] = reason_text(params["reason"], params, language)
    return fill(entry.line[language_index(language)], params)


# An invalid value whose field has a name says which one ("Required." alone names nothing).
INVALID_NAMED_FIELD: Pair = (
    "“{field}”: giá trị không hợp lệ.",
    "“{field}”: the value is not valid.",
)


def headline_and_advice(code: str, params: dict[str, Any], language: str) -> tuple[str, str]:
    """What the app's window says for `code`, and what to do next."""
    entry = ERRORS[code]
    index = language_index(language)
    params = dict(params)
    reason = str(params.get("reason", ""))
    field = str(params.get("field", ""))
    if code == "INVALID_INPUT" and field in FIELD_NAMES:
        headline = fill(INVALID_NAMED_FIELD[index], {"field": field_name(field, language)})
    elif entry.headline[index]:
        headline = fill(entry.headline[index], params)
    else:
        headline = line(code, params, language)
    advice = fill(entry.advice[index], params)
    if reason in REASON_ADVICE:
        advice = fill(REASON_ADVICE[reason][index], params)
    elif reason in REASONS:  # only the CLI's fragment: made a sentence ("Không được âm.")
        fragment = fill(REASONS[reason][index], params)
        advice = f"{fragment[:1].upper()}{fragment[1:]}."
    return headline, advice
