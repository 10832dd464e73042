// /reset-password/:token — the page a reset email links to. A usable link
// shows a form for the new password; an expired or used one says so (410) and
// offers a new link. A successful reset ends every session of the member and
// logs them in here.
import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { SubmitButton } from "~/components/ui/button";
import { TextField } from "~/components/ui/field";
import { FormErrors } from "~/components/ui/form-errors";
import { useLazyValidation, type Constraints } from "~/components/ui/lazy-validation";
import { isResetTokenUsable, resetPassword } from "~/domain/members/accounts.server";
import { PASSWORD_MIN } from "~/domain/members/constants";
import { resetPasswordSchema } from "~/domain/members/schemas";
import { sessionCookie } from "~/utils/session.server";
import { formConstraint } from "~/utils/form-constraints.server";
import { readForm } from "~/utils/request-body.server";
import { LinkExpired } from "~/components/link-expired";

export { headers } from "~/utils/headers";

/** Passwords are never sent back to the browser, not even after a failed submit. */
const HIDDEN_FIELDS = ["password", "confirmPassword"];

export async function loader({ params }: LoaderFunctionArgs) {
  // No GET changes state: this only looks the link up.
  const usable = await isResetTokenUsable(params.token ?? "");
  return data({ usable, constraint: formConstraint(resetPasswordSchema) }, { status: usable ? 200 : 410 });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const formData = await readForm(request);
  const submission = parseWithZod(formData, { schema: resetPasswordSchema });
  if (submission.status !== "success") return submission.reply({ hideFields: HIDDEN_FIELDS });
  const result = await resetPassword(params.token ?? "", submission.value.password);
  if (!result.ok) {
    if (result.reason === "gone") return data({ expired: true as const }, { status: 410 });
    return submission.reply({ fieldErrors: result.fieldErrors, hideFields: HIDDEN_FIELDS });
  }
  return redirect("/home", {
    headers: { "Set-Cookie": sessionCookie(result.value.token, result.value.expiresAt) },
  });
}

export default function ResetPassword() {
  const { usable, constraint } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  if (!usable || (actionData && "expired" in actionData)) return <ExpiredLink />;
  return <NewPasswordForm lastResult={actionData} constraint={constraint} />;
}

function NewPasswordForm({ lastResult, constraint }: { lastResult?: SubmissionResult; constraint: Constraints }) {
  const [form, fields] = useForm({
    lastResult,
    constraint,
    ...useLazyValidation(() => import("~/domain/members/schemas").then((m) => m.resetPasswordSchema)),
  });
  return (
    <div className="mx-auto max-w-md">
      <h1 className="text-3xl font-bold">Choose a new password</h1>
      <p className="mt-2 text-stone-700">
        Once it's saved, you'll be logged in here and logged out on every other device.
      </p>
      <Form method="post" {...getFormProps(form)} className="mt-6">
        <FormErrors id={form.errorId} errors={form.errors} />
        <TextField
          meta={fields.password}
          label="New password"
          type="password"
          autoComplete="new-password"
          description={`At least ${PASSWORD_MIN} characters. A short sentence works well.`}
        />
        <TextField
          meta={fields.confirmPassword}
          label="New password, again"
          type="password"
          autoComplete="new-password"
        />
        <SubmitButton className="mt-6 w-full" pendingText="Saving your password…">
          Save new password
        </SubmitButton>
      </Form>
    </div>
  );
}

function ExpiredLink() {
  return (
    <LinkExpired
      explanation="For your safety, a reset link works only once, and only for an hour after we send it. Ask for a new one and use it within the hour."
      action={{ to: "/forgot-password", label: "Send me a new link" }}
    >
      <p className="mt-4 text-stone-700">
        Already chose a new password? <Link to="/login">Log in</Link>.
      </p>
    </LinkExpired>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.usable === false ? "Link expired · CME Commons" : "Choose a new password · CME Commons" },
];
