// /confirm-email/:token — the page a sign-up email links to. Opening it changes
// nothing (mail scanners open links too): the button confirms the address, uses
// the link up, signs the member in and goes on to the welcome questions (or
// straight to where they were going, if they already answered them). An
// expired or used link says so (410) and offers a new one.
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { SubmitButton } from "~/components/ui/button";
import { confirmEmail, isConfirmationTokenUsable } from "~/domain/members/accounts.server";
import { safeRedirect } from "~/utils/auth.server";
import { sessionCookie } from "~/utils/session.server";
import { LinkExpired } from "~/components/link-expired";

export { headers } from "~/utils/headers";

export async function loader({ params }: LoaderFunctionArgs) {
  const usable = await isConfirmationTokenUsable(params.token ?? "");
  return data({ usable }, { status: usable ? 200 : 410 });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const result = await confirmEmail(params.token ?? "");
  if (!result.ok) return data({ expired: true as const }, { status: 410 });
  const next = safeRedirect(new URL(request.url).searchParams.get("redirectTo"), "");
  const to = result.value.onboarded
    ? next || "/home"
    : next
      ? `/welcome?redirectTo=${encodeURIComponent(next)}`
      : "/welcome";
  return redirect(to, { headers: { "Set-Cookie": sessionCookie(result.value.token, result.value.expiresAt) } });
}

export default function ConfirmEmail() {
  const { usable } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  if (!usable || actionData?.expired) return <ExpiredLink />;
  return (
    <section aria-labelledby="confirm-title" className="mx-auto max-w-md">
      <h1 id="confirm-title" className="text-3xl font-bold">
        Confirm your email address
      </h1>
      <p className="mt-4 text-lg text-stone-700">
        One click and your account is ready: you'll be logged in here and can join in the discussions, statements and
        associations.
      </p>
      <Form method="post" action={`?${searchParams}`} className="mt-6">
        <SubmitButton className="w-full" pendingText="Confirming…">
          Confirm and continue
        </SubmitButton>
      </Form>
    </section>
  );
}

function ExpiredLink() {
  return (
    <LinkExpired
      explanation="A confirmation link works once, and only for a day after we send it. Log in and we'll send you a new one; if you already confirmed your address, just log in."
      action={{ to: "/login?redirectTo=%2Fconfirm-email", label: "Log in" }}
    />
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.usable === false ? "Link expired · CME Commons" : "Confirm your email address · CME Commons" },
  { name: "robots", content: "noindex" },
];
