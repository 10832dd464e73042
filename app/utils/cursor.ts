/**
 * Keyset cursors: the sort key of the last row on a page, handed to the
 * next request as an opaque URL-safe string (base64url of a JSON array), so
 * lists page with `WHERE (key) < (cursor)` and never with OFFSET.
 *
 * A cursor comes back from the URL, so anything may arrive: decodeCursor
 * returns null for whatever is not a cursor of the expected shape, and the
 * list starts from the beginning.
 */

export type CursorPart = string | number | boolean | null | Date;

/** The parts of a sort key as a cursor; dates are written as ISO strings. */
export function encodeCursor(parts: readonly CursorPart[]): string {
  const values = parts.map((part) => (part instanceof Date ? part.toISOString() : part));
  return Buffer.from(JSON.stringify(values), "utf8").toString("base64url");
}

/**
 * The parts of a cursor made by encodeCursor, read by `read` (which returns
 * null when a part is not what it should be), or null when there is no
 * cursor, it is longer than `maxLength`, is not base64url JSON, or is not an
 * array of `length` parts.
 */
export function decodeCursor<T>(
  text: string | null | undefined,
  options: { length: number; maxLength?: number },
  read: (parts: unknown[]) => T | null,
): T | null {
  if (!text || text.length > (options.maxLength ?? Infinity)) return null;
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(text, "base64url").toString("utf8"));
  } catch {
    return null;
  }
  if (!Array.isArray(value) || value.length !== options.length) return null;
  return read(value);
}

/** A cursor part that should be a string (of at most `max` characters, when given). */
export function cursorString(value: unknown, max = Infinity): string | null {
  return typeof value === "string" && value.length <= max ? value : null;
}

/** A cursor part that should be a date written by encodeCursor. */
export function cursorDate(value: unknown): Date | null {
  if (typeof value !== "string") return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}
