/** Upload limits for framework imports (client-safe: the form shows them). */
export const MAX_UPLOAD_FILES = 60;
export const MAX_UPLOAD_FILE_BYTES = 1_000_000;
