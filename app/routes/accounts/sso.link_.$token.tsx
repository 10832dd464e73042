// /sso/link/:token — the emailed link that confirms connecting a provider to
// an existing account. Opening it changes nothing (mail scanners open links);
// the button does, and only in the browser that signed in with the provider.
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { LinkExpired } from "~/components/link-expired";
import { SubmitButton } from "~/components/ui/button";
import { clearedPendingCookie, confirmLinkByEmail, PENDING_COOKIE, readCookie } from "~/domain/sso/sign-in.server";
import { requireAnonymous, safeRedirect } from "~/utils/auth.server";
import { sessionCookie } from "~/utils/session.server";

export { headers } from "~/utils/headers";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAnonymous(request);
  return null;
}

export async function action({ request, params }: ActionFunctionArgs) {
  await requireAnonymous(request);
  const result = await confirmLinkByEmail(params.token ?? "", readCookie(request, PENDING_COOKIE));
  if (!result.ok) {
    return data({ problem: result.why === "other-browser" ? ("other-browser" as const) : ("gone" as const), message: result.message }, {
      status: result.why === "other-browser" ? 403 : result.reason === "conflict" ? 409 : 410,
    });
  }
  const headers = new Headers({ "Set-Cookie": clearedPendingCookie() });
  headers.append("Set-Cookie", sessionCookie(result.value.token, result.value.expiresAt));
  return redirect(result.value.onboarded ? safeRedirect(result.value.redirectTo) : "/welcome", { headers });
}

export default function ConfirmLinkByEmail() {
  const actionData = useActionData<typeof action>();
  if (actionData?.problem === "gone") {
    return <LinkExpired explanation={actionData.message} action={{ to: "/login", label: "Back to log in" }} />;
  }
  return (
    <section aria-labelledby="link-title" className="mx-auto max-w-md">
      <h1 id="link-title" className="text-3xl font-bold">
        Connect your sign-in provider
      </h1>
      {actionData?.problem === "other-browser" ? (
        <p role="alert" className="mt-4 rounded-md border border-red-300 bg-red-50 p-3 text-red-900">
          {actionData.message}
        </p>
      ) : null}
      <p className="mt-4 text-lg text-stone-700">
        One click connects it to your CME Commons account and signs you in. From then on you can sign in with it.
      </p>
      <Form method="post" className="mt-6">
        <SubmitButton className="w-full" pendingText="Connecting…">
          Connect and sign in
        </SubmitButton>
      </Form>
    </section>
  );
}

export const meta: MetaFunction = () => [{ title: "Connect your sign-in provider · CME Commons" }];
