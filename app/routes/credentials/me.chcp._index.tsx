// /me/chcp — the member's CHCP® recertification log: the credential's dates,
// progress toward each section in the current cycle, the entries by section,
// entries outside the cycle apart, and completed pathway steps to add.
// Private to the member.
import type { LoaderFunctionArgs, MetaFunction, SerializeFrom } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import type { BreadcrumbHandle } from "~/components/breadcrumbs";
import { ChcpAuthorityNote, daysLeftText, EntryList, SectionProgressList } from "~/components/chcp";
import { ErrorPage } from "~/components/error-page";
import { completedStepsToAdd, getChcpLog } from "~/domain/credentials/chcp.server";
import { requireMember } from "~/utils/auth.server";
import { formatLongDate } from "~/utils/dates";

export { headers } from "~/utils/headers";

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireMember(request);
  const [log, steps] = await Promise.all([getChcpLog(actor), completedStepsToAdd(actor)]);
  return {
    credential: log.credential,
    progress: log.progress,
    sections: log.sections,
    outside: log.outside,
    entryCount: log.entryCount,
    timeZone: log.timeZone,
    reminderEmails: log.reminderEmails,
    rules: { name: log.rules.name, version: log.rules.version, source: log.rules.source, cycleYears: log.rules.cycleYears },
    steps,
  };
}

export const handle: BreadcrumbHandle<SerializeFrom<typeof loader>> = {
  breadcrumb: () => [{ label: "My home", to: "/home" }, { label: "CHCP log" }],
};

const primaryLink =
  "inline-block rounded-md bg-brand-700 px-4 py-2 font-semibold text-white no-underline hover:bg-brand-800 hover:text-white";
const secondaryLink =
  "inline-block rounded-md border border-stone-400 bg-white px-4 py-2 font-semibold text-stone-900 no-underline hover:bg-stone-50";

export default function ChcpLogPage() {
  const data = useLoaderData<typeof loader>();
  const { credential } = data;
  return (
    <div className="max-w-5xl">
      <h1 className="mt-4 text-3xl font-bold">Your CHCP® recertification log</h1>
      <p className="mt-3 max-w-3xl text-stone-700">
        Keep a record of what you do during your {data.rules.cycleYears}-year cycle and see how it adds up against each
        section of recertification. Only you can see this log.
      </p>
      <ChcpAuthorityNote sourceUrl={data.rules.source} className="mt-4 max-w-3xl" />

      <section aria-labelledby="credential-title" className="mt-8">
        <h2 id="credential-title" className="text-2xl font-semibold">
          Your credential
        </h2>
        {credential ? (
          <div className="mt-3 rounded-lg border border-stone-200 bg-white p-4 sm:p-5">
            <dl className="grid gap-x-6 gap-y-2 sm:grid-cols-3">
              <div>
                <dt className="text-sm text-stone-600">First earned</dt>
                <dd className="font-medium">{formatLongDate(credential.earnedOn)}</dd>
              </div>
              <div>
                <dt className="text-sm text-stone-600">Current cycle started</dt>
                <dd className="font-medium">{formatLongDate(credential.cycleStartOn)}</dd>
              </div>
              <div>
                <dt className="text-sm text-stone-600">{credential.expired ? "Expired" : "Expires"}</dt>
                <dd className="font-medium">
                  {formatLongDate(credential.expiresOn)}{" "}
                  <span className={credential.expired ? "text-red-800" : "text-stone-700"}>({daysLeftText(credential.daysLeft)})</span>
                </dd>
              </div>
            </dl>
            {credential.expired ? (
              <p className="mt-3 text-red-800">
                Your credential’s expiry date has passed. If you have recertified, record the new cycle’s dates.
              </p>
            ) : null}
            <Reminders reminders={credential.reminders} on={data.reminderEmails} timeZone={data.timeZone} />
            <p className="mt-3">
              <Link to="/me/chcp/credential">Change your dates</Link>
            </p>
          </div>
        ) : (
          <div className="mt-3 rounded-lg border-2 border-brand-700 bg-brand-50 p-4 sm:p-5">
            <p>
              Record when you earned the credential and when your current cycle started: the log then counts the entries of
              that cycle and reminds you before it ends.
            </p>
            <p className="mt-3">
              <Link to="/me/chcp/credential" className={primaryLink}>
                Record your CHCP dates
              </Link>
            </p>
          </div>
        )}
      </section>

      <section aria-labelledby="progress-title" className="mt-10">
        <h2 id="progress-title" className="text-2xl font-semibold">
          Progress this cycle
        </h2>
        <p className="mt-1 text-stone-700">
          {credential
            ? `From the entries dated ${formatLongDate(credential.cycleStartOn)} to ${formatLongDate(credential.expiresOn)}.`
            : "From all your entries, until you record your cycle’s dates."}{" "}
          Both sections are needed to recertify.
        </p>
        <SectionProgressList progress={data.progress} />
        <div className="mt-4 flex flex-wrap gap-3">
          <Link to="/me/chcp/entries/new" className={primaryLink}>
            Add an entry
          </Link>
          <Link to="/me/chcp/summary" className={secondaryLink}>
            Printable summary
          </Link>
          <a href="/me/chcp.csv" className={secondaryLink} download>
            Download CSV
          </a>
        </div>
      </section>

      <section aria-labelledby="entries-title" className="mt-10">
        <h2 id="entries-title" className="text-2xl font-semibold">
          Your entries{credential ? " this cycle" : ""}
        </h2>
        {data.entryCount === 0 ? <p className="mt-2 text-stone-700">No entries yet. Add what you have done so far.</p> : null}
        {data.sections.map((section) => (
          <div key={section.key} className="mt-4">
            <h3 className="text-lg font-semibold">{section.title}</h3>
            {section.entries.length ? (
              <EntryList entries={section.entries} />
            ) : (
              <p className="mt-1 text-stone-700">No entries toward this section{credential ? " in this cycle" : ""}.</p>
            )}
          </div>
        ))}
      </section>

      {data.outside.length ? (
        <section aria-labelledby="outside-title" className="mt-10">
          <h2 id="outside-title" className="text-2xl font-semibold">
            Entries outside the current cycle
          </h2>
          <p className="mt-1 text-stone-700">
            Dated before {credential ? formatLongDate(credential.cycleStartOn) : "the cycle"} or after{" "}
            {credential ? formatLongDate(credential.expiresOn) : "it"}: kept for your records, not counted above.
          </p>
          <EntryList entries={data.outside} />
        </section>
      ) : null}

      <section aria-labelledby="steps-title" className="mt-10">
        <h2 id="steps-title" className="text-2xl font-semibold">
          From your pathways
        </h2>
        <p className="mt-1 max-w-3xl text-stone-700">
          Pathway steps you completed on CME Commons can go into your log. You choose the kind and the hours: the site does
          not decide what counts. Clinical or job-function training, for example, does not count as informal education.
        </p>
        {data.steps.length ? (
          <ul className="mt-3 divide-y divide-stone-200 rounded-lg border border-stone-200 bg-white">
            {data.steps.map((step) => (
              <li key={step.completionId} className="flex flex-col gap-2 p-4 sm:flex-row sm:items-center sm:justify-between">
                <div>
                  <Link to={step.href} className="font-semibold">
                    {step.stepTitle}
                  </Link>
                  <span className="block text-sm text-stone-600">
                    {step.pathwayTitle} · completed {formatLongDate(step.completedOn)}
                  </span>
                </div>
                <Link
                  to={`/me/chcp/entries/new?completion=${encodeURIComponent(step.completionId)}`}
                  className={`${secondaryLink} shrink-0 text-center`}
                  aria-label={`Add to log: ${step.stepTitle}`}
                >
                  Add to log
                </Link>
              </li>
            ))}
          </ul>
        ) : (
          <p className="mt-2 text-stone-700">
            No completed steps waiting. <Link to="/pathways">Browse pathways</Link>
          </p>
        )}
      </section>

      <p className="mt-10 text-sm text-stone-600">
        Rules as CME Commons reads them: {data.rules.name}, version {data.rules.version}.{" "}
        <a href={data.rules.source} rel="noopener noreferrer">
          Check the Alliance’s current requirements
        </a>
        .
      </p>
    </div>
  );
}

function Reminders({
  reminders,
  on,
  timeZone,
}: {
  reminders: NonNullable<SerializeFrom<typeof loader>["credential"]>["reminders"];
  on: boolean;
  timeZone: string;
}) {
  const coming = reminders.filter((reminder) => reminder.upcoming);
  if (!on) {
    return (
      <p className="mt-3 text-stone-700">
        Reminder emails are off. <Link to="/settings/email">Turn reminders on</Link>
      </p>
    );
  }
  if (coming.length === 0) return null;
  return (
    <p className="mt-3 text-stone-700">
      We will email you a reminder on{" "}
      {coming.map((reminder, index) => (
        <span key={reminder.monthsBefore}>
          {index > 0 ? " and " : null}
          {formatLongDate(reminder.on)} ({reminder.monthsBefore} months before)
        </span>
      ))}
      , in the morning in your time zone ({timeZone}). <Link to="/settings/email">Email settings</Link>
    </p>
  );
}

export const meta: MetaFunction = () => [{ title: "Your CHCP recertification log · CME Commons" }];

export function ErrorBoundary() {
  return <ErrorPage />;
}
