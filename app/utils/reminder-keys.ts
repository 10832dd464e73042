/**
 * Reminder emails about a member's own plans (goals, check-ins) are jobs
 * whose keys start with `reminder:<userId>:`, written to the outbox under the
 * kinds below. Here, below the contexts, so that deleting an account
 * (members) removes them without importing the contexts that send them.
 */
export const reminderKeyPrefix = (userId: string) => `reminder:${userId}:`;

/** The outbox kinds of reminder emails. */
export const REMINDER_EMAIL_KINDS = ["goal-reminder", "check-in-reminder"] as const;
