/**
 * Small response helpers shared by routes, and the one mapping from a domain
 * failure (`Failure` in result.ts) to HTTP.
 */
import { data } from "@remix-run/node";

import type { FailReason, Failure, Result } from "./result";

/** The site's own origin (for links in emails), from the request. */
export function siteUrl(request: Request): string {
  return process.env.SITE_URL?.replace(/\/$/, "") ?? new URL(request.url).origin;
}

/**
 * The absolute address of a page of this site, for its canonical link: the
 * path and only the query parameters that choose what the page shows.
 */
export function canonicalUrl(request: Request, path: string, keep: readonly string[] = []): string {
  const params = new URLSearchParams();
  const given = new URL(request.url).searchParams;
  for (const name of keep) {
    const value = given.get(name);
    if (value) params.set(name, value);
  }
  const query = params.toString();
  return `${siteUrl(request)}${path}${query ? `?${query}` : ""}`;
}

/** A number from the address or a form (a post's or a version's): digits only, else undefined. */
export function numberParam(value: FormDataEntryValue | null | undefined): number | undefined {
  return typeof value === "string" && /^\d{1,9}$/.test(value) ? Number(value) : undefined;
}

/** The HTTP status for each reason a domain operation gives. */
export const FAIL_STATUS = {
  invalid: 400,
  forbidden: 403,
  "not-found": 404,
  conflict: 409,
  gone: 410,
  "rate-limited": 429,
} as const satisfies Record<FailReason, number>;

export type FailStatus = (typeof FAIL_STATUS)[FailReason];

export function statusOf(failure: Pick<Failure, "reason">): FailStatus {
  return FAIL_STATUS[failure.reason];
}

/** Seconds until `retryAt` (at least 1), for a Retry-After header. */
function retryAfterSeconds(retryAt: Date, now = new Date()): number {
  return Math.max(1, Math.ceil((retryAt.getTime() - now.getTime()) / 1000));
}

/** The status and headers of a failure: its reason's status, and Retry-After when it says when to retry. */
export function failureInit(failure: Failure): ResponseInit & { status: FailStatus } {
  const status = statusOf(failure);
  return failure.retryAt
    ? {
        status,
        headers: { "Retry-After": String(retryAfterSeconds(failure.retryAt)) },
      }
    : { status };
}

/**
 * The response a loader or action throws for a failure its page has no place
 * to show: the error boundary shows the message (plain text) under a title for
 * the status. A rate-limited one carries Retry-After (and `retryAfter` seconds
 * in a JSON body, as the rate limiter's 429 does, for the error page's wording);
 * one with a `why` sends it beside the message as JSON, for a page that words
 * its cases apart (`failureWhy` in error-page.tsx reads it).
 */
export function failureResponse(failure: Failure): Response {
  const init = failureInit(failure);
  if (failure.retryAt || failure.why) {
    const body = failure.retryAt
      ? { retryAfter: retryAfterSeconds(failure.retryAt), message: failure.message }
      : { why: failure.why, message: failure.message };
    return new Response(JSON.stringify(body), {
      ...init,
      headers: { ...init.headers, "Content-Type": "application/json" },
    });
  }
  return new Response(failure.message, {
    ...init,
    headers: { "Content-Type": "text/plain; charset=utf-8" },
  });
}

/** The value of a result, or its failure thrown as the response (for loaders, and actions with no form to show it on). */
export function okOrThrow<T>(result: Result<T>): T {
  if (!result.ok) throw failureResponse(result);
  return result.value;
}

/** Reasons a form cannot show: the page (or the thing) is not there for this person. */
const THROWN_BY_DEFAULT: readonly FailReason[] = ["forbidden", "not-found", "gone"];

/**
 * An action's answer to a failure. Not found, forbidden and gone are thrown to
 * the error boundary (the form has nothing to show them on); the rest come
 * back to the form as `body` with the reason's status, so the page renders its
 * field errors and keeps what the person typed (it works without JavaScript).
 * `keep` lists reasons the form does show itself (a locked thread's reply box).
 */
export function formFailure<T>(failure: Failure, body: T, options: { keep?: readonly FailReason[] } = {}) {
  if (THROWN_BY_DEFAULT.includes(failure.reason) && !options.keep?.includes(failure.reason)) {
    throw failureResponse(failure);
  }
  return data(body, failureInit(failure));
}

export function badRequest(message = "Bad request"): Response {
  return failureResponse({ ok: false, reason: "invalid", message });
}

export function notFound(message = "Not found"): Response {
  return failureResponse({ ok: false, reason: "not-found", message });
}

export function forbidden(message = "Forbidden"): Response {
  return failureResponse({ ok: false, reason: "forbidden", message });
}
