// /search?q=&association=&category=&tag=&author=: full-text search of the
// threads and posts the viewer may see, best matches first.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation } from "@remix-run/react";
import { ErrorPage } from "~/components/error-page";
import { postPath } from "~/domain/discussions/constants";
import { parseSearchParams, SEARCH_SET_SIZE, searchPage } from "~/domain/discussions/search.server";
import { getActor } from "~/utils/auth.server";
import { useTimeZone } from "~/utils/time-zone";
import { formatDateIn } from "~/utils/zoned-dates";

export { headers } from "~/utils/headers";

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await getActor(request);
  const { after, ...filters } = parseSearchParams(new URL(request.url).searchParams);
  // Two queries: the filter choices and the results (three when an unfiltered search finds few matches).
  const { options, page } = await searchPage(actor, filters, after);
  const kept = Object.entries(filters).filter((entry): entry is [string, string] => !!entry[1]);
  return {
    filters,
    options,
    // Links are made here, so the page's own script needs nothing from the forms' schemas (and zod).
    results: page.results.map(({ threadSlug, ...result }) => ({
      ...result,
      href: postPath({ id: result.threadId, slug: threadSlug }, result.number),
    })),
    searched: filters.q !== "",
    isLaterPage: !!after,
    // Results are ranked among the newest matches, SEARCH_SET_SIZE at a time: a count is exact only
    // while the first set holds every match.
    matchCount: page.setIsFull || page.olderSet ? null : page.setSize,
    olderSet: page.olderSet,
    setSize: SEARCH_SET_SIZE,
    firstPage: `/search?${new URLSearchParams(kept)}`,
    nextPage: page.nextCursor ? `/search?${new URLSearchParams([...kept, ["after", page.nextCursor]])}` : null,
    nextIsOlderSet: page.nextIsOlderSet,
    signedIn: actor.kind === "member",
  };
}

const controlClass =
  "mt-1 block w-full rounded-md border border-stone-400 bg-white px-3 py-2 text-base shadow-sm focus:border-brand-700";


export default function Search() {
  const {
    filters,
    options,
    results,
    searched,
    isLaterPage,
    matchCount,
    olderSet,
    setSize,
    firstPage,
    nextPage,
    nextIsOlderSet,
    signedIn,
  } = useLoaderData<typeof loader>();
  const timeZone = useTimeZone();
  const location = useLocation();
  const hasFilters = !!(filters.association || filters.category || filters.tag || filters.author);

  return (
    <>
      <header className="max-w-3xl">
        <h1 className="text-3xl font-bold">Search the forums</h1>
        <p className="mt-2 text-stone-700">
          Find threads and replies by their words. Put a phrase in quotes, use <kbd>or</kbd> for either word, and a
          minus sign to leave a word out.
        </p>
      </header>

      <Form
        key={location.search}
        method="get"
        action="/search"
        role="search"
        aria-label="Forums"
        className="mt-6 rounded-lg border border-stone-200 bg-white p-4 shadow-sm"
      >
        <label htmlFor="search-q" className="block font-medium">
          Search for
        </label>
        <input
          id="search-q"
          name="q"
          type="search"
          defaultValue={filters.q}
          maxLength={200}
          autoComplete="off"
          className={controlClass}
        />
        <div className="mt-4 grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
          <div>
            <label htmlFor="search-association" className="block text-sm font-medium">
              Association
            </label>
            <select id="search-association" name="association" defaultValue={filters.association ?? ""} className={controlClass}>
              <option value="">Any association</option>
              {options.associations.map((association) => (
                <option key={association.slug} value={association.slug}>
                  {association.name}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="search-category" className="block text-sm font-medium">
              Category
            </label>
            <select
              id="search-category"
              name="category"
              defaultValue={filters.category ?? ""}
              aria-describedby="search-category-hint"
              className={controlClass}
            >
              <option value="">Any category</option>
              {options.forums.map((forum, index) => (
                <optgroup key={index} label={forum.name}>
                  {forum.categories.map((category) => (
                    <option key={category.id} value={category.id}>
                      {category.name}
                    </option>
                  ))}
                </optgroup>
              ))}
            </select>
            <p id="search-category-hint" className="mt-1 text-sm text-stone-600">
              {filters.association
                ? "The chosen association’s categories."
                : "Community categories. Choose an association and search to pick one of its own."}
            </p>
          </div>
          <div>
            <label htmlFor="search-tag" className="block text-sm font-medium">
              Tag
            </label>
            <input id="search-tag" name="tag" defaultValue={filters.tag ?? ""} maxLength={100} className={controlClass} />
          </div>
          <div>
            <label htmlFor="search-author" className="block text-sm font-medium">
              Author’s handle
            </label>
            <input
              id="search-author"
              name="author"
              defaultValue={filters.author ?? ""}
              maxLength={100}
              autoComplete="off"
              className={controlClass}
            />
          </div>
        </div>
        <div className="mt-4 flex flex-wrap items-center gap-4">
          <button
            type="submit"
            className="inline-flex items-center justify-center rounded-md bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800"
          >
            Search
          </button>
          {searched || hasFilters ? <Link to="/search">Start a new search</Link> : null}
        </div>
      </Form>

      {!signedIn ? (
        <p className="mt-4 text-stone-700">
          You’re searching public discussions. <Link to="/login?redirectTo=%2Fsearch">Log in</Link> to search the
          members’ areas and your associations too.
        </p>
      ) : null}

      <section aria-labelledby="results-title" className="mt-8 max-w-3xl">
        <h2 id="results-title" className="text-2xl font-semibold">
          {searched ? "Results" : "Search results"}
        </h2>
        <div role="status">
          {searched && results.length > 0 ? (
            <p className="mt-1 text-stone-700">
              {olderSet ? (
                <>Older matches for “{filters.q}”, best first.</>
              ) : matchCount === null ? (
                <>
                  {setSize} or more matches for “{filters.q}”. The best of the {setSize} most recent come first; older
                  matches follow them.
                </>
              ) : (
                <>
                  {matchCount} {matchCount === 1 ? "match" : "matches"} for “{filters.q}”, best first.
                </>
              )}
            </p>
          ) : null}
        </div>

        {!searched ? (
          <p className="mt-4 rounded-lg border border-dashed border-stone-300 bg-white p-6 text-stone-700">
            Type a few words above to search.
          </p>
        ) : results.length === 0 ? (
          <div className="mt-4 rounded-lg border border-dashed border-stone-300 bg-white p-6 text-stone-700">
            {isLaterPage ? (
              <p>
                No more results. <Link to={firstPage}>Back to the best matches</Link>.
              </p>
            ) : (
              <p>
                Nothing matches “{filters.q}”{hasFilters ? " with those filters" : ""}. Try other words
                {hasFilters ? ", or fewer filters" : ""}.
              </p>
            )}
          </div>
        ) : (
          <ol className="mt-4 space-y-4">
            {results.map((result) => (
              <li key={result.postId} className="rounded-lg border border-stone-200 bg-white p-4 shadow-sm">
                <h3 className="break-words text-lg font-semibold">
                  <Link to={result.href}>
                    {result.threadTitle}
                    {result.number > 1 ? <span className="font-normal"> — reply #{result.number}</span> : null}
                  </Link>
                </h3>
                <p className="text-sm text-stone-600">
                  {result.forumName} · {result.categoryName} · {result.authorName ?? "A former member"} ·{" "}
                  <time dateTime={result.createdAt}>{formatDateIn(result.createdAt, timeZone)}</time>
                </p>
                {/* Escaped on the server; the only markup is our own <mark> around matching words. */}
                <p
                  className="mt-2 break-words text-stone-800 [&_mark]:rounded [&_mark]:bg-amber-200 [&_mark]:px-0.5 [&_mark]:text-stone-900"
                  dangerouslySetInnerHTML={{ __html: result.snippetHtml }}
                />
              </li>
            ))}
          </ol>
        )}

        {nextPage || isLaterPage ? (
          <nav aria-label="More results" className="mt-6 flex flex-wrap justify-between gap-4">
            {isLaterPage ? <Link to={firstPage}>← Best matches</Link> : <span />}
            {nextPage ? (
              <Link to={nextPage} rel="next">
                {nextIsOlderSet ? "Older matches →" : "More results →"}
              </Link>
            ) : null}
          </nav>
        ) : null}
      </section>
    </>
  );
}

export const meta: MetaFunction = () => [{ title: "Search · CME Commons" }];

export function ErrorBoundary() {
  return <ErrorPage />;
}
