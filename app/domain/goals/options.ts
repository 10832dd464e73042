/** Labels and numbers about goals and commitments, safe for client code. */

export const GOAL_STATUS_LABELS = {
  OPEN: "In progress",
  ACHIEVED: "Achieved",
  CHANGED: "Changed",
  DROPPED: "Dropped",
} as const;

export type GoalStatusName = keyof typeof GOAL_STATUS_LABELS;

/** How a goal can end, as the end form offers it. */
export const GOAL_ENDINGS = [
  { value: "ACHIEVED", label: "Achieved", description: "You did what you set out to do." },
  { value: "CHANGED", label: "Changed", description: "It became a different goal; write the new one separately." },
  { value: "DROPPED", label: "Dropped", description: "It no longer fits your work or your plans." },
] as const;

export const CHECK_IN_ANSWERS = [
  { value: "DONE", label: "Done", description: "I made the change." },
  { value: "PARTLY", label: "Partly", description: "I made some of it." },
  { value: "NOT_YET", label: "Not yet", description: "I have not made it yet." },
  { value: "NO_LONGER_RELEVANT", label: "No longer relevant", description: "My work changed and it no longer applies." },
] as const;

export type CheckInAnswerName = (typeof CHECK_IN_ANSWERS)[number]["value"];

export const CHECK_IN_ANSWER_LABELS: Record<CheckInAnswerName, string> = Object.fromEntries(
  CHECK_IN_ANSWERS.map((answer) => [answer.value, answer.label]),
) as Record<CheckInAnswerName, string>;

/**
 * Check-ins after a commitment, in days on the member's calendar. A product
 * choice: the best timing of commitment-to-change follow-ups is not settled
 * (DOMAIN.md §9.4), so one early and one later look.
 */
export const CHECK_IN_DAYS = [30, 90] as const;

/** Home lists open goals whose date falls within this many days (and those overdue). */
export const GOAL_DUE_SOON_DAYS = 30;

/** The one reminder email about a goal goes out this many days before its date. */
export const GOAL_REMINDER_DAYS_BEFORE = 7;

export const GOAL_LIMITS = { title: 300, outcome: 1000, note: 4000, reflection: 4000, commitment: 1000, obstacle: 2000, comment: 2000, label: 200 } as const;
