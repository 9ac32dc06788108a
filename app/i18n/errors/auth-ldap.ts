// Server and validation messages for sign-in: ldap (issue 11).
export const authLdap = {
  vi: {},
  en: {},
} satisfies { vi: Record<string, string>; en: Record<string, string> };
