/**
 * Forum forms: a new thread, a reply, an edit, moderation choices. Shared by
 * the browser (Conform) and the server. Competency-area tags are checked
 * against the current framework on the server (threads.server.ts).
 * Pages import the limits and addresses from the zod-free ./constants and load
 * these schemas lazily (components/ui/lazy-validation.ts).
 */
import { z } from "zod";
import { AREAS_MAX, BODY_MAX, splitTags, TAG_MAX_LENGTH, TAG_PATTERN, TAGS_MAX, TITLE_MAX, TITLE_MIN } from "./constants";
import { slugify } from "~/utils/slug";
import { singleLine } from "~/utils/text";

// Limits, options and addresses live in the zod-free ./constants (pages import them from there).
export * from "./constants";

/** "How do I report PARS data?" → "how-do-i-report-pars-data" (the id is what counts). Here, not in constants.ts, so pages do not load the slug code. */
export function threadSlug(title: string): string {
  return slugify(title, 60) || "thread";
}

const body = z
  .string({ error: "Write something first" })
  .trim()
  .min(1, "Write something first")
  .max(BODY_MAX, `Keep it under ${BODY_MAX.toLocaleString("en-US")} characters`);

const title = z
  .string({ error: "Give your thread a title" })
  .overwrite(singleLine)
  .trim()
  .min(TITLE_MIN, `Use at least ${TITLE_MIN} characters for the title`)
  .max(TITLE_MAX, `Keep the title under ${TITLE_MAX} characters`);

export const threadSchema = z.object({
  categoryId: z.string({ error: "Choose a category" }).min(1, "Choose a category"),
  title,
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

/** The opening post of a thread is edited together with the thread's title. */
export const editOpeningPostSchema = z.object({ title, body });

export const flagSchema = z.object({
  postId: z.string().min(1),
  reason: z.enum(["OFF_TOPIC", "INAPPROPRIATE", "SPAM", "OTHER"], { error: "Choose a reason" }),
  note: z.string().trim().max(500, "Keep the note under 500 characters").default(""),
});
