// /pathways/:slug/steps/:stepKey — one step: what to do, why, pitfalls,
// resources and the areas it builds; complete it with a short reflection and
// an optional evidence link (and, on the planner step, one of the member's
// activity plans), or undo the completion.
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, type SerializeFrom } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import type { BreadcrumbHandle } from "~/components/breadcrumbs";
import { ErrorPage } from "~/components/error-page";
import { ProgressBar } from "~/components/progress-bar";
import { StepCommitment } from "~/components/step-commitment";
import { commitOnStep, listStepCommitments } from "~/domain/goals/commitments.server";
import { commitmentSchema } from "~/domain/goals/schemas";
import { now } from "~/utils/clock.server";
import { SubmitButton } from "~/components/ui/button";
import { TextAreaField, TextField } from "~/components/ui/field";
import { SelectField } from "~/components/ui/choice-fields";
import { FormErrors } from "~/components/ui/form-errors";
import { useLazyValidation, type Constraints } from "~/components/ui/lazy-validation";
import { isCompletionInLog } from "~/domain/credentials/chcp.server";
import { completeStep, getStepDetail, undoCompletion } from "~/domain/pathways/pathways.server";
import { listActivityPlans } from "~/domain/pathways/planner.server";
import { formatEffort, progressText, REFLECTION_MAX } from "~/domain/pathways/constants";
import { completionSchema } from "~/domain/pathways/schemas";
import { getActor, requireMember } from "~/utils/auth.server";
import { formConstraint } from "~/utils/form-constraints.server";
import { readerTimeZone } from "~/domain/members/actor";
import { formatLongDateIn } from "~/utils/zoned-dates";
import { redirectWithFlash } from "~/utils/flash.server";
import { readForm } from "~/utils/request-body.server";
import { formFailure, okOrThrow } from "~/utils/http.server";

export { headers } from "~/utils/headers";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await getActor(request);
  const detail = okOrThrow(await getStepDetail(actor, params.slug ?? "", params.stepKey ?? ""));
  const plans =
    actor.kind === "member" && detail.step.tool === "ACTIVITY_PLANNER"
      ? (await listActivityPlans(actor.userId)).map((plan) => ({
          id: plan.id,
          title: plan.title,
          updatedOn: formatLongDateIn(plan.updatedAt, readerTimeZone(actor)),
        }))
      : [];
  // Whether the member's CHCP log already has this completed step (credentials/chcp.server.ts).
  const inChcpLog = actor.kind === "member" && detail.completion ? await isCompletionInLog(actor, detail.completion.id) : false;
  const url = new URL(request.url);
  // The member's commitments on this step, once they completed it (dated in their time zone).
  const commitments =
    actor.kind === "member" && detail.completion
      ? await listStepCommitments(actor.userId, detail.step.id, readerTimeZone(actor), now())
      : [];
  return {
    ...detail,
    inChcpLog,
    commitments,
    plans,
    signedIn: actor.kind === "member",
    loginTo: url.pathname,
    constraint: formConstraint(completionSchema),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireMember(request);
  const slug = params.slug ?? "";
  const key = params.stepKey ?? "";
  const here = `/pathways/${slug}/steps/${key}`;
  const formData = await readForm(request);

  if (formData.get("intent") === "commit") {
    const submission = parseWithZod(formData, { schema: commitmentSchema });
    if (submission.status !== "success") return data(submission.reply(), { status: 400 });
    const detail = okOrThrow(await getStepDetail(actor, slug, key));
    const result = await commitOnStep(actor, detail.step.id, submission.value.commitment, readerTimeZone(actor), now());
    if (!result.ok) return formFailure(result, submission.reply({ formErrors: [result.message] }));
    return redirectWithFlash(`${here}#step-commitment-title`, "Commitment saved. We will ask how it is going in 30 and in 90 days.");
  }

  if (formData.get("intent") === "undo") {
    okOrThrow(await undoCompletion(actor, { slug, key }));
    return redirectWithFlash(here, "Your completion was undone. Complete the step again whenever you are ready.");
  }

  const submission = parseWithZod(formData, { schema: completionSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const result = await completeStep(actor, { slug, key }, submission.value);
  if (!result.ok) {
    // A retired step is said beside the form (409), a plan not of theirs on its field (400).
    return formFailure(
      result,
      submission.reply(result.fieldErrors ? { fieldErrors: result.fieldErrors } : { formErrors: [result.message] }),
    );
  }
  // What the member has done now, said on the step's page (the next step is linked from its navigation).
  const { pathway, progress, next } = okOrThrow(await getStepDetail(actor, slug, key));
  const message = [
    `Step completed: ${progressText(progress.completed, progress.total)} of ${pathway.title} done.`,
    progress.completed === progress.total ? "You have finished the pathway. Well done!" : null,
    next ? `Next: ${next.title}.` : null,
  ];
  return redirectWithFlash(here, message.filter(Boolean).join(" "));
}

export const handle: BreadcrumbHandle<SerializeFrom<typeof loader>> = {
  breadcrumb: ({ pathway, step }) => [
    { label: "Pathways", to: "/pathways" },
    { label: pathway.title, to: `/pathways/${pathway.slug}` },
    { label: step.title },
  ],
};

export default function StepPage() {
  const data = useLoaderData<typeof loader>();
  return <StepView key={data.step.id} {...data} />;
}

type Data = ReturnType<typeof useLoaderData<typeof loader>>;

function StepView({ pathway, step, number, total, previous, next, completion, progress, enrolled, canComplete, plans, signedIn, loginTo, constraint, inChcpLog, commitments }: Data) {
  // The reply to a refused commitment (the only form shown beside a completion).
  const actionReply = useActionData<typeof action>();
  const stepUrl = (key: string) => `/pathways/${pathway.slug}/steps/${key}`;
  return (
    <>
      <header className="mt-4 max-w-3xl">
        <p className="text-sm font-semibold text-brand-700">
          {number ? `Step ${number} of ${total}` : "Retired step"} · {pathway.title}
        </p>
        <h1 className="text-3xl font-bold">{step.title}</h1>
        <p className="mt-1 text-stone-600">Effort: {formatEffort(step.effortMinutes)}</p>
        {step.archived ? (
          <p className="mt-2 rounded-md border border-amber-300 bg-amber-50 p-2 text-sm text-amber-900">
            This step has been retired from the pathway. It is kept here for the members who completed it.
          </p>
        ) : null}
      </header>

      <div className="mt-6 grid gap-8 lg:grid-cols-[minmax(0,1fr)_18rem]">
        <div className="min-w-0">
          <div className="prose-content max-w-3xl text-stone-800" dangerouslySetInnerHTML={{ __html: step.bodyHtml }} />
          {step.tool === "ACTIVITY_PLANNER" ? (
            <p className="mt-6">
              <Link
                to={`/me/plans/new?step=${encodeURIComponent(step.id)}`}
                className="inline-block rounded-md bg-brand-700 px-4 py-2 font-semibold text-white no-underline hover:bg-brand-800 hover:text-white"
              >
                Open the activity planner
              </Link>
            </p>
          ) : null}
        </div>

        <aside aria-label="About this step" className="min-w-0 space-y-6 lg:col-start-2 lg:row-start-1">
          {step.areas.length ? (
            <section aria-labelledby="areas-title">
              <h2 id="areas-title" className="text-lg font-semibold">
                Competency areas it builds
              </h2>
              <ul className="mt-2 space-y-1">
                {step.areas.map((area) => (
                  <li key={area.areaSlug}>
                    <Link to={`/competencies/${area.areaSlug}`}>{area.areaName}</Link>
                    <span className="block text-sm text-stone-600">toward {area.stageName}</span>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          {step.resources.length ? (
            <section aria-labelledby="resources-title">
              <h2 id="resources-title" className="text-lg font-semibold">
                Resources
              </h2>
              <ul className="mt-2 space-y-2">
                {step.resources.map((resource) => (
                  <li key={resource.url} className="break-words">
                    <a href={resource.url} rel="noopener noreferrer">
                      {resource.label}
                    </a>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          {signedIn ? (
            <ProgressBar
              value={progress.completed}
              max={progress.total}
              label={`${pathway.title}: your progress`}
              text={`${progressText(progress.completed, progress.total)} completed`}
            />
          ) : null}
        </aside>
      </div>

      <section aria-labelledby="completion-title" className="mt-10 max-w-3xl">
        <h2 id="completion-title" className="text-2xl font-semibold">
          {completion ? "You completed this step" : "Complete this step"}
        </h2>
        {completion ? (
          <>
            <CompletionCard completion={completion} plans={plans} />
            <AddToChcpLog completionId={completion.id} inLog={inChcpLog} />
            <StepCommitment commitments={commitments} reply={completion ? (actionReply as never) : undefined} />
          </>
        ) : canComplete ? (
          <CompletionForm tool={step.tool} plans={plans} enrolled={enrolled} constraint={constraint} />
        ) : signedIn ? (
          <p className="mt-2 text-stone-700">This step cannot be completed any more.</p>
        ) : (
          <p className="mt-2 text-stone-700">
            <Link to={`/login?redirectTo=${encodeURIComponent(loginTo)}`}>Log in</Link> to complete this step and keep a
            record of what you learned.
          </p>
        )}
      </section>

      <nav aria-label="Steps of this pathway" className="mt-10 flex max-w-3xl flex-wrap justify-between gap-4 border-t border-stone-200 pt-4">
        {previous ? (
          <Link to={stepUrl(previous.key)} rel="prev">
            <span aria-hidden="true">← </span>Previous: {previous.title}
          </Link>
        ) : (
          <Link to={`/pathways/${pathway.slug}`}>
            <span aria-hidden="true">← </span>All steps of {pathway.title}
          </Link>
        )}
        {next ? (
          <Link to={stepUrl(next.key)} rel="next">
            Next: {next.title}
            <span aria-hidden="true"> →</span>
          </Link>
        ) : null}
      </nav>
    </>
  );
}

function CompletionCard({ completion, plans }: { completion: NonNullable<Data["completion"]>; plans: Data["plans"] }) {
  const plan = completion.activityPlanId ? plans.find((p) => p.id === completion.activityPlanId) : undefined;
  return (
    <div className="mt-3 rounded-lg border border-stone-200 bg-white p-4">
      <p className="text-sm font-semibold text-brand-800">
        <span aria-hidden="true">✓ </span>Completed on <time dateTime={completion.completedAt}>{completion.completedOn}</time>
      </p>
      <h3 className="mt-3 font-semibold">Your reflection</h3>
      <div className="prose-content break-words text-stone-800" dangerouslySetInnerHTML={{ __html: completion.reflectionHtml }} />
      {completion.evidenceUrl ? (
        <p className="mt-2 break-all text-sm">
          Evidence:{" "}
          <a href={completion.evidenceUrl} rel="noopener noreferrer nofollow">
            {completion.evidenceUrl}
          </a>
        </p>
      ) : null}
      {plan ? (
        <p className="mt-2 text-sm">
          Activity plan: <Link to={`/me/plans/${plan.id}`}>{plan.title}</Link>
        </p>
      ) : null}
      <Form method="post" className="mt-4">
        <SubmitButton name="intent" value="undo" variant="secondary" pendingText="Undoing…">
          Undo completion
        </SubmitButton>
      </Form>
      <p className="mt-2 text-sm text-stone-600">Undoing removes your reflection for this step.</p>
    </div>
  );
}

/** One click from a completed step to a new CHCP log entry; the member then chooses its kind and hours. */
function AddToChcpLog({ completionId, inLog }: { completionId: string; inLog: boolean }) {
  return (
    <p className="mt-3 text-sm text-stone-700">
      {inLog ? (
        <>
          This step is in your <Link to="/me/chcp">CHCP® log</Link>.
        </>
      ) : (
        <>
          Hold the CHCP®?{" "}
          <Link to={`/me/chcp/entries/new?completion=${encodeURIComponent(completionId)}`}>Add this step to your CHCP log</Link>{" "}
          — you choose its kind and hours; whether it counts is the Alliance’s decision.
        </>
      )}
    </p>
  );
}

function CompletionForm({
  tool,
  plans,
  enrolled,
  constraint,
}: {
  tool: Data["step"]["tool"];
  plans: Data["plans"];
  enrolled: boolean;
  constraint: Constraints;
}) {
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "complete-step",
    lastResult,
    constraint,
    ...useLazyValidation(() => import("~/domain/pathways/schemas").then((m) => m.completionSchema)),
  });
  return (
    <Form method="post" {...getFormProps(form)} className="mt-3 rounded-lg border border-stone-200 bg-white p-4 shadow-sm sm:p-5">
      <FormErrors id={form.errorId} errors={form.errors} />
      <input type="hidden" name="intent" value="complete" />
      <TextAreaField
        meta={fields.reflection}
        label="Your reflection"
        description={`Required. A few sentences on what you did and what you took from it (up to ${REFLECTION_MAX} characters). Markdown works.`}
        rows={4}
        className="mt-0"
      />
      <TextField
        meta={fields.evidenceUrl}
        type="url"
        label="Evidence link (optional)"
        description="A web address starting with https:// — notes, a certificate, a document you wrote."
      />
      {tool === "ACTIVITY_PLANNER" ? (
        plans.length ? (
          <SelectField
            meta={fields.activityPlanId}
            label="Attach a plan (optional)"
            description="One of your activity plans from the planner."
            options={plans.map((plan) => ({ value: plan.id, label: `${plan.title} (edited ${plan.updatedOn})` }))}
            placeholder="No plan"
          />
        ) : (
          <p className="mt-4 text-sm text-stone-600">
            You have no activity plans yet. Plans you make in the planner can be attached here.
          </p>
        )
      ) : null}
      <SubmitButton className="mt-5" pendingText="Saving…">
        Mark as complete
      </SubmitButton>
      {enrolled ? null : (
        <p className="mt-2 text-sm text-stone-600">Completing a step enrols you in the pathway if you are not enrolled yet.</p>
      )}
    </Form>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.step.title} · ${data.pathway.title} · CME Commons` : "Pathway step · CME Commons" },
];

export function ErrorBoundary() {
  return <ErrorPage />;
}
