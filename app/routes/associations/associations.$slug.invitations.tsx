// /associations/:slug/invitations — the owner and moderators make single-use
// invitation links (optionally emailed), see what became of them, and revoke
// unused ones. A new link is shown once, right after it is made.
import { getFormProps, getSelectProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { ErrorPage } from "~/components/error-page";
import { CopyButton } from "~/components/copy-button";
import { SubmitButton } from "~/components/ui/button";
import { FieldErrors, TextAreaField, TextField } from "~/components/ui/field";
import { FormErrors } from "~/components/ui/form-errors";
import { useLazyValidation } from "~/components/ui/lazy-validation";
import { createInvitations, listInvitations, revokeInvitation } from "~/domain/associations/invitations.server";
import { DEFAULT_INVITATION_DAYS, INVITATION_BATCH_MAX, INVITATION_DAY_CHOICES } from "~/domain/associations/constants";
import { invitationSchema } from "~/domain/associations/schemas";
import { requireMember } from "~/utils/auth.server";
import { badRequest, failureResponse, siteUrl } from "~/utils/http.server";
import { enforceRateLimits } from "~/utils/rate-limit.server";
import { formConstraint } from "~/utils/form-constraints.server";
import { readerTimeZone } from "~/domain/members/actor";
import { formatDateIn } from "~/utils/zoned-dates";
import { readForm } from "~/utils/request-body.server";

export { headers } from "~/utils/headers";


const STATE_LABELS = { active: "Waiting to be used", used: "Used", expired: "Expired", revoked: "Revoked" } as const;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireMember(request);
  const result = await listInvitations(actor, params.slug ?? "");
  if (!result.ok) throw failureResponse(result);
  const { association, invitations } = result.value;
  return {
    association: { slug: association.slug, name: association.name, joinPolicy: association.joinPolicy },
    invitations: invitations.map((invitation) => ({
      id: invitation.id,
      email: invitation.email,
      label: invitation.label,
      state: invitation.state,
      createdOn: formatDateIn(invitation.createdAt, readerTimeZone(actor)),
      createdByName: invitation.createdByName,
      expiresOn: formatDateIn(invitation.expiresAt, readerTimeZone(actor)),
      usedOn: invitation.usedAt ? formatDateIn(invitation.usedAt, readerTimeZone(actor)) : null,
      usedBy: invitation.usedBy,
    })),
    constraint: formConstraint(invitationSchema),
  };
}

const revokeSchema = z.object({ intent: z.literal("revoke"), invitationId: z.string().min(1) });

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireMember(request);
  const slug = params.slug ?? "";
  const formData = await readForm(request);

  if (formData.get("intent") === "revoke") {
    const parsed = revokeSchema.safeParse(Object.fromEntries(formData));
    if (!parsed.success) throw badRequest();
    const result = await revokeInvitation(actor, slug, parsed.data.invitationId);
    if (!result.ok) throw failureResponse(result);
    return { submission: null, created: null, sent: null, revoked: result.value.revoked };
  }

  const submission = parseWithZod(formData, { schema: invitationSchema });
  if (submission.status !== "success") {
    return data({ submission: submission.reply(), created: null, sent: null, revoked: false }, { status: 400 });
  }
  const { emails, label, days } = submission.value;
  // Invitations send email: a moderator sends a few hundred an hour at most, counted per address.
  await enforceRateLimits([
    { key: `association-invite:user:${actor.userId}`, max: 200, windowSeconds: 60 * 60, cost: Math.max(1, emails.length) },
  ]);
  const result = await createInvitations(actor, slug, { emails, label, days }, siteUrl(request));
  if (!result.ok) throw failureResponse(result);
  const { links, expiresAt } = result.value;
  const expiresOn = formatDateIn(expiresAt, readerTimeZone(actor));
  // Several addresses: each link went to its address; the page says how many and to whom.
  if (links.length > 1) {
    const sent = { count: links.length, addresses: links.map((link) => link.email ?? ""), expiresOn };
    return { submission: submission.reply({ resetForm: true }), created: null, sent, revoked: false };
  }
  // One link, shown once: only the token's hash is stored.
  return {
    submission: submission.reply({ resetForm: true }),
    created: { url: links[0]!.url, expiresOn, emailedTo: links[0]!.email },
    sent: null,
    revoked: false,
  };
}

export default function Invitations() {
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [form, fields] = useForm({
    lastResult: result?.submission ?? null,
    defaultValue: { days: String(DEFAULT_INVITATION_DAYS) },
    constraint: page.constraint,
    ...useLazyValidation(() => import("~/domain/associations/schemas").then((m) => m.invitationSchema)),
  });
  const base = `/associations/${page.association.slug}`;

  return (
    <div className="max-w-3xl">
      <p>
        <Link to={base}>← {page.association.name}</Link>
      </p>
      <h1 className="mt-3 text-3xl font-bold">Invitation links</h1>
      <p className="mt-2 text-stone-700">
        Each link lets one person join {page.association.name}, whatever its join policy, until it expires. Send it
        yourself, or give one or more email addresses and we will send each its own link. Revoke a link you no longer
        want used.
      </p>

      <div role="status" className="mt-4">
        {result?.created ? (
          <div className="rounded-md border border-brand-100 bg-brand-50 p-4">
            <p className="font-semibold">Your link is ready. Copy it now: for security it is shown only once.</p>
            <p className="mt-2 break-all">
              <a href={result.created.url}>{result.created.url}</a>
            </p>
            <p className="mt-2">
              <CopyButton text={result.created.url} />
            </p>
            <p className="mt-1 text-sm text-stone-700">
              It works once, until {result.created.expiresOn}.
              {result.created.emailedTo ? ` We have emailed it to ${result.created.emailedTo}.` : null}
            </p>
          </div>
        ) : result?.sent ? (
          <div className="rounded-md border border-brand-100 bg-brand-50 p-4">
            <p className="font-semibold">
              We emailed {result.sent.count} invitation links, one to each address. Each works once, until{" "}
              {result.sent.expiresOn}.
            </p>
            <p className="mt-2 break-words text-sm text-stone-700">Sent to {result.sent.addresses.join(", ")}.</p>
          </div>
        ) : result?.revoked ? (
          <p className="rounded-md border border-brand-100 bg-brand-50 p-3">
            The link was revoked: it no longer works.
          </p>
        ) : null}
      </div>

      <section
        aria-labelledby="new-title"
        className="mt-6 rounded-lg border border-stone-200 bg-white p-4 shadow-sm sm:p-5"
      >
        <h2 id="new-title" className="text-xl font-semibold">
          Make a new link
        </h2>
        <Form method="post" {...getFormProps(form)}>
          <input type="hidden" name="intent" value="create" />
          <FormErrors id={form.errorId} errors={form.errors} />
          <TextAreaField
            meta={fields.emails}
            rows={3}
            label="Email it to (optional)"
            description={`Leave empty to copy the link and send it yourself. To invite several people, separate their addresses with commas, semicolons or new lines (up to ${INVITATION_BATCH_MAX}): each gets their own link.`}
          />
          <TextField
            meta={fields.label}
            label="Note (optional)"
            autoComplete="off"
            description="Only the owner and moderators see this, to tell links apart. For example: For the spring newsletter."
          />
          <div className="mt-4">
            <label htmlFor={fields.days.id} className="block font-medium">
              The link works for
            </label>
            <select
              {...getSelectProps(fields.days)}
              key={fields.days.key}
              className="mt-1 block w-full rounded-md border border-stone-400 bg-white px-3 py-2 text-base shadow-sm sm:max-w-xs"
            >
              {INVITATION_DAY_CHOICES.map((days) => (
                <option key={days} value={String(days)}>
                  {days} days
                </option>
              ))}
            </select>
            <FieldErrors id={fields.days.errorId} errors={fields.days.errors} />
          </div>
          <SubmitButton className="mt-5" pendingText="Making the link…">
            Make an invitation link
          </SubmitButton>
        </Form>
      </section>

      <section aria-labelledby="list-title" className="mt-8">
        <h2 id="list-title" className="text-xl font-semibold">
          Links made so far
        </h2>
        {page.invitations.length === 0 ? (
          <p className="mt-2 text-stone-700">None yet.</p>
        ) : (
          <ul className="mt-3 divide-y divide-stone-200 rounded-lg border border-stone-200 bg-white">
            {page.invitations.map((invitation) => {
              const title = invitation.label || invitation.email || `Link made on ${invitation.createdOn}`;
              return (
                <li
                  key={invitation.id}
                  className="flex flex-col gap-2 p-4 sm:flex-row sm:items-center sm:justify-between"
                >
                  <div className="min-w-0">
                    <p className="break-words font-semibold">{title}</p>
                    <p className="text-sm text-stone-700">
                      <strong>{STATE_LABELS[invitation.state]}</strong>
                      {invitation.state === "used" && invitation.usedBy ? (
                        <>
                          {" "}
                          by <Link to={`/members/${invitation.usedBy.handle}`}>{invitation.usedBy.displayName}</Link>
                          {invitation.usedOn ? ` on ${invitation.usedOn}` : null}
                        </>
                      ) : invitation.state === "active" ? (
                        ` · until ${invitation.expiresOn}`
                      ) : null}
                    </p>
                    <p className="text-sm text-stone-600">
                      {invitation.email && invitation.label ? `Sent to ${invitation.email} · ` : null}
                      Made on {invitation.createdOn}
                      {invitation.createdByName ? ` by ${invitation.createdByName}` : null}
                    </p>
                  </div>
                  {invitation.state === "active" ? (
                    <Form method="post">
                      <input type="hidden" name="intent" value="revoke" />
                      <input type="hidden" name="invitationId" value={invitation.id} />
                      <SubmitButton variant="secondary" className="px-3 py-1 text-sm" pendingText="Revoking…">
                        <span>
                          Revoke<span className="sr-only">: {title}</span>
                        </span>
                      </SubmitButton>
                    </Form>
                  ) : null}
                </li>
              );
            })}
          </ul>
        )}
      </section>
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data: page }) => [
  { title: page ? `Invitation links · ${page.association.name} · CME Commons` : "Invitation links · CME Commons" },
];

export function ErrorBoundary() {
  return <ErrorPage />;
}
