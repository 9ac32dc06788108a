// Page texts for sign-in: oidc (issue 11).
export const authOidc = {
  vi: {},
  en: {},
} satisfies { vi: Record<string, string>; en: Record<string, string> };
