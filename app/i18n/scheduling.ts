// Strings of classes and drills (lớp tập huấn, diễn tập): offerings, registrations, attendance, calendars.
export const scheduling = {
  vi: {
    "nav.offerings": "Lớp học, diễn tập",
  },
  en: {
    "nav.offerings": "Classes & drills",
  },
};
