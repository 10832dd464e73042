// /me/plans/:planId?step=… — the planner worksheet: the member drafts a mock CME
// activity over several visits; suggestions (never errors) refresh on every save.
import { getFormProps, useForm, type FieldMetadata } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, type SerializeFrom } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import type { z } from "zod";
import type { BreadcrumbHandle } from "~/components/breadcrumbs";
import { ErrorPage } from "~/components/error-page";
import { SubmitButton } from "~/components/ui/button";
import { FieldErrors, TextAreaField, TextField } from "~/components/ui/field";
import { FormErrors } from "~/components/ui/form-errors";
import { useLazyValidation } from "~/components/ui/lazy-validation";
import { planFormSchema, reviewPlan, worksheetFromForm } from "~/domain/pathways/planner";
import {
  COMMERCIAL_SUPPORT_OPTIONS,
  EVALUATION_OPTIONS,
  FIELD_LABELS,
  FORMAT_OPTIONS,
  MARKETING_OPTIONS,
  MEASURABLE_LEVELS,
  MOORE_LEVEL_OPTIONS,
  NEED_OPTIONS,
  objectivesToText,
  type WorksheetField,
} from "~/domain/pathways/planner-options";
import {
  deleteActivityPlan,
  findPlannerStep,
  getActivityPlan,
  saveActivityPlan,
} from "~/domain/pathways/planner.server";
import { FIELD_HELP } from "~/domain/pathways/planner-help.server";
import { requireMember } from "~/utils/auth.server";
import { notFound } from "~/utils/http.server";
import { formConstraint } from "~/utils/form-constraints.server";
import { formatDateTimeUtc } from "~/utils/dates";
import { readForm } from "~/utils/request-body.server";
import { redirectWithFlash } from "~/utils/flash.server";

export { headers } from "~/utils/headers";

// Dates are formatted on the server, so the page reads the same before and after hydration.

/** Where the member goes next, keeping the pathway step they came from. */
const withStep = (path: string, step: string | null) => (step ? `${path}?step=${encodeURIComponent(step)}` : path);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireMember(request);
  // Plans are private: anyone but the owner finds nothing.
  const plan = await getActivityPlan(actor, params.planId ?? "");
  if (!plan) throw notFound();
  const url = new URL(request.url);
  const stepId = url.searchParams.get("step") || plan.stepId;
  const step = stepId ? await findPlannerStep(actor, stepId) : null;
  return {
    plan: { id: plan.id, title: plan.title, worksheet: plan.worksheet },
    advice: reviewPlan(plan.worksheet),
    lastSaved: { iso: plan.updatedAt.toISOString(), label: formatDateTimeUtc(plan.updatedAt, { seconds: true }) },
    neverSaved: plan.updatedAt.getTime() === plan.createdAt.getTime(),
    step,
    stepQuery: url.searchParams.get("step"),
    constraint: formConstraint(planFormSchema),
    help: FIELD_HELP,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireMember(request);
  const plan = await getActivityPlan(actor, params.planId ?? "");
  if (!plan) throw notFound();
  const formData = await readForm(request);
  const step = new URL(request.url).searchParams.get("step");

  if (formData.get("intent") === "delete") {
    await deleteActivityPlan(actor, plan.id);
    return redirectWithFlash(withStep("/me/plans", step), "The plan was deleted.");
  }

  const submission = parseWithZod(formData, { schema: planFormSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const saved = await saveActivityPlan(actor, plan.id, worksheetFromForm(submission.value), submission.value.title);
  if (!saved) throw notFound();
  return redirectWithFlash(withStep(`/me/plans/${plan.id}`, step), `Saved on ${formatDateTimeUtc(saved.updatedAt, { seconds: true })}.`);
}

type FormInput = z.input<typeof planFormSchema>;
type FormOutput = z.output<typeof planFormSchema>;
type FormFields = ReturnType<typeof useForm<FormInput, FormOutput>>[1];

const fieldsetClass = "mt-6 rounded-lg border border-stone-200 bg-white p-4 shadow-sm sm:p-5";
const legendClass = "px-1 text-lg font-semibold";

function Section({ legend, intro, children }: { legend: string; intro?: ReactNode; children: ReactNode }) {
  return (
    <fieldset className={fieldsetClass}>
      <legend className={legendClass}>{legend}</legend>
      {intro ? <p className="text-sm text-stone-700">{intro}</p> : null}
      {children}
    </fieldset>
  );
}

const asArray = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : typeof value === "string" ? [value] : [];

/**
 * A group of radios or checkboxes, each option with its own description.
 * Radios get a "Not decided yet" choice, so a choice can be taken back.
 */
function ChoiceGroup({
  meta,
  field,
  type,
  options,
  note,
}: {
  meta: FieldMetadata<unknown>;
  field: WorksheetField;
  type: "radio" | "checkbox";
  options: readonly { value: string; label: string; description: string }[];
  note?: (value: string) => string;
}) {
  const help = useLoaderData<typeof loader>().help[field];
  const chosen = asArray(meta.initialValue);
  const all = type === "radio" ? [{ value: "", label: "Not decided yet", description: "" }, ...options] : options;
  const describedBy = [meta.descriptionId, meta.errors ? meta.errorId : null].filter(Boolean).join(" ");
  return (
    <fieldset id={meta.id} aria-describedby={describedBy} className="mt-5 scroll-mt-4">
      <legend className="font-medium">{FIELD_LABELS[field]}</legend>
      <p id={meta.descriptionId} className="text-sm text-stone-600">
        {help}
      </p>
      <ul className="mt-2 space-y-2">
        {all.map((option) => {
          const id = `${meta.id}-${option.value || "none"}`;
          const checked = option.value === "" ? chosen.length === 0 : chosen.includes(option.value);
          return (
            <li key={option.value}>
              <label
                htmlFor={id}
                className="flex cursor-pointer items-start gap-3 rounded-md border border-stone-300 p-3 hover:border-brand-600 has-[:checked]:border-brand-700 has-[:checked]:bg-brand-50"
              >
                <input
                  id={id}
                  type={type}
                  name={meta.name}
                  value={option.value}
                  defaultChecked={checked}
                  aria-invalid={meta.errors ? true : undefined}
                  aria-labelledby={`${id}-label`}
                  aria-describedby={option.description ? `${id}-description` : undefined}
                  className="mt-1 h-4 w-4 shrink-0 accent-brand-700"
                />
                <span className="min-w-0">
                  <span id={`${id}-label`} className="block font-semibold">
                    {option.label}
                    {note && option.value ? (
                      <span className="font-normal text-stone-600"> · {note(option.value)}</span>
                    ) : null}
                  </span>
                  {option.description ? (
                    <span id={`${id}-description`} className="block text-sm text-stone-700">
                      {option.description}
                    </span>
                  ) : null}
                </span>
              </label>
            </li>
          );
        })}
      </ul>
      <FieldErrors id={meta.errorId} errors={meta.errors} />
    </fieldset>
  );
}

/** What the five standards are, above their fields (each field's help explains its own). */
const STANDARDS_INTRO =
  "The ACCME Standards for Integrity and Independence in Accredited Continuing Education have five standards: " +
  "the first three apply to every accredited activity, the fourth only when an ineligible company supports it, " +
  "and the fifth only when marketing comes with it. An ineligible company is one whose main business is making, " +
  "marketing, selling or distributing healthcare products used by or on patients.";

/** A text or textarea field with its label and one-sentence help from the planner. */
function WorksheetText({
  fields,
  field,
  rows = 4,
  single = false,
}: {
  fields: FormFields;
  field: Exclude<
    WorksheetField,
    "needTypes" | "evaluationMethods" | "format" | "outcomeLevel" | "commercialSupport" | "marketing"
  >;
  rows?: number;
  single?: boolean;
}) {
  const meta = fields[field] as FieldMetadata<string | undefined>;
  const label = FIELD_LABELS[field];
  const help = useLoaderData<typeof loader>().help[field];
  return single ? (
    <TextField meta={meta} label={label} description={help} className="mt-5 scroll-mt-4" />
  ) : (
    <TextAreaField meta={meta} label={label} description={help} rows={rows} className="mt-5 scroll-mt-4" />
  );
}

export const handle: BreadcrumbHandle<SerializeFrom<typeof loader>> = {
  breadcrumb: ({ plan }) => [{ label: "Activity plans", to: "/me/plans" }, { label: plan.title }],
};

export default function PlanEditor() {
  const { plan, advice, lastSaved, neverSaved, step, constraint, help } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { worksheet } = plan;
  const [form, fields] = useForm<FormInput, FormOutput>({
    id: "plan",
    lastResult,
    defaultValue: {
      ...worksheet,
      title: plan.title,
      objectives: objectivesToText(worksheet.objectives),
    },
    constraint,
    ...useLazyValidation(() => import("~/domain/pathways/planner").then((m) => m.planFormSchema)),
  });
  const meta = (field: WorksheetField) => fields[field] as FieldMetadata<unknown>;

  return (
    <>
      <header className="mt-4 max-w-3xl">
        <p className="text-sm font-semibold text-brand-700">Mock CME activity plan</p>
        <h1 className="text-3xl font-bold break-words">{plan.title}</h1>
        <p className="mt-2 text-stone-700">
          Work through the sections in any order and save as often as you like; nothing is required. Suggestions point
          out the usual planning mistakes: they are advice, and never stop you saving.
        </p>
        <ul className="mt-3 flex flex-wrap gap-x-5 gap-y-2">
          {step ? (
            <li>
              <Link to={step.href} className="font-semibold">
                Back to the step to attach this plan
              </Link>
            </li>
          ) : null}
          <li>
            <Link to={`/me/plans/${plan.id}/print`}>Print or save as PDF</Link>
          </li>
          <li className="lg:hidden">
            <a href="#suggestions-title">
              Suggestions ({advice.length})
            </a>
          </li>
        </ul>
      </header>

      {/* On narrow screens: the worksheet, then the suggestions, then deleting. */}
      <div className="mt-2 grid gap-6 lg:grid-cols-[minmax(0,1fr)_20rem] lg:gap-x-8">
        <div className="min-w-0 lg:col-start-1 lg:row-start-1">
          <Form method="post" {...getFormProps(form)}>
            <FormErrors id={form.errorId} errors={form.errors} />

            <div className={fieldsetClass}>
              <TextField
                meta={fields.title}
                label={FIELD_LABELS.title}
                description={help.title}
                className="mt-0"
              />
            </div>

            <Section legend="Gap and need">
              <WorksheetText fields={fields} field="practiceGap" rows={5} />
              <WorksheetText fields={fields} field="gapSources" rows={3} />
              <ChoiceGroup meta={meta("needTypes")} field="needTypes" type="checkbox" options={NEED_OPTIONS} />
              <WorksheetText fields={fields} field="needStatement" rows={4} />
            </Section>

            <Section legend="Audience">
              <WorksheetText fields={fields} field="audience" rows={3} />
            </Section>

            <Section legend="Objectives">
              <WorksheetText fields={fields} field="objectives" rows={6} />
            </Section>

            <Section legend="Format and outcome level">
              <ChoiceGroup meta={meta("format")} field="format" type="radio" options={FORMAT_OPTIONS} />
              <WorksheetText fields={fields} field="formatNotes" single />
              <ChoiceGroup meta={meta("outcomeLevel")} field="outcomeLevel" type="radio" options={MOORE_LEVEL_OPTIONS} />
            </Section>

            <Section legend="Evaluation">
              <ChoiceGroup
                meta={meta("evaluationMethods")}
                field="evaluationMethods"
                type="checkbox"
                options={EVALUATION_OPTIONS}
                note={(value) => `shows level ${MEASURABLE_LEVELS[value as keyof typeof MEASURABLE_LEVELS].join(" or ")}`}
              />
              <WorksheetText fields={fields} field="evaluationPlan" rows={3} />
            </Section>

            <Section legend="Integrity and independence" intro={STANDARDS_INTRO}>
              <WorksheetText fields={fields} field="contentValidity" rows={3} />
              <WorksheetText fields={fields} field="independence" rows={3} />
              <WorksheetText fields={fields} field="disclosure" rows={4} />
              <WorksheetText fields={fields} field="mitigation" rows={4} />
              <ChoiceGroup
                meta={meta("commercialSupport")}
                field="commercialSupport"
                type="radio"
                options={COMMERCIAL_SUPPORT_OPTIONS}
              />
              <WorksheetText fields={fields} field="commercialSupportPlan" rows={3} />
              <ChoiceGroup meta={meta("marketing")} field="marketing" type="radio" options={MARKETING_OPTIONS} />
              <WorksheetText fields={fields} field="marketingPlan" rows={3} />
            </Section>

            <Section legend="Credit">
              <WorksheetText fields={fields} field="creditDesignation" rows={2} />
            </Section>

            <Section
              legend="Logic model"
              intro="A logic model links what you put in to the change you hope for: inputs lead to activities, activities produce outputs, and outputs lead to outcomes."
            >
              <WorksheetText fields={fields} field="logicInputs" rows={3} />
              <WorksheetText fields={fields} field="logicActivities" rows={3} />
              <WorksheetText fields={fields} field="logicOutputs" rows={3} />
              <WorksheetText fields={fields} field="logicOutcomes" rows={3} />
            </Section>

            <div className="mt-6 flex flex-col gap-3 sm:flex-row sm:items-center">
              <SubmitButton name="intent" value="save" pendingText="Saving…">
                Save
              </SubmitButton>
              <p className="text-sm text-stone-600">
                {neverSaved ? (
                  "Not saved yet."
                ) : (
                  <>
                    Last saved <time dateTime={lastSaved.iso}>{lastSaved.label}</time>
                  </>
                )}
              </p>
            </div>
          </Form>
        </div>

        <aside
          aria-labelledby="suggestions-title"
          className="min-w-0 self-start rounded-lg border border-amber-300 bg-amber-50 p-4 sm:p-5 lg:sticky lg:top-4 lg:col-start-2 lg:row-span-2 lg:row-start-1 lg:mt-6 lg:max-h-[calc(100vh-2rem)] lg:overflow-y-auto"
        >
          <h2 id="suggestions-title" className="scroll-mt-4 text-lg font-semibold">
            Suggestions
          </h2>
          <p className="text-sm text-stone-700">
            Advice from the usual planning checks, refreshed each time you save. These are not errors.
          </p>
          {advice.length === 0 ? (
            <p className="mt-3 font-medium">Nothing to suggest: your plan covers every check.</p>
          ) : (
            <ul className="mt-3 space-y-3 text-sm">
              {advice.map((item, index) => (
                <li key={index}>
                  <a href={`#${fields[item.field].id}`} className="text-stone-900 hover:text-brand-800">
                    <span className="font-semibold">{FIELD_LABELS[item.field]}:</span> {item.message}
                  </a>
                </li>
              ))}
            </ul>
          )}
        </aside>

        <details className="min-w-0 self-start rounded-lg border border-stone-200 bg-white p-4 lg:col-start-1 lg:row-start-2">
          <summary className="cursor-pointer font-semibold">Delete this plan</summary>
          <Form method="post" className="mt-3">
            <p className="text-stone-700">
              Deleting removes the plan for good. A pathway step you attached it to stays completed, without the plan.
            </p>
            <SubmitButton name="intent" value="delete" variant="danger" className="mt-3" pendingText="Deleting…">
              Delete plan permanently
            </SubmitButton>
          </Form>
        </details>
      </div>
    </>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.plan.title} — activity plan · CME Commons` : "Activity plan · CME Commons" },
];

export function ErrorBoundary() {
  return <ErrorPage />;
}
