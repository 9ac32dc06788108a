// Server and validation messages for sign-in: sessions (issue 11).
export const authSessions = {
  vi: {},
  en: {},
} satisfies { vi: Record<string, string>; en: Record<string, string> };
