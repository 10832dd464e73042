/**
 * The CHCP log's forms, shared by the browser (loaded after the page,
 * lazy-validation.ts) and the server. Rules that depend on the rule set (which
 * kind is counted in hours, in years or not at all) and on today's date in the
 * member's time zone are checked by the domain (chcp.server.ts), which answers
 * with field errors in the same shape.
 */
import { z } from "zod";
import { isIsoDate } from "./calendar";
import { ENTRY_KINDS } from "./rules";

export const DESCRIPTION_MAX = 300;
export const EVIDENCE_MAX = 1000;
export const HOURS_MAX = 2000;
export const YEARS_MAX = 50;

const date = (missing: string) =>
  z
    .string({ error: missing })
    .trim()
    .refine(isIsoDate, "Enter a real date, written YYYY-MM-DD (for example 2025-03-31)");

/** Hours or years: a positive number with at most two decimals. */
const amount = (max: number, unit: string) =>
  z
    .number({ error: `Enter the ${unit} as a number, for example 1.5` })
    .positive(`Enter more than 0 ${unit}, or leave it empty`)
    .max(max, `Enter at most ${max} ${unit}`)
    .refine((value) => Math.abs(value * 100 - Math.round(value * 100)) < 1e-6, "Use at most two decimals")
    .optional();

export const credentialSchema = z.object({
  earnedOn: date("Enter the date you first earned the CHCP"),
  cycleStartOn: date("Enter the first day of your current cycle"),
  /** Left empty: the cycle's length after its start (chcp.server.ts). */
  expiresOn: date("Enter the expiry date").optional(),
});
export type CredentialInput = z.infer<typeof credentialSchema>;

export const entrySchema = z.object({
  kind: z.enum(ENTRY_KINDS, { error: "Choose what kind of activity this is" }),
  occurredOn: date("Enter the date it happened (or started)"),
  hours: amount(HOURS_MAX, "hours"),
  years: amount(YEARS_MAX, "years"),
  description: z
    .string({ error: "Say what you did" })
    .trim()
    .min(3, "Say what you did, in a few words")
    .max(DESCRIPTION_MAX, `Keep the description under ${DESCRIPTION_MAX} characters`),
  evidence: z.string().trim().max(EVIDENCE_MAX, `Keep the evidence under ${EVIDENCE_MAX} characters`).optional(),
  /** The completed pathway step it is added from (one-click add). */
  completion: z.string().max(64).optional(),
});
export type EntryInput = z.infer<typeof entrySchema>;
