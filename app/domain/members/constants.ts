/** Account and profile limits the pages show; zod-free, so pages can import it without the validator (docs/decisions/0009). */
export const PASSWORD_MIN = 10;

/**
 * Sign-up confirms the address by email. The link works for a day (it signs
 * the member in, so it should not sit in an inbox for long; a new one is a
 * click away). An account whose address is never confirmed is deleted by the
 * hourly housekeeping after a week: long enough for a holiday, short enough
 * that a typo or someone else's address does not hold an account for good.
 */
export const CONFIRMATION_LINK_HOURS = 24;
export const UNCONFIRMED_ACCOUNT_DAYS = 7;

export const HANDLE_MIN = 3;
export const HANDLE_MAX = 30;
export const BIO_MAX = 4000;
export const YEARS_MAX = 60;
export const OTHER_CREDENTIALS_MAX = 5;
export const CREDENTIAL_MAX_LENGTH = 30;
