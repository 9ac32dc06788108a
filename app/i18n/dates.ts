// The date input (app/components/date-input.tsx): the app reads and writes dd/mm/yyyy whatever the browser's locale.
export const dates = {
  vi: {
    "date.hint": "Ngày/tháng/năm, ví dụ 31/12/2026",
    "date.timeHint": "Ngày/tháng/năm giờ:phút (giờ Việt Nam), ví dụ 31/12/2026 08:00",
    "date.impossible": "Ngày {value} không có trên lịch.",
    "date.format": "Nhập ngày theo dạng dd/mm/yyyy, ví dụ 31/12/2026.",
  },
  en: {
    "date.hint": "Day/month/year, e.g. 31/12/2026",
    "date.timeHint": "Day/month/year hour:minute (Vietnam time), e.g. 31/12/2026 08:00",
    "date.impossible": "{value} is not a date on the calendar.",
    "date.format": "Type the date as dd/mm/yyyy, e.g. 31/12/2026.",
  },
} as const;
