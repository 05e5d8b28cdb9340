"""What the CLI says, in Vietnamese (default) and English: one line per error code, plus notices."""

from __future__ import annotations

import os
from typing import Any

from desktop.core.errors import AppError

LANGUAGES = ("vi", "en")

_ERRORS: dict[str, tuple[str, str]] = {
    "STATION_NOT_FOUND": (
        "Chưa có trạm nào ở {home}. Hãy chạy 'cax init' để thiết lập.",
        "No station in {home}. Run 'cax init' to set one up.",
    ),
    "STATION_EXISTS": (
        "Đã có dữ liệu trạm ở {home}; không ghi đè.",
        "A station already exists in {home}; it will not be overwritten.",
    ),
    "WRONG_PASSWORD": ("Sai mật khẩu.", "Wrong password."),
    "UNKNOWN_USER": ("Không có người dùng '{username}'.", "There is no user '{username}'."),
    "USER_REMOVED": (
        "Người dùng '{username}' đã bị xóa khỏi trạm.",
        "User '{username}' has been removed from this station.",
    ),
    "USER_EXISTS": (
        "Tên đăng nhập '{username}' đã được dùng.",
        "The user name '{username}' is already taken.",
    ),
    "LOGIN_THROTTLED": (
        "Nhập sai quá nhiều lần. Hãy thử lại sau {retry_after} giây.",
        "Too many wrong attempts. Try again in {retry_after} seconds.",
    ),
    "WRONG_RECOVERY_KEY": ("Khóa khôi phục không đúng.", "The recovery key is not correct."),
    "KEYFILE_UNREADABLE": (
        "Không đọc được tệp khóa {path}. Hãy khôi phục từ bản sao lưu.",
        "The key file {path} cannot be read. Restore it from a backup.",
    ),
    "KEYFILE_TAMPERED": (
        "Tệp khóa {path} đã bị hỏng hoặc bị sửa đổi. Hãy khôi phục từ bản sao lưu.",
        "The key file {path} is damaged or was altered. Restore it from a backup.",
    ),
    "DATABASE_CORRUPT": (
        "Cơ sở dữ liệu bị hỏng ({reason}). Tệp được giữ nguyên; hãy khôi phục từ bản sao lưu.",
        "The database is damaged ({reason}). The file was left as it is; restore from a backup.",
    ),
    "DATABASE_LOCKED": (
        "Cơ sở dữ liệu đang được chương trình khác sử dụng. Hãy thử lại sau.",
        "The database is in use by another program. Try again later.",
    ),
    "DATABASE_TOO_NEW": (
        "Dữ liệu được tạo bởi phiên bản CAX Desk mới hơn. Hãy cập nhật chương trình.",
        "The data was written by a newer CAX Desk. Update the program.",
    ),
    "PERMISSION_DENIED": (
        "Bạn không có quyền thực hiện việc này.",
        "You are not allowed to do this.",
    ),
    "INVALID_INPUT": (
        "Giá trị không hợp lệ: {field} ({reason}).",
        "Invalid value: {field} ({reason}).",
    ),
    "WEAK_PASSWORD": ("Mật khẩu quá yếu: {reason}.", "The password is too weak: {reason}."),
    "LAST_SUPERVISOR": (
        "Không thể xóa chỉ huy cuối cùng của trạm.",
        "The station's last supervisor cannot be removed.",
    ),
    "PASSWORD_REQUIRED": ("Cần nhập mật khẩu.", "A password is required."),
    "RECORD_FILE_INVALID": (
        'Tệp dữ liệu phải có dạng {{"form": …, "values": {{…}}}} ({reason}).',
        'The data file must be {{"form": …, "values": {{…}}}} ({reason}).',
    ),
    "UNKNOWN_FORM": ("Không có biểu mẫu '{form}'.", "There is no form '{form}'."),
    "RECORD_NOT_FOUND": ("Không tìm thấy hồ sơ {record}.", "Record {record} not found."),
    "RECORD_STATE": (
        "Hồ sơ đang ở trạng thái '{status}' nên không thể làm việc này.",
        "The record is '{status}', which does not allow this.",
    ),
    "REASON_REQUIRED": ("Cần ghi rõ lý do.", "A reason is required."),
    "VALIDATION_FAILED": (
        "Hồ sơ còn lỗi (xem danh sách trên).",
        "The record has errors (listed above).",
    ),
    "PASSWORDS_DIFFER": ("Hai mật khẩu không khớp.", "The two passwords differ."),
    "USER_REQUIRED": (
        "Hãy cho biết người dùng (--user hoặc CAX_USER).",
        "Say which user (--user or CAX_USER).",
    ),
    "INTERNAL_ERROR": (
        "Lỗi không mong đợi; chi tiết đã ghi vào {log}. Dữ liệu đã lưu không bị ảnh hưởng.",
        "Unexpected error; details were written to {log}. Saved data is not affected.",
    ),
    "INTERRUPTED": ("Đã dừng.", "Stopped."),
}

_REASONS: dict[str, tuple[str, str]] = {
    "too_short": ("cần ít nhất {min_length} ký tự", "at least {min_length} characters needed"),
    "too_simple": ("quá ít ký tự khác nhau", "too few different characters"),
    "contains_username": ("chứa tên đăng nhập", "it contains the user name"),
    "username_format": (
        "3–32 ký tự a-z, 0-9, dấu chấm, gạch ngang hoặc gạch dưới",
        "3–32 characters a-z, 0-9, dot, dash or underscore",
    ),
    "recovery_key_format": ("sai định dạng khóa khôi phục", "not a recovery key"),
    "required": ("bắt buộc", "required"),
    "data_file": ("không đọc được tệp JSON", "not a readable JSON file"),
    "data_form_mismatch": ("tệp dữ liệu thuộc biểu mẫu khác", "the data file is for another form"),
    "date_format": ("ngày phải có dạng dd/mm/yyyy", "dates are dd/mm/yyyy"),
    "override_format": ("dạng đúng: PATH=CODE:lý do", "expected PATH=CODE:reason"),
    "header": ("trang đầu không đọc được", "first page unreadable"),
    "missing": ("không tìm thấy tệp", "file missing"),
    "empty": ("tệp trống hoặc không phải của CAX Desk", "empty or not a CAX Desk file"),
    "other_station": ("thuộc trạm khác", "belongs to another station"),
}

_NOTICES: dict[str, tuple[str, str]] = {
    "station_created": ("Đã thiết lập trạm {code} – {name}.", "Station {code} – {name} is set up."),
    "recovery_key": (
        "KHÓA KHÔI PHỤC (chỉ hiện một lần — hãy chép ra giấy và cất giữ an toàn):",
        "RECOVERY KEY (shown only once — copy it onto paper and keep it safe):",
    ),
    "user_added": ("Đã thêm người dùng {username} ({role}).", "User {username} ({role}) added."),
    "user_removed": ("Đã xóa người dùng {username}.", "User {username} removed."),
    "password_changed": ("Đã đổi mật khẩu của {username}.", "Password of {username} changed."),
    "key_rotated": (
        "Đã thay khóa dữ liệu; {slots} khe khóa đã được bọc lại.",
        "Data key rotated; {slots} key slots rewrapped.",
    ),
    "audit_ok": (
        "Nhật ký kiểm tra nguyên vẹn: {count} mục.",
        "Audit log intact: {count} entries.",
    ),
    "audit_broken": (
        "Nhật ký bị can thiệp tại mục số {seq} ({kind}); đã kiểm tra đúng {count} mục trước đó.",
        "Audit log broken at entry {seq} ({kind}); {count} entries before it are intact.",
    ),
    "db_ok": ("Cơ sở dữ liệu nguyên vẹn.", "Database intact."),
    "db_problem": ("Lỗi cơ sở dữ liệu: {problem}", "Database problem: {problem}"),
    "keyfile_problem": ("Tệp khóa: {problem}", "Key file: {problem}"),
    "password_prompt": ("Mật khẩu của {username}: ", "Password for {username}: "),
    "new_password_prompt": ("Mật khẩu mới cho {username}: ", "New password for {username}: "),
    "repeat_prompt": ("Nhập lại mật khẩu: ", "Repeat the password: "),
    "recovery_prompt": ("Khóa khôi phục: ", "Recovery key: "),
    "password_reset_done": (
        "Đã đặt mật khẩu mới cho {username} bằng khóa khôi phục.",
        "New password set for {username} with the recovery key.",
    ),
    "error_prefix": ("Lỗi", "Error"),
}

_KINDS: dict[str, tuple[str, str]] = {
    "altered": ("bị sửa", "altered"),
    "removed": ("bị xóa", "removed"),
    "reordered": ("bị đổi thứ tự", "reordered"),
}


def choose_language(explicit: str | None) -> str:
    """--lang wins; then CAX_LANG; then an English LANG/LC_ALL; Vietnamese otherwise."""
    if explicit in LANGUAGES:
        return explicit
    for var in ("CAX_LANG", "LC_ALL", "LANG"):
        value = os.environ.get(var, "")
        if value:
            return "en" if value.lower().startswith("en") else "vi"
    return "vi"


class Messages:
    def __init__(self, language: str) -> None:
        self.index = LANGUAGES.index(language)

    def _pick(self, table: dict[str, tuple[str, str]], key: str, fallback: str) -> str:
        return table[key][self.index] if key in table else fallback

    def notice(self, key: str, **params: Any) -> str:
        return self._pick(_NOTICES, key, key).format(**params)

    def kind(self, key: str) -> str:
        return self._pick(_KINDS, key, key)

    def error(self, code: str, **params: Any) -> str:
        params = dict(params)
        reason = params.get("reason")
        if isinstance(reason, str):
            params["reason"] = self._pick(_REASONS, reason, reason).format_map(_Blank(params))
        text = self._pick(_ERRORS, code, code).format_map(_Blank(params))
        return f"{self.notice('error_prefix')} [{code}]: {text}"

    def app_error(self, error: AppError) -> str:
        return self.error(error.code, **error.params)


class _Blank(dict):
    """format_map helper: a parameter the message wants but the error lacks prints as '?'."""

    def __missing__(self, key: str) -> str:
        return "?"
