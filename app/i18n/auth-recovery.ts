// Page texts for sign-in: self-service recovery (issue 11): "Quên mật khẩu", reset links, sign-in links.
export const authRecovery = {
  vi: {
    "recovery.email": "Email công vụ",
    "recovery.backToLogin": "Quay lại trang đăng nhập",
    "recovery.forgot.title": "Quên mật khẩu",
    "recovery.forgotLink": "Quên mật khẩu?",
    "recovery.forgot.help":
      "Nhập email công vụ của anh/chị. Chúng tôi sẽ gửi tới địa chỉ đó một liên kết để đặt mật khẩu mới.",
    "recovery.forgot.ssoHint":
      "Cán bộ đăng nhập qua hệ thống xác thực tập trung của tỉnh hoặc hộp thư công vụ đổi mật khẩu tại hệ thống đó.",
    "recovery.forgot.submit": "Gửi liên kết đặt lại mật khẩu",
    "recovery.forgot.sent":
      "Nếu địa chỉ này có trong hệ thống, chúng tôi đã gửi liên kết đặt lại mật khẩu. Hãy kiểm tra hộp thư (cả mục thư rác); liên kết có hiệu lực trong {minutes} phút và chỉ dùng được một lần.",
    "recovery.forgot.magicInstead": "Học viên có thể nhận liên kết đăng nhập qua email",
    "recovery.reset.title": "Đặt lại mật khẩu",
    "recovery.reset.for": "Đặt mật khẩu mới cho tài khoản {email}.",
    "recovery.reset.hint": "Ít nhất 10 ký tự, có cả chữ và số.",
    "recovery.reset.signsOut": "Mọi phiên đăng nhập khác của tài khoản này sẽ kết thúc.",
    "recovery.reset.submit": "Đặt mật khẩu và đăng nhập",
    "recovery.link.title": "Liên kết không còn dùng được",
    "recovery.link.used": "Liên kết này đã được dùng hoặc đã được thay bằng một liên kết mới hơn.",
    "recovery.link.expired": "Liên kết này đã hết hạn.",
    "recovery.link.invalid": "Liên kết này không hợp lệ. Hãy kiểm tra lại địa chỉ trong email.",
    "recovery.link.newReset": "Yêu cầu liên kết đặt lại mật khẩu mới",
    "recovery.link.newMagic": "Yêu cầu liên kết đăng nhập mới",
    "recovery.magic.requestTitle": "Nhận liên kết đăng nhập qua email",
    "recovery.magic.help":
      "Dành cho học viên: nhập email công vụ, chúng tôi gửi một liên kết đăng nhập dùng một lần. Tài khoản có quyền quản lý đăng nhập bằng mật khẩu.",
    "recovery.magic.submit": "Gửi liên kết đăng nhập",
    "recovery.magic.sent":
      "Nếu địa chỉ này có trong hệ thống và dùng được cách đăng nhập này, chúng tôi đã gửi liên kết đăng nhập. Liên kết có hiệu lực trong {minutes} phút và chỉ dùng được một lần.",
    "recovery.magic.title": "Đăng nhập bằng liên kết email",
    "recovery.magic.for": "Bấm nút dưới đây để đăng nhập vào tài khoản {email}.",
    "recovery.magic.signIn": "Đăng nhập",
    "recovery.magic.password": "Đăng nhập bằng mật khẩu",
  },
  en: {
    "recovery.email": "Official email",
    "recovery.backToLogin": "Back to the sign-in page",
    "recovery.forgot.title": "Forgot password",
    "recovery.forgotLink": "Forgot your password?",
    "recovery.forgot.help":
      "Enter your official email address. We will send a link to it for setting a new password.",
    "recovery.forgot.ssoHint":
      "Officials who sign in through the province's central identity service or their official mailbox change their password there.",
    "recovery.forgot.submit": "Send a password reset link",
    "recovery.forgot.sent":
      "If this address is in the system, we have sent a password reset link to it. Check your mailbox (including spam); the link is valid for {minutes} minutes and works once.",
    "recovery.forgot.magicInstead": "Learners can get a sign-in link by email",
    "recovery.reset.title": "Reset password",
    "recovery.reset.for": "Set a new password for the account {email}.",
    "recovery.reset.hint": "At least 10 characters, with both letters and digits.",
    "recovery.reset.signsOut": "Every other session of this account will be ended.",
    "recovery.reset.submit": "Set the password and sign in",
    "recovery.link.title": "This link can no longer be used",
    "recovery.link.used": "This link has already been used or was replaced by a newer one.",
    "recovery.link.expired": "This link has expired.",
    "recovery.link.invalid": "This link is not valid. Check the address in the email.",
    "recovery.link.newReset": "Ask for a new password reset link",
    "recovery.link.newMagic": "Ask for a new sign-in link",
    "recovery.magic.requestTitle": "Get a sign-in link by email",
    "recovery.magic.help":
      "For learners: enter your official email and we will send a single-use sign-in link. Accounts with management roles sign in with a password.",
    "recovery.magic.submit": "Send a sign-in link",
    "recovery.magic.sent":
      "If this address is in the system and may sign in this way, we have sent a sign-in link to it. The link is valid for {minutes} minutes and works once.",
    "recovery.magic.title": "Sign in with an email link",
    "recovery.magic.for": "Press the button below to sign in to the account {email}.",
    "recovery.magic.signIn": "Sign in",
    "recovery.magic.password": "Sign in with a password",
  },
} satisfies { vi: Record<string, string>; en: Record<string, string> };
