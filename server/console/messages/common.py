"""Texts of the frame every page shares: header, navigation, error pages, generic words."""

MESSAGES = {
    "app.name": ("CAX — Trung tâm", "CAX — Centre"),
    "nav.overview": ("Tổng quan", "Overview"),
    "nav.stations": ("Đơn vị", "Units"),
    "nav.records": ("Hồ sơ", "Records"),
    "nav.reports": ("Báo cáo", "Reports"),
    "nav.forms": ("Biểu mẫu", "Forms"),
    "nav.audit": ("Nhật ký", "Audit log"),
    "nav.account": ("Tài khoản", "Account"),
    "nav.logout": ("Đăng xuất", "Sign out"),
    "nav.main": ("Điều hướng chính", "Main navigation"),
    "lang.switch": ("English", "Tiếng Việt"),
    "scope.all": ("Toàn quốc", "Whole country"),
    "scope.province": ("Tỉnh: {name}", "Province: {name}"),
    "scope.station": ("Đơn vị: {name}", "Unit: {name}"),
    "role.admin": ("Quản trị", "Administrator"),
    "role.reviewer": ("Cán bộ duyệt", "Reviewer"),
    "role.viewer": ("Cán bộ xem", "Viewer"),
    "common.search": ("Tìm", "Search"),
    "common.filter": ("Lọc", "Filter"),
    "common.clear": ("Bỏ lọc", "Clear"),
    "common.save": ("Lưu", "Save"),
    "common.cancel": ("Hủy", "Cancel"),
    "common.back": ("Quay lại", "Back"),
    "common.none": ("Không có dữ liệu.", "Nothing to show."),
    "common.previous": ("Trang trước", "Previous page"),
    "common.next": ("Trang sau", "Next page"),
    "common.page": ("Trang {page}/{pages}", "Page {page} of {pages}"),
    "common.date_hint": ("dd/mm/yyyy", "dd/mm/yyyy"),
    "common.bad_date": (
        "Ngày «{value}» không hợp lệ; hãy nhập theo dạng dd/mm/yyyy.",
        "The date “{value}” is not valid; type it as dd/mm/yyyy.",
    ),
    "common.all": ("Tất cả", "All"),
    "health.green": ("Tốt", "Good"),
    "health.amber": ("Cần chú ý", "Needs attention"),
    "health.red": ("Có vấn đề", "Problem"),
    "health.grey": ("Chưa có dữ liệu", "No data"),
    "error.title": ("Lỗi", "Error"),
    "error.home": ("Về trang tổng quan", "Back to the overview"),
    "error.400.title": ("Yêu cầu không hợp lệ", "Invalid request"),
    "error.400.text": (
        "Dữ liệu gửi lên không hợp lệ. Vui lòng kiểm tra và thử lại.",
        "What was sent is not valid. Please check it and try again.",
    ),
    "error.403.title": ("Không có quyền", "Not allowed"),
    "error.403.text": (
        "Tài khoản của bạn không có quyền thực hiện thao tác này.",
        "Your account is not allowed to do this.",
    ),
    "error.csrf.text": (
        "Biểu mẫu đã hết hạn hoặc không hợp lệ, nên không có gì thay đổi. "
        "Vui lòng tải lại trang và thử lại.",
        "The form has expired or is not valid, so nothing was changed. "
        "Please reload the page and try again.",
    ),
    "error.404.title": ("Không tìm thấy trang", "Page not found"),
    "error.404.text": (
        "Trang hoặc mục bạn tìm không tồn tại, hoặc nằm ngoài phạm vi của bạn.",
        "The page or item does not exist, or is outside your scope.",
    ),
    "error.405.title": ("Thao tác không hợp lệ", "Not allowed here"),
    "error.405.text": (
        "Trang này không nhận thao tác đó.",
        "This page does not accept that action.",
    ),
    "error.429.title": ("Tạm khóa", "Temporarily locked"),
    "error.429.text": (
        "Quá nhiều lần thử sai. Vui lòng chờ một lúc rồi thử lại.",
        "Too many failed tries. Please wait a while and try again.",
    ),
    "error.500.title": ("Lỗi hệ thống", "System error"),
    "error.500.text": (
        "Đã xảy ra lỗi trong hệ thống. Không có gì thay đổi. Vui lòng thử lại sau "
        "hoặc báo cho quản trị viên.",
        "Something went wrong in the system. Nothing was changed. Please try again later "
        "or tell the administrator.",
    ),
    "error.503.title": ("Hệ thống tạm thời không sẵn sàng", "Temporarily unavailable"),
    "error.503.text": (
        "Không kết nối được cơ sở dữ liệu. Vui lòng thử lại sau ít phút.",
        "The database cannot be reached. Please try again in a few minutes.",
    ),
    "error.code": ("Mã lỗi: {code}", "Error code: {code}"),
}
