// /settings/password: change the password (the current one is required).
// Every other session of the member ends; this one stays logged in.
import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { SubmitButton } from "~/components/ui/button";
import { TextField } from "~/components/ui/field";
import { FormErrors } from "~/components/ui/form-errors";
import { useLazyValidation, type Constraints } from "~/components/ui/lazy-validation";
import { changePassword, hasPassword, sendSetPasswordLink } from "~/domain/members/accounts.server";
import { siteUrl } from "~/utils/http.server";
import { PASSWORD_MIN } from "~/domain/members/constants";
import { changePasswordSchema } from "~/domain/members/schemas";
import { requireMember } from "~/utils/auth.server";
import { enforceRateLimits, LIMITS } from "~/utils/rate-limit.server";
import { formConstraint } from "~/utils/form-constraints.server";
import { readForm } from "~/utils/request-body.server";
import { redirectWithFlash } from "~/utils/flash.server";

export { headers } from "~/utils/headers";

/** Passwords are never sent back to the browser, not even after a failed submit. */
const HIDDEN_FIELDS = ["currentPassword", "password", "confirmPassword"];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireMember(request);
  return { constraint: formConstraint(changePasswordSchema), hasPassword: await hasPassword(actor) };
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireMember(request);
  const formData = await readForm(request);
  if (formData.get("intent") === "send-link") {
    // A member without a password (single sign-on) sets one through a link to their address, like a reset:
    // a stolen session alone cannot give its holder a password.
    await enforceRateLimits([LIMITS.passwordCheckPerAccount(actor.userId)]);
    const email = await sendSetPasswordLink(actor, siteUrl(request));
    return redirectWithFlash("/settings/password", `We sent a link to ${email}. Follow it to choose your password.`);
  }
  const submission = parseWithZod(formData, { schema: changePasswordSchema });
  if (submission.status !== "success") return submission.reply({ hideFields: HIDDEN_FIELDS });
  // Someone holding a stolen session must not be able to guess the current password.
  await enforceRateLimits([LIMITS.passwordCheckPerAccount(actor.userId)]);
  const result = await changePassword(actor, submission.value);
  if (!result.ok) return submission.reply({ fieldErrors: result.fieldErrors, hideFields: HIDDEN_FIELDS });
  return redirectWithFlash("/settings/password", "Your password was changed. You were logged out everywhere else.");
}

export default function PasswordSettings() {
  const { constraint, hasPassword } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const location = useLocation();
  if (!hasPassword) return <SetPassword />;
  return (
    <section aria-labelledby="password-title" className="max-w-md">
      <h2 id="password-title" className="text-2xl font-semibold">
        Change your password
      </h2>
      <p className="mt-2 text-stone-700">
        You'll stay logged in here. Every other device where you're logged in will be logged out.
      </p>
      {/* A new key after the redirect that follows a change empties the form. */}
      <PasswordForm key={actionData ? "form" : location.key} lastResult={actionData} constraint={constraint} />
      <p className="mt-6 text-sm text-stone-700">
        Forgot your current password? <Link to="/forgot-password">Get a reset link by email</Link> instead.
      </p>
    </section>
  );
}

/** For a member who signs in only through a provider: a password comes by an emailed link. */
function SetPassword() {
  return (
    <section aria-labelledby="password-title" className="max-w-md">
      <h2 id="password-title" className="text-2xl font-semibold">
        Set a password
      </h2>
      <p className="mt-2 text-stone-700">
        You sign in through your organisation's provider and have no CME Commons password. If you want one as well (so
        you can log in with your email when the provider is down), we'll email you a link to choose it.
      </p>
      <Form method="post" className="mt-4">
        <input type="hidden" name="intent" value="send-link" />
        <SubmitButton className="w-full sm:w-auto" pendingText="Sending…">
          Email me a link to set a password
        </SubmitButton>
      </Form>
    </section>
  );
}

function PasswordForm({ lastResult, constraint }: { lastResult?: SubmissionResult; constraint: Constraints }) {
  const [form, fields] = useForm({
    lastResult,
    constraint,
    ...useLazyValidation(() => import("~/domain/members/schemas").then((m) => m.changePasswordSchema)),
  });
  return (
    <Form method="post" {...getFormProps(form)} className="mt-4">
      <FormErrors id={form.errorId} errors={form.errors} />
      <TextField meta={fields.currentPassword} label="Current password" type="password" autoComplete="current-password" />
      <TextField
        meta={fields.password}
        label="New password"
        type="password"
        autoComplete="new-password"
        description={`At least ${PASSWORD_MIN} characters. A short sentence works well.`}
      />
      <TextField meta={fields.confirmPassword} label="New password, again" type="password" autoComplete="new-password" />
      <SubmitButton className="mt-6 w-full sm:w-auto" pendingText="Changing your password…">
        Change password
      </SubmitButton>
    </Form>
  );
}

export const meta: MetaFunction = () => [{ title: "Password · Settings · CME Commons" }];
