/**
 * URL slugs, for every context that makes them (associations, categories,
 * pathways and their steps, threads). Pure: runs on the server and in the
 * browser (the association form suggests a slug as the name is typed).
 */

/**
 * Lowercase ASCII letters, digits and single hyphens, at most `max`
 * characters: "Planning a CME activity!" → "planning-a-cme-activity".
 * Accents are dropped ("é" → "e"); with `ampersand: "and"`, "&" reads as
 * "and" ("Research & Practice" → "research-and-practice"). May be empty
 * (nothing but punctuation): callers choose their fallback.
 */
export function slugify(text: string, max: number, options: { ampersand?: "and" } = {}): string {
  const ascii = text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase();
  return (options.ampersand === "and" ? ascii.replace(/&/g, " and ") : ascii)
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, max)
    .replace(/-+$/, "");
}
