/** Share-link choices offered on the form (client-safe). */
export const SHARE_DAY_CHOICES = [7, 30, 90] as const;
export const DEFAULT_SHARE_DAYS = 30;
