// /me/assessment/step/:step — one competency area of the member's draft self-assessment.
import { getCollectionProps, getFormProps, getTextareaProps, parse, useForm, type FieldMetadata } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, type SerializeFrom } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import type { BreadcrumbHandle } from "~/components/breadcrumbs";
import { ErrorPage } from "~/components/error-page";
import { SubmitButton } from "~/components/ui/button";
import { FieldErrors, TextAreaField } from "~/components/ui/field";
import { SelectField } from "~/components/ui/choice-fields";
import { FormErrors } from "~/components/ui/form-errors";
import { useLazyValidation } from "~/components/ui/lazy-validation";
import { findDraft, getStep, saveStep } from "~/domain/assessments/assessments.server";
import { MAX_LINKS } from "~/domain/assessments/constants";
import { stepFormSchema, type StepFormInput, type StepFormOutput } from "~/domain/assessments/schemas";
import type { MemberActor } from "~/domain/members/actor";
import { requireMember } from "~/utils/auth.server";
import { formConstraint } from "~/utils/form-constraints.server";
import { readerTimeZone } from "~/domain/members/actor";
import { formatLongDateIn } from "~/utils/zoned-dates";
import { readForm } from "~/utils/request-body.server";
import { LICENSED_TEXT_NOTE } from "~/domain/competencies/policy";
import { failureResponse, notFound } from "~/utils/http.server";

export { headers } from "~/utils/headers";

/** "Back" with no stage chosen has nothing to save: it just goes back. */
function isBareBack(formData: FormData) {
  return formData.get("intent") === "back" && !formData.get("stage");
}

const stepUrl = (step: number) => `/me/assessment/step/${step}`;
const previousUrl = (step: number) => (step > 1 ? stepUrl(step - 1) : "/me/assessment");

function stepNumber(param: string | undefined): number {
  if (!/^[1-9]\d{0,2}$/.test(param ?? "")) throw notFound();
  return Number(param);
}

/** The member's own draft at this step: no draft → the start page; no such area → 404. */
async function requireStep(actor: MemberActor, step: number) {
  const current = await getStep(actor, step);
  if (current) return current;
  if (!(await findDraft(actor.userId))) throw redirect("/me/assessment");
  throw notFound();
}

// Dates are formatted on the server, so the page reads the same before and after hydration.

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireMember(request);
  const current = await requireStep(actor, stepNumber(params.step));
  const { previous } = current;
  return {
    step: current.step,
    stepCount: current.stepCount,
    answeredCount: current.answeredCount,
    area: { name: current.area.name, summaryHtml: current.area.summaryHtml },
    // The draft's framework is licensed and the member no longer belongs to a licensee: answers without its text.
    textHidden: current.textHidden,
    stages: current.stages.map(({ slug, name, position, descriptor }) => ({ slug, name, position, descriptor })),
    answer: current.answer,
    prefill: current.prefill,
    previous: previous
      ? {
          stage: previous.stage,
          target: previous.target,
          evidenceHtml: previous.evidenceHtml,
          links: previous.links,
          submittedOn: previous.submittedAt
            ? { iso: previous.submittedAt.toISOString(), label: formatLongDateIn(previous.submittedAt, readerTimeZone(actor)) }
            : null,
        }
      : null,
    // The textarea may be empty: the array of links it becomes would otherwise mark it required.
    constraint: { ...formConstraint(stepFormSchema), links: { required: false } },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireMember(request);
  const step = stepNumber(params.step);
  const formData = await readForm(request);
  // Nothing to save: the previous page's loader checks the draft.
  if (isBareBack(formData)) return redirect(previousUrl(step));

  const submission = parseWithZod(formData, { schema: stepFormSchema });
  if (submission.status !== "success") return submission.reply();
  const { intent } = submission.value;
  // Members only ever touch their own draft: the domain finds it by the actor, never by an id from the
  // request, and checks the stages against its framework version.
  const result = await saveStep(actor, step, submission.value, intent === "back" ? step - 1 : step + 1);
  if (!result.ok) {
    // The draft went away meanwhile (submitted or discarded in another tab), or never was.
    if (result.why === "no-draft") throw redirect("/me/assessment");
    if (result.reason === "invalid") return submission.reply({ fieldErrors: result.fieldErrors });
    if (result.reason === "conflict") return submission.reply({ formErrors: [result.message] });
    throw failureResponse(result);
  }
  if (intent === "back") return redirect(previousUrl(step));
  if (intent === "review" || step >= result.value.stepCount) return redirect("/me/assessment/review");
  return redirect(stepUrl(step + 1));
}

export const handle: BreadcrumbHandle<SerializeFrom<typeof loader>> = {
  breadcrumb: ({ area }) => [{ label: "Self-assessment", to: "/me/assessment" }, { label: area.name }],
};

type StepData = ReturnType<typeof useLoaderData<typeof loader>>;

export default function AssessmentStep() {
  const data = useLoaderData<typeof loader>();
  // A fresh form for every step: its defaults are that step's saved answer.
  return <StepPage key={data.step} {...data} />;
}

function StepPage({ step, stepCount, answeredCount, area, stages, answer, prefill, previous, constraint, textHidden }: StepData) {
  const lastResult = useActionData<typeof action>();
  const { onValidate: validate, ...validationEvents } = useLazyValidation(() =>
    import("~/domain/assessments/schemas").then((m) => m.stepFormSchema),
  );
  const [form, fields] = useForm<StepFormInput, StepFormOutput>({
    id: `assessment-step-${step}`,
    lastResult,
    // A reassessment's untouched area starts from the previous evidence and target (never its stage).
    defaultValue: {
      stage: answer?.stage ?? undefined,
      target: answer?.target ?? prefill?.target ?? "",
      evidence: answer?.evidence ?? prefill?.evidence ?? "",
      links: (answer?.links ?? prefill?.links)?.join("\n") ?? "",
    },
    constraint,
    onValidate: validate
      ? (context) =>
          // Going back without a stage has nothing to check; the server just goes back.
          isBareBack(context.formData)
            ? parse(context.formData, { resolve: (value) => ({ value: value as StepFormOutput }) })
            : validate(context)
      : undefined,
    ...validationEvents,
  });
  const isLast = step === stepCount;

  return (
    <>
      <div className="mt-4 max-w-3xl">
        <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1 text-sm">
          <p id="step-progress" className="font-semibold text-brand-700">
            Area {step} of {stepCount}
          </p>
          <p className="text-stone-600">
            {answeredCount} of {stepCount} answered
          </p>
        </div>
        <progress
          aria-labelledby="step-progress"
          value={step}
          max={stepCount}
          className="mt-2 block h-2 w-full appearance-none overflow-hidden rounded-full bg-stone-200 [&::-moz-progress-bar]:bg-brand-700 [&::-webkit-progress-bar]:bg-stone-200 [&::-webkit-progress-value]:bg-brand-700"
        />
      </div>

      <header className="mt-6 max-w-3xl">
        <h1 className="text-3xl font-bold">{area.name}</h1>
        {textHidden ? (
          <p className="mt-4 rounded-md border border-stone-200 bg-stone-50 p-3 text-stone-700">{LICENSED_TEXT_NOTE}</p>
        ) : (
          <div className="prose-content mt-4 text-stone-800" dangerouslySetInnerHTML={{ __html: area.summaryHtml }} />
        )}
      </header>

      <div className={previous ? "mt-6 grid gap-6 lg:grid-cols-[minmax(0,1fr)_20rem] lg:gap-8" : "mt-6 max-w-3xl"}>
        {previous ? <PreviousAnswer previous={previous} /> : null}

        <Form method="post" {...getFormProps(form)} className="min-w-0 lg:col-start-1 lg:row-start-1">
          <FormErrors id={form.errorId} errors={form.errors} />

          <fieldset
            aria-describedby={fields.stage.errors ? fields.stage.errorId : undefined}
            className="rounded-lg border border-stone-200 bg-white p-4 shadow-sm sm:p-5"
          >
            <legend className="px-1 text-lg font-semibold">Which stage describes your work in this area today?</legend>
            <p className="text-sm text-stone-600">
              Required. Read each description and choose the one that fits you best. If you are between two stages,
              choose the one you fully meet.
            </p>
            <ul className="mt-3 space-y-2">
              {getCollectionProps(fields.stage, { type: "radio", options: stages.map((s) => s.slug) }).map(
                ({ key, ...props }, index) => {
                  const stage = stages[index]!;
                  return (
                    <li key={key}>
                      <label
                        htmlFor={props.id}
                        className="flex cursor-pointer items-start gap-3 rounded-md border border-stone-300 p-3 hover:border-brand-600 has-[:checked]:border-brand-700 has-[:checked]:bg-brand-50"
                      >
                        <input
                          {...props}
                          aria-labelledby={`${props.id}-name`}
                          aria-describedby={`${props.id}-descriptor`}
                          className="mt-1 h-4 w-4 shrink-0 accent-brand-700"
                        />
                        <span className="min-w-0">
                          <span className="block text-xs font-semibold uppercase tracking-wide text-stone-600">
                            Stage {stage.position}
                          </span>
                          <span id={`${props.id}-name`} className="block font-semibold">
                            {stage.name}
                          </span>
                          <span id={`${props.id}-descriptor`} className="mt-1 block text-stone-800">
                            {stage.descriptor}
                          </span>
                        </span>
                      </label>
                    </li>
                  );
                },
              )}
            </ul>
            <FieldErrors id={fields.stage.errorId} errors={fields.stage.errors} />
          </fieldset>

          <div className="mt-6 rounded-lg border border-stone-200 bg-white p-4 shadow-sm sm:p-5">
            {prefill && previous?.submittedOn ? (
              <p className="mb-4 rounded-md border border-brand-100 bg-brand-50 p-3 text-sm text-stone-800">
                Your target, evidence notes and links below are carried over from your assessment of{" "}
                <time dateTime={previous.submittedOn.iso}>{previous.submittedOn.label}</time>: keep them, edit them or
                replace them. The stage is yours to choose again.
              </p>
            ) : null}
            <SelectField
              meta={fields.target}
              label="Your target for your next review (optional)"
              description="The stage you would like to reach by your next self-assessment. Leave it as “No target” if you are not sure yet."
              options={stages.map((s) => ({ value: s.slug, label: s.name }))}
              placeholder="No target"
              className="mt-0"
            />
            <TargetAdvice stages={stages} stage={fields.stage.value} target={fields.target.value} />
            <TextAreaField
              meta={fields.evidence}
              label="Evidence notes (optional)"
              description="What shows this stage in your work: projects, feedback, results. Markdown works: **bold**, *italic*, lists and links."
              rows={6}
              className="mt-6"
            />
            <LinksField meta={fields.links} />
          </div>

          <div className="mt-6 flex flex-col gap-3 sm:flex-row sm:flex-wrap">
            {/* First in the form, so pressing Enter saves and moves on. */}
            <SubmitButton name="intent" value="save" pendingText="Saving…">
              Save and continue
            </SubmitButton>
            {isLast ? null : (
              <SubmitButton name="intent" value="review" variant="secondary" pendingText="Saving…">
                Save and review
              </SubmitButton>
            )}
            <SubmitButton name="intent" value="back" variant="secondary" formNoValidate>
              Back
            </SubmitButton>
          </div>
          <p className="mt-3 text-sm text-stone-600">
            {isLast ? "After this area you can review every answer before you submit." : "Your answer is saved when you move on."}{" "}
            “Back” saves this area too if you have chosen a stage.
          </p>
        </Form>
      </div>
    </>
  );
}

/**
 * Advice, never a refusal: a target below the stage just chosen is allowed
 * (someone may mean to narrow their role), but it is usually a slip.
 */
function TargetAdvice({ stages, stage, target }: { stages: { slug: string; name: string; position: number }[]; stage: unknown; target: unknown }) {
  const chosen = stages.find((s) => s.slug === stage);
  const aimed = stages.find((s) => s.slug === target);
  if (!chosen || !aimed || aimed.position >= chosen.position) return null;
  return (
    <p role="status" className="mt-2 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950">
      Your target ({aimed.name}) is below the stage you chose ({chosen.name}). A target is usually a stage you want to
      reach by your next review; keep it if that is what you mean.
    </p>
  );
}

/** The links textarea: its errors may belong to single links (links[0]), so it shows them all. */
function LinksField({ meta }: { meta: FieldMetadata<string | undefined> }) {
  const errors = [...new Set(Object.values(meta.allErrors).flat())];
  return (
    <div className="mt-6">
      <label htmlFor={meta.id} className="block font-medium">
        Links (optional)
      </label>
      <p id={meta.descriptionId} className="text-sm text-stone-600">
        One web address per line, starting with https:// — for example a report, a poster or a certificate. Up to{" "}
        {MAX_LINKS}.
      </p>
      <textarea
        {...getTextareaProps(meta, { ariaInvalid: "allErrors", ariaDescribedBy: meta.descriptionId })}
        key={meta.key}
        rows={3}
        className="mt-1 block w-full rounded-md border border-stone-400 bg-white px-3 py-2 text-base shadow-sm aria-[invalid]:border-red-700 focus:border-brand-700"
      />
      <FieldErrors id={meta.errorId} errors={errors.length ? errors : undefined} />
    </div>
  );
}

function PreviousAnswer({ previous }: { previous: NonNullable<StepData["previous"]> }) {
  return (
    <aside
      aria-labelledby="previous-title"
      className="min-w-0 self-start rounded-lg border border-stone-200 bg-stone-100 p-4 sm:p-5 lg:sticky lg:top-4 lg:col-start-2 lg:row-start-1"
    >
      <h2 id="previous-title" className="text-lg font-semibold">
        Your previous answer
      </h2>
      {previous.submittedOn ? (
        <p className="text-sm text-stone-600">
          Submitted on <time dateTime={previous.submittedOn.iso}>{previous.submittedOn.label}</time>
        </p>
      ) : null}
      <dl className="mt-3 space-y-3">
        <div>
          <dt className="text-sm font-medium text-stone-600">Stage</dt>
          <dd className="font-semibold">{previous.stage ?? "Not rated"}</dd>
        </div>
        <div>
          <dt className="text-sm font-medium text-stone-600">Target</dt>
          <dd>{previous.target ?? "No target"}</dd>
        </div>
        {previous.evidenceHtml ? (
          <div>
            <dt className="text-sm font-medium text-stone-600">Evidence notes</dt>
            <dd className="prose-content break-words text-stone-800" dangerouslySetInnerHTML={{ __html: previous.evidenceHtml }} />
          </div>
        ) : null}
        {previous.links.length ? (
          <div>
            <dt className="text-sm font-medium text-stone-600">Links</dt>
            <dd>
              <ul className="space-y-1">
                {previous.links.map((link) => (
                  <li key={link} className="break-all">
                    <a href={link} rel="nofollow ugc noopener noreferrer">
                      {link}
                    </a>
                  </li>
                ))}
              </ul>
            </dd>
          </div>
        ) : null}
      </dl>
    </aside>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: data
      ? `${data.area.name} — self-assessment, area ${data.step} of ${data.stepCount} · CME Commons`
      : "Self-assessment · CME Commons",
  },
];

export function ErrorBoundary() {
  return <ErrorPage />;
}
