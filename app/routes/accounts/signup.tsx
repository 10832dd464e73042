// /signup: creates an account whose address is confirmed by email. The answer
// is "check your email" for every address: a new one gets a confirmation link,
// a taken one nothing new (its owner gets an email saying someone tried). The
// lookup, the password hash and the email happen after the response, so the
// answer is the same in body, headers and time either way.
import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { TextField } from "~/components/ui/field";
import { Honeypot } from "~/components/ui/choice-fields";
import { SubmitButton } from "~/components/ui/button";
import { FormErrors } from "~/components/ui/form-errors";
import { useLazyValidation, type Constraints } from "~/components/ui/lazy-validation";
import { checkSignUp, signUp } from "~/domain/members/accounts.server";
import { CONFIRMATION_LINK_HOURS, PASSWORD_MIN } from "~/domain/members/constants";
import { signupSchema } from "~/domain/members/schemas";
import { afterResponse } from "~/utils/after-response.server";
import { clientIp, requireAnonymous, safeRedirect } from "~/utils/auth.server";
import { siteUrl } from "~/utils/http.server";
import { enforceRateLimits, LIMITS } from "~/utils/rate-limit.server";
import { formConstraint } from "~/utils/form-constraints.server";
import { readForm } from "~/utils/request-body.server";

export { headers } from "~/utils/headers";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAnonymous(request);
  return { constraint: formConstraint(signupSchema) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  await requireAnonymous(request);
  const formData = await readForm(request);
  const submission = parseWithZod(formData, { schema: signupSchema });
  if (submission.status !== "success") return submission.reply({ hideFields: ["password"] });
  const { email, password, displayName, redirectTo } = submission.value;
  // A commonly used password is refused here: that says nothing about the address.
  const checked = checkSignUp({ password });
  if (!checked.ok) return submission.reply({ fieldErrors: checked.fieldErrors, hideFields: ["password"] });
  // Per typed address too: each sign-up emails it. Counted whether or not it is taken.
  await enforceRateLimits([LIMITS.signupPerIp(clientIp(context)), LIMITS.signupPerAccount(email)]);
  const links = { siteUrl: siteUrl(request), redirectTo: safeRedirect(redirectTo, "") || null };
  afterResponse(context, () => signUp({ email, password, displayName }, links));
  return { sentTo: email, linkHours: CONFIRMATION_LINK_HOURS };
}

export const meta: MetaFunction = () => [{ title: "Create your account · CME Commons" }];

export default function Signup() {
  const { constraint } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  if (actionData && "sentTo" in actionData) return <CheckYourEmail email={actionData.sentTo} hours={actionData.linkHours} />;
  return <SignupForm lastResult={actionData} constraint={constraint} />;
}

function CheckYourEmail({ email, hours }: { email: string; hours: number }) {
  const [searchParams] = useSearchParams();
  const query = searchParams.size ? `?${searchParams}` : "";
  const heading = useRef<HTMLHeadingElement>(null);
  // The form was replaced by this message: move focus here for keyboard and screen reader users.
  useEffect(() => heading.current?.focus(), []);
  return (
    <section aria-labelledby="check-title" className="mx-auto max-w-md">
      <h1 id="check-title" ref={heading} tabIndex={-1} className="text-3xl font-bold focus:outline-none">
        Check your email to continue
      </h1>
      <p className="mt-4 text-lg text-stone-700">
        We've sent a message to <strong className="break-all">{email}</strong>. Follow the link in it to confirm your
        address and finish creating your account. The link works once, for the next {hours} hours.
      </p>
      <p className="mt-4 text-stone-700">
        Nothing after a few minutes? Check your spam folder, or make sure the address is right.
      </p>
      <p className="mt-6">
        <Link to={`/signup${query}`}>Use a different address</Link> · <Link to={`/login${query}`}>Log in</Link>
      </p>
    </section>
  );
}

function SignupForm({ lastResult, constraint }: { lastResult?: SubmissionResult; constraint: Constraints }) {
  const [searchParams] = useSearchParams();
  const [form, fields] = useForm({
    lastResult,
    constraint,
    ...useLazyValidation(() => import("~/domain/members/schemas").then((m) => m.signupSchema)),
  });
  return (
    <div className="mx-auto max-w-md">
      <h1 className="text-3xl font-bold">Create your account</h1>
      <p className="mt-2 text-stone-700">
        Join the people who plan, accredit and measure education for clinicians. Already a member?{" "}
        <Link to={`/login${searchParams.size ? `?${searchParams}` : ""}`}>Log in</Link>.
      </p>
      <Form method="post" {...getFormProps(form)} className="mt-6">
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? ""} />
        <TextField meta={fields.displayName} label="Your name" description="Shown to other members." autoComplete="name" />
        <TextField meta={fields.email} label="Email" type="email" autoComplete="email" description="Never shown to anyone." />
        <TextField
          meta={fields.password}
          label="Password"
          type="password"
          autoComplete="new-password"
          description={`At least ${PASSWORD_MIN} characters. A short sentence works well.`}
        />
        <Honeypot />
        <SubmitButton className="mt-6 w-full" pendingText="Creating your account…">
          Create account
        </SubmitButton>
      </Form>
    </div>
  );
}
