// Guards that throw: a route calls one at the top and reads on knowing who is asking and what they may do.
import { redirect } from "@remix-run/node";
import type { Role } from "~/generated/prisma/enums";
import { forbidden } from "~/utils/http.server";
import { type Actor, type Scope, hasRole, manageScope, phishingScope, viewScope } from "./scope";
import { SESSION_COOKIE, readCookie, sessionWithUser } from "./session.server";
import { touchSession } from "./sessions.server";

export type AuthContext = {
  actor: Actor;
  sessionId: string;
  /** The header's unread badge, read with the session (null without a person); not refreshed by an action. */
  unreadNotifications: number | null;
};
/** A sign-in whose password (or SSO) is done but whose required second factor is not yet. */
export type PendingSession = { sessionId: string; userId: string; enrolled: boolean };
type AuthState = { auth: AuthContext | null; pending: PendingSession | null };

// A half-finished sign-in does not stay usable for the session's 30 days.
export const PENDING_SECOND_FACTOR_TTL_MS = 30 * 60 * 1000;
const NOBODY: AuthState = { auth: null, pending: null };

const cache = new WeakMap<Request, Promise<AuthState>>();

async function loadState(request: Request): Promise<AuthState> {
  const token = readCookie(request, SESSION_COOKIE);
  if (!token) return NOBODY;
  const found = await sessionWithUser(token);
  if (!found) return NOBODY;
  const { session, user } = found;
  // A deactivated person can no longer sign in, even with a live session.
  if (user.person && !user.person.active) return NOBODY;
  // "Phiên đăng nhập" shows when each session was last used (pending ones too): at most one write a minute.
  await touchSession(session);
  // A required second factor is not done yet: only the two-factor pages (getPendingSession) see this session.
  if (session.pendingSecondFactor) {
    if (Date.now() - session.createdAt.getTime() > PENDING_SECOND_FACTOR_TTL_MS) return NOBODY;
    return {
      auth: null,
      pending: { sessionId: session.id, userId: session.userId, enrolled: user.totpEnabled },
    };
  }
  const actor: Actor = {
    userId: session.userId,
    email: user.email,
    personId: user.person?.id ?? null,
    fullName: user.person?.fullName ?? user.email,
    locale: user.locale === "en" ? "en" : "vi",
    mustChangePassword: user.mustChangePassword,
    grants: user.grants,
  };
  return { auth: { actor, sessionId: session.id, unreadNotifications: user.unread }, pending: null };
}

function getState(request: Request): Promise<AuthState> {
  let p = cache.get(request);
  if (!p) {
    p = loadState(request);
    cache.set(request, p);
  }
  return p;
}

/** The signed-in caller, or null. Memoised per request so layout and route share one lookup. */
export async function getAuth(request: Request): Promise<AuthContext | null> {
  return (await getState(request)).auth;
}

export async function getActor(request: Request): Promise<Actor | null> {
  return (await getAuth(request))?.actor ?? null;
}

/**
 * Where a caller without a live session goes: the login page, told where to come back to. A GET comes back
 * to itself. A POST cannot be replayed, so it comes back to the page the form was on (the Referer, when it is
 * ours) or else the action's URL. `reason=expired` lets the login page say why, when the caller clearly had
 * been signed in: a session cookie that no longer works, or a form posted from inside the app.
 */
export function loginRedirect(request: Request): string {
  const params = new URLSearchParams({ redirectTo: returnPath(request) });
  const isGet = request.method === "GET" || request.method === "HEAD";
  if (!isGet || readCookie(request, SESSION_COOKIE)) params.set("reason", "expired");
  return `/login?${params}`;
}

/** The page to come back to after signing in (see loginRedirect). */
function returnPath(request: Request): string {
  const url = new URL(request.url);
  const isGet = request.method === "GET" || request.method === "HEAD";
  let back = url.pathname + url.search;
  if (!isGet) {
    back = url.pathname;
    const referer = request.headers.get("referer");
    if (referer) {
      try {
        const r = new URL(referer);
        // Same host as the request (behind a proxy the scheme may differ): the page that held the form.
        if (r.host === (request.headers.get("host") ?? url.host)) back = r.pathname + r.search;
      } catch {
        // not a URL: keep the action's path
      }
    }
  }
  return back;
}

/** Where a pending sign-in goes instead of a page: its second-factor step, then back to that page. */
export function secondFactorRedirect(pending: PendingSession, request: Request): string {
  const step = pending.enrolled ? "/account/two-factor/verify" : "/account/two-factor/setup";
  return `${step}?${new URLSearchParams({ redirectTo: returnPath(request) })}`;
}

/** Redirects to the login page when nobody is signed in, and to the password page when a change is due. */
export async function requireActor(
  request: Request,
  opts: { allowPasswordChange?: boolean } = {},
): Promise<Actor> {
  const { auth, pending } = await getState(request);
  if (pending) throw redirect(secondFactorRedirect(pending, request));
  if (!auth) throw redirect(loginRedirect(request));
  if (auth.actor.mustChangePassword && !opts.allowPasswordChange) {
    throw redirect("/account/password");
  }
  return auth.actor;
}

export async function requireRole(request: Request, roles: Role[]): Promise<Actor> {
  const actor = await requireActor(request);
  if (!roles.some((r) => hasRole(actor, r))) forbidden();
  return actor;
}

/** Coordinators and admins: the subtrees whose people they may change. */
export async function requireManager(request: Request): Promise<{ actor: Actor; scope: Scope }> {
  const actor = await requireRole(request, ["COORDINATOR", "ADMIN"]);
  return { actor, scope: manageScope(actor) };
}

/** Coordinators, reviewers and admins: the subtrees they may read. */
export async function requireViewer(request: Request): Promise<{ actor: Actor; scope: Scope }> {
  const actor = await requireRole(request, ["COORDINATOR", "REVIEWER", "ADMIN"]);
  return { actor, scope: viewScope(actor) };
}

/** Drill managers and admins: the subtrees where they run phishing drills. */
export async function requireDrillManager(request: Request): Promise<{ actor: Actor; scope: Scope }> {
  const actor = await requireRole(request, ["PHISHING_MANAGER", "ADMIN"]);
  return { actor, scope: phishingScope(actor) };
}

export async function requireAdmin(request: Request): Promise<Actor> {
  return requireRole(request, ["ADMIN"]);
}

/** A signed-in caller with a staff record: learning pages work on the caller's own person id only. */
export async function requireLearner(request: Request): Promise<Actor & { personId: string }> {
  const actor = await requireActor(request);
  if (!actor.personId) forbidden("auth.noPersonToLearn");
  return actor as Actor & { personId: string };
}

/** A session waiting for its second factor (for the two-factor pages and logout only), or null. */
export async function getPendingSession(request: Request): Promise<PendingSession | null> {
  return (await getState(request)).pending;
}
