// /me/chcp/entries/:entryId — change or delete one entry of the member's CHCP
// log. Another member's entry is not found.
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, type SerializeFrom } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import type { BreadcrumbHandle } from "~/components/breadcrumbs";
import { EntryForm } from "~/components/chcp-entry-form";
import { ErrorPage } from "~/components/error-page";
import { SubmitButton } from "~/components/ui/button";
import { deleteEntry, entryKindOptions, getEntry, updateEntry } from "~/domain/credentials/chcp.server";
import { entrySchema } from "~/domain/credentials/schemas";
import { requireMember } from "~/utils/auth.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { formConstraint } from "~/utils/form-constraints.server";
import { formFailure, okOrThrow } from "~/utils/http.server";
import { readForm } from "~/utils/request-body.server";

export { headers } from "~/utils/headers";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireMember(request);
  const entry = okOrThrow(await getEntry(actor, params.entryId ?? ""));
  return { entry, kinds: entryKindOptions(), constraint: formConstraint(entrySchema) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireMember(request);
  const id = params.entryId ?? "";
  const formData = await readForm(request);
  if (formData.get("intent") === "delete") {
    okOrThrow(await deleteEntry(actor, id));
    return redirectWithFlash("/me/chcp", "The entry was deleted from your log.");
  }
  const submission = parseWithZod(formData, { schema: entrySchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const result = await updateEntry(actor, id, submission.value);
  if (!result.ok) return formFailure(result, submission.reply({ fieldErrors: result.fieldErrors ?? {}, formErrors: result.fieldErrors ? [] : [result.message] }));
  return redirectWithFlash("/me/chcp", "Your entry is saved.");
}

export const handle: BreadcrumbHandle<SerializeFrom<typeof loader>> = {
  breadcrumb: () => [{ label: "CHCP log", to: "/me/chcp" }, { label: "Edit entry" }],
};

export default function EditEntryPage() {
  const { entry, kinds, constraint } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  return (
    <div className="max-w-2xl">
      <h1 className="mt-4 text-3xl font-bold">Edit an entry of your CHCP log</h1>
      <EntryForm
        key={entry.id}
        id="chcp-entry"
        kinds={kinds}
        constraint={constraint}
        lastResult={lastResult}
        submitLabel="Save entry"
        defaults={{
          kind: entry.kind,
          occurredOn: entry.occurredOn,
          hours: entry.hours === null ? "" : String(entry.hours),
          years: entry.years === null ? "" : String(entry.years),
          description: entry.description,
          evidence: entry.evidence,
          completion: "",
        }}
      >
        {entry.fromStep ? (
          <p className="mb-4 text-sm text-stone-700">
            From the pathway step <Link to={entry.fromStep.href}>{entry.fromStep.title}</Link> ({entry.fromStep.pathwayTitle}).
          </p>
        ) : null}
      </EntryForm>
      <section aria-labelledby="delete-title" className="mt-8 rounded-lg border border-red-200 bg-white p-4 sm:p-5">
        <h2 id="delete-title" className="text-xl font-semibold">
          Delete this entry
        </h2>
        <p className="mt-1 text-stone-700">It leaves your log for good.</p>
        <Form method="post" className="mt-3">
          <SubmitButton variant="danger" name="intent" value="delete" pendingText="Deleting…">
            Delete entry
          </SubmitButton>
        </Form>
      </section>
      <p className="mt-6">
        <Link to="/me/chcp">Back to your CHCP log</Link>
      </p>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Edit a CHCP log entry · CME Commons" }];

export function ErrorBoundary() {
  return <ErrorPage />;
}
