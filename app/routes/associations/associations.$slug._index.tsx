// /associations/:slug — the association's page: what it is, how to join, its
// forum's categories and latest threads the viewer may read, its pathways,
// and links for those who run it.
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ErrorPage } from "~/components/error-page";
import { SubmitButton } from "~/components/ui/button";
import { FieldErrors } from "~/components/ui/field";
import { getAssociationPage } from "~/domain/pages/association-page.server";
import { requestToJoin } from "~/domain/associations/join-requests.server";
import { joinAssociation, leaveAssociation } from "~/domain/associations/memberships.server";
import {
  CATEGORY_VISIBILITY_LABELS,
  JOIN_POLICY_LABELS,
  REQUEST_MESSAGE_MAX,
  ROLE_LABELS,
} from "~/domain/associations/constants";
import { joinRequestSchema } from "~/domain/associations/schemas";
import { canViewInsight } from "~/domain/insight/policy";
import { MODERATION_QUEUE_PATH } from "~/domain/notifications/targets";
import { assertContributor, getActor, requireMember } from "~/utils/auth.server";
import { badRequest, failureInit, failureResponse, notFound } from "~/utils/http.server";
import { enforceRateLimits } from "~/utils/rate-limit.server";
import { readerTimeZone } from "~/domain/members/actor";
import { formatDateIn } from "~/utils/zoned-dates";
import { redirectWithFlash } from "~/utils/flash.server";
import { readForm } from "~/utils/request-body.server";

export { headers } from "~/utils/headers";



export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await getActor(request);
  const page = await getAssociationPage(actor, params.slug ?? "");
  if (!page) throw notFound();
  const url = new URL(request.url);
  return {
    ...page,
    // No extra query: the page head already holds the viewer's role.
    can: { ...page.can, viewInsight: canViewInsight(actor, page.role ? { role: page.role } : null) },
    pendingRequestSince: page.pendingRequestSince ? formatDateIn(page.pendingRequestSince, readerTimeZone(actor)) : null,
    threads: page.threads.map(({ lastPostAt, ...thread }) => ({
      ...thread,
      lastPostOn: formatDateIn(lastPostAt, readerTimeZone(actor)),
      lastPostIso: lastPostAt.toISOString(),
    })),
    loginUrl: `/login?redirectTo=${encodeURIComponent(url.pathname)}`,
    signupUrl: `/signup?redirectTo=${encodeURIComponent(url.pathname)}`,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireMember(request);
  const slug = params.slug ?? "";
  const formData = await readForm(request);
  const intent = formData.get("intent");
  // Joining, or asking to, needs a confirmed address (leaving does not).
  if (intent === "join" || intent === "request") assertContributor(actor);

  if (intent === "join") {
    const result = await joinAssociation(actor, slug);
    if (!result.ok) throw failureResponse(result);
    return redirectWithFlash(`/associations/${slug}`, "Welcome! You are now a member.");
  }
  if (intent === "leave") {
    const result = await leaveAssociation(actor, slug);
    if (!result.ok)
      return data({ leaveError: result.message, messageErrors: null, message: "" }, failureInit(result));
    return redirectWithFlash(`/associations/${slug}`, "You have left the association.");
  }
  if (intent === "request") {
    const submission = parseWithZod(formData, { schema: joinRequestSchema });
    if (submission.status !== "success") {
      const message = formData.get("message");
      return data(
        {
          leaveError: null,
          messageErrors: submission.error?.message ?? ["Check your message"],
          message: typeof message === "string" ? message : "",
        },
        { status: 400 },
      );
    }
    // Each request notifies the moderators: keep asking again within bounds.
    await enforceRateLimits([{ key: `join-request:user:${actor.userId}`, max: 20, windowSeconds: 60 * 60 }]);
    const result = await requestToJoin(actor, slug, submission.value.message);
    if (!result.ok) throw failureResponse(result);
    return redirectWithFlash(
      `/associations/${slug}`,
      "Your request was sent. The owner and moderators will decide on it; you will get a notification.",
    );
  }
  throw badRequest("Unknown action");
}

type PageData = ReturnType<typeof useLoaderData<typeof loader>>;

function roleSentence(role: keyof typeof ROLE_LABELS) {
  if (role === "OWNER") return "You are the owner of this association.";
  if (role === "MODERATOR") return "You are a moderator of this association.";
  return "You are a member of this association.";
}

function MembershipPanel({ page }: { page: PageData }) {
  const result = useActionData<typeof action>();
  const { joinOption, role, can, loginUrl, signupUrl } = page;
  return (
    <section aria-labelledby="membership-title" className="rounded-lg border border-stone-200 bg-white p-4 shadow-sm">
      <h2 id="membership-title" className="text-lg font-semibold">
        Membership
      </h2>
      {role ? (
        <>
          <p className="mt-1 text-stone-800">{roleSentence(role)}</p>
          {page.mentoringOpen ? (
            <p className="mt-2 text-stone-800">
              <Link to={`/associations/${page.association.slug}/mentoring`}>Mentoring program</Link>: find a mentor or
              become one.
            </p>
          ) : null}
          {can.leave ? (
            <Form method="post" className="mt-3">
              <input type="hidden" name="intent" value="leave" />
              <SubmitButton variant="secondary" value="leave" pendingText="Leaving…">
                Leave the association
              </SubmitButton>
            </Form>
          ) : role === "OWNER" ? (
            <p className="mt-2 text-sm text-stone-700">
              To leave, first make another member the owner on the{" "}
              <Link to={`/associations/${page.association.slug}/members`}>members page</Link>.
            </p>
          ) : null}
          {result?.leaveError ? (
            <p role="alert" className="mt-2 text-sm text-red-800">
              {result.leaveError}
            </p>
          ) : null}
        </>
      ) : joinOption === "sign-in" ? (
        <p className="mt-1 text-stone-800">
          <Link to={loginUrl}>Log in</Link> or <Link to={signupUrl}>sign up</Link> to join.
        </p>
      ) : joinOption === "confirm-email" ? (
        <p className="mt-1 text-stone-800">
          To join, first confirm your email address with the link we emailed you (<Link to="/confirm-email">send it
          again</Link>).
        </p>
      ) : joinOption === "join" ? (
        <>
          <p className="mt-1 text-stone-800">Anyone can join this association.</p>
          <Form method="post" className="mt-3">
            <input type="hidden" name="intent" value="join" />
            <SubmitButton value="join" pendingText="Joining…">
              Join the association
            </SubmitButton>
          </Form>
        </>
      ) : joinOption === "request" ? (
        page.pendingRequestSince ? (
          <p className="mt-1 text-stone-800">
            You asked to join on {page.pendingRequestSince}. The owner and moderators will decide; you will get a
            notification when they approve it.
          </p>
        ) : (
          <Form method="post" className="mt-2">
            <input type="hidden" name="intent" value="request" />
            <p className="text-stone-800">The owner and moderators approve each new member.</p>
            <label htmlFor="request-message" className="mt-3 block font-medium">
              A message for them (optional)
            </label>
            <p id="request-message-help" className="text-sm text-stone-600">
              Say who you are and why you would like to join. Up to {REQUEST_MESSAGE_MAX.toLocaleString("en-US")}{" "}
              characters.
            </p>
            <textarea
              id="request-message"
              name="message"
              rows={3}
              maxLength={REQUEST_MESSAGE_MAX}
              defaultValue={result?.message ?? ""}
              aria-describedby="request-message-help request-message-errors"
              aria-invalid={result?.messageErrors ? true : undefined}
              className="mt-1 block w-full rounded-md border border-stone-400 bg-white px-3 py-2 text-base shadow-sm"
            />
            <FieldErrors id="request-message-errors" errors={result?.messageErrors ?? undefined} />
            <SubmitButton className="mt-3" value="request" pendingText="Sending…">
              Ask to join
            </SubmitButton>
          </Form>
        )
      ) : (
        <p className="mt-1 text-stone-800">
          This association welcomes new members by invitation. If you know someone who runs it, ask them for an
          invitation link.
        </p>
      )}
    </section>
  );
}

export default function AssociationPage() {
  const page = useLoaderData<typeof loader>();
  const { association, can, forumSlug } = page;
  const base = `/associations/${association.slug}`;
  const members = `${association.memberCount.toLocaleString("en-US")} ${
    association.memberCount === 1 ? "member" : "members"
  }`;

  return (
    <div>
      <p>
        <Link to="/associations">← All associations</Link>
      </p>
      <header className="mt-3">
        <h1 className="break-words text-3xl font-bold">{association.name}</h1>
        <p className="mt-1 text-stone-700">
          {can.viewMembers ? <Link to={`${base}/members`}>{members}</Link> : members} ·{" "}
          {JOIN_POLICY_LABELS[association.joinPolicy]}
          {association.website ? (
            <>
              {" · "}
              <a href={association.website} rel="noopener nofollow" className="break-all">
                {association.website.replace(/^https:\/\//, "").replace(/\/$/, "")}
              </a>
            </>
          ) : null}
        </p>
      </header>


      {can.moderate ? (
        <nav
          aria-label="Run the association"
          className="no-print mt-4 rounded-lg border border-brand-100 bg-brand-50 p-3"
        >
          <ul className="flex flex-wrap gap-x-4 gap-y-2">
            <li>
              <Link to={`${base}/members`}>Members and roles</Link>
            </li>
            {page.moderationWaiting !== null ? (
              <li>
                <Link to={MODERATION_QUEUE_PATH}>
                  Moderation queue
                  {page.moderationWaiting > 0
                    ? `: ${page.moderationWaiting} ${page.moderationWaiting === 1 ? "post" : "posts"} waiting`
                    : ""}
                </Link>
                {page.moderationWaiting === 0 ? <span className="text-stone-700"> (nothing waiting)</span> : null}
              </li>
            ) : null}
            {can.reviewRequests ? (
              <li>
                <Link to={`${base}/requests`}>Join requests</Link>
              </li>
            ) : null}
            {can.invite ? (
              <li>
                <Link to={`${base}/invitations`}>Invitation links</Link>
              </li>
            ) : null}
            {can.importMembers ? (
              <li>
                <Link to={`${base}/import`}>Import members</Link>
              </li>
            ) : null}
            {can.manage ? (
              <li>
                <Link to={`${base}/settings`}>Settings and categories</Link>
              </li>
            ) : null}
            {can.viewInsight ? (
              <li>
                <Link to={`${base}/insight`}>Insight</Link>
              </li>
            ) : null}
            {can.manage ? (
              <li>
                <Link to={`${base}/mentoring/manage`}>Mentoring program</Link>
              </li>
            ) : null}
          </ul>
        </nav>
      ) : null}

      <div className="mt-6 grid gap-6 lg:grid-cols-[minmax(0,1fr)_18rem] lg:grid-rows-[auto_auto_1fr]">
        <div className="lg:col-start-2 lg:row-start-1">
          <MembershipPanel page={page} />
        </div>
        <div className="min-w-0 lg:col-start-1 lg:row-span-3 lg:row-start-1">
          <section aria-labelledby="about-title">
            <h2 id="about-title" className="sr-only">
              About
            </h2>
            <div
              className="prose-content break-words"
              dangerouslySetInnerHTML={{ __html: association.descriptionHtml }}
            />
          </section>

          <section aria-labelledby="forum-title" className="mt-8">
            <h2 id="forum-title" className="text-2xl font-semibold">
              Forum
            </h2>
            {page.categories.length === 0 || !forumSlug ? (
              <p className="mt-2 text-stone-700">
                {page.role ? "The forum has no categories yet." : "Join to read the association’s discussions."}
              </p>
            ) : (
              <ul className="mt-3 space-y-3">
                {page.categories.map((category) => (
                  <li key={category.slug} className="rounded-lg border border-stone-200 bg-white p-4">
                    <h3 className="font-semibold">
                      <Link to={`/forums/${forumSlug}/${category.slug}`}>{category.name}</Link>
                    </h3>
                    {category.description ? <p className="mt-1 text-stone-700">{category.description}</p> : null}
                    <p className="mt-1 text-sm text-stone-600">
                      Readable by: {CATEGORY_VISIBILITY_LABELS[category.visibility].toLowerCase()}
                    </p>
                  </li>
                ))}
              </ul>
            )}
            {forumSlug && page.categories.length > 0 ? (
              <p className="mt-3">
                <Link to={`/forums/${forumSlug}`}>Open the forum</Link>
              </p>
            ) : null}
          </section>

          <section aria-labelledby="latest-title" className="mt-8">
            <h2 id="latest-title" className="text-2xl font-semibold">
              Latest discussions
            </h2>
            {page.threads.length === 0 ? (
              <p className="mt-2 text-stone-700">No discussions you can read yet.</p>
            ) : (
              <ul className="mt-3 divide-y divide-stone-200 rounded-lg border border-stone-200 bg-white">
                {page.threads.map((thread) => (
                  <li key={thread.id} className="p-4">
                    <Link to={`/t/${thread.id}/${thread.slug}`} className="break-words font-semibold">
                      {thread.title}
                    </Link>
                    <p className="mt-1 text-sm text-stone-600">
                      {thread.category ? `${thread.category.name} · ` : null}
                      {thread.replyCount} {thread.replyCount === 1 ? "reply" : "replies"} · last post{" "}
                      <time dateTime={thread.lastPostIso}>{thread.lastPostOn}</time>
                    </p>
                  </li>
                ))}
              </ul>
            )}
          </section>
        </div>
        <div className="lg:col-start-2 lg:row-start-2">
          <section
            aria-labelledby="pathways-title"
            className="rounded-lg border border-stone-200 bg-white p-4 shadow-sm"
          >
            <h2 id="pathways-title" className="text-lg font-semibold">
              Pathways
            </h2>
            {page.pathways.length === 0 ? (
              <p className="mt-1 text-stone-700">No pathways published yet.</p>
            ) : (
              <ul className="mt-2 space-y-1">
                {page.pathways.map((pathway) => (
                  <li key={pathway.slug}>
                    <Link to={`/pathways/${pathway.slug}`}>{pathway.title}</Link>
                  </li>
                ))}
              </ul>
            )}
            {can.createPathway ? (
              <p className="mt-3">
                <Link to={`/pathways/new?association=${encodeURIComponent(association.slug)}`}>New pathway</Link>
              </p>
            ) : null}
          </section>
          {page.role || page.statements.length > 0 ? (
            <section
              aria-labelledby="statements-title"
              className="mt-6 rounded-lg border border-stone-200 bg-white p-4 shadow-sm"
            >
              <h2 id="statements-title" className="text-lg font-semibold">
                Statements
              </h2>
              {page.statements.length === 0 ? (
                <p className="mt-1 text-stone-700">No open or adopted statements yet.</p>
              ) : (
                <ul className="mt-2 space-y-1">
                  {page.statements.map((statement) => (
                    <li key={statement.id}>
                      <Link to={`/statements/${statement.id}`}>{statement.title}</Link>{" "}
                      <span className="text-sm text-stone-600">({statement.status === "ADOPTED" ? "adopted" : "open"})</span>
                    </li>
                  ))}
                </ul>
              )}
              {page.moreStatements ? (
                <p className="mt-2 text-sm">
                  <Link to={`/statements?scope=${encodeURIComponent(association.slug)}`}>All of its statements</Link>
                </p>
              ) : null}
              {page.role ? (
                <p className="mt-3">
                  <Link to={`/statements/new?association=${encodeURIComponent(association.slug)}`}>Propose a statement</Link>
                </p>
              ) : null}
            </section>
          ) : null}
        </div>
      </div>
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data: page }) => [
  { title: page ? `${page.association.name} · CME Commons` : "Association not found · CME Commons" },
];

export function ErrorBoundary() {
  return <ErrorPage />;
}
