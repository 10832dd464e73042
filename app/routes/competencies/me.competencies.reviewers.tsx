// /me/competencies/reviewers — invite a reviewer by email to rate you on the
// same areas you rate yourself on; see and revoke your invitations.
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { ErrorPage } from "~/components/error-page";
import { SubmitButton } from "~/components/ui/button";
import { FieldErrors } from "~/components/ui/field";
import { INVITATION_STATE_LABELS, REVIEWER_INVITATION_DAYS } from "~/domain/assessments/constants";
import { inviteReviewerSchema } from "~/domain/assessments/reviewer-options";
import { inviteReviewer, listInvitations, revokeInvitation } from "~/domain/assessments/reviewer-ratings.server";
import { ReviewerGoalsSetting } from "~/components/reviewer-goals-setting";
import { getGoalsForReviewers, setGoalsForReviewers } from "~/domain/goals/goals.server";
import { assertContributor, requireMember } from "~/utils/auth.server";
import { formFailure, siteUrl } from "~/utils/http.server";
import { failFields } from "~/utils/result";
import { readerTimeZone } from "~/domain/members/actor";
import { formatLongDateIn } from "~/utils/zoned-dates";
import { readForm } from "~/utils/request-body.server";
import { redirectWithFlash } from "~/utils/flash.server";

export { headers } from "~/utils/headers";

const revokeSchema = z.object({ intent: z.literal("revoke"), invitationId: z.string().min(1) });

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireMember(request);
  const [invitations, goalsForReviewers] = await Promise.all([listInvitations(actor), getGoalsForReviewers(actor.userId)]);
  return {
    goalsForReviewers,
    invitations: invitations.map((invitation) => ({
      id: invitation.id,
      email: invitation.email,
      state: invitation.state,
      reviewerName: invitation.reviewerName,
      sentOn: formatLongDateIn(invitation.createdAt, readerTimeZone(actor)),
      expiresOn: formatLongDateIn(invitation.expiresAt, readerTimeZone(actor)),
      ratedOn: invitation.submittedAt ? formatLongDateIn(invitation.submittedAt, readerTimeZone(actor)) : null,
    })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireMember(request);
  const form = Object.fromEntries(await readForm(request));
  if (form.intent === "goals-for-reviewers") {
    const allowed = form.goals === "share";
    await setGoalsForReviewers(actor.userId, allowed);
    return redirectWithFlash(
      "/me/competencies/reviewers",
      allowed ? "Your reviewers can now see your goals and comment on them." : "Your goals are no longer shown to reviewers.",
    );
  }
  if (form.intent === "revoke") {
    const parsed = revokeSchema.safeParse(form);
    const revoked = parsed.success && (await revokeInvitation(actor, parsed.data.invitationId));
    return redirectWithFlash(
      "/me/competencies/reviewers",
      revoked ? "The invitation was revoked. Its link no longer works." : "Nothing changed: that invitation was no longer open.",
    );
  }
  // An invitation emails someone else: a confirmed address first.
  assertContributor(actor);
  const values = {
    email: typeof form.email === "string" ? form.email : "",
    message: typeof form.message === "string" ? form.message : "",
  };
  const parsed = inviteReviewerSchema.safeParse(values);
  if (!parsed.success) {
    const errors = z.flattenError(parsed.error).fieldErrors as Record<string, string[]>;
    return formFailure(failFields(errors), { errors, values });
  }
  const result = await inviteReviewer(actor, parsed.data, siteUrl(request));
  if (!result.ok) return formFailure(result, { errors: result.fieldErrors ?? {}, values });
  return redirectWithFlash("/me/competencies/reviewers", "Your invitation was sent.");
}

export const meta: MetaFunction = () => [{ title: "Ask someone to rate you · CME Commons" }];

export default function Reviewers() {
  const { invitations, goalsForReviewers } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = result?.errors;
  return (
    <div className="max-w-3xl">
      <p>
        <Link to="/me/competencies">← Back to your competency profile</Link>
      </p>
      <h1 className="mt-3 text-3xl font-bold">Ask someone to rate you</h1>
      <p className="mt-2 text-stone-700">
        Ask a manager, colleague or mentor to rate you on the same competency areas you rate yourself on. They get an
        email with a link that works once, for {REVIEWER_INVITATION_DAYS} days; they need to sign in or create an
        account to answer. They see your name and the framework, never your self-ratings or evidence. Their rating is
        shown beside yours on your profile and in your review pack, labelled with their name, and never averaged with
        your own. To let someone read your pack without rating you,{" "}
        <Link to="/me/competencies/share">share your review pack</Link> instead.
      </p>

      <section aria-labelledby="new-invitation" className="mt-6 rounded-lg border border-stone-200 bg-white p-5">
        <h2 id="new-invitation" className="text-xl font-semibold">
          Send an invitation
        </h2>
        <Form method="post" className="mt-2" noValidate>
          <div className="mt-3">
            <label htmlFor="reviewer-email" className="block font-medium">
              Reviewer’s email address
            </label>
            <input
              id="reviewer-email"
              name="email"
              type="email"
              autoComplete="off"
              required
              defaultValue={result?.values.email ?? ""}
              aria-describedby="reviewer-email-errors"
              aria-invalid={errors?.email ? true : undefined}
              className="mt-1 block w-full rounded-md border border-stone-400 bg-white px-3 py-2 aria-[invalid]:border-red-700"
            />
            <FieldErrors id="reviewer-email-errors" errors={errors?.email} />
          </div>
          <div className="mt-3">
            <label htmlFor="reviewer-message" className="block font-medium">
              Message (optional)
            </label>
            <p id="reviewer-message-help" className="text-sm text-stone-600">
              Included in the email, for example why you are asking.
            </p>
            <textarea
              id="reviewer-message"
              name="message"
              rows={4}
              defaultValue={result?.values.message ?? ""}
              aria-describedby="reviewer-message-help reviewer-message-errors"
              aria-invalid={errors?.message ? true : undefined}
              className="mt-1 block w-full rounded-md border border-stone-400 bg-white px-3 py-2 aria-[invalid]:border-red-700"
            />
            <FieldErrors id="reviewer-message-errors" errors={errors?.message} />
          </div>
          <SubmitButton className="mt-4" name="intent" value="invite" pendingText="Sending…">
            Send the invitation
          </SubmitButton>
        </Form>
      </section>

      <section aria-labelledby="your-invitations" className="mt-8">
        <h2 id="your-invitations" className="text-xl font-semibold">
          Your invitations
        </h2>
        {invitations.length === 0 ? (
          <p className="mt-2 text-stone-700">You have not invited a reviewer yet.</p>
        ) : (
          <ul className="mt-3 space-y-2">
            {invitations.map((invitation) => (
              <li
                key={invitation.id}
                className="flex flex-wrap items-center justify-between gap-3 rounded-lg border border-stone-200 bg-white p-4"
              >
                <div>
                  <p className="font-medium break-all">
                    {invitation.reviewerName ? `${invitation.reviewerName} (${invitation.email})` : invitation.email}
                  </p>
                  <p className="text-sm text-stone-700">
                    Sent {invitation.sentOn} · <span className="font-semibold">{INVITATION_STATE_LABELS[invitation.state]}</span>
                    {invitation.state === "pending" ? ` · link works until ${invitation.expiresOn}` : null}
                    {invitation.state === "expired" ? ` on ${invitation.expiresOn}` : null}
                    {invitation.ratedOn ? ` on ${invitation.ratedOn}` : null}
                  </p>
                </div>
                {invitation.state === "pending" || invitation.state === "accepted" ? (
                  <Form method="post">
                    <input type="hidden" name="invitationId" value={invitation.id} />
                    <SubmitButton name="intent" value="revoke" variant="secondary" pendingText="Revoking…">
                      Revoke<span className="sr-only"> the invitation to {invitation.email}</span>
                    </SubmitButton>
                  </Form>
                ) : invitation.state === "rated" ? (
                  <Link to="/me/competencies#reviewers-title">
                    Read the rating and comments<span className="sr-only"> from {invitation.reviewerName ?? invitation.email}</span>
                  </Link>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </section>
      <ReviewerGoalsSetting shared={goalsForReviewers} />
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
