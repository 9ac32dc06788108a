// Server and validation messages for sign-in: invite (issue 11).
export const authInvite = {
  vi: {},
  en: {},
} satisfies { vi: Record<string, string>; en: Record<string, string> };
