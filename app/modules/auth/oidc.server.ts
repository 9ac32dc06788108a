// OpenID Connect sign-in (authorization code + PKCE S256, state, nonce) with openid-client, which validates
// the ID token (signature, iss, aud, exp, nonce). A flow is one OidcFlow row keyed by sha256(state), bound to
// the browser that started it by a short-lived cookie holding the state, and deleted when the provider comes
// back (single use). The identity is then linked by the rule in accounts.server.ts (docs/decisions/008).
import { sha256 } from "@oslojs/crypto/sha2";
import { encodeHexLowerCase } from "@oslojs/encoding";
import * as client from "openid-client";
import { db } from "~/db.server";
import { safeRedirect } from "~/utils/forms";
import { linkExternalIdentity } from "./accounts.server";
import { type OidcProviderConfig, getAuthConfig, publicBaseUrl } from "./config.server";
import { readCookie, secureCookies } from "./session.server";
import { type SignInMeta, completeSignIn } from "./sign-in.server";

export const OIDC_FLOW_COOKIE = "hoc_oidc";
const FLOW_TTL_MS = 10 * 60 * 1000;
const COOKIE_PATH = "/auth/oidc/";
/** Seconds allowed for discovery and the token exchange before the provider counts as unreachable. */
const HTTP_TIMEOUT_S = 10;

/** The URL of the route that starts a sign-in at this provider (it creates the flow and redirects). */
export function oidcStartPath(provider: OidcProviderConfig, returnTo: string): string {
  const q = returnTo ? `?returnTo=${encodeURIComponent(returnTo)}` : "";
  return `/auth/oidc/${provider.id}/start${q}`;
}

export function findOidcProvider(id: string | undefined): OidcProviderConfig | undefined {
  return getAuthConfig().oidc.find((p) => p.id === id);
}

/** The redirect URI registered at the provider: `<publicUrl>/auth/oidc/<id>/callback`. */
export function oidcCallbackUrl(provider: { id: string }, request?: Request): string {
  return `${publicBaseUrl(request)}/auth/oidc/${provider.id}/callback`;
}

const configurations = new Map<string, Promise<client.Configuration>>();

/** The provider's discovered metadata and our client settings, cached per issuer + client (a failure is not). */
export function providerConfiguration(provider: OidcProviderConfig): Promise<client.Configuration> {
  const key = JSON.stringify([provider.id, provider.issuer, provider.clientId, provider.clientSecret ?? ""]);
  let hit = configurations.get(key);
  if (!hit) {
    const auth = !provider.clientSecret
      ? client.None()
      : provider.tokenEndpointAuthMethod === "client_secret_post"
        ? client.ClientSecretPost(provider.clientSecret)
        : client.ClientSecretBasic(provider.clientSecret);
    hit = client.discovery(new URL(provider.issuer), provider.clientId, undefined, auth, {
      execute: provider.allowInsecureHttp ? [client.allowInsecureRequests] : [],
      timeout: HTTP_TIMEOUT_S,
    });
    configurations.set(key, hit);
    hit.catch(() => configurations.delete(key));
  }
  return hit;
}

/** Why a sign-in through the provider did not happen; the page never says whether an account exists. */
export type OidcFailure = {
  ok: false;
  /** unknown: not in the staff list (or outside the provider's agencies); inactive; failed: protocol error; unreachable. */
  reason: "unknown" | "inactive" | "failed" | "unreachable";
  status: 400 | 403 | 502;
};

const failure = (reason: OidcFailure["reason"]): OidcFailure => ({
  ok: false,
  reason,
  status: reason === "unreachable" ? 502 : reason === "failed" ? 400 : 403,
});

const stateId = (state: string) => encodeHexLowerCase(sha256(new TextEncoder().encode(state)));

function flowCookie(state: string, maxAgeS: number): string {
  const parts = [
    `${OIDC_FLOW_COOKIE}=${state}`,
    `Path=${COOKIE_PATH}`,
    "HttpOnly",
    "SameSite=Lax",
    `Max-Age=${maxAgeS}`,
  ];
  if (secureCookies()) parts.push("Secure");
  return parts.join("; ");
}

export const clearFlowCookie = () => flowCookie("", 0);

/** A network failure (refused, timed out, DNS) rather than an answer from the provider. */
function isUnreachable(error: unknown): boolean {
  for (let e = error as { name?: string; message?: string; code?: string; cause?: unknown } | undefined; e;) {
    if (e.name === "TimeoutError" || e.name === "AbortError") return true;
    if (e.name === "TypeError" && e.message === "fetch failed") return true;
    if (typeof e.code === "string" && /^(E[A-Z]+|UND_ERR)/.test(e.code) && !e.code.startsWith("ERR_"))
      return true;
    e = e.cause as typeof e;
  }
  return false;
}

function logFailure(provider: OidcProviderConfig, step: string, error: unknown) {
  const e = error as { name?: string; message?: string; code?: string; error?: string };
  console.warn(
    `[oidc:${provider.id}] ${step} failed: ${e?.name ?? "Error"} ${e?.code ?? e?.error ?? ""} ${e?.message ?? String(error)}`,
  );
}

/**
 * Starts a sign-in: a flow row (state → nonce, PKCE verifier, where to return), the cookie binding it to this
 * browser, and the provider's authorization URL.
 */
export async function startOidcSignIn(
  provider: OidcProviderConfig,
  request: Request,
): Promise<{ ok: true; url: string; cookie: string } | OidcFailure> {
  let configuration: client.Configuration;
  try {
    configuration = await providerConfiguration(provider);
  } catch (error) {
    logFailure(provider, "discovery", error);
    return failure(isUnreachable(error) ? "unreachable" : "failed");
  }
  const returnTo = safeRedirect(new URL(request.url).searchParams.get("returnTo"), "");
  const state = client.randomState();
  const nonce = client.randomNonce();
  const codeVerifier = client.randomPKCECodeVerifier();
  const now = Date.now();
  await db.$transaction([
    db.oidcFlow.deleteMany({ where: { expiresAt: { lt: new Date(now) } } }),
    db.oidcFlow.create({
      data: {
        id: stateId(state),
        providerId: provider.id,
        nonce,
        codeVerifier,
        returnTo,
        expiresAt: new Date(now + FLOW_TTL_MS),
      },
    }),
  ]);
  const url = client.buildAuthorizationUrl(configuration, {
    redirect_uri: oidcCallbackUrl(provider, request),
    scope: provider.scopes.join(" "),
    state,
    nonce,
    code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: "S256",
  });
  return { ok: true, url: url.href, cookie: flowCookie(state, FLOW_TTL_MS / 1000) };
}

/** Whether the provider's amr/acr show a second factor that this deployment accepts as its own. */
export function providerVouchesMfa(claims: { readonly [claim: string]: unknown }): boolean {
  const setting = getAuthConfig().twoFactor;
  if (!setting.acceptProviderMfa) return false;
  const amr = Array.isArray(claims.amr) ? claims.amr.filter((x): x is string => typeof x === "string") : [];
  if (amr.some((m) => setting.providerAmr.includes(m))) return true;
  return typeof claims.acr === "string" && setting.providerAcr.includes(claims.acr);
}

function stringClaim(value: unknown): string | null {
  return typeof value === "string" && value.trim() ? value.trim() : null;
}

/**
 * The provider came back to the callback: check the browser's state, use up the flow, exchange the code
 * (openid-client checks state, iss, PKCE and the ID token's signature, aud, exp and nonce), link the
 * identity and sign in. Nothing is written except the flow's deletion unless every check passes.
 */
export async function finishOidcSignIn(
  provider: OidcProviderConfig,
  request: Request,
  meta: SignInMeta,
): Promise<Response | OidcFailure> {
  const url = new URL(request.url);
  const state = url.searchParams.get("state");
  let cookieState: string | null = null;
  try {
    cookieState = readCookie(request, OIDC_FLOW_COOKIE);
  } catch {
    // a malformed %-sequence in the cookie: no state
  }
  // The state must be the one this browser was given: a callback link made elsewhere (login CSRF) fails here.
  if (!state || !cookieState || state !== cookieState) return failure("failed");
  const id = stateId(state);
  const flow = await db.oidcFlow.findUnique({ where: { id } });
  // Single use: only the request that deletes the row goes on (a replayed callback finds nothing).
  const { count } = await db.oidcFlow.deleteMany({ where: { id } });
  if (!flow || count !== 1 || flow.providerId !== provider.id || flow.expiresAt.getTime() <= Date.now())
    return failure("failed");
  if (url.searchParams.has("error")) {
    logFailure(provider, "authorization", {
      name: "AuthorizationResponse",
      code: url.searchParams.get("error") ?? "",
      message: url.searchParams.get("error_description") ?? "",
    });
    return failure("failed");
  }

  let claims: client.IDToken;
  let idToken: string | undefined;
  try {
    const configuration = await providerConfiguration(provider);
    // The redirect URI as the provider saw it (behind a proxy the request's own URL may differ).
    const current = new URL(oidcCallbackUrl(provider, request));
    current.search = url.search;
    const tokens = await client.authorizationCodeGrant(configuration, current, {
      expectedState: state,
      expectedNonce: flow.nonce,
      pkceCodeVerifier: flow.codeVerifier,
      idTokenExpected: true,
    });
    claims = tokens.claims()!;
    idToken = tokens.id_token;
    // Some providers put the email only in userinfo; fetch it there when the ID token lacks it.
    if (!stringClaim(claims.email) && tokens.access_token) {
      const info = await client
        .fetchUserInfo(configuration, tokens.access_token, claims.sub)
        .catch(() => null);
      if (info) claims = { ...info, ...claims, email: info.email } as client.IDToken;
    }
  } catch (error) {
    logFailure(provider, "token exchange", error);
    return failure(isUnreachable(error) ? "unreachable" : "failed");
  }

  // An address the provider itself has not verified is not used to find the person.
  const email = claims.email_verified === false ? null : stringClaim(claims.email);
  const staffCode = provider.staffCodeClaim ? stringClaim(claims[provider.staffCodeClaim]) : null;
  const linked = await linkExternalIdentity(provider, `oidc:${provider.id}`, claims.sub, {
    email,
    staffCode,
  });
  if (!linked.ok) return failure(linked.reason === "inactive" ? "inactive" : "unknown");

  const response = await completeSignIn(linked.userId, {
    method: `oidc:${provider.id}`,
    meta,
    returnTo: flow.returnTo,
    providerMfa: providerVouchesMfa(claims),
    idToken,
  });
  response.headers.append("Set-Cookie", clearFlowCookie());
  return response;
}

/**
 * RP-initiated logout: for a session signed in through a provider that offers end_session_endpoint (and the
 * setting asks for it), the provider's end-session URL with id_token_hint; else null (local logout only).
 */
export async function endSessionUrl(sessionId: string, request: Request): Promise<string | null> {
  const session = await db.session.findUnique({
    where: { id: sessionId },
    select: { method: true, idToken: true },
  });
  if (!session?.method.startsWith("oidc:")) return null;
  const provider = findOidcProvider(session.method.slice("oidc:".length));
  if (!provider || !provider.endSessionAtLogout) return null;
  try {
    const configuration = await providerConfiguration(provider);
    if (!configuration.serverMetadata().end_session_endpoint) return null;
    const params: Record<string, string> = {
      post_logout_redirect_uri: `${publicBaseUrl(request)}/login`,
      client_id: provider.clientId,
    };
    if (session.idToken) params.id_token_hint = session.idToken;
    return client.buildEndSessionUrl(configuration, params).href;
  } catch (error) {
    // The provider is down: our session still ends; theirs lapses on its own.
    logFailure(provider, "end session", error);
    return null;
  }
}
