/**
 * A real OpenID Connect provider for the tests (oidc-provider, the certified
 * Node.js implementation), on 127.0.0.1 over plain HTTP: the app accepts that
 * only with SSO_ALLOW_HTTP_ISSUERS=1 (app/domain/sso/oidc.server.ts).
 *
 * It uses oidc-provider's development sign-in page (any login whose name is
 * one of `accounts`' subjects, any password) and grants the requested scopes
 * without a consent screen. Used by vitest (signInAtProvider drives the page
 * over HTTP) and by Playwright (a browser fills the page).
 */
import type { Server } from "node:http";
import Provider from "oidc-provider";
import { freePort } from "./net";

export type TestAccount = { sub: string; email?: string; email_verified?: boolean; name?: string };
export type TestClient = { clientId: string; clientSecret: string; redirectUris: string[] };

export type TestProvider = {
  issuer: string;
  /** Accounts by subject; add or change them while the provider runs. */
  accounts: Map<string, TestAccount>;
  /** The clients' redirect URIs, to add one once the app's address is known. */
  addRedirectUri: (clientId: string, uri: string) => Promise<void>;
  stop: () => Promise<void>;
};

export async function startOidcProvider(options: {
  clients: TestClient[];
  accounts: TestAccount[];
  /** How long an authorization code lives (default 60 s). */
  codeTtlSeconds?: number;
  port?: number;
}): Promise<TestProvider> {
  const port = options.port ?? (await freePort());
  const issuer = `http://127.0.0.1:${port}`;
  const accounts = new Map(options.accounts.map((a) => [a.sub, a]));
  const clients = options.clients.map((c) => ({
    client_id: c.clientId,
    client_secret: c.clientSecret,
    redirect_uris: [...c.redirectUris],
    grant_types: ["authorization_code"],
    response_types: ["code"],
    token_endpoint_auth_method: "client_secret_basic",
  }));
  const start = () => {
    const provider = new Provider(issuer, {
      clients,
      findAccount: async (_ctx, sub) => {
        const account = accounts.get(sub);
        if (!account) return undefined;
        return { accountId: sub, claims: async () => ({ ...account }) };
      },
      claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
      features: { devInteractions: { enabled: true } },
      // Every scope asked for is granted: no consent screen.
      loadExistingGrant: async (ctx) => {
        const grantId = ctx.oidc.result?.consent?.grantId ?? ctx.oidc.session!.grantIdFor(ctx.oidc.client!.clientId);
        if (grantId) return ctx.oidc.provider.Grant.find(grantId);
        const grant = new ctx.oidc.provider.Grant({ accountId: ctx.oidc.session!.accountId!, clientId: ctx.oidc.client!.clientId });
        grant.addOIDCScope("openid email profile");
        await grant.save();
        return grant;
      },
      ttl: { AuthorizationCode: options.codeTtlSeconds ?? 60 },
      cookies: { keys: ["test-only-cookie-key"] },
      pkce: { required: () => true },
    });
    return provider.listen(port, "127.0.0.1") as Server;
  };
  let server = start();
  await new Promise<void>((resolve) => server.once("listening", () => resolve()));
  return {
    issuer,
    accounts,
    addRedirectUri: async (clientId, uri) => {
      const client = clients.find((c) => c.client_id === clientId);
      if (!client) throw new Error(`no client ${clientId}`);
      client.redirect_uris.push(uri);
      // Clients are read when the provider starts: start it again with the new URI.
      await new Promise((resolve) => server.close(resolve));
      server = start();
      await new Promise<void>((resolve) => server.once("listening", () => resolve()));
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}

/**
 * What a person's browser does at the provider, over HTTP: opens the
 * authorization URL, signs in as `login` on the development sign-in page, and
 * returns the URL the provider sends the browser back to (the app's callback).
 */
export async function signInAtProvider(authorizationUrl: string, login: string): Promise<URL> {
  const jar = new Map<string, string>();
  const send = async (url: string, init: RequestInit = {}) => {
    const response = await fetch(url, {
      ...init,
      redirect: "manual",
      headers: { ...(init.headers as Record<string, string>), Cookie: [...jar].map(([k, v]) => `${k}=${v}`).join("; ") },
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const [name, ...value] = pair!.split("=");
      jar.set(name!.trim(), value.join("="));
    }
    return response;
  };
  let response = await send(authorizationUrl);
  let url = authorizationUrl;
  for (let hops = 0; hops < 10; hops++) {
    const location = response.headers.get("Location");
    if (response.status >= 300 && response.status < 400 && location) {
      const next = new URL(location, url);
      if (!next.href.startsWith(new URL(authorizationUrl).origin)) return next;
      url = next.href;
      response = await send(url);
      continue;
    }
    const html = await response.text();
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    if (response.status !== 200 || !action) throw new Error(`unexpected page at the provider (${response.status}): ${html.slice(0, 500)}`);
    url = new URL(action.replace(/&amp;/g, "&"), url).href;
    response = await send(url, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ prompt: "login", login, password: "any" }).toString(),
    });
  }
  throw new Error("too many redirects at the provider");
}
