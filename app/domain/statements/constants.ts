/**
 * Statement limits and options the pages need at render time. Zod-free, so
 * pages can import it without the validator (docs/decisions/0009); the forms
 * themselves are in schemas.ts, which re-exports all of this.
 */
/** At most this many people are listed when the author looks for a co-author. */
export const COAUTHOR_MATCHES_SHOWN = 10;
/** The shortest text a co-author search looks for. */
export const COAUTHOR_QUERY_MIN = 2;
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
/** An administrator's reason for adopting a version nobody has signed (kept on the statement's history). */
export const ADOPTION_REASON_MAX = 500;
/** The adoption form's error when its confirmation box is left unticked (server and browser say the same). */
export const ADOPTION_CONFIRM_MESSAGE = "Tick the box to confirm the adoption";
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

export const statusFilterOptions = [
  { value: "", label: "Open and adopted" },
  { value: "OPEN", label: "Open" },
  { value: "ADOPTED", label: "Adopted" },
  { value: "ARCHIVED", label: "Archived" },
] as const;
