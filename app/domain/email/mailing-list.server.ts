/**
 * Mailing-list mode (Settings → Email): every new post in the categories and
 * threads a member watches and in their associations' forums, each as its
 * own email, at once, whether or not they read it on the site — for members
 * who read the community in their mail client, and answer from it.
 *
 * discussions/alerts.server.ts enqueues one "mailing-list-post" job per new
 * post after it commits. The job finds the members in mailing-list mode who
 * follow where it was posted, keeps those who may see the thread (the same
 * canViewThread as every list, with their membership, from one query),
 * writes their emails in one statement (dedupe key per post and member:
 * each is written once) and delivers them. Every email of a thread has the
 * same subject and references the same root, so mail clients thread them,
 * and its Reply-To is the member's reply address for the thread.
 */
import { z } from "zod";
import { canViewThread, type ThreadFacts } from "~/domain/discussions/policy";
import { postPath } from "~/domain/discussions/schemas";
import { recipientActor } from "~/domain/members/actor";
import { prisma } from "~/utils/db.server";
import { deliverEmail, siteOrigin } from "~/utils/email.server";
import type { ClaimedJob } from "~/utils/jobs.server";
import { COLORS, html, shorten, textFromHtml } from "~/utils/email-render";
import { composeCommunityEmail } from "./compose.server";
import { addressSigner } from "./reply-addresses.server";
import { threadHeaders } from "./threading.server";
import { unsubscribeUrl } from "./unsubscribe.server";

const payloadSchema = z.object({ postId: z.string().min(1) });
/** Posts are mailed whole up to this length (a post's limit is 20,000 characters). */
const POST_TEXT_LENGTH = 20_000;

type PostRow = {
  id: string;
  number: number;
  bodyHtml: string;
  authorId: string | null;
  authorName: string | null;
  threadId: string;
  threadSlug: string;
  title: string;
  mailNumber: number;
  categoryId: string;
  categoryName: string;
  forumSlug: string;
  forumName: string;
  threadAuthorId: string | null;
} & Omit<ThreadFacts, "authorId">;

type RecipientRow = {
  id: string;
  email: string;
  role: "MEMBER" | "ADMIN";
  mailNumber: number;
  replyKeyVersion: number;
  membershipRole: "OWNER" | "MODERATOR" | "MEMBER" | null;
};

export const mailingListDedupeKey = (postId: string, userId: string) => `mailing-list:${postId}:${userId}`;

/** The "mailing-list-post" job. */
export async function runMailingListPost(job: ClaimedJob, _now: Date): Promise<void> {
  const { postId } = payloadSchema.parse(job.payload);
  const [post] = await prisma.$queryRaw<PostRow[]>`
    SELECT p."id", p."number", p."bodyHtml", p."authorId", pr."displayName" AS "authorName",
           t."id" AS "threadId", t."slug" AS "threadSlug", t."title", t."mailNumber", t."categoryId",
           t."visibility"::text AS "visibility", t."associationId", t."authorId" AS "threadAuthorId",
           t."kind"::text AS "kind", t."lockedAt", t."deletedAt",
           c."name" AS "categoryName", f."slug" AS "forumSlug", f."name" AS "forumName"
      FROM "Post" p
      JOIN "Thread" t ON t."id" = p."threadId"
      JOIN "Category" c ON c."id" = t."categoryId"
      JOIN "Forum" f ON f."id" = t."forumId"
      LEFT JOIN "Profile" pr ON pr."userId" = p."authorId"
     WHERE p."id" = ${postId} AND p."deletedAt" IS NULL AND p."hiddenAt" IS NULL AND t."deletedAt" IS NULL`;
  if (!post) return;
  const thread: ThreadFacts = {
    visibility: post.visibility,
    associationId: post.associationId,
    authorId: post.threadAuthorId,
    kind: post.kind,
    lockedAt: post.lockedAt,
    deletedAt: post.deletedAt,
  };

  // Candidates on indexes: CategoryWatch (categoryId), ThreadReader (threadId, watching), AssociationMembership (associationId).
  const candidates = await prisma.$queryRaw<RecipientRow[]>`
    SELECT u."id", u."email", u."role"::text AS "role", u."mailNumber", u."replyKeyVersion", m."role"::text AS "membershipRole"
      FROM (
        SELECT w."userId" AS "id" FROM "CategoryWatch" w WHERE w."categoryId" = ${post.categoryId}
        UNION SELECT r."userId" FROM "ThreadReader" r WHERE r."threadId" = ${post.threadId} AND r."watching"
        UNION SELECT a."userId" FROM "AssociationMembership" a WHERE a."associationId" = ${post.associationId}
      ) candidate
      JOIN "User" u ON u."id" = candidate."id" AND u."mailingListMode"
      LEFT JOIN "AssociationMembership" m ON m."userId" = u."id" AND m."associationId" = ${post.associationId}
     WHERE u."id" IS DISTINCT FROM ${post.authorId}`;
  const recipients = candidates.filter((user) =>
    canViewThread(recipientActor(user), thread, user.membershipRole ? { role: user.membershipRole } : null),
  );
  if (recipients.length === 0) return;

  const signer = await addressSigner();
  const url = siteOrigin() + postPath({ id: post.threadId, slug: post.threadSlug }, post.number);
  const author = post.authorName ?? "A former member";
  const text = shorten(textFromHtml(post.bodyHtml), POST_TEXT_LENGTH, { keepLines: true });
  const where = `${post.forumName} · ${post.categoryName}`;
  const subject = `[${post.forumName}] ${post.title}`;
  const intro = post.number === 1 ? `${author} started a thread in ${where}:` : `${author} replied in ${where}:`;

  const emails = await Promise.all(
    recipients.map(async (user) => {
      const replyAddress = signer.address("reply", user, post.mailNumber);
      const email = composeCommunityEmail({
        to: user.email,
        userId: user.id,
        unsubscribeUrl: await unsubscribeUrl(user.id),
        kind: "mailing-list",
        dedupeKey: mailingListDedupeKey(post.id, user.id),
        subject,
        preheader: shorten(text, 120),
        text: [intro, "", text, "", `On the site: ${url}`, ...(replyAddress ? ["Answer this email to reply in the thread."] : [])].join("\n"),
        bodyHtml: [
          html.paragraph(intro, `color:${COLORS.muted};font-size:14px;`),
          // The text, not the post's HTML: its links (mentions) are relative to the site.
          html.quote(text),
          html.paragraphHtml(
            `${html.link(url, "Open it on the site")}${replyAddress ? " · Answer this email to reply in the thread." : ""}`,
            "margin-top:16px;font-size:14px;",
          ),
        ].join("\n"),
        reason:
          "You get this email because you turned on mailing-list mode on CME Commons: every new post in what you watch and in your associations' forums, as it is posted.",
        threadHeaders: threadHeaders({ threadId: post.threadId, postId: post.id, recipientNumber: user.mailNumber, forum: { slug: post.forumSlug, name: post.forumName }, replyAddress }),
      });
      return email;
    }),
  );
  const written = await prisma.outboxEmail.createManyAndReturn({
    data: emails.map((email) => ({
      to: email.to,
      subject: email.subject,
      text: email.text,
      html: email.html ?? null,
      headers: email.headers,
      kind: email.kind!,
      userId: email.userId ?? null,
      dedupeKey: email.dedupeKey ?? null,
    })),
    skipDuplicates: true,
    select: { id: true },
  });
  for (const { id } of written) await deliverEmail(id);
}
