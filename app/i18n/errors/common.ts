// Shared server messages: HTTP error pages and generic validation.
export const common = {
  vi: {
    "http.forbidden": "Bạn không có quyền thực hiện thao tác này.",
    "http.notFound": "Không tìm thấy trang hoặc dữ liệu bạn yêu cầu.",
    "http.badIntent": "Thao tác không hợp lệ.",
    "http.badRequest": "Yêu cầu không hợp lệ.",
    "validation.invalid": "Giá trị không hợp lệ.",
  },
  en: {
    "http.forbidden": "You are not allowed to do this.",
    "http.notFound": "The page or data you asked for was not found.",
    "http.badIntent": "This action is not valid.",
    "http.badRequest": "The request is not valid.",
    "validation.invalid": "The value is not valid.",
  },
} as const;
