/**
 * The one way a domain operation fails: it returns `ok(value)` or
 * `fail(reason, message)`. The reason says what kind of "no" it is, the
 * message says it to people (the error page and forms show it as written).
 * Plain data, safe for client code; `http.server.ts` maps a reason to a status.
 */

export type FailReason =
  /** The input is wrong (400): field errors say where. */
  | "invalid"
  /** Allowed to see it, not to do this (403). */
  | "forbidden"
  /** No such thing, or not for this person's eyes (404). */
  | "not-found"
  /** The state changed, or the request clashes with it (409). */
  | "conflict"
  /** It existed but cannot be used any more: a used or expired link (410). */
  | "gone"
  /** Too many, too soon (429): `retryAt` says when to try again. */
  | "rate-limited";

export type FieldErrors = Record<string, string[]>;

export type Failure = {
  ok: false;
  reason: FailReason;
  /** Shown to the user as is (as text, never HTML). */
  message: string;
  fieldErrors?: FieldErrors;
  /** For "rate-limited": when the person may try again. */
  retryAt?: Date;
  /**
   * Which case of the reason it is, when a page words them apart (a link
   * "used", "expired", "revoked"…): a stable word for code, never shown.
   */
  why?: string;
};

export type Ok<T> = { ok: true; value: T };
export type Result<T = null> = Ok<T> | Failure;

export const ok = <T>(value: T): Ok<T> => ({ ok: true, value });

export function fail(
  reason: FailReason,
  message: string,
  extra: { fieldErrors?: FieldErrors; retryAt?: Date; why?: string } = {}
): Failure {
  const failure: Failure = { ok: false, reason, message };
  if (extra.fieldErrors) failure.fieldErrors = extra.fieldErrors;
  if (extra.retryAt) failure.retryAt = extra.retryAt;
  if (extra.why) failure.why = extra.why;
  return failure;
}

/** A refusal of the input with errors beside its fields; the message is the first of them unless given. */
export function failFields(fieldErrors: FieldErrors, message?: string): Failure {
  return fail("invalid", message ?? Object.values(fieldErrors)[0]?.[0] ?? "Please correct the form.", { fieldErrors });
}

/**
 * For scripts, seeds and tests, where a refusal is a bug rather than a
 * person's mistake: the value, or an Error with the failure's message.
 */
export function expectOk<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(result.message);
  return result.value;
}
