// Both locales' messages, merged from the per-domain files: the server renders with them, and serves the reader's
// locale to the browser as a cacheable script (./script.server.ts). The `.server` name keeps them out of the
// browser bundle (Remix empties such modules there): a page ships one locale, not both.
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
import { phishingResults } from "./phishing-results";
import { phishingReports } from "./phishing-reports";
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
import { phishingTemplates } from "./phishing-templates";
import { phishingCampaigns } from "./phishing-campaigns";
import { phishingDrill } from "./phishing-drill";
import { mergeDictionaries } from "./merge";

import type { Locale } from "./index";

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
  phishingTemplates,
  phishingResults,
  phishingReports,
  phishingCampaigns,
  phishingDrill,
);
const vi = all.vi;
// A key missing from an English file is a type error here.
const en: Record<keyof typeof vi, string> = all.en;

/** Every message key (the Vietnamese file's keys). */
export type MessageKey = keyof typeof vi;
export const dictionaries: Record<Locale, Record<MessageKey, string>> = { vi, en };
