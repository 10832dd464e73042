// /admin/mentoring: reports from inside mentorships, for site administrators
// only. Each shows the reported message and who wrote and reported it; the
// rest of the pair's conversation stays theirs.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction, SerializeFrom } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import type { BreadcrumbHandle } from "~/components/breadcrumbs";
import { ErrorPage } from "~/components/error-page";
import { SubmitButton } from "~/components/ui/button";
import { readerTimeZone } from "~/domain/members/actor";
import { listOpenReports, resolveReport } from "~/domain/mentoring/reports.server";
import { requireAdmin } from "~/utils/auth.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { notFound, okOrThrow } from "~/utils/http.server";
import { readForm } from "~/utils/request-body.server";
import { formatDateTimeIn } from "~/utils/zoned-dates";

export { headers } from "~/utils/headers";

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireAdmin(request);
  const reports = await listOpenReports(actor);
  // The administrator's own zone, read with the session.
  const timeZone = readerTimeZone(actor);
  if (!reports) throw notFound();
  return {
    reports: reports.map((report) => ({
      ...report,
      reportedOn: formatDateTimeIn(report.reportedAt, timeZone),
      message: report.message ? { ...report.message, writtenOn: formatDateTimeIn(report.message.writtenAt, timeZone) } : null,
    })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireAdmin(request);
  const form = await readForm(request);
  okOrThrow(await resolveReport(actor, String(form.get("reportId") ?? "")));
  return redirectWithFlash("/admin/mentoring", "The report is closed.");
}

export const handle: BreadcrumbHandle<SerializeFrom<typeof loader>> = {
  breadcrumb: () => [{ label: "Administration", to: "/admin" }, { label: "Mentoring reports" }],
};

export default function MentoringReports() {
  const { reports } = useLoaderData<typeof loader>();
  return (
    <div className="max-w-3xl">
      <h1 className="mt-4 text-3xl font-bold">Mentoring reports</h1>
      <p className="mt-3 text-stone-700">
        A member of a mentorship reported these messages. Contact the members by email if needed; close a report once
        dealt with.
      </p>
      {reports.length === 0 ? <p className="mt-4">No reports waiting.</p> : null}
      <ul className="mt-4 space-y-4">
        {reports.map((report) => (
          <li key={report.id} className="rounded-lg border border-stone-200 bg-white p-4">
            <p className="text-sm text-stone-600">
              Reported {report.reportedOn} by{" "}
              {report.reporter ? <Link to={`/members/${report.reporter.handle}`}>{report.reporter.displayName}</Link> : "a former member"}
              {report.note ? `: “${report.note}”` : ""}
            </p>
            {report.message ? (
              <div className="mt-2 rounded-md border-l-4 border-stone-300 pl-3">
                <p className="text-sm text-stone-600">
                  Written by{" "}
                  {report.message.author ? (
                    <Link to={`/members/${report.message.author.handle}`}>{report.message.author.displayName}</Link>
                  ) : (
                    "a former member"
                  )}{" "}
                  · {report.message.writtenOn}
                </p>
                <div className="prose-content mt-1 break-words" dangerouslySetInnerHTML={{ __html: report.message.bodyHtml }} />
              </div>
            ) : (
              <p className="mt-2 text-stone-700">The message was deleted since.</p>
            )}
            <Form method="post" className="mt-3">
              <input type="hidden" name="reportId" value={report.id} />
              <SubmitButton variant="secondary" pendingText="Closing…">
                Close the report
              </SubmitButton>
            </Form>
          </li>
        ))}
      </ul>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Mentoring reports · Administration · CME Commons" }];

export function ErrorBoundary() {
  return <ErrorPage />;
}
