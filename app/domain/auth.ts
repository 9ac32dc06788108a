// The sign-in and account vocabulary both the browser and the server need: every auth form's zod schema
// (conform checks it in the browser, the action parses it again), the public part of the sign-in
// configuration the login page uses for its live hint, and what each role may do. Pure and isomorphic.
import { z } from "zod";
import type { Role } from "~/generated/prisma/enums";
import type { MessageKey } from "~/i18n";
import { text } from "~/utils/zod-text";

// ---- passwords ----

export const newPasswordSchema = z
  .string()
  .min(10, "auth.passwordTooShort")
  .max(200, "auth.passwordTooLong")
  .refine((p) => /[A-Za-zÀ-ỹ]/.test(p) && /[0-9]/.test(p), "auth.passwordLettersDigits");

const repeated = z.string({ error: "invite.confirmRequired" }).max(200, "auth.passwordTooLong");

/** A new password typed twice (an invitation's or a reset link's form). */
export const setPasswordSchema = z
  .object({ password: newPasswordSchema, confirmPassword: repeated })
  .refine((v) => v.password === v.confirmPassword, {
    path: ["confirmPassword"],
    message: "password.mismatch",
  });

/** "Đổi mật khẩu": the current password, then the new one typed twice. */
export const changePasswordSchema = z
  .object({
    currentPassword: z
      .string({ error: "auth.currentPasswordRequired" })
      .min(1, "auth.currentPasswordRequired"),
    newPassword: newPasswordSchema,
    confirmPassword: repeated,
  })
  .refine((v) => v.newPassword === v.confirmPassword, {
    path: ["confirmPassword"],
    message: "password.mismatch",
  });

// ---- sign-in ----

export const loginFormSchema = z.object({
  email: z.string({ error: "people.emailRequired" }).trim().toLowerCase().email("people.emailInvalid"),
  // Not required here: an email bound to single sign-on needs none; the action asks for it where it does.
  password: z.string().max(200, "auth.passwordTooLong").default(""),
  redirectTo: z.string().optional(),
});

/** The "send me a link" forms (forgot password, sign-in by email): one email field. */
export const linkRequestSchema = z.object({
  email: text("recovery.emailRequired")
    .min(1, "recovery.emailRequired")
    .max(254, "people.emailInvalid")
    .toLowerCase()
    .pipe(z.email("people.emailInvalid")),
});

/** One mail domain and where its addresses sign in. */
export type DomainBinding = { domain: string; kind: "oidc" | "ldap"; id: string; name: string };

type BoundProvider = { id: string; name: string; emailDomains: readonly string[] };
/** The part of the sign-in configuration (config.server's AuthConfig) that binds mail domains. */
export type BindingConfig = {
  methods: readonly ("password" | "oidc" | "ldap")[];
  oidc: readonly BoundProvider[];
  ldap: readonly BoundProvider[];
};

/**
 * Every bound mail domain, in the order resolveLoginMethod tries them (config.methods, then each kind's
 * providers in file order), so the first match here is the method the action will use.
 */
export function domainBindings(config: BindingConfig): DomainBinding[] {
  const out: DomainBinding[] = [];
  for (const kind of config.methods) {
    if (kind === "password") continue;
    for (const p of config[kind])
      for (const domain of p.emailDomains) out.push({ domain, kind, id: p.id, name: p.name });
  }
  return out;
}

/** The binding a typed email falls under (its domain or a subdomain of a bound one), or null: a password. */
export function bindingForEmail(email: string, bindings: DomainBinding[]): DomainBinding | null {
  const at = email.lastIndexOf("@");
  if (at < 0) return null;
  const domain = email
    .slice(at + 1)
    .trim()
    .toLowerCase();
  if (!domain) return null;
  // The most specific bound domain wins, as on the server; on a tie, the first in the configured order.
  let best: DomainBinding | null = null;
  for (const b of bindings) {
    if (
      (domain === b.domain || domain.endsWith(`.${b.domain}`)) &&
      (!best || b.domain.length > best.domain.length)
    )
      best = b;
  }
  return best;
}

/** Notices the login page shows when another page sends the reader here (`/login?notice=…`). */
export const LOGIN_NOTICES = ["reset", "invited", "logged-out", "link-used"] as const;
export type LoginNotice = (typeof LOGIN_NOTICES)[number];

export function loginNotice(value: string | null): LoginNotice | null {
  return (LOGIN_NOTICES as readonly string[]).includes(value ?? "") ? (value as LoginNotice) : null;
}

// ---- two-factor ----

const code = z
  .string({ message: "twofactor.codeRequired" })
  .trim()
  .min(1, "twofactor.codeRequired")
  .max(40, "twofactor.codeTooLong");
const redirectTo = z.string().max(2000).optional();

/** The sign-in's second step: an authenticator code or a recovery code. */
export const verifyFormSchema = z.object({ code, redirectTo });

/** Enrolment: the first code from the app proves it holds the key. */
export const setupFormSchema = z.object({
  code: code.regex(/^\d{3} ?\d{3}$/, "twofactor.codeSixDigits"),
  redirectTo,
});

/** The security page's intents: a current code confirms turning it off or new recovery codes. */
export const securityIntent = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("disable"), code }),
  z.object({ intent: z.literal("regenerate"), code }),
]);

// ---- accounts (admin) ----

export const GRANTABLE_ROLES = [
  "COORDINATOR",
  "PHISHING_MANAGER",
  "REVIEWER",
  "ADMIN",
  "LEARNER",
] as const satisfies readonly Role[];

/** Roles granted for an agency subtree (the grant needs an agency code). */
export const AGENCY_ROLES = [
  "COORDINATOR",
  "PHISHING_MANAGER",
  "REVIEWER",
] as const satisfies readonly Role[];

const userId = z.string().uuid("auth.userInvalid");
const email = z.string({ error: "people.emailRequired" }).trim().toLowerCase().email("people.emailInvalid");

export const grantSchema = z
  .object({
    intent: z.literal("grant"),
    userId,
    role: z.enum(GRANTABLE_ROLES, { message: "auth.roleInvalid" }),
    agencyCode: text().max(64, "agencies.codeTooLong").optional().default(""),
  })
  .refine((v) => !(AGENCY_ROLES as readonly string[]).includes(v.role) || v.agencyCode.length > 0, {
    path: ["agencyCode"],
    message: "auth.roleNeedsAgency",
  });
export const revokeSchema = z.object({ intent: z.literal("revoke"), grantId: z.string().uuid() });
export const resetSchema = z.object({
  intent: z.literal("reset"),
  userId,
  temporaryPassword: newPasswordSchema,
});
export const createAccountSchema = z.object({
  intent: z.literal("create"),
  email,
  temporaryPassword: newPasswordSchema,
});

/** The accounts page's intents; every one needs ADMIN (requireAdmin, checked once above the switch). */
export const userAdminIntent = z.discriminatedUnion("intent", [
  grantSchema,
  revokeSchema,
  resetSchema,
  createAccountSchema,
]);

// ---- roles ----

export type RoleDescription = {
  role: Role;
  /** Where the role applies: the granted agency's subtree, the whole system, or the person's own records. */
  scope: MessageKey;
  may: readonly MessageKey[];
  mayNot: readonly MessageKey[];
};

/**
 * What each role may do, said once: the accounts page renders it through i18n keys, and a unit test keeps
 * README's table in step. The guards are the truth; each line names the guard that makes it so.
 */
export const ROLE_DESCRIPTIONS: readonly RoleDescription[] = [
  {
    // requireLearner / requireActor: own person id only.
    role: "LEARNER",
    scope: "roles.LEARNER.scope",
    may: ["roles.LEARNER.learn", "roles.LEARNER.offerings"],
    mayNot: ["roles.LEARNER.not"],
  },
  {
    // requireManager (manageScope = COORDINATOR subtrees) and requireViewer for reading targets.
    role: "COORDINATOR",
    scope: "roles.COORDINATOR.scope",
    may: [
      "roles.COORDINATOR.people",
      "roles.COORDINATOR.assign",
      "roles.COORDINATOR.offerings",
      "roles.COORDINATOR.targets",
    ],
    mayNot: ["roles.COORDINATOR.not"],
  },
  {
    // requireViewer (viewScope) to read; requirePlanManager + canManagePlan for plans, targets, snapshots.
    role: "REVIEWER",
    scope: "roles.REVIEWER.scope",
    may: ["roles.REVIEWER.read", "roles.REVIEWER.plans"],
    mayNot: ["roles.REVIEWER.not"],
  },
  {
    // requirePhishingManager (phishingScope = PHISHING_MANAGER subtrees); approval needs a second holder.
    role: "PHISHING_MANAGER",
    scope: "roles.PHISHING_MANAGER.scope",
    may: ["roles.PHISHING_MANAGER.campaigns", "roles.PHISHING_MANAGER.approve"],
    mayNot: ["roles.PHISHING_MANAGER.not"],
  },
  {
    // isAdmin: scope "ALL" in every guard, plus requireAdmin pages.
    role: "ADMIN",
    scope: "roles.ADMIN.scope",
    may: ["roles.ADMIN.all", "roles.ADMIN.agencies", "roles.ADMIN.accounts"],
    mayNot: [],
  },
];
