/**
 * The one `headers` export of every page route (and the root).
 *
 * Without a `headers` export Remix passes on only `Set-Cookie` from a loader,
 * an action or a thrown response: a 429's `Retry-After` was lost on the way
 * out. This keeps every header a route's loader, action or thrown response
 * set, on top of its parent's. Caching headers are not set here: the server
 * applies one policy to every response (cache-policy.ts). A test walks the
 * route manifest so that a new route cannot forget this export.
 */
import type { HeadersFunction } from "@remix-run/node";

/** Headers that describe one response's body, not the page's. */
const BODY_HEADERS = new Set(["content-type", "content-length", "content-encoding", "set-cookie"]);

export const headers: HeadersFunction = ({ parentHeaders, loaderHeaders, actionHeaders, errorHeaders }) => {
  const merged = new Headers(parentHeaders);
  for (const source of [loaderHeaders, actionHeaders, errorHeaders]) {
    source?.forEach((value, name) => {
      if (!BODY_HEADERS.has(name)) merged.set(name, value);
    });
  }
  return merged;
};
