// /associations/:slug/requests — the owner and moderators decide on requests
// to join, oldest first. Declining can carry a reason, emailed to the member.
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ErrorPage } from "~/components/error-page";
import { SubmitButton } from "~/components/ui/button";
import { FieldErrors } from "~/components/ui/field";
import {
  approveJoinRequest,
  declineJoinRequest,
  listPendingRequests,
} from "~/domain/associations/join-requests.server";
import { DECLINE_REASON_MAX, JOIN_POLICY_LABELS } from "~/domain/associations/constants";
import { decideRequestSchema } from "~/domain/associations/schemas";
import { requireMember } from "~/utils/auth.server";
import { failureResponse, siteUrl } from "~/utils/http.server";
import { readerTimeZone } from "~/domain/members/actor";
import { formatDateIn } from "~/utils/zoned-dates";
import { redirectWithFlash } from "~/utils/flash.server";
import { readForm } from "~/utils/request-body.server";

export { headers } from "~/utils/headers";

const NOTICES = {
  approved: (name: string) => `${name} is now a member, and has been told.`,
  declined: (name: string) => `The request from ${name} was declined, and they have been told by email.`,
} as const;


export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireMember(request);
  const result = await listPendingRequests(actor, params.slug ?? "");
  if (!result.ok) throw failureResponse(result);
  const { association, requests, total } = result.value;
  return {
    association: { slug: association.slug, name: association.name, joinPolicy: association.joinPolicy },
    total,
    requests: requests.map(({ createdAt, ...request }) => ({
      ...request,
      askedOn: formatDateIn(createdAt, readerTimeZone(actor)),
      askedIso: createdAt.toISOString(),
    })),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireMember(request);
  const slug = params.slug ?? "";
  const formData = await readForm(request);
  const submission = parseWithZod(formData, { schema: decideRequestSchema });
  if (submission.status !== "success") {
    const reason = formData.get("reason");
    return data(
      {
        requestId: String(formData.get("requestId") ?? ""),
        errors: submission.error?.reason ?? ["Please try again"],
        reason: typeof reason === "string" ? reason : "",
      },
      { status: 400 },
    );
  }
  const value = submission.value;
  const result =
    value.intent === "approve"
      ? await approveJoinRequest(actor, slug, value.requestId)
      : await declineJoinRequest(actor, slug, value.requestId, value.reason, siteUrl(request));
  if (!result.ok) throw failureResponse(result);
  const notice = value.intent === "approve" ? NOTICES.approved : NOTICES.declined;
  return redirectWithFlash(`/associations/${slug}/requests`, notice(result.value.name.slice(0, 80) || "the member"));
}

export default function JoinRequests() {
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const base = `/associations/${page.association.slug}`;
  return (
    <div className="max-w-3xl">
      <p>
        <Link to={base}>← {page.association.name}</Link>
      </p>
      <h1 className="mt-3 text-3xl font-bold">Join requests</h1>
      <p className="mt-2 text-stone-700">
        {page.association.joinPolicy === "APPROVAL"
          ? "Members ask to join, and the owner or a moderator approves or declines each request. Approved members are told by notification; declined ones by email."
          : `This association is now “${
              JOIN_POLICY_LABELS[page.association.joinPolicy]
            }”: no new requests arrive, but any still waiting can be decided here.`}
      </p>

      <section aria-labelledby="pending-title" className="mt-6">
        <h2 id="pending-title" className="text-2xl font-semibold">
          Waiting ({page.total})
        </h2>
        {page.requests.length === 0 ? (
          <p className="mt-2 rounded-lg border border-dashed border-stone-300 bg-white p-6 text-stone-700">
            No requests are waiting.
          </p>
        ) : (
          <ol className="mt-3 space-y-4">
            {page.requests.map((request) => {
              const own = result && result.requestId === request.id ? result : null;
              const fieldId = `reason-${request.id}`;
              return (
                <li key={request.id} className="rounded-lg border border-stone-200 bg-white p-4 shadow-sm">
                  <h3 className="break-words font-semibold">
                    {request.handle ? (
                      <Link to={`/members/${request.handle}`}>{request.displayName}</Link>
                    ) : (
                      request.displayName
                    )}
                  </h3>
                  <p className="text-sm text-stone-600">
                    Asked on <time dateTime={request.askedIso}>{request.askedOn}</time>
                  </p>
                  {request.message ? (
                    <blockquote className="mt-2 whitespace-pre-line break-words border-l-4 border-stone-300 pl-3 text-stone-800">
                      {request.message}
                    </blockquote>
                  ) : (
                    <p className="mt-2 text-stone-600">No message.</p>
                  )}
                  <div className="mt-3 flex flex-col gap-4 sm:flex-row sm:items-start">
                    <Form method="post">
                      <input type="hidden" name="intent" value="approve" />
                      <input type="hidden" name="requestId" value={request.id} />
                      <SubmitButton pendingText="Approving…">
                        Approve<span className="sr-only"> {request.displayName}</span>
                      </SubmitButton>
                    </Form>
                    <details className="min-w-0 flex-1" open={own ? true : undefined}>
                      <summary className="cursor-pointer py-2 font-medium text-brand-700">
                        Decline…<span className="sr-only"> {request.displayName}</span>
                      </summary>
                      <Form method="post" className="mt-1">
                        <input type="hidden" name="intent" value="decline" />
                        <input type="hidden" name="requestId" value={request.id} />
                        <label htmlFor={fieldId} className="block font-medium">
                          Reason (optional)
                        </label>
                        <p id={`${fieldId}-help`} className="text-sm text-stone-600">
                          Sent to {request.displayName} by email with the decision.
                        </p>
                        <textarea
                          id={fieldId}
                          name="reason"
                          rows={2}
                          maxLength={DECLINE_REASON_MAX}
                          defaultValue={own?.reason ?? ""}
                          aria-describedby={`${fieldId}-help ${fieldId}-errors`}
                          aria-invalid={own ? true : undefined}
                          className="mt-1 block w-full rounded-md border border-stone-400 bg-white px-3 py-2 text-base shadow-sm"
                        />
                        <FieldErrors id={`${fieldId}-errors`} errors={own?.errors} />
                        <SubmitButton variant="danger" className="mt-2" pendingText="Declining…">
                          Decline the request<span className="sr-only"> from {request.displayName}</span>
                        </SubmitButton>
                      </Form>
                    </details>
                  </div>
                </li>
              );
            })}
          </ol>
        )}
        {page.total > page.requests.length ? (
          <p className="mt-4 text-stone-700">
            Showing the {page.requests.length} oldest. Decide on these to see the rest.
          </p>
        ) : null}
      </section>
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data: page }) => [
  { title: page ? `Join requests · ${page.association.name} · CME Commons` : "Join requests · CME Commons" },
];

export function ErrorBoundary() {
  return <ErrorPage />;
}
