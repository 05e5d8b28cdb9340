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
    "UNKNOWN_UNIT": (
        "'{station_code}' không phải mã của xã, phường hay đặc khu nào (5 chữ số).",
        "'{station_code}' is not the code of any commune, ward or special zone (5 digits).",
    ),
    "UNIT_WITHOUT_POLICE": (
        "{unit} ({station_code}) không có Công an cấp xã, nên không thể chọn làm đơn vị.",
        "{unit} ({station_code}) has no commune police, so it cannot be chosen as the unit.",
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
    "ROLE_TAMPERED": (
        "Vai trò hoặc khóa của người dùng {username} không khớp với danh sách do khóa gốc của trạm"
        " ký ({reason}): ai đó đã sửa dữ liệu. Không quyền nào được cấp; hãy báo trưởng Công an"
        " xã.",
        "The role or keys of user {username} do not match the list the station's root key signed"
        " ({reason}): someone edited the data. Nothing is granted; tell the station chief.",
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
    "SELF_APPROVAL": (
        "Không tự duyệt hồ sơ của mình: trạm còn chỉ huy khác, hãy để người đó duyệt.",
        "You cannot approve your own record: another supervisor of the station must approve it.",
    ),
    "REASON_REQUIRED": ("Cần ghi rõ lý do.", "A reason is required."),
    "LAW_NOT_FOUND": (
        "Danh mục pháp luật không có mục nào khớp với '{text}'.",
        "No entry of the legal catalogue matches '{text}'.",
    ),
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
    "BACKUP_DAMAGED": (
        "Tệp sao lưu bị hỏng hoặc không phải bản sao lưu CAX Desk ({reason}). "
        "Dữ liệu hiện tại được giữ nguyên.",
        "The backup file is damaged or is not a CAX Desk backup ({reason}). "
        "The current data was left as it is.",
    ),
    "BACKUP_OTHER_STATION": (
        "Bản sao lưu thuộc trạm khác ({backup_station}). Dữ liệu hiện tại được giữ nguyên; "
        "nếu thật sự muốn thay bằng trạm đó, thêm --other-station.",
        "The backup belongs to another station ({backup_station}). The current data was left "
        "as it is; to replace it with that station, add --other-station.",
    ),
    "CURRENT_LOGIN_REQUIRED": (
        "Đã có một trạm ở đây: muốn thay bằng bản sao lưu, cần mật khẩu của một chỉ huy của trạm "
        "hiện tại (--user) hoặc khóa khôi phục của trạm này (--recovery-key). Dữ liệu hiện tại "
        "được giữ nguyên.",
        "A station is already here: replacing it with a backup needs the password of one of its "
        "current supervisors (--user) or its recovery key (--recovery-key). The current data was "
        "left as it is.",
    ),
    "REPORT_NOT_FOUND": ("Không tìm thấy báo cáo {report}.", "Report {report} not found."),
    "REPORT_SUBMITTED": (
        "Báo cáo đã được gửi ({number}); số liệu và nội dung không thay đổi được nữa.",
        "The report was submitted ({number}); its figures and text can no longer change.",
    ),
    "PRINTING_UNAVAILABLE": (
        "Bản 'cax' này không có chức năng in; hãy in hoặc lưu PDF từ ứng dụng CAX Desk.",
        "This 'cax' has no printing built in; print or save the PDF from the CAX Desk app.",
    ),
    "FILE_UNWRITABLE": (
        "Không ghi được tệp {path}; hãy chọn thư mục khác hoặc kiểm tra quyền ghi.",
        "Cannot write the file {path}; choose another folder or check the permissions.",
    ),
    # Offline sync bundles and their receipts (codes of protocol/errors.py).
    "BUNDLE_MALFORMED": (
        "Tệp không phải là gói đồng bộ CAX hoặc đã bị hỏng.",
        "The file is not a CAX sync bundle, or it is damaged.",
    ),
    "BUNDLE_UNSUPPORTED_VERSION": (
        "Gói đồng bộ được tạo bởi phiên bản mới hơn; hãy cập nhật chương trình.",
        "The sync bundle was made by a newer version; update the program.",
    ),
    "BUNDLE_TRUNCATED": (
        "Gói đồng bộ bị cắt cụt (chép chưa xong?). Hãy xuất lại gói.",
        "The sync bundle is cut short (copying not finished?). Export it again.",
    ),
    "BUNDLE_TAMPERED": (
        "Gói đồng bộ đã bị hỏng hoặc bị sửa đổi; không nhập gì. Hãy xuất lại gói.",
        "The sync bundle was damaged or altered; nothing was imported. Export it again.",
    ),
    "BUNDLE_TOO_LARGE": ("Gói đồng bộ quá lớn.", "The sync bundle is too large."),
    "BUNDLE_FOREIGN": (
        "Gói đồng bộ được mã hóa cho máy chủ khác.",
        "The sync bundle is encrypted for another server.",
    ),
    "BUNDLE_BAD_SIGNATURE": (
        "Chữ ký của gói đồng bộ không khớp với máy đã đăng ký của trạm.",
        "The sync bundle's signature does not match the station's enrolled device.",
    ),
    "BUNDLE_UNDECRYPTABLE": (
        "Không giải mã được gói đồng bộ.",
        "The sync bundle cannot be decrypted.",
    ),
    "BUNDLE_WRONG_STATION": (
        "Gói đồng bộ ghi tên một trạm khác với trạm của máy đã ký.",
        "The sync bundle names another station than that of the device that signed it.",
    ),
    "BUNDLE_FILE_UNREADABLE": (
        "Không đọc được tệp {path} ({reason}).",
        "Cannot read the file {path} ({reason}).",
    ),
    "BUNDLE_FILE_UNWRITABLE": (
        "Không ghi được tệp {path} ({reason}). Các hồ sơ vẫn đang chờ gửi.",
        "Cannot write the file {path} ({reason}). The records are still waiting to be sent.",
    ),
    "RECEIPT_MALFORMED": (
        "Tệp không phải là biên nhận đồng bộ, hoặc bị cắt cụt hay hỏng; không thay đổi gì.",
        "The file is not a sync receipt, or it is cut short or damaged; nothing was changed.",
    ),
    "RECEIPT_UNSUPPORTED_VERSION": (
        "Biên nhận được tạo bởi máy chủ mới hơn; hãy cập nhật chương trình.",
        "The receipt was made by a newer server; update the program.",
    ),
    "RECEIPT_TOO_LARGE": ("Tệp biên nhận quá lớn.", "The receipt file is too large."),
    "RECEIPT_BAD_SIGNATURE": (
        "Chữ ký của biên nhận không hợp lệ (giả mạo hoặc bị sửa); không thay đổi gì.",
        "The receipt's signature is not valid (forged or altered); nothing was changed.",
    ),
    "RECEIPT_FOREIGN": (
        "Biên nhận này dành cho trạm, máy hoặc máy chủ khác; không thay đổi gì.",
        "This receipt is for another station, device or server; nothing was changed.",
    ),
    # sync with the centre
    "SYNC_NOT_ENROLLED": (
        "Trạm chưa đăng ký với máy chủ trung tâm. Chỉ huy hãy chạy 'cax sync enroll'.",
        "This station is not enrolled with the central server. A supervisor runs 'cax sync enroll'.",
    ),
    "SERVER_UNREACHABLE": (
        "Không kết nối được máy chủ {server}. Dữ liệu vẫn được giữ và sẽ gửi khi có mạng.",
        "Cannot reach the server {server}. Nothing is lost: records are sent once the network is back.",
    ),
    "SERVER_UNAVAILABLE": (
        "Máy chủ đang bận hoặc gặp sự cố ({server_code}). Hãy thử lại sau; dữ liệu vẫn được giữ.",
        "The server is busy or in trouble ({server_code}). Try again later; nothing is lost.",
    ),
    "TLS_UNTRUSTED": (
        "Chứng chỉ của máy chủ {server} không đáng tin ({reason}): không gửi gì. "
        "Hãy kiểm tra địa chỉ và chứng chỉ CA với trung tâm.",
        "The certificate of {server} is not trusted ({reason}): nothing was sent. "
        "Check the address and the CA certificate with the centre.",
    ),
    "INSECURE_TRANSPORT": (
        "Địa chỉ {server} dùng http không mã hóa: hồ sơ sẽ đi qua mạng ở dạng ai cũng đọc được. "
        "Hãy dùng địa chỉ https:// do trung tâm cấp (http chỉ để dùng thử trên chính máy này, "
        "hoặc với --allow-http; không bao giờ kèm chứng chỉ CA).",
        "The address {server} is plain http: records would cross the network readable by anyone. "
        "Use the https:// address the centre gave you (http is only for a trial on this "
        "computer, or with --allow-http; never with a CA certificate).",
    ),
    "CERTIFICATE_INVALID": (
        "Tệp chứng chỉ CA không hợp lệ (cần một chứng chỉ dạng PEM).",
        "The CA certificate file is not valid (a PEM certificate is needed).",
    ),
    "ENROLMENT_CODE_INVALID": (
        "Mã đăng ký không đúng, đã được dùng hoặc đã hết hạn. Hãy xin trung tâm mã mới.",
        "The enrolment code is wrong, already used or expired. Ask the centre for a new one.",
    ),
    "DEVICE_NOT_AUTHORISED": (
        "Máy chủ không còn chấp nhận máy này ({server_code}). Chỉ huy hãy đăng ký lại.",
        "The server no longer accepts this computer ({server_code}). A supervisor must enrol it again.",
    ),
    "STATION_MISMATCH": (
        "Mã đăng ký dành cho trạm {server}, không phải trạm này ({local}). Hãy xin trung tâm mã đúng.",
        "The enrolment code is for station {server}, not this one ({local}). Ask the centre for the right code.",
    ),
    "SERVER_REFUSED": (
        "Máy chủ từ chối yêu cầu ({server_code}).",
        "The server refused the request ({server_code}).",
    ),
    "AUDIT_ROLLBACK": (
        "Trung tâm từ chối: nhật ký của trạm đã bị lùi lại so với lần đồng bộ trước "
        "(AUDIT_ROLLBACK). Không hồ sơ nào được nhận. Nếu trạm vừa khôi phục bản sao lưu, chỉ "
        'huy hãy khai báo: cax sync declare-restore --reason "..."',
        "The centre refused: the station's audit log went back since the last sync "
        "(AUDIT_ROLLBACK). No record was taken. If a backup was restored, a supervisor must "
        'declare it: cax sync declare-restore --reason "..."',
    ),
    "AUDIT_FORK": (
        "Trung tâm từ chối: nhật ký của trạm không còn khớp với bản trung tâm đã ghi nhận "
        "(AUDIT_FORK). Không hồ sơ nào được nhận. Hãy báo trung tâm.",
        "The centre refused: the station's audit log no longer matches what the centre recorded "
        "(AUDIT_FORK). No record was taken. Tell the centre.",
    ),
    "RESTORE_DECLARATION_INVALID": (
        "Trung tâm từ chối lời khai báo khôi phục (RESTORE_DECLARATION_INVALID). Hãy báo trung tâm.",
        "The centre refused the restore declaration (RESTORE_DECLARATION_INVALID). Tell the centre.",
    ),
    "ANSWER_SIGNATURE_INVALID": (
        "Câu trả lời không mang chữ ký của máy chủ đã đăng ký (ANSWER_SIGNATURE_INVALID): không "
        "dùng nó; dữ liệu vẫn chờ gửi. Hãy báo trung tâm.",
        "The answer does not carry the enrolled server's signature (ANSWER_SIGNATURE_INVALID): "
        "nothing was taken from it; records still wait to be sent. Tell the centre.",
    ),
    "SYNC_RUNNING": (
        "Đang đồng bộ; hãy đợi lần này kết thúc.",
        "A sync is already running; wait for it to finish.",
    ),
}

_REASONS: dict[str, tuple[str, str]] = {
    # Why ROLE_TAMPERED (desktop/storage/grants.py).
    "database_role": ("vai trò trong cơ sở dữ liệu đã bị sửa", "the database's role was edited"),
    "roster_signature": ("chữ ký của danh sách không hợp lệ", "the list's signature is invalid"),
    "roster_unreadable": ("không đọc được danh sách", "the list cannot be read"),
    "roster_missing": ("danh sách bị xóa", "the list was removed"),
    "no_grant": ("người dùng không có trong danh sách", "the user is not on the list"),
    "slot_key": ("ô khóa không phải ô đã chứng nhận", "the key slot is not the certified one"),
    "signing_key": ("khóa ký không phải khóa đã chứng nhận", "the signing key is not certified"),
    "root_key": ("khóa gốc của trạm bị thay", "the station's root key was replaced"),
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
    "data_file": ("không đọc được tệp JSON", "not a readable JSON file"),
    "data_form_mismatch": ("tệp dữ liệu thuộc biểu mẫu khác", "the data file is for another form"),
    "date_format": ("ngày phải có dạng dd/mm/yyyy", "dates are dd/mm/yyyy"),
    "override_format": ("dạng đúng: PATH=CODE:lý do", "expected PATH=CODE:reason"),
    "header": ("trang đầu không đọc được", "first page unreadable"),
    "missing": ("không tìm thấy tệp", "file missing"),
    "empty": ("tệp trống hoặc không phải của CAX Desk", "empty or not a CAX Desk file"),
    "blank_text": ("cần ít nhất một từ", "type at least one word"),
    "other_station": ("thuộc trạm khác", "belongs to another station"),
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
        "không do chứng chỉ CA đã ghi nhận ký",
        "not signed by the pinned CA",
    ),
    "hostname": ("không cấp cho tên máy chủ này", "not issued for this server name"),
    "IP address mismatch": ("không cấp cho địa chỉ này", "not issued for this address"),
    "wrong version": ("máy chủ không dùng TLS", "the server does not speak TLS"),
    "handshake": ("lỗi bắt tay TLS", "TLS handshake failed"),
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
        "Đã sao lưu trạm {station} ({records} hồ sơ, {size}) vào {path}; bản sao lưu đã được "
        "kiểm tra và vẫn được mã hóa.",
        "Station {station} backed up ({records} records, {size}) to {path}; the backup was "
        "verified and stays encrypted.",
    ),
    "backup_restored": (
        "Đã khôi phục trạm {station} từ bản sao lưu lúc {created_at} ({records} hồ sơ).",
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
        "Cảnh báo: bản sao lưu có những người dùng đã bị xóa khỏi trạm sau khi sao lưu; sau khi "
        "khôi phục họ lại đăng nhập được: {users}.",
        "Warning: the backup has users who were removed from the station after it was made; "
        "after the restore they can log in again: {users}.",
    ),
    "remove_revived": (
        "Hãy xóa lại những người dùng này ('cax user remove'): {users}.",
        "Remove these users again ('cax user remove'): {users}.",
    ),
    "rekey_after_restore": (
        "Trạm lại dùng khóa dữ liệu của bản sao lưu, mà những người đã rời trạm có thể còn giữ: "
        "hãy chạy 'cax db rekey' ngay sau khi đăng nhập.",
        "The station uses the backup's data key again, which people who have left may still "
        "hold: run 'cax db rekey' as soon as you have logged in.",
    ),
    "login_again": (
        "Hãy đăng nhập bằng mật khẩu của bản sao lưu.",
        "Log in with the passwords of the backup.",
    ),
    "backup_info": (
        "Bản sao lưu hợp lệ: trạm {station} ({code}), lúc {created_at}, bởi {created_by}, "
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
    "receipt_unchanged": (
        "{unchanged} hồ sơ đã được ghi nhận từ trước; không thay đổi.",
        "{unchanged} record(s) had been answered already; unchanged.",
    ),
    "sync_ca": (
        "Chứng chỉ CA: {subject}\n  SHA-256: {fingerprint}",
        "CA certificate: {subject}\n  SHA-256: {fingerprint}",
    ),
    "sync_restore_declared": (
        "Đã khai báo khôi phục từ bản sao lưu (nhật ký tại mục {seq}); lời khai báo sẽ gửi về "
        "trung tâm ở lần đồng bộ tới.",
        "Restore from backup declared (audit log at entry {seq}); the declaration goes to the "
        "centre with the next sync.",
    ),
    "sync_enrolled": (
        "Đã đăng ký trạm {station} với máy chủ {server} (thiết bị {device}).",
        "Station {station} enrolled with {server} (device {device}).",
    ),
    "sync_progress": (
        "Đang gửi: {done}/{total} hồ sơ, {kib} KiB",
        "Sending: {done}/{total} records, {kib} KiB",
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
        "Máy chủ: {server} — trạm {station}, thiết bị {device}",
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
