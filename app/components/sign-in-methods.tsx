// Settings → Account: the member's ways to sign in (password, connected
// OpenID Connect providers), with removing and connecting providers. Links to
// providers are plain <a> (a document GET to the start route).
import { Form, Link } from "@remix-run/react";
import { SubmitButton } from "~/components/ui/button";
import { useTimeZone } from "~/utils/time-zone";
import { formatDateIn } from "~/utils/zoned-dates";

export type SignInMethodsView = {
  hasPassword: boolean;
  identities: { id: string; email: string; linkedAt: string | Date; providerSlug: string; providerName: string; removable: boolean }[];
  connectable: { slug: string; displayName: string }[];
};

export function SignInMethods({
  methods,
  problem,
  removeError,
}: {
  methods: SignInMethodsView;
  /** Why connecting or confirming through a provider did not work. */
  problem: string | null;
  removeError: { identityId: string; message: string } | null;
}) {
  const back = encodeURIComponent("/settings/account");
  const timeZone = useTimeZone();
  return (
    <section aria-labelledby="sign-in-title" className="max-w-2xl">
      <h2 id="sign-in-title" className="text-2xl font-semibold">
        How you sign in
      </h2>
      {problem ? (
        <p role="alert" className="mt-3 rounded-md border border-red-300 bg-red-50 p-3 text-red-900">
          {problem}
        </p>
      ) : null}
      <ul className="mt-4 divide-y divide-stone-200 rounded-lg border border-stone-200 bg-white">
        <li className="flex flex-wrap items-center justify-between gap-3 p-4">
          <div>
            <p className="font-medium">Email and password</p>
            <p className="text-sm text-stone-600">{methods.hasPassword ? "Set" : "No password yet"}</p>
          </div>
          <Link to="/settings/password">{methods.hasPassword ? "Change password" : "Set a password"}</Link>
        </li>
        {methods.identities.map((identity) => (
          <li key={identity.id} className="p-4">
            <div className="flex flex-wrap items-center justify-between gap-3">
              <div>
                <p className="font-medium">{identity.providerName}</p>
                <p className="text-sm text-stone-600">
                  {identity.email ? `${identity.email} · ` : ""}connected {formatDateIn(identity.linkedAt, timeZone)}
                </p>
              </div>
              {identity.removable ? (
                <Form method="post">
                  <input type="hidden" name="intent" value="remove-provider" />
                  <input type="hidden" name="identityId" value={identity.id} />
                  <SubmitButton variant="secondary" pendingText="Removing…" aria-label={`Remove ${identity.providerName}`}>
                    Remove
                  </SubmitButton>
                </Form>
              ) : (
                <p className="max-w-xs text-sm text-stone-600">
                  Your only way to sign in: <Link to="/settings/password">set a password</Link> before you remove it.
                </p>
              )}
            </div>
            {removeError?.identityId === identity.id ? (
              <p role="alert" className="mt-2 text-red-800">
                {removeError.message}
              </p>
            ) : null}
          </li>
        ))}
      </ul>
      {methods.connectable.length > 0 ? (
        <div className="mt-4">
          <h3 className="font-semibold">Connect another way to sign in</h3>
          <ul className="mt-2 flex flex-wrap gap-2">
            {methods.connectable.map((provider) => (
              <li key={provider.slug}>
                <a
                  href={`/sso/${provider.slug}/start?purpose=connect&redirectTo=${back}`}
                  className="inline-flex min-h-11 items-center rounded-md border border-stone-400 bg-white px-4 py-2 font-medium text-stone-900 no-underline hover:bg-stone-50"
                >
                  Connect {provider.displayName}
                </a>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}
