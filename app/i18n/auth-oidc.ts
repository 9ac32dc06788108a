// Page texts for sign-in: oidc (issue 11).
export const authOidc = {
  vi: {
    "title.oidcFailed": "Đăng nhập một lần không thành công",
    "oidc.failedTitle": "Đăng nhập một lần không thành công",
    "oidc.provider": "Đăng nhập qua: {provider}",
    "oidc.failed":
      "Việc đăng nhập qua hệ thống xác thực tập trung chưa hoàn tất, hoặc liên kết đăng nhập đã hết hạn hay đã được dùng. Vui lòng đăng nhập lại từ đầu.",
    "oidc.unreachable":
      "Không kết nối được tới hệ thống xác thực tập trung. Vui lòng thử lại sau ít phút; nếu vẫn không được, liên hệ cán bộ phụ trách đào tạo.",
    "oidc.notInStaffList":
      "Tài khoản chưa có trong danh sách cán bộ của tỉnh; liên hệ cán bộ phụ trách đào tạo.",
    "oidc.inactive":
      "Hồ sơ cán bộ gắn với tài khoản này đã ngừng hoạt động nên không đăng nhập được; liên hệ cán bộ phụ trách đào tạo.",
    "oidc.backToLogin": "Quay lại trang đăng nhập",
  },
  en: {
    "title.oidcFailed": "Single sign-on failed",
    "oidc.failedTitle": "Single sign-on failed",
    "oidc.provider": "Signing in through: {provider}",
    "oidc.failed":
      "Signing in through the central identity service did not complete, or the sign-in link has expired or was already used. Please sign in again from the start.",
    "oidc.unreachable":
      "The central identity service cannot be reached. Please try again in a few minutes; if it still fails, contact your training coordinator.",
    "oidc.notInStaffList":
      "This account is not in the province's staff list; contact your training coordinator.",
    "oidc.inactive":
      "The staff record linked to this account is no longer active, so it cannot sign in; contact your training coordinator.",
    "oidc.backToLogin": "Back to the sign-in page",
  },
} satisfies { vi: Record<string, string>; en: Record<string, string> };
