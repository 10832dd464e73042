/**
 * Addresses that are themselves a secret: whoever holds one may see or do
 * something (a share link, an invitation, a review request, a password reset,
 * an email confirmation, an unsubscribe link, the emailed link that connects a
 * sign-in provider, and a provider's callback with its authorization code). Such responses are never stored
 * or indexed and never leak in a Referer (cache-policy.ts), and their tokens
 * never reach the request log (server.mjs).
 */
const SECRET_PATHS: readonly RegExp[] = [
  /^(\/shared\/)([^/?#]+?)(?=\.data|[/?#]|$)/,
  /^(\/invitations\/)([^/?#]+?)(?=\.data|[/?#]|$)/,
  /^(\/review\/(?:rate\/)?)([^/?#]+?)(?=\.data|[/?#]|$)/,
  /^(\/reset-password\/)([^/?#]+?)(?=\.data|[/?#]|$)/,
  /^(\/confirm-email\/)([^/?#]+?)(?=\.data|[/?#]|$)/,
  /^(\/sso\/link\/)([^/?#]+?)(?=\.data|[/?#]|$)/,
];
/** A sign-in provider's callback carries the authorization code and state in the query. */
const SSO_CALLBACK = /^(\/sso\/[^/?#]+\/callback(?:\.data)?)(?:\?[^#]*)?$/;
/** The unsubscribe link carries its signed token in the query. */
const SECRET_QUERY_PATH = /^\/email\/unsubscribe(?:\.data)?$/;

export function isSecretAddress(path: string): boolean {
  return SECRET_QUERY_PATH.test(path) || SSO_CALLBACK.test(path) || SECRET_PATHS.some((pattern) => pattern.test(path));
}

/** The address with its secret replaced by "[redacted]", for logs. */
export function redactSecrets(url: string): string {
  for (const pattern of SECRET_PATHS) {
    if (pattern.test(url)) return url.replace(pattern, "$1[redacted]");
  }
  if (SSO_CALLBACK.test(url)) return url.replace(SSO_CALLBACK, (_match, path: string) => (url.includes("?") ? `${path}?[redacted]` : path));
  return url.replace(/^(\/email\/unsubscribe(?:\.data)?\?(?:[^#]*&)?token=)[^&#]+/, "$1[redacted]");
}
