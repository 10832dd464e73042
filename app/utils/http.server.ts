/** Small response helpers shared by routes. */

/** The site's own origin (for links in emails), from the request. */
export function siteUrl(request: Request): string {
  return process.env.SITE_URL?.replace(/\/$/, "") ?? new URL(request.url).origin;
}

export function notFound(message = "Not found"): Response {
  return new Response(message, { status: 404 });
}

export function forbidden(message = "Forbidden"): Response {
  return new Response(message, { status: 403 });
}
