// /mentoring/requests/:id: a mentoring request, for its two members only. The
// mentor reaches it from the emailed link; opening it changes nothing, only
// the buttons here do (accept, decline with an optional kind word; the mentee
// may withdraw while it waits).
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, type SerializeFrom } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import type { BreadcrumbHandle } from "~/components/breadcrumbs";
import { ErrorPage } from "~/components/error-page";
import { SubmitButton } from "~/components/ui/button";
import { FieldErrors, inputClass } from "~/components/ui/field";
import { DECISION_NOTE_MAX, mentorshipPath } from "~/domain/mentoring/constants";
import { answerRequest, getRequest, hideMember, withdrawRequest } from "~/domain/mentoring/mentorships.server";
import { decisionSchema } from "~/domain/mentoring/schemas";
import { requireContributor, requireMember } from "~/utils/auth.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { badRequest, failureResponse, notFound, okOrThrow } from "~/utils/http.server";
import { readForm } from "~/utils/request-body.server";
import { formatDateTimeIn } from "~/utils/zoned-dates";

export { headers } from "~/utils/headers";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireMember(request);
  const found = await getRequest(actor, params.id ?? "");
  if (!found) throw notFound("That request does not exist.");
  return { request: { ...found, createdOn: formatDateTimeIn(found.createdAt, found.timeZone) } };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireContributor(request);
  const id = params.id ?? "";
  const form = await readForm(request);
  const intent = form.get("intent");
  if (intent === "answer") {
    const submission = parseWithZod(form, { schema: decisionSchema });
    if (submission.status !== "success") return data({ errors: submission.error ?? {}, note: String(form.get("note") ?? "") }, { status: 400 });
    const result = await answerRequest(actor, id, submission.value);
    if (!result.ok) {
      if (result.reason === "conflict") return data({ errors: { "": [result.message] }, note: submission.value.note ?? "" }, { status: 409 });
      throw failureResponse(result);
    }
    if (result.value.status === "ACTIVE") return redirectWithFlash(mentorshipPath(id), "Accepted. This is your space together.");
    if (result.value.status === "DECLINED") return redirectWithFlash("/mentoring", "Declined. We let them know, with your words if you wrote some.");
    return redirectWithFlash(`/mentoring/requests/${id}`, "Accepted. The mentorship starts once the other member accepts too.");
  }
  if (intent === "withdraw") {
    okOrThrow(await withdrawRequest(actor, id));
    return redirectWithFlash("/mentoring", "Your request is withdrawn.");
  }
  if (intent === "hide") {
    const found = await getRequest(actor, id);
    const other = found ? (found.side === "mentor" ? found.mentee.handle : found.mentor.handle) : null;
    if (!found || !other) throw notFound("That request does not exist.");
    const { name } = okOrThrow(await hideMember(actor, other));
    return redirectWithFlash(`/mentoring/requests/${id}`, `${name} is hidden from your suggestions and requests.`);
  }
  throw badRequest("Unknown action");
}

export const handle: BreadcrumbHandle<SerializeFrom<typeof loader>> = {
  breadcrumb: () => [{ label: "Mentoring", to: "/mentoring" }, { label: "Request" }],
};

const STATUS_TEXT: Record<string, string> = {
  REQUESTED: "Waiting for an answer.",
  PROPOSED: "Proposed: the mentorship starts once both of you accept.",
  ACTIVE: "Accepted.",
  DECLINED: "Declined.",
  WITHDRAWN: "Withdrawn.",
  ENDED: "Ended.",
};

/** A proposal that will not start: the association took it back, or it could no longer go ahead. */
const PROPOSAL_WITHDRAWN_TEXT = "Withdrawn: this mentorship will not start.";

export default function MentoringRequest() {
  const { request } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = (result?.errors ?? {}) as Record<string, string[] | undefined>;
  const asMentor = request.side === "mentor";
  const title = request.proposedBy
    ? asMentor
      ? `${request.proposedBy} proposes that you mentor ${request.mentee.name}`
      : `${request.proposedBy} proposes ${request.mentor.name} as your mentor`
    : asMentor
      ? `${request.mentee.name} asks you to be their mentor`
      : `Your request to ${request.mentor.name}`;
  return (
    <div className="max-w-2xl">
      <h1 className="mt-4 text-3xl font-bold">{title}</h1>
      <p className="mt-2 text-stone-600">
        Sent {request.createdOn}
        {request.proposedBy ? `, proposed by ${request.proposedBy}` : ""}.{" "}
        {request.proposedBy && request.status === "WITHDRAWN" ? PROPOSAL_WITHDRAWN_TEXT : STATUS_TEXT[request.status]}
      </p>
      {request.areaNames.length > 0 ? (
        <p className="mt-3">
          <span className="font-medium">About: </span>
          {request.areaNames.join(", ")}
          {request.otherAreas > 0 ? ` and ${request.otherAreas} more` : ""}
        </p>
      ) : null}
      {request.message && request.proposedBy ? <p className="mt-3 font-medium">The association’s note:</p> : null}
      {request.message ? (
        <blockquote className="mt-3 whitespace-pre-line rounded-md border-l-4 border-brand-300 bg-white p-3 text-stone-800">{request.message}</blockquote>
      ) : null}
      {asMentor && request.hopes ? (
        <p className="mt-3 text-stone-700">
          <span className="font-medium">What they hope for: </span>
          <span className="whitespace-pre-line">{request.hopes}</span>
        </p>
      ) : null}
      {request.status === "DECLINED" && request.decisionNote ? (
        <p className="mt-3 text-stone-700">
          <span className="font-medium">{request.proposedBy ? "With the answer: " : `${request.mentor.name} wrote: `}</span>“{request.decisionNote}”
        </p>
      ) : null}
      {request.status === "ACTIVE" ? (
        <p className="mt-4">
          <Link to={mentorshipPath(request.id)}>Open your space together</Link>
        </p>
      ) : null}

      {!request.canAnswer && errors[""] ? (
        // Answered (or withdrawn) in the meantime: the form is gone, its message stays.
        <div role="alert" className="mt-4">
          <FieldErrors id="answer-errors" errors={errors[""]} />
        </div>
      ) : null}
      {request.canAnswer ? (
        <Form method="post" className="mt-6 rounded-lg border border-stone-200 bg-white p-4">
          <input type="hidden" name="intent" value="answer" />
          <FieldErrors id="answer-errors" errors={errors[""]} />
          <label htmlFor="note" className="block font-medium">
            A kind word (optional)
          </label>
          <p id="note-description" className="text-sm text-stone-600">
            Sent with your answer, whichever it is.
          </p>
          <textarea
            id="note"
            name="note"
            rows={3}
            maxLength={DECISION_NOTE_MAX}
            defaultValue={result?.note ?? ""}
            aria-describedby="note-description note-errors"
            aria-invalid={errors.note ? true : undefined}
            className={inputClass}
          />
          <FieldErrors id="note-errors" errors={errors.note} />
          <div className="mt-4 flex flex-wrap gap-3">
            <SubmitButton name="decision" value="accept" pendingText="Accepting…">
              Accept
            </SubmitButton>
            <SubmitButton name="decision" value="decline" variant="secondary" pendingText="Declining…">
              Decline
            </SubmitButton>
          </div>
        </Form>
      ) : request.status === "PROPOSED" && request.youAccepted ? (
        <p className="mt-4 text-stone-700">You accepted; the other member has not answered yet.</p>
      ) : null}

      {request.canWithdraw ? (
        <Form method="post" className="mt-6">
          <SubmitButton name="intent" value="withdraw" variant="secondary" pendingText="Withdrawing…">
            Withdraw the request
          </SubmitButton>
        </Form>
      ) : null}

      {asMentor && (request.status === "REQUESTED" || request.status === "DECLINED") && request.mentee.handle ? (
        <Form method="post" className="mt-6">
          <p className="text-sm text-stone-600">Hiding a member stops them from being suggested to you or asking you again.</p>
          <SubmitButton name="intent" value="hide" variant="secondary" className="mt-2">
            Hide {request.mentee.name}
          </SubmitButton>
        </Form>
      ) : null}
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Mentoring request · CME Commons" }];

export function ErrorBoundary() {
  return <ErrorPage />;
}
