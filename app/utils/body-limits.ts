/**
 * How many bytes a request body may carry, by address. The server refuses a
 * larger body before reading it (server/body-limits.mjs, from Content-Length),
 * and the one body reader of actions (readForm, request-body.server.ts) counts
 * bytes as they arrive, so a chunked body without a length is cut off too.
 *
 * One default for forms: the longest Markdown field (a post, a statement, a
 * plan) is far below it. A short list of larger limits for the routes that take
 * files, each with its reason; add one here when a route needs it.
 */
export const FORM_BODY_LIMIT = 256 * 1024;

export interface BodyLimit {
  /** Matched against the path, without a trailing `.data` (single fetch). */
  path: RegExp;
  bytes: number;
  reason: string;
}

export const LARGER_BODY_LIMITS: readonly BodyLimit[] = [
  {
    path: /^\/admin\/frameworks\/?$/,
    bytes: 16 * 1024 * 1024,
    reason: "framework import: a folder of Markdown files (at most 60, each under 1 MB)",
  },
  {
    path: /^\/settings\/photo\/?$/,
    bytes: 8 * 1024 * 1024,
    reason:
      "profile photo: a file of at most 5 MB (PHOTO_MAX_BYTES, members/photos.server.ts), with room above it so a photo a little too large gets a message on the form",
  },
  {
    path: /^\/email\/inbound\/?$/,
    bytes: 16 * 1024 * 1024,
    reason:
      "inbound mail from a provider's webhook: a raw message of at most 10 MB (INBOUND_MESSAGE_LIMIT, email/inbound.server.ts), with room above it so a message a little too large is answered with an email instead of bounced",
  },
  {
    path: /^\/associations\/[a-z0-9-]+\/import\/?$/,
    bytes: 5 * 1024 * 1024,
    reason:
      "member import: a CSV of at most 4 MB (IMPORT_FILE_MAX_BYTES, associations/member-import-file.ts; 10,000 members are about 1 MB), with room above it so a file a little too large gets a message on the form",
  },
];

/** The body limit for a request path. */
export function bodyLimitFor(pathname: string): number {
  const path = pathname.replace(/(?:\/_root)?\.data$/, "") || "/";
  return LARGER_BODY_LIMITS.find((limit) => limit.path.test(path))?.bytes ?? FORM_BODY_LIMIT;
}

/** "256 KB", "16 MB": a limit in words for error messages. */
export function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round(bytes / (1024 * 1024))} MB` : `${Math.round(bytes / 1024)} KB`;
}
