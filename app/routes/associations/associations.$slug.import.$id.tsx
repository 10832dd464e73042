// /associations/:slug/import/:id — one uploaded member file: before confirming,
// its dry run (what each kind of row will do, and every bad row with its line
// and reason; nothing written yet); after, the import's progress (a page to
// reload; with JavaScript it refreshes itself) and its summary at the end.
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useRevalidator } from "@remix-run/react";
import { useEffect } from "react";
import { ErrorPage } from "~/components/error-page";
import { ProgressBar } from "~/components/progress-bar";
import { SubmitButton } from "~/components/ui/button";
import {
  confirmMemberImport,
  getMemberImport,
  INVITATION_EMAILS_PER_MINUTE,
  runImportJobsNow,
} from "~/domain/associations/member-import.server";
import { afterResponse } from "~/utils/after-response.server";
import { requireMember } from "~/utils/auth.server";
import { readerTimeZone } from "~/domain/members/actor";
import { formatDateIn } from "~/utils/zoned-dates";
import { redirectWithFlash } from "~/utils/flash.server";
import { badRequest, failureResponse } from "~/utils/http.server";
import { readForm } from "~/utils/request-body.server";

export { headers } from "~/utils/headers";

/** The bad rows listed on the page; the rest are counted. */
const BAD_ROWS_SHOWN = 500;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireMember(request);
  const result = await getMemberImport(actor, params.slug ?? "", params.id ?? "");
  if (!result.ok) throw failureResponse(result);
  const view = result.value;
  return {
    association: view.association,
    id: view.id,
    fileName: view.fileName,
    encoding: view.encoding,
    delimiter: view.delimiter === ";" ? "semicolons" : "commas",
    status: view.status,
    totalRows: view.totalRows,
    processedRows: view.processedRows,
    rowsToDo: view.rowsToDo,
    counts: view.counts,
    bad: view.bad.slice(0, BAD_ROWS_SHOWN),
    badCount: view.bad.length,
    uploadedOn: formatDateIn(view.createdAt, readerTimeZone(actor)),
    keptUntil: formatDateIn(view.expiresAt, readerTimeZone(actor)),
    emailsPerMinute: INVITATION_EMAILS_PER_MINUTE,
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await requireMember(request);
  const slug = params.slug ?? "";
  const id = params.id ?? "";
  const form = await readForm(request);
  if (form.get("intent") !== "confirm") throw badRequest("That form is not one this page knows.");
  const result = await confirmMemberImport(actor, slug, id);
  if (!result.ok) throw failureResponse(result);
  // Start at once rather than at the next background tick.
  if (result.value.started) afterResponse(context, () => runImportJobsNow());
  return redirectWithFlash(`/associations/${slug}/import/${id}`, result.value.started ? "The import has started." : "This file was already imported.");
}

function plural(count: number, one: string, many: string) {
  return `${count.toLocaleString("en")} ${count === 1 ? one : many}`;
}

export default function MemberImportFile() {
  const page = useLoaderData<typeof loader>();
  const base = `/associations/${page.association.slug}`;
  const { counts } = page;
  const revalidator = useRevalidator();
  const running = page.status === "RUNNING";
  // With JavaScript, a running import's page refreshes itself every two seconds.
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => {
      if (revalidator.state === "idle") revalidator.revalidate();
    }, 2000);
    return () => clearInterval(timer);
  }, [running, revalidator]);

  const heading = page.status === "UPLOADED" ? "Check before importing" : page.status === "RUNNING" ? "Importing members" : "Import finished";
  const future = page.status === "UPLOADED";
  const lines: { label: string; count: number }[] = [
    { label: future ? "will be invited (no account here yet)" : "invited (no account here yet)", count: counts.invitedNew },
    { label: future ? "will be invited (they already have an account)" : "invited (they already have an account)", count: counts.invitedExisting },
    { label: future ? "members whose role will change" : "members whose role changed", count: counts.rolesChanged },
    {
      label: future ? "members or invitations whose member id or join date will be updated" : "members or invitations whose member id or join date was updated",
      count: counts.detailsUpdated,
    },
    { label: "skipped: already up to date or already invited", count: counts.unchanged },
    { label: counts.invalid === 1 ? "bad row, skipped (listed below)" : "bad rows, skipped (listed below)", count: counts.invalid },
  ];

  return (
    <div className="max-w-3xl">
      <p>
        <Link to={`${base}/import`}>← Import members</Link>
      </p>
      <h1 className="mt-3 text-3xl font-bold">{heading}</h1>
      <p className="mt-2 break-words text-stone-700">
        {page.fileName}: {plural(page.totalRows, "row", "rows")}, read as {page.encoding} with {page.delimiter}, uploaded
        on {page.uploadedOn}. Kept until {page.keptUntil}.
      </p>

      {page.status !== "UPLOADED" ? (
        <div className="mt-4">
          <ProgressBar
            value={page.processedRows}
            max={page.rowsToDo}
            label="Import progress"
            text={
              page.status === "DONE"
                ? "All rows done"
                : `${plural(page.processedRows, "row", "rows")} of ${page.rowsToDo.toLocaleString("en")} done`
            }
          />
          {running ? (
            <p className="mt-2 text-sm text-stone-700">
              You can leave this page: the import goes on. <Link to=".">Reload</Link> to see how far it got.
            </p>
          ) : (
            <p className="mt-2 text-sm text-stone-700">
              Invitation emails go out at most {page.emailsPerMinute} a minute, so a large list takes a while to
              reach everyone.
            </p>
          )}
        </div>
      ) : null}

      <section aria-labelledby="counts-title" className="mt-6 rounded-lg border border-stone-200 bg-white p-4 shadow-sm sm:p-5">
        <h2 id="counts-title" className="text-xl font-semibold">
          {future ? "What this file will do" : running ? "Done so far" : "Summary"}
        </h2>
        <ul className="mt-3 space-y-1">
          {lines.map((line) => (
            <li key={line.label}>
              <strong className="tabular-nums">{line.count.toLocaleString("en")}</strong> {line.label}
            </li>
          ))}
        </ul>
        {future ? (
          <Form method="post" className="mt-5">
            <p className="text-stone-700">
              Invited people join only when they accept their link. Nobody is removed by an import.
            </p>
            <SubmitButton name="intent" value="confirm" className="mt-3 w-full sm:w-auto" pendingText="Starting…">
              Confirm and import
            </SubmitButton>
          </Form>
        ) : null}
      </section>

      {page.badCount > 0 ? (
        <section aria-labelledby="bad-title" className="mt-8">
          <h2 id="bad-title" className="text-xl font-semibold">
            Bad rows ({page.badCount.toLocaleString("en")})
          </h2>
          <p className="mt-1 text-stone-700">
            {future ? "These rows will be skipped. Correct them in your file and upload it again if you like: rows already done are not repeated." : "These rows were skipped."}
            {page.badCount > page.bad.length ? ` The first ${page.bad.length} are listed.` : null}
          </p>
          <div className="mt-3 overflow-x-auto">
            <table className="w-full border-collapse text-left text-sm">
              <caption className="sr-only">Bad rows, by line of the file</caption>
              <thead>
                <tr className="border-b border-stone-300">
                  <th scope="col" className="py-2 pr-3">
                    Line
                  </th>
                  <th scope="col" className="py-2 pr-3">
                    Email
                  </th>
                  <th scope="col" className="py-2">
                    Why
                  </th>
                </tr>
              </thead>
              <tbody>
                {page.bad.map((row) => (
                  <tr key={row.line} className="border-b border-stone-200 align-top">
                    <td className="py-2 pr-3 tabular-nums">{row.line}</td>
                    <td className="break-all py-2 pr-3">{row.email || "—"}</td>
                    <td className="py-2">{row.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data: page }) => [
  { title: page ? `Import members · ${page.association.name} · CME Commons` : "Import members · CME Commons" },
];

export function ErrorBoundary() {
  return <ErrorPage />;
}
