/**
 * Statement forms: proposing, editing the text, details, co-authors, signals
 * and endorsements. Shared by the browser (Conform) and the server. Area
 * slugs and the scope are checked against the database on the server
 * (statements.server.ts): the current framework's areas, the associations
 * the member belongs to.
 */
import { z } from "zod";

export const TITLE_MIN = 5;
export const TITLE_MAX = 150;
export const TEXT_MAX = 3000;
export const RATIONALE_MAX = 5000;
export const THRESHOLD_MIN = 3;
export const THRESHOLD_MAX = 1000;
export const ENDORSEMENT_NOTE_MAX = 300;
/** A suggested revision's note, and a decider's reason for declining one. */
export const SUGGESTION_NOTE_MAX = 200;
export const SUGGESTION_DECLINE_REASON_MAX = 500;
export const AREAS_MAX = 8;
/** The consensus picture appears once this many members have signalled. */
export const CONSENSUS_MIN_SIGNALS = 5;
/** Statements per page in lists. */
export const STATEMENTS_PER_PAGE = 20;
/** The scope value for a community-wide statement. */
export const COMMUNITY_SCOPE = "community";

export const SIGNAL_OPTIONS = [
  { value: "AGREE", label: "Agree" },
  { value: "DISAGREE", label: "Disagree" },
  { value: "UNSURE", label: "Unsure" },
] as const;
export type SignalKindName = (typeof SIGNAL_OPTIONS)[number]["value"];

const title = z
  .string({ error: "Give the statement a title" })
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

export const statusFilterOptions = [
  { value: "", label: "Open and adopted" },
  { value: "OPEN", label: "Open" },
  { value: "ADOPTED", label: "Adopted" },
  { value: "ARCHIVED", label: "Archived" },
] as const;
