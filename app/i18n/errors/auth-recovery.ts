// Server messages for sign-in: self-service recovery (issue 11): refused links and the emails sent.
export const authRecovery = {
  vi: {
    "title.forgotPassword": "Quên mật khẩu",
    "title.resetPassword": "Đặt lại mật khẩu",
    "title.loginEmail": "Đăng nhập qua email",
    "title.magicLink": "Đăng nhập bằng liên kết email",
    "recovery.passwordSet": "Đã đặt mật khẩu mới. Mọi phiên đăng nhập khác của tài khoản đã kết thúc.",
    "recovery.emailRequired": "Vui lòng nhập email công vụ.",
    "recovery.linkUsed": "Liên kết này đã được dùng hoặc đã được thay bằng một liên kết mới hơn.",
    "recovery.linkExpired": "Liên kết này đã hết hạn; hãy yêu cầu liên kết mới.",
    "recovery.linkInvalid": "Liên kết này không hợp lệ.",
    "recovery.magicOff": "Đăng nhập bằng liên kết email không được bật ở hệ thống này.",
    "recovery.mail.reset.subject": "Đặt lại mật khẩu Học ATTT",
    "recovery.mail.reset.text":
      "Kính gửi {name},\n\nCó yêu cầu đặt lại mật khẩu cho tài khoản Học ATTT của anh/chị. Mở liên kết dưới đây để đặt mật khẩu mới (hiệu lực {minutes} phút, dùng được một lần):\n\n{link}\n\nSau khi đặt mật khẩu mới, mọi phiên đăng nhập khác của tài khoản sẽ kết thúc. Nếu anh/chị không yêu cầu, hãy bỏ qua thư này: mật khẩu hiện tại không thay đổi.\n\nHọc ATTT",
    "recovery.mail.external.text":
      "Kính gửi {name},\n\nCó yêu cầu đặt lại mật khẩu Học ATTT cho địa chỉ này. Tài khoản của anh/chị đăng nhập qua {service}, nên mật khẩu được đổi tại hệ thống đó (liên hệ bộ phận quản trị hệ thống đó nếu cần), không phải trên Học ATTT. Để đăng nhập, mở {login} và nhập email công vụ.\n\nNếu anh/chị không yêu cầu, hãy bỏ qua thư này.\n\nHọc ATTT",
    "recovery.mail.magic.subject": "Liên kết đăng nhập Học ATTT",
    "recovery.mail.magic.text":
      "Kính gửi {name},\n\nMở liên kết dưới đây để đăng nhập Học ATTT (hiệu lực {minutes} phút, dùng được một lần):\n\n{link}\n\nNếu anh/chị không yêu cầu, hãy bỏ qua thư này.\n\nHọc ATTT",
    "recovery.mail.magicStaff.text":
      "Kính gửi {name},\n\nCó yêu cầu gửi liên kết đăng nhập Học ATTT cho địa chỉ này. Tài khoản của anh/chị có quyền quản lý nên không đăng nhập bằng liên kết email được: hãy đăng nhập bằng mật khẩu tại {login}. Quên mật khẩu: {forgot}\n\nNếu anh/chị không yêu cầu, hãy bỏ qua thư này.\n\nHọc ATTT",
    "recovery.mail.magicExternal.text":
      "Kính gửi {name},\n\nCó yêu cầu gửi liên kết đăng nhập Học ATTT cho địa chỉ này. Tài khoản của anh/chị đăng nhập qua {service}: mở {login}, nhập email công vụ và trang sẽ chuyển tới hệ thống đó.\n\nNếu anh/chị không yêu cầu, hãy bỏ qua thư này.\n\nHọc ATTT",
  },
  en: {
    "title.forgotPassword": "Forgot password",
    "title.resetPassword": "Reset password",
    "title.loginEmail": "Sign in by email",
    "title.magicLink": "Sign in with an email link",
    "recovery.passwordSet": "Your new password is set. Every other session of the account has been ended.",
    "recovery.emailRequired": "Please enter your official email.",
    "recovery.linkUsed": "This link has already been used or was replaced by a newer one.",
    "recovery.linkExpired": "This link has expired; ask for a new one.",
    "recovery.linkInvalid": "This link is not valid.",
    "recovery.magicOff": "Signing in with an email link is not enabled on this system.",
    "recovery.mail.reset.subject": "Reset your Học ATTT password",
    "recovery.mail.reset.text":
      "Dear {name},\n\nSomeone asked to reset the password of your Học ATTT account. Open the link below to set a new password (valid for {minutes} minutes, works once):\n\n{link}\n\nSetting a new password ends every other session of the account. If you did not ask for this, ignore this email: your current password stays as it is.\n\nHọc ATTT",
    "recovery.mail.external.text":
      "Dear {name},\n\nSomeone asked to reset the Học ATTT password of this address. Your account signs in through {service}, so the password is changed there (ask that system's administrators if needed), not on Học ATTT. To sign in, open {login} and enter your official email.\n\nIf you did not ask for this, ignore this email.\n\nHọc ATTT",
    "recovery.mail.magic.subject": "Your Học ATTT sign-in link",
    "recovery.mail.magic.text":
      "Dear {name},\n\nOpen the link below to sign in to Học ATTT (valid for {minutes} minutes, works once):\n\n{link}\n\nIf you did not ask for this, ignore this email.\n\nHọc ATTT",
    "recovery.mail.magicStaff.text":
      "Dear {name},\n\nSomeone asked for a Học ATTT sign-in link for this address. Your account has management roles, so it cannot sign in with an email link: sign in with your password at {login}. Forgot it: {forgot}\n\nIf you did not ask for this, ignore this email.\n\nHọc ATTT",
    "recovery.mail.magicExternal.text":
      "Dear {name},\n\nSomeone asked for a Học ATTT sign-in link for this address. Your account signs in through {service}: open {login}, enter your official email and the page takes you there.\n\nIf you did not ask for this, ignore this email.\n\nHọc ATTT",
  },
} satisfies { vi: Record<string, string>; en: Record<string, string> };
