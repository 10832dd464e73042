// /me/plans/new?step=… — name a new mock-activity plan; creating it opens the worksheet.
import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, type SerializeFrom } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import type { BreadcrumbHandle } from "~/components/breadcrumbs";
import { ErrorPage } from "~/components/error-page";
import { SubmitButton } from "~/components/ui/button";
import { TextField } from "~/components/ui/field";
import { FormErrors } from "~/components/ui/form-errors";
import { useLazyValidation } from "~/components/ui/lazy-validation";
import { newPlanSchema } from "~/domain/pathways/planner";
import { FIELD_LABELS } from "~/domain/pathways/planner-options";
import { FIELD_HELP } from "~/domain/pathways/planner-help.server";
import { createActivityPlan, findPlannerStep } from "~/domain/pathways/planner.server";
import { requireMember } from "~/utils/auth.server";
import { formConstraint } from "~/utils/form-constraints.server";
import { readForm } from "~/utils/request-body.server";

export { headers } from "~/utils/headers";

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireMember(request);
  const stepId = new URL(request.url).searchParams.get("step");
  // Only a step the member may see is named; anything else is ignored.
  return {
    step: stepId ? await findPlannerStep(actor, stepId) : null,
    constraint: formConstraint(newPlanSchema),
    titleHelp: FIELD_HELP.title,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireMember(request);
  const submission = parseWithZod(await readForm(request), { schema: newPlanSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const { id } = await createActivityPlan(actor, { title: submission.value.title, stepId: submission.value.step });
  return redirect(`/me/plans/${id}`);
}

export const handle: BreadcrumbHandle<SerializeFrom<typeof loader>> = {
  breadcrumb: () => [{ label: "Activity plans", to: "/me/plans" }, { label: "New plan" }],
};

export default function NewPlan() {
  const { step, constraint, titleHelp } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "new-plan",
    lastResult,
    defaultValue: { title: "", step: step?.id ?? "" },
    constraint,
    ...useLazyValidation(() => import("~/domain/pathways/planner").then((m) => m.newPlanSchema)),
  });

  return (
    <div className="max-w-2xl">
      <h1 className="mt-4 text-3xl font-bold">Name your plan</h1>
      <p className="mt-3 text-stone-700">
        The planner walks you through a mock CME activity: the practice gap, the need behind it, objectives, format,
        outcome level, evaluation, disclosures and a logic model. Nothing is required; fill it in over as many visits as
        you like.
      </p>
      {step ? (
        <p className="mt-3 rounded-md border border-brand-100 bg-brand-50 p-3 text-stone-800">
          This plan is for the step “{step.title}” of <Link to={step.href}>{step.pathwayTitle}</Link>. When it is ready,
          attach it to the step.
        </p>
      ) : null}

      <Form method="post" {...getFormProps(form)} className="mt-6 rounded-lg border border-stone-200 bg-white p-4 shadow-sm sm:p-5">
        <FormErrors id={form.errorId} errors={form.errors} />
        <TextField meta={fields.title} label={FIELD_LABELS.title} description={titleHelp} className="mt-0" />
        <input {...getInputProps(fields.step, { type: "hidden" })} key={fields.step.key} />
        <SubmitButton className="mt-5" pendingText="Creating…">
          Create plan
        </SubmitButton>
      </Form>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Name your plan · CME Commons" }];

export function ErrorBoundary() {
  return <ErrorPage />;
}
