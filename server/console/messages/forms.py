"""Texts of the Forms pages: the catalogue, one version's fields, publishing a new version."""

MESSAGES = {
    "forms.title": ("Biểu mẫu", "Forms"),
    "forms.intro": (
        "Các biểu mẫu trung tâm đã phát hành cho đơn vị và các phiên bản của chúng. Số hồ sơ "
        "tính trong phạm vi của bạn.",
        "The forms the centre has published to the units and their versions. Record counts "
        "are within your scope.",
    ),
    "forms.col.form": ("Mã biểu mẫu", "Form"),
    "forms.col.title": ("Tên biểu mẫu", "Title"),
    "forms.col.version": ("Phiên bản", "Version"),
    "forms.col.published_at": ("Phát hành lúc", "Published"),
    "forms.col.records": ("Số hồ sơ", "Records"),
    "forms.latest": ("mới nhất", "latest"),
    "forms.none": ("Chưa có biểu mẫu nào được phát hành.", "No form has been published yet."),
    "forms.publish.title": ("Phát hành phiên bản mới", "Publish a new version"),
    "forms.publish.hint": (
        "Chọn tệp JSON định nghĩa biểu mẫu (như resources/forms/F1.json, tối đa {kb} KB). "
        "Tệp được kiểm tra toàn bộ trước khi lưu; số phiên bản phải lớn hơn phiên bản mới "
        "nhất của biểu mẫu đó. Phiên bản mới được gửi tới mọi đơn vị ở lần đồng bộ tới.",
        "Choose the form's JSON definition file (like resources/forms/F1.json, at most {kb} KB). "
        "It is checked whole before anything is stored; its version must be above the form's "
        "latest. Units receive the new version at their next sync.",
    ),
    "forms.publish.file": ("Tệp định nghĩa (.json)", "Definition file (.json)"),
    "forms.publish.submit": ("Kiểm tra và phát hành", "Check and publish"),
    "forms.publish.admin_only": (
        "Chỉ quản trị viên được phát hành phiên bản mới.",
        "Only administrators can publish a new version.",
    ),
    "forms.error.too_large": (
        "Tệp quá lớn (tối đa {kb} KB). Không có gì được lưu.",
        "The file is too large (at most {kb} KB). Nothing was stored.",
    ),
    "forms.error.no_file": (
        "Chưa chọn tệp định nghĩa. Không có gì được lưu.",
        "No definition file was chosen. Nothing was stored.",
    ),
    "forms.error.not_json": (
        "Tệp không phải JSON hợp lệ, nên không có gì được lưu. Vị trí lỗi:",
        "The file is not valid JSON, so nothing was stored. Where it breaks:",
    ),
    "forms.error.invalid": (
        "Định nghĩa biểu mẫu không hợp lệ, nên không có gì được lưu. Vị trí trong tệp và lý do:",
        "The form definition is not valid, so nothing was stored. Where in the file, and why:",
    ),
    "forms.error.version": (
        "Số phiên bản phải lớn hơn phiên bản mới nhất đã phát hành. Không có gì được lưu.",
        "The version must be above the latest published one. Nothing was stored.",
    ),
    "action.form.published": ("Phát hành phiên bản biểu mẫu", "Form version published"),
    "form.title": ("{form} phiên bản {version}", "{form} version {version}"),
    "form.back": ("Về danh sách biểu mẫu", "Back to the forms"),
    "form.published": (
        "Đã phát hành. Các đơn vị sẽ nhận phiên bản này ở lần đồng bộ tới.",
        "Published. Units will receive this version at their next sync.",
    ),
    "form.meta.id": ("Mã biểu mẫu", "Form id"),
    "form.meta.published_at": ("Phát hành lúc", "Published"),
    "form.meta.records": ("Số hồ sơ trong phạm vi", "Records in your scope"),
    "form.meta.legal_basis": ("Căn cứ pháp lý", "Legal basis"),
    "form.meta.template": ("Mẫu", "Template"),
    "form.meta.size": ("Kích thước định nghĩa", "Definition size"),
    "form.sections": ("Các phần và trường", "Sections and fields"),
    "form.col.label": ("Nhãn", "Label"),
    "form.col.path": ("Mã trường", "Field id"),
    "form.col.type": ("Kiểu", "Type"),
    "form.col.required": ("Bắt buộc", "Required"),
    "form.col.options": ("Lựa chọn", "Choices"),
    "form.required": ("Có", "Yes"),
    "form.required_if": ("Có điều kiện", "Conditionally"),
    "form.sensitive": ("Nhạy cảm", "Sensitive"),
    # A field's type as people say it (the definition's names are for the code).
    "form.type.text": ("Dòng chữ", "Text line"),
    "form.type.multiline": ("Đoạn văn", "Paragraph"),
    "form.type.integer": ("Số nguyên", "Whole number"),
    "form.type.decimal": ("Số thập phân", "Decimal number"),
    "form.type.money": ("Số tiền (đồng)", "Amount (VND)"),
    "form.type.date": ("Ngày", "Date"),
    "form.type.partial_date": ("Ngày/tháng/năm", "Date or month or year"),
    "form.type.datetime": ("Ngày giờ", "Date and time"),
    "form.type.choice": ("Chọn một", "One choice"),
    "form.type.multi_choice": ("Chọn nhiều", "Several choices"),
    "form.type.yes_no": ("Có/Không", "Yes/No"),
    "form.type.person": ("Nhân thân", "Person"),
    "form.type.address": ("Địa chỉ", "Address"),
    "form.type.group": ("Bảng nhiều dòng", "Table of rows"),
    "form.unreadable": (
        "Định nghĩa này được lưu theo định dạng cũ nên không hiển thị được các trường.",
        "This definition was stored in an older format, so its fields cannot be shown.",
    ),
}
