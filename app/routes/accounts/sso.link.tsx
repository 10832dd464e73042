// /sso/link — a provider signed someone in with the (verified) address of an
// existing account. Before the two are joined, the account's owner confirms:
// with their password, or with a link we email to the account's address
// (opened in this same browser). Nothing is joined by matching addresses alone.
import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { LinkExpired } from "~/components/link-expired";
import { SubmitButton } from "~/components/ui/button";
import { TextField } from "~/components/ui/field";
import { FormErrors } from "~/components/ui/form-errors";
import { useLazyValidation, type Constraints } from "~/components/ui/lazy-validation";
import { confirmLinkSchema } from "~/domain/sso/schemas";
import {
  clearedPendingCookie,
  confirmLinkWithPassword,
  PENDING_COOKIE,
  pendingLinkUserId,
  readCookie,
  sendLinkEmail,
  viewPendingLink,
} from "~/domain/sso/sign-in.server";
import { requireAnonymous, safeRedirect } from "~/utils/auth.server";
import { formConstraint } from "~/utils/form-constraints.server";
import { siteUrl } from "~/utils/http.server";
import { enforceRateLimits, LIMITS } from "~/utils/rate-limit.server";
import { readForm } from "~/utils/request-body.server";
import { sessionCookie } from "~/utils/session.server";

export { headers } from "~/utils/headers";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAnonymous(request);
  const view = await viewPendingLink(readCookie(request, PENDING_COOKIE));
  if (!view.ok) return data({ gone: true as const }, { status: 410 });
  return { gone: false as const, ...view.value, constraint: formConstraint(confirmLinkSchema) };
}

export async function action({ request }: ActionFunctionArgs) {
  await requireAnonymous(request);
  const token = readCookie(request, PENDING_COOKIE);
  const formData = await readForm(request);
  const intent = formData.get("intent");
  if (intent === "email") {
    const sent = await sendLinkEmail(token, siteUrl(request));
    if (!sent.ok) return data({ gone: true as const }, { status: 410 });
    return { sent: true as const };
  }
  if (intent !== "password") throw new Response("Unknown action", { status: 400 });
  const submission = parseWithZod(formData, { schema: confirmLinkSchema });
  // A wrong or missing password is answered like the login form's (200, with the field's error).
  if (submission.status !== "success") return submission.reply({ hideFields: ["password"] });
  const userId = await pendingLinkUserId(token);
  if (!userId) return data({ gone: true as const }, { status: 410 });
  // Guessing the account's password from here is limited like any password check.
  await enforceRateLimits([LIMITS.passwordCheckPerAccount(userId)]);
  const linked = await confirmLinkWithPassword(token, submission.value.password);
  if (!linked.ok) {
    if (linked.reason === "gone") return data({ gone: true as const }, { status: 410 });
    if (linked.reason === "invalid") return submission.reply({ fieldErrors: linked.fieldErrors, hideFields: ["password"] });
    return data(submission.reply({ formErrors: [linked.message], hideFields: ["password"] }), { status: 409 });
  }
  const headers = new Headers({ "Set-Cookie": clearedPendingCookie() });
  headers.append("Set-Cookie", sessionCookie(linked.value.token, linked.value.expiresAt));
  return redirect(linked.value.onboarded ? safeRedirect(linked.value.redirectTo) : "/welcome", { headers });
}

export default function ConfirmLink() {
  const page = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  if (page.gone || (actionData && "gone" in actionData)) {
    return (
      <LinkExpired
        explanation="A request to connect a sign-in provider to your account lasts 30 minutes and works once. Sign in with your provider again to start over, or log in with your password."
        action={{ to: "/login", label: "Back to log in" }}
      />
    );
  }
  const sent = actionData && "sent" in actionData;
  return (
    <section aria-labelledby="link-title" className="mx-auto max-w-md">
      <h1 id="link-title" className="text-3xl font-bold">
        Connect {page.providerName} to your account
      </h1>
      <p className="mt-4 text-stone-700">
        {page.providerName} signed you in as <strong>{page.email}</strong>, and a CME Commons account already uses that
        address. To keep accounts safe, we connect the two only when the account's owner confirms it.
      </p>
      {page.hasPassword ? (
        <PasswordConfirm
          providerName={page.providerName}
          constraint={page.constraint}
          lastResult={actionData && !("sent" in actionData) && !("gone" in actionData) ? actionData : undefined}
        />
      ) : null}
      <section aria-labelledby="email-confirm-title" className="mt-8">
        <h2 id="email-confirm-title" className="text-xl font-semibold">
          {page.hasPassword ? "Or confirm by email" : "Confirm by email"}
        </h2>
        {sent || page.emailSent ? (
          <p role="status" className="mt-2 rounded-md border border-green-300 bg-green-50 p-3 text-green-900">
            We sent a link to {page.email}. Open it in this browser within 30 minutes to connect {page.providerName}.
          </p>
        ) : (
          <p className="mt-2 text-stone-700">We'll email a link to {page.email}. Open it in this browser to finish.</p>
        )}
        <Form method="post" className="mt-4">
          <input type="hidden" name="intent" value="email" />
          <SubmitButton variant="secondary" className="w-full sm:w-auto" pendingText="Sending…">
            {sent || page.emailSent ? "Send the link again" : "Email me a link"}
          </SubmitButton>
        </Form>
      </section>
    </section>
  );
}

function PasswordConfirm({
  providerName,
  constraint,
  lastResult,
}: {
  providerName: string;
  constraint: Constraints;
  lastResult?: SubmissionResult;
}) {
  const [form, fields] = useForm({
    lastResult,
    constraint,
    ...useLazyValidation(() => import("~/domain/sso/schemas").then((m) => m.confirmLinkSchema)),
  });
  return (
    <Form method="post" {...getFormProps(form)} className="mt-6">
      <h2 className="text-xl font-semibold">Confirm with your password</h2>
      <FormErrors id={form.errorId} errors={form.errors} />
      <input type="hidden" name="intent" value="password" />
      <TextField meta={fields.password} label="Your CME Commons password" type="password" autoComplete="current-password" />
      <SubmitButton className="mt-4 w-full sm:w-auto" pendingText="Connecting…">
        Connect {providerName} and sign in
      </SubmitButton>
    </Form>
  );
}

export const meta: MetaFunction = () => [{ title: "Connect your sign-in provider · CME Commons" }];
