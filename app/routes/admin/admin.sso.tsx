// /admin/sso — site administrators add and remove the OpenID Connect providers
// members may sign in with. Client secrets are stored encrypted with
// SSO_ENCRYPTION_KEY; without it the page says single sign-on is off.
import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { ErrorPage } from "~/components/error-page";
import { SubmitButton } from "~/components/ui/button";
import { TextField } from "~/components/ui/field";
import { FormErrors } from "~/components/ui/form-errors";
import { useLazyValidation, type Constraints } from "~/components/ui/lazy-validation";
import { createProvider, listProvidersForAdmin, removeProvider, ssoKeyState } from "~/domain/sso/providers.server";
import { providerSchema, removeProviderSchema } from "~/domain/sso/schemas";
import { callbackPath } from "~/domain/sso/sign-in.server";
import { requireAdmin } from "~/utils/auth.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { formConstraint } from "~/utils/form-constraints.server";
import { badRequest, failureInit, siteUrl } from "~/utils/http.server";
import { readForm } from "~/utils/request-body.server";

export { headers } from "~/utils/headers";

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireAdmin(request);
  const providers = await listProvidersForAdmin(actor);
  const origin = siteUrl(request);
  return {
    keyState: ssoKeyState(),
    providers: providers.map((p) => ({
      id: p.id,
      displayName: p.displayName,
      issuerUrl: p.issuerUrl,
      clientId: p.clientId,
      association: p.association,
      members: p.members,
      callbackUrl: origin + callbackPath(p.slug),
    })),
    callbackPattern: origin + callbackPath("<name>"),
    constraint: formConstraint(providerSchema),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireAdmin(request);
  const formData = await readForm(request);
  const intent = formData.get("intent");
  if (intent === "remove") {
    const submission = parseWithZod(formData, { schema: removeProviderSchema });
    if (submission.status !== "success") throw badRequest("Which provider?");
    const result = await removeProvider(actor, submission.value.providerId);
    if (!result.ok) return data({ intent: "remove" as const, providerId: submission.value.providerId, message: result.message }, failureInit(result));
    return redirectWithFlash("/admin/sso", `${result.value.displayName} was removed. Members can no longer sign in with it.`);
  }
  if (intent !== "add") throw badRequest("Unknown action");
  const submission = parseWithZod(formData, { schema: providerSchema });
  if (submission.status !== "success") return data({ intent: "add" as const, reply: submission.reply({ hideFields: ["clientSecret"] }) }, { status: 400 });
  const result = await createProvider(actor, submission.value);
  if (!result.ok) {
    return data(
      { intent: "add" as const, reply: submission.reply({ fieldErrors: result.fieldErrors ?? { "": [result.message] }, hideFields: ["clientSecret"] }) },
      failureInit(result),
    );
  }
  return redirectWithFlash("/admin/sso", `${submission.value.displayName} was added. Its button is on the login page.`);
}

export default function SsoAdmin() {
  const page = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const location = useLocation();
  const ready = page.keyState === "ready";
  return (
    <div className="max-w-3xl">
      <p>
        <Link to="/admin">← Administration</Link>
      </p>
      <h1 className="mt-3 text-3xl font-bold">Single sign-on</h1>
      <p className="mt-2 text-stone-700">
        Let members sign in with their organisation's account through OpenID Connect. Someone signing in for the first
        time gets an account (and joins the association you tie the provider to); someone whose address already has an
        account must confirm with their password or an emailed link before the two are connected.
      </p>
      {!ready ? (
        <div role="alert" className="mt-6 rounded-md border border-amber-300 bg-amber-50 p-4 text-amber-950">
          <h2 className="font-semibold">Single sign-on is off</h2>
          <p className="mt-1">
            {page.keyState === "unset"
              ? "The server has no SSO_ENCRYPTION_KEY, the key that encrypts client secrets."
              : "The server's SSO_ENCRYPTION_KEY is not 32 bytes in base64 or hex."}{" "}
            Set it (for example to the output of <code>openssl rand -base64 32</code>) and restart. Until then the login
            page shows no provider buttons and none can be added.
          </p>
        </div>
      ) : null}

      <section aria-labelledby="providers-title" className="mt-8">
        <h2 id="providers-title" className="text-2xl font-semibold">
          Providers
        </h2>
        {page.providers.length === 0 ? (
          <p className="mt-2 text-stone-700">No providers yet.</p>
        ) : (
          <ul className="mt-4 space-y-4">
            {page.providers.map((provider) => {
              const problem = actionData?.intent === "remove" && actionData.providerId === provider.id ? actionData.message : null;
              return (
                <li key={provider.id} className="rounded-lg border border-stone-200 bg-white p-4 shadow-sm">
                  <h3 className="text-lg font-semibold">{provider.displayName}</h3>
                  <dl className="mt-2 grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[auto_1fr]">
                    <dt className="font-medium text-stone-600">Issuer</dt>
                    <dd className="break-all">{provider.issuerUrl}</dd>
                    <dt className="font-medium text-stone-600">Client ID</dt>
                    <dd className="break-all">{provider.clientId}</dd>
                    <dt className="font-medium text-stone-600">Redirect URI</dt>
                    <dd className="break-all">
                      <code>{provider.callbackUrl}</code>
                    </dd>
                    <dt className="font-medium text-stone-600">Association</dt>
                    <dd>
                      {provider.association ? (
                        <Link to={`/associations/${provider.association.slug}`}>{provider.association.name}</Link>
                      ) : (
                        "None"
                      )}
                    </dd>
                    <dt className="font-medium text-stone-600">Members connected</dt>
                    <dd>{provider.members}</dd>
                  </dl>
                  {problem ? (
                    <p role="alert" className="mt-3 text-red-800">
                      {problem}
                    </p>
                  ) : null}
                  <Form method="post" className="mt-3">
                    <input type="hidden" name="intent" value="remove" />
                    <input type="hidden" name="providerId" value={provider.id} />
                    <SubmitButton variant="danger" pendingText="Removing…" aria-label={`Remove ${provider.displayName}`}>
                      Remove
                    </SubmitButton>
                  </Form>
                </li>
              );
            })}
          </ul>
        )}
      </section>

      {ready ? (
        <AddProvider
          // A new key after the redirect that follows an addition empties the form.
          key={actionData ? "form" : location.key}
          constraint={page.constraint}
          callbackPattern={page.callbackPattern}
          lastResult={actionData?.intent === "add" ? actionData.reply : undefined}
        />
      ) : null}
    </div>
  );
}

function AddProvider({ constraint, callbackPattern, lastResult }: { constraint: Constraints; callbackPattern: string; lastResult?: SubmissionResult }) {
  const [form, fields] = useForm({
    lastResult,
    constraint,
    ...useLazyValidation(() => import("~/domain/sso/schemas").then((m) => m.providerSchema)),
  });
  return (
    <section aria-labelledby="add-title" className="mt-10">
      <h2 id="add-title" className="text-2xl font-semibold">
        Add a provider
      </h2>
      <p className="mt-2 text-stone-700">
        Register CME Commons with the provider first, as a confidential web client using the authorization code flow,
        with the redirect URI <code className="break-all">{callbackPattern}</code> (the exact address appears here once
        the provider is added; &lt;name&gt; is made from its display name).
      </p>
      <Form method="post" {...getFormProps(form)} className="mt-4 max-w-xl">
        <input type="hidden" name="intent" value="add" />
        <FormErrors id={form.errorId} errors={form.errors} />
        <TextField meta={fields.displayName} label="Display name" description='Members see "Sign in with" and this name.' />
        <TextField
          meta={fields.issuerUrl}
          label="Issuer URL"
          type="url"
          description="The provider's address; its settings are read from /.well-known/openid-configuration under it."
        />
        <TextField meta={fields.clientId} label="Client ID" autoComplete="off" />
        <TextField meta={fields.clientSecret} label="Client secret" type="password" autoComplete="off" description="Stored encrypted." />
        <TextField
          meta={fields.associationSlug}
          label="Association (optional)"
          description="The association's address, as in /associations/<address>. People who sign in this way join it."
        />
        <SubmitButton className="mt-6 w-full sm:w-auto" pendingText="Checking the provider…">
          Add provider
        </SubmitButton>
      </Form>
    </section>
  );
}

export const meta: MetaFunction = () => [{ title: "Single sign-on · Administration · CME Commons" }];

export function ErrorBoundary() {
  return <ErrorPage />;
}
