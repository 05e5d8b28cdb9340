"""Texts of the records list and of one record's page (its form, revisions, reviews)."""

MESSAGES = {
    "records.title": ("Hồ sơ", "Records"),
    "records.search": ("Tìm theo tên, số giấy tờ, địa chỉ…", "Search by name, ID number, address…"),
    "records.search_label": ("Tìm kiếm", "Search"),
    "records.search_hint": (
        "Gõ có dấu hoặc không dấu đều được: «nguyen van duc» tìm thấy «Nguyễn Văn Đức».",
        "With or without accents: “nguyen van duc” finds “Nguyễn Văn Đức”.",
    ),
    "records.form": ("Biểu mẫu", "Form"),
    "records.station": ("Đơn vị", "Unit"),
    "records.station_code": ("Mã đơn vị (5 số)", "Unit code (5 digits)"),
    "records.status": ("Trạng thái", "Status"),
    "records.event_range": ("Ngày vụ việc (từ – đến)", "Event date (from – to)"),
    "records.from": ("Ngày vụ việc từ", "Event date from"),
    "records.to": ("Ngày vụ việc đến", "Event date to"),
    "records.received": ("Nhận lúc", "Received"),
    "records.event_date": ("Ngày vụ việc", "Event date"),
    "records.record": ("Hồ sơ", "Record"),
    "records.revision": ("Lần sửa", "Revision"),
    "records.open": ("Xem", "Open"),
    "records.none": (
        "Không có hồ sơ nào khớp với điều kiện lọc.",
        "No record matches these filters.",
    ),
    "records.first_page": ("Về trang đầu", "First page"),
    "records.next_page": ("50 hồ sơ tiếp theo", "Next 50 records"),
    "records.order": (
        "Hồ sơ nhận gần nhất ở trên cùng; mỗi trang 50 hồ sơ.",
        "Most recently received first; 50 records a page.",
    ),
    "records.bad_status": ("Trạng thái «{value}» không có.", "There is no status “{value}”."),
    "records.bad_range": (
        "Ngày «từ» phải trước hoặc bằng ngày «đến».",
        "The “from” date must not be after the “to” date.",
    ),
    "records.bad_cursor": (
        "Liên kết trang không hợp lệ. Hãy quay về trang đầu của danh sách.",
        "This page link is not valid. Go back to the first page of the list.",
    ),
    "records.status.submitted": ("Chờ duyệt", "Awaiting review"),
    "records.status.returned": ("Trả lại để sửa", "Returned for correction"),
    "records.status.accepted": ("Đã duyệt", "Accepted"),
    "records.status.deleted": ("Đã hủy tại đơn vị", "Voided by the unit"),
    # One record
    "record.title": ("Hồ sơ", "Record"),
    "record.back": ("← Danh sách hồ sơ", "← Records"),
    "record.station": ("Đơn vị", "Unit"),
    "record.form": ("Biểu mẫu", "Form"),
    "record.number": ("Số văn bản", "Document number"),
    "record.number_none": (
        "Đơn vị chưa gửi số văn bản (phiên bản CAX Desk của đơn vị cũ hơn).",
        "The unit has not sent its document number (its CAX Desk is older).",
    ),
    "record.status": ("Trạng thái", "Status"),
    "record.received": ("Trung tâm nhận lúc", "Received by the centre"),
    "record.changed": ("Sửa lần cuối tại đơn vị", "Last changed at the unit"),
    "record.revision": ("Lần sửa hiện tại", "Current revision"),
    "record.id": ("Mã hồ sơ", "Record id"),
    "record.event_date": ("Ngày vụ việc", "Event date"),
    "record.voided": (
        "Hồ sơ này đã bị hủy tại đơn vị. Lý do: {reason}",
        "This record was voided by the unit. Reason: {reason}",
    ),
    "record.voided_no_review": (
        "Hồ sơ đã hủy không thể duyệt hay trả lại.",
        "A voided record cannot be accepted or returned.",
    ),
    "record.content": ("Nội dung (lần sửa {revision})", "Content (revision {revision})"),
    "record.no_form": (
        "Máy chủ không có định nghĩa biểu mẫu {form} phiên bản {version}; nội dung hiển thị "
        "dạng thô.",
        "The server has no definition of form {form} version {version}; the content is shown raw.",
    ),
    "record.sensitive": ("Nhạy cảm", "Sensitive"),
    "record.sensitive_note": (
        "Trường đánh dấu «Nhạy cảm» là thông tin cần hạn chế (Nghị định 356): chỉ xem khi cần "
        "cho việc duyệt, không sao chép ra ngoài.",
        "Fields marked “Sensitive” are restricted information (Decree 356): view them only as "
        "the review needs, do not copy them out.",
    ),
    "record.row": ("STT", "No."),
    "record.revisions": ("Các lần sửa", "Revisions"),
    "record.revision_n": ("Lần {n}", "Revision {n}"),
    "record.author": ("Người sửa", "By"),
    "record.device": ("Máy", "Computer"),
    "record.changed_at": ("Sửa lúc", "Changed"),
    "record.received_at": ("Nhận lúc", "Received"),
    "record.changes": ("Thay đổi", "Changes"),
    "record.first_revision": ("Bản đầu tiên gửi lên.", "First version sent."),
    "record.no_changes": ("Không đổi nội dung.", "No change to the content."),
    "record.voided_in": ("Hủy hồ sơ. Lý do: {reason}", "Voided. Reason: {reason}"),
    "record.amended_because": ("Lý do sửa: {reason}", "Reason for the amendment: {reason}"),
    "record.empty": ("(trống)", "(empty)"),
    "record.reviews": ("Lịch sử duyệt", "Review history"),
    "record.no_reviews": ("Chưa có quyết định duyệt nào.", "No review decision yet."),
    "record.decision": ("Quyết định", "Decision"),
    "record.reviewer": ("Người duyệt", "Reviewer"),
    "record.decided_at": ("Thời gian", "When"),
    "record.comment": ("Ý kiến", "Comment"),
    "record.of_revision": ("Cho lần sửa", "On revision"),
    "record.decision.accepted": ("Duyệt", "Accepted"),
    "record.decision.returned": ("Trả lại để sửa", "Returned for correction"),
    "record.review": ("Duyệt hồ sơ", "Review"),
    "record.review_help": (
        "Quyết định áp dụng cho lần sửa {revision} đang hiển thị và được gửi về đơn vị ở lần "
        "đồng bộ tiếp theo. Trả lại cần ghi rõ nội dung phải sửa.",
        "The decision applies to revision {revision} shown here and reaches the unit at its "
        "next sync. A return must say what to correct.",
    ),
    "record.comment_label": ("Ý kiến (tối đa 2.000 ký tự)", "Comment (at most 2,000 characters)"),
    "record.accept": ("Duyệt", "Accept"),
    "record.return": ("Trả lại để sửa", "Return for correction"),
    "record.done.accepted": (
        "Đã duyệt hồ sơ. Đơn vị sẽ nhận quyết định ở lần đồng bộ tiếp theo.",
        "Record accepted. The unit receives the decision at its next sync.",
    ),
    "record.done.returned": (
        "Đã trả lại hồ sơ để sửa. Đơn vị sẽ nhận ý kiến ở lần đồng bộ tiếp theo.",
        "Record returned for correction. The unit receives the comment at its next sync.",
    ),
    "record.refused.comment_missing": (
        "Hãy ghi ý kiến: đơn vị cần biết phải sửa gì. Chưa có gì thay đổi.",
        "Write a comment: the unit needs to know what to correct. Nothing was changed.",
    ),
    "record.refused.comment_too_long": (
        "Ý kiến dài quá 2.000 ký tự. Chưa có gì thay đổi.",
        "The comment is longer than 2,000 characters. Nothing was changed.",
    ),
    "record.refused.changed": (
        "Đơn vị vừa gửi lên lần sửa mới. Hãy xem lại nội dung rồi quyết định. Chưa có gì thay đổi.",
        "The unit has just sent a new revision. Look at it again, then decide. "
        "Nothing was changed.",
    ),
    "record.refused.deleted": (
        "Hồ sơ đã bị hủy tại đơn vị nên không thể duyệt. Chưa có gì thay đổi.",
        "The record was voided by the unit, so it cannot be reviewed. Nothing was changed.",
    ),
    "action.record.viewed": ("Xem hồ sơ", "Record viewed"),
    "action.records.searched": ("Tìm hồ sơ", "Records searched"),
    "action.record.accepted": ("Duyệt hồ sơ", "Record accepted"),
    "action.record.returned": ("Trả lại hồ sơ", "Record returned"),
}
