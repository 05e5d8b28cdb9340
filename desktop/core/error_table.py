"""The station's own error codes (`desktop/core/errors.py` and the CLI's and app's checks), with
their texts in Vietnamese and English; read through `desktop/core/error_texts.py`."""

from __future__ import annotations

from dataclasses import dataclass

Pair = tuple[str, str]  # (Vietnamese, English)
NONE: Pair = ("", "")


@dataclass(frozen=True)
class ErrorText:
    """`line`: what `cax` prints after "Lỗi [CODE]:" (it may name a flag or a command);
    `headline` and `advice`: what the app's window says (`line` when no headline)."""

    line: Pair
    headline: Pair = NONE
    advice: Pair = NONE


STATION_ERRORS: dict[str, ErrorText] = {
    "STATION_NOT_FOUND": ErrorText(
        line=(
            "Chưa có đơn vị nào ở {home}. Hãy chạy 'cax init' để thiết lập.",
            "No station in {home}. Run 'cax init' to set one up.",
        ),
        headline=("Chưa có dữ liệu của đơn vị ở đây.", "There is no station here yet."),
        advice=("Hãy thiết lập đơn vị trước.", "Set up the station first."),
    ),
    "STATION_EXISTS": ErrorText(
        line=(
            "Đã có dữ liệu của đơn vị ở {home}; không ghi đè.",
            "A station already exists in {home}; it will not be overwritten.",
        ),
        headline=(
            "Thư mục này đã có dữ liệu của đơn vị.",
            "A station is already set up in this folder.",
        ),
        advice=(
            "Hãy đăng nhập vào đơn vị đó, hoặc chọn thư mục khác.",
            "Log in to it, or choose another folder.",
        ),
    ),
    "WRONG_PASSWORD": ErrorText(
        line=("Sai mật khẩu.", "Wrong password."),
        headline=("Sai mật khẩu.", "Wrong password."),
        advice=(
            "Kiểm tra phím Caps Lock và chế độ gõ (Unikey/EVKey).",
            "Check Caps Lock and the keyboard language.",
        ),
    ),
    "UNKNOWN_USER": ErrorText(
        line=("Không có người dùng '{username}'.", "There is no user '{username}'."),
        headline=(
            "Đơn vị không có người dùng “{username}”.",
            "There is no user “{username}” at this station.",
        ),
        advice=(
            "Kiểm tra lại cách viết, hoặc hỏi chỉ huy.",
            "Check the spelling, or ask the supervisor.",
        ),
    ),
    "USER_REMOVED": ErrorText(
        line=(
            "Người dùng '{username}' đã bị xóa khỏi đơn vị.",
            "User '{username}' has been removed from this station.",
        ),
        headline=(
            "Người dùng “{username}” đã bị xóa khỏi đơn vị.",
            "The user “{username}” has been removed from this station.",
        ),
        advice=("Nếu có nhầm lẫn, hãy hỏi chỉ huy.", "Ask the supervisor if this is a mistake."),
    ),
    "USER_EXISTS": ErrorText(
        line=(
            "Tên đăng nhập '{username}' đã được dùng.",
            "The user name '{username}' is already taken.",
        ),
        headline=(
            "Tên đăng nhập “{username}” đã được dùng.",
            "The user name “{username}” is already taken.",
        ),
        advice=(
            "Hãy chọn tên khác; tên của người dùng đã xóa cũng không dùng lại được.",
            "Choose another user name; a removed user's name stays taken.",
        ),
    ),
    "LOGIN_THROTTLED": ErrorText(
        line=(
            "Nhập sai quá nhiều lần. Hãy thử lại sau {retry_after} giây.",
            "Too many wrong attempts. Try again in {retry_after} seconds.",
        ),
        headline=("Nhập sai mật khẩu quá nhiều lần.", "Too many wrong passwords."),
        advice=(
            "Hãy chờ hết thời gian đếm ngược rồi thử lại.",
            "Wait until the countdown ends, then try again.",
        ),
    ),
    "WRONG_RECOVERY_KEY": ErrorText(
        line=("Khóa khôi phục không đúng.", "The recovery key is not correct."),
        headline=("Khóa khôi phục không đúng.", "The recovery key is not correct."),
        advice=(
            "Hãy gõ đúng 32 ký tự như trên tờ khóa khôi phục.",
            "Type the 32 characters exactly as written on the recovery sheet.",
        ),
    ),
    "KEYFILE_UNREADABLE": ErrorText(
        line=(
            "Không đọc được tệp khóa {path}. Hãy khôi phục từ bản sao lưu.",
            "The key file {path} cannot be read. Restore it from a backup.",
        ),
        headline=("Không đọc được tệp khóa của đơn vị.", "The station's key file cannot be read."),
        advice=(
            "Hãy khôi phục thư mục đơn vị từ bản sao lưu, hoặc gọi bộ phận kỹ thuật.",
            "Restore the station folder from a backup, or call technical support.",
        ),
    ),
    "KEYFILE_TAMPERED": ErrorText(
        line=(
            "Tệp khóa {path} đã bị hỏng hoặc bị sửa đổi. Hãy khôi phục từ bản sao lưu.",
            "The key file {path} is damaged or was altered. Restore it from a backup.",
        ),
        headline=(
            "Tệp khóa của đơn vị bị hỏng hoặc đã bị sửa đổi.",
            "The station's key file is damaged or was altered.",
        ),
        advice=(
            "Hãy khôi phục thư mục đơn vị từ bản sao lưu, hoặc gọi bộ phận kỹ thuật.",
            "Restore the station folder from a backup, or call technical support.",
        ),
    ),
    "DATABASE_CORRUPT": ErrorText(
        line=(
            "Cơ sở dữ liệu bị hỏng ({reason}). Tệp được giữ nguyên; hãy khôi phục từ bản sao lưu.",
            "The database is damaged ({reason}). The file was left as it is; restore from a backup.",
        ),
        headline=("Cơ sở dữ liệu của đơn vị bị hỏng.", "The station database is damaged."),
        advice=(
            "Không có gì bị ghi đè. Hãy khôi phục từ bản sao lưu, hoặc gọi bộ phận kỹ thuật.",
            "Nothing was overwritten. Restore from a backup, or call technical support.",
        ),
    ),
    "DATABASE_LOCKED": ErrorText(
        line=(
            "Cơ sở dữ liệu đang được chương trình khác sử dụng. Hãy thử lại sau.",
            "The database is in use by another program. Try again later.",
        ),
        headline=("Cơ sở dữ liệu của đơn vị đang bận.", "The station database is busy."),
        advice=(
            "Hãy đóng các cửa sổ CAX Desk khác rồi thử lại.",
            "Close other CAX Desk windows and try again.",
        ),
    ),
    "DATABASE_TOO_NEW": ErrorText(
        line=(
            "Dữ liệu được tạo bởi phiên bản CAX Desk mới hơn. Hãy cập nhật chương trình.",
            "The data was written by a newer CAX Desk. Update the program.",
        ),
        headline=(
            "Dữ liệu của đơn vị được tạo bởi phiên bản CAX Desk mới hơn.",
            "This station was used with a newer CAX Desk.",
        ),
        advice=(
            "Hãy cài đặt phiên bản CAX Desk mới hơn.",
            "Install the newer version of CAX Desk.",
        ),
    ),
    "PERMISSION_DENIED": ErrorText(
        line=("Bạn không có quyền thực hiện việc này.", "You are not allowed to do this."),
        headline=("Bạn không có quyền thực hiện việc này.", "You are not allowed to do this."),
        advice=("Hãy nhờ chỉ huy.", "Ask a supervisor."),
    ),
    "INVALID_INPUT": ErrorText(
        line=("Giá trị không hợp lệ: {field} ({reason}).", "Invalid value: {field} ({reason})."),
        headline=("Có giá trị không hợp lệ.", "A value is not valid."),
        advice=("Hãy sửa lại rồi thử lại.", "Correct it and try again."),
    ),
    "WEAK_PASSWORD": ErrorText(
        line=("Mật khẩu quá yếu: {reason}.", "The password is too weak: {reason}."),
        headline=("Mật khẩu quá yếu.", "The password is too weak."),
        advice=("Hãy chọn mật khẩu dài hơn.", "Choose a longer password."),
    ),
    "LAST_SUPERVISOR": ErrorText(
        line=(
            "Không thể xóa chỉ huy cuối cùng của đơn vị.",
            "The station's last supervisor cannot be removed.",
        ),
        headline=(
            "Đơn vị phải luôn có ít nhất một chỉ huy.",
            "The station must keep at least one supervisor.",
        ),
        advice=(
            "Hãy chuyển một người dùng khác thành chỉ huy trước.",
            "Make another user a supervisor first.",
        ),
    ),
    "PASSWORD_REQUIRED": ErrorText(
        line=("Cần nhập mật khẩu.", "A password is required."),
        headline=("Hãy nhập mật khẩu.", "Type the password."),
    ),
    "RECORD_FILE_INVALID": ErrorText(
        line=(
            'Tệp dữ liệu phải có dạng {{"form": …, "values": {{…}}}} ({reason}).',
            'The data file must be {{"form": …, "values": {{…}}}} ({reason}).',
        ),
    ),
    "UNKNOWN_FORM": ErrorText(
        line=("Không có biểu mẫu '{form}'.", "There is no form '{form}'."),
        headline=("Không nhận ra biểu mẫu này.", "This form is not known."),
        advice=("Hãy cập nhật CAX Desk.", "Update CAX Desk."),
    ),
    "RECORD_NOT_FOUND": ErrorText(
        line=("Không tìm thấy hồ sơ {record}.", "Record {record} not found."),
        headline=("Không tìm thấy hồ sơ.", "The record was not found."),
        advice=("Hãy làm mới danh sách.", "Refresh the list."),
    ),
    "RECORD_STATE": ErrorText(
        line=(
            "Hồ sơ đang ở trạng thái '{status}' nên không thể làm việc này.",
            "The record is '{status}', which does not allow this.",
        ),
        headline=(
            "Không thể sửa hồ sơ ở trạng thái hiện tại.",
            "The record cannot be changed in its current state.",
        ),
        advice=("Hãy sửa đổi kèm lý do.", "Amend it with a reason instead."),
    ),
    "REASON_REQUIRED": ErrorText(
        line=("Cần ghi rõ lý do.", "A reason is required."),
        headline=("Cần ghi lý do.", "A reason is required."),
        advice=("Hãy ghi lý do rồi thử lại.", "Write the reason and try again."),
    ),
    "VALIDATION_FAILED": ErrorText(
        line=("Hồ sơ còn lỗi (xem danh sách trên).", "The record has errors (listed above)."),
        headline=("Biểu mẫu còn lỗi.", "The form has problems."),
        advice=("Hãy sửa các ô được đánh dấu đỏ.", "Correct the fields marked in red."),
    ),
    "PASSWORDS_DIFFER": ErrorText(
        line=("Hai mật khẩu không khớp.", "The two passwords differ."),
        headline=("Hai mật khẩu không khớp.", "The two passwords differ."),
        advice=("Hãy gõ cùng một mật khẩu hai lần.", "Type the same password twice."),
    ),
    "USER_REQUIRED": ErrorText(
        line=(
            "Hãy cho biết người dùng (--user hoặc CAX_USER).",
            "Say which user (--user or CAX_USER).",
        ),
    ),
    "EXPRESSION_INVALID": ErrorText(
        line=(
            "Một điều kiện trong tệp biểu mẫu không hợp lệ ({reason}).",
            "A condition in a form file is not valid ({reason}).",
        ),
        advice=("Hãy cập nhật CAX Desk.", "Update CAX Desk."),
    ),
    "INTERNAL_ERROR": ErrorText(
        line=(
            "Lỗi không mong đợi; chi tiết đã ghi vào {log}. Dữ liệu đã lưu không bị ảnh hưởng.",
            "Unexpected error; details were written to {log}. Saved data is not affected.",
        ),
        headline=("Đã xảy ra lỗi không mong đợi.", "Something went wrong."),
        advice=(
            "Dữ liệu đã lưu không bị ảnh hưởng. Nếu lỗi lặp lại, hãy báo chỉ huy; chi tiết được ghi trong tệp nhật ký {log}.",
            "Data already saved is not affected. If it happens again, tell the supervisor; the details are in the log file {log}.",
        ),
    ),
    "INTERRUPTED": ErrorText(
        line=("Đã dừng.", "Stopped."),
    ),
    "BACKUP_DAMAGED": ErrorText(
        line=(
            "Tệp sao lưu bị hỏng hoặc không phải bản sao lưu CAX Desk ({reason}). Dữ liệu hiện tại được giữ nguyên.",
            "The backup file is damaged or is not a CAX Desk backup ({reason}). The current data was left as it is.",
        ),
        headline=(
            "Tệp sao lưu bị hỏng hoặc không phải bản sao lưu CAX Desk.",
            "The backup file is damaged or is not a CAX Desk backup.",
        ),
        advice=(
            "Không có gì bị thay đổi. Hãy dùng bản sao lưu khác hoặc chép lại tệp.",
            "Nothing was changed. Use another backup, or copy the file again.",
        ),
    ),
    "BACKUP_OTHER_STATION": ErrorText(
        line=(
            "Bản sao lưu thuộc đơn vị khác ({backup_station}). Dữ liệu hiện tại được giữ nguyên; nếu thật sự muốn thay bằng đơn vị đó, thêm --other-station.",
            "The backup belongs to another station ({backup_station}). The current data was left as it is; to replace it with that station, add --other-station.",
        ),
        headline=("Bản sao lưu này thuộc đơn vị khác.", "This backup belongs to another station."),
        advice=(
            "Không có gì bị thay đổi. Hãy chọn bản sao lưu của đơn vị này hoặc hỏi bộ phận kỹ thuật.",
            "Nothing was changed. Choose this station's backup, or ask technical support.",
        ),
    ),
    "CURRENT_LOGIN_REQUIRED": ErrorText(
        line=(
            "Đã có một đơn vị ở đây: muốn thay bằng bản sao lưu, cần mật khẩu của một chỉ huy của đơn vị hiện tại (--user) hoặc khóa khôi phục của đơn vị này (--recovery-key). Dữ liệu hiện tại được giữ nguyên.",
            "A station is already here: replacing it with a backup needs the password of one of its current supervisors (--user) or its recovery key (--recovery-key). The current data was left as it is.",
        ),
        headline=(
            "Muốn thay đơn vị này cần mật khẩu của một chỉ huy của đơn vị.",
            "Replacing this station needs the password of one of its supervisors.",
        ),
        advice=(
            "Không có gì thay đổi. Hãy nhập mật khẩu hiện tại của bạn.",
            "Nothing was changed. Type your current password.",
        ),
    ),
    "REPORT_NOT_FOUND": ErrorText(
        line=("Không tìm thấy báo cáo {report}.", "Report {report} not found."),
        headline=("Không tìm thấy báo cáo.", "The report was not found."),
        advice=("Hãy làm mới danh sách.", "Refresh the list."),
    ),
    "REPORT_SUBMITTED": ErrorText(
        line=(
            "Báo cáo đã được gửi ({number}); số liệu và nội dung không thay đổi được nữa.",
            "The report was submitted ({number}); its figures and text can no longer change.",
        ),
        headline=(
            "Báo cáo đã nộp, không thể thay đổi nữa.",
            "The report was submitted and can no longer change.",
        ),
        advice=(
            "Số liệu và nội dung được giữ nguyên như khi nộp.",
            "Its figures and text stay as they were submitted.",
        ),
    ),
    "PRINTING_UNAVAILABLE": ErrorText(
        line=(
            "Bản 'cax' này không có chức năng in; hãy in hoặc lưu PDF từ ứng dụng CAX Desk.",
            "This 'cax' has no printing built in; print or save the PDF from the CAX Desk app.",
        ),
        headline=("Không in được ở đây.", "Printing is not available here."),
        advice=("Hãy in từ cửa sổ CAX Desk.", "Print from the CAX Desk window."),
    ),
    "DISK_FULL": ErrorText(
        line=(
            "Ổ đĩa đầy nên không ghi được; dữ liệu đã lưu trước đó vẫn nguyên vẹn. Hãy giải phóng "
            "chỗ trống (hoặc dùng USB khác) rồi làm lại.",
            "The disk is full, so nothing was written; what was saved before is intact. Free "
            "some space (or use another USB stick) and try again.",
        ),
        headline=("Ổ đĩa đã đầy.", "The disk is full."),
        advice=(
            "Việc vừa làm chưa được ghi; dữ liệu đã lưu vẫn nguyên vẹn. Hãy xóa bớt tệp không cần "
            "hoặc dùng USB khác rồi làm lại.",
            "What you just did was not written; saved data is intact. Delete files you do not "
            "need, or use another USB stick, and try again.",
        ),
    ),
    "FILE_UNWRITABLE": ErrorText(
        line=(
            "Không ghi được tệp {path}; hãy chọn thư mục khác hoặc kiểm tra quyền ghi.",
            "Cannot write the file {path}; choose another folder or check the permissions.",
        ),
        headline=("Không ghi được tệp vào đó.", "The file cannot be written there."),
        advice=(
            "Chưa ghi nhận gì. Hãy chọn thư mục khác hoặc kiểm tra USB.",
            "Nothing was recorded. Choose another folder, or check the USB stick.",
        ),
    ),
    "BUNDLE_MALFORMED": ErrorText(
        line=(
            "Tệp không phải là gói đồng bộ CAX hoặc đã bị hỏng.",
            "The file is not a CAX sync bundle, or it is damaged.",
        ),
    ),
    "BUNDLE_UNSUPPORTED_VERSION": ErrorText(
        line=(
            "Gói đồng bộ được tạo bởi phiên bản mới hơn; hãy cập nhật chương trình.",
            "The sync bundle was made by a newer version; update the program.",
        ),
    ),
    "BUNDLE_TRUNCATED": ErrorText(
        line=(
            "Gói đồng bộ bị cắt cụt (chép chưa xong?). Hãy xuất lại gói.",
            "The sync bundle is cut short (copying not finished?). Export it again.",
        ),
    ),
    "BUNDLE_TAMPERED": ErrorText(
        line=(
            "Gói đồng bộ đã bị hỏng hoặc bị sửa đổi; không nhập gì. Hãy xuất lại gói.",
            "The sync bundle was damaged or altered; nothing was imported. Export it again.",
        ),
    ),
    "BUNDLE_TOO_LARGE": ErrorText(
        line=("Gói đồng bộ quá lớn.", "The sync bundle is too large."),
    ),
    "BUNDLE_FOREIGN": ErrorText(
        line=(
            "Gói đồng bộ được mã hóa cho máy chủ khác.",
            "The sync bundle is encrypted for another server.",
        ),
    ),
    "BUNDLE_BAD_SIGNATURE": ErrorText(
        line=(
            "Chữ ký của gói đồng bộ không khớp với máy đã đăng ký của đơn vị.",
            "The sync bundle's signature does not match the station's enrolled device.",
        ),
    ),
    "BUNDLE_UNDECRYPTABLE": ErrorText(
        line=("Không giải mã được gói đồng bộ.", "The sync bundle cannot be decrypted."),
    ),
    "BUNDLE_WRONG_STATION": ErrorText(
        line=(
            "Gói đồng bộ ghi tên một đơn vị khác với đơn vị của máy đã ký.",
            "The sync bundle names another station than that of the device that signed it.",
        ),
    ),
    "BUNDLE_FILE_UNREADABLE": ErrorText(
        line=("Không đọc được tệp {path} ({reason}).", "Cannot read the file {path} ({reason})."),
        headline=("Không đọc được tệp.", "The file cannot be read."),
        advice=(
            "Hãy kiểm tra USB rồi chọn lại tệp.",
            "Check the USB stick and choose the file again.",
        ),
    ),
    "BUNDLE_FILE_UNWRITABLE": ErrorText(
        line=(
            "Không ghi được tệp {path} ({reason}). Các hồ sơ vẫn đang chờ gửi.",
            "Cannot write the file {path} ({reason}). The records are still waiting to be sent.",
        ),
        headline=("Không ghi được tệp vào đó.", "The file cannot be written there."),
        advice=(
            "Không mất dữ liệu. Hãy kiểm tra USB đã cắm và còn chỗ trống, hoặc chọn nơi khác.",
            "Nothing was lost. Check that the USB stick is in and not full, or choose another place.",
        ),
    ),
    "RECEIPT_MALFORMED": ErrorText(
        line=(
            "Tệp không phải là biên nhận đồng bộ, hoặc bị cắt cụt hay hỏng; không thay đổi gì.",
            "The file is not a sync receipt, or it is cut short or damaged; nothing was changed.",
        ),
    ),
    "RECEIPT_UNSUPPORTED_VERSION": ErrorText(
        line=(
            "Biên nhận được tạo bởi máy chủ mới hơn; hãy cập nhật chương trình.",
            "The receipt was made by a newer server; update the program.",
        ),
    ),
    "RECEIPT_TOO_LARGE": ErrorText(
        line=("Tệp biên nhận quá lớn.", "The receipt file is too large."),
    ),
    "RECEIPT_BAD_SIGNATURE": ErrorText(
        line=(
            "Chữ ký của biên nhận không hợp lệ (giả mạo hoặc bị sửa); không thay đổi gì.",
            "The receipt's signature is not valid (forged or altered); nothing was changed.",
        ),
    ),
    "RECEIPT_FOREIGN": ErrorText(
        line=(
            "Biên nhận này dành cho đơn vị, máy hoặc máy chủ khác; không thay đổi gì.",
            "This receipt is for another station, device or server; nothing was changed.",
        ),
    ),
    "SYNC_NOT_ENROLLED": ErrorText(
        line=(
            "Đơn vị chưa đăng ký với máy chủ trung tâm. Chỉ huy hãy chạy 'cax sync enroll'.",
            "This station is not enrolled with the central server. A supervisor runs 'cax sync enroll'.",
        ),
        headline=(
            "Đơn vị chưa đăng ký với trung tâm.",
            "The station is not enrolled with the centre yet.",
        ),
        advice=("Chỉ huy đăng ký tại trang Đồng bộ.", "A supervisor enrols it on the Sync page."),
    ),
    "SERVER_UNREACHABLE": ErrorText(
        line=(
            "Không kết nối được máy chủ {server}. Dữ liệu vẫn được giữ và sẽ gửi khi có mạng.",
            "Cannot reach the server {server}. Nothing is lost: records are sent once the network is back.",
        ),
        headline=(
            "Không kết nối được máy chủ trung tâm.",
            "The centre's server cannot be reached.",
        ),
        advice=(
            "Không mất dữ liệu: hồ sơ được giữ lại và sẽ gửi khi có mạng trở lại.",
            "Nothing is lost: records wait here and are sent when the network is back.",
        ),
    ),
    "SERVER_UNAVAILABLE": ErrorText(
        line=(
            "Máy chủ đang bận hoặc gặp sự cố ({server_code}). Hãy thử lại sau; dữ liệu vẫn được giữ.",
            "The server is busy or in trouble ({server_code}). Try again later; nothing is lost.",
        ),
        headline=(
            "Máy chủ trung tâm đang bận hoặc đang bảo trì.",
            "The centre's server is busy or under maintenance.",
        ),
        advice=("Không mất dữ liệu: hãy thử lại sau.", "Nothing is lost: try again later."),
    ),
    "TLS_UNTRUSTED": ErrorText(
        line=(
            "Chứng thư của máy chủ {server} không đáng tin ({reason}): không gửi gì. Hãy kiểm tra địa chỉ và chứng thư CA với trung tâm.",
            "The certificate of {server} is not trusted ({reason}): nothing was sent. Check the address and the CA certificate with the centre.",
        ),
        headline=(
            "Chứng thư của máy chủ không phải chứng thư mà đơn vị tin cậy.",
            "The server's certificate is not the one this station trusts.",
        ),
        advice=(
            "Chưa gửi gì. Đường mạng có thể bị chuyển hướng, hoặc trung tâm đã đổi chứng thư: hãy hỏi trung tâm trước khi đăng ký lại.",
            "Nothing was sent. The network may be redirected, or the centre changed its certificate: ask the centre before enrolling again.",
        ),
    ),
    "INSECURE_TRANSPORT": ErrorText(
        line=(
            "Địa chỉ {server} dùng http không mã hóa: hồ sơ sẽ đi qua mạng ở dạng ai cũng đọc được. Hãy dùng địa chỉ https:// do trung tâm cấp (http chỉ để dùng thử trên chính máy này, hoặc với --allow-http; không bao giờ kèm chứng thư CA).",
            "The address {server} is plain http: records would cross the network readable by anyone. Use the https:// address the centre gave you (http is only for a trial on this computer, or with --allow-http; never with a CA certificate).",
        ),
        headline=(
            "Địa chỉ máy chủ không được mã hóa (http).",
            "The server's address is not encrypted (http).",
        ),
        advice=(
            "Chưa gửi gì. Hãy dùng địa chỉ https:// do trung tâm cấp.",
            "Nothing was sent. Use the https:// address the centre gave you.",
        ),
    ),
    "CERTIFICATE_INVALID": ErrorText(
        line=(
            "Tệp chứng thư CA không hợp lệ (cần một chứng thư dạng PEM).",
            "The CA certificate file is not valid (a PEM certificate is needed).",
        ),
        headline=("Tệp không phải chứng thư (PEM).", "The file is not a certificate (PEM)."),
        advice=(
            "Hãy chọn tệp chứng thư CA do trung tâm cấp.",
            "Choose the CA certificate file the centre gave you.",
        ),
    ),
    "ENROLMENT_CODE_INVALID": ErrorText(
        line=(
            "Mã đăng ký không đúng, đã được dùng hoặc đã hết hạn. Hãy xin trung tâm mã mới.",
            "The enrolment code is wrong, already used or expired. Ask the centre for a new one.",
        ),
        headline=(
            "Mã đăng ký sai, đã dùng hoặc đã hết hạn.",
            "The enrolment code is wrong, used or expired.",
        ),
        advice=("Hãy xin trung tâm cấp mã mới.", "Ask the centre for a new code."),
    ),
    "DEVICE_NOT_AUTHORISED": ErrorText(
        line=(
            "Máy chủ không còn chấp nhận máy này ({server_code}). Chỉ huy hãy đăng ký lại.",
            "The server no longer accepts this computer ({server_code}). A supervisor must enrol it again.",
        ),
        headline=(
            "Trung tâm không còn chấp nhận máy tính này.",
            "The centre no longer accepts this computer.",
        ),
        advice=(
            "Hồ sơ vẫn được giữ tại đây. Hãy hỏi trung tâm rồi đăng ký lại.",
            "Records wait here. Ask the centre, then enrol again.",
        ),
    ),
    "STATION_MISMATCH": ErrorText(
        line=(
            "Mã đăng ký dành cho đơn vị {server}, không phải đơn vị này ({local}). Hãy xin trung tâm mã đúng.",
            "The enrolment code is for station {server}, not this one ({local}). Ask the centre for the right code.",
        ),
        headline=("Mã này thuộc đơn vị khác.", "The code belongs to another station."),
        advice=(
            "Không có gì bị thay đổi. Hãy xin trung tâm mã của đơn vị này.",
            "Nothing was changed. Ask the centre for this station's code.",
        ),
    ),
    "SERVER_REFUSED": ErrorText(
        line=(
            "Máy chủ từ chối yêu cầu ({server_code}).",
            "The server refused the request ({server_code}).",
        ),
        headline=("Máy chủ trung tâm từ chối yêu cầu.", "The centre's server refused the request."),
        advice=(
            "Không mất dữ liệu. Nếu còn lặp lại, hãy báo trung tâm.",
            "Nothing is lost. If it happens again, tell the centre.",
        ),
    ),
    "SYNC_RUNNING": ErrorText(
        line=(
            "Đang đồng bộ; hãy đợi lần này kết thúc.",
            "A sync is already running; wait for it to finish.",
        ),
        headline=("Đang có một lần đồng bộ chạy.", "A sync is already running."),
        advice=("Hãy chờ lần đó kết thúc.", "Wait for it to finish."),
    ),
    "SYNC_BUSY": ErrorText(
        line=(
            "{user} đang đồng bộ đơn vị này (từ {since}, {program}); hãy đợi lần đó kết thúc, "
            "hoặc chạy lại với --wait GIÂY.",
            "{user} is syncing this station (since {since}, {program}); wait for it to finish, "
            "or run again with --wait SECONDS.",
        ),
        headline=(
            "{user} đang đồng bộ đơn vị này (từ {since}, {program}).",
            "{user} is syncing this station (since {since}, {program}).",
        ),
        advice=(
            "Lần đồng bộ đó gửi cả hồ sơ của bạn; hãy chờ nó kết thúc.",
            "That sync sends your records too; wait for it to finish.",
        ),
    ),
    "BUNDLE_REFUSED": ErrorText(
        line=(
            "Tệp bị hỏng, bị sửa hoặc không dành cho đơn vị này.",
            "The file is damaged, altered or not meant for this station.",
        ),
        advice=(
            "Không có gì bị thay đổi. Hãy mang tệp đến lại.",
            "Nothing was changed. Bring the file again.",
        ),
    ),
    "UNKNOWN_UNIT": ErrorText(
        line=(
            "'{station_code}' không phải mã của xã, phường hay đặc khu nào (5 chữ số).",
            "'{station_code}' is not the code of any commune, ward or special zone (5 digits).",
        ),
        headline=(
            "Mã này không phải của xã, phường hay đặc khu nào.",
            "This code is not a commune, ward or special zone.",
        ),
        advice=("Hãy chọn xã, phường trong danh sách.", "Choose the commune from the list."),
    ),
    "UNIT_WITHOUT_POLICE": ErrorText(
        line=(
            "{unit} ({station_code}) không có Công an cấp xã, nên không thể chọn làm đơn vị.",
            "{unit} ({station_code}) has no commune police, so it cannot be chosen as the unit.",
        ),
        headline=(
            "Đặc khu này không có Công an cấp xã.",
            "This special zone has no commune police station.",
        ),
        advice=(
            "Hãy chọn xã, phường hoặc đặc khu của đơn vị mình.",
            "Choose the commune, ward or special zone of your station.",
        ),
    ),
    "ROLE_TAMPERED": ErrorText(
        line=(
            "Vai trò hoặc khóa của người dùng {username} không khớp với danh sách do khóa gốc của đơn vị ký ({reason}): ai đó đã sửa dữ liệu. Không quyền nào được cấp; hãy báo chỉ huy đơn vị.",
            "The role or keys of user {username} do not match the list the station's root key signed ({reason}): someone edited the data. Nothing is granted; tell the station chief.",
        ),
        headline=(
            "Vai trò hoặc khóa của người dùng này không khớp với những gì chỉ huy đơn vị đã ký: ai đó đã sửa dữ liệu của đơn vị. Không quyền nào được cấp.",
            "This user's role or keys do not match what the station's supervisors signed: someone edited the station's data. Nothing is granted.",
        ),
        advice=(
            "Hãy báo chỉ huy đơn vị và giữ nguyên thư mục dữ liệu của đơn vị.",
            "Tell the station chief, and leave the station folder as it is.",
        ),
    ),
    "SELF_APPROVAL": ErrorText(
        line=(
            "Không tự duyệt hồ sơ của mình: đơn vị còn chỉ huy khác, hãy để người đó duyệt.",
            "You cannot approve your own record: another supervisor of the station must approve it.",
        ),
        headline=("Không được tự duyệt hồ sơ của mình.", "You cannot approve your own record."),
        advice=(
            "Chỉ huy khác của đơn vị phải duyệt hồ sơ này.",
            "Another supervisor of the station must approve it.",
        ),
    ),
    "LAW_NOT_FOUND": ErrorText(
        line=(
            "Danh mục pháp luật không có mục nào khớp với '{text}'.",
            "No entry of the legal catalogue matches '{text}'.",
        ),
    ),
    "ATTACHMENT_UNREADABLE": ErrorText(
        line=(
            "Không đọc được tệp {path} ({reason}); chưa đính kèm gì.",
            "Cannot read the file {path} ({reason}); nothing was attached.",
        ),
        headline=("Không đọc được tệp này.", "This file cannot be read."),
        advice=(
            "Hãy kiểm tra tệp còn đó và USB vẫn cắm, rồi làm lại.",
            "Check that the file is still there and the USB stick is in, then try again.",
        ),
    ),
    "ATTACHMENT_TYPE_REFUSED": ErrorText(
        line=(
            "Tệp {name} không phải ảnh JPEG, PNG, HEIC hay tệp PDF; chưa đính kèm gì.",
            "The file {name} is not a JPEG, PNG or HEIC image nor a PDF; nothing was attached.",
        ),
        headline=("Loại tệp này không được đính kèm.", "This kind of file cannot be attached."),
        advice=(
            "Chỉ đính kèm được ảnh (JPEG, PNG, HEIC) và bản quét PDF.",
            "Only images (JPEG, PNG, HEIC) and PDF scans can be attached.",
        ),
    ),
    "ATTACHMENT_TYPE_MISMATCH": ErrorText(
        line=(
            "Tệp {name} mang tên kiểu {named} nhưng nội dung là {content}; chưa đính kèm gì.",
            "The file {name} is named as {named} but holds {content}; nothing was attached.",
        ),
        headline=(
            "Nội dung tệp không đúng như tên tệp.",
            "The file is not what its name says.",
        ),
        advice=(
            "Tệp có thể đã bị đổi tên hoặc giả mạo. Hãy lấy lại tệp gốc.",
            "It may have been renamed or disguised. Get the original file again.",
        ),
    ),
    "ATTACHMENT_TOO_LARGE": ErrorText(
        line=(
            "Tệp {name} lớn hơn {limit_mb} MB, mức tối đa cho một tệp; chưa đính kèm gì.",
            "The file {name} is over {limit_mb} MB, the limit for one file; nothing was attached.",
        ),
        headline=("Tệp quá lớn.", "The file is too large."),
        advice=(
            "Hãy quét lại với độ phân giải thấp hơn, hoặc chia thành nhiều tệp.",
            "Scan it again at a lower resolution, or split it into several files.",
        ),
    ),
    "ATTACHMENT_RECORD_FULL": ErrorText(
        line=(
            "Tài liệu kèm theo hồ sơ {record} sẽ vượt {limit_mb} MB; chưa đính kèm gì.",
            "The files of record {record} would exceed {limit_mb} MB; nothing was attached.",
        ),
        headline=(
            "Hồ sơ đã đủ dung lượng tài liệu kèm theo.",
            "The record holds as many files as it may.",
        ),
        advice=(
            "Hãy gỡ bớt tệp không cần, hoặc nhờ trưởng Công an xã nâng giới hạn.",
            "Remove files it does not need, or ask the chief to raise the limit.",
        ),
    ),
    "ATTACHMENT_IMAGE_TOO_BIG": ErrorText(
        line=(
            "Ảnh {name} có quá nhiều điểm ảnh (trên {limit}); có thể là tệp độc hại. Chưa đính "
            "kèm gì.",
            "The image {name} has too many pixels (over {limit}); it may be a hostile file. "
            "Nothing was attached.",
        ),
        headline=("Ảnh lớn bất thường.", "The image is abnormally large."),
        advice=(
            "Không máy ảnh hay máy quét nào tạo ra ảnh như vậy. Hãy chụp hoặc quét lại.",
            "No camera or scanner makes such an image. Take or scan it again.",
        ),
    ),
    "ATTACHMENT_DAMAGED": ErrorText(
        line=(
            "Tệp {name} bị hỏng hoặc không trọn vẹn; chưa đính kèm gì.",
            "The file {name} is damaged or incomplete; nothing was attached.",
        ),
        headline=("Tệp bị hỏng.", "The file is damaged."),
        advice=(
            "Hãy chép lại tệp từ máy ảnh hoặc máy quét.",
            "Copy it again from the camera or the scanner.",
        ),
    ),
    "ATTACHMENT_PDF_UNSAFE": ErrorText(
        line=(
            "Tệp PDF {name} chứa nội dung tự chạy, tệp nhúng hoặc phần không kiểm tra được "
            "({feature}); chưa đính kèm gì.",
            "The PDF {name} holds active content, embedded files or parts that cannot be "
            "checked ({feature}); nothing was attached.",
        ),
        headline=(
            "Tệp PDF có nội dung không an toàn.",
            "The PDF carries unsafe content.",
        ),
        advice=(
            "Chỉ đính kèm bản quét giấy tờ. Hãy quét lại tài liệu thành PDF.",
            "Attach scans of paper only. Scan the document to PDF again.",
        ),
    ),
    "ATTACHMENT_NOT_FOUND": ErrorText(
        line=(
            "Hồ sơ {record} không có tài liệu kèm theo tên '{name}'.",
            "Record {record} has no attached file named '{name}'.",
        ),
        headline=("Không tìm thấy tài liệu kèm theo.", "The attached file was not found."),
    ),
    "ATTACHMENT_CORRUPT": ErrorText(
        line=(
            "Tài liệu kèm theo {sha256} không còn khớp mã băm: dữ liệu đã hỏng.",
            "The attached file {sha256} no longer matches its hash: the data is damaged.",
        ),
        headline=("Một tài liệu kèm theo bị hỏng.", "An attached file is damaged."),
        advice=(
            "Hãy chạy 'Kiểm tra dữ liệu' và khôi phục từ bản sao lưu gần nhất.",
            "Run the database check and restore from the latest backup.",
        ),
    ),
}
