// /me/chcp/summary — a print-ready summary of the member's CHCP log: the
// cycle, progress toward each section, and the entries by section, with the
// note that the Alliance's current requirements are the authority.
import type { LoaderFunctionArgs, MetaFunction, SerializeFrom } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import type { BreadcrumbHandle } from "~/components/breadcrumbs";
import { ChcpAuthorityNote, SectionProgressList } from "~/components/chcp";
import { ErrorPage } from "~/components/error-page";
import { PrintButton } from "~/components/print-button";
import { getChcpLog } from "~/domain/credentials/chcp.server";
import { formatAmount } from "~/domain/credentials/rules";
import { requireMember } from "~/utils/auth.server";
import { formatDate, formatLongDate } from "~/utils/dates";

export { headers } from "~/utils/headers";

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireMember(request);
  const log = await getChcpLog(actor);
  return {
    member: actor.displayName,
    preparedOn: log.today,
    credential: log.credential,
    progress: log.progress,
    sections: log.sections,
    outside: log.outside,
    rules: { version: log.rules.version, source: log.rules.source },
  };
}

export const handle: BreadcrumbHandle<SerializeFrom<typeof loader>> = {
  breadcrumb: () => [{ label: "CHCP log", to: "/me/chcp" }, { label: "Summary" }],
};

type Entry = SerializeFrom<typeof loader>["outside"][number];

function EntryTable({ entries, caption }: { entries: Entry[]; caption: string }) {
  if (entries.length === 0) return <p className="mt-1 text-stone-700">No entries.</p>;
  return (
    // Focusable so that a keyboard can scroll it, should a narrow screen need to.
    <div className="mt-2 overflow-x-auto" role="region" aria-label={caption} tabIndex={0}>
      <table className="w-full border-collapse text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr className="border-b-2 border-stone-400">
            <th scope="col" className="py-1 pr-3">
              Date
            </th>
            <th scope="col" className="py-1 pr-3">
              Kind
            </th>
            <th scope="col" className="py-1 pr-3">
              Amount
            </th>
            <th scope="col" className="py-1 pr-3">
              Description and evidence
            </th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => (
            <tr key={entry.id} className="border-b border-stone-200 align-top print:break-inside-avoid">
              <td className="py-1 pr-3">{formatDate(entry.occurredOn)}</td>
              <td className="py-1 pr-3">{entry.kindLabel}</td>
              <td className="py-1 pr-3">
                {entry.hours !== null ? formatAmount(entry.hours, "hours") : entry.years !== null ? formatAmount(entry.years, "years") : "—"}
              </td>
              <td className="break-words py-1">
                {entry.description}
                {entry.evidence ? <span className="block text-stone-600">Evidence: {entry.evidence}</span> : null}
                {entry.fromStep ? <span className="block text-stone-600">From the CME Commons pathway step “{entry.fromStep.title}”</span> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export default function ChcpSummaryPage() {
  const data = useLoaderData<typeof loader>();
  const { credential } = data;
  return (
    <>
      <div className="mb-6 flex flex-wrap items-center justify-between gap-4 rounded-lg border border-stone-200 bg-white p-4 print:hidden">
        <p>
          <Link to="/me/chcp">← Back to your CHCP log</Link>
        </p>
        <div className="flex flex-wrap items-center gap-3">
          <p className="text-sm text-stone-700">Use your browser’s Print command (Ctrl+P / ⌘P) to print this summary or save it as a PDF.</p>
          <PrintButton label="Print this page" />
        </div>
      </div>
      <article aria-labelledby="summary-title" className="max-w-4xl print:max-w-none print:text-sm print:text-black">
        <header className="border-b-2 border-brand-700 pb-4 print:pb-2">
          <h1 id="summary-title" className="text-3xl font-bold print:text-2xl">
            <span className="block text-sm font-semibold uppercase tracking-wide text-brand-700 print:text-black">
              CHCP® recertification log
            </span>{" "}
            <span className="mt-1 block">{data.member}</span>
          </h1>
        </header>
        <dl className="mt-4 grid gap-x-6 gap-y-1 sm:grid-cols-[auto_1fr] print:mt-2 print:grid-cols-[auto_1fr]">
          {credential ? (
            <>
              <dt className="font-semibold">First earned</dt>
              <dd>{formatLongDate(credential.earnedOn)}</dd>
              <dt className="font-semibold">Current cycle</dt>
              <dd>
                {formatLongDate(credential.cycleStartOn)} to {formatLongDate(credential.expiresOn)}
              </dd>
            </>
          ) : (
            <>
              <dt className="font-semibold">Cycle</dt>
              <dd>No dates recorded: every entry is counted.</dd>
            </>
          )}
          <dt className="font-semibold">Prepared on</dt>
          <dd>{formatLongDate(data.preparedOn)}</dd>
        </dl>
        <ChcpAuthorityNote sourceUrl={data.rules.source} className="mt-4" />

        <section aria-labelledby="summary-progress-title" className="mt-6 print:mt-3">
          <h2 id="summary-progress-title" className="text-xl font-semibold print:text-lg">
            Progress by section
          </h2>
          <SectionProgressList progress={data.progress} />
        </section>

        {data.sections.map((section) => (
          <section key={section.key} aria-labelledby={`summary-${section.key}`} className="mt-6 print:mt-3">
            <h2 id={`summary-${section.key}`} className="text-xl font-semibold print:break-after-avoid print:text-lg">
              {section.title}
            </h2>
            <EntryTable entries={section.entries} caption={`Entries toward ${section.title}`} />
          </section>
        ))}
        {data.outside.length ? (
          <section aria-labelledby="summary-outside" className="mt-6 print:mt-3">
            <h2 id="summary-outside" className="text-xl font-semibold print:break-after-avoid print:text-lg">
              Outside the current cycle (not counted)
            </h2>
            <EntryTable entries={data.outside} caption="Entries outside the current cycle" />
          </section>
        ) : null}
        <p className="mt-6 text-xs text-stone-600">Prepared with CME Commons. Rules as read by CME Commons: version {data.rules.version}.</p>
      </article>
    </>
  );
}

export const meta: MetaFunction = () => [{ title: "CHCP log summary · CME Commons" }];

export function ErrorBoundary() {
  return <ErrorPage />;
}
