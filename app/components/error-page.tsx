import { Form, isRouteErrorResponse, Link, useRouteError } from "@remix-run/react";
import type { ReactNode } from "react";

/**
 * How long a 429 asks to wait, in words ("a minute", "12 minutes", "an hour"),
 * from the `retryAfter` seconds in its body (rate-limit.server.ts); "a few
 * minutes" when it has none.
 */
export function retryMinutes(error: unknown): string {
  const seconds = isRouteErrorResponse(error) && typeof error.data === "object" && error.data && "retryAfter" in error.data
    ? Number((error.data as { retryAfter: number }).retryAfter)
    : NaN;
  if (!Number.isFinite(seconds)) return "a few minutes";
  const minutes = Math.max(1, Math.ceil(seconds / 60));
  if (minutes === 1) return "a minute";
  if (minutes < 60) return `${minutes} minutes`;
  const hours = Math.round(minutes / 60);
  return hours === 1 ? "an hour" : `about ${hours} hours`;
}

/** Placeholder texts of thrown responses (http.server.ts), which say nothing the title does not. */
const GENERIC_TEXTS = new Set(["forbidden", "not found", "bad request"]);

/**
 * What the domain said when it refused, or null: the body of a thrown
 * failure (`failureResponse` in http.server.ts), which is the message as text,
 * or JSON with a `message` (a rate-limited failure). Shown as text, never HTML.
 */
export function domainMessage(error: unknown): string | null {
  if (!isRouteErrorResponse(error)) return null;
  const body: unknown = error.data;
  const raw =
    typeof body === "string"
      ? body
      : typeof body === "object" && body !== null && typeof (body as { message?: unknown }).message === "string"
        ? (body as { message: string }).message
        : "";
  const text = raw.trim();
  return text && text.length <= 500 && !GENERIC_TEXTS.has(text.toLowerCase()) ? text : null;
}

/** Which case of its reason a thrown failure was (its `why`: "used", "expired"…), or "". */
export function failureWhy(error: unknown): string {
  if (!isRouteErrorResponse(error) || typeof error.data !== "object" || error.data === null) return "";
  const why = (error.data as { why?: unknown }).why;
  return typeof why === "string" ? why : "";
}

/**
 * An error boundary for a page reached through a link in an email or a
 * message (an invitation, a share link): each case the page words apart (the
 * failure's `why`) gets its own title and next step under the domain's
 * message; anything else is the ordinary error page.
 */
export function LinkErrorPage({ cases, next }: { cases: Record<string, { title: string; next?: ReactNode }>; next: ReactNode }) {
  const error = useRouteError();
  const page = cases[failureWhy(error)];
  const message = domainMessage(error);
  if (!page || !message) return <ErrorPage />;
  return (
    <section aria-labelledby="gone-title" className="max-w-2xl">
      <h1 id="gone-title" className="text-3xl font-bold">
        {page.title}
      </h1>
      <p className="mt-4 text-lg text-stone-700">{message}</p>
      <div className="mt-4">{page.next ?? next}</div>
    </section>
  );
}

/** A title for each status, and what to say when the refusal gave no words of its own. */
const PAGES: Record<number, { title: string; fallback: string }> = {
  403: { title: "Not allowed", fallback: "You don't have permission to do that." },
  404: {
    title: "Page not found",
    fallback: "We couldn't find that page. It may have moved, or the link may be mistyped.",
  },
  409: { title: "That can't be done as things stand", fallback: "It changed in the meantime. Please reload the page and try again." },
  410: { title: "This is no longer available", fallback: "It was used, withdrawn or has expired." },
  413: { title: "That was too much to send", fallback: "Please go back and try again." },
};

/** The page shown for 404, 403, 409, 410, 429 and unexpected errors: the domain's own words when it gave some. Never shows internals. */
export function ErrorPage() {
  const error = useRouteError();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  if (!isRouteErrorResponse(error)) console.error(error);
  const unconfirmed = status === 403 && isUnconfirmedRefusal(error);
  const said = domainMessage(error);

  const { title, message } = unconfirmed
    ? { title: "Please confirm your email address first", message: (error as { data: { message: string } }).data.message }
    : PAGES[status]
      ? { title: PAGES[status].title, message: said ?? PAGES[status].fallback }
      : status === 429
        ? {
            title: "Too many attempts",
            message:
              said ??
              `For your security we have paused this for a little while. Please try again in ${retryMinutes(error)}.`,
          }
        : status < 500
          ? {
              title: "Something is wrong with that request",
              // The refusal's own words (the body reader's, or the domain's) when it gave some.
              message: said ?? "Please go back and try again.",
            }
          : {
              title: "Something went wrong on our side",
              message: "Sorry — the page could not be shown. Please try again in a moment.",
            };

  return (
    <section aria-labelledby="error-title" className="max-w-2xl">
      <p className="text-sm font-semibold text-brand-700">Error {status}</p>
      <h1 id="error-title" className="mt-1 text-3xl font-bold">
        {title}
      </h1>
      <p className="mt-4 text-lg text-stone-700">{message}</p>
      {unconfirmed ? (
        <Form method="post" action="/confirm-email" className="mt-6">
          <button
            type="submit"
            className="inline-flex items-center justify-center rounded-md bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800"
          >
            Email me a new link
          </button>
        </Form>
      ) : null}
      <p className="mt-6">
        <Link to="/">Go to the home page</Link> or <Link to="/competencies">browse the competency framework</Link>.
      </p>
    </section>
  );
}

/** A write refused because the member's email address is not confirmed yet (requireContributor in auth.server.ts). */
function isUnconfirmedRefusal(error: unknown): error is { data: { reason: string; message: string } } {
  if (!isRouteErrorResponse(error) || typeof error.data !== "object" || error.data === null) return false;
  const data = error.data as { reason?: unknown; message?: unknown };
  return data.reason === "unconfirmed-email" && typeof data.message === "string";
}
