/**
 * Immediate emails: members who chose "an email for each mention and reply"
 * get one per discussion notification (mention, quote, reply in a watched
 * thread, new thread in a watched category).
 *
 * discussions/alerts.server.ts enqueues a "notification-email" job per such
 * notification, in bulk, when it writes them. The job waits a couple of
 * minutes (a member reading along on the site does not need the email, and a
 * post deleted right away is not mailed) and checks everything again when it
 * runs: the member still wants immediate emails, the notification is unread,
 * the thread and post are still there and visible to them. The email's dedupe
 * key is the notification: it is written once.
 */
import { z } from "zod";
import { EMAILED_NOTIFICATION_KINDS, notificationEmailKey } from "~/domain/discussions/alerts.server";
import { postPath } from "~/domain/discussions/schemas";
import { visibleThreadsWhere } from "~/domain/discussions/policy";
import { recipientActor } from "~/domain/members/actor";
import { unreadNotificationForEmail } from "~/domain/notifications/notifications.server";
import { notificationText, type NotificationKindName } from "~/domain/notifications/targets";
import { prisma } from "~/utils/db.server";
import { deliverEmail, siteOrigin, smtpConfigured, writeOutboxEmail } from "~/utils/email.server";
import type { ClaimedJob } from "~/utils/jobs.server";
import { composeCommunityEmail } from "./compose.server";
import { unsubscribeUrl } from "./unsubscribe.server";
import { addressSigner } from "./reply-addresses.server";
import { threadHeaders } from "./threading.server";
import { COLORS, html, shorten, textFromHtml, wrapText } from "~/utils/email-render";

const POST_TEXT_LENGTH = 1500;

const payloadSchema = z.object({ notificationId: z.string().min(1) });

/**
 * Notifications about other events that become immediate emails too
 * (written through app/utils/notify.server.ts): a flag for moderators, a
 * reviewer's rating, a suggested revision, being made a co-author.
 */
const EMAILED_EVENT_KINDS: readonly string[] = [
  "POST_FLAGGED",
  "REVIEWER_RATING",
  "STATEMENT_SUGGESTION_MADE",
  "STATEMENT_COAUTHOR_ADDED",
  "MENTORING_DECIDED",
  "MENTORING_MESSAGE",
  "MENTORING_ENDED",
  "MENTORING_REPORTED",
  "MENTORING_PROPOSAL_WITHDRAWN",
  "MENTORING_GOAL_SHARED",
] satisfies NotificationKindName[];

/** What the button under an event's sentence says. */
const EVENT_ACTION: Partial<Record<NotificationKindName, string>> = {
  POST_FLAGGED: "Open the moderation queue",
  REVIEWER_RATING: "See the rating",
  STATEMENT_SUGGESTION_MADE: "Read the suggestion",
  STATEMENT_COAUTHOR_ADDED: "Open the statement",
  MENTORING_DECIDED: "Open it",
  MENTORING_MESSAGE: "Read it in your space",
  MENTORING_ENDED: "Read the reflection",
  MENTORING_REPORTED: "Open the reports",
  MENTORING_PROPOSAL_WITHDRAWN: "Open the proposal",
  MENTORING_GOAL_SHARED: "See it in your space",
};

/**
 * An event's email: the sentence the notifications page shows and a link to
 * where it leads, checked as the member would see it now (unread, still
 * wanting immediate emails, something left to open).
 */
async function sendEventEmail(notificationId: string, dedupeKey: string): Promise<void> {
  const found = await unreadNotificationForEmail(notificationId);
  if (!found || found.user.emailFrequency !== "IMMEDIATE" || !found.href) return;
  const { user, view, href } = found;
  const url = siteOrigin() + href;
  const sentence = notificationText(view);
  const action = EVENT_ACTION[view.kind] ?? "Open it";
  const email = composeCommunityEmail({
    to: user.email,
    userId: user.id,
    unsubscribeUrl: await unsubscribeUrl(user.id),
    kind: "notification",
    dedupeKey,
    subject: sentence,
    preheader: sentence,
    text: [`${sentence}.`, "", `${action}: ${url}`].join("\n"),
    bodyHtml: [html.heading(sentence), html.button(url, action)].join("\n"),
    reason:
      "You get this email because you chose an email for each mention and reply on CME Commons, which also brings reviewers' ratings, news of statements you write and, for moderators, flagged posts.",
  });
  const emailId = await writeOutboxEmail(email);
  if (emailId) await deliverEmail(emailId);
}

/** The "notification-email" job. */
export async function runNotificationEmail(job: ClaimedJob, _now: Date): Promise<void> {
  const { notificationId } = payloadSchema.parse(job.payload);
  const dedupeKey = notificationEmailKey(notificationId);
  const earlier = await prisma.outboxEmail.findUnique({ where: { dedupeKey }, select: { id: true, sentAt: true } });
  if (earlier) {
    if (!earlier.sentAt && smtpConfigured()) await deliverEmail(earlier.id);
    return;
  }

  const notification = await prisma.notification.findUnique({
    where: { id: notificationId },
    select: {
      kind: true,
      readAt: true,
      userId: true,
      threadId: true,
      postId: true,
      user: { select: { email: true, role: true, emailFrequency: true, mailNumber: true, replyKeyVersion: true, mailingListMode: true } },
      actor: { select: { profile: { select: { displayName: true } } } },
      post: { select: { number: true, bodyHtml: true, deletedAt: true, hiddenAt: true } },
      thread: {
        select: { id: true, slug: true, title: true, mailNumber: true, forum: { select: { name: true, slug: true } }, category: { select: { name: true } } },
      },
    },
  });
  if (notification && EMAILED_EVENT_KINDS.includes(notification.kind)) {
    // A flag a moderator dealt with in the meantime needs no email.
    if (notification.kind === "POST_FLAGGED") {
      const open = await prisma.postFlag.count({ where: { postId: notification.postId ?? "", resolvedAt: null } });
      if (open === 0) return;
    }
    await sendEventEmail(notificationId, dedupeKey);
    return;
  }
  if (
    !notification ||
    notification.readAt !== null ||
    notification.user.emailFrequency !== "IMMEDIATE" ||
    !EMAILED_NOTIFICATION_KINDS.includes(notification.kind) ||
    !notification.thread ||
    !notification.post ||
    notification.post.deletedAt !== null ||
    notification.post.hiddenAt !== null ||
    // In mailing-list mode the post itself came by email already (mailing-list.server.ts).
    (notification.user.mailingListMode && (notification.kind === "REPLY" || notification.kind === "NEW_THREAD"))
  ) {
    return;
  }
  // The same rule as every list: deleted threads, and threads they may no longer see, are not mailed.
  const actor = recipientActor({ id: notification.userId, role: notification.user.role });
  const visible = await prisma.thread.count({ where: { id: notification.thread.id, ...visibleThreadsWhere(actor) } });
  if (visible === 0) return;

  const { thread, post } = notification;
  const signer = await addressSigner();
  const replyAddress = signer.address("reply", notification.user, thread.mailNumber);
  const url = siteOrigin() + postPath(thread, post.number);
  const sentence = notificationText({
    id: notificationId,
    kind: notification.kind as NotificationKindName,
    read: false,
    createdAt: "",
    actorName: notification.actor?.profile?.displayName ?? null,
    thread: { id: thread.id, slug: thread.slug, title: thread.title },
    threadGone: false,
    postNumber: post.number,
    association: null,
    role: null,
    reason: null,
    pendingReview: false,
  });
  const where = `${thread.forum.name} · ${thread.category.name}`;
  const postText = shorten(textFromHtml(post.bodyHtml), POST_TEXT_LENGTH, { keepLines: true });
  const quoted = wrapText(postText, 70)
    .split("\n")
    .map((line) => (line ? `> ${line}` : ">"))
    .join("\n");

  const email = composeCommunityEmail({
    to: notification.user.email,
    userId: notification.userId,
    unsubscribeUrl: await unsubscribeUrl(notification.userId),
    kind: "notification",
    dedupeKey,
    subject: sentence,
    preheader: shorten(postText, 120),
    text: [
      `${sentence} (${where}):`,
      "",
      quoted,
      "",
      `Read it and reply: ${url}`,
      ...(replyAddress ? ["", "Or answer this email: your reply is posted in the thread as you."] : []),
    ].join("\n"),
    bodyHtml: [
      html.heading(sentence),
      html.paragraph(where, `color:${COLORS.muted};font-size:14px;`),
      html.quote(postText),
      html.button(url, notification.kind === "NEW_THREAD" ? "Read the thread" : "Read and reply"),
      replyAddress ? html.paragraph("Or answer this email: your reply is posted in the thread as you.", `color:${COLORS.muted};font-size:14px;`) : "",
    ]
      .filter(Boolean)
      .join("\n"),
    threadHeaders: threadHeaders({
      threadId: thread.id,
      postId: notification.postId,
      recipientNumber: notification.user.mailNumber,
      forum: thread.forum,
      replyAddress,
    }),
    reason:
      "You get this email because you chose an email for each mention and reply on CME Commons: when someone mentions you, replies to you, posts in a thread you watch or starts a thread in a category you watch.",
  });
  const emailId = await writeOutboxEmail(email);
  if (emailId) await deliverEmail(emailId);
}
