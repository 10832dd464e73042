/**
 * What association and category operations return: the value, or why not,
 * with the HTTP status a route maps it to (400 field errors, 403, 404, 409, 410).
 */
export type FieldErrors = Record<string, string[]>;

export type Failure = {
  ok: false;
  status: 400 | 403 | 404 | 409 | 410;
  /** Shown to the user as is. */
  message: string;
  fieldErrors?: FieldErrors;
};

export type Outcome<T = null> = { ok: true; value: T } | Failure;

export const ok = <T>(value: T): { ok: true; value: T } => ({ ok: true, value });

export function fail(status: Failure["status"], message: string, fieldErrors?: FieldErrors): Failure {
  return fieldErrors ? { ok: false, status, message, fieldErrors } : { ok: false, status, message };
}

export const NOT_FOUND = fail(404, "We couldn't find that association.");
export const FORBIDDEN = fail(403, "You don't have permission to do that.");

/** Prisma's unique-constraint error, from a write that raced another. */
export function isUniqueViolation(error: unknown): boolean {
  return (
    typeof error === "object" && error !== null && "code" in error && (error as { code: unknown }).code === "P2002"
  );
}

/** The response a route throws for a failure its page has no place to show (the error boundary shows it). */
export function failureResponse(failure: Failure): Response {
  return new Response(failure.message, { status: failure.status });
}
