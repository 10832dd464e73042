// /forums/:forumSlug — a forum's home: its categories and the latest threads, with what is new for the member.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ErrorPage } from "~/components/error-page";
import { Pager } from "~/components/pager";
import { ThreadList } from "~/components/thread-list";
import { getForumHome } from "~/domain/discussions/threads.server";
import { getActor } from "~/utils/auth.server";
import { notFound } from "~/utils/http.server";
import { useTimeZone } from "~/utils/time-zone";
import { formatDateIn } from "~/utils/zoned-dates";

export { headers } from "~/utils/headers";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await getActor(request);
  const cursor = new URL(request.url).searchParams.get("cursor");
  // Opening a forum's home records the member's visit ("new since your last visit"): read tracking, see reading.server.ts.
  const home = await getForumHome(actor, params.forumSlug ?? "", cursor);
  if (!home) throw notFound("No such forum");
  return { ...home, paged: cursor !== null };
}

const VISIBILITY_NOTES = {
  PUBLIC: null,
  MEMBERS: "Signed-in members only",
  ASSOCIATION: "Association members only",
} as const;

const newThreadButton =
  "inline-flex items-center rounded-md bg-brand-700 px-4 py-2 font-semibold text-white no-underline hover:bg-brand-800 hover:text-white";

export default function ForumHome() {
  const home = useLoaderData<typeof loader>();
  const timeZone = useTimeZone();
  const { forum } = home;
  return (
    <div className="max-w-4xl">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          {forum.association ? (
            <p className="text-sm">
              <Link to={`/associations/${forum.association.slug}`}>{forum.association.name}</Link>
            </p>
          ) : null}
          <h1 className="text-3xl font-bold">{forum.association ? `${forum.name} forum` : forum.name}</h1>
        </div>
        {home.canStartThread ? (
          <Link to={`/forums/${forum.slug}/new`} className={newThreadButton}>
            New thread
          </Link>
        ) : null}
      </div>

      {!home.paged ? (
        <section aria-labelledby="categories-title" className="mt-6">
          <h2 id="categories-title" className="text-xl font-semibold">
            Categories
          </h2>
          {home.categories.length === 0 ? (
            <p className="mt-2 text-stone-700">There are no categories you can see here yet.</p>
          ) : (
            <ul className="mt-3 grid gap-3 sm:grid-cols-2">
              {home.categories.map((category) => (
                <li key={category.id} className="rounded-lg border border-stone-200 bg-white p-4 shadow-sm">
                  <h3 className="text-lg font-semibold">
                    <Link to={`/forums/${forum.slug}/${category.slug}`}>{category.name}</Link>
                  </h3>
                  {category.description ? <p className="mt-1 text-stone-700">{category.description}</p> : null}
                  <p className="mt-2 text-sm text-stone-600">
                    {category.threadCount === 1 ? "1 thread" : `${category.threadCount} threads`}
                    {VISIBILITY_NOTES[category.visibility] ? ` · ${VISIBILITY_NOTES[category.visibility]}` : ""}
                  </p>
                </li>
              ))}
            </ul>
          )}
        </section>
      ) : null}

      <section aria-labelledby="latest-title" className="mt-8">
        <h2 id="latest-title" className="text-xl font-semibold">
          {home.paged ? "Older threads" : "Latest threads"}
        </h2>
        {home.previousVisitAt ? (
          <p className="mt-1 text-stone-700">
            {home.newSinceVisit === 0
              ? `Nothing new since your last visit on ${formatDateIn(home.previousVisitAt, timeZone)}.`
              : `New since your last visit on ${formatDateIn(home.previousVisitAt, timeZone)}: ${
                  home.newSinceVisit === 1 ? "1 thread" : `${home.newSinceVisit} threads`
                }, marked “New”.`}
          </p>
        ) : null}
        <ThreadList threads={home.latest.threads} showCategory emptyText="No threads yet. Start the first one!" />
        <Pager
          label="More threads"
          next={home.latest.nextCursor ? { href: `?cursor=${encodeURIComponent(home.latest.nextCursor)}`, label: "Older threads" } : null}
        />
      </section>
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.forum.name} · Forums · CME Commons` : "Forum · CME Commons" },
];

export function ErrorBoundary() {
  return <ErrorPage />;
}
