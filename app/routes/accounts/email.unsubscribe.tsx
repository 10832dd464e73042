// /email/unsubscribe?token=…: the unsubscribe link in every community email
// (its footer and its List-Unsubscribe header). It works logged out: the
// signed token says whose emails stop. GET only shows the choice; POST acts.
// Mail clients' one-click POST (RFC 8058: the body `List-Unsubscribe=One-Click`,
// no cookies, no CSRF token) unsubscribes too.
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { ErrorPage } from "~/components/error-page";
import { SubmitButton } from "~/components/ui/button";
import { frequencyLabel } from "~/domain/email/constants";
import { applyUnsubscribeToken, findUnsubscribeTarget } from "~/domain/email/unsubscribe.server";
import { readForm } from "~/utils/request-body.server";

export { headers } from "~/utils/headers";

const INTENTS = { unsubscribe: "NONE", weekly: "WEEKLY" } as const;
type Intent = keyof typeof INTENTS;

export async function loader({ request }: LoaderFunctionArgs) {
  const token = new URL(request.url).searchParams.get("token");
  const target = await findUnsubscribeTarget(token);
  if (!target) return data({ ok: false as const }, { status: 400 });
  return { ok: true as const, token: token!, target };
}

export async function action({ request }: ActionFunctionArgs) {
  let form: FormData;
  try {
    form = await readForm(request);
  } catch {
    // A mail client may send an unexpected body: the signed link is what counts.
    form = new FormData();
  }
  const field = (name: string) => {
    const value = form.get(name);
    return typeof value === "string" ? value : null;
  };
  const token = field("token") ?? new URL(request.url).searchParams.get("token");
  const requested = field("List-Unsubscribe") === "One-Click" ? "unsubscribe" : (field("intent") ?? "unsubscribe");
  if (!(requested in INTENTS)) return data({ ok: false as const, problem: "choice" as const }, { status: 400 });
  const intent = requested as Intent;
  const target = await applyUnsubscribeToken(token, INTENTS[intent]);
  if (!target) return data({ ok: false as const, problem: "link" as const }, { status: 400 });
  return { ok: true as const, done: intent, target };
}

export default function Unsubscribe() {
  const loaded = useLoaderData<typeof loader>();
  const acted = useActionData<typeof action>();

  if (acted?.ok) {
    return (
      <Page title={acted.done === "weekly" ? "You'll get a weekly digest instead" : "You're unsubscribed"}>
        <p role="status" className="mt-4 text-lg text-stone-700">
          {acted.done === "weekly"
            ? `${acted.target.displayName} (${acted.target.maskedEmail}) will get one email a week with what's new instead.`
            : `${acted.target.displayName} (${acted.target.maskedEmail}) gets no more emails about community discussions.`}{" "}
          Emails about your account, such as password reset links, still come.
        </p>
        <SettingsLink />
      </Page>
    );
  }
  if (!loaded.ok || (acted && !acted.ok && acted.problem === "link")) return <InvalidLink />;

  const { target, token } = loaded;
  if (target.frequency === "NONE") {
    return (
      <Page title="You're already unsubscribed">
        <p className="mt-4 text-lg text-stone-700">
          {target.displayName} ({target.maskedEmail}) gets no emails about community discussions.
        </p>
        <SettingsLink />
      </Page>
    );
  }
  return (
    <Page title="Unsubscribe from community emails?">
      <p className="mt-4 text-lg text-stone-700">
        This stops emails about discussions for <strong>{target.displayName}</strong> ({target.maskedEmail}). You now get:{" "}
        {frequencyLabel(target.frequency).toLowerCase()}.
      </p>
      {acted && !acted.ok ? (
        <p role="alert" className="mt-4 rounded-md border border-red-300 bg-red-50 p-3 text-red-900">
          Please choose one of the buttons below.
        </p>
      ) : null}
      <Form method="post" className="mt-6">
        <input type="hidden" name="token" value={token} />
        <div className="flex flex-col gap-3 sm:flex-row sm:flex-wrap">
          <SubmitButton name="intent" value="unsubscribe" pendingText="Unsubscribing…">
            Unsubscribe
          </SubmitButton>
          {target.frequency !== "WEEKLY" ? (
            <SubmitButton name="intent" value="weekly" variant="secondary" pendingText="Saving…">
              Get a weekly digest instead
            </SubmitButton>
          ) : null}
        </div>
      </Form>
      <p className="mt-6 text-stone-700">
        Emails about your account, such as password reset links, still come.
      </p>
      <SettingsLink />
    </Page>
  );
}

function Page({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section aria-labelledby="unsubscribe-title" className="max-w-2xl">
      <h1 id="unsubscribe-title" className="text-3xl font-bold">
        {title}
      </h1>
      {children}
    </section>
  );
}

function SettingsLink() {
  return (
    <p className="mt-6">
      <Link to="/settings/email">Choose how often we email you</Link> (you'll need to log in).
    </p>
  );
}

function InvalidLink() {
  return (
    <Page title="This unsubscribe link doesn't work">
      <p className="mt-4 text-lg text-stone-700">
        It may have been cut short or changed when it was copied, or the account it was for no longer exists. Nothing
        was changed.
      </p>
      <p className="mt-4 text-stone-700">
        Open the link from the email again, or log in and choose your email settings.
      </p>
      <SettingsLink />
    </Page>
  );
}

export const meta: MetaFunction = () => [
  { title: "Unsubscribe · CME Commons" },
  { name: "robots", content: "noindex" },
];

export function ErrorBoundary() {
  return <ErrorPage />;
}
