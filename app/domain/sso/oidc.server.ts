/**
 * The OpenID Connect client (openid-client, certified): discovery, the
 * authorization URL with PKCE, state and nonce, and the code exchange with
 * ID-token validation. Nothing here reads or checks a token by hand.
 *
 * Issuers must be HTTPS. SSO_ALLOW_HTTP_ISSUERS=1 lets plain-HTTP issuers on
 * this machine (localhost, 127.0.0.1, ::1) through: the tests' own provider
 * (tests/setup/oidc-provider.ts). Never set it in production.
 */
import * as client from "openid-client";

export type ClientSettings = { issuerUrl: string; clientId: string; clientSecret: string };

/** Why talking to the provider failed, in words for the member. */
export class ProviderUnavailableError extends Error {}

const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** Whether a plain-HTTP issuer may be used here (tests only). */
export function httpIssuerAllowed(issuer: URL): boolean {
  return process.env.SSO_ALLOW_HTTP_ISSUERS === "1" && issuer.protocol === "http:" && LOOPBACK.has(issuer.hostname);
}

/** Whether an issuer URL is acceptable: HTTPS, or plain HTTP on this machine in tests. */
export function issuerAllowed(issuerUrl: string): boolean {
  let url: URL;
  try {
    url = new URL(issuerUrl);
  } catch {
    return false;
  }
  return url.protocol === "https:" || httpIssuerAllowed(url);
}

const DISCOVERY_TIMEOUT_MS = 5_000;
const CACHE_MS = 60 * 60 * 1000;
const cache = new Map<string, { at: number; config: Promise<client.Configuration> }>();

function cacheKey(settings: ClientSettings) {
  return `${settings.issuerUrl}\n${settings.clientId}\n${settings.clientSecret}`;
}

/**
 * The provider's configuration by discovery, kept an hour. A failed discovery
 * is not kept (the next attempt asks again).
 */
export function configuration(settings: ClientSettings, now = Date.now()): Promise<client.Configuration> {
  const key = cacheKey(settings);
  const hit = cache.get(key);
  if (hit && now - hit.at < CACHE_MS) return hit.config;
  const issuer = new URL(settings.issuerUrl);
  const config = client
    .discovery(issuer, settings.clientId, settings.clientSecret, undefined, {
      timeout: DISCOVERY_TIMEOUT_MS / 1000,
      ...(httpIssuerAllowed(issuer) ? { execute: [client.allowInsecureRequests] } : {}),
    })
    .catch((error: unknown) => {
      cache.delete(key);
      throw new ProviderUnavailableError("discovery failed", { cause: error });
    });
  cache.set(key, { at: now, config });
  return config;
}

/** Forgets discovered configurations (tests, and a provider's settings removed). */
export function forgetConfigurations() {
  cache.clear();
}

export type Checks = { state: string; nonce: string; codeVerifier: string };

/** The URL the member's browser goes to, and the values the callback must find again. */
export async function authorizationRequest(
  settings: ClientSettings,
  redirectUri: string,
  options: { prompt?: "login" } = {},
): Promise<{ url: URL; checks: Checks }> {
  const config = await configuration(settings);
  const checks: Checks = { state: client.randomState(), nonce: client.randomNonce(), codeVerifier: client.randomPKCECodeVerifier() };
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope: "openid email profile",
    response_type: "code",
    // The callback is a GET: a cross-origin form post would be refused (and needs SameSite=None cookies).
    response_mode: "query",
    code_challenge: await client.calculatePKCECodeChallenge(checks.codeVerifier),
    code_challenge_method: "S256",
    state: checks.state,
    nonce: checks.nonce,
    ...(options.prompt ? { prompt: options.prompt, max_age: "0" } : {}),
  });
  return { url, checks };
}

/** A network failure or timeout (the provider did not answer), as opposed to a refusal. */
function unreachable(error: unknown): boolean {
  if (error instanceof TypeError) return true;
  return error instanceof client.ClientError && (error.code === "OAUTH_TIMEOUT" || error.code === "OAUTH_ABORT");
}

export type VerifiedClaims = {
  subject: string;
  email: string | null;
  emailVerified: boolean;
  name: string | null;
  /** When the provider says the person authenticated (seconds), if it says. */
  authTime: number | null;
};

/**
 * Exchanges the code in the callback URL for tokens; openid-client checks the
 * state, the PKCE verifier, the issuer, and the ID token (signature, audience,
 * expiry, nonce). Throws `client.AuthorizationResponseError` /
 * `client.ResponseBodyError` for a refusal and ProviderUnavailableError when
 * the provider does not answer.
 */
export async function exchangeCode(
  settings: ClientSettings,
  callbackUrl: URL,
  checks: Checks,
  options: { maxAge?: number } = {},
): Promise<VerifiedClaims> {
  const config = await configuration(settings);
  let tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>;
  try {
    tokens = await client.authorizationCodeGrant(config, callbackUrl, {
      pkceCodeVerifier: checks.codeVerifier,
      expectedState: checks.state,
      expectedNonce: checks.nonce,
      idTokenExpected: true,
      ...(options.maxAge !== undefined ? { maxAge: options.maxAge } : {}),
    });
  } catch (error) {
    if (unreachable(error)) {
      throw new ProviderUnavailableError("token endpoint unreachable", { cause: error });
    }
    throw error;
  }
  const claims = tokens.claims();
  if (!claims) throw new Error("no ID token claims");
  // The ID token may carry only `sub`; the UserInfo endpoint then has the rest.
  let info: Record<string, unknown> = claims;
  if (claims.email === undefined && tokens.access_token) {
    info = { ...(await client.fetchUserInfo(config, tokens.access_token, claims.sub)), ...claims };
  }
  const email = typeof info.email === "string" ? info.email.trim().toLowerCase() : null;
  const name =
    typeof info.name === "string" && info.name.trim()
      ? info.name.trim()
      : [info.given_name, info.family_name].filter((p) => typeof p === "string" && p.trim()).join(" ") || null;
  return {
    subject: claims.sub,
    email,
    emailVerified: info.email_verified === true,
    name,
    authTime: typeof claims.auth_time === "number" ? claims.auth_time : null,
  };
}
