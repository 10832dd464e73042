import { Link, useMatches } from "@remix-run/react";

/** One step of a trail: a link to a page above this one, or (without `to`) the page itself. */
export type Crumb = { label: string; to?: string };

/**
 * What a route puts in its `handle` to show a trail above its page. Routes are
 * mostly flat (one level under the root), so a route gives its whole trail,
 * built from its loader's data; nested routes add theirs after their parent's.
 */
export type BreadcrumbHandle<Data> = { breadcrumb: (data: Data) => Crumb[] };

function crumbsOf(match: ReturnType<typeof useMatches>[number]): Crumb[] {
  const handle = match.handle as Partial<BreadcrumbHandle<unknown>> | undefined;
  // No data (the route failed and its error boundary shows): no trail for it.
  if (typeof handle?.breadcrumb !== "function" || match.data == null) return [];
  return handle.breadcrumb(match.data);
}

/**
 * The trail of the current page, rendered once (root.tsx) from the matched
 * routes' handles. The page itself, when it is in the trail, is its last item
 * and carries `aria-current="page"`.
 */
export function Breadcrumbs() {
  const crumbs = useMatches().flatMap(crumbsOf);
  if (crumbs.length === 0) return null;
  return (
    <nav aria-label="Breadcrumb" className="no-print text-sm">
      <ol className="flex flex-wrap gap-1 break-words">
        {crumbs.map((crumb, index) => {
          const last = index === crumbs.length - 1;
          return (
            <li key={index} aria-current={last && !crumb.to ? "page" : undefined}>
              {crumb.to ? <Link to={crumb.to}>{crumb.label}</Link> : crumb.label}
              {last ? null : <span aria-hidden="true"> /</span>}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
