/**
 * Who may keep a copy of a response: one policy for every page, data request
 * and resource route, applied by the server as the headers go out
 * (server.mjs). Static assets are served before it and keep their own
 * long-lived, immutable caching.
 *
 * - Every page is `private`: it carries its own CSP nonce, so no shared cache
 *   may hand it to someone else. A visitor's page is `private, no-cache` (the
 *   browser asks again before reusing it).
 * - A response to a signed-in member (a session cookie was sent), or one that
 *   sets any cookie (logging in or out, a flash message), holds personal data:
 *   `private, no-store`, whatever the route said.
 * - An address that is itself a secret (a share link, an invitation, a review
 *   request, a password reset, an unsubscribe or confirmation link) is
 *   `private, no-store`, is never indexed, and never leaks to another site in
 *   a Referer.
 * - A route may say `public` for a visitor (the Atom feeds of public
 *   categories) or set its own value for a visitor (health checks).
 * - A response whose address names its content (a profile photo: its
 *   content hash and audience are in the URL) says `immutable`, and keeps
 *   what the route said for members too, unless it sets a cookie: the route
 *   chose `public` or `private` by who may see it.
 */
import { isSecretAddress } from "./secret-addresses";

export const PRIVATE_NO_STORE = "private, no-store";
/**
 * A secret address is never sent to another site. `same-origin` rather than
 * `no-referrer`: with no-referrer, Chromium sends "Origin: null" on the page's
 * own form posts (confirming an address, setting a new password, accepting an
 * invitation), which the cross-site checks (ours and Remix's) must refuse.
 */
export const SECRET_REFERRER_POLICY = "same-origin";
export const VISITOR_PAGE = "private, no-cache";

export interface CacheContext {
  path: string;
  /** The request carried the session cookie. */
  signedIn: boolean;
  /** The response sets a cookie (the session's on logging in or out, a flash message's). */
  setsCookie: boolean;
  /** What the route itself set, if anything. */
  routeCacheControl: string | undefined;
}

/** The caching headers a response goes out with. */
export function cacheHeaders({ path, signedIn, setsCookie, routeCacheControl }: CacheContext): Record<string, string> {
  if (isSecretAddress(path)) {
    return { "Cache-Control": PRIVATE_NO_STORE, "X-Robots-Tag": "noindex, nofollow", "Referrer-Policy": SECRET_REFERRER_POLICY };
  }
  if (setsCookie) return { "Cache-Control": PRIVATE_NO_STORE };
  if (routeCacheControl && /\bimmutable\b/.test(routeCacheControl)) return { "Cache-Control": routeCacheControl };
  if (signedIn) return { "Cache-Control": PRIVATE_NO_STORE };
  return { "Cache-Control": routeCacheControl || VISITOR_PAGE };
}
