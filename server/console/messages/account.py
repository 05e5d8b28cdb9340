"""Texts of the account page: one's own password and optional two-step verification."""

MESSAGES = {
    "account.title": ("Tài khoản của tôi", "My account"),
    "account.name": ("Tên đăng nhập", "User name"),
    "account.full_name": ("Họ và tên", "Full name"),
    "account.role": ("Vai trò", "Role"),
    "account.scope": ("Phạm vi", "Scope"),
    "account.totp": ("Xác thực hai bước", "Two-step verification"),
    "account.totp_on": ("Đang bật", "On"),
    "account.totp_off": ("Chưa bật", "Off"),
    "account.totp_setup": ("Bật xác thực hai bước", "Turn on two-step verification"),
    "account.totp_done": ("Đã bật xác thực hai bước.", "Two-step verification is on."),
    "account.password_title": ("Đổi mật khẩu", "Change password"),
    "account.current": ("Mật khẩu hiện tại", "Current password"),
    "account.new": ("Mật khẩu mới", "New password"),
    "account.confirm": ("Nhập lại mật khẩu mới", "New password again"),
    "account.rules": (
        "Ít nhất 12 ký tự, gồm ít nhất ba loại: chữ thường, chữ hoa, chữ số, ký hiệu; "
        "không chứa tên đăng nhập.",
        "At least 12 characters mixing at least three of: lower case, upper case, digits, "
        "signs; not containing the user name.",
    ),
    "account.change": ("Đổi mật khẩu", "Change password"),
    "account.changed": (
        "Đã đổi mật khẩu. Các phiên đăng nhập khác của bạn đã kết thúc.",
        "Password changed. Your other sessions have been signed out.",
    ),
    "account.wrong_current": ("Mật khẩu hiện tại không đúng.", "The current password is wrong."),
    "account.mismatch": (
        "Hai lần nhập mật khẩu mới không giống nhau.",
        "The two new passwords are not the same.",
    ),
    "account.weak": (
        "Mật khẩu mới chưa đủ mạnh: ít nhất 12 ký tự, gồm ít nhất ba loại (chữ thường, chữ hoa, "
        "chữ số, ký hiệu), không lặp một vài ký tự, không chứa tên đăng nhập.",
        "The new password is too weak: at least 12 characters mixing at least three kinds "
        "(lower case, upper case, digits, signs), not a few characters repeated, not "
        "containing the user name.",
    ),
}
