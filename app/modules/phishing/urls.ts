// The drill's public paths (no sign-in: they are reached from an email). Tokens come from token.server.ts.
// o = open pixel, c = click (landing or teachable page), s = landing form submit, l = teachable page,
// r = "report this email" link in the footer.
export const DRILL_PATHS = {
  open: (token: string) => `/t/o/${token}.gif`,
  click: (token: string) => `/t/c/${token}`,
  submit: (token: string) => `/t/s/${token}`,
  lesson: (token: string) => `/t/l/${token}`,
  report: (token: string) => `/t/r/${token}`,
} as const;

/** Header every drill email carries, so a forwarded-as-attachment copy is matched even without its links. */
export const DRILL_HEADER = "X-Hoc-ATTT-Drill";
