// Page texts for sign-in: twofactor (issue 11).
export const authTwofactor = {
  vi: {},
  en: {},
} satisfies { vi: Record<string, string>; en: Record<string, string> };
