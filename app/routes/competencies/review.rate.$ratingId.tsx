// /review/rate/:ratingId — the reviewer's rating form: every area of the
// reviewee's framework version, stage radios with their descriptors and an
// optional comment. Only the rating's reviewer can open it; it shows the
// reviewee's name, never their self-ratings or evidence. Read-only once sent.
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ErrorPage } from "~/components/error-page";
import { ReviewerGoals } from "~/components/reviewer-goals";
import { addGoalComment, listGoalsForReviewer } from "~/domain/goals/goals.server";
import { goalCommentSchema } from "~/domain/goals/schemas";
import { now } from "~/utils/clock.server";
import { SubmitButton } from "~/components/ui/button";
import { FieldErrors } from "~/components/ui/field";
import { FormErrors } from "~/components/ui/form-errors";
import { NOT_OBSERVED, REVIEWER_COMMENT_MAX } from "~/domain/assessments/constants";
import { getRatingForm, saveRating, type RatingAnswerInput } from "~/domain/assessments/reviewer-ratings.server";
import { assertContributor, requireMember } from "~/utils/auth.server";
import { readerTimeZone } from "~/domain/members/actor";
import { formatLongDateIn } from "~/utils/zoned-dates";
import { readForm } from "~/utils/request-body.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { formFailure, notFound } from "~/utils/http.server";

export { headers } from "~/utils/headers";


export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireMember(request);
  const form = await getRatingForm(actor, params.ratingId ?? "");
  if (!form) throw notFound();
  // The reviewee's goals only when they let reviewers see them (visibleGoalsWhere), dated in their time zone.
  const goals = await listGoalsForReviewer(actor, form.revieweeId, now());
  return {
    goals,
    rating: {
      id: form.id,
      revieweeName: form.revieweeName,
      submittedOn: form.submittedAt ? formatLongDateIn(form.submittedAt, readerTimeZone(actor)) : null,
      stages: form.stages,
      areas: form.areas,
    },
    /** Saving and sending need a confirmed email address. */
    mustConfirmEmail: !actor.confirmed,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireMember(request);
  // A rating is shown to the reviewee under the reviewer's name: a confirmed address first.
  assertContributor(actor);
  const ratingId = params.ratingId ?? "";
  const formData = await readForm(request);
  if (formData.get("intent") === "goal-comment") return commentOnGoal(actor, ratingId, formData);
  const submit = formData.get("intent") === "submit";
  const answers: RatingAnswerInput[] = [];
  const values: Record<string, string> = {};
  for (const [key, value] of formData) {
    if (typeof value !== "string") continue;
    const match = /^(stage|comment)-([a-z0-9-]{1,100})$/.exec(key);
    if (!match) continue;
    values[key] = value;
  }
  const slugs = new Set(Object.keys(values).map((key) => key.replace(/^(stage|comment)-/, "")));
  for (const areaSlug of slugs) {
    answers.push({ areaSlug, stage: values[`stage-${areaSlug}`] || null, comment: values[`comment-${areaSlug}`] ?? "" });
  }
  const result = await saveRating(actor, ratingId, answers, { submit });
  if (!result.ok) {
    // Sent meanwhile (another tab): the page shows the rating as sent.
    if (result.reason === "conflict") return redirect(`/review/rate/${ratingId}`);
    return formFailure(result, {
      errors: result.fieldErrors ?? {},
      formErrors: submit ? ["Your rating was not sent: answer every area first. What you entered is kept below."] : [],
      values,
    });
  }
  return redirectWithFlash(
    `/review/rate/${ratingId}`,
    result.value.submitted ? "Thank you: your rating was sent." : "Your answers were saved. Send them when you are ready.",
  );
}


/** A comment on one of the reviewee's goals: the reviewer's own rating must lead to them. */
async function commentOnGoal(actor: Awaited<ReturnType<typeof requireMember>>, ratingId: string, formData: FormData) {
  const rating = await getRatingForm(actor, ratingId);
  if (!rating) throw notFound();
  const parsed = goalCommentSchema.safeParse(Object.fromEntries(formData));
  const body = typeof formData.get("body") === "string" ? String(formData.get("body")) : "";
  const goalId = String(formData.get("goalId") ?? "");
  if (!parsed.success) {
    return formFailure(
      { ok: false, reason: "invalid", message: parsed.error.issues[0]?.message ?? "Write your comment" },
      {
        goalError: { goalId, message: parsed.error.issues[0]?.message ?? "Write your comment", body },
        errors: {} as Record<string, string[]>,
        formErrors: [] as string[],
        values: null as Record<string, string> | null,
      },
    );
  }
  const result = await addGoalComment(actor, rating.revieweeId, parsed.data.goalId, parsed.data.body, now());
  if (!result.ok) throw notFound(result.message);
  return redirectWithFlash(`/review/rate/${ratingId}#reviewer-goals-title`, `Comment sent. Only ${rating.revieweeName} reads it.`);
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Rate ${data.rating.revieweeName} · CME Commons` : "Reviewer rating · CME Commons" },
  { name: "robots", content: "noindex, nofollow" },
];

export default function RateReviewee() {
  const { rating, mustConfirmEmail, goals } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const readOnly = rating.submittedOn !== null;
  const errors = result?.errors ?? {};
  return (
    <div className="max-w-3xl">
      <h1 className="text-3xl font-bold">Rate {rating.revieweeName}</h1>
      {readOnly ? (
        <p className="mt-4 rounded-md border border-brand-100 bg-brand-50 p-3">
          You sent this rating on {rating.submittedOn}. {rating.revieweeName} sees it beside their own self-ratings,
          labelled with your name; it can no longer be changed.
        </p>
      ) : null}
      {readOnly ? null : (
        <p className="mt-2 text-stone-700">
          {rating.revieweeName} asked you to rate them in each competency area below: choose the stage that best
          describes what you see them do, or say you haven’t observed it. Your rating is shown to {rating.revieweeName} with your name and the date,
          beside their own self-ratings, and never averaged with them. You can save and come back before you send it.
        </p>
      )}
      {!readOnly && mustConfirmEmail ? (
        <p className="mt-4 rounded-md border border-amber-300 bg-amber-50 p-3 text-amber-950">
          Before you can save or send this rating, confirm your email address with the link we emailed you (
          <Link to="/confirm-email">send it again</Link>), then come back to this page.
        </p>
      ) : null}
      <FormErrors id="rating-errors" errors={result?.formErrors} fieldErrors={errors} />
      <Form method="post" className="mt-6 space-y-6" aria-describedby="rating-errors">
        {rating.areas.map((area) => {
          const stageKey = `stage-${area.slug}`;
          const commentKey = `comment-${area.slug}`;
          const chosen = result?.values ? (result.values[stageKey] ?? null) : area.stage;
          return (
            <fieldset
              key={area.slug}
              aria-describedby={`${stageKey}-summary ${stageKey}-errors`}
              aria-invalid={errors[stageKey] ? true : undefined}
              className="rounded-lg border border-stone-200 bg-white p-5"
            >
              <legend className="px-1 text-xl font-semibold">
                {area.name}
                <span className="sr-only">: {rating.revieweeName}’s stage</span>
              </legend>
              <p className="text-sm text-stone-600">How you see {rating.revieweeName} in this area.</p>
              <div
                id={`${stageKey}-summary`}
                className="prose-content mt-2 text-stone-800"
                dangerouslySetInnerHTML={{ __html: area.summaryHtml }}
              />
              <div className="mt-3 space-y-2">
                {rating.stages.map((stage, index) => (
                  <label key={stage.slug} className="flex gap-3 rounded-md border border-stone-200 p-3 has-[:checked]:border-brand-700">
                    <input
                      type="radio"
                      // The error summary's link for this area lands on its first choice.
                      id={index === 0 ? stageKey : undefined}
                      name={stageKey}
                      value={stage.slug}
                      defaultChecked={chosen === stage.slug}
                      disabled={readOnly}
                      className="mt-1"
                    />
                    <span>
                      <span className="font-semibold">{stage.name}</span>
                      {area.descriptors[stage.slug] ? (
                        <span className="block text-sm text-stone-700">{area.descriptors[stage.slug]}</span>
                      ) : null}
                    </span>
                  </label>
                ))}
                <label className="flex gap-3 rounded-md border border-dashed border-stone-300 p-3 has-[:checked]:border-brand-700">
                  <input
                    type="radio"
                    name={stageKey}
                    value={NOT_OBSERVED}
                    defaultChecked={chosen === NOT_OBSERVED}
                    disabled={readOnly}
                    className="mt-1"
                  />
                  <span>
                    <span className="font-semibold">I haven’t observed this</span>
                    <span className="block text-sm text-stone-700">
                      You have not seen {rating.revieweeName} work in this area. No stage is shown for you here; a comment
                      is still welcome.
                    </span>
                  </span>
                </label>
              </div>
              <FieldErrors id={`${stageKey}-errors`} errors={errors[stageKey]} />
              <div className="mt-3">
                <label htmlFor={commentKey} className="block font-medium">
                  Comment (optional)
                </label>
                <textarea
                  id={commentKey}
                  name={commentKey}
                  rows={3}
                  maxLength={REVIEWER_COMMENT_MAX}
                  readOnly={readOnly}
                  defaultValue={result?.values ? (result.values[commentKey] ?? "") : area.comment}
                  aria-describedby={`${commentKey}-errors`}
                  aria-invalid={errors[commentKey] ? true : undefined}
                  className="mt-1 block w-full rounded-md border border-stone-400 bg-white px-3 py-2"
                />
                <FieldErrors id={`${commentKey}-errors`} errors={errors[commentKey]} />
              </div>
            </fieldset>
          );
        })}
        {readOnly ? null : (
          <div className="flex flex-wrap gap-3">
            <SubmitButton name="intent" value="submit" pendingText="Sending…">
              Send your rating
            </SubmitButton>
            <SubmitButton name="intent" value="save" variant="secondary" pendingText="Saving…">
              Save and finish later
            </SubmitButton>
          </div>
        )}
      </Form>
      <ReviewerGoals
        revieweeName={rating.revieweeName}
        goals={goals}
        error={result && "goalError" in result ? result.goalError : null}
      />
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
