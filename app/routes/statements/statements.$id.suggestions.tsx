// /statements/:id/suggestions — suggested revisions of a statement, each shown as a word diff
// against the version it was written on. The authors and moderators accept or decline (with a
// reason); members withdraw their own pending ones or bring outdated ones up to date.
import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ErrorPage } from "~/components/error-page";
import { readerTimeZone } from "~/domain/members/actor";
import { formatDateTimeForReader } from "~/utils/zoned-dates";
import { SubmitButton } from "~/components/ui/button";
import { TextAreaField } from "~/components/ui/field";
import { FormErrors } from "~/components/ui/form-errors";
import { useLazyValidation, type Constraints } from "~/components/ui/lazy-validation";
import { WordDiff } from "~/components/word-diff";
import { getStatementAccess } from "~/domain/statements/access.server";
import { STATUS_LABELS, statementPath } from "~/domain/statements/policy";
import { declineSuggestionSchema, suggestionDecisionSchema } from "~/domain/statements/schemas";
import {
  accept,
  decline,
  listSuggestions,
  withdraw,
  type SuggestionView,
} from "~/domain/statements/suggestions.server";
import { getActor, requireContributor } from "~/utils/auth.server";
import { formFailure, notFound } from "~/utils/http.server";
import { formConstraint } from "~/utils/form-constraints.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { readForm } from "~/utils/request-body.server";

export { headers } from "~/utils/headers";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await getActor(request);
  const listed = await listSuggestions(actor, params.id ?? "");
  if (!listed) throw notFound("No such statement");
  const { statement, can } = listed;
  return {
    statement: {
      id: statement.id,
      title: statement.title,
      status: statement.status,
      currentVersion: statement.currentVersion,
    },
    canSuggest: can.suggest,
    canDecide: can.decideSuggestions,
    canEditText: can.editText,
    isMember: actor.kind === "member",
    // Dates are formatted here, in the reader's zone: the page's first load stays small (components/post is not part of it).
    suggestions: listed.suggestions.map(
      (suggestion): Suggestion => ({
        ...suggestion,
        sentOn: formatDateTimeForReader(suggestion.createdAt, readerTimeZone(actor)),
        decidedOn: suggestion.decidedAt ? formatDateTimeForReader(suggestion.decidedAt, readerTimeZone(actor)) : null,
      }),
    ),
    pendingCount: listed.pendingCount,
    declineConstraint: formConstraint(declineSuggestionSchema),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireContributor(request);
  const id = params.id ?? "";
  // Only for someone who can see the statement: the same 404 as the page.
  if (!(await getStatementAccess(actor, id))) throw notFound("No such statement");
  const formData = await readForm(request);
  const submission = parseWithZod(formData, { schema: suggestionDecisionSchema });
  const target = String(formData.get("suggestionId") ?? "");
  if (submission.status !== "success") {
    return data({ suggestionId: target, result: submission.reply(), conflict: false }, { status: 400 });
  }
  const input = submission.value;
  const result =
    input.intent === "accept"
      ? await accept(actor, input.suggestionId, { currentVersionSeen: input.currentVersionSeen })
      : input.intent === "decline"
        ? await decline(actor, input.suggestionId, { reason: input.reason })
        : await withdraw(actor, input.suggestionId);
  if (result.ok) {
    // The suggestion's own statement (the same as the URL's for any link the site shows).
    const statementId = result.value.statementId;
    if (input.intent === "accept" && "version" in result.value) {
      const version = result.value.version;
      return redirectWithFlash(
        `${statementPath(statementId)}/versions/${version}`,
        `You accepted the suggestion: it is now version ${version}, and its author has been told.`,
      );
    }
    return redirectWithFlash(
      `${statementPath(statementId)}/suggestions#suggestion-${input.suggestionId}`,
      input.intent === "decline" ? DONE_MESSAGES.declined : DONE_MESSAGES.withdrawn,
    );
  }
  return formFailure(
    result,
    {
      suggestionId: input.suggestionId,
      result: submission.reply(result.fieldErrors ? { fieldErrors: result.fieldErrors } : { formErrors: [result.message] }),
      conflict: Boolean(result.conflict),
    },
  );
}

/** A suggestion as the page shows it, with its dates formatted. */
type Suggestion = SuggestionView & { sentOn: string; decidedOn: string | null };

const STATUS_TEXT: Record<SuggestionView["status"], string> = {
  PENDING: "Waiting for a decision",
  ACCEPTED: "Accepted",
  DECLINED: "Declined",
  WITHDRAWN: "Withdrawn",
};
const STATUS_CLASS: Record<SuggestionView["status"], string> = {
  PENDING: "border-sky-300 bg-sky-50 text-sky-900",
  ACCEPTED: "border-emerald-300 bg-emerald-50 text-emerald-900",
  DECLINED: "border-red-300 bg-red-50 text-red-900",
  WITHDRAWN: "border-stone-300 bg-stone-100 text-stone-800",
};

const DONE_MESSAGES = {
  declined: "The suggestion was declined; its author will see your reason.",
  withdrawn: "Your suggestion was withdrawn.",
} as const;

function Person({ person }: { person: SuggestionView["author"] }) {
  if (!person) return <>a former member</>;
  return <Link to={`/members/${person.handle}`}>{person.displayName}</Link>;
}

function DeclineForm({
  suggestion,
  lastResult,
  constraint,
}: {
  suggestion: SuggestionView;
  lastResult: SubmissionResult<string[]> | undefined;
  constraint: Constraints;
}) {
  const [form, fields] = useForm({
    id: `decline-${suggestion.id}`,
    lastResult,
    constraint,
    ...useLazyValidation(() => import("~/domain/statements/schemas").then((m) => m.declineSuggestionSchema), {
      shouldValidate: "onSubmit",
      shouldRevalidate: "onInput",
    }),
  });
  return (
    <Form method="post" {...getFormProps(form)} className="mt-3">
      <FormErrors id={form.errorId} errors={form.errors} />
      <input type="hidden" name="suggestionId" value={suggestion.id} />
      <TextAreaField
        meta={fields.reason}
        label={
          <>
            Reason for declining<span className="sr-only"> the suggestion by {suggestion.author?.displayName ?? "a former member"}</span>
          </>
        }
        rows={3}
        className="mt-0"
        description="The member who suggested it will see this."
      />
      <SubmitButton name="intent" value="decline" variant="secondary" className="mt-2" pendingText="Declining…">
        Decline
      </SubmitButton>
    </Form>
  );
}

function SuggestionCard({
  suggestion,
  currentVersion,
  canDecide,
  statementId,
  actionData,
  declineConstraint,
}: {
  suggestion: Suggestion;
  currentVersion: number;
  canDecide: boolean;
  statementId: string;
  actionData: ReturnType<typeof useActionData<typeof action>>;
  declineConstraint: Constraints;
}) {
  const headingId = `suggestion-${suggestion.id}-heading`;
  const mine = actionData?.suggestionId === suggestion.id ? actionData : undefined;
  const pending = suggestion.status === "PENDING";
  const name = suggestion.author?.displayName ?? "a former member";
  return (
    <li id={`suggestion-${suggestion.id}`} className="scroll-mt-4">
      <article aria-labelledby={headingId} className="rounded-lg border border-stone-200 bg-white p-3 shadow-sm sm:p-4">
        <header className="flex flex-wrap items-baseline justify-between gap-2">
          <h3 id={headingId} className="font-semibold">
            Suggestion by <Person person={suggestion.author} />
            {suggestion.isOwn ? " (you)" : ""}
          </h3>
          <span className={`rounded-full border px-2 py-0.5 text-sm font-medium ${STATUS_CLASS[suggestion.status]}`}>
            {STATUS_TEXT[suggestion.status]}
          </span>
        </header>
        <p className="text-sm text-stone-700">
          Sent <time dateTime={suggestion.createdAt}>{suggestion.sentOn}</time>, based on version{" "}
          {suggestion.baseVersion}
          {suggestion.outdated ? (
            <strong className="font-semibold text-amber-900"> (outdated: the statement is now at version {currentVersion})</strong>
          ) : null}
        </p>
        {suggestion.note ? <p className="mt-2 text-stone-800">“{suggestion.note}”</p> : null}

        <WordDiff
          className="mt-3"
          before={suggestion.baseText}
          after={suggestion.text}
          beforeLabel={`version ${suggestion.baseVersion}`}
          afterLabel="this suggestion"
        />

        {suggestion.status === "ACCEPTED" ? (
          <p className="mt-3 text-sm text-stone-800">
            Accepted by <Person person={suggestion.decidedBy} />
            {suggestion.decidedAt ? (
              <>
                {" "}
                on <time dateTime={suggestion.decidedAt}>{suggestion.decidedOn}</time>
              </>
            ) : null}
            {suggestion.resultVersion ? (
              <>
                {": "}
                <Link to={`${statementPath(statementId)}/versions/${suggestion.resultVersion}`}>
                  it became version {suggestion.resultVersion}
                </Link>
              </>
            ) : null}
            .
          </p>
        ) : null}
        {suggestion.status === "DECLINED" ? (
          <div className="mt-3 text-sm text-stone-800">
            <p>
              Declined by <Person person={suggestion.decidedBy} />
              {suggestion.decidedAt ? (
                <>
                  {" "}
                  on <time dateTime={suggestion.decidedAt}>{suggestion.decidedOn}</time>
                </>
              ) : null}
              . Reason:
            </p>
            <p className="mt-1 whitespace-pre-wrap border-l-4 border-stone-200 pl-3">{suggestion.declineReason}</p>
          </div>
        ) : null}

        {pending && mine && !mine.conflict && mine.result.error?.[""] ? (
          <p role="alert" className="mt-3 rounded-md border border-red-300 bg-red-50 p-2 text-red-900">
            {mine.result.error[""]?.join(" ")}
          </p>
        ) : null}
        {pending && mine?.conflict ? (
          <p role="alert" className="mt-3 rounded-md border border-amber-400 bg-amber-50 p-2 text-amber-950">
            {mine.result.error?.[""]?.join(" ") ?? "This suggestion needs rebasing on the current text."}
          </p>
        ) : null}

        {pending && (canDecide || suggestion.isOwn) ? (
          <div className="mt-3 border-t border-stone-200 pt-3">
            {canDecide && !suggestion.outdated ? (
              <Form method="post">
                <input type="hidden" name="suggestionId" value={suggestion.id} />
                <input type="hidden" name="currentVersionSeen" value={currentVersion} />
                <SubmitButton name="intent" value="accept" pendingText="Accepting…">
                  Accept as version {currentVersion + 1}
                  <span className="sr-only"> (suggestion by {name})</span>
                </SubmitButton>
              </Form>
            ) : null}
            {canDecide && suggestion.outdated ? (
              <p className="text-sm text-stone-800">
                It can only be accepted once it is based on the current text: its author can bring it up to date, or
                you can decline it.
              </p>
            ) : null}
            {canDecide ? <DeclineForm suggestion={suggestion} lastResult={mine?.result} constraint={declineConstraint} /> : null}
            {suggestion.isOwn ? (
              <div className="mt-3 flex flex-wrap items-center gap-4">
                {suggestion.outdated ? (
                  <Link
                    to={`${statementPath(statementId)}/suggest?rebase=${suggestion.id}`}
                    className="font-semibold"
                  >
                    Bring it up to date with version {currentVersion}
                  </Link>
                ) : null}
                <Form method="post">
                  <input type="hidden" name="suggestionId" value={suggestion.id} />
                  <SubmitButton name="intent" value="withdraw" variant="secondary" pendingText="Withdrawing…">
                    Withdraw my suggestion
                  </SubmitButton>
                </Form>
              </div>
            ) : null}
          </div>
        ) : null}
      </article>
    </li>
  );
}

export default function Suggestions() {
  const page = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { statement } = page;
  const pending = page.suggestions.filter((s) => s.status === "PENDING");
  const decided = page.suggestions.filter((s) => s.status !== "PENDING");
  const back = statementPath(statement.id);
  const card = (suggestion: Suggestion) => (
    <SuggestionCard
      key={suggestion.id}
      suggestion={suggestion}
      currentVersion={statement.currentVersion}
      canDecide={page.canDecide}
      statementId={statement.id}
      actionData={actionData}
      declineConstraint={page.declineConstraint}
    />
  );
  return (
    <section aria-labelledby="suggestions-title" className="max-w-3xl">
      <p className="text-sm">
        <Link to={back}>Back to “{statement.title}”</Link>
      </p>
      <h1 id="suggestions-title" className="mt-1 text-3xl font-bold">
        Suggested revisions
      </h1>
      <p className="mt-2 text-stone-700">
        “{statement.title}” · {STATUS_LABELS[statement.status]} · current text: version {statement.currentVersion} ·{" "}
        <Link to={`${back}/versions`}>all versions</Link>
      </p>
      {page.canSuggest ? (
        <p className="mt-4">
          <Link
            to={`${back}/suggest`}
            className="inline-flex items-center rounded-md bg-brand-700 px-4 py-2 font-semibold text-white no-underline hover:bg-brand-800"
          >
            Suggest a revision
          </Link>
        </p>
      ) : statement.status === "OPEN" && !page.isMember ? (
        <p className="mt-4 text-stone-700">
          <Link to={`/login?redirectTo=${encodeURIComponent(`${back}/suggest`)}`}>Sign in</Link> to suggest a revision.
        </p>
      ) : statement.status !== "OPEN" && statement.status !== "DRAFT" ? (
        <p className="mt-4 text-stone-700">
          This statement is {STATUS_LABELS[statement.status].toLowerCase()}: its text no longer changes.
        </p>
      ) : null}

      <h2 className="mt-8 text-xl font-semibold">Waiting for a decision ({pending.length})</h2>
      {pending.length === 0 ? (
        <p className="mt-2 text-stone-700">No suggestions are waiting.</p>
      ) : (
        <ol className="mt-3 space-y-4">{pending.map(card)}</ol>
      )}

      {decided.length > 0 ? (
        <>
          <h2 className="mt-8 text-xl font-semibold">Decided</h2>
          <ol className="mt-3 space-y-4">{decided.map(card)}</ol>
        </>
      ) : null}
    </section>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Suggested revisions · ${data.statement.title} · CME Commons` : "Suggested revisions · CME Commons" },
];

export function ErrorBoundary() {
  return <ErrorPage />;
}
