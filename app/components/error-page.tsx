import { isRouteErrorResponse, Link, useRouteError } from "@remix-run/react";

function retryMinutes(error: unknown): string {
  const seconds = isRouteErrorResponse(error) && typeof error.data === "object" && error.data && "retryAfter" in error.data
    ? Number((error.data as { retryAfter: number }).retryAfter)
    : NaN;
  if (!Number.isFinite(seconds)) return "a few minutes";
  const minutes = Math.max(1, Math.ceil(seconds / 60));
  return minutes === 1 ? "a minute" : `${minutes} minutes`;
}

/** The page shown for 404, 403, 429 and unexpected errors. Never shows internals. */
export function ErrorPage() {
  const error = useRouteError();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  if (!isRouteErrorResponse(error)) console.error(error);

  const { title, message } =
    status === 404
      ? {
          title: "Page not found",
          message: "We couldn't find that page. It may have moved, or the link may be mistyped.",
        }
      : status === 403
        ? { title: "Not allowed", message: "You don't have permission to do that." }
        : status === 429
          ? {
              title: "Too many attempts",
              message: `For your security we have paused this for a little while. Please try again in ${retryMinutes(error)}.`,
            }
        : status < 500
          ? {
              title: "Something is wrong with that request",
              message: "Please go back and try again.",
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
      <p className="mt-6">
        <Link to="/">Go to the home page</Link> or <Link to="/competencies">browse the competency framework</Link>.
      </p>
    </section>
  );
}
