// /moderation: flagged posts waiting for a decision, for site administrators
// (everything) and association owners and moderators (their forums).
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { ErrorPage } from "~/components/error-page";
import { SubmitButton } from "~/components/ui/button";
import {
  canUseModerationQueue,
  dismissFlags,
  hidePost,
  listModerationQueue,
  restorePost,
  type QueueItem,
} from "~/domain/discussions/flags.server";
import { postPath } from "~/domain/discussions/constants";
import { FLAG_NOTE_MAX, FLAG_REASON_LABELS, HIDDEN_BY_FLAGS_REASON } from "~/domain/discussions/flag-options";
import { requireMember } from "~/utils/auth.server";
import { badRequest, failureResponse, forbidden } from "~/utils/http.server";
import { useTimeZone } from "~/utils/time-zone";
import { formatDateTimeForReader } from "~/utils/zoned-dates";
import { redirectWithFlash } from "~/utils/flash.server";
import { readForm } from "~/utils/request-body.server";

export { headers } from "~/utils/headers";

const NOTICES = {
  hidden: "The post is hidden and its author has been told.",
  restored: "The post is visible again and its flags are closed.",
  dismissed: "The flags are dismissed; the post stays as it was.",
} as const;

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireMember(request);
  if (!(await canUseModerationQueue(actor))) throw forbidden("Moderators only");
  const params = new URL(request.url).searchParams;
  const after = params.get("after");
  const { items, nextCursor } = await listModerationQueue(actor, after);
  return {
    items,
    isLaterPage: !!after,
    nextPage: nextCursor ? `/moderation?${new URLSearchParams({ after: nextCursor })}` : null,
  };
}

const actionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("hide"), postId: z.string().min(1), reason: z.string().max(FLAG_NOTE_MAX).default("") }),
  z.object({ intent: z.literal("restore"), postId: z.string().min(1) }),
  z.object({ intent: z.literal("dismiss"), postId: z.string().min(1) }),
]);

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireMember(request);
  const parsed = actionSchema.safeParse(Object.fromEntries(await readForm(request)));
  if (!parsed.success) throw badRequest("Choose an action for a flagged post.");
  const input = parsed.data;
  // Each domain call re-fetches the post and checks the actor moderates its forum.
  const result =
    input.intent === "hide"
      ? await hidePost(actor, input.postId, input.reason)
      : input.intent === "restore"
        ? await restorePost(actor, input.postId)
        : await dismissFlags(actor, input.postId);
  if (!result.ok) throw failureResponse(result);
  const done = input.intent === "hide" ? "hidden" : input.intent === "restore" ? "restored" : "dismissed";
  return redirectWithFlash("/moderation", NOTICES[done]);
}


function FlaggedPost({ item }: { item: QueueItem }) {
  const headingId = `flagged-${item.postId}`;
  const timeZone = useTimeZone();
  const threadHref = postPath(item.thread, item.number);
  return (
    <li>
      <article aria-labelledby={headingId} className="rounded-lg border border-stone-200 bg-white p-4 shadow-sm">
        <h2 id={headingId} className="break-words text-lg font-semibold">
          <Link to={threadHref}>
            Post #{item.number} in “{item.thread.title}”
          </Link>
        </h2>
        <p className="text-sm text-stone-600">
          {item.thread.forumName} · by {item.author ? `${item.author.displayName} (@${item.author.handle})` : "a former member"}
        </p>
        {item.hidden ? (
          <p className="mt-2 inline-block rounded bg-amber-100 px-2 py-1 text-sm font-semibold text-amber-900">
            {item.hiddenReason === HIDDEN_BY_FLAGS_REASON || !item.hiddenReason
              ? "Hidden after flags, waiting for your review"
              : `Hidden by a moderator: ${item.hiddenReason}`}
          </p>
        ) : (
          <p className="mt-2 inline-block rounded bg-stone-100 px-2 py-1 text-sm font-semibold text-stone-800">
            Still visible
          </p>
        )}

        <div className="prose-content mt-3 max-h-80 overflow-auto break-words rounded border border-stone-200 bg-stone-50 p-3">
          <div dangerouslySetInnerHTML={{ __html: item.bodyHtml }} />
        </div>

        <h3 className="mt-4 font-semibold">
          {item.flags.length === 1 ? "1 flag" : `${item.flags.length} flags`}
        </h3>
        <ul className="mt-1 space-y-2">
          {item.flags.map((flag) => (
            <li key={flag.id} className="border-l-4 border-stone-300 pl-3 text-sm">
              <span className="font-semibold">{FLAG_REASON_LABELS[flag.reason]}</span> from{" "}
              {flag.by ? <Link to={`/members/${flag.by.handle}`}>{flag.by.displayName}</Link> : "a former member"},{" "}
              <time dateTime={flag.createdAt}>{formatDateTimeForReader(flag.createdAt, timeZone)}</time>
              {flag.note ? <p className="mt-1 whitespace-pre-line break-words text-stone-800">“{flag.note}”</p> : null}
            </li>
          ))}
        </ul>

        <div className="mt-4 grid gap-4 border-t border-stone-200 pt-4 sm:grid-cols-[1fr_auto] sm:items-end">
          <Form method="post">
            <input type="hidden" name="postId" value={item.postId} />
            <label htmlFor={`reason-${item.postId}`} className="block text-sm font-medium">
              Reason shown to the author (optional)
            </label>
            <input
              id={`reason-${item.postId}`}
              name="reason"
              maxLength={FLAG_NOTE_MAX}
              className="mt-1 block w-full rounded-md border border-stone-400 bg-white px-3 py-2 text-base shadow-sm focus:border-brand-700"
            />
            <SubmitButton name="intent" value="hide" variant="danger" className="mt-2" pendingText="Hiding…">
              {item.hidden ? "Keep hidden" : "Hide post"}
            </SubmitButton>
          </Form>
          <div className="flex flex-wrap gap-2">
            {item.hidden ? (
              <Form method="post">
                <input type="hidden" name="postId" value={item.postId} />
                <SubmitButton name="intent" value="restore" variant="secondary" pendingText="Restoring…">
                  Restore and dismiss flags
                </SubmitButton>
              </Form>
            ) : (
              <Form method="post">
                <input type="hidden" name="postId" value={item.postId} />
                <SubmitButton name="intent" value="dismiss" variant="secondary" pendingText="Dismissing…">
                  Dismiss flags
                </SubmitButton>
              </Form>
            )}
          </div>
        </div>
      </article>
    </li>
  );
}

/** How to decide, in a few lines: the same for site administrators and association moderators. */
function ModerationGuidance() {
  return (
    <section aria-labelledby="guidance-title" className="mt-4 rounded-lg border border-stone-200 bg-white p-4 text-sm text-stone-800">
      <h2 id="guidance-title" className="text-base font-semibold">
        Guidance for moderators
      </h2>
      <ul className="mt-2 list-disc space-y-1 pl-5">
        <li>
          Hide a post that is off topic, abusive or advertising, and give a reason: its author reads it. Disagreement
          and criticism alone are no reason to hide a post; dismiss the flags instead.
        </li>
        <li>
          The content of the CHCP® exam is confidential: candidates promise never to pass on its questions, whether from
          memory, in notes, or by photograph or recording. Hide any post, in any category, that shares or asks for
          exam questions, and say so in the reason. Posts about how to prepare, study plans and study groups are
          welcome.
        </li>
      </ul>
    </section>
  );
}

export default function Moderation() {
  const { items, isLaterPage, nextPage } = useLoaderData<typeof loader>();
  return (
    <section aria-labelledby="moderation-title" className="max-w-3xl">
      <h1 id="moderation-title" className="text-3xl font-bold">
        Moderation queue
      </h1>
      <p className="mt-2 text-stone-700">
        Posts members have flagged in the forums you moderate, the longest-waiting first. Three flags hide a post until
        you decide.
      </p>
      <ModerationGuidance />

      {items.length === 0 ? (
        <p className="mt-6 rounded-lg border border-dashed border-stone-300 bg-white p-6 text-stone-700">
          {isLaterPage ? (
            <>
              No more flagged posts. <Link to="/moderation">Back to the start</Link>.
            </>
          ) : (
            "Nothing is waiting: no open flags in the forums you moderate."
          )}
        </p>
      ) : (
        <ul className="mt-6 space-y-6">
          {items.map((item) => (
            <FlaggedPost key={item.postId} item={item} />
          ))}
        </ul>
      )}

      {nextPage || isLaterPage ? (
        <nav aria-label="More flagged posts" className="mt-6 flex flex-wrap justify-between gap-4">
          {isLaterPage ? <Link to="/moderation">← Start of the queue</Link> : <span />}
          {nextPage ? (
            <Link to={nextPage} rel="next">
              Next flagged posts →
            </Link>
          ) : null}
        </nav>
      ) : null}
    </section>
  );
}

export const meta: MetaFunction = () => [{ title: "Moderation queue · CME Commons" }];

export function ErrorBoundary() {
  return <ErrorPage />;
}
