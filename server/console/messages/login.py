"""Texts of signing in, the second factor and its enrolment, throttling."""

MESSAGES = {
    "login.title": ("Đăng nhập", "Sign in"),
    "login.name": ("Tên đăng nhập", "User name"),
    "login.password": ("Mật khẩu", "Password"),
    "login.submit": ("Đăng nhập", "Sign in"),
    "login.failed": (
        "Sai tên đăng nhập hoặc mật khẩu.",
        "Wrong user name or password.",
    ),
    "login.disabled": (
        "Tài khoản này đã bị vô hiệu hóa. Vui lòng liên hệ quản trị viên.",
        "This account has been disabled. Please contact the administrator.",
    ),
    "login.expired_hint": (
        "Phiên làm việc tự kết thúc sau {minutes} phút không thao tác.",
        "A session ends by itself after {minutes} minutes without activity.",
    ),
    "login.totp_title": ("Mã xác thực hai bước", "Two-step verification code"),
    "login.totp_text": (
        "Mở ứng dụng xác thực trên điện thoại và nhập mã 6 chữ số đang hiển thị cho CAX.",
        "Open the authenticator app on your phone and type the 6-digit code it shows for CAX.",
    ),
    "login.code": ("Mã 6 chữ số", "6-digit code"),
    "login.verify": ("Xác nhận", "Verify"),
    "login.code_wrong": (
        "Mã không đúng hoặc đã được dùng. Vui lòng chờ mã mới và nhập lại.",
        "The code is wrong or was already used. Please wait for a new code and try again.",
    ),
    "login.restart": ("Đăng nhập lại từ đầu", "Start signing in again"),
    "login.enrol_title": ("Thiết lập xác thực hai bước", "Set up two-step verification"),
    "login.enrol_text": (
        "Tài khoản của bạn cần xác thực hai bước. Cài một ứng dụng xác thực "
        "(ví dụ Google Authenticator, Microsoft Authenticator) trên điện thoại, "
        "rồi quét mã QR này.",
        "Your account needs two-step verification. Install an authenticator app "
        "(for example Google Authenticator or Microsoft Authenticator) on your phone, "
        "then scan this QR code.",
    ),
    "login.enrol_manual": (
        "Nếu không quét được, hãy nhập khóa này vào ứng dụng:",
        "If you cannot scan it, type this key into the app:",
    ),
    "login.enrol_once": (
        "Mã QR và khóa chỉ hiển thị trong lúc thiết lập. Không chia sẻ chúng với ai.",
        "The QR code and key are only shown during set-up. Do not share them with anyone.",
    ),
    "login.enrol_confirm": (
        "Nhập mã 6 chữ số ứng dụng hiển thị để xác nhận:",
        "Type the 6-digit code the app shows to confirm:",
    ),
    "login.throttled_title": ("Tạm khóa đăng nhập", "Sign-in temporarily locked"),
    "login.throttled_text": (
        "Tài khoản này đã nhập sai {failures} lần liên tiếp, nên tạm thời không đăng nhập được. "
        "Vui lòng thử lại sau {until}. Mỗi lần sai tiếp theo sẽ kéo dài thời gian chờ gấp đôi.",
        "This account failed {failures} times in a row, so signing in is locked for now. "
        "Please try again after {until}. Each further failure doubles the wait.",
    ),
    "login.throttled_help": (
        "Nếu bạn quên mật khẩu, hãy nhờ quản trị viên đặt lại.",
        "If you forgot your password, ask the administrator to reset it.",
    ),
}
