/**
 * Flag reasons and limits, client-safe: the flag form (on posts) and the
 * moderation queue show these labels; discussions/flags.server.ts enforces
 * the limits.
 */
export const FLAG_REASONS = ["OFF_TOPIC", "INAPPROPRIATE", "SPAM", "OTHER"] as const;
export type FlagReasonName = (typeof FLAG_REASONS)[number];

export const FLAG_REASON_LABELS: Record<FlagReasonName, string> = {
  OFF_TOPIC: "Off topic",
  INAPPROPRIATE: "Inappropriate",
  SPAM: "Spam",
  OTHER: "Something else",
};

export const FLAG_REASON_OPTIONS = FLAG_REASONS.map((value) => ({ value, label: FLAG_REASON_LABELS[value] }));

/** Open flags that hide a post pending a moderator's review. */
export const FLAGS_TO_HIDE = 3;
export const FLAG_NOTE_MAX = 500;
export const HIDDEN_BY_FLAGS_REASON = "Hidden after flags, pending review";
