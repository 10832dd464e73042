// /statements/:id — a statement: its current text, history, consensus,
// signals, endorsements, signatories, author tools and latest comments.
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useState, type ReactNode } from "react";
import { ErrorPage } from "~/components/error-page";
import { SubmitButton } from "~/components/ui/button";
import { FieldErrors } from "~/components/ui/field";
import { threadPath } from "~/domain/discussions/constants";
import { getStatementAccess } from "~/domain/statements/access.server";
import { canAdoptUnsigned, STATUS_LABELS, type StatementStatusName } from "~/domain/statements/policy";
import { COAUTHOR_QUERY_MIN } from "~/domain/statements/constants";
import { ADOPTION_CONFIRM_MESSAGE, ADOPTION_REASON_MAX, CONSENSUS_MIN_SIGNALS, ENDORSEMENT_NOTE_MAX, SIGNAL_OPTIONS } from "~/domain/statements/constants";
import { adoptSchema, coauthorSchema, endorseSchema, signalSchema } from "~/domain/statements/schemas";
import {
  addCoauthor,
  adoptStatement,
  archiveStatement,
  endorse,
  featureStatement,
  findCoauthorCandidates,
  getStatementPage,
  openStatement,
  removeCoauthor,
  setSignal,
  unfeatureStatement,
  withdrawEndorsement,
} from "~/domain/statements/statements.server";
import { assertContributor, getActor, requireMember } from "~/utils/auth.server";
import { badRequest, canonicalUrl, forbidden, formFailure, notFound, numberParam, okOrThrow } from "~/utils/http.server";
import { describeHtml, pageMeta } from "~/utils/page-meta";
import { readerTimeZone } from "~/domain/members/actor";
import { useTimeZone } from "~/utils/time-zone";
import { formatDateIn } from "~/utils/zoned-dates";
import type { Failure } from "~/utils/result";
import { redirectWithFlash } from "~/utils/flash.server";
import { readForm } from "~/utils/request-body.server";

export { headers } from "~/utils/headers";

const NOTICES = {
  signal: "Your signal is saved.",
  endorsed: "Your signature is recorded. Thank you.",
  adopted: "The statement is adopted: this version is now frozen.",
  "auto-adopted": "You signed this version, and it reached its endorsement threshold: the statement is adopted.",
  withdrawn: "Your signature on this version was withdrawn.",
  opened: "The statement is open: members can now suggest revisions, signal and sign.",
  archived: "The statement is archived.",
  featured: "The statement is featured on your profile.",
  unfeatured: "The statement is no longer featured on your profile.",
  coauthor: "Co-authors updated.",
} as const;


export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await getActor(request);
  const access = await getStatementAccess(actor, params.id ?? "");
  if (!access) throw notFound("No such statement");
  const page = await getStatementPage(actor, access);
  const url = new URL(request.url);
  const { statement, can } = access;
  // The author looking for a co-author by name (a GET form, so it works without JavaScript).
  const coauthorQuery = actor.kind === "member" && can.manageCoauthors ? url.searchParams.get("coauthor") : null;
  const coauthorSearch =
    actor.kind === "member" && coauthorQuery !== null
      ? { query: coauthorQuery, matches: okOrThrow(await findCoauthorCandidates(actor, statement.id, coauthorQuery)) }
      : null;
  return {
    coauthorSearch,
    statement: {
      id: statement.id,
      title: statement.title,
      status: statement.status,
      association: statement.association,
      currentVersion: statement.currentVersion,
      adoptedVersion: statement.adoptedVersion,
    },
    can,
    // Adoption is confirmed with the count of signatures on the version; a version nobody signed
    // is offered only to a site administrator, who must give a reason.
    adoption: can.adopt
      ? { signatures: page.signatories.total, unsignedAllowed: canAdoptUnsigned(actor) }
      : null,
    signedIn: actor.kind === "member",
    loginUrl: `/login?redirectTo=${encodeURIComponent(url.pathname)}`,
    // For search engines and link previews (an adopted community statement is public).
    description: describeHtml(page.textHtml) || `A statement of who CME professionals are, on CME Commons.`,
    canonicalUrl: canonicalUrl(request, `/statements/${statement.id}`),
    ...page,
    history: page.history.map((h) => ({ ...h, on: formatDateIn(h.at, readerTimeZone(actor)) })),
    comments: page.comments.map((c) => ({ ...c, on: formatDateIn(c.createdAt, readerTimeZone(actor)) })),
    signatories: {
      total: page.signatories.total,
      items: page.signatories.items.map((s) => ({ ...s, on: formatDateIn(s.signedAt, readerTimeZone(actor)) })),
    },
  };
}

/** A refusal as the page shows it (a notice); 403/404 go to the error page instead. */
function failed(result: Failure) {
  return formFailure(result, {
    intent: null as string | null,
    message: result.message,
    fieldErrors: result.fieldErrors ?? null,
    handle: "",
  });
}

/** The version number a form was showing (its hidden "version" field), if it sent one. */
function seenVersion(formData: FormData): number | undefined {
  return numberParam(formData.get("version"));
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireMember(request);
  const id = params.id ?? "";
  const access = await getStatementAccess(actor, id);
  if (!access) throw notFound("No such statement");
  const formData = await readForm(request);
  const intent = formData.get("intent");
  const back = (done: keyof typeof NOTICES, anchor = "") => redirectWithFlash(`/statements/${id}${anchor}`, NOTICES[done]);
  // Adding to a statement (a signal, a signature, a co-author, opening it) needs a confirmed address.
  if (intent === "signal" || intent === "endorse" || intent === "open" || intent === "add-coauthor") assertContributor(actor);

  switch (intent) {
    case "signal": {
      const submission = parseWithZod(formData, { schema: signalSchema });
      if (submission.status !== "success") {
        return data({ intent, message: "Choose agree, disagree or unsure.", fieldErrors: null, handle: "" }, { status: 400 });
      }
      const result = await setSignal(actor, id, submission.value.kind);
      return result.ok ? back("signal", "#signal") : failed(result);
    }
    case "endorse": {
      const submission = parseWithZod(formData, { schema: endorseSchema });
      if (submission.status !== "success") {
        return data(
          { intent, message: `Keep the note under ${ENDORSEMENT_NOTE_MAX} characters.`, fieldErrors: null, handle: "" },
          { status: 400 },
        );
      }
      const result = await endorse(actor, id, submission.value.note, seenVersion(formData));
      if (!result.ok) return failed(result);
      return back(result.value.adopted ? "auto-adopted" : "endorsed", "#endorse");
    }
    case "withdraw": {
      const result = await withdrawEndorsement(actor, id);
      return result.ok ? back("withdrawn", "#endorse") : failed(result);
    }
    case "open": {
      const result = await openStatement(actor, id);
      return result.ok ? back("opened") : failed(result);
    }
    case "adopt": {
      if (!access.can.adopt) {
        throw forbidden("Only the association's owner and moderators (or site administrators for community statements) can adopt a statement.");
      }
      const typedReason = String(formData.get("reason") ?? "");
      const submission = parseWithZod(formData, { schema: adoptSchema });
      if (submission.status !== "success") {
        const errors = submission.error ?? {};
        return data(
          {
            intent,
            message: errors.version?.[0] ?? null,
            fieldErrors: { confirm: errors.confirm ?? [], reason: errors.reason ?? [] } as Record<string, string[]>,
            handle: "",
            reason: typedReason,
          },
          { status: 400 },
        );
      }
      const { version, reason } = submission.value;
      const result = await adoptStatement(actor, id, version, reason);
      if (!result.ok && result.reason === "invalid") {
        return data(
          { intent, message: null, fieldErrors: { confirm: [], reason: result.fieldErrors?.reason ?? [] } as Record<string, string[]>, handle: "", reason: typedReason },
          { status: 400 },
        );
      }
      return result.ok ? back("adopted") : failed(result);
    }
    case "archive": {
      const result = await archiveStatement(actor, id);
      return result.ok ? back("archived") : failed(result);
    }
    case "feature": {
      const result = await featureStatement(actor, id);
      return result.ok ? back("featured") : failed(result);
    }
    case "unfeature": {
      const result = await unfeatureStatement(actor);
      return result.ok ? back("unfeatured") : failed(result);
    }
    case "add-coauthor": {
      if (!access.can.manageCoauthors) throw forbidden("Only the author can choose co-authors.");
      const submission = parseWithZod(formData, { schema: coauthorSchema });
      const typed = String(formData.get("handle") ?? "");
      if (submission.status !== "success") {
        return data(
          { intent, message: null, fieldErrors: { handle: submission.error?.handle ?? ["Enter a member's handle"] }, handle: typed },
          { status: 400 },
        );
      }
      const result = await addCoauthor(actor, id, submission.value.handle);
      if (!result.ok) {
        if (result.reason === "invalid") {
          return data({ intent, message: null, fieldErrors: result.fieldErrors ?? null, handle: typed }, { status: 400 });
        }
        return failed(result);
      }
      return back("coauthor", "#coauthors");
    }
    case "remove-coauthor": {
      const result = await removeCoauthor(actor, id, String(formData.get("userId") ?? ""));
      return result.ok ? back("coauthor", "#coauthors") : failed(result);
    }
    default:
      throw badRequest("Unknown action");
  }
}

type PageData = ReturnType<typeof useLoaderData<typeof loader>>;

function StatusBadge({ status }: { status: StatementStatusName }) {
  const colours: Record<StatementStatusName, string> = {
    DRAFT: "bg-stone-100 text-stone-800 border-stone-400",
    OPEN: "bg-sky-50 text-sky-900 border-sky-700",
    ADOPTED: "bg-emerald-50 text-emerald-900 border-emerald-700",
    ARCHIVED: "bg-stone-100 text-stone-700 border-stone-500",
  };
  return (
    <span className={`inline-block rounded border px-2 py-0.5 text-sm font-semibold ${colours[status]}`}>
      Status: {STATUS_LABELS[status]}
    </span>
  );
}

const HISTORY_TEXT: Record<StatementStatusName, string> = {
  DRAFT: "Drafted",
  OPEN: "Opened for revisions and endorsements",
  ADOPTED: "Adopted",
  ARCHIVED: "Archived",
};

function ProfileLink({ person }: { person: { handle: string; displayName: string } | null }) {
  if (!person || !person.handle) return <>a former member</>;
  return <Link to={`/members/${person.handle}`}>{person.displayName}</Link>;
}

function Panel({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section id={id} aria-labelledby={`${id}-title`} className="mt-6 rounded-lg border border-stone-200 bg-white p-4 shadow-sm">
      <h2 id={`${id}-title`} className="text-xl font-semibold">
        {title}
      </h2>
      {children}
    </section>
  );
}

/** Finding a co-author by name or handle: a GET search, then an "Add as co-author" button per match. */
function CoauthorSearch({ search, association }: { search: PageData["coauthorSearch"]; association: string | null }) {
  const query = search?.query.trim() ?? "";
  return (
    <div className="mt-3">
      <Form method="get" preventScrollReset>
        <label htmlFor="coauthor-search" className="block font-medium">
          Find a co-author by name or handle
        </label>
        <div className="mt-1 flex flex-wrap gap-2">
          <input
            id="coauthor-search"
            name="coauthor"
            type="search"
            defaultValue={search?.query ?? ""}
            className="block min-w-0 flex-1 rounded-md border border-stone-400 bg-white px-3 py-2"
          />
          <SubmitButton variant="secondary" pendingText="Searching…">
            Search
          </SubmitButton>
        </div>
      </Form>
      {search ? (
        <div role="status" className="mt-2">
          {query.replace(/^@/, "").length < COAUTHOR_QUERY_MIN ? (
            <p className="text-sm text-stone-700">Type at least {COAUTHOR_QUERY_MIN} letters of a name or handle.</p>
          ) : search.matches.length === 0 ? (
            <p className="text-sm text-stone-700">
              No one who could co-write this statement matches “{query}”.
              {association ? ` Co-authors must belong to ${association}.` : null}
            </p>
          ) : (
            <ul aria-label={`Members matching “${query}”`} className="divide-y divide-stone-200">
              {search.matches.map((person) => (
                <li key={person.handle} className="flex flex-wrap items-center justify-between gap-2 py-2">
                  <span>
                    <Link to={`/members/${person.handle}`} className="font-semibold">
                      {person.displayName}
                    </Link>{" "}
                    <span className="text-sm text-stone-600">@{person.handle}</span>
                  </span>
                  <Form method="post">
                    <input type="hidden" name="intent" value="add-coauthor" />
                    <input type="hidden" name="handle" value={person.handle} />
                    <SubmitButton className="text-sm" pendingText="Adding…">
                      Add as co-author<span className="sr-only"> {person.displayName}</span>
                    </SubmitButton>
                  </Form>
                </li>
              ))}
            </ul>
          )}
        </div>
      ) : null}
    </div>
  );
}

function Consensus({ page }: { page: PageData }) {
  const c = page.consensus;
  if (!c.shown) {
    return (
      <p className="mt-2 text-stone-700">
        {c.total === 1 ? "1 member has" : `${c.total} members have`} signalled on this version; the picture appears from{" "}
        {CONSENSUS_MIN_SIGNALS}.
      </p>
    );
  }
  const bars = [
    { label: "Agree", count: c.agree, colour: "bg-emerald-700", fill: "fill-emerald-700" },
    { label: "Unsure", count: c.unsure, colour: "bg-amber-400", fill: "fill-amber-400" },
    { label: "Disagree", count: c.disagree, colour: "bg-red-700", fill: "fill-red-700" },
  ];
  return (
    <div className="mt-2">
      <p className="text-stone-800">
        <strong>{c.shareAgreeing}% agree</strong> ({c.agree} agree, {c.unsure} unsure, {c.disagree} disagree; {c.total}{" "}
        signals on version {c.version}).
      </p>
      {/* An SVG, not inline styles: the content security policy allows none. */}
      <svg
        aria-hidden="true"
        focusable="false"
        viewBox="0 0 100 4"
        preserveAspectRatio="none"
        className="mt-2 block h-4 w-full rounded border border-stone-400"
      >
        {bars.map((bar, index) => {
          const x = bars.slice(0, index).reduce((sum, b) => sum + (b.count / c.total) * 100, 0);
          return bar.count > 0 ? (
            <rect key={bar.label} x={x} y={0} width={(bar.count / c.total) * 100} height={4} className={bar.fill} />
          ) : null;
        })}
      </svg>
      <ul className="mt-1 flex flex-wrap gap-x-4 text-sm text-stone-700" aria-hidden="true">
        {bars.map((bar) => (
          <li key={bar.label} className="flex items-center gap-1">
            <span className={`inline-block h-3 w-3 rounded-sm ${bar.colour}`} /> {bar.label} {bar.count}
          </li>
        ))}
      </ul>
    </div>
  );
}

/**
 * Adopting freezes a version for good, so it is asked for twice: the form
 * says how many members signed this version, and a checkbox confirms (an
 * error beside it when left unticked, without JavaScript too). A version
 * nobody has signed is offered only to a site administrator, with a reason.
 */
function AdoptForm({
  version,
  adoption,
  result,
}: {
  version: number;
  adoption: { signatures: number; unsignedAllowed: boolean };
  result: { fieldErrors: { confirm?: string[]; reason?: string[] } | null; reason: string } | null;
}) {
  const { signatures, unsignedAllowed } = adoption;
  // With JavaScript, an unticked box is caught before the request (the server checks it again).
  const [unticked, setUnticked] = useState(false);
  if (signatures === 0 && !unsignedAllowed) {
    return (
      <p className="mt-2 text-stone-700">
        Nobody has signed version {version} yet. It can be adopted once members have signed it.
      </p>
    );
  }
  const confirmErrors = unticked
    ? [ADOPTION_CONFIRM_MESSAGE]
    : result?.fieldErrors?.confirm?.length
      ? result.fieldErrors.confirm
      : undefined;
  const reasonErrors = result?.fieldErrors?.reason?.length ? result.fieldErrors.reason : undefined;
  return (
    <Form
      method="post"
      className="no-print mt-2"
      onSubmit={(event) => {
        const box = event.currentTarget.elements.namedItem("confirm");
        if (box instanceof HTMLInputElement && !box.checked) {
          event.preventDefault();
          setUnticked(true);
          box.focus();
        }
      }}
    >
      <input type="hidden" name="intent" value="adopt" />
      <input type="hidden" name="version" value={version} />
      <p className="text-stone-800">
        {signatures === 0
          ? `Nobody has signed version ${version}.`
          : `${signatures} ${signatures === 1 ? "member has" : "members have"} signed version ${version}.`}{" "}
        Once adopted, its text is frozen: nobody can suggest changes to it, edit it or sign it.
      </p>
      {signatures === 0 ? (
        <div className="mt-3">
          <label htmlFor="adopt-reason" className="block font-medium">
            Why adopt it without signatures? (kept on the statement’s history)
          </label>
          <textarea
            id="adopt-reason"
            name="reason"
            rows={3}
            maxLength={ADOPTION_REASON_MAX}
            required
            defaultValue={result?.reason ?? ""}
            aria-invalid={reasonErrors ? true : undefined}
            aria-describedby="adopt-reason-error"
            className="mt-1 block w-full rounded-md border border-stone-400 bg-white px-3 py-2"
          />
          <FieldErrors id="adopt-reason-error" errors={reasonErrors} />
        </div>
      ) : null}
      <div className="mt-3 flex items-start gap-2">
        <input
          id="adopt-confirm"
          type="checkbox"
          name="confirm"
          value="yes"
          aria-invalid={confirmErrors ? true : undefined}
          aria-describedby="adopt-confirm-error"
          onChange={(event) => {
            if (event.currentTarget.checked) setUnticked(false);
          }}
          className="mt-1 size-4"
        />
        <label htmlFor="adopt-confirm">
          I confirm: adopt version {version}
          {signatures === 0 ? " with no signatures" : ` with ${signatures} ${signatures === 1 ? "signature" : "signatures"}`}.
        </label>
      </div>
      <FieldErrors id="adopt-confirm-error" errors={confirmErrors} />
      <SubmitButton className="mt-3" pendingText="Adopting…">
        Adopt version {version}
      </SubmitButton>
    </Form>
  );
}

export default function StatementPage() {
  const page = useLoaderData<typeof loader>();
  const timeZone = useTimeZone();
  const result = useActionData<typeof action>();
  const { statement, can } = page;
  const base = `/statements/${statement.id}`;
  const mySignalCurrent = page.mySignal && page.mySignal.version === statement.currentVersion ? page.mySignal.kind : null;

  return (
    <article aria-labelledby="statement-title" className="max-w-3xl">
      <p className="text-sm">
        <Link to="/statements">Statements</Link>
        {statement.association ? (
          <>
            {" · "}
            <Link to={`/associations/${statement.association.slug}`}>{statement.association.name}</Link>
          </>
        ) : null}
      </p>
      <h1 id="statement-title" className="text-3xl font-bold">
        {statement.title}
      </h1>
      <div className="mt-2 flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-stone-700">
        <StatusBadge status={statement.status} />
        <span>{statement.association ? `Within ${statement.association.name}` : "Community-wide"}</span>
        <span>
          Version {statement.currentVersion}
          {statement.adoptedVersion ? ` (adopted version ${statement.adoptedVersion})` : ""}
        </span>
        <span>
          By <ProfileLink person={page.author} />
          {page.coauthors.length > 0 ? (
            <>
              {" with "}
              {page.coauthors.map((c, i) => (
                <span key={c.userId}>
                  {i > 0 ? ", " : ""}
                  <ProfileLink person={c} />
                </span>
              ))}
            </>
          ) : null}
        </span>
      </div>

      {result?.message ? (
        <p role="alert" className="mt-4 rounded-md border border-red-700 bg-red-50 p-3 text-red-900">
          {result.message}
        </p>
      ) : null}

      {page.signedEarlier && can.endorse ? (
        <p className="mt-4 rounded-md border border-amber-600 bg-amber-50 p-3 text-amber-950">
          You signed version {page.signedEarlier} — re-confirm version {statement.currentVersion}?{" "}
          <a href="#endorse">Sign this version</a> or{" "}
          <Link to={`${base}/versions/${statement.currentVersion}`}>see what changed</Link>.
        </p>
      ) : null}

      <section aria-labelledby="text-title" className="mt-6">
        <h2 id="text-title" className="sr-only">
          The statement, version {statement.currentVersion}
        </h2>
        <blockquote className="prose-content rounded-lg border-l-4 border-brand-700 bg-white p-4 text-lg shadow-sm" dangerouslySetInnerHTML={{ __html: page.textHtml }} />
        <p className="mt-2 text-sm text-stone-600">
          Version {statement.currentVersion}
          {page.versionWrittenBy ? (
            <>
              {" "}written by <ProfileLink person={page.versionWrittenBy} />
            </>
          ) : null}
          {page.versionCreatedAt ? ` on ${formatDateIn(page.versionCreatedAt, timeZone)}` : ""}.{" "}
          <Link to={`${base}/versions`}>All versions</Link>
        </p>
        <ul className="no-print mt-3 flex flex-wrap gap-3 text-sm">
          {can.editText ? (
            <li>
              <Link to={`${base}/edit`} className="font-semibold">
                Edit the text
              </Link>
            </li>
          ) : null}
          {can.editText ? (
            <li>
              <Link to={`${base}/details`}>Change the details</Link>
            </li>
          ) : null}
          {can.suggest ? (
            <li>
              <Link to={`${base}/suggest`} className="font-semibold">
                Suggest a revision
              </Link>
            </li>
          ) : null}
          {statement.status === "OPEN" || page.pendingSuggestions > 0 ? (
            <li>
              <Link to={`${base}/suggestions`}>Suggestions ({page.pendingSuggestions} waiting)</Link>
            </li>
          ) : null}
        </ul>
      </section>

      {page.rationaleHtml ? (
        <section aria-labelledby="rationale-title" className="mt-6">
          <h2 id="rationale-title" className="text-xl font-semibold">
            Why it matters
          </h2>
          <div className="prose-content mt-2" dangerouslySetInnerHTML={{ __html: page.rationaleHtml }} />
        </section>
      ) : null}
      {page.areas.length > 0 ? (
        <section aria-labelledby="areas-title" className="mt-4">
          <h2 id="areas-title" className="text-base font-semibold">
            Competency areas
          </h2>
          <ul className="mt-1 flex flex-wrap gap-2">
            {page.areas.map((area) => (
              <li key={area.slug}>
                <Link to={`/competencies/${area.slug}`} className="rounded-full border border-stone-300 bg-white px-3 py-1 text-sm">
                  {area.name}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {statement.status !== "DRAFT" ? (
        <Panel id="signal" title="Where members stand">
          <Consensus page={page} />
          {can.signal ? (
            <Form method="post" className="no-print mt-3">
              <input type="hidden" name="intent" value="signal" />
              <fieldset>
                <legend className="font-medium">Your signal on version {statement.currentVersion}</legend>
                {page.mySignal && !mySignalCurrent ? (
                  <p className="text-sm text-stone-600">Your earlier signal was on version {page.mySignal.version}; signal again for this one.</p>
                ) : null}
                <div className="mt-2 flex flex-wrap gap-2">
                  {SIGNAL_OPTIONS.map((option) => (
                    <button
                      key={option.value}
                      type="submit"
                      name="kind"
                      value={option.value}
                      aria-pressed={mySignalCurrent === option.value}
                      className={`rounded-md border px-4 py-2 font-semibold ${
                        mySignalCurrent === option.value
                          ? "border-brand-800 bg-brand-700 text-white"
                          : "border-stone-400 bg-white text-stone-900 hover:bg-stone-100"
                      }`}
                    >
                      {option.label}
                      {mySignalCurrent === option.value ? <span className="sr-only"> (your signal)</span> : null}
                    </button>
                  ))}
                </div>
                {mySignalCurrent ? (
                  <p className="mt-1 text-sm text-stone-700">
                    You said: {SIGNAL_OPTIONS.find((o) => o.value === mySignalCurrent)?.label}. You can change it.
                  </p>
                ) : null}
              </fieldset>
            </Form>
          ) : !page.signedIn && statement.status === "OPEN" ? (
            <p className="mt-2 text-sm">
              <Link to={page.loginUrl}>Log in</Link> to signal and sign.
            </p>
          ) : null}
        </Panel>
      ) : null}

      {statement.status !== "DRAFT" ? (
        <Panel id="endorse" title={`Signatories of version ${statement.currentVersion}`}>
          {can.endorse && !page.signedCurrent ? (
            <Form method="post" className="no-print mt-2">
              <input type="hidden" name="intent" value="endorse" />
              <input type="hidden" name="version" value={statement.currentVersion} />
              <label htmlFor="endorse-note" className="block font-medium">
                A note with your signature (optional)
              </label>
              <input
                id="endorse-note"
                name="note"
                maxLength={ENDORSEMENT_NOTE_MAX}
                aria-describedby="endorse-note-help"
                className="mt-1 block w-full rounded-md border border-stone-400 bg-white px-3 py-2"
              />
              <p id="endorse-note-help" className="text-sm text-stone-600">
                Up to {ENDORSEMENT_NOTE_MAX} characters, shown beside your name.
              </p>
              <SubmitButton className="mt-2" pendingText="Signing…">
                Sign version {statement.currentVersion}
              </SubmitButton>
            </Form>
          ) : null}
          {can.endorse && page.signedCurrent ? (
            <Form method="post" className="no-print mt-2 flex flex-wrap items-center gap-3">
              <input type="hidden" name="intent" value="withdraw" />
              <p>You signed this version.</p>
              <SubmitButton variant="secondary" pendingText="Withdrawing…">
                Withdraw my signature
              </SubmitButton>
            </Form>
          ) : null}
          {page.endorsementThreshold && statement.status === "OPEN" ? (
            <p className="mt-2 text-sm text-stone-700">
              Adopted automatically at {page.endorsementThreshold} signatures on one version.
            </p>
          ) : null}
          {page.signatories.total === 0 ? (
            <p className="mt-2 text-stone-700">No one has signed this version yet.</p>
          ) : (
            <>
              <p className="mt-2 text-stone-700">
                {page.signatories.total} {page.signatories.total === 1 ? "member has" : "members have"} signed.
              </p>
              <ol className="mt-2 divide-y divide-stone-200">
                {page.signatories.items.map((s) => (
                  <li key={s.userId} className="py-2">
                    <Link to={`/members/${s.handle}`} className="font-semibold">
                      {s.displayName}
                    </Link>
                    {s.jobTitle || s.organization ? (
                      <span className="text-stone-700"> — {[s.jobTitle, s.organization].filter(Boolean).join(", ")}</span>
                    ) : null}
                    <span className="text-sm text-stone-600"> · {s.on}</span>
                    {s.note ? <p className="text-stone-800">“{s.note}”</p> : null}
                  </li>
                ))}
              </ol>
            </>
          )}
          {statement.currentVersion > 1 ? (
            <p className="mt-2 text-sm">
              Earlier versions keep their own signatories: <Link to={`${base}/versions`}>see all versions</Link>.
            </p>
          ) : null}
        </Panel>
      ) : null}

      {can.manageCoauthors ? (
        <Panel id="coauthors" title="Co-authors">
          <p className="mt-1 text-sm text-stone-700">Co-authors see the draft, edit the text and decide on suggestions.</p>
          {page.coauthors.length > 0 ? (
            <ul className="mt-2 divide-y divide-stone-200">
              {page.coauthors.map((c) => (
                <li key={c.userId} className="flex flex-wrap items-center justify-between gap-2 py-2">
                  <ProfileLink person={c} />
                  <Form method="post">
                    <input type="hidden" name="intent" value="remove-coauthor" />
                    <input type="hidden" name="userId" value={c.userId} />
                    <SubmitButton variant="secondary" className="text-sm">
                      Remove<span className="sr-only"> {c.displayName}</span>
                    </SubmitButton>
                  </Form>
                </li>
              ))}
            </ul>
          ) : null}
          <CoauthorSearch search={page.coauthorSearch} association={statement.association?.name ?? null} />
          <Form method="post" className="mt-4">
            <input type="hidden" name="intent" value="add-coauthor" />
            <label htmlFor="coauthor-handle" className="block font-medium">
              Add a co-author by handle
            </label>
            <div className="mt-1 flex flex-wrap gap-2">
              <input
                id="coauthor-handle"
                name="handle"
                defaultValue={result?.intent === "add-coauthor" ? result.handle : ""}
                aria-invalid={result?.fieldErrors?.handle ? true : undefined}
                aria-describedby="coauthor-handle-error"
                className="block min-w-0 flex-1 rounded-md border border-stone-400 bg-white px-3 py-2"
              />
              <SubmitButton pendingText="Adding…">Add</SubmitButton>
            </div>
            <FieldErrors id="coauthor-handle-error" errors={result?.fieldErrors?.handle} />
          </Form>
        </Panel>
      ) : null}

      {page.adoption ? (
        <Panel id="adopt" title={`Adopt version ${statement.currentVersion}`}>
          <AdoptForm
            version={statement.currentVersion}
            adoption={page.adoption}
            result={result && "reason" in result ? result : null}
          />
        </Panel>
      ) : null}

      {can.open || can.archive || can.feature ? (
        <Panel id="actions" title="Next steps">
          <div className="no-print mt-2 flex flex-wrap gap-3">
            {can.open ? (
              <Form method="post">
                <input type="hidden" name="intent" value="open" />
                <SubmitButton pendingText="Opening…">Open for revisions and endorsements</SubmitButton>
              </Form>
            ) : null}
            {can.feature ? (
              <Form method="post">
                <input type="hidden" name="intent" value={page.featuredByMe ? "unfeature" : "feature"} />
                <SubmitButton variant="secondary">
                  {page.featuredByMe ? "Remove from my profile" : "Feature on my profile"}
                </SubmitButton>
              </Form>
            ) : null}
            {can.archive ? (
              <Form method="post">
                <input type="hidden" name="intent" value="archive" />
                <SubmitButton variant="secondary" pendingText="Archiving…">
                  Archive
                </SubmitButton>
              </Form>
            ) : null}
          </div>
          {can.open ? (
            <p className="mt-2 text-sm text-stone-700">
              Opening makes it visible {statement.association ? `to ${statement.association.name}'s members` : "to everyone"} and starts a
              discussion thread for comments. It cannot go back to draft.
            </p>
          ) : null}
        </Panel>
      ) : null}

      {page.thread ? (
        <Panel id="comments" title="Comments">
          <p className="mt-1">
            <Link to={threadPath(page.thread)} className="font-semibold">
              Discuss this statement — {page.thread.replyCount} {page.thread.replyCount === 1 ? "comment" : "comments"}
            </Link>
          </p>
          {page.comments.length > 0 ? (
            <ol className="mt-3 space-y-3">
              {page.comments.map((c) => (
                <li key={c.id} className="rounded-md border border-stone-200 p-3">
                  <p className="text-sm text-stone-600">
                    <ProfileLink person={c.author} /> · {c.on}
                  </p>
                  <div className="prose-content mt-1" dangerouslySetInnerHTML={{ __html: c.bodyHtml }} />
                </li>
              ))}
            </ol>
          ) : null}
        </Panel>
      ) : null}

      <Panel id="history" title="History">
        <ol className="mt-2 space-y-1">
          {page.history.map((h) => (
            <li key={h.id}>
              <span className="font-medium">{HISTORY_TEXT[h.toStatus]}</span> on {h.on}{" "}
              {h.actor ? (
                <>
                  by <ProfileLink person={h.actor} />
                </>
              ) : (
                "automatically"
              )}
              {h.note ? <span className="text-stone-700"> — {h.note}</span> : null}
            </li>
          ))}
        </ol>
      </Panel>
    </article>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data: page }) =>
  page
    ? pageMeta({ title: `${page.statement.title} · CME Commons`, description: page.description, url: page.canonicalUrl })
    : [{ title: "Statement · CME Commons" }];

export function ErrorBoundary() {
  return <ErrorPage />;
}
