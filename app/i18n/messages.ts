// Server and validation messages (domain errors, zod field errors, flash notices, page titles), one file
// per domain under ./errors, so that the pages' own dictionaries and these change independently.
import { common } from "./errors/common";
import { ui } from "./errors/ui";
import { titles } from "./errors/titles";
import { routes } from "./errors/routes";
import { scheduling } from "./errors/scheduling";
import { targets } from "./errors/targets";
import { learning } from "./errors/learning";
import { auth } from "./errors/auth";
import { assignments } from "./errors/assignments";
import { people } from "./errors/people";
import { agencies } from "./errors/agencies";
import { authOidc } from "./errors/auth-oidc";
import { authLdap } from "./errors/auth-ldap";
import { authInvite } from "./errors/auth-invite";
import { authTwofactor } from "./errors/auth-twofactor";
import { authSessions } from "./errors/auth-sessions";
import { authRecovery } from "./errors/auth-recovery";
import { mergeDictionaries } from "./merge";

export const messages = mergeDictionaries(
  common,
  ui,
  titles,
  routes,
  scheduling,
  targets,
  learning,
  auth,
  assignments,
  people,
  agencies,
  authOidc,
  authLdap,
  authInvite,
  authTwofactor,
  authSessions,
  authRecovery,
);
