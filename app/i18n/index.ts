// Message lookup for both locales. Each domain keeps its pages' strings in its own file, and its server and
// validation messages (domain errors, zod field errors, flash notices, page titles) in ./errors; this merges them.
import { common } from "./common";
import { people } from "./people";
import { agencies } from "./agencies";
import { admin } from "./admin";
import { learning } from "./learning";
import { assignments } from "./assignments";
import { targets } from "./targets";
import { scheduling } from "./scheduling";
import { coordinator } from "./coordinator";
import { dates } from "./dates";
import { authOidc } from "./auth-oidc";
import { authLdap } from "./auth-ldap";
import { authInvite } from "./auth-invite";
import { authTwofactor } from "./auth-twofactor";
import { authSessions } from "./auth-sessions";
import { authRecovery } from "./auth-recovery";
import { authLogin } from "./auth-login";
import { common as commonErrors } from "./errors/common";
import { ui as uiErrors } from "./errors/ui";
import { titles as titlesErrors } from "./errors/titles";
import { routes as routesErrors } from "./errors/routes";
import { scheduling as schedulingErrors } from "./errors/scheduling";
import { targets as targetsErrors } from "./errors/targets";
import { learning as learningErrors } from "./errors/learning";
import { auth as authErrors } from "./errors/auth";
import { assignments as assignmentsErrors } from "./errors/assignments";
import { people as peopleErrors } from "./errors/people";
import { agencies as agenciesErrors } from "./errors/agencies";
import { authOidc as authOidcErrors } from "./errors/auth-oidc";
import { authLdap as authLdapErrors } from "./errors/auth-ldap";
import { authInvite as authInviteErrors } from "./errors/auth-invite";
import { authTwofactor as authTwofactorErrors } from "./errors/auth-twofactor";
import { authSessions as authSessionsErrors } from "./errors/auth-sessions";
import { authRecovery as authRecoveryErrors } from "./errors/auth-recovery";
import { mergeDictionaries } from "./merge";

export type Locale = "vi" | "en";
export const LOCALES: Locale[] = ["vi", "en"];

const all = mergeDictionaries(
  common,
  people,
  agencies,
  admin,
  learning,
  assignments,
  targets,
  scheduling,
  commonErrors,
  uiErrors,
  titlesErrors,
  routesErrors,
  schedulingErrors,
  targetsErrors,
  learningErrors,
  authErrors,
  assignmentsErrors,
  peopleErrors,
  agenciesErrors,
  authOidcErrors,
  authLdapErrors,
  authInviteErrors,
  authTwofactorErrors,
  authSessionsErrors,
  authRecoveryErrors,
  coordinator,
  dates,
  authOidc,
  authLdap,
  authInvite,
  authTwofactor,
  authSessions,
  authRecovery,
  authLogin,
);
const vi = all.vi;
// A key missing from an English file is a type error here.
const en: Record<keyof typeof vi, string> = all.en;

export type MessageKey = keyof typeof vi;
export const dictionaries: Record<Locale, Record<MessageKey, string>> = { vi, en };

/** A message not yet rendered: a key and its values, translated where the reader's locale is known. */
export type MessageRef = { key: MessageKey; params?: MessageParams };
/** A value may itself be a message (a nested error) or a list of them (one per line). */
export type MessageParam = string | number | MessageRef | readonly (string | MessageRef)[];
export type MessageParams = Record<string, MessageParam>;

export function isMessageKey(value: unknown): value is MessageKey {
  return typeof value === "string" && Object.prototype.hasOwnProperty.call(vi, value);
}

function renderParam(locale: Locale, value: MessageParam): string {
  if (typeof value === "string" || typeof value === "number") return String(value);
  if (Array.isArray(value))
    return value.map((v: string | MessageRef) => `- ${renderParam(locale, v)}`).join("\n");
  const ref = value as MessageRef;
  return translate(locale, ref.key, ref.params);
}

export function translate(locale: Locale, key: MessageKey, vars?: MessageParams): string {
  const template = dictionaries[locale][key] ?? vi[key] ?? key;
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    vars[name] === undefined ? whole : renderParam(locale, vars[name]),
  );
}

export function parseLocale(value: string | null | undefined): Locale {
  return value === "en" ? "en" : "vi";
}
