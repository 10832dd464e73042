/**
 * Forum forms: a new thread, a reply, an edit, moderation choices. Shared by
 * the browser (Conform) and the server. Competency-area tags are checked
 * against the current framework on the server (threads.server.ts).
 */
import { z } from "zod";

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

const body = z
  .string({ error: "Write something first" })
  .trim()
  .min(1, "Write something first")
  .max(BODY_MAX, `Keep it under ${BODY_MAX.toLocaleString("en-US")} characters`);

export const threadSchema = z.object({
  categoryId: z.string({ error: "Choose a category" }).min(1, "Choose a category"),
  title: z
    .string({ error: "Give your thread a title" })
    .trim()
    .min(TITLE_MIN, `Use at least ${TITLE_MIN} characters for the title`)
    .max(TITLE_MAX, `Keep the title under ${TITLE_MAX} characters`),
  body,
  kind: z.enum(["DISCUSSION", "QUESTION"], { error: "Choose discussion or question" }).default("DISCUSSION"),
  tags: z
    .string()
    .optional()
    .transform(splitTags)
    .pipe(
      z
        .array(
          z
            .string()
            .max(TAG_MAX_LENGTH, `Keep each tag under ${TAG_MAX_LENGTH} characters`)
            .regex(TAG_PATTERN, "Tags use letters, numbers and hyphens only"),
        )
        .max(TAGS_MAX, `Use at most ${TAGS_MAX} tags`),
    ),
  areaSlugs: z
    .array(z.string().regex(/^[a-z0-9-]+$/, "Choose areas from the list"))
    .max(AREAS_MAX, `Choose at most ${AREAS_MAX} areas`)
    .default([]),
});
export type ThreadInput = z.infer<typeof threadSchema>;

export const replySchema = z.object({
  body,
  // Post numbers are 32-bit integers in the database.
  replyToNumber: z.coerce.number().int().min(1).max(2_147_483_647).optional(),
});
export type ReplyInput = z.infer<typeof replySchema>;

export const editPostSchema = z.object({ body });

export const flagSchema = z.object({
  postId: z.string().min(1),
  reason: z.enum(["OFF_TOPIC", "INAPPROPRIATE", "SPAM", "OTHER"], { error: "Choose a reason" }),
  note: z.string().trim().max(500, "Keep the note under 500 characters").default(""),
});
