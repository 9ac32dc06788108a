// A real OpenID provider for the tests (oidc-provider 9, the certified implementation): on 127.0.0.1 at a
// random port, with its own RS256 signing key, PKCE required, RP-initiated logout, and a login page of its
// own (email + password, plain HTML) that Chromium fills in and that plain HTTP can post to. Consent is
// granted automatically, as a province's identity service does for its own applications.
import { generateKeyPairSync, randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import Provider, { type Configuration, type KoaContextWithOIDC } from "oidc-provider";

export type TestAccount = {
  sub: string;
  email: string;
  name: string;
  password?: string;
  /** Authentication methods the provider reports in the ID token (e.g. ["pwd", "otp"]). */
  amr?: string[];
  acr?: string;
  staffCode?: string;
  emailVerified?: boolean;
};

export type TestClient = {
  client_id: string;
  client_secret?: string;
  redirect_uris: string[];
  post_logout_redirect_uris?: string[];
  token_endpoint_auth_method?: "client_secret_basic" | "client_secret_post" | "none";
};

export type TestProviderOptions = {
  accounts: TestAccount[];
  clients: TestClient[];
  /** Lifetime of ID tokens; a negative value issues tokens that expired that many seconds ago. */
  idTokenTtlSeconds?: number;
  /** The claim carrying the staff code (mã cán bộ), like a Keycloak user-attribute mapper. */
  staffCodeClaim?: string;
  /** Shown on the login page, so a screenshot tells the providers apart. */
  title?: string;
  /** A fixed port (the e2e harness); default a random free one. */
  port?: number;
};

export type TestProvider = {
  issuer: string;
  port: number;
  provider: Provider;
  /** Swap the accounts (e.g. a provider that now asserts another email for the same subject). */
  setAccounts(accounts: TestAccount[]): void;
  setIdTokenTtl(seconds: number): void;
  close(): Promise<void>;
};

export const DEFAULT_PASSWORD = "matkhau-thu";

function esc(s: string): string {
  return s.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!,
  );
}

function page(title: string, body: string): string {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font-family:sans-serif;max-width:24rem;margin:3rem auto;padding:0 1rem}label{display:block;margin-top:1rem}
input{width:100%;padding:.4rem;font-size:1rem}button{margin-top:1rem;padding:.5rem 1rem;font-size:1rem}
.error{color:#a00}</style></head><body><main>${body}</main></body></html>`;
}

async function readBody(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
}

export async function startTestProvider(options: TestProviderOptions): Promise<TestProvider> {
  let accounts = options.accounts;
  let idTokenTtl = options.idTokenTtlSeconds ?? 600;
  const staffClaim = options.staffCodeClaim ?? "ma_can_bo";
  const title = options.title ?? "Test identity provider";

  // Its own signing key, made fresh per run (node:crypto exports JWKs directly; jose is not a dependency of ours).
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const jwk = {
    ...privateKey.export({ format: "jwk" }),
    kid: randomBytes(8).toString("hex"),
    alg: "RS256",
    use: "sig",
  };

  const server = createServer();
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  const issuer = `http://127.0.0.1:${port}`;

  const configuration: Configuration = {
    clients: options.clients.map((c) => ({
      client_id: c.client_id,
      client_secret: c.client_secret,
      redirect_uris: c.redirect_uris,
      post_logout_redirect_uris: c.post_logout_redirect_uris ?? [],
      grant_types: ["authorization_code"],
      response_types: ["code"],
      token_endpoint_auth_method:
        c.token_endpoint_auth_method ?? (c.client_secret ? "client_secret_basic" : "none"),
    })),
    jwks: { keys: [jwk as never] },
    cookies: { keys: [randomBytes(32).toString("hex")] },
    pkce: { required: () => true },
    // The ID token carries the claims of the granted scopes (as Keycloak's does), not only requested ones.
    conformIdTokenClaims: false,
    claims: {
      sid: null,
      iss: null,
      // Keycloak puts acr (and, with its mapper, amr) in every ID token; so does this provider.
      openid: ["sub", "acr", "amr", "auth_time", staffClaim],
      email: ["email", "email_verified"],
      profile: ["name"],
    },
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: {
        enabled: true,
        async logoutSource(ctx: KoaContextWithOIDC, form: string) {
          ctx.body = page(
            title,
            `<h1>${esc(title)}</h1><p>Sign out of the identity provider?</p>${form}
<button type="submit" form="op.logoutForm" name="logout" value="yes">Sign out</button>`,
          );
        },
        async postLogoutSuccessSource(ctx: KoaContextWithOIDC) {
          ctx.body = page(title, `<h1>${esc(title)}</h1><p>Signed out.</p>`);
        },
      },
    },
    ttl: {
      IdToken: () => Math.max(idTokenTtl, 1),
      AccessToken: 600,
      AuthorizationCode: 60,
      Interaction: 600,
      Session: 3600,
      Grant: 3600,
    },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    async findAccount(_ctx, id) {
      const account = accounts.find((a) => a.sub === id);
      if (!account) return undefined;
      return {
        accountId: account.sub,
        async claims() {
          return {
            sub: account.sub,
            email: account.email,
            email_verified: account.emailVerified ?? true,
            name: account.name,
            ...(account.staffCode ? { [staffClaim]: account.staffCode } : {}),
          };
        },
      };
    },
    // Consent is implied for the deployment's own applications: grant what the client asked for.
    async loadExistingGrant(ctx) {
      const grantId =
        ctx.oidc.result?.consent?.grantId || ctx.oidc.session!.grantIdFor(ctx.oidc.client!.clientId);
      if (grantId) {
        const found = await ctx.oidc.provider.Grant.find(grantId);
        if (found) return found;
      }
      const grant = new ctx.oidc.provider.Grant({
        clientId: ctx.oidc.client!.clientId,
        accountId: ctx.oidc.session!.accountId,
      });
      grant.addOIDCScope("openid email profile");
      await grant.save();
      return grant;
    },
  };
  const provider = new Provider(issuer, configuration);

  // A negative TTL: the token is signed as if issued long ago, so it has already expired when it arrives.
  const IdToken = provider.IdToken as unknown as { prototype: { issue: (o: object) => Promise<string> } };
  const issue = IdToken.prototype.issue;
  IdToken.prototype.issue = function (opts: { use?: string; expiresAt?: number }) {
    if (idTokenTtl < 0 && opts?.use === "idtoken") {
      return issue.call(this, { ...opts, expiresAt: Math.floor(Date.now() / 1000) + idTokenTtl });
    }
    return issue.call(this, opts);
  };

  const callback = provider.callback();

  async function interaction(req: IncomingMessage, res: ServerResponse) {
    const details = await provider.interactionDetails(req, res);
    const uid = details.uid;
    const loginForm = (error?: string, login = "") =>
      page(
        title,
        `<h1>${esc(title)}</h1>${error ? `<p class="error" role="alert">${esc(error)}</p>` : ""}
<form method="post" action="/interaction/${esc(uid)}/login" autocomplete="off">
<label for="login">Account (email)</label><input id="login" name="login" type="text" value="${esc(login)}" autofocus>
<label for="password">Password</label><input id="password" name="password" type="password">
<button type="submit">Sign in</button></form>`,
      );
    const send = (status: number, html: string) => {
      res.writeHead(status, { "content-type": "text/html; charset=utf-8" });
      res.end(html);
    };
    if (req.method === "GET") {
      const hint = typeof details.params.login_hint === "string" ? details.params.login_hint : "";
      return send(200, loginForm(undefined, hint));
    }
    if (req.method === "POST" && req.url?.endsWith("/login")) {
      const body = await readBody(req);
      const login = (body.get("login") ?? "").trim().toLowerCase();
      const account = accounts.find((a) => a.email.toLowerCase() === login || a.sub === login);
      if (!account || (account.password ?? DEFAULT_PASSWORD) !== body.get("password")) {
        return send(200, loginForm("Invalid account or password.", login));
      }
      return provider.interactionFinished(
        req,
        res,
        { login: { accountId: account.sub, amr: account.amr ?? ["pwd"], acr: account.acr } },
        { mergeWithLastSubmission: false },
      );
    }
    send(405, page(title, "<p>Method not allowed</p>"));
  }

  server.on("request", (req, res) => {
    if (req.url?.startsWith("/interaction/")) {
      interaction(req, res).catch((error: Error) => {
        if (!res.headersSent) res.writeHead(400, { "content-type": "text/plain; charset=utf-8" });
        res.end(`interaction failed: ${error.message}`);
      });
      return;
    }
    void callback(req, res);
  });

  return {
    issuer,
    port,
    provider,
    setAccounts(next) {
      accounts = next;
    },
    setIdTokenTtl(seconds) {
      idTokenTtl = seconds;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * A browser at the provider, by plain HTTP: a cookie jar, redirects followed by hand. `signIn` goes from the
 * authorization URL through the login page (when the provider has no session yet) to the redirect back to
 * the application, and returns that URL without following it.
 */
export class ProviderBrowser {
  private cookies = new Map<string, string>();

  constructor(private issuer: string) {}

  private remember(res: Response) {
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(";");
      const eq = pair.indexOf("=");
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attrs.some(
        (a) => /^\s*max-age=0\s*$/i.test(a) || /^\s*expires=thu, 01 jan 1970/i.test(a),
      );
      if (!value || expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  async request(
    url: string,
    init: { method?: string; form?: Record<string, string> } = {},
  ): Promise<Response> {
    const headers: Record<string, string> = {
      cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; "),
    };
    let body: string | undefined;
    if (init.form) {
      headers["content-type"] = "application/x-www-form-urlencoded";
      body = new URLSearchParams(init.form).toString();
    }
    const res = await fetch(url, {
      method: init.method ?? (body ? "POST" : "GET"),
      headers,
      body,
      redirect: "manual",
    });
    this.remember(res);
    return res;
  }

  /** Follows redirects at the provider; stops at a page (200) or at a redirect that leaves the provider. */
  async follow(url: string, init?: { method?: string; form?: Record<string, string> }) {
    let res = await this.request(url, init);
    let current = url;
    for (let i = 0; i < 10 && res.status >= 300 && res.status < 400; i++) {
      const next = new URL(res.headers.get("location")!, current).href;
      if (!next.startsWith(this.issuer)) return { leftTo: next, res };
      current = next;
      res = await this.request(next);
    }
    return { leftTo: null, res, url: current };
  }

  async signIn(authorizationUrl: string, login: string, password = DEFAULT_PASSWORD): Promise<string> {
    const first = await this.follow(authorizationUrl);
    if (first.leftTo) return first.leftTo;
    const html = await first.res.text();
    const action = html.match(/<form method="post" action="([^"]+)"/)?.[1];
    if (!action)
      throw new Error(`no login form at the provider (${first.res.status}): ${html.slice(0, 300)}`);
    const posted = await this.follow(new URL(action.replace(/&amp;/g, "&"), this.issuer).href, {
      form: { login, password },
    });
    if (!posted.leftTo)
      throw new Error(`the provider did not redirect back: ${(await posted.res.text()).slice(0, 300)}`);
    return posted.leftTo;
  }

  /**
   * The provider's end-session page: confirm it (its form, or the auto-submitting page it shows a browser
   * without a session), and return where the provider sends the browser.
   */
  async confirmLogout(endSessionUrl: string): Promise<string | null> {
    let step = await this.follow(endSessionUrl);
    for (let i = 0; i < 3 && !step.leftTo; i++) {
      const html = await step.res.text();
      const form = html.match(/<form[^>]*>[\s\S]*?<\/form>/)?.[0];
      const action = form?.match(/action="([^"]+)"/)?.[1];
      if (!form || !action) throw new Error(`no form at the provider's logout page: ${html.slice(0, 300)}`);
      const fields: Record<string, string> = {};
      for (const m of form.matchAll(/<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"/g)) fields[m[1]] = m[2];
      if (/id="op\.logoutForm"/.test(form)) fields.logout = "yes";
      step = await this.follow(new URL(action.replace(/&amp;/g, "&"), this.issuer).href, { form: fields });
    }
    return step.leftTo;
  }
}
