// /forgot-password: asks for an email address and, if an account uses it,
// emails a single-use reset link. The answer never reveals whether the address
// is registered: a registered address, an unknown one and a bot (filled
// honeypot) all get the same confirmation.
import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, isRouteErrorResponse, Link, useActionData, useLoaderData, useRouteError } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { ErrorPage, retryMinutes } from "~/components/error-page";
import { SubmitButton } from "~/components/ui/button";
import { TextField } from "~/components/ui/field";
import { Honeypot } from "~/components/ui/choice-fields";
import { FormErrors } from "~/components/ui/form-errors";
import { useLazyValidation, type Constraints } from "~/components/ui/lazy-validation";
import { requestPasswordReset, RESET_TOKEN_MINUTES } from "~/domain/members/accounts.server";
import { forgotPasswordSchema } from "~/domain/members/schemas";
import { afterResponse } from "~/utils/after-response.server";
import { clientIp } from "~/utils/auth.server";
import { siteUrl } from "~/utils/http.server";
import { enforceRateLimits, LIMITS } from "~/utils/rate-limit.server";
import { formConstraint } from "~/utils/form-constraints.server";
import { readForm } from "~/utils/request-body.server";

export { headers } from "~/utils/headers";

export function loader() {
  return { constraint: formConstraint(forgotPasswordSchema) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await readForm(request);
  const submission = parseWithZod(formData, { schema: forgotPasswordSchema });
  let email: string;
  let isBot = false;
  if (submission.status === "success") {
    email = submission.value.email;
  } else {
    // A filled honeypot as the only problem means a bot: answer as if it
    // worked and send nothing. Any other problem is a person's typo.
    const fields = Object.keys(submission.error ?? {});
    if (fields.length !== 1 || fields[0] !== "website") return submission.reply();
    email = String(submission.payload.email ?? "").trim().toLowerCase();
    isBot = true;
  }
  // Same limits whether or not the account exists, so a 429 reveals nothing
  // either; per account and address, so that nobody elsewhere can use up the
  // owner's requests (rate-limit.server.ts).
  const ip = clientIp(context);
  await enforceRateLimits([LIMITS.resetPerIp(ip), LIMITS.resetPerAccountAndIp(email, ip), LIMITS.resetPerAccount(email)]);
  // Looking the address up and writing the email happen after the response,
  // so the answer takes as long for an unknown address as for a known one.
  if (!isBot) {
    const site = siteUrl(request);
    afterResponse(context, () => requestPasswordReset(email, site));
  }
  return { sentTo: email, linkMinutes: RESET_TOKEN_MINUTES };
}

export default function ForgotPassword() {
  const { constraint } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  if (actionData && "sentTo" in actionData) {
    return <Confirmation email={actionData.sentTo} minutes={actionData.linkMinutes} />;
  }
  return <RequestForm lastResult={actionData} constraint={constraint} />;
}

function RequestForm({ lastResult, constraint }: { lastResult?: SubmissionResult; constraint: Constraints }) {
  const [form, fields] = useForm({
    lastResult,
    constraint,
    ...useLazyValidation(() => import("~/domain/members/schemas").then((m) => m.forgotPasswordSchema)),
  });
  return (
    <div className="mx-auto max-w-md">
      <h1 className="text-3xl font-bold">Reset your password</h1>
      <p className="mt-2 text-stone-700">
        It happens to everyone. Tell us the email address you signed up with and we'll send you a link to choose a
        new password.
      </p>
      <Form method="post" {...getFormProps(form)} className="mt-6">
        <FormErrors id={form.errorId} errors={form.errors} />
        <TextField meta={fields.email} label="Email" type="email" autoComplete="email" />
        <Honeypot />
        <SubmitButton className="mt-6 w-full" pendingText="Sending the link…">
          Send me a reset link
        </SubmitButton>
      </Form>
      <p className="mt-6 text-stone-700">
        Remembered it? <Link to="/login">Log in</Link>.
      </p>
    </div>
  );
}

function Confirmation({ email, minutes }: { email: string; minutes: number }) {
  const heading = useRef<HTMLHeadingElement>(null);
  // The form was replaced by this message: move focus here so that keyboard
  // and screen reader users land on it.
  useEffect(() => heading.current?.focus(), []);
  return (
    <section aria-labelledby="sent-title" className="mx-auto max-w-md">
      <h1 id="sent-title" ref={heading} tabIndex={-1} className="text-3xl font-bold focus:outline-none">
        Check your email
      </h1>
      <p className="mt-4 text-lg text-stone-700">
        If an account exists for <strong className="break-all">{email}</strong>, we've sent a link to choose a new
        password. It works once, for the next {minutes} minutes.
      </p>
      <p className="mt-4 text-stone-700">
        Nothing after a few minutes? Check your spam folder, or make sure you used the address you signed up with.
      </p>
      <p className="mt-6">
        <Link to="/forgot-password">Try a different address</Link> · <Link to="/login">Back to log in</Link>
      </p>
    </section>
  );
}

export const meta: MetaFunction = () => [{ title: "Reset your password · CME Commons" }];

export function ErrorBoundary() {
  const error = useRouteError();
  if (isRouteErrorResponse(error) && error.status === 429) {
    const wait = retryMinutes(error);
    return (
      <section aria-labelledby="limit-title" className="mx-auto max-w-md">
        <h1 id="limit-title" className="text-3xl font-bold">
          Please wait a little
        </h1>
        <p className="mt-4 text-lg text-stone-700">
          We've had a lot of reset requests from you or for this address, so we've paused them for a while to keep
          accounts safe. Please try again in {wait}, and check your inbox: an earlier link may already be there (the
          newest one works).
        </p>
        <p className="mt-6">
          <Link to="/login">Back to log in</Link>
        </p>
      </section>
    );
  }
  return <ErrorPage />;
}
