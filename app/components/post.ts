import { avatarClassName, initials, photoClassName } from "~/components/avatar";
import { buttonClassName } from "~/components/ui/button";
import type { PostView } from "~/domain/discussions/threads.server";
import { markup, trustedHtml, type Markup } from "~/utils/html";
// Posts' dates stay UTC, labelled "UTC": a post's string is the same for every reader of the thread
// (visitors included; decision 0012), and the thread page is the site's busiest. Every other date a
// member reads is in their own zone (tests/dates-in-reader-zone.test.ts).
import { formatDateTimeUtc } from "~/utils/dates";


const smallButton = buttonClassName("secondary", "px-3 py-1 text-sm");
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

export type PostOptions = {
  headingLevel?: 2 | 3;
  idPrefix?: string;
  actions?: boolean;
  /** Off where the post already sits under an "Accepted answer" heading. */
  showAcceptedBadge?: boolean;
};

/**
 * One post of a thread, as HTML: a thread page shows fifty, and writing them
 * as a string costs a tenth of rendering them as React elements on the
 * server (docs/decisions/0012). The page puts the string in its list item
 * with `dangerouslySetInnerHTML`, on the server and in the browser alike, so
 * hydration finds the same markup. Everything but the sanitised body is
 * escaped by `markup`.
 *
 * The post has a numbered heading for screen readers ("Post #12 by Ana
 * Pérez"), its state written out (edited, deleted, hidden, unread), and the
 * tools the viewer may use. Every control is a plain link or form, so it works
 * without JavaScript and from the keyboard; with it, the element holding the
 * posts sends them through Remix (`usePostMarkupNavigation`,
 * components/post-markup-navigation.ts): a toolbar form is marked
 * `data-delegated` for it.
 */
export function postHtml(post: PostView, context: PostContext, options: PostOptions = {}): string {
  const { headingLevel = 2, idPrefix = "post", actions = true, showAcceptedBadge = true } = options;
  const heading = headingLevel === 2 ? "h2" : "h3";
  const headingId = `${idPrefix}-${post.number}-heading`;
  const name = post.author?.displayName ?? "A former member";
  const author = post.author;
  return markup`<article aria-labelledby="${headingId}" class="rounded-lg border border-stone-200 bg-white p-3 shadow-sm sm:p-4"><header class="flex flex-wrap items-center gap-x-3 gap-y-1">${
    author
      ? author.photo
        ? markup`<img src="${author.photo}" alt="" loading="lazy" decoding="async" class="${photoClassName("sm")}">`
        : markup`<span aria-hidden="true" class="${avatarClassName(author.handle, "sm")}">${initials(author.displayName)}</span>`
      : null
  }<${trustedHtml(heading)} id="${headingId}" class="text-base font-semibold"><span class="sr-only">Post #${post.number} by </span>${
    author ? markup`<a href="/members/${author.handle}">${name}</a>` : name
  }</${trustedHtml(heading)}><span class="text-sm text-stone-600"><a href="${context.postHref(post.number)}" class="text-stone-600" aria-label="Link to post #${post.number}">#${post.number}</a> · <time datetime="${post.createdAt}">${formatDateTimeUtc(post.createdAt)}</time>${
    post.edited
      ? markup` · <a href="/t/${context.threadId}/posts/${post.number}/history" class="text-stone-600">edited<span class="sr-only"> (see the edit history of post #${post.number})</span></a>`
      : null
  }</span>${
    post.accepted && showAcceptedBadge
      ? markup`<span class="rounded border border-brand-700 px-1.5 py-0.5 text-xs font-semibold text-brand-800"><span aria-hidden="true">✓ </span>Accepted answer</span>`
      : null
  }${post.unread ? markup`<span class="rounded bg-brand-700 px-1.5 py-0.5 text-xs font-semibold text-white">Unread</span>` : null}</header>${
    post.replyToNumber
      ? markup`<p class="mt-2 text-sm text-stone-700"><a href="${context.postHref(post.replyToNumber)}">In reply to #${post.replyToNumber}</a></p>`
      : null
  }${body(post)}${actions && hasActions(post, context) ? postActions(post, context) : null}</article>`.html;
}

function body(post: PostView): Markup {
  if (post.state === "deleted") return markup`<p class="mt-2 italic text-stone-600">This post was deleted.</p>`;
  if (post.state === "hidden" && post.bodyHtml === null) return markup`<p class="mt-2 italic text-stone-600">Hidden by a moderator.</p>`;
  return markup`${
    post.state === "hidden"
      ? markup`<p class="mt-2 rounded border border-amber-300 bg-amber-50 p-2 text-sm text-amber-900">Hidden by a moderator: only you${post.isAuthor ? "" : ", the author"} and moderators can see this text.${post.hiddenReason ? ` Reason: ${post.hiddenReason}` : ""}</p>`
      : null
  }<div class="prose-content mt-2 break-words">${trustedHtml(post.bodyHtml ?? "")}</div>`;
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

/** A form of the post's toolbar: the thread page's action tells them apart by `intent`. */
function postForm(intent: string, post: PostView, button: Markup, extra: Markup | null = null): Markup {
  return markup`<form method="post" data-delegated=""><input type="hidden" name="intent" value="${intent}"/><input type="hidden" name="postId" value="${post.id}"/>${extra}${button}</form>`;
}

/** A link of the post's toolbar, named for screen readers with the post's number ("Edit post #3"). */
function toolLink(href: string, label: string, post: PostView, keepScroll = false): Markup {
  return markup`<a href="${href}" class="${linkButton}"${keepScroll ? trustedHtml(' data-keep-scroll=""') : null}>${label}<span class="sr-only"> post #${post.number}</span></a>`;
}

function postActions(post: PostView, context: PostContext): Markup {
  const { can } = post;
  // Flag, hide and delete have a page each (with the post and a way back): fifty copies of their forms made the thread page several times heavier.
  const toolsPath = `/t/${context.threadId}/posts/${post.number}`;
  const helpfulLabel = `${post.helpfulCount} found this helpful`;
  return markup`<div class="no-print mt-3 flex flex-wrap items-center gap-2 border-t border-stone-100 pt-3">${
    can.react
      ? postForm(
          "helpful",
          post,
          // The name starts with the visible words (WCAG 2.5.3); aria-pressed says whether the reader marked it.
          markup`<button type="submit" aria-pressed="${post.reactedHelpful ? "true" : "false"}" class="${buttonClassName(post.reactedHelpful ? "primary" : "secondary", "px-3 py-1 text-sm")}">Helpful · ${post.helpfulCount}<span class="sr-only"> found this helpful</span></button>`,
          markup`<input type="hidden" name="helpful" value="${post.reactedHelpful ? "0" : "1"}"/>`,
        )
      : post.helpfulCount > 0
        ? markup`<span class="text-sm text-stone-700">${helpfulLabel}</span>`
        : null
  }${context.canReply && post.state === "visible" ? toolLink(context.quoteHref(post.number), "Quote", post, true) : null}${
    can.edit ? toolLink(`${toolsPath}/edit`, "Edit", post) : null
  }${
    can.accept
      ? postForm("accept", post, markup`<button type="submit" class="${smallButton}">Accept as answer<span class="sr-only"> (post #${post.number})</span></button>`)
      : null
  }${can.delete ? toolLink(`${toolsPath}/delete`, "Delete", post) : null}${can.flag ? toolLink(`${toolsPath}/flag`, "Flag", post) : null}${
    can.moderate && post.state === "visible" ? toolLink(`${toolsPath}/hide`, "Hide", post) : null
  }${
    can.moderate && post.state === "hidden"
      ? postForm("restore", post, markup`<button type="submit" class="${smallButton}">Restore<span class="sr-only"> post #${post.number}</span></button>`)
      : null
  }</div>`;
}
