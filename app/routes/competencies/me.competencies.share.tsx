// /me/competencies/share — make read-only links for reviewers, and revoke them.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { SubmitButton } from "~/components/ui/button";
import { CopyButton } from "~/components/copy-button";
import { FieldErrors } from "~/components/ui/field";
import { createShareLink, listShareLinks, revokeShareLink } from "~/domain/assessments/share-links.server";
import { DEFAULT_SHARE_DAYS, SHARE_DAY_CHOICES } from "~/domain/assessments/share-options";
import { requireMember } from "~/utils/auth.server";
import { siteUrl } from "~/utils/http.server";
import { readerTimeZone } from "~/domain/members/actor";
import { formatLongDateIn } from "~/utils/zoned-dates";
import { readForm } from "~/utils/request-body.server";
import { singleLine } from "~/utils/text";

export { headers } from "~/utils/headers";

const createSchema = z.object({
  intent: z.literal("create"),
  label: z.string().overwrite(singleLine).trim().max(80, "Keep the note under 80 characters").default(""),
  days: z.coerce
    .number()
    .refine((days) => (SHARE_DAY_CHOICES as readonly number[]).includes(days), "Choose one of the periods offered"),
  /** "Include my goals": a checkbox (ticked sends "on"). */
  includeGoals: z.literal("on").optional().transform((value) => value === "on"),
});
const revokeSchema = z.object({ intent: z.literal("revoke"), linkId: z.string().min(1) });

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireMember(request);
  const links = await listShareLinks(actor);
  return {
    links: links.map((link) => ({
      id: link.id,
      label: link.label,
      state: link.state,
      createdOn: formatLongDateIn(link.createdAt, readerTimeZone(actor)),
      expiresOn: formatLongDateIn(link.expiresAt, readerTimeZone(actor)),
      includeGoals: link.includeGoals,
    })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireMember(request);
  const form = Object.fromEntries(await readForm(request));
  if (form.intent === "revoke") {
    const parsed = revokeSchema.safeParse(form);
    if (parsed.success) await revokeShareLink(actor, parsed.data.linkId);
    return { revoked: parsed.success, created: null, errors: null, label: "" };
  }
  const parsed = createSchema.safeParse(form);
  if (!parsed.success) {
    return {
      revoked: false,
      created: null,
      errors: z.flattenError(parsed.error).fieldErrors,
      label: typeof form.label === "string" ? form.label : "",
    };
  }
  const { token, expiresAt } = await createShareLink(actor, parsed.data);
  // Shown once: only its hash is stored.
  return {
    revoked: false,
    created: { url: `${siteUrl(request)}/shared/${token}`, expiresOn: formatLongDateIn(expiresAt, readerTimeZone(actor)) },
    errors: null,
    label: "",
  };
}

export const meta: MetaFunction = () => [{ title: "Share your review pack · CME Commons" }];

export default function ShareLinks() {
  const { links } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <div className="max-w-3xl">
      <p>
        <Link to="/me/competencies">← Back to your competency profile</Link>
      </p>
      <h1 className="mt-3 text-3xl font-bold">Share your review pack</h1>
      <p className="mt-2 text-stone-700">
        A share link lets someone without an account read your review pack: your stages, targets, gaps, change and
        evidence from submitted assessments. It never shows drafts, and it cannot change anything. Links stop working
        when they expire or when you revoke them. To have someone rate you instead, with their own stage for each area,{" "}
        <Link to="/me/competencies/reviewers">ask them to rate you</Link>.
      </p>

      <div role="status" className="mt-4">
        {result?.created ? (
          <div className="rounded-md border border-brand-100 bg-brand-50 p-4">
            <p className="font-semibold">Your link is ready. Copy it now: for your security it is shown only once.</p>
            <p className="mt-2 break-all">
              <a href={result.created.url}>{result.created.url}</a>
            </p>
            <p className="mt-2">
              <CopyButton text={result.created.url} />
            </p>
            <p className="mt-1 text-sm text-stone-700">It works until {result.created.expiresOn}.</p>
          </div>
        ) : result?.revoked ? (
          <p className="rounded-md border border-brand-100 bg-brand-50 p-3">The link was revoked. It no longer shows anything.</p>
        ) : null}
      </div>

      <section aria-labelledby="new-link" className="mt-6 rounded-lg border border-stone-200 bg-white p-5">
        <h2 id="new-link" className="text-xl font-semibold">
          Make a new link
        </h2>
        {/* A new key once a link is made: the form starts empty again (the browser would keep what was typed). */}
        <Form method="post" className="mt-2" key={result?.created?.url ?? "new"}>
          <input type="hidden" name="intent" value="create" />
          <div className="mt-3">
            <label htmlFor="share-label" className="block font-medium">
              Who is it for? (optional)
            </label>
            <p id="share-label-help" className="text-sm text-stone-600">
              Only you see this note, to tell your links apart.
            </p>
            <input
              id="share-label"
              name="label"
              defaultValue={result?.label ?? ""}
              aria-describedby="share-label-help share-label-errors"
              aria-invalid={result?.errors?.label ? true : undefined}
              className="mt-1 block w-full rounded-md border border-stone-400 bg-white px-3 py-2"
            />
            <FieldErrors id="share-label-errors" errors={result?.errors?.label} />
          </div>
          <div className="mt-3">
            <label htmlFor="share-days" className="block font-medium">
              Link works for
            </label>
            <select
              id="share-days"
              name="days"
              defaultValue={String(DEFAULT_SHARE_DAYS)}
              aria-describedby="share-days-errors"
              className="mt-1 block rounded-md border border-stone-400 bg-white px-3 py-2"
            >
              {SHARE_DAY_CHOICES.map((days) => (
                <option key={days} value={days}>
                  {days} days
                </option>
              ))}
            </select>
            <FieldErrors id="share-days-errors" errors={result?.errors?.days} />
          </div>
          <div className="mt-3 flex items-start gap-3">
            <input id="share-goals" name="includeGoals" type="checkbox" value="on" aria-describedby="share-goals-help" className="mt-1 h-5 w-5 shrink-0 accent-brand-700" />
            <div>
              <label htmlFor="share-goals" className="font-medium">
                Include my goals
              </label>
              <p id="share-goals-help" className="text-sm text-stone-600">
                Adds your development goals (what, how you will know, by when, areas, how they ended) as the pack’s plan for the next
                period. Never your progress notes, commitments or check-ins.
              </p>
            </div>
          </div>
          <SubmitButton className="mt-4" name="intent" value="create" pendingText="Making the link…">
            Make a share link
          </SubmitButton>
        </Form>
      </section>

      <section aria-labelledby="your-links" className="mt-8">
        <h2 id="your-links" className="text-xl font-semibold">
          Your links
        </h2>
        {links.length === 0 ? (
          <p className="mt-2 text-stone-700">You have not shared your profile yet.</p>
        ) : (
          <ul className="mt-3 space-y-2">
            {links.map((link) => (
              <li key={link.id} className="flex flex-wrap items-center justify-between gap-3 rounded-lg border border-stone-200 bg-white p-4">
                <div>
                  <p className="font-medium">{link.label || "Share link"}</p>
                  <p className="text-sm text-stone-700">
                    Made {link.createdOn} · {link.includeGoals ? "with your goals" : "without your goals"} ·{" "}
                    {link.state === "active"
                      ? `works until ${link.expiresOn}`
                      : link.state === "expired"
                        ? `expired ${link.expiresOn}`
                        : "revoked"}
                  </p>
                </div>
                {link.state === "active" ? (
                  <Form method="post">
                    <input type="hidden" name="linkId" value={link.id} />
                    <SubmitButton name="intent" value="revoke" variant="secondary" pendingText="Revoking…">
                      Revoke<span className="sr-only"> {link.label || "this link"}</span>
                    </SubmitButton>
                  </Form>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
