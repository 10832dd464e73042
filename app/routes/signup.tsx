import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { Honeypot, TextField } from "~/components/ui/field";
import { SubmitButton } from "~/components/ui/button";
import { FormErrors } from "~/components/ui/form-errors";
import { useLazyValidation } from "~/components/ui/lazy-validation";
import { signUp } from "~/domain/members/accounts.server";
import { PASSWORD_MIN } from "~/domain/members/constants";
import { signupSchema } from "~/domain/members/schemas";
import { clientIp, requireAnonymous, safeRedirect } from "~/utils/auth.server";
import { enforceRateLimits, LIMITS } from "~/utils/rate-limit.server";
import { sessionCookie } from "~/utils/session.server";
import { formConstraint } from "~/utils/form-constraints.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAnonymous(request);
  return { constraint: formConstraint(signupSchema) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  await requireAnonymous(request);
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: signupSchema });
  if (submission.status !== "success") return submission.reply({ hideFields: ["password"] });
  await enforceRateLimits([LIMITS.signupPerIp(clientIp(context))]);
  const result = await signUp(submission.value);
  if (!result.ok) return submission.reply({ fieldErrors: result.fieldErrors, hideFields: ["password"] });
  const next = safeRedirect(submission.value.redirectTo, "");
  return redirect(next ? `/welcome?redirectTo=${encodeURIComponent(next)}` : "/welcome", {
    headers: { "Set-Cookie": sessionCookie(result.value.token, result.value.expiresAt) },
  });
}

export const meta: MetaFunction = () => [{ title: "Create your account · CME Commons" }];

export default function Signup() {
  const { constraint } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
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
