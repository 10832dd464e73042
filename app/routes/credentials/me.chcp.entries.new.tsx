// /me/chcp/entries/new?completion=… — add an entry to the CHCP log, from
// scratch or from a completed pathway step (its title, date and evidence filled
// in; the member chooses the kind and the amount).
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, type SerializeFrom } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import type { BreadcrumbHandle } from "~/components/breadcrumbs";
import { EntryForm } from "~/components/chcp-entry-form";
import { ErrorPage } from "~/components/error-page";
import { createEntry, entryFromCompletion, entryKindOptions, memberToday } from "~/domain/credentials/chcp.server";
import { entrySchema } from "~/domain/credentials/schemas";
import { requireMember } from "~/utils/auth.server";
import { formatLongDate } from "~/utils/dates";
import { redirectWithFlash } from "~/utils/flash.server";
import { formConstraint } from "~/utils/form-constraints.server";
import { formFailure, okOrThrow } from "~/utils/http.server";
import { readForm } from "~/utils/request-body.server";

export { headers } from "~/utils/headers";

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireMember(request);
  const completionId = new URL(request.url).searchParams.get("completion");
  // Only the member's own completed step, not yet in the log; anything else is not found.
  const [step, today] = await Promise.all([completionId ? entryFromCompletion(actor, completionId).then(okOrThrow) : null, memberToday(actor)]);
  return { step, today, kinds: entryKindOptions(), constraint: formConstraint(entrySchema) };
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireMember(request);
  const submission = parseWithZod(await readForm(request), { schema: entrySchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const result = await createEntry(actor, submission.value);
  if (!result.ok) return formFailure(result, submission.reply({ fieldErrors: result.fieldErrors ?? {}, formErrors: result.fieldErrors ? [] : [result.message] }));
  return redirectWithFlash("/me/chcp", `Added to your log: ${submission.value.description}`);
}

export const handle: BreadcrumbHandle<SerializeFrom<typeof loader>> = {
  breadcrumb: () => [{ label: "CHCP log", to: "/me/chcp" }, { label: "New entry" }],
};

export default function NewEntryPage() {
  const { step, today, kinds, constraint } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  return (
    <div className="max-w-2xl">
      <h1 className="mt-4 text-3xl font-bold">Add to your CHCP log</h1>
      <EntryForm
        id="chcp-entry"
        kinds={kinds}
        constraint={constraint}
        lastResult={lastResult}
        submitLabel="Add entry"
        defaults={{
          kind: "",
          occurredOn: step?.completedOn ?? today,
          hours: "",
          years: "",
          description: step ? `${step.stepTitle} (${step.pathwayTitle}, CME Commons pathway)` : "",
          evidence: step?.evidenceUrl ?? (step ? `Step completed on CME Commons on ${formatLongDate(step.completedOn)}, with a written reflection.` : ""),
          completion: step?.completionId ?? "",
        }}
      >
        {step ? (
          <p className="mb-4 rounded-md border border-brand-100 bg-brand-50 p-3 text-stone-800">
            From the pathway step <Link to={step.href}>{step.stepTitle}</Link>, completed on {formatLongDate(step.completedOn)}. Choose
            its kind and how many hours it took: the site does not decide whether it counts. Clinical or job-function
            training, for example, does not count as informal education.
          </p>
        ) : null}
      </EntryForm>
      <p className="mt-6">
        <Link to="/me/chcp">Back to your CHCP log</Link>
      </p>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Add to your CHCP log · CME Commons" }];

export function ErrorBoundary() {
  return <ErrorPage />;
}
