// /associations/:slug/mentoring/manage — the owner runs the association's
// mentoring program: the invitation's words, starting and closing it,
// inviting the members, the counts (each withheld below five, as insight's
// figures are), proposing a pair among the members who opted in, and the
// proposals' status. Never a pair's conversation: the domain does not select it.
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, type SerializeFrom } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import type { BreadcrumbHandle } from "~/components/breadcrumbs";
import { ErrorPage } from "~/components/error-page";
import { buttonClassName, SubmitButton } from "~/components/ui/button";
import { FieldErrors, inputClass } from "~/components/ui/field";
import { PROGRAM_INVITATION_MAX, programManagePath, programPath, PROPOSAL_NOTE_MAX } from "~/domain/mentoring/constants";
import { programSchema, proposalSchema } from "~/domain/mentoring/program-schemas";
import {
  closeProgram,
  getProgramForOwner,
  proposePair,
  runProgramJobsNow,
  saveProgram,
  sendInvitations,
  withdrawProposal,
  type ProgramCount,
  type ProposalStatus,
} from "~/domain/mentoring/programs.server";
import { afterResponse } from "~/utils/after-response.server";
import { requireContributor, requireMember } from "~/utils/auth.server";
import { readerTimeZone } from "~/domain/members/actor";
import { formatDateIn } from "~/utils/zoned-dates";
import { redirectWithFlash } from "~/utils/flash.server";
import { badRequest, failureResponse, formFailure, siteUrl } from "~/utils/http.server";
import { readForm } from "~/utils/request-body.server";
import { SMALLEST_GROUP_SHOWN } from "~/utils/small-groups";

export { headers } from "~/utils/headers";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireMember(request);
  const search = new URL(request.url).searchParams.get("q") ?? "";
  const result = await getProgramForOwner(actor, params.slug ?? "", search);
  if (!result.ok) throw failureResponse(result);
  const { program, proposals, ...rest } = result.value;
  return {
    ...rest,
    program: program
      ? {
          invitation: program.invitation,
          open: program.closedAt === null,
          startedOn: formatDateIn(program.startedAt, readerTimeZone(actor)),
          closedOn: program.closedAt ? formatDateIn(program.closedAt, readerTimeZone(actor)) : null,
          invitedOn: program.invitedAt ? formatDateIn(program.invitedAt, readerTimeZone(actor)) : null,
          canInvite: program.closedAt === null && (program.canInviteFrom === null || program.canInviteFrom <= new Date()),
          inviteAgainOn: program.canInviteFrom ? formatDateIn(program.canInviteFrom, readerTimeZone(actor)) : null,
          participants: program.participants,
          counts: program.counts,
        }
      : null,
    proposals: proposals.map((proposal) => ({ ...proposal, createdAt: undefined, proposedOn: formatDateIn(proposal.createdAt, readerTimeZone(actor)) })),
  };
}

type ActionResult = {
  form: "program" | "propose" | "invite" | "withdraw";
  errors: Record<string, string[] | null | undefined>;
  values: Record<string, string>;
};

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await requireContributor(request);
  const slug = params.slug ?? "";
  const form = await readForm(request);
  const intent = form.get("intent");
  const here = programManagePath(slug);
  if (intent === "save") {
    const submission = parseWithZod(form, { schema: programSchema });
    const values = { invitation: String(form.get("invitation") ?? "") };
    if (submission.status !== "success") {
      return data<ActionResult>({ form: "program", errors: submission.error ?? {}, values }, { status: 400 });
    }
    const result = await saveProgram(actor, slug, submission.value);
    if (!result.ok) return formFailure(result, { form: "program", errors: { "": [result.message] }, values } satisfies ActionResult);
    return redirectWithFlash(
      here,
      result.value.started ? "The program is open. Invite your members when you are ready." : "Saved the invitation.",
    );
  }
  if (intent === "invite") {
    const result = await sendInvitations(actor, slug);
    if (!result.ok) {
      return formFailure(result, { form: "invite", errors: { "": [result.message] }, values: {} } satisfies ActionResult, { keep: ["conflict"] });
    }
    afterResponse(context, () => runProgramJobsNow());
    return redirectWithFlash(here, "Invitations are on their way: a notification for each member, and an email unless they chose none.");
  }
  if (intent === "close") {
    const result = await closeProgram(actor, slug);
    if (!result.ok) throw failureResponse(result);
    return redirectWithFlash(here, "The program is closed. Mentorships already started go on.");
  }
  if (intent === "propose") {
    const values = {
      mentee: String(form.get("mentee") ?? ""),
      mentor: String(form.get("mentor") ?? ""),
      note: String(form.get("note") ?? ""),
    };
    const submission = parseWithZod(form, { schema: proposalSchema });
    if (submission.status !== "success") {
      return data<ActionResult>({ form: "propose", errors: submission.error ?? {}, values }, { status: 400 });
    }
    const result = await proposePair(actor, slug, submission.value, siteUrl(request));
    if (!result.ok) {
      return formFailure(
        result,
        { form: "propose", errors: result.fieldErrors ?? { "": [result.message] }, values } satisfies ActionResult,
        { keep: ["conflict"] },
      );
    }
    return redirectWithFlash(here, "Proposed. Both members are told; the mentorship starts once both accept.");
  }
  if (intent === "withdraw") {
    const proposal = String(form.get("proposal") ?? "");
    if (!proposal) throw badRequest("Choose a proposal to withdraw.");
    const result = await withdrawProposal(actor, slug, proposal);
    if (!result.ok) {
      // Answered meanwhile (accepted by both, declined): said beside that proposal.
      return formFailure(result, { form: "withdraw", errors: { [proposal]: [result.message] }, values: { proposal } } satisfies ActionResult, {
        keep: ["conflict"],
      });
    }
    return redirectWithFlash(here, `Withdrew the proposal of ${result.value.pair}. Both have been told.`);
  }
  throw badRequest("Unknown action");
}

export const handle: BreadcrumbHandle<SerializeFrom<typeof loader>> = {
  breadcrumb: (page) => [
    { label: "Associations", to: "/associations" },
    ...(page ? [{ label: page.association.name, to: `/associations/${page.association.slug}` }] : []),
    { label: "Mentoring program" },
  ],
};

const STATUS_WORDS: Record<ProposalStatus, string> = {
  "waiting-both": "Waiting for both to accept",
  "waiting-one": "One has accepted; waiting for the other",
  active: "Accepted by both: active",
  declined: "Declined",
  withdrawn: "Withdrawn",
  ended: "Ended",
};

function Count({ label, count }: { label: string; count: ProgramCount }) {
  return (
    <div className="rounded-lg border border-stone-200 bg-white p-3">
      <dt className="text-sm text-stone-700">{label}</dt>
      <dd className="mt-1 text-2xl font-semibold">
        {count.shown ? count.value.toLocaleString("en") : <span className="text-base font-normal">Fewer than {SMALLEST_GROUP_SHOWN}</span>}
      </dd>
    </div>
  );
}

function ProgramForm({ page, result }: { page: SerializeFrom<typeof loader>; result: ActionResult | undefined }) {
  const mine = result?.form === "program" ? result : undefined;
  const errors = mine?.errors ?? {};
  const program = page.program;
  const label = !program ? "Start the program" : program.open ? "Save the invitation" : "Open the program again";
  return (
    <Form method="post" className="mt-4">
      <input type="hidden" name="intent" value="save" />
      <FieldErrors id="program-errors" errors={errors[""] ?? undefined} />
      <label htmlFor="invitation" className="block font-medium">
        Invitation
      </label>
      <p id="invitation-description" className="text-sm text-stone-600">
        What members read on the program’s page and in the invitation: who it is for, what you hope pairs do together.
        Plain text, at most {PROGRAM_INVITATION_MAX} characters.
      </p>
      <textarea
        id="invitation"
        name="invitation"
        rows={6}
        maxLength={PROGRAM_INVITATION_MAX}
        required
        defaultValue={mine?.values.invitation ?? program?.invitation ?? ""}
        aria-describedby="invitation-description invitation-errors"
        aria-invalid={errors.invitation ? true : undefined}
        className={inputClass}
      />
      <FieldErrors id="invitation-errors" errors={errors.invitation ?? undefined} />
      <SubmitButton value="save" className="mt-3 w-full sm:w-auto" pendingText="Saving…">
        {label}
      </SubmitButton>
    </Form>
  );
}

function Select({
  id,
  label,
  people,
  value,
  errors,
  empty,
}: {
  id: string;
  label: string;
  people: { name: string; handle: string }[];
  value: string | undefined;
  errors: string[] | null | undefined;
  empty: string;
}) {
  return (
    <div className="mt-3">
      <label htmlFor={id} className="block font-medium">
        {label}
      </label>
      <select
        id={id}
        name={id}
        required
        defaultValue={value ?? ""}
        aria-describedby={`${id}-errors`}
        aria-invalid={errors ? true : undefined}
        className={inputClass}
      >
        <option value="">{people.length === 0 ? empty : "Choose…"}</option>
        {people.map((person) => (
          <option key={person.handle} value={person.handle}>
            {person.name} (@{person.handle})
          </option>
        ))}
      </select>
      <FieldErrors id={`${id}-errors`} errors={errors ?? undefined} />
    </div>
  );
}

export default function ManageMentoringProgram() {
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as ActionResult | undefined;
  const { association, program } = page;
  const proposeResult = result?.form === "propose" ? result : undefined;
  const proposeErrors = proposeResult?.errors ?? {};
  return (
    <div className="max-w-3xl">
      <h1 className="mt-4 text-3xl font-bold">Mentoring program</h1>
      <p className="mt-2 text-stone-700">
        Invite the members of {association.name} to take part as mentors, mentees or both, and propose pairs by hand.
        A pair you propose starts only once both members accept. What pairs say to each other stays between them: you see
        whether a proposal was accepted, never their conversation.
      </p>

      <section aria-labelledby="program-title" className="mt-6 rounded-lg border border-stone-200 bg-white p-4 shadow-sm sm:p-5">
        <h2 id="program-title" className="text-xl font-semibold">
          {program ? (program.open ? `Open since ${program.startedOn}` : `Closed on ${program.closedOn}`) : "Not started"}
        </h2>
        {program ? (
          <p className="mt-1 text-stone-700">
            {program.participants.mentors} {program.participants.mentors === 1 ? "member takes" : "members take"} part as a mentor,{" "}
            {program.participants.mentees} as a mentee. <Link to={programPath(association.slug)}>See the page members see</Link>.
          </p>
        ) : (
          <p className="mt-1 text-stone-700">Write the invitation, then start the program. Nobody is told until you send the invitations.</p>
        )}
        <ProgramForm page={page} result={result} />
        {program?.open ? (
          <Form method="post" className="mt-4">
            <SubmitButton name="intent" value="close" variant="secondary" pendingText="Closing…">
              Close the program
            </SubmitButton>
            <p className="mt-1 text-sm text-stone-600">Nobody can opt in and no pair can be proposed while it is closed; mentorships go on.</p>
          </Form>
        ) : null}
      </section>

      {program?.open ? (
        <section aria-labelledby="invite-title" className="mt-6">
          <h2 id="invite-title" className="text-xl font-semibold">
            Invite your members
          </h2>
          <p className="mt-1 text-stone-700">
            Every member not yet taking part (you aside) gets a notification, and an email unless they chose no community
            email.
            {program.invitedOn ? ` Invitations were last sent on ${program.invitedOn}.` : ""}
          </p>
          <FieldErrors id="invite-errors" errors={result?.form === "invite" ? result.errors[""] ?? undefined : undefined} />
          {program.canInvite ? (
            <Form method="post" className="mt-3">
              <SubmitButton name="intent" value="invite" pendingText="Sending…">
                Send the invitations
              </SubmitButton>
            </Form>
          ) : (
            <p className="mt-2 text-stone-700">You can send them again from {program.inviteAgainOn}.</p>
          )}
        </section>
      ) : null}

      {program ? (
        <section aria-labelledby="counts-title" className="mt-8">
          <h2 id="counts-title" className="text-xl font-semibold">
            How the program is going
          </h2>
          <p className="mt-1 text-stone-700">
            Requests and proposals between members taking part since the program started, and every pair it proposed. Each
            number is shown only from {SMALLEST_GROUP_SHOWN} up, so that nobody can be picked out.
          </p>
          <dl className="mt-3 grid grid-cols-2 gap-3 sm:grid-cols-4">
            <Count label="Requests and proposals" count={program.counts.requests} />
            <Count label="Matches (accepted)" count={program.counts.matches} />
            <Count label="Active pairs" count={program.counts.active} />
            <Count label="Ended" count={program.counts.ended} />
          </dl>
        </section>
      ) : null}

      {program?.open ? (
        <section aria-labelledby="propose-title" className="mt-8 rounded-lg border border-stone-200 bg-white p-4 shadow-sm sm:p-5">
          <h2 id="propose-title" className="text-xl font-semibold">
            Propose a pair
          </h2>
          <p className="mt-1 text-stone-700">
            Among members taking part: a mentor who offers to mentor in their mentoring settings, and a mentee. Both are
            told and each accepts or declines.
          </p>
          <Form method="get" className="mt-3 flex flex-wrap items-end gap-2" role="search" aria-label="Participants">
            <div className="min-w-0 flex-1">
              <label htmlFor="q" className="block font-medium">
                Find participants by name
              </label>
              <input id="q" name="q" type="search" defaultValue={page.search} className={inputClass} />
            </div>
            <button type="submit" className={buttonClassName("secondary")}>
              Find
            </button>
          </Form>
          {page.search ? (
            <p className="mt-1 text-sm text-stone-700">
              Showing participants whose name contains “{page.search}”. <Link to={programManagePath(association.slug)}>Show all</Link>
            </p>
          ) : null}
          <Form method="post" className="mt-2">
            <input type="hidden" name="intent" value="propose" />
            <FieldErrors id="propose-errors" errors={proposeErrors[""] ?? undefined} />
            <Select
              id="mentee"
              label="Mentee"
              people={page.mentees}
              value={proposeResult?.values.mentee}
              errors={proposeErrors.mentee}
              empty="Nobody takes part as a mentee yet"
            />
            <Select
              id="mentor"
              label="Mentor"
              people={page.mentors}
              value={proposeResult?.values.mentor}
              errors={proposeErrors.mentor}
              empty="Nobody takes part as a mentor yet"
            />
            <label htmlFor="note" className="mt-3 block font-medium">
              A note to both (optional)
            </label>
            <p id="note-description" className="text-sm text-stone-600">
              Why you think they would work well together.
            </p>
            <textarea
              id="note"
              name="note"
              rows={3}
              maxLength={PROPOSAL_NOTE_MAX}
              defaultValue={proposeResult?.values.note ?? ""}
              aria-describedby="note-description note-errors"
              aria-invalid={proposeErrors.note ? true : undefined}
              className={inputClass}
            />
            <FieldErrors id="note-errors" errors={proposeErrors.note ?? undefined} />
            <SubmitButton value="propose" className="mt-3 w-full sm:w-auto" pendingText="Proposing…">
              Propose the pair
            </SubmitButton>
          </Form>
        </section>
      ) : null}

      {page.proposals.length > 0 ? (
        <section aria-labelledby="proposals-title" className="mt-8">
          <h2 id="proposals-title" className="text-xl font-semibold">
            Pairs you proposed
          </h2>
          <p className="mt-1 text-stone-700">
            While a proposal waits you can withdraw it: both members are told, and the two can be proposed again later.
          </p>
          <ul className="mt-2 divide-y divide-stone-200 rounded-lg border border-stone-200 bg-white">
            {page.proposals.map((proposal) => (
              <li key={proposal.id} className="p-3">
                <p className="font-medium">
                  {proposal.mentorName} mentoring {proposal.menteeName}
                </p>
                <p className="text-sm text-stone-700">
                  {STATUS_WORDS[proposal.status]} · proposed on {proposal.proposedOn}
                </p>
                {proposal.status === "waiting-both" || proposal.status === "waiting-one" ? (
                  <Form method="post" className="mt-2">
                    <input type="hidden" name="intent" value="withdraw" />
                    <SubmitButton
                      name="proposal"
                      value={proposal.id}
                      variant="secondary"
                      pendingText="Withdrawing…"
                      aria-describedby={`withdraw-${proposal.id}-errors`}
                    >
                      Withdraw proposal<span className="sr-only"> of {proposal.mentorName} mentoring {proposal.menteeName}</span>
                    </SubmitButton>
                  </Form>
                ) : null}
                <FieldErrors
                  id={`withdraw-${proposal.id}-errors`}
                  errors={result?.form === "withdraw" ? result.errors[proposal.id] ?? undefined : undefined}
                />
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Mentoring program · CME Commons" }];

export function ErrorBoundary() {
  return <ErrorPage />;
}
