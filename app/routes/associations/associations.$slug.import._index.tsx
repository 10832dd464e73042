// /associations/:slug/import — the owner uploads a CSV of members (a template
// to download), then sees its dry run on the upload's own page; recent
// uploads are listed, with links to remove lapsed members and to export the
// member list.
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ErrorPage } from "~/components/error-page";
import { SubmitButton } from "~/components/ui/button";
import { FieldErrors } from "~/components/ui/field";
import { listMemberImports, uploadMemberImport } from "~/domain/associations/member-import.server";
import { requireMember } from "~/utils/auth.server";
import { readerTimeZone } from "~/domain/members/actor";
import { formatDateIn } from "~/utils/zoned-dates";
import { redirectWithFlash } from "~/utils/flash.server";
import { failureResponse, formFailure } from "~/utils/http.server";
import { readForm } from "~/utils/request-body.server";

export { headers } from "~/utils/headers";

const STATUS_LABELS = { UPLOADED: "Not imported yet", RUNNING: "Importing", DONE: "Imported" } as const;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireMember(request);
  const result = await listMemberImports(actor, params.slug ?? "");
  if (!result.ok) throw failureResponse(result);
  const { association, imports } = result.value;
  return {
    association,
    imports: imports.map((item) => ({
      id: item.id,
      fileName: item.fileName,
      status: item.status,
      rows: item.totalRows,
      uploadedOn: formatDateIn(item.createdAt, readerTimeZone(actor)),
    })),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireMember(request);
  const slug = params.slug ?? "";
  const form = await readForm(request);
  const file = form.get("file");
  const uploaded = await uploadMemberImport(actor, slug, file instanceof File ? file : null);
  if (!uploaded.ok) return formFailure(uploaded, { fieldErrors: uploaded.fieldErrors ?? {} });
  return redirectWithFlash(`/associations/${slug}/import/${uploaded.value.id}`, "Your file is read. Check what it will do, then confirm.");
}

export default function MemberImport() {
  const { association, imports } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = result?.fieldErrors?.file;
  const base = `/associations/${association.slug}`;
  return (
    <div className="max-w-3xl">
      <p>
        <Link to={base}>← {association.name}</Link>
      </p>
      <h1 className="mt-3 text-3xl font-bold">Import members</h1>
      <p className="mt-2 text-stone-700">
        Bring your members in from a spreadsheet. Nobody is added without saying yes: each person gets an email with
        their own invitation link, whether or not they already have an account here. People who are already members
        have their role, member id and join date brought up to date.
      </p>

      <section aria-labelledby="file-title" className="mt-6 rounded-lg border border-stone-200 bg-white p-4 shadow-sm sm:p-5">
        <h2 id="file-title" className="text-xl font-semibold">
          Upload a file
        </h2>
        <p className="mt-2 text-stone-700">
          One member per line, with the column names on the first line: <strong>email</strong> and{" "}
          <strong>name</strong>, and if you have them <strong>role</strong> (MEMBER or MODERATOR; empty means MEMBER),{" "}
          <strong>join date</strong> (YYYY-MM-DD) and <strong>external id</strong> (your member number). Commas or
          semicolons both work, and so does a file saved by Excel.{" "}
          <a href={`${base}/import/template.csv`} download>
            Download the template
          </a>
          .
        </p>
        <Form method="post" encType="multipart/form-data" className="mt-4">
          <label htmlFor="file" className="block font-medium">
            CSV file
          </label>
          <p id="file-description" className="text-sm text-stone-600">
            At most 4 MB (about 30,000 members). Nothing is written until you have seen what the file will do and
            confirmed it.
          </p>
          <input
            id="file"
            name="file"
            type="file"
            accept=".csv,text/csv"
            required
            aria-describedby={errors ? "file-description file-error" : "file-description"}
            aria-invalid={errors ? true : undefined}
            className="mt-2 block w-full text-base file:mr-3 file:rounded-md file:border file:border-stone-400 file:bg-white file:px-3 file:py-2"
          />
          <FieldErrors id="file-error" errors={errors} />
          <SubmitButton className="mt-4 w-full sm:w-auto" pendingText="Reading the file…">
            Check the file
          </SubmitButton>
        </Form>
      </section>

      <section aria-labelledby="recent-title" className="mt-8">
        <h2 id="recent-title" className="text-xl font-semibold">
          Recent uploads
        </h2>
        <p className="mt-1 text-sm text-stone-600">Uploads are kept for 24 hours, then deleted.</p>
        {imports.length === 0 ? (
          <p className="mt-2 text-stone-700">None in the last 24 hours.</p>
        ) : (
          <ul className="mt-3 divide-y divide-stone-200 rounded-lg border border-stone-200 bg-white">
            {imports.map((item) => (
              <li key={item.id} className="p-4">
                <Link to={`${base}/import/${item.id}`} className="break-all font-semibold">
                  {item.fileName}
                </Link>
                <p className="text-sm text-stone-700">
                  {STATUS_LABELS[item.status]} · {item.rows.toLocaleString("en")} {item.rows === 1 ? "row" : "rows"} ·
                  uploaded on {item.uploadedOn}
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="more-title" className="mt-8">
        <h2 id="more-title" className="text-xl font-semibold">
          Members who left, and your list
        </h2>
        <ul className="mt-2 list-disc space-y-1 pl-6">
          <li>
            <Link to={`${base}/lapsed`}>Remove members whose membership lapsed</Link>: an import never removes anyone.
          </li>
          <li>
            <a href={`${base}/members.csv`} download>
              Download the member list (CSV)
            </a>
            : name, handle, role, join date and member id, and the email of members who allow it.
          </li>
        </ul>
      </section>
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data: page }) => [
  { title: page ? `Import members · ${page.association.name} · CME Commons` : "Import members · CME Commons" },
];

export function ErrorBoundary() {
  return <ErrorPage />;
}
