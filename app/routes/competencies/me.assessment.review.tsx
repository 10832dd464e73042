// /me/assessment/review — every answer of the member's draft, then submit (freeze) or discard it.
import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, type SerializeFrom } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import type { BreadcrumbHandle } from "~/components/breadcrumbs";
import { ErrorPage } from "~/components/error-page";
import { SubmitButton } from "~/components/ui/button";
import { FieldErrors } from "~/components/ui/field";
import { FormErrors } from "~/components/ui/form-errors";
import { useLazyValidation } from "~/components/ui/lazy-validation";
import { discardDraft, getDraftReview, submitDraft } from "~/domain/assessments/assessments.server";
import { discardDraftSchema } from "~/domain/assessments/schemas";
import { getHomeSummary } from "~/domain/members/onboarding.server";
import { requireMember } from "~/utils/auth.server";
import { readForm } from "~/utils/request-body.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { badRequest, formFailure } from "~/utils/http.server";

export { headers } from "~/utils/headers";

const submitSchema = z.object({ intent: z.literal("submit") });

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireMember(request);
  // Only ever the member's own draft.
  const [review, summary] = await Promise.all([getDraftReview(actor), getHomeSummary(actor.userId)]);
  if (!review) throw redirect("/me/assessment");
  const areas = review.areas.map((area, index) => ({
    step: index + 1,
    slug: area.slug,
    name: area.name,
    answer: area.answer?.stage
      ? {
          stage: area.answer.stage.name,
          target: area.answer.targetStage?.name ?? null,
          // Advice only: a target below the stage chosen is allowed, but usually a slip.
          targetBelowStage: area.answer.targetStage ? area.answer.targetStage.position < area.answer.stage.position : false,
          evidenceHtml: area.answer.evidenceHtml,
          links: area.answer.links,
        }
      : null,
  }));
  return {
    framework: review.framework,
    isBaseline: summary.assessments.submitted === 0,
    areas,
    complete: review.complete,
    missing: areas.filter((area) => !area.answer).map((area) => area.name),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireMember(request);
  const formData = await readForm(request);
  const intent = formData.get("intent");

  if (intent === "discard") {
    const submission = parseWithZod(formData, { schema: discardDraftSchema });
    if (submission.status !== "success") return data({ intent: "discard" as const, result: submission.reply() }, { status: 400 });
    await discardDraft(actor);
    return redirectWithFlash("/me/assessment", "Your draft was discarded. You can start a new self-assessment whenever you are ready.");
  }

  if (intent === "submit") {
    const submission = parseWithZod(formData, { schema: submitSchema });
    if (submission.status !== "success") throw badRequest();
    const result = await submitDraft(actor);
    // No draft any more (already submitted, or discarded in another tab).
    if (!result.ok && result.reason === "not-found") throw redirect("/me/assessment");
    if (!result.ok) return formFailure(result, { intent: "submit" as const, result: submission.reply({ formErrors: [result.message] }) });
    return redirectWithFlash(
      "/me/competencies",
      result.value.isBaseline
        ? "Your assessment was saved. It is your baseline: each assessment you take from now on will be compared with it."
        : "Your assessment was saved. Here is how it compares with your earlier ones.",
    );
  }

  throw badRequest("Unknown action");
}

export const handle: BreadcrumbHandle<SerializeFrom<typeof loader>> = {
  breadcrumb: () => [{ label: "Self-assessment", to: "/me/assessment" }, { label: "Review" }],
};

export default function AssessmentReview() {
  const { framework, isBaseline, areas, complete, missing } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [submitForm] = useForm({
    id: "submit-assessment",
    lastResult: actionData?.intent === "submit" ? actionData.result : undefined,
  });
  const [discardForm, discardFields] = useForm({
    id: "discard-draft",
    lastResult: actionData?.intent === "discard" ? actionData.result : undefined,
    ...useLazyValidation(() => import("~/domain/assessments/schemas").then((m) => m.discardDraftSchema), {
      shouldValidate: "onSubmit",
      shouldRevalidate: "onSubmit",
    }),
  });
  const answered = areas.length - missing.length;

  return (
    <div className="max-w-3xl">
      <h1 className="mt-4 text-3xl font-bold">Review your self-assessment</h1>
      <p className="mt-3 text-lg text-stone-700">
        Check each area before you submit. You can change any answer with its “Edit” link. You have answered {answered}{" "}
        of {areas.length} areas.
      </p>
      <p className="mt-2 text-sm text-stone-600">
        {framework.name}, version {framework.version}
      </p>

      <ol className="mt-6 space-y-4">
        {areas.map((area) => (
          <li key={area.slug} className="rounded-lg border border-stone-200 bg-white p-4 shadow-sm sm:p-5">
            <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
              <h2 className="text-lg font-semibold">
                <span className="text-stone-600">{area.step}. </span>
                {area.name}
              </h2>
              <Link to={`/me/assessment/step/${area.step}`}>
                {area.answer ? "Edit" : "Answer"}
                <span className="sr-only"> {area.name}</span>
              </Link>
            </div>
            {area.answer ? (
              <dl className="mt-3 grid gap-x-6 gap-y-3 sm:grid-cols-[10rem_minmax(0,1fr)]">
                <dt className="text-sm font-medium text-stone-600">Current stage</dt>
                <dd className="font-semibold">{area.answer.stage}</dd>
                <dt className="text-sm font-medium text-stone-600">Target</dt>
                <dd>
                  {area.answer.target ?? "No target"}
                  {area.answer.targetBelowStage ? (
                    <span className="mt-1 block rounded-md border border-amber-300 bg-amber-50 p-2 text-sm text-amber-950">
                      Below the stage you chose. A target is usually a stage you want to reach by your next review:{" "}
                      <Link to={`/me/assessment/step/${area.step}`}>
                        change it<span className="sr-only"> for {area.name}</span>
                      </Link>
                      , or keep it if that is what you mean.
                    </span>
                  ) : null}
                </dd>
                <dt className="text-sm font-medium text-stone-600">Evidence notes</dt>
                {area.answer.evidenceHtml ? (
                  <dd
                    className="prose-content break-words text-stone-800 [&>:first-child]:mt-0 [&>:last-child]:mb-0"
                    dangerouslySetInnerHTML={{ __html: area.answer.evidenceHtml }}
                  />
                ) : (
                  <dd className="text-stone-600">None</dd>
                )}
                <dt className="text-sm font-medium text-stone-600">Links</dt>
                {area.answer.links.length ? (
                  <dd>
                    <ul className="space-y-1">
                      {area.answer.links.map((link) => (
                        <li key={link} className="break-all">
                          <a href={link} rel="nofollow ugc noopener noreferrer">
                            {link}
                          </a>
                        </li>
                      ))}
                    </ul>
                  </dd>
                ) : (
                  <dd className="text-stone-600">None</dd>
                )}
              </dl>
            ) : (
              <p className="mt-2 font-medium text-amber-900">Not answered yet</p>
            )}
          </li>
        ))}
      </ol>

      <section aria-labelledby="submit-title" className="mt-8 rounded-lg border border-stone-200 bg-white p-4 shadow-sm sm:p-5">
        <h2 id="submit-title" className="text-2xl font-semibold">
          Submit your assessment
        </h2>
        <p className="mt-2 text-stone-700">
          {isBaseline
            ? "This will be your baseline: the starting point your later reassessments are compared with."
            : "This will be saved as a reassessment, next to your earlier ones."}{" "}
          Once submitted it is a fixed record and can no longer be changed.
        </p>
        <Form method="post" {...getFormProps(submitForm)} className="mt-4">
          <FormErrors id={submitForm.errorId} errors={submitForm.errors} />
          {complete ? (
            <SubmitButton name="intent" value="submit" pendingText="Submitting…" className="mt-2 w-full sm:w-auto">
              Submit assessment
            </SubmitButton>
          ) : (
            <>
              <p id="submit-blocked" className="mt-2 rounded-md border border-amber-300 bg-amber-50 p-3 text-amber-950">
                {missing.length === 1 ? "One area still needs a stage" : `${missing.length} areas still need a stage`}:{" "}
                {missing.join(", ")}. Answer {missing.length === 1 ? "it" : "them"}, then you can submit.
              </p>
              {/* Still a real button (the server refuses an incomplete draft), but it looks and reads as unavailable. */}
              <button
                type="submit"
                name="intent"
                value="submit"
                aria-disabled="true"
                aria-describedby="submit-blocked"
                className="mt-3 inline-flex w-full cursor-not-allowed items-center justify-center rounded-md bg-stone-300 px-4 py-2 font-semibold text-stone-700 sm:w-auto"
              >
                Submit assessment
              </button>
            </>
          )}
        </Form>
      </section>

      <section aria-labelledby="discard-title" className="mt-8 rounded-lg border border-red-200 bg-white p-4 shadow-sm sm:p-5">
        <h2 id="discard-title" className="text-2xl font-semibold">
          Discard this draft
        </h2>
        <p className="mt-2 text-stone-700">
          This deletes every answer in this draft and cannot be undone. Your submitted assessments are not affected.
        </p>
        <Form method="post" {...getFormProps(discardForm)} className="mt-4">
          <FormErrors id={discardForm.errorId} errors={discardForm.errors} />
          <div className="flex items-start gap-2">
            <input
              {...getInputProps(discardFields.confirm, { type: "checkbox", value: "yes" })}
              key={discardFields.confirm.key}
              className="mt-1 h-4 w-4 shrink-0 accent-red-700"
            />
            <label htmlFor={discardFields.confirm.id}>Yes, discard this draft</label>
          </div>
          <FieldErrors id={discardFields.confirm.errorId} errors={discardFields.confirm.errors} />
          <SubmitButton name="intent" value="discard" variant="danger" pendingText="Discarding…" className="mt-3 w-full sm:w-auto">
            Discard draft
          </SubmitButton>
        </Form>
      </section>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Review your self-assessment · CME Commons" }];

export function ErrorBoundary() {
  return <ErrorPage />;
}
