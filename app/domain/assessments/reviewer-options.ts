/**
 * Reviewer ratings: the invitation form's schema and choices (client-safe,
 * shared by the form and the server).
 */
import { z } from "zod";

/** How long an invitation link works. */
export const REVIEWER_INVITATION_DAYS = 30;
export const REVIEWER_MESSAGE_MAX = 1000;
export const REVIEWER_COMMENT_MAX = 2000;

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

export type InvitationState = "pending" | "accepted" | "rated" | "revoked" | "expired";

export const INVITATION_STATE_LABELS: Record<InvitationState, string> = {
  pending: "Waiting for the reviewer",
  accepted: "Accepted, not rated yet",
  rated: "Rated",
  revoked: "Revoked",
  expired: "Expired",
};
