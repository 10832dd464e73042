import { Avatar } from "~/components/avatar";
import { SubmitButton } from "~/components/ui/button";
import type { PostView } from "~/domain/discussions/threads.server";

const dateTimeFormat = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
export const formatDateTime = (iso: string) => `${dateTimeFormat.format(new Date(iso))} UTC`;

const smallButton = "px-3 py-1 text-sm";
const linkButton =
  "inline-flex items-center rounded-md border border-stone-400 bg-white px-3 py-1 text-sm font-semibold text-stone-900 no-underline hover:bg-stone-100";

export type PostContext = {
  threadId: string;
  threadPath: string;
  /** Where a link to post n goes: its anchor on this page, or the page that shows it. */
  postHref: (number: number) => string;
  /** The link that prefills the reply form with a quote of post n. */
  quoteHref: (number: number) => string;
  canReply: boolean;
};

function HiddenFields({ intent, postId }: { intent: string; postId: string }) {
  return (
    <>
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="postId" value={postId} />
    </>
  );
}

/**
 * Links and forms inside a post are plain anchors and forms: the page that
 * holds the posts sends them through Remix with one handler each
 * (`useDelegatedLinks`, `useDelegatedForms`).
 *
 * One post of a thread, with a numbered heading for screen readers ("Post
 * #12 by Ana Pérez"), its state written out (edited, deleted, hidden,
 * unread), and the forms the viewer may use. Every control is a link or a
 * form button, so it works without JavaScript and from the keyboard.
 */
export function Post({
  post,
  context,
  headingLevel = 2,
  idPrefix = "post",
  actions = true,
  showAcceptedBadge = true,
}: {
  post: PostView;
  context: PostContext;
  headingLevel?: 2 | 3;
  idPrefix?: string;
  actions?: boolean;
  /** Off where the post already sits under an "Accepted answer" heading. */
  showAcceptedBadge?: boolean;
}) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  const headingId = `${idPrefix}-${post.number}-heading`;
  const name = post.author?.displayName ?? "A former member";
  return (
    <article aria-labelledby={headingId} className="rounded-lg border border-stone-200 bg-white p-3 shadow-sm sm:p-4">
      <header className="flex flex-wrap items-center gap-x-3 gap-y-1">
        {post.author ? <Avatar name={post.author.displayName} handle={post.author.handle} size="sm" /> : null}
        <Heading id={headingId} className="text-base font-semibold">
          <span className="sr-only">Post #{post.number} by </span>
          {post.author ? <a href={`/members/${post.author.handle}`}>{name}</a> : name}
        </Heading>
        <span className="text-sm text-stone-600">
          <a href={context.postHref(post.number)} className="text-stone-600" aria-label={`Link to post #${post.number}`}>
            #{post.number}
          </a>
          {" · "}
          <time dateTime={post.createdAt}>{formatDateTime(post.createdAt)}</time>
          {post.edited ? (
            <>
              {" · "}
              <a href={`/t/${context.threadId}/posts/${post.number}/history`} className="text-stone-600">
                edited<span className="sr-only"> (see the edit history of post #{post.number})</span>
              </a>
            </>
          ) : null}
        </span>
        {post.accepted && showAcceptedBadge ? (
          <span className="rounded border border-brand-700 px-1.5 py-0.5 text-xs font-semibold text-brand-800">
            <span aria-hidden="true">✓ </span>Accepted answer
          </span>
        ) : null}
        {post.unread ? (
          <span className="rounded bg-brand-700 px-1.5 py-0.5 text-xs font-semibold text-white">Unread</span>
        ) : null}
      </header>

      {post.replyToNumber ? (
        <p className="mt-2 text-sm text-stone-700">
          <a href={context.postHref(post.replyToNumber)}>In reply to #{post.replyToNumber}</a>
        </p>
      ) : null}

      {post.state === "deleted" ? (
        <p className="mt-2 italic text-stone-600">This post was deleted.</p>
      ) : post.state === "hidden" && post.bodyHtml === null ? (
        <p className="mt-2 italic text-stone-600">Hidden by a moderator.</p>
      ) : (
        <>
          {post.state === "hidden" ? (
            <p className="mt-2 rounded border border-amber-300 bg-amber-50 p-2 text-sm text-amber-900">
              Hidden by a moderator: only you{post.isAuthor ? "" : ", the author"} and moderators can see this text.
              {post.hiddenReason ? ` Reason: ${post.hiddenReason}` : ""}
            </p>
          ) : null}
          <div className="prose-content mt-2 break-words" dangerouslySetInnerHTML={{ __html: post.bodyHtml ?? "" }} />
        </>
      )}

      {actions && hasActions(post, context) ? <PostActions post={post} context={context} /> : null}
    </article>
  );
}

/** Whether the viewer has anything to do with the post (no empty toolbar under a hidden post, say). */
function hasActions(post: PostView, context: PostContext) {
  if (post.state === "deleted") return false;
  const { can } = post;
  return (
    can.react ||
    post.helpfulCount > 0 ||
    (context.canReply && post.state === "visible") ||
    can.edit ||
    can.accept ||
    can.delete ||
    can.flag ||
    can.moderate
  );
}

function PostActions({ post, context }: { post: PostView; context: PostContext }) {
  const { can } = post;
  // Flag, hide and delete have a page each (with the post and a way back): fifty copies of their forms made the thread page several times heavier.
  const toolsPath = `/t/${context.threadId}/posts/${post.number}`;
  const helpfulLabel = `${post.helpfulCount} found this helpful`;
  return (
    <div className="no-print mt-3 flex flex-wrap items-center gap-2 border-t border-stone-100 pt-3">
      {can.react ? (
        <form method="post" data-delegated="">
          <HiddenFields intent="helpful" postId={post.id} />
          <input type="hidden" name="helpful" value={post.reactedHelpful ? "0" : "1"} />
          <SubmitButton
            variant={post.reactedHelpful ? "primary" : "secondary"}
            className={smallButton}
            aria-pressed={post.reactedHelpful}
            aria-label={`Helpful (${helpfulLabel})${post.reactedHelpful ? ", marked by you" : ""}`}
          >
            Helpful · {post.helpfulCount}
          </SubmitButton>
        </form>
      ) : post.helpfulCount > 0 && post.state !== "deleted" ? (
        <span className="text-sm text-stone-700">{helpfulLabel}</span>
      ) : null}
      {context.canReply && post.state === "visible" ? (
        <a href={context.quoteHref(post.number)} className={linkButton} data-keep-scroll="">
          Quote<span className="sr-only"> post #{post.number}</span>
        </a>
      ) : null}
      {can.edit ? (
        <a href={`${toolsPath}/edit`} className={linkButton}>
          Edit<span className="sr-only"> post #{post.number}</span>
        </a>
      ) : null}
      {can.accept ? (
        <form method="post" data-delegated="">
          <HiddenFields intent="accept" postId={post.id} />
          <SubmitButton variant="secondary" className={smallButton}>
            Accept as answer<span className="sr-only"> (post #{post.number})</span>
          </SubmitButton>
        </form>
      ) : null}
      {can.delete ? (
        <a href={`${toolsPath}/delete`} className={linkButton}>
          Delete<span className="sr-only"> post #{post.number}</span>
        </a>
      ) : null}
      {can.flag ? (
        <a href={`${toolsPath}/flag`} className={linkButton}>
          Flag<span className="sr-only"> post #{post.number}</span>
        </a>
      ) : null}
      {can.moderate && post.state === "visible" ? (
        <a href={`${toolsPath}/hide`} className={linkButton}>
          Hide<span className="sr-only"> post #{post.number}</span>
        </a>
      ) : null}
      {can.moderate && post.state === "hidden" ? (
        <form method="post" data-delegated="">
          <HiddenFields intent="restore" postId={post.id} />
          <SubmitButton variant="secondary" className={smallButton}>
            Restore<span className="sr-only"> post #{post.number}</span>
          </SubmitButton>
        </form>
      ) : null}
    </div>
  );
}
