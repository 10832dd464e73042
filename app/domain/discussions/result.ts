/**
 * What the forum's operations (threads, posts, reading, moderation) return:
 * the value, or `ok: false` with the HTTP status the route answers with and
 * a message for people.
 */
export type Failure = {
  ok: false;
  status: 400 | 403 | 404 | 409 | 429;
  message: string;
  fieldErrors?: Record<string, string[]>;
  /** For 429: when the member may post again. */
  retryAt?: Date;
};
export type Outcome<T> = { ok: true; value: T } | Failure;

export const fail = (status: Failure["status"], message: string, extra: Partial<Failure> = {}): Failure => ({
  ok: false,
  status,
  message,
  ...extra,
});
