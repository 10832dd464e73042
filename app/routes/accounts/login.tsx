import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { TextField } from "~/components/ui/field";
import { SubmitButton } from "~/components/ui/button";
import { FormErrors } from "~/components/ui/form-errors";
import { useLazyValidation } from "~/components/ui/lazy-validation";
import { logIn } from "~/domain/members/accounts.server";
import { isSsoProblem, ssoProblemMessage } from "~/domain/sso/messages";
import { listSignInProviders } from "~/domain/sso/providers.server";
import { loginSchema } from "~/domain/members/schemas";
import { clientIp, requireAnonymous, safeRedirect } from "~/utils/auth.server";
import { enforceRateLimits, LIMITS, releaseRateLimits } from "~/utils/rate-limit.server";
import { sessionCookie } from "~/utils/session.server";
import { formConstraint } from "~/utils/form-constraints.server";
import { readForm } from "~/utils/request-body.server";

export { headers } from "~/utils/headers";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAnonymous(request);
  const providers = await listSignInProviders();
  // A sign-in through a provider that did not work comes back here with its reason's key.
  const url = new URL(request.url);
  const why = url.searchParams.get("sso");
  const problemProvider = providers.find((p) => p.slug === url.searchParams.get("provider"));
  const ssoProblem = isSsoProblem(why) ? ssoProblemMessage(why, problemProvider?.displayName) : null;
  return { constraint: formConstraint(loginSchema), providers, ssoProblem };
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
  const { constraint, providers, ssoProblem } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const redirectTo = searchParams.get("redirectTo");
  const [form, fields] = useForm({
    lastResult,
    constraint,
    ...useLazyValidation(() => import("~/domain/members/schemas").then((m) => m.loginSchema)),
  });
  return (
    <div className="mx-auto max-w-md">
      <h1 className="text-3xl font-bold">Log in</h1>
      <p className="mt-2 text-stone-700">
        New here? <Link to={`/signup${redirectTo ? `?${new URLSearchParams({ redirectTo })}` : ""}`}>Create an account</Link>.
      </p>
      {ssoProblem ? (
        <p role="alert" className="mt-6 rounded-md border border-red-300 bg-red-50 p-3 text-red-900">
          {ssoProblem}
        </p>
      ) : null}
      {providers.length > 0 ? (
        <section aria-labelledby="sso-title" className="mt-6">
          <h2 id="sso-title" className="sr-only">
            Sign in with your organisation
          </h2>
          <ul className="space-y-2">
            {providers.map((provider) => (
              <li key={provider.slug}>
                {/* A plain link (a document GET): the provider's page is on another origin. */}
                <a
                  href={`/sso/${provider.slug}/start${redirectTo ? `?${new URLSearchParams({ redirectTo })}` : ""}`}
                  className="flex min-h-11 w-full items-center justify-center rounded-md border border-stone-400 bg-white px-4 py-2 font-medium text-stone-900 no-underline hover:bg-stone-50"
                >
                  Sign in with {provider.displayName}
                </a>
              </li>
            ))}
          </ul>
          <p className="mt-6 flex items-center gap-3 text-sm text-stone-600" aria-hidden="true">
            <span className="h-px flex-1 bg-stone-300" />
            or with your email
            <span className="h-px flex-1 bg-stone-300" />
          </p>
        </section>
      ) : null}
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
