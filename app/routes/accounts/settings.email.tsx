// /settings/email: how often the community may email the member: no email,
// an email for each mention and reply, or a daily or weekly digest; and, in
// its own section, reading and answering by email: mailing-list mode and
// "stop all my reply addresses" (issue 20); and whether the owners of the
// member's associations may see their address.
import { getCollectionProps, getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { SubmitButton } from "~/components/ui/button";
import { FieldErrors } from "~/components/ui/field";
import { FormErrors } from "~/components/ui/form-errors";
import { useLazyValidation } from "~/components/ui/lazy-validation";
import { ReminderSettings } from "~/components/reminder-settings";
import {
  getEmailSettings,
  setEmailFrequency,
  setEmailVisibleToOwners,
  setMailingListMode,
  setReminderEmails,
} from "~/domain/email/preferences.server";
import { replyDomain, stopReplyAddresses } from "~/domain/email/reply-addresses.server";
import { EMAIL_FREQUENCY_OPTIONS } from "~/domain/email/constants";
import { readerTimeZone } from "~/domain/members/actor";
import { emailPreferencesSchema, mailingListSchema } from "~/domain/email/schemas";
import { requireMember } from "~/utils/auth.server";
import { badRequest, notFound } from "~/utils/http.server";
import { formConstraint } from "~/utils/form-constraints.server";
import { readForm } from "~/utils/request-body.server";
import { redirectWithFlash } from "~/utils/flash.server";

export { headers } from "~/utils/headers";

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireMember(request);
  const settings = await getEmailSettings(actor.userId);
  if (!settings) throw notFound();
  return {
    frequency: settings.emailFrequency,
    mailingListMode: settings.mailingListMode,
    replyByEmail: replyDomain() !== null,
    reminderEmails: settings.reminderEmails,
    visibleToOwners: settings.emailVisibleToOwners,
    // Read with the session (no query of its own).
    timeZone: readerTimeZone(actor),
    constraint: formConstraint(emailPreferencesSchema),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireMember(request);
  const formData = await readForm(request);
  const intent = formData.get("intent");
  if (intent === "reminders") {
    // The reminders switch: its own form, apart from community email.
    const choice = formData.get("reminders");
    if (choice !== "on" && choice !== "off") throw badRequest("Choose whether to get reminders.");
    if (!(await setReminderEmails(actor.userId, choice === "on"))) throw notFound();
    return redirectWithFlash("/settings/email", choice === "on" ? "Saved. We will send you reminders." : "Saved. No more reminder emails.");
  }
  if (intent === "owners") {
    const visible = formData.get("visibleToOwners") === "on";
    if (!(await setEmailVisibleToOwners(actor.userId, visible))) throw notFound();
    return redirectWithFlash(
      "/settings/email",
      visible ? "Saved. The owners of your associations can now see your email address." : "Saved. Your email address is hidden from associations' owners.",
    );
  }
  if (intent === "mailing-list") {
    const submission = parseWithZod(formData, { schema: mailingListSchema });
    if (submission.status !== "success") return data(submission.reply(), { status: 400 });
    if (!(await setMailingListMode(actor.userId, submission.value.mailingList))) throw notFound();
    return redirectWithFlash(
      "/settings/email",
      submission.value.mailingList ? "Mailing-list mode is on: every new post will come by email." : "Mailing-list mode is off.",
    );
  }
  if (intent === "stop-reply-addresses") {
    if (!(await stopReplyAddresses(actor.userId))) throw notFound();
    return redirectWithFlash(
      "/settings/email",
      "Done. Every reply and posting address we sent you before now is stopped; emails from now on carry new ones.",
    );
  }
  const submission = parseWithZod(formData, { schema: emailPreferencesSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const saved = await setEmailFrequency(actor.userId, submission.value.frequency);
  if (!saved) throw notFound();
  return redirectWithFlash("/settings/email", "Saved. From now on we'll email you as you chose.");
}

export default function EmailSettings() {
  const { frequency, reminderEmails, visibleToOwners, constraint, mailingListMode, replyByEmail, timeZone } = useLoaderData<typeof loader>();
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
          <p className="mt-2 text-sm text-stone-600">
            Digests follow your time zone, <span className="font-medium">{timeZone}</span>.{" "}
            <Link to="/settings/time-zone" className="text-brand-700 underline">
              Change your time zone
            </Link>
          </p>
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
      <ReminderSettings reminderEmails={reminderEmails} />
      <ReadingByEmail mailingListMode={mailingListMode} replyByEmail={replyByEmail} />
    </section>
  );
}

/** Mailing-list mode and reply addresses: their own section and forms (issue 20). */
function ReadingByEmail({ mailingListMode, replyByEmail }: { mailingListMode: boolean; replyByEmail: boolean }) {
  return (
    <section aria-labelledby="by-email-title" className="mt-10 border-t border-stone-200 pt-6">
      <h3 id="by-email-title" className="text-xl font-semibold">
        Reading and answering by email
      </h3>
      <Form method="post" className="mt-3">
        <input type="hidden" name="intent" value="mailing-list" />
        <fieldset>
          <legend className="font-medium">Mailing-list mode</legend>
          <div className="mt-2 flex items-start gap-3 rounded-lg border border-stone-200 bg-white p-3">
            <input
              type="checkbox"
              id="mailing-list"
              name="mailingList"
              defaultChecked={mailingListMode}
              aria-describedby="mailing-list-description"
              className="mt-1 h-4 w-4 shrink-0 accent-brand-700"
            />
            <label htmlFor="mailing-list" className="min-w-0">
              <span className="font-medium">Send me every new post</span>
              <span id="mailing-list-description" className="block text-sm text-stone-600">
                Each new thread and reply in the categories and threads you watch and in your associations&rsquo; forums
                comes as its own email as soon as it is posted, whether or not you have read it here. For reading the
                community in your mail client; it comes on top of the choice above, and replaces its emails about
                replies and new threads.
              </span>
            </label>
          </div>
        </fieldset>
        <SubmitButton className="mt-4 w-full sm:w-auto" pendingText="Saving…">
          Save mailing-list mode
        </SubmitButton>
      </Form>

      <h4 className="mt-8 font-medium">Reply addresses</h4>
      {replyByEmail ? (
        <>
          <p className="mt-2 text-sm text-stone-700">
            Our emails about discussions carry an address of yours: answering one posts your reply in its thread, and a
            category&rsquo;s posting address starts a thread there. If someone else has got hold of one, stop them all:
            emails from now on carry new addresses.
          </p>
          <Form method="post" className="mt-3">
            <input type="hidden" name="intent" value="stop-reply-addresses" />
            <SubmitButton className="w-full sm:w-auto" variant="secondary" pendingText="Stopping…">
              Stop all my reply addresses
            </SubmitButton>
          </Form>
        </>
      ) : (
        <p className="mt-2 text-sm text-stone-700">Answering emails to post is not set up on this site.</p>
      )}
    </section>
  );
}

export const meta: MetaFunction = () => [{ title: "Email · Settings · CME Commons" }];
