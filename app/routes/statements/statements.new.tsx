// /statements/new — propose a shared identity statement (it starts as a draft).
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ErrorPage } from "~/components/error-page";
import { SubmitButton } from "~/components/ui/button";
import { StatementDetailFields } from "~/components/statement-fields";
import { TextAreaField, TextField } from "~/components/ui/field";
import { SelectField } from "~/components/ui/choice-fields";
import { FormErrorSummary } from "~/components/ui/form-errors";
import { useLazyValidation } from "~/components/ui/lazy-validation";
import { currentAreas } from "~/domain/competencies/frameworks.server";
import { COMMUNITY_SCOPE, TEXT_MAX } from "~/domain/statements/constants";
import { proposeSchema } from "~/domain/statements/schemas";
import { createStatement, proposalScopes } from "~/domain/statements/statements.server";
import { requireContributor } from "~/utils/auth.server";
import { formConstraint } from "~/utils/form-constraints.server";
import { readForm } from "~/utils/request-body.server";
import { failureInit } from "~/utils/http.server";

export { headers } from "~/utils/headers";

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireContributor(request);
  const [scopes, areas] = await Promise.all([proposalScopes(actor), currentAreas()]);
  const wanted = new URL(request.url).searchParams.get("association");
  const scope = wanted && scopes.some((s) => s.value === wanted) ? wanted : COMMUNITY_SCOPE;
  return { scopes, areas, scope, constraint: formConstraint(proposeSchema) };
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireContributor(request);
  const formData = await readForm(request);
  const submission = parseWithZod(formData, { schema: proposeSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const result = await createStatement(actor, submission.value);
  if (result.ok) return redirect(`/statements/${result.value.id}`);
  return data(
    submission.reply(result.fieldErrors ? { fieldErrors: result.fieldErrors } : { formErrors: [result.message] }),
    failureInit(result),
  );
}

export default function NewStatement() {
  const { scopes, areas, scope, constraint } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm({
    lastResult,
    defaultValue: { scope },
    constraint,
    ...useLazyValidation(() => import("~/domain/statements/schemas").then((m) => m.proposeSchema)),
  });

  return (
    <section aria-labelledby="new-statement-title" className="max-w-2xl">
      <p className="text-sm">
        <Link to="/statements">Statements</Link>
      </p>
      <h1 id="new-statement-title" className="text-3xl font-bold">
        Propose a statement
      </h1>
      <p className="mt-2 text-stone-700">
        Say something the profession stands for, in a few sentences. It starts as a draft that only you and your
        co-authors can see; open it when it is ready for revisions, signals and endorsements.
      </p>
      <Form method="post" {...getFormProps(form)} className="mt-2">
        <FormErrorSummary form={form} lastResult={lastResult} />
        <SelectField
          meta={fields.scope}
          label="Who is it for?"
          description="Community-wide statements are public once opened; an association's are seen by its members."
          options={scopes}
          placeholder="Choose…"
        />
        <TextField meta={fields.title} label="Title" description="5 to 150 characters." />
        <TextAreaField
          meta={fields.text}
          label="The statement"
          rows={8}
          description={`Markdown works (**bold**, *italic*, lists, links). At most ${TEXT_MAX.toLocaleString("en-US")} characters: keep it short.`}
        />
        <StatementDetailFields
          rationale={fields.rationale}
          areaSlugs={fields.areaSlugs}
          endorsementThreshold={fields.endorsementThreshold}
          areas={areas}
        />
        <SubmitButton className="mt-6 w-full sm:w-auto" pendingText="Saving your draft…">
          Save draft
        </SubmitButton>
      </Form>
    </section>
  );
}

export const meta: MetaFunction = () => [{ title: "Propose a statement · CME Commons" }];

export function ErrorBoundary() {
  return <ErrorPage />;
}
