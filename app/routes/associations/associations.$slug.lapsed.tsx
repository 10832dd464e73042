// /associations/:slug/lapsed — the owner removes members whose membership
// lapsed, from a list of external ids or emails: first the list is checked
// (who would be removed, what matched nobody), then a confirmed second step
// removes them and revokes their pending invitations. Never the owner.
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ErrorPage } from "~/components/error-page";
import { SubmitButton } from "~/components/ui/button";
import { FieldErrors, inputClass } from "~/components/ui/field";
import { previewLapsedMembers, removeLapsedMembers } from "~/domain/associations/member-import.server";
import { authorizeAssociation } from "~/domain/associations/memberships.server";
import { canImportMembers } from "~/domain/associations/policy";
import { requireMember } from "~/utils/auth.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { badRequest, failureResponse, formFailure } from "~/utils/http.server";
import { readForm } from "~/utils/request-body.server";

export { headers } from "~/utils/headers";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireMember(request);
  const found = await authorizeAssociation(actor, params.slug ?? "", canImportMembers);
  if (!found.ok) throw failureResponse(found);
  return { association: { slug: found.value.association.slug, name: found.value.association.name } };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireMember(request);
  const slug = params.slug ?? "";
  const form = await readForm(request);
  const intent = form.get("intent");
  const entries = String(form.get("entries") ?? "");
  if (entries.length > 200_000) {
    return data({ entries, preview: null, fieldErrors: { entries: ["This list is too long: split it in parts."] } }, { status: 400 });
  }
  if (intent === "check") {
    const result = await previewLapsedMembers(actor, slug, entries);
    if (!result.ok) return formFailure(result, { entries, preview: null, fieldErrors: result.fieldErrors ?? {} });
    return { entries, preview: result.value, fieldErrors: {} as Record<string, string[]> };
  }
  if (intent === "remove") {
    const result = await removeLapsedMembers(actor, slug, entries);
    if (!result.ok) return formFailure(result, { entries, preview: null, fieldErrors: result.fieldErrors ?? {} });
    const { removed, revoked } = result.value;
    const message =
      removed === 0 && revoked === 0
        ? "Nobody on the list was a member or had a pending invitation: nothing changed."
        : `Removed ${removed} ${removed === 1 ? "member" : "members"}${revoked ? ` and withdrew ${revoked} pending ${revoked === 1 ? "invitation" : "invitations"}` : ""}.`;
    return redirectWithFlash(`/associations/${slug}/members`, message);
  }
  throw badRequest("That form is not one this page knows.");
}

export default function LapsedMembers() {
  const { association } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const preview = result?.preview ?? null;
  const errors = result?.fieldErrors?.entries;
  const base = `/associations/${association.slug}`;
  return (
    <div className="max-w-3xl">
      <p>
        <Link to={`${base}/import`}>← Import members</Link>
      </p>
      <h1 className="mt-3 text-3xl font-bold">Remove lapsed members</h1>
      <p className="mt-2 text-stone-700">
        Paste the member ids (the external ids of your import) or email addresses of people whose membership of{" "}
        {association.name} lapsed. You will see who that is before anything changes. Their posts stay; they can no
        longer read members-only categories. The owner is never removed this way.
      </p>

      <Form method="post" className="mt-6 rounded-lg border border-stone-200 bg-white p-4 shadow-sm sm:p-5">
        <label htmlFor="entries" className="block font-medium">
          Member ids or emails
        </label>
        <p id="entries-description" className="text-sm text-stone-600">
          One per line, or separated by commas or semicolons.
        </p>
        <textarea
          id="entries"
          name="entries"
          rows={8}
          required
          defaultValue={result?.entries ?? ""}
          aria-describedby={errors?.length ? "entries-description entries-error" : "entries-description"}
          aria-invalid={errors?.length ? true : undefined}
          className={`${inputClass} mt-2 font-mono`}
        />
        <FieldErrors id="entries-error" errors={errors} />
        <SubmitButton name="intent" value="check" variant="secondary" className="mt-4 w-full sm:w-auto" pendingText="Checking…">
          Check the list
        </SubmitButton>
      </Form>

      {preview ? (
        <section aria-labelledby="preview-title" className="mt-6 rounded-lg border border-amber-300 bg-amber-50 p-4 sm:p-5" role="status">
          <h2 id="preview-title" className="text-xl font-semibold">
            {preview.members.length === 0
              ? "Nobody on this list is a member"
              : `${preview.members.length} ${preview.members.length === 1 ? "member" : "members"} will be removed`}
          </h2>
          {preview.members.length > 0 ? (
            <ul className="mt-2 list-disc space-y-1 pl-6">
              {preview.members.slice(0, 200).map((member) => (
                <li key={member.userId}>
                  {member.handle ? <Link to={`/members/${member.handle}`}>{member.name}</Link> : member.name} (by{" "}
                  {member.matchedBy})
                </li>
              ))}
              {preview.members.length > 200 ? <li>and {preview.members.length - 200} more</li> : null}
            </ul>
          ) : null}
          {preview.invitations > 0 ? (
            <p className="mt-2">
              {preview.invitations} pending {preview.invitations === 1 ? "invitation" : "invitations"} will be withdrawn.
            </p>
          ) : null}
          {preview.owner.length > 0 ? <p className="mt-2">The owner ({preview.owner.join(", ")}) is on the list and stays.</p> : null}
          {preview.unmatched.length > 0 ? (
            <p className="mt-2 break-words">
              Matched nobody: {preview.unmatched.slice(0, 100).join(", ")}
              {preview.unmatched.length > 100 ? ` and ${preview.unmatched.length - 100} more` : ""}.
            </p>
          ) : null}
          {preview.members.length > 0 || preview.invitations > 0 ? (
            <Form method="post" className="mt-4">
              <input type="hidden" name="entries" value={result?.entries ?? ""} />
              <SubmitButton name="intent" value="remove" variant="danger" className="w-full sm:w-auto" pendingText="Removing…">
                {preview.members.length > 0
                  ? `Remove ${preview.members.length} ${preview.members.length === 1 ? "member" : "members"}`
                  : "Withdraw the invitations"}
              </SubmitButton>
            </Form>
          ) : null}
        </section>
      ) : null}
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data: page }) => [
  { title: page ? `Remove lapsed members · ${page.association.name} · CME Commons` : "Remove lapsed members · CME Commons" },
];

export function ErrorBoundary() {
  return <ErrorPage />;
}
