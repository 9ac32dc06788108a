// OpenID Connect sign-in (authorization code + PKCE, state, nonce) with openid-client. Built under issue 11.
import type { OidcProviderConfig } from "./config.server";

/** The URL of the route that starts a sign-in at this provider (it creates the flow and redirects). */
export function oidcStartPath(provider: OidcProviderConfig, returnTo: string): string {
  const q = returnTo ? `?returnTo=${encodeURIComponent(returnTo)}` : "";
  return `/auth/oidc/${provider.id}/start${q}`;
}
