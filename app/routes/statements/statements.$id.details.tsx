// /statements/:id/details — the author or a co-author changes the statement's title, rationale,
// related areas and endorsement threshold (the text has its own page and versions), until it is adopted.
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ErrorPage } from "~/components/error-page";
import { StatementDetailFields } from "~/components/statement-fields";
import { SubmitButton } from "~/components/ui/button";
import { TextField } from "~/components/ui/field";
import { FormErrors } from "~/components/ui/form-errors";
import { useLazyValidation } from "~/components/ui/lazy-validation";
import { currentAreas } from "~/domain/competencies/frameworks.server";
import { getStatementAccess } from "~/domain/statements/access.server";
import { detailsSchema } from "~/domain/statements/schemas";
import { getStatementDetails, updateDetails } from "~/domain/statements/statements.server";
import { requireContributor } from "~/utils/auth.server";
import { forbidden, formFailure, notFound } from "~/utils/http.server";
import { formConstraint } from "~/utils/form-constraints.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { readForm } from "~/utils/request-body.server";

export { headers } from "~/utils/headers";

const REFUSED = "Only the authors can change the details, and only before the statement is adopted.";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireContributor(request);
  const access = await getStatementAccess(actor, params.id ?? "");
  if (!access) throw notFound("No such statement");
  if (!access.can.editText) throw forbidden(REFUSED);
  const { statement } = access;
  const [details, areas] = await Promise.all([getStatementDetails(statement.id), currentAreas()]);
  if (!details) throw notFound("No such statement");
  return {
    id: statement.id,
    title: statement.title,
    details: {
      title: statement.title,
      rationale: details.rationale,
      areaSlugs: details.areaSlugs,
      endorsementThreshold: details.endorsementThreshold ?? undefined,
    },
    areas,
    constraint: formConstraint(detailsSchema),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireContributor(request);
  const id = params.id ?? "";
  const submission = parseWithZod(await readForm(request), { schema: detailsSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const { intent: _intent, ...input } = submission.value;
  const result = await updateDetails(actor, id, input);
  if (result.ok) return redirectWithFlash(`/statements/${id}`, "The details are saved.");
  return formFailure(
    result,
    submission.reply(result.fieldErrors ? { fieldErrors: result.fieldErrors } : { formErrors: [result.message] }),
  );
}

export default function StatementDetails() {
  const { id, title, details, areas, constraint } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm({
    lastResult,
    defaultValue: details,
    constraint,
    ...useLazyValidation(() => import("~/domain/statements/schemas").then((m) => m.detailsSchema)),
  });
  return (
    <section aria-labelledby="details-title" className="max-w-2xl">
      <p className="text-sm">
        <Link to={`/statements/${id}`}>{title}</Link>
      </p>
      <h1 id="details-title" className="text-3xl font-bold">
        Change the details
      </h1>
      <p className="mt-2 text-stone-700">
        The title, why it matters, its areas and when it is adopted. The statement’s text has its own page, where each
        change is a new version.
      </p>
      <Form method="post" {...getFormProps(form)} className="mt-2">
        <input type="hidden" name="intent" value="details" />
        <FormErrors id={form.errorId} errors={form.errors} />
        <TextField meta={fields.title} label="Title" description="5 to 150 characters." />
        <StatementDetailFields
          rationale={fields.rationale}
          areaSlugs={fields.areaSlugs}
          endorsementThreshold={fields.endorsementThreshold}
          areas={areas}
        />
        <div className="mt-6 flex flex-wrap items-center gap-4">
          <SubmitButton pendingText="Saving…">Save the details</SubmitButton>
          <Link to={`/statements/${id}`}>Cancel</Link>
        </div>
      </Form>
    </section>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Details of “${data.title}” · CME Commons` : "Statement details · CME Commons" },
];

export function ErrorBoundary() {
  return <ErrorPage />;
}
