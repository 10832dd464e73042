// /settings/email: how often the community may email the member: no email,
// an email for each mention and reply, or a daily or weekly digest; and
// whether the owners of the member's associations may see their address.
import { getCollectionProps, getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { SubmitButton } from "~/components/ui/button";
import { FieldErrors } from "~/components/ui/field";
import { FormErrors } from "~/components/ui/form-errors";
import { useLazyValidation } from "~/components/ui/lazy-validation";
import {
  getEmailFrequency,
  getEmailVisibleToOwners,
  setEmailFrequency,
  setEmailVisibleToOwners,
} from "~/domain/email/preferences.server";
import { EMAIL_FREQUENCY_OPTIONS } from "~/domain/email/constants";
import { emailPreferencesSchema } from "~/domain/email/schemas";
import { requireMember } from "~/utils/auth.server";
import { notFound } from "~/utils/http.server";
import { formConstraint } from "~/utils/form-constraints.server";
import { readForm } from "~/utils/request-body.server";
import { redirectWithFlash } from "~/utils/flash.server";

export { headers } from "~/utils/headers";

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireMember(request);
  const [frequency, visibleToOwners] = await Promise.all([getEmailFrequency(actor.userId), getEmailVisibleToOwners(actor.userId)]);
  if (!frequency) throw notFound();
  return {
    frequency,
    visibleToOwners: visibleToOwners === true,
    constraint: formConstraint(emailPreferencesSchema),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireMember(request);
  const form = await readForm(request);
  if (form.get("intent") === "owners") {
    const visible = form.get("visibleToOwners") === "on";
    if (!(await setEmailVisibleToOwners(actor.userId, visible))) throw notFound();
    return redirectWithFlash(
      "/settings/email",
      visible ? "Saved. The owners of your associations can now see your email address." : "Saved. Your email address is hidden from associations' owners.",
    );
  }
  const submission = parseWithZod(form, { schema: emailPreferencesSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const saved = await setEmailFrequency(actor.userId, submission.value.frequency);
  if (!saved) throw notFound();
  return redirectWithFlash("/settings/email", "Saved. From now on we'll email you as you chose.");
}

export default function EmailSettings() {
  const { frequency, visibleToOwners, constraint } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm({
    lastResult,
    defaultValue: { frequency },
    constraint,
    ...useLazyValidation(() => import("~/domain/email/schemas").then((m) => m.emailPreferencesSchema)),
  });
  return (
    <section aria-labelledby="email-title" className="max-w-2xl">
      <h2 id="email-title" className="text-2xl font-semibold">
        Email
      </h2>
      <p className="mt-2 text-stone-700">
        Choose how you hear about discussions in your associations and in the threads and categories you watch. Every
        community email has a link to unsubscribe in one click.
      </p>

      <Form method="post" {...getFormProps(form)} className="mt-4">
        <FormErrors id={form.errorId} errors={form.errors} />
        <fieldset aria-describedby={fields.frequency.errorId}>
          <legend className="font-medium">How often may we email you?</legend>
          <ul className="mt-2 space-y-3">
            {getCollectionProps(fields.frequency, {
              type: "radio",
              options: EMAIL_FREQUENCY_OPTIONS.map((option) => option.value),
            }).map(({ key, ...props }, index) => {
              const option = EMAIL_FREQUENCY_OPTIONS[index]!;
              return (
                <li key={key} className="flex items-start gap-3 rounded-lg border border-stone-200 bg-white p-3">
                  <input {...props} className="mt-1 h-4 w-4 shrink-0 accent-brand-700" />
                  <label htmlFor={props.id} className="min-w-0">
                    <span className="font-medium">{option.label}</span>
                    <span className="block text-sm text-stone-600">
                      {option.description}
                    </span>
                  </label>
                </li>
              );
            })}
          </ul>
          <FieldErrors id={fields.frequency.errorId} errors={fields.frequency.errors} />
        </fieldset>
        <SubmitButton className="mt-6 w-full sm:w-auto" pendingText="Saving…">
          Save email settings
        </SubmitButton>
      </Form>
      <p className="mt-6 text-sm text-stone-700">
        Emails about your account, such as password reset links, are always sent.
      </p>

      <section aria-labelledby="owners-title" className="mt-8 border-t border-stone-200 pt-6">
        <h3 id="owners-title" className="text-xl font-semibold">
          Your address and your associations
        </h3>
        <p className="mt-2 text-stone-700">
          Nobody else sees your email address unless you allow it. Associations' owners may want it to keep their own
          member records up to date: if you allow it, it appears in the member list the owners of your associations
          download.
        </p>
        <Form method="post" className="mt-4">
          <div className="flex items-start gap-3">
            <input
              type="checkbox"
              id="visibleToOwners"
              name="visibleToOwners"
              defaultChecked={visibleToOwners}
              className="mt-1 h-5 w-5 shrink-0 accent-brand-700"
            />
            <label htmlFor="visibleToOwners" className="font-medium">
              Let the owners of my associations see my email address
            </label>
          </div>
          <SubmitButton name="intent" value="owners" variant="secondary" className="mt-4 w-full sm:w-auto" pendingText="Saving…">
            Save who sees my address
          </SubmitButton>
        </Form>
      </section>
    </section>
  );
}

export const meta: MetaFunction = () => [{ title: "Email · Settings · CME Commons" }];
