/**
 * Markup written as a string, for the few places where React's per-element
 * cost shows (the fifty posts of a thread page: see components/post.ts).
 * Runs on the server and in the browser.
 *
 * `markup` is a tagged template that escapes every interpolated value unless
 * it is itself `Markup` (from another `markup` template, or `trustedHtml` for
 * HTML that was sanitised elsewhere). Like JSX, `null`, `undefined` and
 * booleans write nothing, and arrays write each item.
 */

const HTML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Text made safe for an element's content or a quoted attribute value. */
export function escapeHtml(text: string): string {
  // Most values (class lists, numbers, handles) have nothing to escape: test before replacing.
  return SPECIAL.test(text) ? text.replace(SPECIALS, (char) => HTML_ESCAPES[char]!) : text;
}
const SPECIAL = /[&<>"']/;
const SPECIALS = /[&<>"']/g;

export class Markup {
  constructor(readonly html: string) {}
  toString() {
    return this.html;
  }
}

type Value = string | number | boolean | null | undefined | Markup | readonly Value[];

function write(value: Value): string {
  if (value === null || value === undefined || typeof value === "boolean") return "";
  if (value instanceof Markup) return value.html;
  if (typeof value === "number") return String(value);
  if (typeof value === "string") return escapeHtml(value);
  return value.map(write).join("");
}

export function markup(strings: TemplateStringsArray, ...values: Value[]): Markup {
  let html = strings[0]!;
  for (let i = 0; i < values.length; i++) html += write(values[i]!) + strings[i + 1]!;
  return new Markup(html);
}

/** HTML that is already safe: sanitised at write time (a post's rendered Markdown). */
export function trustedHtml(html: string): Markup {
  return new Markup(html);
}
