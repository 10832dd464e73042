// /statements/:id/versions — every version of a statement's text, newest first, with who wrote
// and accepted it and how many members signed it.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ErrorPage } from "~/components/error-page";
import { Pager } from "~/components/pager";
import { useTimeZone } from "~/utils/time-zone";
import { formatDateTimeForReader } from "~/utils/zoned-dates";
import { STATUS_LABELS, statementPath } from "~/domain/statements/policy";
import { listVersions, type PersonView } from "~/domain/statements/suggestions.server";
import { getActor } from "~/utils/auth.server";
import { notFound, numberParam } from "~/utils/http.server";

export { headers } from "~/utils/headers";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await getActor(request);
  const before = new URL(request.url).searchParams.get("before");
  const listed = await listVersions(actor, params.id ?? "", { before: numberParam(before) });
  if (!listed) throw notFound("No such statement");
  const { statement, versions, newerBefore, olderBefore } = listed;
  return {
    statement: {
      id: statement.id,
      title: statement.title,
      status: statement.status,
      currentVersion: statement.currentVersion,
      adoptedVersion: statement.adoptedVersion,
    },
    versions,
    newerBefore,
    olderBefore,
  };
}

function Person({ person }: { person: PersonView }) {
  if (!person) return <>a former member</>;
  return <Link to={`/members/${person.handle}`}>{person.displayName}</Link>;
}

const signatures = (n: number) => (n === 1 ? "1 signature" : `${n} signatures`);

export default function Versions() {
  const { statement, versions, newerBefore, olderBefore } = useLoaderData<typeof loader>();
  const timeZone = useTimeZone();
  const back = statementPath(statement.id);
  return (
    <section aria-labelledby="versions-title" className="max-w-3xl">
      <p className="text-sm">
        <Link to={back}>Back to “{statement.title}”</Link>
      </p>
      <h1 id="versions-title" className="mt-1 text-3xl font-bold">
        Versions of the text
      </h1>
      <p className="mt-2 text-stone-700">
        “{statement.title}” · {STATUS_LABELS[statement.status]}. Every change of the text is kept as a numbered
        version; open one to see what changed and who signed it.{" "}
        <Link to={`${back}/suggestions`}>Suggested revisions</Link>
      </p>
      <Pager
        label="Newer versions"
        previous={newerBefore === null ? null : { href: `?before=${newerBefore}`, label: "Newer versions" }}
      />
      <ol className="mt-6 space-y-3">
        {versions.map((version) => {
          const labels = [
            version.number === statement.currentVersion ? "current" : null,
            version.number === statement.adoptedVersion ? "adopted" : null,
          ].filter(Boolean);
          return (
            <li key={version.number} className="rounded-lg border border-stone-200 bg-white p-3 shadow-sm sm:p-4">
              <h2 className="font-semibold">
                <Link to={`${back}/versions/${version.number}`}>Version {version.number}</Link>
                {labels.length ? <span className="font-normal text-stone-700"> ({labels.join(", ")})</span> : null}
              </h2>
              <p className="text-sm text-stone-700">
                <time dateTime={version.createdAt}>{formatDateTimeForReader(version.createdAt, timeZone)}</time> ·{" "}
                {signatures(version.endorsementCount)}
              </p>
              <p className="mt-1 text-stone-800">
                Written by <Person person={version.writtenBy} />
                {version.acceptedBy ? (
                  <>
                    , suggestion accepted by <Person person={version.acceptedBy} />
                  </>
                ) : null}
              </p>
              {version.note ? <p className="mt-1 text-stone-800">“{version.note}”</p> : null}
            </li>
          );
        })}
      </ol>
      <Pager label="Older versions" next={olderBefore === null ? null : { href: `?before=${olderBefore}`, label: "Older versions" }} />
    </section>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Versions · ${data.statement.title} · CME Commons` : "Versions · CME Commons" },
];

export function ErrorBoundary() {
  return <ErrorPage />;
}
