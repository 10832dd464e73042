// /confirm-email — for a member whose address is not confirmed yet: what that
// means, and a button that emails a new confirmation link (limited per member).
// Confirmed members are sent home.
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { SubmitButton } from "~/components/ui/button";
import { getEmailConfirmation, resendConfirmation } from "~/domain/members/accounts.server";
import { CONFIRMATION_LINK_HOURS, UNCONFIRMED_ACCOUNT_DAYS } from "~/domain/members/constants";
import { requireMember } from "~/utils/auth.server";
import { siteUrl } from "~/utils/http.server";
import { enforceRateLimits, LIMITS } from "~/utils/rate-limit.server";

export { headers } from "~/utils/headers";

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireMember(request);
  const state = await getEmailConfirmation(actor);
  if (!state || state.confirmed) throw redirect("/home");
  return { email: state.email, hours: CONFIRMATION_LINK_HOURS, days: UNCONFIRMED_ACCOUNT_DAYS };
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireMember(request);
  await enforceRateLimits([LIMITS.confirmationPerUser(actor.userId)]);
  const { sent } = await resendConfirmation(actor, siteUrl(request));
  if (!sent) throw redirect("/home");
  return data({ sent: true });
}

export default function ConfirmEmailAgain() {
  const { email, hours, days } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <section aria-labelledby="confirm-title" className="mx-auto max-w-md">
      <h1 id="confirm-title" className="text-3xl font-bold">
        Confirm your email address
      </h1>
      <p className="mt-4 text-lg text-stone-700">
        When you signed up we emailed a link to <strong className="break-all">{email}</strong>. Follow it to confirm
        that the address is yours. Until then you can read everything members can, but not post, join associations or
        invite anyone; an account that is not confirmed within {days} days of signing up is deleted.
      </p>
      {actionData?.sent ? (
        <p role="status" className="mt-6 rounded-md border border-brand-200 bg-brand-50 p-4 text-stone-800">
          We've sent a new link to {email}. It works once, for the next {hours} hours; earlier links no longer work.
        </p>
      ) : null}
      <Form method="post" className="mt-6">
        <SubmitButton className="w-full" variant={actionData?.sent ? "secondary" : "primary"} pendingText="Sending…">
          {actionData?.sent ? "Send it again" : "Send me a new link"}
        </SubmitButton>
      </Form>
      <p className="mt-4 text-sm text-stone-700">
        Wrong address? Log out and sign up again with the right one: this account will then be deleted on its own.
      </p>
    </section>
  );
}

export const meta: MetaFunction = () => [{ title: "Confirm your email address · CME Commons" }];
