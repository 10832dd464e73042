/**
 * Daily and weekly digests: the new threads and replies in a member's
 * associations' forums and in the threads and categories they watch, that
 * they can see when the digest is written.
 *
 * - Periods end at 00:00 UTC (daily) and at Monday 00:00 UTC (weekly).
 *   `scheduleDigests` enqueues one cheap "digest-batch" job per frequency and
 *   period; every instance calls it on every tick, and the job's key makes
 *   that one job.
 * - The batch job enqueues one "digest" job per member on that frequency, in
 *   one INSERT … SELECT.
 * - A digest covers (digestCursor, periodEnd]. It locks the member's row,
 *   gathers, writes the email (its dedupe key is the job's key) and moves the
 *   cursor to periodEnd in one transaction, and delivers after commit. A second
 *   run of the same job (an expired lease, a retry, another worker) waits for
 *   the lock, then finds the cursor already at periodEnd and sends nothing:
 *   each item is mailed once.
 */
import { z } from "zod";
import type { Prisma } from "~/generated/prisma/client";
import { visibleThreadsSql } from "~/domain/discussions/visibility.server";
import { postPath, threadPath } from "~/domain/discussions/schemas";
import { recipientActor } from "~/domain/members/actor";
import { prisma } from "~/utils/db.server";
import { deliverEmail, siteOrigin, smtpConfigured, writeOutboxEmail } from "~/utils/email.server";
import { enqueueJob, type ClaimedJob } from "~/utils/jobs.server";
import { composeCommunityEmail } from "./compose.server";
import { unsubscribeUrl } from "./unsubscribe.server";
import { addressSigner } from "./reply-addresses.server";
import { escapeHtml, html, nameList, plural, shorten, textFromHtml, COLORS } from "~/utils/email-render";

export type DigestFrequency = "DAILY" | "WEEKLY";
export const DIGEST_FREQUENCIES: readonly DigestFrequency[] = ["DAILY", "WEEKLY"];

/** At most this many threads in one digest; the rest are counted, with a link. */
export const DIGEST_THREAD_LIMIT = 30;
/**
 * A period's digests start this long after it ends, so that a post saved in
 * its last instant (a transaction still committing) is included.
 */
export const DIGEST_SETTLE_MS = 2 * 60_000;
const DAY_MS = 86_400_000;
const EXCERPT_LENGTH = 220;

/** The end of the latest complete period: today 00:00 UTC, or this week's Monday 00:00 UTC. */
export function digestPeriodEnd(frequency: DigestFrequency, now: Date): Date {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  if (frequency === "DAILY") return new Date(today);
  const daysSinceMonday = (now.getUTCDay() + 6) % 7;
  return new Date(today - daysSinceMonday * DAY_MS);
}

export const digestBatchKey = (frequency: DigestFrequency, periodEnd: Date) =>
  `digest-batch:${frequency}:${periodEnd.toISOString()}`;

/**
 * The digest job's key, also the email's dedupe key. It names the frequency
 * as well as the period: daily and weekly periods both end on Monday 00:00.
 */
export const digestKey = (userId: string, frequency: DigestFrequency, periodEnd: Date | string) =>
  `digest:${userId}:${frequency}:${typeof periodEnd === "string" ? periodEnd : periodEnd.toISOString()}`;

/** Enqueues this period's batch job for each frequency (no-op when it exists). Safe on every tick of every instance. */
export async function scheduleDigests(now: Date): Promise<void> {
  for (const frequency of DIGEST_FREQUENCIES) {
    const periodEnd = digestPeriodEnd(frequency, now);
    await enqueueJob({
      kind: "digest-batch",
      key: digestBatchKey(frequency, periodEnd),
      payload: { frequency, periodEnd: periodEnd.toISOString() },
      runAt: new Date(Math.max(now.getTime(), periodEnd.getTime() + DIGEST_SETTLE_MS)),
    });
  }
}

const batchPayload = z.object({ frequency: z.enum(["DAILY", "WEEKLY"]), periodEnd: z.iso.datetime() });

/** The "digest-batch" job: one "digest" job per member on that frequency, in one statement. */
export async function runDigestBatch(job: ClaimedJob, now: Date): Promise<void> {
  const { frequency, periodEnd } = batchPayload.parse(job.payload);
  const end = new Date(periodEnd);
  // Members who joined after the period ended have nothing in it. The
  // (emailFrequency, id) index finds the members.
  await prisma.$executeRaw`
    INSERT INTO "Job" ("id", "kind", "key", "payload", "runAt")
    SELECT gen_random_uuid()::text, 'digest',
           'digest:' || u."id" || ':' || ${frequency}::text || ':' || ${end.toISOString()}::text,
           jsonb_build_object('userId', u."id", 'frequency', ${frequency}::text, 'periodEnd', ${end.toISOString()}::text),
           ${now}
    FROM "User" u
    WHERE u."emailFrequency" = ${frequency}::"EmailFrequency" AND u."createdAt" < ${end}
    ON CONFLICT ("key") DO NOTHING`;
}

// ─── One member's digest ────────────────────────────────────────────────────

type MemberRow = {
  id: string;
  email: string;
  role: "MEMBER" | "ADMIN";
  frequency: string;
  digestCursor: Date | null;
  createdAt: Date;
  displayName: string | null;
  mailNumber: number;
  replyKeyVersion: number;
};

type ThreadRow = {
  threadId: string;
  title: string;
  slug: string;
  mailNumber: number;
  forumId: string;
  forumSlug: string;
  forumName: string;
  categoryName: string;
  isNew: boolean;
  replies: number;
  firstNumber: number;
  firstPostId: string;
  lastAt: Date;
  authorNames: string[];
  authorCount: number;
  totalThreads: number;
  totalNew: number;
  totalReplies: number;
  forumThreads: number;
};

export type DigestThread = {
  id: string;
  /** The thread's short number, for the member's reply address (reply-addresses.server.ts). */
  mailNumber: number;
  title: string;
  url: string;
  category: string;
  isNew: boolean;
  replies: number;
  /** Who wrote the new posts (up to three names) and how many people did. */
  authors: string[];
  authorCount: number;
  /** The opening post's author, for a new thread. */
  openedBy: string | null;
  excerpt: string;
};

export type DigestForum = { name: string; url: string; threads: DigestThread[]; moreThreads: number };

export type Digest = {
  frequency: DigestFrequency;
  /** What it covers: (since, periodEnd]. */
  since: Date;
  periodEnd: Date;
  forums: DigestForum[];
  totals: { threads: number; newThreads: number; replies: number };
  /** Threads with news in forums the capped list does not show at all. */
  otherThreads: number;
};

/**
 * The new threads and replies in (start, end] for a member, as they may see
 * them now: not their own posts, no deleted or hidden posts, only threads the
 * visibility rule (the same as lists and search) lets them see. Two queries,
 * whatever the number of threads.
 */
export async function gatherDigest(
  db: Prisma.TransactionClient | typeof prisma,
  member: { id: string; role: "MEMBER" | "ADMIN" },
  frequency: DigestFrequency,
  start: Date,
  end: Date,
): Promise<Digest> {
  const actor = recipientActor(member);
  // The Post(createdAt) index finds the period's posts.
  const rows = await db.$queryRaw<ThreadRow[]>`
    WITH items AS (
      SELECT p."id", p."threadId", p."number", p."createdAt",
             COALESCE(pr."displayName", 'A former member') AS "authorName"
      FROM "Post" p
      JOIN "Thread" t ON t."id" = p."threadId"
      LEFT JOIN "Profile" pr ON pr."userId" = p."authorId"
      WHERE p."createdAt" > ${start} AND p."createdAt" <= ${end}
        AND p."deletedAt" IS NULL AND p."hiddenAt" IS NULL
        AND p."authorId" IS DISTINCT FROM ${member.id}
        AND ${visibleThreadsSql(actor, "t")}
        AND (
          EXISTS (SELECT 1 FROM "ThreadReader" r WHERE r."userId" = ${member.id} AND r."threadId" = t."id" AND r."watching")
          OR EXISTS (SELECT 1 FROM "CategoryWatch" w WHERE w."userId" = ${member.id} AND w."categoryId" = t."categoryId")
          OR EXISTS (SELECT 1 FROM "AssociationMembership" m WHERE m."userId" = ${member.id} AND m."associationId" = t."associationId")
        )
    ),
    threads AS (
      SELECT i."threadId",
             bool_or(i."number" = 1) AS "isNew",
             (count(*) FILTER (WHERE i."number" > 1))::int AS "replies",
             min(i."number") AS "firstNumber",
             (array_agg(i."id" ORDER BY i."number"))[1] AS "firstPostId",
             max(i."createdAt") AS "lastAt",
             (array_agg(DISTINCT i."authorName"))[1:3] AS "authorNames",
             (count(DISTINCT i."authorName"))::int AS "authorCount"
      FROM items i
      GROUP BY i."threadId"
    )
    SELECT th.*, t."title", t."slug", t."mailNumber", t."forumId", f."slug" AS "forumSlug", f."name" AS "forumName",
           c."name" AS "categoryName",
           (count(*) OVER ())::int AS "totalThreads",
           (count(*) FILTER (WHERE th."isNew") OVER ())::int AS "totalNew",
           (sum(th."replies") OVER ())::int AS "totalReplies",
           (count(*) OVER (PARTITION BY t."forumId"))::int AS "forumThreads"
    FROM threads th
    JOIN "Thread" t ON t."id" = th."threadId"
    JOIN "Forum" f ON f."id" = t."forumId"
    JOIN "Category" c ON c."id" = t."categoryId"
    ORDER BY th."lastAt" DESC, th."threadId"
    LIMIT ${DIGEST_THREAD_LIMIT}`;

  const posts = rows.length
    ? await db.post.findMany({
        where: { id: { in: rows.map((row) => row.firstPostId) } },
        select: { id: true, bodyHtml: true, author: { select: { profile: { select: { displayName: true } } } } },
      })
    : [];
  const postById = new Map(posts.map((post) => [post.id, post]));
  const site = siteOrigin();

  const forums = new Map<string, DigestForum & { total: number }>();
  for (const row of rows) {
    const post = postById.get(row.firstPostId);
    const thread = { id: row.threadId, slug: row.slug };
    let forum = forums.get(row.forumId);
    if (!forum) {
      forum = { name: row.forumName, url: `${site}/forums/${row.forumSlug}`, threads: [], moreThreads: 0, total: row.forumThreads };
      forums.set(row.forumId, forum);
    }
    forum.threads.push({
      id: row.threadId,
      mailNumber: row.mailNumber,
      title: row.title,
      url: site + (row.isNew ? threadPath(thread) : postPath(thread, row.firstNumber)),
      category: row.categoryName,
      isNew: row.isNew,
      replies: row.replies,
      authors: row.authorNames,
      authorCount: row.authorCount,
      openedBy: row.isNew ? (post?.author?.profile?.displayName ?? "A former member") : null,
      excerpt: post ? shorten(textFromHtml(post.bodyHtml), EXCERPT_LENGTH) : "",
    });
  }
  const shown = [...forums.values()].map(({ total, ...forum }) => ({ ...forum, moreThreads: total - forum.threads.length }));
  const first = rows[0];
  const totals = first
    ? { threads: first.totalThreads, newThreads: first.totalNew, replies: first.totalReplies }
    : { threads: 0, newThreads: 0, replies: 0 };
  const inShownForums = shown.reduce((sum, forum) => sum + forum.threads.length + forum.moreThreads, 0);
  return { frequency, since: start, periodEnd: end, forums: shown, totals, otherThreads: totals.threads - inShownForums };
}

const digestPayload = z.object({
  userId: z.string().min(1),
  frequency: z.enum(["DAILY", "WEEKLY"]),
  periodEnd: z.iso.datetime(),
});

type Outcome = { emailId: string } | { skipped: "not-on-this-frequency" | "nothing-new" | "already-covered" };

/** The "digest" job: one member's digest for one period, written and mailed at most once. */
export async function runDigest(job: ClaimedJob, _now: Date): Promise<void> {
  const { userId, frequency, periodEnd } = digestPayload.parse(job.payload);
  const end = new Date(periodEnd);
  const dedupeKey = digestKey(userId, frequency, periodEnd);

  // An earlier run wrote this digest but the mail server refused it: try again.
  const earlier = await prisma.outboxEmail.findUnique({ where: { dedupeKey }, select: { id: true, sentAt: true } });
  if (earlier) {
    if (!earlier.sentAt && smtpConfigured()) await deliverEmail(earlier.id);
    return;
  }

  const unsubscribe = await unsubscribeUrl(userId);
  // Read before the transaction: it may read the signing key from the database.
  const signer = await addressSigner();
  const outcome = await prisma.$transaction(
    async (tx): Promise<Outcome> => {
      // The lock makes concurrent runs for this member take turns.
      const [member] = await tx.$queryRaw<MemberRow[]>`
        SELECT u."id", u."email", u."role"::text AS "role", u."emailFrequency"::text AS "frequency",
               u."digestCursor", u."createdAt", p."displayName", u."mailNumber", u."replyKeyVersion"
        FROM "User" u LEFT JOIN "Profile" p ON p."userId" = u."id"
        WHERE u."id" = ${userId}
        FOR UPDATE OF u`;
      if (!member || member.frequency !== frequency) return { skipped: "not-on-this-frequency" };
      const start = member.digestCursor ?? member.createdAt;
      if (start >= end) return { skipped: "already-covered" };

      const digest = await gatherDigest(tx, member, frequency, start, end);
      if (digest.totals.threads > 0) {
        const email = composeCommunityEmail({
          to: member.email,
          userId: member.id,
          kind: "digest",
          dedupeKey,
          unsubscribeUrl: unsubscribe,
          ...renderDigest(digest, member.displayName, (thread) => signer.address("reply", member, thread.mailNumber)),
        });
        const emailId = await writeOutboxEmail(email, tx);
        await tx.user.update({ where: { id: member.id }, data: { digestCursor: end }, select: { id: true } });
        return emailId ? { emailId } : { skipped: "already-covered" };
      }
      await tx.user.update({ where: { id: member.id }, data: { digestCursor: end }, select: { id: true } });
      return { skipped: "nothing-new" };
    },
    // PGlite runs one transaction at a time: others may have to wait their turn.
    { maxWait: 15_000, timeout: 30_000 },
  );
  if ("emailId" in outcome) await deliverEmail(outcome.emailId);
}

// ─── Rendering ──────────────────────────────────────────────────────────────

const dayFormat = new Intl.DateTimeFormat("en-GB", { weekday: "long", day: "numeric", month: "long", timeZone: "UTC" });
const dayMonth = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", timeZone: "UTC" });
const dayOnly = new Intl.DateTimeFormat("en-GB", { day: "numeric", timeZone: "UTC" });
const dayMonthYear = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });

/** "Monday 23 November" (daily) or "17–23 November" / "27 October – 2 November" (weekly). */
export function periodLabel(frequency: DigestFrequency, periodEnd: Date): string {
  const lastDay = new Date(periodEnd.getTime() - DAY_MS);
  if (frequency === "DAILY") return dayFormat.format(lastDay);
  const firstDay = new Date(periodEnd.getTime() - 7 * DAY_MS);
  return firstDay.getUTCMonth() === lastDay.getUTCMonth()
    ? `${dayOnly.format(firstDay)}–${dayMonth.format(lastDay)}`
    : `${dayMonth.format(firstDay)} – ${dayMonth.format(lastDay)}`;
}

/**
 * What the digest covers, in words: its period ("for 16–22 November"), or,
 * when it reaches further back (the first digest of a member, or after the
 * server was down), the day it starts from ("since 2 September").
 */
export function coverageLabel(digest: Pick<Digest, "frequency" | "since" | "periodEnd">): string {
  const periodStart = digest.periodEnd.getTime() - (digest.frequency === "DAILY" ? 1 : 7) * DAY_MS;
  if (digest.since.getTime() >= periodStart) return `for ${periodLabel(digest.frequency, digest.periodEnd)}`;
  const sameYear = digest.since.getUTCFullYear() === digest.periodEnd.getUTCFullYear();
  return `since ${sameYear ? dayMonth.format(digest.since) : dayMonthYear.format(digest.since)}`;
}

function countsText(totals: Digest["totals"]): string {
  const parts = [];
  if (totals.newThreads > 0) parts.push(plural(totals.newThreads, "new thread"));
  if (totals.replies > 0) parts.push(plural(totals.replies, "reply", "replies"));
  return parts.join(" and ") || "new posts";
}

/** What a thread's entry says under its title. */
function threadSummary(thread: DigestThread): string {
  const where = `in ${thread.category}`;
  if (thread.isNew) {
    const replies = thread.replies > 0 ? `, ${plural(thread.replies, "reply", "replies")} so far` : "";
    return `New thread by ${thread.openedBy} ${where}${replies}`;
  }
  return `${plural(thread.replies, "new reply", "new replies")} from ${nameList(thread.authors, thread.authorCount)}, ${where}`;
}

/** The subject, text and HTML of a digest. */
export function renderDigest(
  digest: Digest,
  displayName: string | null,
  /** The member's reply address for a thread (null: email replies are off). */
  replyAddressFor: (thread: DigestThread) => string | null = () => null,
) {
  const site = siteOrigin();
  const label = coverageLabel(digest);
  const which = digest.frequency === "DAILY" ? "daily" : "weekly";
  const counts = countsText(digest.totals);
  const subject = `Your ${which} digest ${label}: ${counts}`;
  const intro = `Here is what's new in your associations and in what you watch on CME Commons: ${counts}.`;
  const greeting = displayName ? `Hello ${displayName},` : "Hello,";
  const otherUrl = `${site}/associations`;

  const text: string[] = [greeting, "", intro];
  const body: string[] = [
    html.heading(`Your ${which} digest`),
    html.paragraph(label.charAt(0).toUpperCase() + label.slice(1), `color:${COLORS.muted};font-size:14px;`),
    html.paragraph(greeting, "margin:0 0 4px;"),
    html.paragraph(intro),
  ];
  for (const forum of digest.forums) {
    text.push("", "", forum.name, "-".repeat(Math.min(forum.name.length, 72)));
    body.push(html.subheading(forum.name));
    for (const thread of forum.threads) {
      text.push("", `* ${thread.title}`, `  ${threadSummary(thread)}`);
      if (thread.excerpt) text.push(`  “${thread.excerpt}”`);
      text.push(`  ${thread.url}`);
      // One Reply-To cannot serve many threads: each item has its own address.
      const replyAddress = replyAddressFor(thread);
      const mailto = replyAddress && `mailto:${replyAddress}?subject=${encodeURIComponent(`Re: ${thread.title}`)}`;
      if (replyAddress) text.push(`  Reply by email: ${replyAddress}`);
      body.push(
        `<div style="margin:0 0 18px;">`,
        `<div style="font-size:17px;font-weight:bold;line-height:1.35;">${html.link(thread.url, thread.title)}</div>`,
        `<div style="margin-top:2px;font-size:14px;color:${COLORS.muted};">${escapeHtml(threadSummary(thread))}</div>`,
        thread.excerpt
          ? `<div style="margin-top:4px;font-size:15px;color:${COLORS.quiet};">${escapeHtml(thread.excerpt)}</div>`
          : "",
        mailto ? `<div style="margin-top:4px;font-size:14px;">${html.link(mailto, "Reply by email")}</div>` : "",
        `</div>`,
      );
    }
    if (forum.moreThreads > 0) {
      const more = `${plural(forum.moreThreads, "more thread")} with new posts in ${forum.name}`;
      text.push("", `  And ${more}: ${forum.url}`);
      body.push(html.paragraphHtml(`And ${html.link(forum.url, more)}.`));
    }
  }
  if (digest.otherThreads > 0) {
    const more = `${plural(digest.otherThreads, "more thread")} with new posts in your other forums`;
    text.push("", `And ${more}: ${otherUrl}`);
    body.push(html.paragraphHtml(`And ${html.link(otherUrl, more)}.`));
  }
  const reason =
    digest.frequency === "DAILY"
      ? "You get this email because you chose a daily digest of new threads and replies in your associations and in the threads and categories you watch on CME Commons."
      : "You get this email because you chose a weekly digest of new threads and replies in your associations and in the threads and categories you watch on CME Commons.";
  const firstTitle = digest.forums[0]?.threads[0]?.title;
  return {
    subject,
    preheader: firstTitle ? `${firstTitle}${digest.totals.threads > 1 ? ` and ${plural(digest.totals.threads - 1, "more thread")}` : ""}` : intro,
    text: text.join("\n"),
    bodyHtml: body.filter(Boolean).join("\n"),
    reason,
  };
}
