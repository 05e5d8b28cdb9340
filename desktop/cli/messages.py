"""What the CLI says, in Vietnamese (default) and English: notices, and one line per error code
(the error texts are the catalogue the app shares, `desktop/core/error_texts.py`)."""

from __future__ import annotations

import os
from typing import Any

from desktop.core import error_texts
from desktop.core.error_texts import LANGUAGES
from desktop.core.errors import AppError

_NOTICES: dict[str, tuple[str, str]] = {
    "station_created": (
        "Đã thiết lập đơn vị {code} – {name}.",
        "Station {code} – {name} is set up.",
    ),
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
        "Nhật ký thao tác nguyên vẹn: {count} mục.",
        "Audit log intact: {count} entries.",
    ),
    "audit_broken": (
        "Nhật ký bị can thiệp tại mục số {seq} ({kind}) [{code}]; đã kiểm tra đúng {count} mục"
        " trước đó.",
        "Audit log broken at entry {seq} ({kind}) [{code}]; {count} entries before it are intact.",
    ),
    "db_ok": ("Cơ sở dữ liệu nguyên vẹn.", "Database intact."),
    "db_problem": ("Lỗi cơ sở dữ liệu: {problem}", "Database problem: {problem}"),
    "keyfile_problem": ("Tệp khóa: {problem}", "Key file: {problem}"),
    "orphan_slot": (
        "Tệp khóa [ORPHAN_KEY_SLOT]: khe khóa '{label}' không thuộc người dùng nào đang hoạt động; "
        "ai biết mật khẩu của nó vẫn đọc được dữ liệu. Hãy chạy 'cax db rekey' để loại bỏ.",
        "Key file [ORPHAN_KEY_SLOT]: the key slot '{label}' belongs to no active user; whoever "
        "knows its secret can still read the data. Run 'cax db rekey' to drop it.",
    ),
    "orphan_file": (
        "Đã xóa tệp đính kèm '{name}': không hồ sơ nào dùng nó (một lần đính kèm bị ngắt giữa "
        "chừng) hoặc nó được niêm phong bằng khóa đã thay.",
        "Deleted the attachment file '{name}': no record uses it (an attach cut off halfway) "
        "or it was sealed under a retired key.",
    ),
    "new_recovery_key": (
        "KHÓA KHÔI PHỤC MỚI (chỉ hiện một lần — khóa cũ không còn dùng được; hãy chép ra giấy, "
        "cất giữ an toàn và hủy bản cũ):",
        "NEW RECOVERY KEY (shown only once — the old one no longer works; copy it onto paper, "
        "keep it safe and destroy the old one):",
    ),
    "slots_dropped": (
        "Đã loại bỏ các khe khóa không thuộc người dùng nào đang hoạt động (ghi vào nhật ký): "
        "{labels}.",
        "Dropped the key slots that belong to no active user (recorded in the audit log): "
        "{labels}.",
    ),
    "password_prompt": ("Mật khẩu của {username}: ", "Password for {username}: "),
    "new_password_prompt": ("Mật khẩu mới cho {username}: ", "New password for {username}: "),
    "repeat_prompt": ("Nhập lại mật khẩu: ", "Repeat the password: "),
    "recovery_prompt": ("Khóa khôi phục: ", "Recovery key: "),
    "password_reset_done": (
        "Đã đặt mật khẩu mới cho {username} bằng khóa khôi phục.",
        "New password set for {username} with the recovery key.",
    ),
    "error_prefix": ("Lỗi", "Error"),
    "law_frame": (
        "Phạt tiền: cá nhân {individual}; tổ chức {organisation}",
        "Fine: individual {individual}; organisation {organisation}",
    ),
    "law_or_warning": (" (hoặc phạt cảnh cáo)", " (or a warning)"),
    "law_additional": ("Hình thức xử phạt bổ sung: {text}", "Additional penalty: {text}"),
    "law_remedy": ("Biện pháp khắc phục hậu quả: {text}", "Remedial measure: {text}"),
    "law_in_force": ("Hiệu lực: từ {start} đến {end}", "In force: from {start} to {end}"),
    "printed": (
        "Đã lưu {path} ({pages} trang): {title}{draft}.",
        "Saved {path} ({pages} page(s)): {title}{draft}.",
    ),
    "printed_draft": (
        " – bản DỰ THẢO, hồ sơ chưa được duyệt",
        " – a DRAFT, the record is not approved",
    ),
    "exported": (
        "Đã xuất {count} hồ sơ ra {path} ({format}).",
        "Exported {count} record(s) to {path} ({format}).",
    ),
    "backup_created": (
        "Đã sao lưu đơn vị {station} ({records} hồ sơ, {size}) vào {path}; bản sao lưu đã được "
        "kiểm tra và vẫn được mã hóa.",
        "Station {station} backed up ({records} records, {size}) to {path}; the backup was "
        "verified and stays encrypted.",
    ),
    "backup_restored": (
        "Đã khôi phục đơn vị {station} từ bản sao lưu lúc {created_at} ({records} hồ sơ).",
        "Station {station} restored from the backup of {created_at} ({records} records).",
    ),
    "moved_aside": (
        "Dữ liệu trước đó được giữ nguyên trong {path}.",
        "The data that was there before is kept in {path}.",
    ),
    "backup_password_prompt": (
        "Mật khẩu của {username} trong bản sao lưu: ",
        "Password of {username} in the backup: ",
    ),
    "revived_users": (
        "Cảnh báo: bản sao lưu có những người dùng đã bị xóa khỏi đơn vị sau khi sao lưu; sau khi "
        "khôi phục họ lại đăng nhập được: {users}.",
        "Warning: the backup has users who were removed from the station after it was made; "
        "after the restore they can log in again: {users}.",
    ),
    "remove_revived": (
        "Hãy xóa lại những người dùng này ('cax user remove'): {users}.",
        "Remove these users again ('cax user remove'): {users}.",
    ),
    "rekey_after_restore": (
        "Đơn vị lại dùng khóa dữ liệu của bản sao lưu, mà những người đã rời đơn vị có thể còn giữ: "
        "hãy chạy 'cax db rekey' ngay sau khi đăng nhập.",
        "The station uses the backup's data key again, which people who have left may still "
        "hold: run 'cax db rekey' as soon as you have logged in.",
    ),
    "login_again": (
        "Hãy đăng nhập bằng mật khẩu của bản sao lưu.",
        "Log in with the passwords of the backup.",
    ),
    "backup_info": (
        "Bản sao lưu hợp lệ: đơn vị {station} ({code}), lúc {created_at}, bởi {created_by}, "
        "{records} hồ sơ, phiên bản {version}.",
        "Valid backup: station {station} ({code}), made {created_at} by {created_by}, "
        "{records} records, version {version}.",
    ),
    "report_submitted": (
        "Đã gửi báo cáo số {number}; số liệu đã được chốt (SHA-256 {hash}…).",
        "Report {number} submitted; its figures are frozen (SHA-256 {hash}…).",
    ),
    "report_pdf": (
        "Đã ghi báo cáo ra {path} ({pages} trang).",
        "Report written to {path} ({pages} page(s)).",
    ),
    "bundle_exported": (
        "Đã ghi {count} hồ sơ vào gói đồng bộ {path}. Hãy mang tệp đến nơi có mạng để nhập vào "
        "máy chủ ('cax-server import-bundle'), rồi nhập biên nhận bằng 'cax sync import-receipt'.",
        "Wrote {count} record(s) to the sync bundle {path}. Take the file to a connected office "
        "to import it ('cax-server import-bundle'), then import the receipt with "
        "'cax sync import-receipt'.",
    ),
    "bundle_remaining": (
        "Còn {remaining} hồ sơ không vừa gói này; hãy xuất gói tiếp theo sau khi nhập biên nhận.",
        "{remaining} more record(s) did not fit; export the next bundle after the receipt is in.",
    ),
    "bundle_attachments": (
        "Gói cũng mang {count} tệp đính kèm ({megabytes} MB) mà máy chủ chưa có đủ.",
        "The bundle also carries {count} attachment file(s) ({megabytes} MB) the server lacks.",
    ),
    "bundle_nothing": (
        "Không có hồ sơ nào chờ gửi; không tạo tệp.",
        "No records are waiting to be sent; no file was written.",
    ),
    "receipt_imported": (
        "Biên nhận gói {bundle}: {acknowledged} hồ sơ được máy chủ xác nhận, {conflicts} xung đột, "
        "{quarantined} bị từ chối.",
        "Receipt of bundle {bundle}: {acknowledged} record(s) confirmed by the server, "
        "{conflicts} in conflict, {quarantined} rejected.",
    ),
    "receipt_attachments": (
        "Tệp đính kèm: {complete} tệp máy chủ đã nhận đủ, {refused} tệp bị từ chối.",
        "Attachments: {complete} file(s) complete at the server, {refused} refused.",
    ),
    "receipt_unchanged": (
        "{unchanged} hồ sơ đã được ghi nhận từ trước; không thay đổi.",
        "{unchanged} record(s) had been answered already; unchanged.",
    ),
    "sync_ca": (
        "Chứng thư CA: {subject}\n  SHA-256: {fingerprint}",
        "CA certificate: {subject}\n  SHA-256: {fingerprint}",
    ),
    "sync_restore_declared": (
        "Đã khai báo khôi phục từ bản sao lưu (nhật ký tại mục {seq}); lời khai báo sẽ gửi về "
        "trung tâm ở lần đồng bộ tới.",
        "Restore from backup declared (audit log at entry {seq}); the declaration goes to the "
        "centre with the next sync.",
    ),
    "sync_enrolled": (
        "Đã đăng ký đơn vị {station} với máy chủ {server} (thiết bị {device}).",
        "Station {station} enrolled with {server} (device {device}).",
    ),
    "sync_progress": (
        "Đang gửi: {done}/{total} hồ sơ, {kib} KiB",
        "Sending: {done}/{total} records, {kib} KiB",
    ),
    "sync_progress_attachments": (
        "Đang gửi tệp đính kèm: {done}/{total} phần (mỗi phần 1 MiB), {kib} KiB",
        "Sending attachments: {done}/{total} pieces (1 MiB each), {kib} KiB",
    ),
    "sync_done": (
        "Đồng bộ xong: gửi {sent}, trung tâm đã nhận {acknowledged}, bị từ chối {quarantined}, "
        "xung đột {conflicts}; nhận về {pulled} cập nhật; còn chờ gửi {waiting}.",
        "Sync done: {sent} sent, {acknowledged} received by the centre, {quarantined} rejected, "
        "{conflicts} in conflict; {pulled} updates received; {waiting} still waiting.",
    ),
    "sync_done_reports": (
        "Báo cáo định kỳ: gửi {sent}; còn chờ gửi {waiting}.",
        "Periodic reports: {sent} sent; {waiting} still waiting.",
    ),
    "sync_status_enrolled": (
        "Máy chủ: {server} — đơn vị {station}, thiết bị {device}",
        "Server: {server} — station {station}, device {device}",
    ),
    "sync_status_not_enrolled": ("Chưa đăng ký với máy chủ.", "Not enrolled with a server."),
    "sync_status_policy": (
        "Gửi hồ sơ: {policy} · tự động đồng bộ: {auto}",
        "Records go out: {policy} · auto-sync: {auto}",
    ),
    "sync_status_outbox": (
        "Chờ gửi: {waiting} · trung tâm đã nhận: {acknowledged} · bị từ chối: {quarantined} · "
        "xung đột: {conflict} · bị trả lại: {returned}",
        "Waiting: {waiting} · received by the centre: {acknowledged} · rejected: {quarantined} · "
        "in conflict: {conflict} · returned: {returned}",
    ),
    "sync_status_reports": (
        "Báo cáo định kỳ chờ gửi trung tâm: {reports}",
        "Periodic reports waiting for the centre: {reports}",
    ),
    "sync_status_report_conflict": (
        "Trung tâm giữ bản khác của báo cáo {number} (kỳ {period}): chỉ huy quyết định "
        "ở trang Đồng bộ.",
        "The centre holds another version of report {number} (period {period}): a supervisor "
        "decides on the Sync page.",
    ),
    "sync_progress_reports": (
        "Đang gửi báo cáo định kỳ: {done}/{total}",
        "Sending periodic reports: {done}/{total}",
    ),
    "sync_status_attachments": (
        "Tệp đính kèm chờ gửi trung tâm: {due}; bị trung tâm từ chối: {refused}",
        "Attachments waiting for the centre: {due}; refused by the centre: {refused}",
    ),
    "sync_status_attachment_refused": (
        "  tệp {sha} bị từ chối [{code}]",
        "  file {sha} refused [{code}]",
    ),
    "sync_status_never": ("Chưa đồng bộ lần nào.", "Never synced."),
    "sync_status_session": (
        "{at}  {outcome}  gửi {sent}, đã nhận {acknowledged}",
        "{at}  {outcome}  sent {sent}, received {acknowledged}",
    ),
    "sync_status_problem": (
        "  {state}: hồ sơ {record} bản {revision} — {code}",
        "  {state}: record {record} revision {revision} — {code}",
    ),
    "sync_settings_saved": ("Đã lưu cài đặt đồng bộ.", "Sync settings saved."),
}

_KINDS: dict[str, tuple[str, str]] = {
    "altered": ("bị sửa", "altered"),
    "removed": ("bị xóa", "removed"),
    "reordered": ("bị đổi thứ tự", "reordered"),
    "unsigned": ("thiếu chữ ký của người ghi", "not signed by its writer"),
    "bad_signature": (
        "chữ ký không khớp khóa đã chứng nhận của người ghi",
        "signature does not match its writer's certified key",
    ),
    "on_completion": ("khi hoàn thành", "on completion"),
    "after_approval": ("sau khi duyệt", "after approval"),
    "on": ("bật", "on"),
    "off": ("tắt", "off"),
    "ok": ("thành công", "ok"),
    "failed": ("thất bại", "failed"),
    "cancelled": ("đã dừng", "cancelled"),
    "interrupted": ("bị gián đoạn", "interrupted"),
    "running": ("đang chạy", "running"),
    "quarantined": ("bị từ chối", "rejected"),
    "conflict": ("xung đột", "conflict"),
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
        text = error_texts.line(code, params, LANGUAGES[self.index])
        return f"{self.notice('error_prefix')} [{code}]: {text}"

    def app_error(self, error: AppError) -> str:
        return self.error(error.code, **error.params)
