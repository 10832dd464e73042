/** Mentoring program forms, checked by the server (their limits and paths are in constants.ts, which pages import without zod). */
import { z } from "zod";
import { cleanText } from "~/utils/text";
import { PROGRAM_INVITATION_MAX, PROPOSAL_NOTE_MAX } from "./constants";

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
