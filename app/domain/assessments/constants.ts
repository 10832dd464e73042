/**
 * Assessment and reviewer limits and words the pages show; zod-free, so pages
 * can import them without the validator (docs/decisions/0009). ./schemas and
 * ./reviewer-options re-export them.
 */

/** Evidence links per competency area. */
export const MAX_LINKS = 5;

/** How long a reviewer invitation link works. */
export const REVIEWER_INVITATION_DAYS = 30;
export const REVIEWER_MESSAGE_MAX = 1000;
export const REVIEWER_COMMENT_MAX = 2000;
/** The reviewer's answer for an area they have not seen the member work in (instead of a stage). */
export const NOT_OBSERVED = "not-observed";

export type InvitationState = "pending" | "accepted" | "rated" | "revoked" | "expired";

export const INVITATION_STATE_LABELS: Record<InvitationState, string> = {
  pending: "Waiting for the reviewer",
  accepted: "Accepted, not rated yet",
  rated: "Rated",
  revoked: "Revoked",
  expired: "Expired",
};

/**
 * What the start page tells members to allow per competency area: reading
 * five stage descriptors, choosing one, and perhaps a target and a note.
 * The whole assessment's estimate follows the framework's number of areas.
 */
export const MINUTES_PER_AREA = 5;

export const assessmentMinutes = (areaCount: number) => areaCount * MINUTES_PER_AREA;
