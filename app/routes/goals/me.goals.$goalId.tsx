// /me/goals/:goalId — one of the member's goals: its details (editable while open), advice, what
// serves it, dated progress notes, reviewers' comments (only the member sees them), and ending it
// as achieved, changed or dropped, with a reflection and, when achieved, a commitment to change.
import { getFormProps, getSelectProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, type SerializeFrom } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import type { BreadcrumbHandle } from "~/components/breadcrumbs";
import { CommitmentList } from "~/components/commitments";
import { ErrorPage } from "~/components/error-page";
import { GoalForm, RadioChoices } from "~/components/goal-fields";
import { GoalDue } from "~/components/goals";
import { SubmitButton } from "~/components/ui/button";
import { FieldErrors, inputClass, TextAreaField, TextField } from "~/components/ui/field";
import { FormErrors } from "~/components/ui/form-errors";
import { useLazyValidation } from "~/components/ui/lazy-validation";
import { listGoalCommitments } from "~/domain/goals/commitments.server";
import {
  addGoalLink,
  addProgressNote,
  areaChoicesForGoal,
  deleteGoal,
  endGoal,
  getGoal,
  linkChoices,
  removeGoalLink,
  updateGoal,
} from "~/domain/goals/goals.server";
import { GOAL_ENDINGS } from "~/domain/goals/options";
import { endGoalSchema, goalSchema, linkSchema, noteSchema } from "~/domain/goals/schemas";
import { getTimeZone } from "~/domain/members/time-zone.server";
import { mentorshipPath } from "~/domain/mentoring/constants";
import { goalSharedWith } from "~/domain/mentoring/shared-goals.server";
import { requireMember } from "~/utils/auth.server";
import { now } from "~/utils/clock.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { formConstraint } from "~/utils/form-constraints.server";
import { failureResponse, notFound } from "~/utils/http.server";
import { readForm } from "~/utils/request-body.server";
import type { Failure } from "~/utils/result";

export { headers } from "~/utils/headers";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireMember(request);
  const timeZone = await getTimeZone(actor.userId);
  const at = now();
  const goal = await getGoal(actor, params.goalId ?? "", timeZone, at);
  if (!goal) throw notFound("There is no such goal among yours.");
  const open = goal.status === "OPEN";
  const [choices, links, commitments, sharedWith] = await Promise.all([
    open ? areaChoicesForGoal(actor, goal.id) : null,
    open ? linkChoices(actor) : null,
    listGoalCommitments(actor.userId, goal.id, timeZone, at),
    goalSharedWith(actor, goal.id),
  ]);
  return {
    goal,
    areaChoices: choices?.choices ?? [],
    // The goal's areas go by the same values as the choices (slugs, or keys when withheld).
    areaValues: goal.areas.map((area) => area.slug),
    linkChoices: links,
    commitments,
    sharedWith,
    timeZone,
    constraints: { goal: formConstraint(goalSchema), note: formConstraint(noteSchema), end: formConstraint(endGoalSchema) },
  };
}

type Reply = { intent: string; result: SubmissionResult<string[]> };

/** A refusal with errors beside the fields of the form that sent it. */
function refuse(intent: string, submission: { reply: (options?: { formErrors?: string[]; fieldErrors?: Record<string, string[]> }) => SubmissionResult<string[]> }, failure?: Failure) {
  const result = failure
    ? submission.reply({ fieldErrors: failure.fieldErrors, formErrors: failure.fieldErrors ? [] : [failure.message] })
    : submission.reply();
  return data<Reply>({ intent, result }, { status: 400 });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireMember(request);
  const goalId = params.goalId ?? "";
  const form = await readForm(request);
  const intent = String(form.get("intent") ?? "");
  const here = `/me/goals/${goalId}`;
  const at = now();
  const conflictOrRefuse = (name: string, submission: Parameters<typeof refuse>[1], failure: Failure) => {
    if (failure.reason === "invalid") return refuse(name, submission, failure);
    throw failureResponse(failure);
  };

  switch (intent) {
    case "edit": {
      const submission = parseWithZod(form, { schema: goalSchema });
      if (submission.status !== "success") return refuse(intent, submission);
      const result = await updateGoal(actor, goalId, submission.value, await getTimeZone(actor.userId), at);
      if (!result.ok) return conflictOrRefuse(intent, submission, result);
      return redirectWithFlash(here, "Goal updated.");
    }
    case "note": {
      const submission = parseWithZod(form, { schema: noteSchema });
      if (submission.status !== "success") return refuse(intent, submission);
      const result = await addProgressNote(actor, goalId, submission.value.body, at);
      if (!result.ok) return conflictOrRefuse(intent, submission, result);
      return redirectWithFlash(`${here}#progress-title`, { message: "Progress recorded.", at: "progress-title" });
    }
    case "link-step":
    case "link-plan":
    case "link-thread":
    case "link-evidence": {
      const submission = parseWithZod(form, { schema: linkSchema });
      if (submission.status !== "success") return refuse(intent, submission);
      const result = await addGoalLink(actor, goalId, submission.value);
      if (!result.ok) return conflictOrRefuse(intent, submission, result);
      return redirectWithFlash(`${here}#links-title`, {
        message: result.value.already ? "That was already linked to this goal." : "Linked to this goal.",
        at: "links-title",
      });
    }
    case "unlink": {
      const result = await removeGoalLink(actor, goalId, String(form.get("linkId") ?? ""));
      if (!result.ok) throw failureResponse(result);
      return redirectWithFlash(`${here}#links-title`, { message: "Link removed.", at: "links-title" });
    }
    case "end": {
      const submission = parseWithZod(form, { schema: endGoalSchema });
      if (submission.status !== "success") return refuse(intent, submission);
      const result = await endGoal(actor, goalId, submission.value, await getTimeZone(actor.userId), at);
      if (!result.ok) return conflictOrRefuse(intent, submission, result);
      return redirectWithFlash(
        here,
        result.value.committed
          ? "Goal closed. We will ask how your commitment is going in 30 and in 90 days."
          : "Goal closed with your reflection.",
      );
    }
    case "delete": {
      const result = await deleteGoal(actor, goalId);
      if (!result.ok) throw failureResponse(result);
      return redirectWithFlash("/me/goals", "Goal deleted.");
    }
    default:
      throw new Response("Unknown action", { status: 400 });
  }
}

export const handle: BreadcrumbHandle<SerializeFrom<typeof loader>> = {
  breadcrumb: (loaderData) => [
    { label: "My home", to: "/home" },
    { label: "Goals", to: "/me/goals" },
    { label: loaderData.goal.title.length > 40 ? `${loaderData.goal.title.slice(0, 39)}…` : loaderData.goal.title },
  ],
};

/** The action's reply, for the form that sent it only. */
function useReply(intent: string | string[]) {
  const reply = useActionData<typeof action>() as Reply | undefined;
  const intents = Array.isArray(intent) ? intent : [intent];
  return reply && intents.includes(reply.intent) ? reply.result : undefined;
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="mt-8">
      <h2 id={id} className="scroll-mt-4 text-2xl font-semibold">
        {title}
      </h2>
      {children}
    </section>
  );
}

export default function GoalPage() {
  const { goal, areaChoices, areaValues, linkChoices, commitments, sharedWith, timeZone, constraints } = useLoaderData<typeof loader>();
  const open = goal.status === "OPEN";
  const editReply = useReply("edit");
  return (
    <div className="max-w-3xl">
      <p className="mt-4 text-sm font-medium uppercase tracking-wide text-stone-600">Development goal · {goal.statusLabel}</p>
      <h1 className="mt-1 text-3xl font-bold">{goal.title}</h1>
      <dl className="mt-4 grid gap-x-6 gap-y-2 rounded-lg border border-stone-200 bg-white p-4 sm:grid-cols-[auto_1fr]">
        <dt className="font-medium">By when</dt>
        <dd>
          <GoalDue goal={goal} /> <span className="text-sm text-stone-600">({timeZone})</span>
        </dd>
        <dt className="font-medium">How you will know</dt>
        <dd>{goal.outcome || <span className="text-stone-600">Not said yet</span>}</dd>
        <dt className="font-medium">Areas</dt>
        <dd>{goal.areas.length ? goal.areas.map((area) => area.name).join(", ") : <span className="text-stone-600">None named</span>}</dd>
        <dt className="font-medium">Started</dt>
        <dd>{goal.startedOn}</dd>
        {goal.endedOn ? (
          <>
            <dt className="font-medium">{goal.statusLabel}</dt>
            <dd>{goal.endedOn}</dd>
          </>
        ) : null}
        {sharedWith.length ? (
          <>
            <dt className="font-medium">Shared</dt>
            <dd>
              {sharedWith.map((share, index) => (
                <span key={share.mentorshipId}>
                  {index > 0 ? "; " : ""}
                  with your {share.ended ? "ended " : ""}mentorship with <Link to={mentorshipPath(share.mentorshipId)}>{share.otherName}</Link>
                </span>
              ))}
            </dd>
          </>
        ) : null}
      </dl>

      {goal.advice.length ? (
        <aside aria-labelledby="advice-title" className="mt-4 rounded-lg border border-amber-300 bg-amber-50 p-4">
          <h2 id="advice-title" className="text-lg font-semibold">
            Suggestions
          </h2>
          <p className="text-sm text-stone-700">Advice, not errors: your goal is saved as it is.</p>
          <ul className="mt-2 list-disc space-y-1 pl-5">
            {goal.advice.map((item) => (
              <li key={item.field}>{item.message}</li>
            ))}
          </ul>
        </aside>
      ) : null}

      {goal.reflection ? (
        <Section id="reflection-title" title="Reflection">
          <p className="mt-2 whitespace-pre-line">{goal.reflection}</p>
        </Section>
      ) : null}

      {open ? (
        <details className="mt-6 rounded-lg border border-stone-200 bg-white p-4" open={Boolean(editReply)}>
          <summary className="cursor-pointer font-semibold">Edit this goal</summary>
          <GoalForm
            id="edit-goal"
            intent="edit"
            lastResult={editReply}
            defaultValue={{ title: goal.title, outcome: goal.outcome, dueOn: goal.dueOn ?? "", areas: areaValues }}
            constraint={constraints.goal}
            areaChoices={areaChoices}
            submitLabel="Save changes"
          />
        </details>
      ) : null}

      <Section id="links-title" title="What serves this goal">
        {goal.links.length ? (
          <ul className="mt-3 space-y-2">
            {goal.links.map((link) => (
              <li key={link.id} className="flex flex-wrap items-center justify-between gap-2 rounded-md border border-stone-200 bg-white p-3">
                <span className="min-w-0">
                  <span className="mr-2 rounded bg-stone-100 px-1.5 py-0.5 text-sm text-stone-800">{LINK_KIND[link.kind]}</span>
                  {link.href ? (
                    link.kind === "EVIDENCE" ? (
                      <a href={link.href} rel="noopener noreferrer nofollow" className="break-words">
                        {link.label}
                      </a>
                    ) : (
                      <Link to={link.href}>{link.label}</Link>
                    )
                  ) : (
                    link.label
                  )}
                </span>
                {open ? (
                  <Form method="post">
                    <input type="hidden" name="linkId" value={link.id} />
                    <SubmitButton name="intent" value="unlink" variant="secondary" pendingText="Removing…">
                      Remove<span className="sr-only"> {link.label}</span>
                    </SubmitButton>
                  </Form>
                ) : null}
              </li>
            ))}
          </ul>
        ) : (
          <p className="mt-2 text-stone-700">Nothing linked yet.</p>
        )}
        {open && linkChoices ? <LinkForms choices={linkChoices} /> : null}
      </Section>

      <Section id="progress-title" title="Progress">
        {goal.notes.length ? (
          <ol className="mt-3 space-y-2">
            {goal.notes.map((note) => (
              <li key={note.id} className="rounded-md border border-stone-200 bg-white p-3">
                <p className="text-sm font-medium text-stone-700">{note.on}</p>
                <p className="mt-1 whitespace-pre-line">{note.body}</p>
              </li>
            ))}
          </ol>
        ) : (
          <p className="mt-2 text-stone-700">No progress notes yet.</p>
        )}
        {open ? <NoteForm constraint={constraints.note} /> : null}
      </Section>

      {goal.comments.length ? (
        <Section id="comments-title" title="Comments from your reviewers">
          <p className="mt-1 text-sm text-stone-700">Only you see these.</p>
          <ul className="mt-3 space-y-2">
            {goal.comments.map((comment) => (
              <li key={comment.id} className="rounded-md border border-stone-200 bg-white p-3">
                <p className="text-sm font-medium text-stone-700">
                  {comment.reviewerName}, {comment.on}
                </p>
                <p className="mt-1 whitespace-pre-line">{comment.body}</p>
              </li>
            ))}
          </ul>
        </Section>
      ) : null}

      {commitments.length ? (
        <Section id="commitment-title" title="Your commitment to change">
          <CommitmentList commitments={commitments} />
        </Section>
      ) : null}

      {open ? <EndForm constraint={constraints.end} /> : null}

      <details className="mt-8 rounded-lg border border-stone-200 bg-white p-4">
        <summary className="cursor-pointer font-semibold">Delete this goal</summary>
        <Form method="post" className="mt-3">
          <p className="text-stone-700">
            Deleting removes the goal, its links, notes and reviewers’ comments for good. A commitment you made on achieving it stays,
            with its check-ins.
          </p>
          <SubmitButton name="intent" value="delete" variant="danger" className="mt-3" pendingText="Deleting…">
            Delete goal permanently
          </SubmitButton>
        </Form>
      </details>
    </div>
  );
}

const LINK_KIND = { STEP: "Pathway step", PLAN: "Activity plan", THREAD: "Forum thread", EVIDENCE: "Evidence" } as const;

function NoteForm({ constraint }: { constraint: SerializeFrom<typeof loader>["constraints"]["note"] }) {
  const [form, fields] = useForm({
    id: "progress-note",
    lastResult: useReply("note"),
    constraint,
    ...useLazyValidation(() => import("~/domain/goals/schemas").then((m) => m.noteSchema)),
  });
  return (
    <Form method="post" {...getFormProps(form)} className="mt-4 rounded-lg border border-stone-200 bg-white p-4">
      <FormErrors id={form.errorId} errors={form.errors} />
      <input type="hidden" name="intent" value="note" />
      <TextAreaField meta={fields.body} rows={3} label="Record progress" description="What you did, what happened, what is next. Dated today." className="mt-0" />
      <SubmitButton className="mt-3" pendingText="Saving…">
        Add progress note
      </SubmitButton>
    </Form>
  );
}

function LinkForms({ choices }: { choices: NonNullable<SerializeFrom<typeof loader>["linkChoices"]> }) {
  const lastResult = useReply(["link-step", "link-plan", "link-thread", "link-evidence"]);
  const reply = useActionData<typeof action>() as Reply | undefined;
  const resultFor = (intent: string) => (reply?.intent === intent ? lastResult : undefined);
  return (
    <div className="mt-4 grid gap-4 sm:grid-cols-2">
      <OneLinkForm intent="link-step" title="A pathway step" lastResult={resultFor("link-step")}>
        {(fields) =>
          choices.steps.length ? (
            <>
              <label htmlFor={fields.stepId.id} className="block font-medium">
                Step
              </label>
              <select {...getSelectProps(fields.stepId)} key={fields.stepId.key} className={inputClass}>
                <option value="">Choose a step…</option>
                {choices.steps.map((step) => (
                  <option key={step.value} value={step.value}>
                    {step.label}
                  </option>
                ))}
              </select>
              <FieldErrors id={fields.stepId.errorId} errors={fields.stepId.errors} />
            </>
          ) : (
            <p className="text-sm text-stone-700">
              Steps of the pathways you follow appear here. <Link to="/pathways">Browse pathways</Link>.
            </p>
          )
        }
      </OneLinkForm>
      <OneLinkForm intent="link-plan" title="An activity plan" lastResult={resultFor("link-plan")}>
        {(fields) =>
          choices.plans.length ? (
            <>
              <label htmlFor={fields.planId.id} className="block font-medium">
                Plan
              </label>
              <select {...getSelectProps(fields.planId)} key={fields.planId.key} className={inputClass}>
                <option value="">Choose a plan…</option>
                {choices.plans.map((plan) => (
                  <option key={plan.value} value={plan.value}>
                    {plan.label}
                  </option>
                ))}
              </select>
              <FieldErrors id={fields.planId.errorId} errors={fields.planId.errors} />
            </>
          ) : (
            <p className="text-sm text-stone-700">
              Your activity plans appear here. <Link to="/me/plans">Start a plan</Link>.
            </p>
          )
        }
      </OneLinkForm>
      <OneLinkForm intent="link-thread" title="A forum thread" lastResult={resultFor("link-thread")}>
        {(fields) => <TextField meta={fields.thread} label="Thread address" description="Paste the address of the thread’s page." className="mt-0" />}
      </OneLinkForm>
      <OneLinkForm intent="link-evidence" title="Evidence" lastResult={resultFor("link-evidence")}>
        {(fields) => (
          <>
            <TextField meta={fields.url} type="url" label="Link (https)" className="mt-0" />
            <TextField meta={fields.label} label="What it is (optional)" />
          </>
        )}
      </OneLinkForm>
    </div>
  );
}

type LinkFields = ReturnType<typeof useForm<{ stepId: string; planId: string; thread: string; url: string; label: string }>>[1];

function OneLinkForm({
  intent,
  title,
  lastResult,
  children,
}: {
  intent: string;
  title: string;
  lastResult: SubmissionResult<string[]> | undefined;
  children: (fields: LinkFields) => ReactNode;
}) {
  const [form, fields] = useForm<{ stepId: string; planId: string; thread: string; url: string; label: string }>({ id: `goal-${intent}`, lastResult });
  const titleId = `${intent}-title`;
  return (
    <Form method="post" {...getFormProps(form)} aria-labelledby={titleId} className="rounded-lg border border-stone-200 bg-white p-4">
      <h3 id={titleId} className="mb-2 font-semibold">
        Link {title.toLowerCase()}
      </h3>
      <FormErrors id={form.errorId} errors={form.errors} />
      <input type="hidden" name="intent" value={intent} />
      {children(fields)}
      <SubmitButton className="mt-3" pendingText="Linking…">
        Link<span className="sr-only"> {title.toLowerCase()}</span>
      </SubmitButton>
    </Form>
  );
}

function EndForm({ constraint }: { constraint: SerializeFrom<typeof loader>["constraints"]["end"] }) {
  const lastResult = useReply("end");
  const [form, fields] = useForm({
    id: "end-goal",
    lastResult,
    constraint,
    ...useLazyValidation(() => import("~/domain/goals/schemas").then((m) => m.endGoalSchema)),
  });
  return (
    <section aria-labelledby="end-title" className="mt-8 rounded-lg border border-stone-200 bg-white p-4 sm:p-5">
      <h2 id="end-title" className="text-2xl font-semibold">
        Close this goal
      </h2>
      <Form method="post" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="hidden" name="intent" value="end" />
        <RadioChoices meta={fields.ending} legend="How did it end?" options={GOAL_ENDINGS} />
        <TextAreaField meta={fields.reflection} rows={4} label="Reflection" description="What worked, what got in the way, what you learnt." />
        <TextAreaField
          meta={fields.commitment}
          rows={3}
          label="Your commitment to change (optional, when achieved)"
          description="What will you do differently in your work now? We ask how it is going after 30 and 90 days; your answers stay yours."
        />
        <SubmitButton className="mt-4 w-full sm:w-auto" pendingText="Closing…">
          Close goal
        </SubmitButton>
      </Form>
    </section>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data: loaderData }) => [
  { title: loaderData ? `${loaderData.goal.title} · Goals · CME Commons` : "Goal · CME Commons" },
];

export function ErrorBoundary() {
  return <ErrorPage />;
}
