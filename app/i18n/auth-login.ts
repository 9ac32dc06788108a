// Page texts for sign-in: the login page (issue 11).
export const authLogin = {
  vi: {
    "login.ssoLabel": "Đăng nhập một lần",
    "login.ssoButton": "Đăng nhập bằng {name}",
    "login.or": "hoặc",
    "login.hintOidc": "Bạn sẽ được chuyển tới {name}.",
    "login.hintLdap": "Dùng mật khẩu thư công vụ ({name}).",
    "login.forgot": "Quên mật khẩu?",
    "login.magicLink": "Nhận liên kết đăng nhập qua email",
    "login.notice.reset": "Đã đặt lại mật khẩu. Hãy đăng nhập bằng mật khẩu mới.",
    "login.notice.invited": "Tài khoản của bạn đã sẵn sàng. Hãy đăng nhập bằng mật khẩu vừa đặt.",
    "login.notice.logged-out": "Bạn đã đăng xuất.",
    "login.notice.link-used":
      "Liên kết này đã được dùng hoặc đã hết hạn. Hãy đăng nhập hoặc yêu cầu một liên kết mới.",
  },
  en: {
    "login.ssoLabel": "Single sign-on",
    "login.ssoButton": "Sign in with {name}",
    "login.or": "or",
    "login.hintOidc": "You will be sent to {name}.",
    "login.hintLdap": "Use your official mail password ({name}).",
    "login.forgot": "Forgot your password?",
    "login.magicLink": "Get a sign-in link by email",
    "login.notice.reset": "Your password has been reset. Sign in with the new password.",
    "login.notice.invited": "Your account is ready. Sign in with the password you just set.",
    "login.notice.logged-out": "You have signed out.",
    "login.notice.link-used":
      "This link has already been used or has expired. Sign in or ask for a new link.",
  },
} satisfies { vi: Record<string, string>; en: Record<string, string> };
