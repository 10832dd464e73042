/** Mentoring program forms: shared by the browser and the server. */
import { z } from "zod";
import { cleanText } from "~/utils/text";

export const PROGRAM_INVITATION_MAX = 2000;
export const PROPOSAL_NOTE_MAX = 1000;
/** Invitations go out again at most this often (members who joined since, and those who have not answered). */
export const INVITATION_RESEND_DAYS = 30;
/** Participants offered in each of the proposal form's lists (a search narrows them). */
export const PARTICIPANTS_LISTED = 200;
/** Proposals listed on the owner's page, newest first. */
export const PROPOSALS_LISTED = 50;

export const programPath = (slug: string) => `/associations/${slug}/mentoring`;
export const programManagePath = (slug: string) => `/associations/${slug}/mentoring/manage`;

export const programSchema = z.object({
  invitation: z
    .string({ error: "Write a few words inviting your members" })
    .overwrite(cleanText)
    .trim()
    .min(1, "Write a few words inviting your members")
    .max(PROGRAM_INVITATION_MAX, `Use at most ${PROGRAM_INVITATION_MAX} characters`),
});

export const optInSchema = z
  .object({
    asMentor: z.literal("on").optional(),
    asMentee: z.literal("on").optional(),
  })
  .refine((value) => value.asMentor || value.asMentee, {
    path: ["asMentor"],
    message: "Choose mentor, mentee or both",
  });

export const proposalSchema = z.object({
  mentee: z.string({ error: "Choose a mentee" }).trim().min(1, "Choose a mentee").max(60),
  mentor: z.string({ error: "Choose a mentor" }).trim().min(1, "Choose a mentor").max(60),
  note: z
    .string()
    .overwrite(cleanText)
    .trim()
    .max(PROPOSAL_NOTE_MAX, `Use at most ${PROPOSAL_NOTE_MAX} characters`)
    .optional(),
});
