"""The central server's answer codes (`protocol/errors.py`) as the station shows them, in
Vietnamese and English; read through `desktop/core/error_texts.py`."""

from __future__ import annotations

from desktop.core.error_table import ErrorText

SERVER_ERRORS: dict[str, ErrorText] = {
    # ---- what the central server answers (protocol/errors.py), as the station shows it --------
    "VALIDATION_ERROR": ErrorText(
        line=("Máy chủ không hiểu yêu cầu.", "The server did not understand the request."),
        advice=("Hãy cập nhật CAX Desk.", "Update CAX Desk."),
    ),
    "MALFORMED_JSON": ErrorText(
        line=("Máy chủ nhận được dữ liệu hỏng.", "The server received damaged data."),
        advice=("Hãy thử đồng bộ lại.", "Sync again."),
    ),
    "INVALID_UTF8": ErrorText(
        line=("Hồ sơ có nội dung không đọc được.", "The record holds unreadable text."),
    ),
    "JSON_TOO_DEEP": ErrorText(
        line=("Dữ liệu gửi đi quá phức tạp.", "The data sent is too complex."),
    ),
    "BODY_TOO_LARGE": ErrorText(
        line=("Lượt gửi quá lớn đối với máy chủ.", "What was sent is too large for the server."),
        advice=(
            "Hãy thử đồng bộ lại: lượt sau gửi ít hơn.",
            "Sync again: the next try sends less.",
        ),
    ),
    "BATCH_TOO_LARGE": ErrorText(
        line=("Lượt gửi có quá nhiều hồ sơ.", "Too many records in one batch."),
        advice=(
            "Hãy thử đồng bộ lại: lượt sau gửi ít hơn.",
            "Sync again: the next try sends less.",
        ),
    ),
    "UNSUPPORTED_ENCODING": ErrorText(
        line=("Máy chủ không nhận kiểu nén này.", "The server does not accept this compression."),
        advice=("Hãy cập nhật CAX Desk.", "Update CAX Desk."),
    ),
    "BAD_GZIP": ErrorText(
        line=(
            "Dữ liệu nén bị hỏng trên đường truyền.",
            "The compressed data was damaged on the way.",
        ),
        advice=("Hãy thử đồng bộ lại.", "Sync again."),
    ),
    "UNSUPPORTED_PROTOCOL_VERSION": ErrorText(
        line=(
            "Máy chủ không dùng được phiên bản CAX Desk này.",
            "The server does not work with this version of CAX Desk.",
        ),
        advice=("Hãy cập nhật CAX Desk.", "Update CAX Desk."),
    ),
    "NOT_FOUND": ErrorText(
        line=("Máy chủ không có địa chỉ này.", "The server has no such address."),
        advice=("Hãy kiểm tra địa chỉ máy chủ.", "Check the server address."),
    ),
    "METHOD_NOT_ALLOWED": ErrorText(
        line=("Máy chủ không nhận yêu cầu này.", "The server does not accept this request."),
        advice=("Hãy cập nhật CAX Desk.", "Update CAX Desk."),
    ),
    "AUTH_MISSING": ErrorText(
        line=("Yêu cầu thiếu chữ ký của thiết bị.", "The request lacks the station's signature."),
    ),
    "BAD_SIGNATURE": ErrorText(
        line=("Chữ ký của thiết bị không hợp lệ.", "The station's signature is not valid."),
        advice=("Chỉ huy hãy đăng ký lại máy.", "A supervisor enrols the computer again."),
    ),
    "UNKNOWN_DEVICE": ErrorText(
        line=("Máy chủ không biết máy này.", "The server does not know this computer."),
        advice=("Chỉ huy hãy đăng ký lại máy.", "A supervisor enrols the computer again."),
    ),
    "DEVICE_REVOKED": ErrorText(
        line=("Trung tâm đã thu hồi quyền của máy này.", "The centre revoked this computer."),
        advice=("Hãy hỏi trung tâm, rồi đăng ký lại.", "Ask the centre, then enrol again."),
    ),
    "CLOCK_SKEW": ErrorText(
        line=("Đồng hồ của máy này lệch quá nhiều.", "This computer's clock is too far off."),
        advice=("Hãy chỉnh ngày giờ của máy tính.", "Set the computer's date and time."),
    ),
    "NONCE_REPLAYED": ErrorText(
        line=("Yêu cầu bị gửi lặp lại.", "The request was sent twice."),
        advice=("Hãy thử đồng bộ lại.", "Sync again."),
    ),
    "RATE_LIMITED": ErrorText(
        line=(
            "Máy chủ đang bận vì quá nhiều yêu cầu.",
            "The server is busy with too many requests.",
        ),
        advice=("Hãy thử lại sau ít phút.", "Try again in a few minutes."),
    ),
    "KEY_ALREADY_ENROLLED": ErrorText(
        line=("Máy này đã được đăng ký.", "This computer is already enrolled."),
    ),
    "BAD_PROOF": ErrorText(
        line=(
            "Máy chủ không chấp nhận bằng chứng khóa của máy.",
            "The server refused the key proof.",
        ),
        advice=("Hãy xin trung tâm mã đăng ký mới.", "Ask the centre for a new enrolment code."),
    ),
    "RECORD_SCHEMA": ErrorText(
        line=(
            "Hồ sơ không khớp với biểu mẫu của trung tâm.",
            "The record does not match the centre's form.",
        ),
    ),
    "RECORD_HASH_MISMATCH": ErrorText(
        line=("Hồ sơ bị hỏng trên đường truyền.", "The record was damaged on the way."),
    ),
    "RECORD_TOO_DEEP": ErrorText(
        line=("Hồ sơ quá phức tạp đối với trung tâm.", "The record is too complex for the centre."),
    ),
    "UNKNOWN_FORM_VERSION": ErrorText(
        line=(
            "Trung tâm chưa có phiên bản biểu mẫu này.",
            "The centre does not know this form version yet.",
        ),
    ),
    "WRONG_STATION": ErrorText(
        line=("Hồ sơ thuộc đơn vị khác.", "The record belongs to another station."),
    ),
    "RECORD_INVALID": ErrorText(
        line=("Trung tâm phát hiện lỗi: {problems}", "The centre found errors: {problems}"),
    ),
    "CONFLICT": ErrorText(
        line=(
            "Trung tâm đang giữ nội dung khác cho lần sửa này.",
            "The centre holds other content for this revision.",
        ),
    ),
    "REPORT_SCHEMA": ErrorText(
        line=(
            "Báo cáo không đúng mẫu của trung tâm.",
            "The report does not match the centre's form.",
        ),
    ),
    "REPORT_HASH_MISMATCH": ErrorText(
        line=("Báo cáo bị hỏng trên đường truyền.", "The report was damaged on the way."),
    ),
    "REPORT_CONFLICT": ErrorText(
        line=(
            "Trung tâm đã có một báo cáo khác cho kỳ này.",
            "The centre already holds another report for this period.",
        ),
    ),
    "BUNDLE_ID_REUSED": ErrorText(
        line=(
            "Một tệp khác đã được nhập với mã của gói này.",
            "Another file was imported under this bundle's id.",
        ),
        advice=("Hãy xuất lại gói.", "Export the bundle again."),
    ),
    "BLOB_TOO_LARGE": ErrorText(
        line=(
            "Tệp đính kèm lớn hơn mức máy chủ nhận; tệp được giữ lại trên máy.",
            "The attachment is larger than the server accepts; it is kept on this computer.",
        ),
        advice=("Hãy báo trung tâm.", "Tell the centre."),
    ),
    "BLOB_TYPE_REFUSED": ErrorText(
        line=(
            "Máy chủ không nhận loại tệp đính kèm này; tệp được giữ lại trên máy.",
            "The server does not accept this kind of attachment; it is kept on this computer.",
        ),
        advice=("Hãy báo trung tâm.", "Tell the centre."),
    ),
    "BLOB_HASH_MISMATCH": ErrorText(
        line=(
            "Tệp đính kèm đến máy chủ bị sai lệch.",
            "The attachment arrived at the server damaged.",
        ),
        advice=("Hãy chạy kiểm tra dữ liệu (cax db check).", "Run a data check (cax db check)."),
    ),
    "BLOB_CONFLICT": ErrorText(
        line=(
            "Máy chủ đã ghi nhận tệp đính kèm này với kích thước hoặc loại khác.",
            "The server recorded this attachment with another size or type.",
        ),
        advice=("Hãy báo trung tâm.", "Tell the centre."),
    ),
    "BLOB_UNKNOWN": ErrorText(
        line=(
            "Máy chủ không có tệp đính kèm này.",
            "The server does not hold this attachment.",
        ),
        advice=("Hãy đồng bộ lại.", "Sync again."),
    ),
    "BLOB_CHUNK_INVALID": ErrorText(
        line=(
            "Một phần tệp đính kèm gửi lên không đúng.",
            "A piece of an attachment was sent wrongly.",
        ),
        advice=("Hãy đồng bộ lại.", "Sync again."),
    ),
    "BLOB_INCOMPLETE": ErrorText(
        line=(
            "Tệp đính kèm chưa gửi hết.",
            "The attachment has not been sent in full yet.",
        ),
        advice=("Hãy đồng bộ lại.", "Sync again."),
    ),
    "DEVICE_NOT_FOUND": ErrorText(
        line=("Không tìm thấy thiết bị này.", "This station computer was not found."),
    ),
    "FORM_VERSION_EXISTS": ErrorText(
        line=("Phiên bản biểu mẫu này đã có.", "This form version already exists."),
    ),
    "FORM_DEFINITION_INVALID": ErrorText(
        line=("Định nghĩa biểu mẫu không hợp lệ.", "The form definition is not valid."),
    ),
    "UNKNOWN_UNIT": ErrorText(
        line=("Không có đơn vị hành chính này.", "There is no such administrative unit."),
    ),
    "USER_NOT_FOUND": ErrorText(
        line=("Không tìm thấy người dùng.", "The user was not found."),
    ),
    "LOGIN_FAILED": ErrorText(
        line=("Sai tên đăng nhập hoặc mật khẩu.", "Wrong user name or password."),
    ),
    "USER_DISABLED": ErrorText(
        line=("Tài khoản đã bị khóa.", "The account is disabled."),
    ),
    "BAD_ARGUMENT": ErrorText(
        line=("Giá trị không hợp lệ.", "A value is not valid."),
    ),
    "DATABASE_UNAVAILABLE": ErrorText(
        line=(
            "Cơ sở dữ liệu của máy chủ chưa sẵn sàng.",
            "The server's database is not available.",
        ),
        advice=("Không mất gì: hãy thử lại sau.", "Nothing is lost: try again later."),
    ),
    "DATABASE_NOT_UPGRADED": ErrorText(
        line=(
            "Cơ sở dữ liệu của máy chủ chưa được nâng cấp.",
            "The server's database is not upgraded.",
        ),
        advice=("Hãy báo trung tâm.", "Tell the centre."),
    ),
    "AUDIT_ROLLBACK": ErrorText(
        line=(
            'Trung tâm từ chối: nhật ký của đơn vị đã bị lùi lại so với lần đồng bộ trước (AUDIT_ROLLBACK). Không hồ sơ nào được nhận. Nếu đơn vị vừa khôi phục bản sao lưu, chỉ huy hãy khai báo: cax sync declare-restore --reason "..."',
            'The centre refused: the station\'s audit log went back since the last sync (AUDIT_ROLLBACK). No record was taken. If a backup was restored, a supervisor must declare it: cax sync declare-restore --reason "..."',
        ),
        headline=(
            "Trung tâm từ chối đồng bộ: nhật ký thao tác của đơn vị đã bị lùi lại.",
            "The centre refused the sync: this station's audit log went back.",
        ),
        advice=(
            "Không hồ sơ nào được gửi. Nếu đơn vị vừa khôi phục bản sao lưu, chỉ huy hãy khai báo việc khôi phục trên trang này; nếu không, hãy báo trung tâm.",
            "No record was sent. If a backup was restored here, a supervisor must declare the restore on this page; otherwise tell the centre.",
        ),
    ),
    "AUDIT_FORK": ErrorText(
        line=(
            "Trung tâm từ chối: nhật ký của đơn vị không còn khớp với bản trung tâm đã ghi nhận (AUDIT_FORK). Không hồ sơ nào được nhận. Hãy báo trung tâm.",
            "The centre refused: the station's audit log no longer matches what the centre recorded (AUDIT_FORK). No record was taken. Tell the centre.",
        ),
        headline=(
            "Trung tâm từ chối đồng bộ: nhật ký thao tác của đơn vị không còn khớp với bản trung tâm đã ghi nhận.",
            "The centre refused the sync: this station's audit log no longer matches the centre's.",
        ),
        advice=(
            "Không hồ sơ nào được gửi. Hãy báo trung tâm.",
            "No record was sent. Tell the centre.",
        ),
    ),
    "RESTORE_DECLARATION_INVALID": ErrorText(
        line=(
            "Trung tâm từ chối lời khai báo khôi phục (RESTORE_DECLARATION_INVALID). Hãy báo trung tâm.",
            "The centre refused the restore declaration (RESTORE_DECLARATION_INVALID). Tell the centre.",
        ),
        headline=(
            "Trung tâm từ chối lời khai báo khôi phục.",
            "The centre refused the restore declaration.",
        ),
        advice=(
            "Không hồ sơ nào được gửi. Hãy báo trung tâm.",
            "No record was sent. Tell the centre.",
        ),
    ),
    "ANSWER_SIGNATURE_INVALID": ErrorText(
        line=(
            "Câu trả lời không mang chữ ký của máy chủ đã đăng ký (ANSWER_SIGNATURE_INVALID): không dùng nó; dữ liệu vẫn chờ gửi. Hãy báo trung tâm.",
            "The answer does not carry the enrolled server's signature (ANSWER_SIGNATURE_INVALID): nothing was taken from it; records still wait to be sent. Tell the centre.",
        ),
        headline=(
            "Câu trả lời không phải của máy chủ trung tâm.",
            "The answer did not come from the centre's server.",
        ),
        advice=(
            "Không dùng câu trả lời đó; hồ sơ vẫn chờ gửi. Hãy báo trung tâm.",
            "Nothing was taken from it; records still wait. Tell the centre.",
        ),
    ),
    "AUTHOR_FORGED": ErrorText(
        line=(
            "Trung tâm từ chối hồ sơ: chữ ký không phải của người lập hồ sơ (AUTHOR_FORGED). "
            "Hãy báo chỉ huy đơn vị.",
            "The centre refused the record: it is not signed by its author (AUTHOR_FORGED). "
            "Tell the station chief.",
        ),
        headline=(
            "Trung tâm từ chối hồ sơ: chữ ký không phải của người lập.",
            "The centre refused the record: it is not signed by its author.",
        ),
        advice=(
            "Hồ sơ được giữ lại ở đơn vị. Hãy báo chỉ huy đơn vị.",
            "The record stays at the station. Tell the station chief.",
        ),
    ),
    "ROSTER_INVALID": ErrorText(
        line=(
            "Trung tâm không nhận danh sách người dùng của đơn vị: chữ ký gốc không khớp với khóa "
            "trung tâm đã ghi nhận (ROSTER_INVALID). Không hồ sơ nào được nhận; hãy báo trung tâm.",
            "The centre did not accept the station's list of users: its root signature does not "
            "match the key the centre recorded (ROSTER_INVALID). No record was taken; tell the "
            "centre.",
        ),
        headline=(
            "Trung tâm không nhận danh sách người dùng của đơn vị.",
            "The centre did not accept the station's list of users.",
        ),
        advice=(
            "Không hồ sơ nào được gửi. Hãy báo trung tâm.",
            "No record was sent. Tell the centre.",
        ),
    ),
    "LAW_CATALOGUE_INVALID": ErrorText(
        line=(
            "Danh mục pháp luật không hợp lệ.",
            "The legal catalogue is not valid.",
        ),
    ),
    "LAW_VERSION_EXISTS": ErrorText(
        line=(
            "Phiên bản danh mục pháp luật này đã được phát hành.",
            "This version of the legal catalogue was already published.",
        ),
    ),
}
