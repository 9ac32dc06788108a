// Page texts that were written in the JSX: labels, placeholders, landmarks.
export const ui = {
  vi: {
    "ui.windowOpens": "mở",
    "ui.windowCloses": "đóng",
    "ui.pagination": "Phân trang",
    "ui.mainNav": "Chính",
    "agencies.mergeConfirm": "Tôi hiểu thao tác này không thể hoàn tác",
    "ui.agencyCode": "Mã đơn vị",
    "assignments.emailsLabel": "Email người được giao đích danh (tùy chọn)",
    "learning.questionNumber": "Câu {number}",
    "ui.breadcrumb": "Vị trí",
    "people.onlyThisAgency": "Chỉ đơn vị này (không gồm trực thuộc)",
    "targets.snapshotLabelExample": "Quý I năm 2026",
  },
  en: {
    "ui.windowOpens": "opens",
    "ui.windowCloses": "closes",
    "ui.pagination": "Pagination",
    "ui.mainNav": "Main",
    "agencies.mergeConfirm": "I understand this cannot be undone",
    "ui.agencyCode": "Agency code",
    "assignments.emailsLabel": "Emails of people assigned by name (optional)",
    "learning.questionNumber": "Question {number}",
    "ui.breadcrumb": "Breadcrumb",
    "people.onlyThisAgency": "This agency only (without sub-units)",
    "targets.snapshotLabelExample": "Q1 2026",
  },
} as const;
