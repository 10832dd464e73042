// /me/plans/:planId?step=… — the planner worksheet: the member drafts a mock CME
// activity over several visits; suggestions (never errors) refresh on every save.
// Each section is a form of its own, saved on its own (its `intent` is the
// section's id), and the save comes back to that section (#section-id). With
// JavaScript, each section also keeps a draft in this browser as the member
// types, and leaving with unsaved changes asks first.
import { getFormProps, useForm, type FieldMetadata } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, type SerializeFrom } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useCallback, useEffect, useRef, useState, type ReactNode } from "react";
import type { z } from "zod";
import type { BreadcrumbHandle } from "~/components/breadcrumbs";
import { ErrorPage } from "~/components/error-page";
import { SubmitButton } from "~/components/ui/button";
import { FieldErrors, TextAreaField, TextField } from "~/components/ui/field";
import { FormErrors } from "~/components/ui/form-errors";
import { useLazyValidation } from "~/components/ui/lazy-validation";
import { UnsavedChangesGuard } from "~/components/unsaved-changes-guard";
import { discardDrafts } from "~/components/drafts";
import { useFormDraft } from "~/components/use-form-draft";
import { planFormSchema, reviewPlan, sectionFormSchema, sectionFromForm, type PlanSectionOutput } from "~/domain/pathways/planner";
import {
  COMMERCIAL_SUPPORT_OPTIONS,
  EVALUATION_OPTIONS,
  FIELD_LABELS,
  FORMAT_OPTIONS,
  MARKETING_OPTIONS,
  MEASURABLE_LEVELS,
  MOORE_LEVEL_OPTIONS,
  NEED_OPTIONS,
  findPlanSection,
  objectivesToText,
  PLAN_SECTIONS,
  sectionOfField,
  type PlanSection,
  type PlanSectionId,
  type WorksheetField,
} from "~/domain/pathways/planner-options";
import {
  deleteActivityPlan,
  findPlannerStep,
  getActivityPlan,
  saveActivityPlanSection,
} from "~/domain/pathways/planner.server";
import { FIELD_HELP, SECTION_INTROS } from "~/domain/pathways/planner-help.server";
import { requireMember } from "~/utils/auth.server";
import { badRequest, notFound } from "~/utils/http.server";
import { formConstraint } from "~/utils/form-constraints.server";
import { readerTimeZone } from "~/domain/members/actor";
import { formatDateTimeForReader } from "~/utils/zoned-dates";
import { readForm } from "~/utils/request-body.server";
import { readFlash, redirectWithFlash } from "~/utils/flash.server";

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
  const [step, { flash }] = await Promise.all([stepId ? findPlannerStep(actor, stepId) : null, readFlash(request)]);
  // The section a save just came back to (the root shows the message at the top, and clears it).
  const saved = flash?.at && findPlanSection(flash.at) ? { id: flash.id, section: flash.at, message: flash.message } : null;
  return {
    plan: { id: plan.id, title: plan.title, worksheet: plan.worksheet },
    advice: reviewPlan(plan.worksheet),
    lastSaved: { iso: plan.updatedAt.toISOString(), label: formatDateTimeForReader(plan.updatedAt, readerTimeZone(actor), { seconds: true }) },
    neverSaved: plan.updatedAt.getTime() === plan.createdAt.getTime(),
    step,
    stepQuery: url.searchParams.get("step"),
    constraint: formConstraint(planFormSchema),
    help: FIELD_HELP,
    intros: SECTION_INTROS,
    saved,
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

  // One section at a time: only its fields are read, checked and written.
  const section = findPlanSection(formData.get("intent"));
  if (!section) throw badRequest("Choose a section of the plan to save.");
  const submission = parseWithZod(formData, { schema: sectionFormSchema(section.id) });
  if (submission.status !== "success") return data({ section: section.id, reply: submission.reply() }, { status: 400 });
  const saved = await saveActivityPlanSection(actor, plan.id, section.id, sectionFromForm(submission.value));
  if (!saved) throw notFound();
  const message = `${section.title} saved on ${formatDateTimeForReader(saved.updatedAt, readerTimeZone(actor), { seconds: true })}.`;
  return redirectWithFlash(`${withStep(`/me/plans/${plan.id}`, step)}#${section.id}`, { message, at: section.id });
}

type FormInput = Partial<z.input<typeof planFormSchema>>;
type FormOutput = PlanSectionOutput;
type FormFields = ReturnType<typeof useForm<FormInput, FormOutput>>[1];

/** A field's element id: Conform's `<form id>-<name>`, the form being its section's. */
const formIdOf = (section: PlanSectionId) => `plan-${section}`;
const fieldDomId = (field: WorksheetField) => `${formIdOf(sectionOfField(field).id)}-${field}`;

const sectionClass = "mt-6 rounded-lg border border-stone-200 bg-white p-4 shadow-sm sm:p-5";

/** Where this browser keeps a section's draft. */
const draftKey = (planId: string, section?: PlanSectionId) => `planner:${planId}:${section ?? ""}`;

/**
 * One section of the worksheet: its heading (where its save comes back to,
 * focused then), its own form and Save button, the message that it was
 * saved, and the draft this browser keeps of it.
 */
function SectionForm({
  section,
  onDirtyChange,
  children,
}: {
  section: PlanSection;
  onDirtyChange: (section: PlanSectionId, dirty: boolean) => void;
  children: (fields: FormFields) => ReactNode;
}) {
  const { plan, constraint, saved, stepQuery, intros } = useLoaderData<typeof loader>();
  const intro = intros[section.id];
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm<FormInput, FormOutput>({
    id: formIdOf(section.id),
    lastResult: actionData?.section === section.id ? actionData.reply : undefined,
    defaultValue: { ...plan.worksheet, title: plan.title, objectives: objectivesToText(plan.worksheet.objectives) },
    constraint,
    ...useLazyValidation(() => import("~/domain/pathways/planner").then((m) => m.sectionFormSchema(section.id))),
  });
  const formRef = useRef<HTMLFormElement>(null);
  const draft = useFormDraft(formRef, draftKey(plan.id, section.id));
  const heading = useRef<HTMLHeadingElement>(null);
  const justSaved = saved?.section === section.id ? saved : null;
  // A save made on this page (not the one the page was opened with) makes the form's values the saved ones.
  const openedWith = useRef(justSaved?.id);

  useEffect(() => onDirtyChange(section.id, draft.dirty), [onDirtyChange, section.id, draft.dirty]);
  useEffect(() => {
    if (!justSaved) return;
    if (justSaved.id !== openedWith.current) draft.saved();
    heading.current?.focus();
    // Once per save: the message's id changes with each one.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [justSaved?.id]);

  // Posting to the section's own address brings the page back to it, with or without JavaScript.
  const formAction = `?index${stepQuery ? `&step=${encodeURIComponent(stepQuery)}` : ""}#${section.id}`;
  return (
    <section aria-labelledby={section.id} className={sectionClass}>
      <h2 id={section.id} ref={heading} tabIndex={-1} className="scroll-mt-4 text-lg font-semibold">
        {section.title}
      </h2>
      {/* Where a save lands: the message is under the heading, not below a long section. */}
      {justSaved && !draft.dirty ? (
        <p className="mt-1 text-sm font-medium text-emerald-800">✓ {justSaved.message}</p>
      ) : null}
      {intro ? <p className="text-sm text-stone-700">{intro}</p> : null}
      {draft.restored ? (
        <div className="mt-3 flex flex-wrap items-center gap-3 rounded-md border border-amber-300 bg-amber-50 p-3">
          <p className="min-w-0 flex-1">
            Restored your unsaved changes from this browser. They are not saved yet.
            {draft.restored.savedSince
              ? " This section was saved somewhere else after you made them: discard them to see what was saved."
              : null}
          </p>
          <button type="button" onClick={draft.discard} className="rounded border border-stone-400 bg-white px-3 py-1 text-sm">
            Discard changes
          </button>
        </div>
      ) : null}
      <Form method="post" action={formAction} ref={formRef} {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        {children(fields)}
        <div className="mt-5 flex flex-col gap-2 sm:flex-row sm:items-center sm:gap-4">
          <SubmitButton name="intent" value={section.id} pendingText="Saving…" className="self-start">
            Save {section.title.toLowerCase()}
          </SubmitButton>
          {draft.dirty ? <p className="text-sm text-stone-700">Unsaved changes</p> : null}
        </div>
      </Form>
    </section>
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
  const { plan, advice, lastSaved, neverSaved, step, help } = useLoaderData<typeof loader>();
  const [dirty, setDirty] = useState<ReadonlySet<PlanSectionId>>(() => new Set());
  const onDirtyChange = useCallback((section: PlanSectionId, isDirty: boolean) => {
    setDirty((current) => {
      if (current.has(section) === isDirty) return current;
      const next = new Set(current);
      if (isDirty) next.add(section);
      else next.delete(section);
      return next;
    });
  }, []);
  const unsaved = PLAN_SECTIONS.filter((section) => dirty.has(section.id)).map((section) => section.title);
  const sectionProps = (id: PlanSectionId) => ({ section: findPlanSection(id)!, onDirtyChange });
  const meta = (fields: FormFields, field: WorksheetField) => fields[field] as FieldMetadata<unknown>;

  return (
    <>
      <header className="mt-4 max-w-3xl">
        <p className="text-sm font-semibold text-brand-700">Mock CME activity plan</p>
        <h1 className="text-3xl font-bold break-words">{plan.title}</h1>
        <p className="mt-2 text-stone-700">
          Work through the sections in any order; nothing is required. Each section has its own Save button and saves
          only that section, so save a section before moving on. Suggestions point out the usual planning mistakes:
          they are advice, and never stop you saving.
        </p>
        <p className="mt-2 text-sm text-stone-600">
          {neverSaved ? (
            "Not saved yet."
          ) : (
            <>
              Last saved <time dateTime={lastSaved.iso}>{lastSaved.label}</time>
            </>
          )}
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
            <a href="#suggestions-title">Suggestions ({advice.length})</a>
          </li>
        </ul>
        <nav aria-label="Sections of the plan" className="mt-3">
          <ul className="flex flex-wrap gap-x-4 gap-y-2 text-sm leading-6">
            {PLAN_SECTIONS.map((section) => (
              <li key={section.id}>
                <a href={`#${section.id}`}>{section.title}</a>
              </li>
            ))}
          </ul>
        </nav>
      </header>

      <UnsavedChangesGuard unsaved={unsaved} keepsDrafts />

      {/* On narrow screens: the worksheet, then the suggestions, then deleting. */}
      <div className="mt-2 grid gap-6 lg:grid-cols-[minmax(0,1fr)_20rem] lg:gap-x-8">
        <div className="min-w-0 lg:col-start-1 lg:row-start-1">
          <SectionForm {...sectionProps("name")}>
            {(fields) => <TextField meta={fields.title} label={FIELD_LABELS.title} description={help.title} className="mt-3" />}
          </SectionForm>

          <SectionForm {...sectionProps("gap-and-need")}>
            {(fields) => (
              <>
                <WorksheetText fields={fields} field="practiceGap" rows={5} />
                <WorksheetText fields={fields} field="gapSources" rows={3} />
                <ChoiceGroup meta={meta(fields, "needTypes")} field="needTypes" type="checkbox" options={NEED_OPTIONS} />
                <WorksheetText fields={fields} field="needStatement" rows={4} />
              </>
            )}
          </SectionForm>

          <SectionForm {...sectionProps("audience")}>
            {(fields) => <WorksheetText fields={fields} field="audience" rows={3} />}
          </SectionForm>

          <SectionForm {...sectionProps("objectives")}>
            {(fields) => <WorksheetText fields={fields} field="objectives" rows={6} />}
          </SectionForm>

          <SectionForm {...sectionProps("format")}>
            {(fields) => (
              <>
                <ChoiceGroup meta={meta(fields, "format")} field="format" type="radio" options={FORMAT_OPTIONS} />
                <WorksheetText fields={fields} field="formatNotes" single />
                <ChoiceGroup
                  meta={meta(fields, "outcomeLevel")}
                  field="outcomeLevel"
                  type="radio"
                  options={MOORE_LEVEL_OPTIONS}
                />
              </>
            )}
          </SectionForm>

          <SectionForm {...sectionProps("evaluation")}>
            {(fields) => (
              <>
                <ChoiceGroup
                  meta={meta(fields, "evaluationMethods")}
                  field="evaluationMethods"
                  type="checkbox"
                  options={EVALUATION_OPTIONS}
                  note={(value) => `shows level ${MEASURABLE_LEVELS[value as keyof typeof MEASURABLE_LEVELS].join(" or ")}`}
                />
                <WorksheetText fields={fields} field="evaluationPlan" rows={3} />
              </>
            )}
          </SectionForm>

          <SectionForm {...sectionProps("integrity")}>
            {(fields) => (
              <>
                <WorksheetText fields={fields} field="contentValidity" rows={3} />
                <WorksheetText fields={fields} field="independence" rows={3} />
                <WorksheetText fields={fields} field="disclosure" rows={4} />
                <WorksheetText fields={fields} field="mitigation" rows={4} />
                <ChoiceGroup
                  meta={meta(fields, "commercialSupport")}
                  field="commercialSupport"
                  type="radio"
                  options={COMMERCIAL_SUPPORT_OPTIONS}
                />
                <WorksheetText fields={fields} field="commercialSupportPlan" rows={3} />
                <ChoiceGroup meta={meta(fields, "marketing")} field="marketing" type="radio" options={MARKETING_OPTIONS} />
                <WorksheetText fields={fields} field="marketingPlan" rows={3} />
              </>
            )}
          </SectionForm>

          <SectionForm {...sectionProps("credit")}>
            {(fields) => <WorksheetText fields={fields} field="creditDesignation" rows={2} />}
          </SectionForm>

          <SectionForm {...sectionProps("logic-model")}>
            {(fields) => (
              <>
                <WorksheetText fields={fields} field="logicInputs" rows={3} />
                <WorksheetText fields={fields} field="logicActivities" rows={3} />
                <WorksheetText fields={fields} field="logicOutputs" rows={3} />
                <WorksheetText fields={fields} field="logicOutcomes" rows={3} />
              </>
            )}
          </SectionForm>
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
                  <a href={`#${fieldDomId(item.field)}`} className="text-stone-900 hover:text-brand-800">
                    <span className="font-semibold">{FIELD_LABELS[item.field]}:</span> {item.message}
                  </a>
                </li>
              ))}
            </ul>
          )}
        </aside>

        <details className="min-w-0 self-start rounded-lg border border-stone-200 bg-white p-4 lg:col-start-1 lg:row-start-2">
          <summary className="cursor-pointer font-semibold">Delete this plan</summary>
          <Form method="post" className="mt-3" onSubmit={() => discardDrafts(draftKey(plan.id))}>
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
