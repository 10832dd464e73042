// /statements/:id/versions/:number — one version of a statement's text: the text, what changed
// since the previous version (word diff), who wrote and accepted it, and who signed it.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ErrorPage } from "~/components/error-page";
import { useTimeZone } from "~/utils/time-zone";
import { formatDateTimeForReader } from "~/utils/zoned-dates";
import { WordDiff } from "~/components/word-diff";
import { STATUS_LABELS, statementPath } from "~/domain/statements/policy";
import { getVersion, type PersonView } from "~/domain/statements/suggestions.server";
import { getActor } from "~/utils/auth.server";
import { notFound } from "~/utils/http.server";

export { headers } from "~/utils/headers";

export async function loader({ request, params }: LoaderFunctionArgs) {
  if (!/^\d{1,9}$/.test(params.number ?? "")) throw notFound();
  const actor = await getActor(request);
  const found = await getVersion(actor, params.id ?? "", Number(params.number));
  if (!found) throw notFound("No such version");
  const { statement } = found;
  return {
    statement: {
      id: statement.id,
      title: statement.title,
      status: statement.status,
      currentVersion: statement.currentVersion,
      adoptedVersion: statement.adoptedVersion,
    },
    version: found.version,
    previous: found.previous,
    signatories: found.signatories.map((s) => ({
      handle: s.handle,
      displayName: s.displayName,
      jobTitle: s.jobTitle,
      organization: s.organization,
      note: s.note,
      signedAt: s.signedAt,
    })),
    signatoryCount: found.signatoryCount,
  };
}

function Person({ person }: { person: PersonView }) {
  if (!person) return <>a former member</>;
  return <Link to={`/members/${person.handle}`}>{person.displayName}</Link>;
}

export default function VersionPage() {
  const { statement, version, previous, signatories, signatoryCount } = useLoaderData<typeof loader>();
  const timeZone = useTimeZone();
  const back = statementPath(statement.id);
  const isCurrent = version.number === statement.currentVersion;
  const isAdopted = version.number === statement.adoptedVersion;
  return (
    <article aria-labelledby="version-title" className="max-w-3xl">
      <p className="text-sm">
        <Link to={back}>Back to “{statement.title}”</Link> · <Link to={`${back}/versions`}>All versions</Link>
      </p>
      <h1 id="version-title" className="mt-1 text-3xl font-bold">
        Version {version.number} of “{statement.title}”
      </h1>
      <p className="mt-2 text-stone-700">
        {STATUS_LABELS[statement.status]} statement ·{" "}
        {isAdopted
          ? "this is the adopted version"
          : isCurrent
            ? "this is the current version"
            : `the current version is ${statement.currentVersion}`}
      </p>

      <section aria-labelledby="contributors-title" className="mt-6">
        <h2 id="contributors-title" className="text-xl font-semibold">
          Contributors
        </h2>
        <p className="mt-1 text-stone-800">
          {version.number === 1 ? "First written" : "Written"} by <Person person={version.writtenBy} />
          {version.acceptedBy ? (
            <>
              ; suggestion accepted by <Person person={version.acceptedBy} />
            </>
          ) : null}{" "}
          on <time dateTime={version.createdAt}>{formatDateTimeForReader(version.createdAt, timeZone)}</time>.
        </p>
        {version.note ? <p className="mt-1 text-stone-800">What changed: “{version.note}”</p> : null}
      </section>

      <section aria-labelledby="text-title" className="mt-6">
        <h2 id="text-title" className="text-xl font-semibold">
          The text
        </h2>
        <div
          className="prose-content mt-2 break-words rounded-lg border border-stone-200 bg-white p-3 sm:p-4"
          dangerouslySetInnerHTML={{ __html: version.textHtml }}
        />
      </section>

      <section aria-labelledby="diff-title" className="mt-6">
        <h2 id="diff-title" className="text-xl font-semibold">
          {previous ? `What changed since version ${previous.number}` : "The first version"}
        </h2>
        {previous ? (
          <WordDiff
            className="mt-2"
            before={previous.text}
            after={version.text}
            beforeLabel={`version ${previous.number}`}
            afterLabel={`version ${version.number}`}
          />
        ) : (
          <p className="mt-1 text-stone-700">This is where the statement began, so there is nothing to compare it with.</p>
        )}
      </section>

      <section aria-labelledby="signatories-title" className="mt-6">
        <h2 id="signatories-title" className="text-xl font-semibold">
          Signed by ({signatoryCount})
        </h2>
        {signatories.length === 0 ? (
          <p className="mt-1 text-stone-700">No one has signed this version.</p>
        ) : (
          <ul className="mt-2 divide-y divide-stone-200 rounded-lg border border-stone-200 bg-white">
            {signatories.map((s) => (
              <li key={s.handle} className="p-3">
                <Link to={`/members/${s.handle}`} className="font-semibold">
                  {s.displayName}
                </Link>
                {s.jobTitle || s.organization ? (
                  <span className="text-stone-700"> · {[s.jobTitle, s.organization].filter(Boolean).join(", ")}</span>
                ) : null}
                <span className="block text-sm text-stone-600">
                  Signed <time dateTime={s.signedAt}>{formatDateTimeForReader(s.signedAt, timeZone)}</time>
                </span>
                {s.note ? <p className="mt-1 text-stone-800">“{s.note}”</p> : null}
              </li>
            ))}
          </ul>
        )}
        {signatoryCount > signatories.length ? (
          <p className="mt-2 text-sm text-stone-700">
            Showing the first {signatories.length} of {signatoryCount} signatures.
          </p>
        ) : null}
      </section>
    </article>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: data ? `Version ${data.version.number} · ${data.statement.title} · CME Commons` : "Version · CME Commons",
  },
];

export function ErrorBoundary() {
  return <ErrorPage />;
}
