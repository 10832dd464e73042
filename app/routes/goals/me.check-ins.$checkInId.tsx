// /me/check-ins/:checkInId — one question about a commitment to change, 30 or 90 days on: done,
// partly, not yet or no longer relevant, and what got in the way. The emailed link leads here
// (through the login page when signed out). The answer is the member's alone.
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, type SerializeFrom } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import type { BreadcrumbHandle } from "~/components/breadcrumbs";
import { ErrorPage } from "~/components/error-page";
import { RadioChoices } from "~/components/goal-fields";
import { SubmitButton } from "~/components/ui/button";
import { TextAreaField } from "~/components/ui/field";
import { FormErrors } from "~/components/ui/form-errors";
import { useLazyValidation } from "~/components/ui/lazy-validation";
import { answerCheckIn, getCheckIn } from "~/domain/goals/commitments.server";
import { CHECK_IN_ANSWERS } from "~/domain/goals/options";
import { checkInSchema } from "~/domain/goals/schemas";
import { getTimeZone } from "~/domain/members/time-zone.server";
import { requireMember } from "~/utils/auth.server";
import { now } from "~/utils/clock.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { formConstraint } from "~/utils/form-constraints.server";
import { failureResponse, notFound } from "~/utils/http.server";
import { readForm } from "~/utils/request-body.server";

export { headers } from "~/utils/headers";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireMember(request);
  const checkIn = await getCheckIn(actor, params.checkInId ?? "", await getTimeZone(actor.userId), now());
  if (!checkIn) throw notFound("There is no such check-in among yours.");
  return { checkIn, constraint: formConstraint(checkInSchema) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireMember(request);
  const submission = parseWithZod(await readForm(request), { schema: checkInSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const result = await answerCheckIn(actor, params.checkInId ?? "", submission.value, now());
  if (!result.ok) {
    if (result.reason === "conflict") return data(submission.reply({ formErrors: [result.message] }), { status: 409 });
    throw failureResponse(result);
  }
  return redirectWithFlash("/me/competencies#commitments-title", "Thank you: your answer is saved, and only you see it.");
}

export const handle: BreadcrumbHandle<SerializeFrom<typeof loader>> = {
  breadcrumb: (loaderData) => [{ label: "My home", to: "/home" }, { label: `${loaderData.checkIn.afterDays}-day check-in` }],
};

export default function CheckInPage() {
  const { checkIn, constraint } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "check-in",
    lastResult,
    constraint,
    defaultValue: { answer: checkIn.answer ?? "", obstacle: checkIn.obstacle },
    ...useLazyValidation(() => import("~/domain/goals/schemas").then((m) => m.checkInSchema)),
  });
  return (
    <div className="max-w-2xl">
      <h1 className="mt-4 text-3xl font-bold">{checkIn.afterDays} days on: how is it going?</h1>
      <p className="mt-3 text-stone-700">
        On {checkIn.commitment.madeOn} you committed to this change in your work
        {checkIn.commitment.source ? (
          <>
            {" "}
            (<Link to={checkIn.commitment.source.href}>{checkIn.commitment.source.label}</Link>)
          </>
        ) : null}
        :
      </p>
      <blockquote className="mt-3 whitespace-pre-line border-l-4 border-brand-300 bg-white p-3 text-lg">{checkIn.commitment.text}</blockquote>
      {checkIn.answeredOn ? (
        <p className="mt-4 rounded-md border border-stone-200 bg-stone-50 p-3">You answered on {checkIn.answeredOn}. You can change your answer.</p>
      ) : null}
      {checkIn.due ? (
        <Form method="post" {...getFormProps(form)} className="mt-4 rounded-lg border border-stone-200 bg-white p-4 sm:p-5">
          <FormErrors id={form.errorId} errors={form.errors} />
          <RadioChoices meta={fields.answer} legend="Did you make the change?" options={CHECK_IN_ANSWERS} />
          <TextAreaField meta={fields.obstacle} rows={3} label="What got in the way? (optional)" description="Only you see your answer." />
          <SubmitButton className="mt-4 w-full sm:w-auto" pendingText="Saving…">
            Save my answer
          </SubmitButton>
        </Form>
      ) : (
        <p className="mt-4 rounded-md border border-stone-200 bg-white p-3">
          This check-in opens on {checkIn.dueOn}. We will email you then, if you want reminders.
        </p>
      )}
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Check-in · CME Commons" }];

export function ErrorBoundary() {
  return <ErrorPage />;
}
