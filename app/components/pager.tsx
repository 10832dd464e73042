import { Link } from "@remix-run/react";

type PagerLink = { href: string; label: string } | null;

/**
 * "Earlier"/"Later" links for keyset-paginated lists (no page numbers: the
 * cursor is the last item seen). Renders nothing when there is nowhere to go.
 */
export function Pager({ label, previous, next }: { label: string; previous?: PagerLink; next?: PagerLink }) {
  if (!previous && !next) return null;
  const linkClass =
    "inline-flex items-center rounded-md border border-stone-400 bg-white px-4 py-2 font-semibold text-stone-900 no-underline hover:bg-stone-100";
  return (
    <nav aria-label={label} className="no-print mt-6 flex flex-wrap justify-between gap-3">
      {previous ? (
        <Link to={previous.href} className={linkClass}>
          <span aria-hidden="true">←&nbsp;</span>
          {previous.label}
        </Link>
      ) : (
        <span />
      )}
      {next ? (
        <Link to={next.href} rel="next" className={linkClass}>
          {next.label}
          <span aria-hidden="true">&nbsp;→</span>
        </Link>
      ) : null}
    </nav>
  );
}
