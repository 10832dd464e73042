/**
 * Reviewer ratings: the invitation form's schema (shared by the form and the
 * server). Its limits and labels are in ./constants, re-exported here.
 */
import { z } from "zod";
import { REVIEWER_MESSAGE_MAX } from "./constants";

export {
  INVITATION_STATE_LABELS,
  REVIEWER_COMMENT_MAX,
  REVIEWER_INVITATION_DAYS,
  REVIEWER_MESSAGE_MAX,
  type InvitationState,
} from "./constants";

export const inviteReviewerSchema = z.object({
  email: z
    .string({ error: "Enter your reviewer’s email address" })
    .trim()
    .min(1, "Enter your reviewer’s email address")
    .max(254, "That email address is too long")
    .pipe(z.email("Enter an email address like name@example.org")),
  message: z
    .string()
    .trim()
    .max(REVIEWER_MESSAGE_MAX, `Keep the message under ${REVIEWER_MESSAGE_MAX} characters`)
    .default(""),
});
export type InviteReviewerInput = z.infer<typeof inviteReviewerSchema>;
