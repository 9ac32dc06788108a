// Server and validation messages for sign-in: sessions (issue 11).
export const authSessions = {
  vi: {
    "sessions.idInvalid": "Phiên không hợp lệ.",
    "sessions.userInvalid": "Tài khoản không hợp lệ.",
    "sessions.notFound": "Không tìm thấy phiên này (có thể đã đăng xuất).",
    "sessions.userNotFound": "Không tìm thấy tài khoản.",
    "sessions.ended": "Đã đăng xuất phiên đó.",
    "sessions.endedOthers": "Đã đăng xuất {count} phiên khác.",
    "sessions.endedAll": "Đã đăng xuất {count} phiên của {email}.",
    "people.staffCodeTaken": "Mã cán bộ {code} đã được dùng cho một người khác.",
    "people.staffCodeTooLong": "Mã cán bộ dài tối đa {maximum} ký tự.",
    "people.staffCodeInvalid": "Mã cán bộ chỉ gồm chữ, số và các dấu . - _ /",
    "people.rowStaffCodeInvalid": "Mã cán bộ “{value}” không hợp lệ (tối đa 50 ký tự: chữ, số, . - _ /).",
    "people.rowStaffCodeDuplicate": "Mã cán bộ {value} trùng với dòng {first} (dòng {again}).",
    "people.planStaffCodeTaken": "Mã cán bộ {code} đã được dùng cho một người khác.",
  },
  en: {
    "sessions.idInvalid": "Invalid session.",
    "sessions.userInvalid": "Invalid account.",
    "sessions.notFound": "This session was not found (it may already be signed out).",
    "sessions.userNotFound": "Account not found.",
    "sessions.ended": "That session was signed out.",
    "sessions.endedOthers": "Signed out {count} other session(s).",
    "sessions.endedAll": "Signed out {count} session(s) of {email}.",
    "people.staffCodeTaken": "Staff code {code} is already used by someone else.",
    "people.staffCodeTooLong": "The staff code is at most {maximum} characters.",
    "people.staffCodeInvalid": "A staff code holds only letters, digits and . - _ /",
    "people.rowStaffCodeInvalid":
      "Staff code “{value}” is not valid (at most 50 characters: letters, digits, . - _ /).",
    "people.rowStaffCodeDuplicate": "Staff code {value} repeats line {first} (line {again}).",
    "people.planStaffCodeTaken": "Staff code {code} is already used by someone else.",
  },
} satisfies { vi: Record<string, string>; en: Record<string, string> };
