// /settings/account: download your data (JSON and a readable HTML copy); how
// the member signs in (password, connected providers; removing one,
// connecting another); and deleting the account. The password and a ticked
// box confirm deletion; a member without a password confirms by signing in
// with their provider again. Personal data goes, community posts stay under
// "former member".
import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTimeZone } from "~/utils/time-zone";
import { formatTimeIn } from "~/utils/zoned-dates";
import { SignInMethods } from "~/components/sign-in-methods";
import { isSsoProblem, ssoProblemMessage } from "~/domain/sso/messages";
import { listSignInMethods, removeIdentity } from "~/domain/sso/sign-in.server";
import { buttonClassName, SubmitButton } from "~/components/ui/button";
import { FieldErrors, TextField } from "~/components/ui/field";
import { FormErrors } from "~/components/ui/form-errors";
import { useLazyValidation } from "~/components/ui/lazy-validation";
import { deleteAccount } from "~/domain/members/accounts.server";
import { deleteAccountSchema } from "~/domain/members/schemas";
import { requireMember } from "~/utils/auth.server";
import { enforceRateLimits, LIMITS } from "~/utils/rate-limit.server";
import { clearedSessionCookie } from "~/utils/session.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { formConstraint } from "~/utils/form-constraints.server";
import { readForm } from "~/utils/request-body.server";

export { headers } from "~/utils/headers";

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireMember(request);
  const signIn = await listSignInMethods(actor);
  // Connecting a provider, or confirming through one, that did not work comes back here with its reason's key.
  const url = new URL(request.url);
  const why = url.searchParams.get("sso");
  const named = [...signIn.identities.map((i) => ({ slug: i.providerSlug, name: i.providerName })), ...signIn.connectable.map((p) => ({ slug: p.slug, name: p.displayName }))];
  const providerName = named.find((p) => p.slug === url.searchParams.get("provider"))?.name;
  return {
    constraint: formConstraint(deleteAccountSchema),
    signIn,
    ssoProblem: isSsoProblem(why) ? ssoProblemMessage(why, providerName) : null,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireMember(request);
  const formData = await readForm(request);
  if (formData.get("intent") === "remove-provider") {
    const identityId = String(formData.get("identityId") ?? "");
    const removed = await removeIdentity(actor, identityId);
    if (!removed.ok) return data({ removeError: { identityId, message: removed.message } }, { status: removed.reason === "not-found" ? 404 : 409 });
    return redirectWithFlash("/settings/account", `${removed.value.providerName} was removed from your sign-in methods.`);
  }
  const submission = parseWithZod(formData, { schema: deleteAccountSchema });
  if (submission.status !== "success") return submission.reply({ hideFields: ["password"] });
  // Someone holding a stolen session must not be able to guess the password.
  await enforceRateLimits([LIMITS.passwordCheckPerAccount(actor.userId)]);
  const result = await deleteAccount(actor, submission.value.password);
  if (!result.ok) {
    if (result.reason === "invalid") return submission.reply({ fieldErrors: result.fieldErrors, hideFields: ["password"] });
    // No password, and no recent confirmation through a provider.
    return data(submission.reply({ formErrors: [result.message], hideFields: ["password"] }), { status: 403 });
  }
  return redirectWithFlash("/", "Your account and your personal data have been deleted. Thank you for being part of CME Commons.", {
    headers: { "Set-Cookie": clearedSessionCookie() },
  });
}

/** Download everything the site holds about you: its own section, separate from deleting the account. */
function YourData() {
  return (
    <section aria-labelledby="data-title" className="mb-10 max-w-2xl">
      <h2 id="data-title" className="text-2xl font-semibold">
        Your data
      </h2>
      <p className="mt-2 text-stone-700">
        Download everything CME Commons holds about you: your account, email settings and ways of signing in, profile,
        memberships, assessments and ratings, pathways, plans, goals and commitments, your CHCP log, posts, statements,
        signals and endorsements, mentoring and its conversations, and notifications. The JSON file is for other
        programs; the HTML copy opens in any browser.
      </p>
      <ul className="mt-4 flex flex-col gap-3 sm:flex-row">
        <li>
          <a href="/settings/account/data.json" download className={buttonClassName("secondary", "w-full no-underline sm:w-auto")}>
            Download as JSON
          </a>
        </li>
        <li>
          <a href="/settings/account/data.html" download className={buttonClassName("secondary", "w-full no-underline sm:w-auto")}>
            Download a readable copy (HTML)
          </a>
        </li>
      </ul>
    </section>
  );
}

export default function AccountSettings() {
  const { signIn, ssoProblem } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <div className="space-y-12">
      <YourData />
      <SignInMethods
        methods={signIn}
        problem={ssoProblem}
        removeError={actionData && "removeError" in actionData ? actionData.removeError : null}
      />
      <DeleteAccount />
    </div>
  );
}

function DeleteAccount() {
  const { constraint, signIn } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const lastResult = actionData && !("removeError" in actionData) ? actionData : undefined;
  const [form, fields] = useForm({
    lastResult,
    constraint,
    ...useLazyValidation(() => import("~/domain/members/schemas").then((m) => m.deleteAccountSchema)),
  });
  return (
    <section aria-labelledby="delete-title" className="max-w-2xl">
      <h2 id="delete-title" className="text-2xl font-semibold">
        Delete your account
      </h2>
      <p className="mt-2 text-stone-700">
        We're sorry to see you go. Deleting your account is immediate and can't be undone.
      </p>

      <div className="mt-6 grid gap-4 sm:grid-cols-2">
        <div className="rounded-lg border border-stone-200 bg-white p-4">
          <h3 className="font-semibold">What we delete</h3>
          <ul className="mt-2 list-disc space-y-1 pl-5 text-stone-800">
            <li>Your account: your email address and password</li>
            <li>Your profile: your name, handle, professional details and bio</li>
            <li>Every session: you'll be logged out on all your devices</li>
            <li>
              Your assessments, plans, pathway progress, memberships, signals, endorsements and notifications, ratings you
              gave others, and every copy of the emails we sent you
            </li>
          </ul>
        </div>
        <div className="rounded-lg border border-stone-200 bg-white p-4">
          <h3 className="font-semibold">What stays</h3>
          <p className="mt-2 text-stone-800">
            Posts and replies you wrote in discussions, and the statements you proposed or wrote versions of, stay, so
            that conversations still make sense. They no longer show your name: they appear as written by a "former
            member".
          </p>
        </div>
      </div>

      <Form method="post" {...getFormProps(form)} className="mt-6 max-w-md">
        <FormErrors id={form.errorId} errors={form.errors} />
        {signIn.hasPassword ? (
          <TextField meta={fields.password} label="Your password" type="password" autoComplete="current-password" />
        ) : (
          <ReauthenticateFirst signIn={signIn} />
        )}
        <div className="mt-4">
          <div className="flex items-start gap-3">
            <input
              {...getInputProps(fields.confirm, { type: "checkbox", value: "on" })}
              key={fields.confirm.key}
              className="mt-1 h-5 w-5 shrink-0 accent-red-700"
            />
            <label htmlFor={fields.confirm.id} className="font-medium">
              I understand that my account and profile will be deleted for good
            </label>
          </div>
          <FieldErrors id={fields.confirm.errorId} errors={fields.confirm.errors} />
        </div>
        <SubmitButton variant="danger" className="mt-6 w-full sm:w-auto" pendingText="Deleting your account…">
          Delete my account
        </SubmitButton>
      </Form>
    </section>
  );
}

/** A member without a password confirms it's them through a provider they connected, then deletes within 10 minutes. */
function ReauthenticateFirst({ signIn }: { signIn: ReturnType<typeof useLoaderData<typeof loader>>["signIn"] }) {
  const timeZone = useTimeZone();
  if (signIn.reauthenticatedUntil) {
    return (
      <p className="rounded-md border border-green-300 bg-green-50 p-3 text-green-900">
        You confirmed it's you. You can delete your account until {formatTime(signIn.reauthenticatedUntil, timeZone)}.
      </p>
    );
  }
  const back = encodeURIComponent("/settings/account#delete-title");
  return (
    <div className="rounded-md border border-stone-200 bg-white p-4">
      <p>You have no password, so first confirm it's you by signing in again:</p>
      <ul className="mt-2 flex flex-wrap gap-2">
        {signIn.identities.map((identity) => (
          <li key={identity.id}>
            <a
              href={`/sso/${identity.providerSlug}/start?purpose=reauth&redirectTo=${back}`}
              className="inline-flex min-h-11 items-center rounded-md border border-stone-400 bg-white px-4 py-2 font-medium text-stone-900 no-underline hover:bg-stone-50"
            >
              Confirm with {identity.providerName}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** "14:05" on the reader's clock ("14:05 UTC" when they read in UTC). */
function formatTime(value: string | Date, timeZone: string): string {
  return formatTimeIn(value, timeZone) + (timeZone === "UTC" ? " UTC" : "");
}

export const meta: MetaFunction = () => [{ title: "Account · Settings · CME Commons" }];
