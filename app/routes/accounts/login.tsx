import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { TextField } from "~/components/ui/field";
import { SubmitButton } from "~/components/ui/button";
import { FormErrors } from "~/components/ui/form-errors";
import { useLazyValidation } from "~/components/ui/lazy-validation";
import { logIn } from "~/domain/members/accounts.server";
import { loginSchema } from "~/domain/members/schemas";
import { clientIp, requireAnonymous, safeRedirect } from "~/utils/auth.server";
import { enforceRateLimits, LIMITS, releaseRateLimits } from "~/utils/rate-limit.server";
import { sessionCookie } from "~/utils/session.server";
import { formConstraint } from "~/utils/form-constraints.server";
import { readForm } from "~/utils/request-body.server";

export { headers } from "~/utils/headers";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAnonymous(request);
  return { constraint: formConstraint(loginSchema) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  await requireAnonymous(request);
  const formData = await readForm(request);
  const submission = parseWithZod(formData, { schema: loginSchema });
  if (submission.status !== "success") return submission.reply({ hideFields: ["password"] });
  // Failed logins are counted per account and address (an attacker elsewhere
  // cannot lock the owner out) and per account (a ceiling for guessing from
  // many addresses); the attempt counts as a failure until the password proves
  // right (see rate-limit.server.ts).
  const ip = clientIp(context);
  const failures = [LIMITS.loginFailuresPerAccountAndIp(submission.value.email, ip), LIMITS.loginFailuresPerAccount(submission.value.email)];
  const now = new Date();
  await enforceRateLimits([LIMITS.loginPerIp(ip), ...failures], now);
  const result = await logIn(submission.value);
  if (!result.ok) return submission.reply({ fieldErrors: result.fieldErrors, hideFields: ["password"] });
  await releaseRateLimits(failures, now);
  const to = result.value.onboarded ? safeRedirect(submission.value.redirectTo) : "/welcome";
  return redirect(to, { headers: { "Set-Cookie": sessionCookie(result.value.token, result.value.expiresAt) } });
}

export const meta: MetaFunction = () => [{ title: "Log in · CME Commons" }];

export default function Login() {
  const { constraint } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const [form, fields] = useForm({
    lastResult,
    constraint,
    ...useLazyValidation(() => import("~/domain/members/schemas").then((m) => m.loginSchema)),
  });
  return (
    <div className="mx-auto max-w-md">
      <h1 className="text-3xl font-bold">Log in</h1>
      <p className="mt-2 text-stone-700">
        New here? <Link to={`/signup${searchParams.size ? `?${searchParams}` : ""}`}>Create an account</Link>.
      </p>
      <Form method="post" {...getFormProps(form)} className="mt-6">
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? ""} />
        <TextField meta={fields.email} label="Email" type="email" autoComplete="email" />
        <TextField meta={fields.password} label="Password" type="password" autoComplete="current-password" />
        <p className="mt-2 text-sm">
          <Link to="/forgot-password">Forgot your password?</Link>
        </p>
        <SubmitButton className="mt-6 w-full" pendingText="Logging in…">
          Log in
        </SubmitButton>
      </Form>
    </div>
  );
}
