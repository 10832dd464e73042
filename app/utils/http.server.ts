/** Small response helpers shared by routes. */

/** The site's own origin (for links in emails), from the request. */
export function siteUrl(request: Request): string {
  return process.env.SITE_URL?.replace(/\/$/, "") ?? new URL(request.url).origin;
}

/** A number from the address or a form (a post's or a version's): digits only, else undefined. */
export function numberParam(value: FormDataEntryValue | null | undefined): number | undefined {
  return typeof value === "string" && /^\d{1,9}$/.test(value) ? Number(value) : undefined;
}

export function notFound(message = "Not found"): Response {
  return new Response(message, { status: 404 });
}

export function forbidden(message = "Forbidden"): Response {
  return new Response(message, { status: 403 });
}
