// /pathways/:slug/edit/steps/:stepId — an author edits one step (title,
// Markdown body, resources, effort, the areas it builds and to which stage);
// /pathways/:slug/edit/steps/new adds a step at the end.
import { getFormProps, getSelectProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, type SerializeFrom } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import type { z } from "zod";
import type { BreadcrumbHandle } from "~/components/breadcrumbs";
import { ErrorPage } from "~/components/error-page";
import { SubmitButton } from "~/components/ui/button";
import { FieldErrors, TextAreaField, TextField } from "~/components/ui/field";
import { FormErrors } from "~/components/ui/form-errors";
import { useLazyValidation } from "~/components/ui/lazy-validation";
import { BODY_MAX, EFFORT_MAX, formatResourceLines, RESOURCES_MAX } from "~/domain/pathways/authoring-constants";
import { stepFormSchema } from "~/domain/pathways/authoring-schemas";
import {
  addStep,
  getFrameworkChoices,
  getStepForEditing,
  authorizeAuthorablePathway,
  updateStep,
} from "~/domain/pathways/authoring.server";
import { requireMember } from "~/utils/auth.server";
import { formFailure, notFound, okOrThrow } from "~/utils/http.server";
import { formConstraint } from "~/utils/form-constraints.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { readForm } from "~/utils/request-body.server";

export { headers } from "~/utils/headers";

const NEW = "new";

async function requirePathway(request: Request, slug: string | undefined) {
  const actor = await requireMember(request);
  return okOrThrow(await authorizeAuthorablePathway(actor, slug ?? ""));
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const pathway = await requirePathway(request, params.slug);
  const stepId = params.stepId ?? "";
  const [step, choices] = await Promise.all([
    stepId === NEW ? null : getStepForEditing(pathway, stepId),
    getFrameworkChoices(),
  ]);
  if (stepId !== NEW && !step) throw notFound();
  return {
    pathway: { slug: pathway.slug, title: pathway.title },
    step: step
      ? {
          id: step.id,
          title: step.title,
          body: step.body,
          resources: formatResourceLines(step.resources),
          effortMinutes: step.effortMinutes,
          areas: Object.fromEntries(step.areas.map((area) => [area.areaSlug, area.stageSlug])),
        }
      : null,
    choices,
    // Resources may be empty: the list they become would otherwise mark the box required.
    constraint: { ...formConstraint(stepFormSchema), resources: { required: false } },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const pathway = await requirePathway(request, params.slug);
  const stepId = params.stepId ?? "";
  const submission = parseWithZod(await readForm(request), { schema: stepFormSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  if (stepId === NEW) {
    const result = await addStep(pathway, submission.value);
    if (!result.ok) return data(submission.reply({ fieldErrors: result.fieldErrors }), { status: 400 });
    return redirectWithFlash(`/pathways/${pathway.slug}/edit#step-${result.value.stepId}`, "Step added at the end of the pathway.");
  }
  const result = await updateStep(pathway, stepId, submission.value);
  if (!result.ok) return formFailure(result, submission.reply({ fieldErrors: result.fieldErrors }));
  return redirectWithFlash(`/pathways/${pathway.slug}/edit#step-${stepId}`, "Step saved.");
}

export const handle: BreadcrumbHandle<SerializeFrom<typeof loader>> = {
  breadcrumb: ({ pathway, step }) => [
    { label: pathway.title, to: `/pathways/${pathway.slug}/edit` },
    { label: step ? "Edit step" : "Add a step" },
  ],
};

export default function EditStep() {
  const loaderData = useLoaderData<typeof loader>();
  // A fresh form per step, so defaults never leak from one step to the next.
  return <StepForm key={loaderData.step?.id ?? NEW} {...loaderData} />;
}

function StepForm({ pathway, step, choices, constraint }: ReturnType<typeof useLoaderData<typeof loader>>) {
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm<z.input<typeof stepFormSchema>, z.output<typeof stepFormSchema>>({
    id: `step-${step?.id ?? NEW}`,
    lastResult,
    defaultValue: step ?? { effortMinutes: 30 },
    constraint,
    ...useLazyValidation(() => import("~/domain/pathways/authoring-schemas").then((m) => m.stepFormSchema)),
  });
  const areaFields = fields.areas.getFieldset();
  const editUrl = `/pathways/${pathway.slug}/edit`;
  const heading = step ? `Edit step: ${step.title}` : "Add a step";

  return (
    <div className="max-w-3xl">
      <h1 className="mt-2 text-3xl font-bold break-words">{heading}</h1>
      {step ? (
        <p className="mt-2 text-stone-700">
          Members who completed this step keep their progress when you change it.
        </p>
      ) : (
        <p className="mt-2 text-stone-700">The new step goes at the end of the pathway; you can move it afterwards.</p>
      )}

      <Form method="post" {...getFormProps(form)} className="mt-4">
        <FormErrors id={form.errorId} errors={form.errors} />
        <div className="rounded-lg border border-stone-200 bg-white p-4 shadow-sm sm:p-5">
          <TextField meta={fields.title} label="Title" className="mt-0" />
          <TextAreaField
            meta={fields.body}
            label="What to do"
            rows={12}
            description={`What to do, why it matters, and the common pitfalls. Markdown works: ## headings, **bold**, lists and links. Up to ${BODY_MAX.toLocaleString("en-US")} characters.`}
          />
          <TextAreaField
            meta={fields.resources}
            label="Resources (optional)"
            rows={4}
            description={`One per line: a label, a bar, then a web address starting with https://, for example “Accreditation criteria | https://example.org/criteria”. Up to ${RESOURCES_MAX}.`}
          />
          <TextField
            meta={fields.effortMinutes}
            label="Estimated time, in minutes"
            type="number"
            description={`Roughly how long the step takes, from 1 to ${EFFORT_MAX.toLocaleString("en-US")} minutes.`}
            className="mt-4 sm:max-w-xs"
          />
        </div>

        <fieldset
          aria-describedby={`areas-help ${fields.areas.errorId}`}
          className="mt-6 rounded-lg border border-stone-200 bg-white p-4 shadow-sm sm:p-5"
        >
          <legend className="px-1 text-lg font-semibold">Competency areas this step builds</legend>
          <p id="areas-help" className="text-sm text-stone-600">
            For each area the step helps with, choose the stage it helps members reach. Leave the others as “Not this
            area”. Choose at least one.
          </p>
          {choices.areas.length === 0 ? (
            <p className="mt-3 text-stone-700">No competency framework is in use yet, so there are no areas to choose.</p>
          ) : (
            <ul className="mt-3 grid gap-x-6 gap-y-4 sm:grid-cols-2">
              {choices.areas.map((area) => {
                const meta = areaFields[area.slug]!;
                return (
                  <li key={area.slug}>
                    <label htmlFor={meta.id} className="block font-medium">
                      {area.name}
                    </label>
                    <select
                      {...getSelectProps(meta)}
                      key={meta.key}
                      className="mt-1 block w-full rounded-md border border-stone-400 bg-white px-3 py-2 text-base shadow-sm focus:border-brand-700"
                    >
                      <option value="">Not this area</option>
                      {choices.stages.map((stage) => (
                        <option key={stage.slug} value={stage.slug}>
                          Toward {stage.name}
                        </option>
                      ))}
                    </select>
                  </li>
                );
              })}
            </ul>
          )}
          <FieldErrors id={fields.areas.errorId} errors={fields.areas.errors} />
        </fieldset>

        <div className="mt-6 flex flex-col gap-3 sm:flex-row sm:items-center">
          <SubmitButton pendingText={step ? "Saving…" : "Adding…"}>{step ? "Save step" : "Add step"}</SubmitButton>
          <Link to={editUrl} className="text-center sm:ml-2">
            Cancel
          </Link>
        </div>
      </Form>
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: data?.step ? `Edit step: ${data.step.title} · CME Commons` : "Add a step · CME Commons",
  },
];

export function ErrorBoundary() {
  return <ErrorPage />;
}
