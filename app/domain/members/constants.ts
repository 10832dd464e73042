/** Account and profile limits the pages show; zod-free, so pages can import it without the validator (docs/decisions/0009). */
export const PASSWORD_MIN = 10;

export const HANDLE_MIN = 3;
export const HANDLE_MAX = 30;
export const BIO_MAX = 4000;
export const YEARS_MAX = 60;
export const OTHER_CREDENTIALS_MAX = 5;
export const CREDENTIAL_MAX_LENGTH = 30;
