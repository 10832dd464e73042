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
