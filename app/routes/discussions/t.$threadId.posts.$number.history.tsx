// /t/:threadId/posts/:number/history — who edited a post and when; earlier texts for moderators only.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ErrorPage } from "~/components/error-page";
import { useTimeZone } from "~/utils/time-zone";
import { formatDateTimeForReader } from "~/utils/zoned-dates";
import { getPostHistory } from "~/domain/discussions/posts.server";
import { postPath } from "~/domain/discussions/constants";
import { getActor } from "~/utils/auth.server";
import { notFound } from "~/utils/http.server";

export { headers } from "~/utils/headers";

export async function loader({ request, params }: LoaderFunctionArgs) {
  if (!/^\d{1,9}$/.test(params.number ?? "")) throw notFound();
  const actor = await getActor(request);
  const history = await getPostHistory(actor, params.threadId ?? "", Number(params.number));
  if (!history) throw notFound("No such post");
  return history;
}

export default function PostHistory() {
  const history = useLoaderData<typeof loader>();
  const timeZone = useTimeZone();
  const { thread, post } = history;
  return (
    <section aria-labelledby="history-title" className="max-w-3xl">
      <p className="text-sm">
        <Link to={postPath(thread, post.number)}>
          Back to post #{post.number} in “{thread.title}”
        </Link>
      </p>
      <h1 id="history-title" className="mt-1 text-3xl font-bold">
        Edit history of post #{post.number}
      </h1>
      <p className="mt-2 text-stone-700">
        {history.canViewEarlierVersions
          ? "As a moderator you can read every earlier version."
          : "Everyone can see when a post was edited and by whom. Earlier versions’ text is visible to moderators only."}
      </p>
      <ol className="mt-4 space-y-3">
        {history.entries.map((entry) => (
          <li key={entry.version} className="rounded-lg border border-stone-200 bg-white p-3 shadow-sm">
            <h2 className="font-semibold">
              {entry.label}
              {entry.current ? " (current version)" : ""}
            </h2>
            <p className="text-sm text-stone-700">
              {entry.version === 1 ? "Written" : "Edited"} by {entry.who ?? "a former member"} on{" "}
              <time dateTime={entry.at}>{formatDateTimeForReader(entry.at, timeZone)}</time>
            </p>
            {entry.bodyHtml ? (
              <div className="prose-content mt-2 break-words border-l-4 border-stone-200 pl-3" dangerouslySetInnerHTML={{ __html: entry.bodyHtml }} />
            ) : null}
          </li>
        ))}
      </ol>
    </section>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Edit history of post #${data.post.number} · CME Commons` : "Edit history · CME Commons" },
];

export function ErrorBoundary() {
  return <ErrorPage />;
}
