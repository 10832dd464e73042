/**
 * Forum limits, options and addresses the pages need at render time. Zod-free,
 * so pages can import it without the validator (docs/decisions/0009); the
 * forms themselves are in schemas.ts, which re-exports all of this.
 */

export const TITLE_MIN = 5;
export const TITLE_MAX = 150;
export const BODY_MAX = 20_000;
export const TAGS_MAX = 5;
export const TAG_MAX_LENGTH = 30;
export const AREAS_MAX = 8;
/** Posts per page on a thread page. */
export const POSTS_PER_PAGE = 50;
/** Threads per page in a list. */
export const THREADS_PER_PAGE = 30;

export const THREAD_KIND_OPTIONS = [
  { value: "DISCUSSION", label: "Discussion", description: "Share an idea, an experience or a resource and talk it over." },
  { value: "QUESTION", label: "Question", description: "Ask for help; you can mark the reply that answered it." },
] as const;

/** A thread's address: /t/:id/:slug (the id is what counts). */
export const threadPath = (thread: { id: string; slug: string }) => `/t/${thread.id}/${thread.slug}`;

/** The page of a thread that shows post `number` (pages start after multiples of 50), with its anchor. */
export function postPath(thread: { id: string; slug: string }, number: number) {
  const after = Math.floor((number - 1) / POSTS_PER_PAGE) * POSTS_PER_PAGE;
  return `${threadPath(thread)}${after > 0 ? `?after=${after}` : ""}#post-${number}`;
}

export const TAG_PATTERN = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/;

/** "Needs Assessment, moore-levels" → ["needs-assessment", "moore-levels"]: lowercase, spaces become hyphens. */
export function splitTags(value: string | undefined): string[] {
  const tags = (value ?? "")
    .split(",")
    .map((tag) => tag.trim().toLowerCase().replace(/\s+/g, "-"))
    .filter(Boolean);
  return [...new Set(tags)];
}
