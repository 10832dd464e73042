/**
 * Text as it arrives from forms, cleaned once (client-safe: schemas use it).
 *
 * PostgreSQL refuses a NUL character in text (error 22021), and the other C0
 * control characters have no business in anything a member writes: they are
 * removed, keeping tab and line breaks. Line breaks become "\n" whatever the
 * browser sent.
 */
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

export function cleanText(value: string): string {
  return value.replace(CONTROL_CHARACTERS, "").replace(/\r\n?/g, "\n");
}

/**
 * A one-line field (a title, a name, a label): line breaks, with the spaces
 * around them, become one space, so a title never carries a line break into
 * an email subject or a page heading.
 */
export function singleLine(value: string): string {
  return cleanText(value).replace(/[ \t]*\n[ \t\n]*/g, " ");
}
