/** Limits and paths for mentoring (client-safe). */
export const MENTOR_CAPACITY_MAX = 10;
export const OFFER_NOTE_MAX = 500;
export const HOPES_MAX = 500;
export const REQUEST_MESSAGE_MAX = 1000;
export const DECISION_NOTE_MAX = 500;
export const MESSAGE_MAX = 10_000;
export const SCHEDULE_MAX = 300;
export const REFLECTION_MAX = 2000;
export const REPORT_NOTE_MAX = 500;
/** Suggestions shown at once: the best few, not a ranking of everyone. */
export const SUGGESTIONS_SHOWN = 8;
/** Messages shown in the space at once (the newest; older ones a page back). */
export const MESSAGES_PAGE_SIZE = 50;
/** A goal that ended within this many days can still be shared with a mentorship (open goals always). */
export const SHAREABLE_ENDED_DAYS = 90;
/** Goals a space shows (both members' together), and the newest progress notes shown for each. */
export const SHARED_GOALS_MAX = 50;
export const SHARED_GOAL_NOTES_SHOWN = 5;

export const MENTORING_PATH = "/mentoring";
export const mentorshipPath = (id: string) => `/mentoring/${id}`;
export const requestPath = (id: string) => `/mentoring/requests/${id}`;
export const askPath = (handle: string) => `/mentoring/ask/${handle}`;
export const MENTORING_REPORTS_PATH = "/admin/mentoring";

// ─── Association programs ──────────────────────────────────────────────────

export const PROGRAM_INVITATION_MAX = 2000;
export const PROPOSAL_NOTE_MAX = 1000;
/** Invitations go out again at most this often (members who joined since, and those who have not answered). */
export const INVITATION_RESEND_DAYS = 30;
/** Participants offered in each of the proposal form's lists (a search narrows them). */
export const PARTICIPANTS_LISTED = 200;
/** After one of them declines a proposal, the same pair cannot be proposed again (by any association) for this many days. */
export const PROPOSAL_DECLINED_DAYS = 90;
/** A goal shared again (after taking it back) within this many hours tells the other member nothing new. */
export const GOAL_SHARE_RENOTIFY_HOURS = 24;
/** Proposals listed on the owner's page, newest first. */
export const PROPOSALS_LISTED = 50;

export const programPath = (slug: string) => `/associations/${slug}/mentoring`;
export const programManagePath = (slug: string) => `/associations/${slug}/mentoring/manage`;
