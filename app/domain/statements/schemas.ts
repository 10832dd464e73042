/**
 * Statement forms: proposing, editing the text, details, co-authors, signals
 * and endorsements. Shared by the browser (Conform) and the server. Area
 * slugs and the scope are checked against the database on the server
 * (statements.server.ts): the current framework's areas, the associations
 * the member belongs to. Pages import the limits and options from the
 * zod-free ./constants and load these schemas lazily
 * (components/ui/lazy-validation.ts).
 */
import { z } from "zod";
import {
  ADOPTION_CONFIRM_MESSAGE,
  ADOPTION_REASON_MAX,
  AREAS_MAX,
  ENDORSEMENT_NOTE_MAX,
  RATIONALE_MAX,
  SUGGESTION_DECLINE_REASON_MAX,
  TEXT_MAX,
  THRESHOLD_MAX,
  THRESHOLD_MIN,
  TITLE_MAX,
  TITLE_MIN,
} from "./constants";
import { singleLine } from "~/utils/text";

// Limits and options live in the zod-free ./constants (pages import them from there).
export * from "./constants";

const title = z
  .string({ error: "Give the statement a title" })
  .overwrite(singleLine)
  .trim()
  .min(TITLE_MIN, `Use at least ${TITLE_MIN} characters for the title`)
  .max(TITLE_MAX, `Keep the title under ${TITLE_MAX} characters`);

export const statementText = z
  .string({ error: "Write the statement" })
  .trim()
  .min(1, "Write the statement")
  .max(TEXT_MAX, `Keep the statement under ${TEXT_MAX.toLocaleString("en-US")} characters`)
  // Browsers send textarea line breaks as CRLF: store plain LF so diffs compare words, not line endings.
  .transform((value) => value.replace(/\r\n?/g, "\n"));

const rationale = z
  .string()
  .trim()
  .max(RATIONALE_MAX, `Keep the rationale under ${RATIONALE_MAX.toLocaleString("en-US")} characters`)
  .optional()
  .transform((value) => value ?? "");

const areaSlugs = z
  .array(z.string().regex(/^[a-z0-9-]+$/, "Choose areas from the list"))
  .max(AREAS_MAX, `Choose at most ${AREAS_MAX} areas`)
  .default([]);

const threshold = z
  .number({ error: "Use a whole number" })
  .int("Use a whole number")
  .min(THRESHOLD_MIN, `Use at least ${THRESHOLD_MIN} endorsements, or leave it empty`)
  .max(THRESHOLD_MAX, `Use at most ${THRESHOLD_MAX.toLocaleString("en-US")} endorsements`)
  .optional();

export const proposeSchema = z.object({
  scope: z
    .string({ error: "Choose who the statement is for" })
    .trim()
    .min(1, "Choose who the statement is for")
    .regex(/^[a-z0-9-]+$/, "Choose who the statement is for"),
  title,
  text: statementText,
  rationale,
  areaSlugs,
  endorsementThreshold: threshold,
});
export type ProposeInput = z.infer<typeof proposeSchema>;

export const detailsSchema = z.object({
  intent: z.literal("details"),
  title,
  rationale,
  areaSlugs,
  endorsementThreshold: threshold,
});
export type DetailsInput = z.infer<typeof detailsSchema>;

export const editTextSchema = z.object({
  baseVersion: z.number({ error: "Reload the page and try again" }).int().min(1),
  text: statementText,
  note: z.string().trim().max(200, "Keep the note under 200 characters").optional().transform((v) => v ?? ""),
});
export type EditTextInput = z.infer<typeof editTextSchema>;

/** Suggesting a revision: the edit form, plus the pending suggestion it replaces (rebasing). */
export const suggestSchema = editTextSchema.extend({
  replaces: z.string().max(64).optional(),
});

// Deciding on suggested revisions (/statements/:id/suggestions): one form per suggestion and intent.
const suggestionId = z.string({ error: "Choose a suggestion" }).min(1).max(64);
export const acceptSuggestionSchema = z.object({
  intent: z.literal("accept"),
  suggestionId,
  currentVersionSeen: z.number().int().min(1),
});
export const declineSuggestionSchema = z.object({
  intent: z.literal("decline"),
  suggestionId,
  reason: z
    .string({ error: "Say why you decline this suggestion" })
    .trim()
    .min(1, "Say why you decline this suggestion")
    .max(SUGGESTION_DECLINE_REASON_MAX, `Keep the reason under ${SUGGESTION_DECLINE_REASON_MAX} characters`),
});
export const withdrawSuggestionSchema = z.object({ intent: z.literal("withdraw"), suggestionId });
export const suggestionDecisionSchema = z.discriminatedUnion("intent", [
  acceptSuggestionSchema,
  declineSuggestionSchema,
  withdrawSuggestionSchema,
]);

export const signalSchema = z.object({
  intent: z.literal("signal"),
  kind: z.enum(["AGREE", "DISAGREE", "UNSURE"], { error: "Choose agree, disagree or unsure" }),
});

export const endorseSchema = z.object({
  intent: z.literal("endorse"),
  note: z
    .string()
    .trim()
    .max(ENDORSEMENT_NOTE_MAX, `Keep the note under ${ENDORSEMENT_NOTE_MAX} characters`)
    .optional()
    .transform((v) => v ?? ""),
});

export const coauthorSchema = z.object({
  intent: z.literal("add-coauthor"),
  handle: z
    .string({ error: "Enter a member's handle" })
    .trim()
    .transform((v) => v.replace(/^@/, "").toLowerCase())
    .pipe(z.string().min(1, "Enter a member's handle").max(40, "That handle is too long")),
});

/**
 * Adopting a version: the version the moderator read, their confirmation (a
 * checkbox, so it works without JavaScript) and, for a version nobody has
 * signed, an administrator's reason (required by adoptStatement then).
 */
export const adoptSchema = z.object({
  version: z.number({ error: "Reload the page and try again" }).int().min(1),
  confirm: z.literal("yes", { error: ADOPTION_CONFIRM_MESSAGE }),
  reason: z
    .string()
    .trim()
    .max(ADOPTION_REASON_MAX, `Keep the reason under ${ADOPTION_REASON_MAX} characters`)
    .optional()
    .transform((value) => value ?? ""),
});
