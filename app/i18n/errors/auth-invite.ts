// Server and validation messages for sign-in: invite (issue 11).
export const authInvite = {
  vi: {
    "title.invite": "Đặt mật khẩu",
    "title.peopleInvite": "Mời đăng nhập",
    "invite.dead": "Liên kết đã được dùng hoặc đã hết hạn; hãy đề nghị cán bộ phụ trách gửi lại lời mời.",
    "invite.inactive":
      "Hồ sơ cán bộ của liên kết này đã ngừng hoạt động nên không thể đăng nhập; hãy liên hệ cán bộ phụ trách đào tạo.",
    "invite.confirmRequired": "Vui lòng nhập lại mật khẩu.",
    "invite.sourceInvalid": "Lựa chọn người được mời không hợp lệ.",
    "invite.noneSelected": "Hãy chọn ít nhất một người để mời.",
    "invite.tooManySelected": 'Mỗi lần chọn tối đa {maximum} người; hãy dùng "Mời tất cả theo bộ lọc".',
    "invite.importNotFound": "Không tìm thấy lần nhập danh sách này.",
    "invite.nobody": "Không có ai cần mời.",
    "invite.sent": "Đã gửi lời mời đăng nhập cho {count} người.",
  },
  en: {
    "title.invite": "Set your password",
    "title.peopleInvite": "Invite to sign in",
    "invite.dead":
      "This link has already been used or has expired; ask your training coordinator to send the invitation again.",
    "invite.inactive":
      "The staff record of this link is no longer active, so it cannot sign in; please contact your training coordinator.",
    "invite.confirmRequired": "Please repeat the password.",
    "invite.sourceInvalid": "The choice of people to invite is not valid.",
    "invite.noneSelected": "Select at least one person to invite.",
    "invite.tooManySelected":
      'Select at most {maximum} people at a time; use "Invite all matching the filter".',
    "invite.importNotFound": "This import was not found.",
    "invite.nobody": "Nobody to invite.",
    "invite.sent": "Invitation to sign in sent to {count} people.",
  },
} satisfies { vi: Record<string, string>; en: Record<string, string> };
