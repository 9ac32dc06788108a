// Strings of plans, targets, the dashboard, snapshots and reports (kế hoạch, chỉ tiêu, báo cáo).
export const targets = {
  vi: {
    "nav.targets": "Chỉ tiêu",
  },
  en: {
    "nav.targets": "Targets",
  },
};
