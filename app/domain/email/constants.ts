/** Email frequencies and their words; zod-free, so pages can import them without the validator (docs/decisions/0009). */
export const EMAIL_FREQUENCIES = ["NONE", "IMMEDIATE", "DAILY", "WEEKLY"] as const;
export type EmailFrequencyName = (typeof EMAIL_FREQUENCIES)[number];

export const EMAIL_FREQUENCY_OPTIONS: readonly { value: EmailFrequencyName; label: string; description: string }[] = [
  {
    value: "WEEKLY",
    label: "A weekly digest",
    description:
      "One email a week, early on Monday in your time zone, with the past week's new threads and replies in your associations and in what you watch.",
  },
  {
    value: "DAILY",
    label: "A daily digest",
    description:
      "One email a day, just after midnight in your time zone, with the previous day's new threads and replies; none on quiet days.",
  },
  {
    value: "IMMEDIATE",
    label: "An email for each mention and reply",
    description:
      "An email soon after someone mentions you, replies to you, posts in a thread you watch or starts a thread in a category you watch; after a reviewer sends their rating; when someone suggests a revision of your statement or makes you a co-author; and, if you moderate, when a post is flagged.",
  },
  {
    value: "NONE",
    label: "No community emails",
    description: "Nothing about discussions. Emails about your account, such as password resets, still come.",
  },
];

/** What a member's choice means, in a few words (for the unsubscribe page). */
export function frequencyLabel(frequency: EmailFrequencyName): string {
  return EMAIL_FREQUENCY_OPTIONS.find((option) => option.value === frequency)?.label ?? frequency;
}
