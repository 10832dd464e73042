/**
 * The edit-profile form and the directory's search parameters: one schema
 * each, shared by the browser and the server.
 *
 * Form values arrive through Conform's `parseWithZod`, which turns empty
 * fields into `undefined` and numbers typed as text into numbers.
 */
import { z } from "zod";
import {
  AccreditationSystem,
  Background,
  CareerLevel,
  OrganizationType,
  RoleArchetype,
  Visibility,
} from "~/generated/prisma/enums";
import { BIO_MAX, CREDENTIAL_MAX_LENGTH, HANDLE_MAX, HANDLE_MIN, OTHER_CREDENTIALS_MAX, YEARS_MAX } from "./constants";
import { CREDENTIAL_CHOICES, type CredentialChoice } from "./profile-options";
import { singleLine } from "~/utils/text";

export { BIO_MAX, CREDENTIAL_MAX_LENGTH, HANDLE_MAX, HANDLE_MIN, OTHER_CREDENTIALS_MAX, YEARS_MAX };

export const handleSchema = z
  .string({ error: "Choose a handle for your profile address" })
  .trim()
  .toLowerCase()
  .min(HANDLE_MIN, { error: `Use at least ${HANDLE_MIN} characters`, abort: true })
  .max(HANDLE_MAX, { error: `Use at most ${HANDLE_MAX} characters`, abort: true })
  .regex(/^[a-z0-9-]+$/, { error: "Use only lowercase letters, numbers and hyphens", abort: true })
  .regex(/^[a-z0-9](.*[a-z0-9])?$/, "Start and end with a letter or a number");

const displayName = z
  .string({ error: "Enter the name other members will see" })
  .overwrite(singleLine)
  .trim()
  .min(2, "Use at least 2 characters")
  .max(80, "Use at most 80 characters");

/** A one-line field of the profile (job title, organisation). */
const optionalText = (max: number) => z.string().overwrite(singleLine).trim().max(max, `Use at most ${max} characters`).optional();

const chooseOne = { error: "Choose one of the options in the list" };

/** The free-text credentials, split at commas: trimmed, no blanks, no repeats (ignoring case). */
export function splitOtherCredentials(text: string | undefined): string[] {
  const seen = new Set<string>();
  const result: string[] = [];
  for (const part of (text ?? "").split(",")) {
    const credential = part.trim().replace(/\s+/g, " ");
    const key = credential.toLowerCase();
    if (!credential || seen.has(key)) continue;
    seen.add(key);
    result.push(credential);
  }
  return result;
}

function asChoice(credential: string): CredentialChoice | undefined {
  return CREDENTIAL_CHOICES.find((choice) => choice.toLowerCase() === credential.toLowerCase());
}

/**
 * The credentials to store: ticked choices first (in the form's order), then
 * the typed ones. A typed "pmp" counts as the PMP choice.
 */
export function mergeCredentials(chosen: readonly string[], otherText: string | undefined): string[] {
  const typed = splitOtherCredentials(otherText);
  const choices = CREDENTIAL_CHOICES.filter(
    (choice) => chosen.includes(choice) || typed.some((credential) => asChoice(credential) === choice),
  );
  return [...choices, ...typed.filter((credential) => !asChoice(credential))];
}

/** Stored credentials, split back into the form's checkboxes and its free-text field. */
export function splitStoredCredentials(credentials: readonly string[]): { chosen: CredentialChoice[]; other: string } {
  const chosen = CREDENTIAL_CHOICES.filter((choice) => credentials.includes(choice));
  const other = credentials.filter((credential) => !asChoice(credential));
  return { chosen, other: other.join(", ") };
}

const visibility = z.enum(Visibility, { error: "Choose who can see this section" });

export const profileFormSchema = z.object({
  displayName,
  handle: handleSchema,

  jobTitle: optionalText(100),
  organization: optionalText(120),
  organizationType: z.enum(OrganizationType, chooseOne).optional(),
  roleArchetype: z.enum(RoleArchetype, chooseOne).optional(),
  careerLevel: z.enum(CareerLevel, chooseOne).optional(),
  professionalVisibility: visibility,

  background: z.enum(Background, chooseOne).optional(),
  yearsInField: z
    .number({ error: "Enter a whole number of years, like 5" })
    .int("Enter a whole number of years, like 5")
    .min(0, "Enter a number from 0 to 60")
    .max(YEARS_MAX, `Enter a number from 0 to ${YEARS_MAX}`)
    .optional(),
  credentials: z.array(z.enum(CREDENTIAL_CHOICES, chooseOne)).default([]),
  otherCredentials: z
    .string()
    .max(400, "That is too long: list up to 5 credentials, separated by commas")
    .optional()
    .superRefine((text, ctx) => {
      const extra = splitOtherCredentials(text).filter((credential) => !asChoice(credential));
      if (extra.length > OTHER_CREDENTIALS_MAX) {
        ctx.addIssue({ code: "custom", message: `List at most ${OTHER_CREDENTIALS_MAX} other credentials` });
      }
      if (extra.some((credential) => credential.length > CREDENTIAL_MAX_LENGTH)) {
        ctx.addIssue({ code: "custom", message: `Keep each credential to ${CREDENTIAL_MAX_LENGTH} characters or fewer` });
      }
    }),
  accreditationSystem: z.enum(AccreditationSystem, chooseOne).optional(),
  backgroundVisibility: visibility,

  bio: z.string().max(BIO_MAX, `Keep your bio to ${BIO_MAX.toLocaleString("en-US")} characters or fewer`).optional(),
  bioVisibility: visibility,

  /** Who sees the latest self-assessed stage per area on the profile (never targets, evidence or history). */
  competencyVisibility: visibility,
  /**
   * Whether the member's latest self-assessed stages count, anonymously and
   * only in groups of at least five, toward their associations' insight. A
   * checkbox: ticked sends "on", unticked sends nothing (false).
   */
  countInInsight: z.boolean({ error: "Tick the box or leave it empty" }).default(false),
  /** Opt-in: whether the outcomes of the member's commitments to change (90-day check-ins) count in that insight, the same way. */
  commitmentsInInsight: z.boolean({ error: "Tick the box or leave it empty" }).default(false),
});

export type ProfileFormValue = z.output<typeof profileFormSchema>;

/**
 * The directory's query string. A value that does not fit is dropped, never
 * an error: search links are shared, bookmarked and hand-edited.
 */
export const directoryQuerySchema = z.object({
  q: z
    .string()
    .trim()
    .max(100)
    .transform((text) => text || undefined)
    .optional()
    .catch(undefined),
  role: z.enum(RoleArchetype).optional().catch(undefined),
  credential: z.enum(CREDENTIAL_CHOICES).optional().catch(undefined),
  organizationType: z.enum(OrganizationType).optional().catch(undefined),
  accreditation: z.enum(AccreditationSystem).optional().catch(undefined),
  after: z.string().max(400).optional().catch(undefined),
});

export type DirectoryQuery = z.output<typeof directoryQuerySchema>;

export function parseDirectoryQuery(searchParams: URLSearchParams): DirectoryQuery {
  return directoryQuerySchema.parse(Object.fromEntries(searchParams));
}
