"""Texts of the console audit log page."""

MESSAGES = {
    "audit.title": ("Nhật ký thao tác", "Audit log"),
    "audit.own_only": (
        "Bạn đang xem các thao tác của chính mình. Quản trị viên xem được toàn bộ nhật ký.",
        "You are seeing your own actions. Administrators see the whole log.",
    ),
    "audit.seq": ("STT", "No."),
    "audit.at": ("Thời gian", "Time"),
    "audit.actor": ("Người thực hiện", "By"),
    "audit.action": ("Thao tác", "Action"),
    "audit.target": ("Đối tượng", "Target"),
    "audit.details": ("Chi tiết", "Details"),
    "audit.from": ("Từ ngày", "From"),
    "audit.to": ("Đến ngày", "To"),
    "audit.count": ("{count} mục", "{count} entries"),
    "audit.verify": ("Kiểm tra toàn vẹn", "Verify integrity"),
    "audit.verify_help": (
        "Mỗi mục nhật ký được nối với mục trước bằng mã băm; kiểm tra sẽ phát hiện mục bị sửa, "
        "bị xóa hoặc bị đảo thứ tự.",
        "Each entry is chained to the previous one by a hash; verifying finds an entry that was "
        "altered, removed or reordered.",
    ),
    "audit.intact": (
        "Nhật ký nguyên vẹn: {count} mục, không mục nào bị sửa hay bị xóa.",
        "The log is intact: {count} entries, none altered or removed.",
    ),
    "audit.broken.altered": (
        "Nhật ký KHÔNG nguyên vẹn: mục số {seq} đã bị sửa.",
        "The log is NOT intact: entry {seq} was altered.",
    ),
    "audit.broken.missing": (
        "Nhật ký KHÔNG nguyên vẹn: mục số {seq} đã bị xóa.",
        "The log is NOT intact: entry {seq} was removed.",
    ),
    "audit.broken.chain": (
        "Nhật ký KHÔNG nguyên vẹn: chuỗi bị đứt tại mục số {seq} (mục trước đó đã bị sửa "
        "hoặc đảo thứ tự).",
        "The log is NOT intact: the chain breaks at entry {seq} (an earlier entry was altered "
        "or reordered).",
    ),
    "action.login.ok": ("Đăng nhập", "Signed in"),
    "action.login.failed": ("Đăng nhập thất bại", "Sign-in failed"),
    "action.login.throttled": ("Đăng nhập bị tạm khóa", "Sign-in locked"),
    "action.logout": ("Đăng xuất", "Signed out"),
    "action.totp.enrolled": ("Bật xác thực hai bước", "Two-step verification set up"),
    "action.user.added": ("Tạo tài khoản", "Account created"),
    "action.user.password_changed": ("Đổi mật khẩu", "Password changed"),
    "action.user.password_change_failed": ("Đổi mật khẩu thất bại", "Password change failed"),
    "action.user.disabled": ("Vô hiệu hóa tài khoản", "Account disabled"),
    "action.audit.verified": ("Kiểm tra nhật ký", "Audit log verified"),
}
