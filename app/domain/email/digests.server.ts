/**
 * Daily and weekly digests: the new threads and replies in a member's
 * associations' forums and in the threads and categories they watch, that
 * they can see when the digest is written.
 *
 * - A member's periods are days (or Monday-to-Monday weeks) of their own
 *   calendar (User.timeZone; UTC when unknown): a period ends at their local
 *   midnight (local Monday midnight), and its digest goes out within the UTC
 *   hour after it. Daylight-saving days have 23 or 25 hours
 *   (docs/decisions/0027-digests-in-the-members-day.md).
 * - `scheduleDigests` enqueues one cheap "digest-batch" job per frequency and
 *   UTC hour, for this hour and the hours before it that have none (a server
 *   that was down catches up); every instance calls it on every tick, and the
 *   job's key makes that one job.
 * - The batch for hour H enqueues, in one INSERT … SELECT, one "digest" job
 *   per member on that frequency whose period ended in (H − 1 h, H], computed
 *   in SQL from their zone. Every period end falls in exactly one hour.
 * - A digest covers (digestCursor, periodEnd]. It locks the member's row,
 *   gathers, writes the email (its dedupe key is the job's key) and moves the
 *   cursor to periodEnd in one transaction, and delivers after commit. A second
 *   run of the same job (an expired lease, a retry, another worker) waits for
 *   the lock, then finds the cursor already at periodEnd and sends nothing:
 *   each item is mailed once.
 */
import { z } from "zod";
import { Prisma } from "~/generated/prisma/client";
import { visibleThreadsSql } from "~/domain/discussions/visibility.server";
import { postPath, threadPath } from "~/domain/discussions/schemas";
import { recipientActor } from "~/domain/members/actor";
import { prisma } from "~/utils/db.server";
import { deliverEmail, siteOrigin, smtpConfigured, writeOutboxEmail } from "~/utils/email.server";
import type { ClaimedJob } from "~/utils/jobs.server";
import {
  addDays,
  dayIn,
  formatDayMonth,
  formatDayMonthYear,
  formatWeekdayDayMonth,
  isTimeZone,
  startOfDayIn,
  weekdayOf,
} from "~/utils/zoned-dates";
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
/**
 * How many hours back the scheduler enqueues batches that do not exist yet:
 * a day, so that a server down for less than a day still sends every
 * member's digest for the period that ended meanwhile (as when periods were
 * UTC days).
 */
export const DIGEST_CATCH_UP_HOURS = 24;
const HOUR_MS = 3_600_000;
const EXCERPT_LENGTH = 220;

/** The zone a member's periods are in: theirs, or UTC when this runtime does not know it. */
export const digestTimeZone = (timeZone: string | null | undefined): string =>
  timeZone && isTimeZone(timeZone) ? timeZone : "UTC";

/**
 * The end of the latest complete period in `timeZone` at `now`: the start of
 * today there (daily), or of this week's Monday there (weekly). The batch
 * computes the same in SQL; this is its statement in code (tests, tools).
 */
export function digestPeriodEnd(frequency: DigestFrequency, now: Date, timeZone = "UTC"): Date {
  const zone = digestTimeZone(timeZone);
  const today = dayIn(zone, now);
  return startOfDayIn(zone, frequency === "DAILY" ? today : addDays(today, -weekdayOf(today)));
}

/** The UTC hour `now` is in (its start). */
export const digestHour = (now: Date): Date => new Date(Math.floor(now.getTime() / HOUR_MS) * HOUR_MS);

/** The batch job of one frequency and UTC hour (its start). */
export const digestBatchKey = (frequency: DigestFrequency, hour: Date) =>
  `digest-batch:${frequency}:hour:${hour.toISOString()}`;

/**
 * The digest job's key, also the email's dedupe key. It names the frequency
 * as well as the period: daily and weekly periods both end on Monday 00:00.
 */
export const digestKey = (userId: string, frequency: DigestFrequency, periodEnd: Date | string) =>
  `digest:${userId}:${frequency}:${typeof periodEnd === "string" ? periodEnd : periodEnd.toISOString()}`;

/** The batch jobs the scheduler wants at `now`: each frequency, this hour and the catch-up hours before it. */
export function digestBatches(now: Date) {
  const current = digestHour(now).getTime();
  return DIGEST_FREQUENCIES.flatMap((frequency) =>
    Array.from({ length: DIGEST_CATCH_UP_HOURS }, (_, back) => {
      const hour = new Date(current - back * HOUR_MS);
      return {
        kind: "digest-batch",
        key: digestBatchKey(frequency, hour),
        payload: { frequency, hour: hour.toISOString() },
        // Every hour's batch runs, however late in the hour the first tick comes.
        runAt: new Date(Math.max(now.getTime(), hour.getTime() + DIGEST_SETTLE_MS)),
      };
    }),
  );
}

/**
 * Enqueues the batch jobs of this hour and of the catch-up hours that have
 * none, in one statement (no-op when they exist). Safe on every tick of
 * every instance.
 */
export async function scheduleDigests(now: Date): Promise<void> {
  await prisma.job.createMany({ data: digestBatches(now), skipDuplicates: true });
}

const batchPayload = z
  .object({
    frequency: z.enum(["DAILY", "WEEKLY"]),
    hour: z.iso.datetime().optional(),
    /** Batches enqueued before periods were the member's own (one UTC period end): run as that hour's. */
    periodEnd: z.iso.datetime().optional(),
  })
  .refine((payload) => payload.hour ?? payload.periodEnd, "A digest batch names its hour");

/** SQL text of a timestamptz as `Date.toISOString()` writes it, for keys and payloads. */
const isoSql = (instant: Prisma.Sql) => Prisma.sql`to_char(${instant} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/**
 * The "digest-batch" job of hour H: one "digest" job per member on that
 * frequency whose period ended in (H − 1 h, H], in one statement. A member's
 * period end is the start of the day (week) H is in, in their zone:
 * `date_trunc` on H's wall-clock time there, read back as an instant there
 * (a midnight skipped by a daylight-saving jump is read as the first instant
 * of the day). A zone PostgreSQL does not know is read as UTC, so one bad row
 * cannot fail the batch.
 */
export async function runDigestBatch(job: ClaimedJob, now: Date): Promise<void> {
  const payload = batchPayload.parse(job.payload);
  const { frequency } = payload;
  const hour = (payload.hour ?? payload.periodEnd)!;
  const unit = frequency === "DAILY" ? "day" : "week";
  // The (emailFrequency, id) index finds the members. The zone names are
  // read once, and each member's period end computed once. Members who
  // joined after their period ended have nothing in it.
  await prisma.$executeRaw`
    WITH zones AS MATERIALIZED (SELECT "name" FROM pg_timezone_names),
    members AS MATERIALIZED (
      SELECT u."id", u."createdAt", COALESCE(z."name", 'UTC') AS "zone"
      FROM "User" u LEFT JOIN zones z ON z."name" = u."timeZone"
      WHERE u."emailFrequency" = ${frequency}::"EmailFrequency"
    ),
    periods AS MATERIALIZED (
      SELECT m."id", m."createdAt", m."zone",
             date_trunc(${unit}::text, ${hour}::timestamptz AT TIME ZONE m."zone") AT TIME ZONE m."zone" AS "end"
      FROM members m
    )
    INSERT INTO "Job" ("id", "kind", "key", "payload", "runAt")
    SELECT gen_random_uuid()::text, 'digest',
           'digest:' || p."id" || ':' || ${frequency}::text || ':' || ${isoSql(Prisma.sql`p."end"`)},
           jsonb_build_object('userId', p."id", 'frequency', ${frequency}::text, 'periodEnd', ${isoSql(Prisma.sql`p."end"`)}, 'timeZone', p."zone"),
           ${now}
    FROM periods p
    WHERE p."end" > ${hour}::timestamptz - interval '1 hour' AND p."end" <= ${hour}::timestamptz
      AND p."createdAt" < (p."end" AT TIME ZONE 'UTC')
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
  /** The member's zone the period is a day (week) of, and its labels are written in. */
  timeZone: string;
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
  timeZone: string,
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
  return { frequency, since: start, periodEnd: end, timeZone, forums: shown, totals, otherThreads: totals.threads - inShownForums };
}

const digestPayload = z.object({
  userId: z.string().min(1),
  frequency: z.enum(["DAILY", "WEEKLY"]),
  periodEnd: z.iso.datetime(),
  /** The zone the batch computed the period in (jobs enqueued before zones were read: UTC). */
  timeZone: z.string().default("UTC"),
});

type Outcome = { emailId: string } | { skipped: "not-on-this-frequency" | "nothing-new" | "already-covered" };

/** The "digest" job: one member's digest for one period, written and mailed at most once. */
export async function runDigest(job: ClaimedJob, _now: Date): Promise<void> {
  const { userId, frequency, periodEnd, timeZone } = digestPayload.parse(job.payload);
  const end = new Date(periodEnd);
  const zone = digestTimeZone(timeZone);
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

      const digest = await gatherDigest(tx, member, frequency, start, end, zone);
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

/**
 * The period in words, in the member's zone: "Monday 23 November" (daily) or
 * "17–23 November" / "27 October – 2 November" (weekly). `periodEnd` is the
 * start of the day after the period there.
 */
export function periodLabel(frequency: DigestFrequency, periodEnd: Date, timeZone: string): string {
  const endDay = dayIn(digestTimeZone(timeZone), periodEnd);
  const lastDay = addDays(endDay, -1);
  if (frequency === "DAILY") return formatWeekdayDayMonth(lastDay);
  const firstDay = addDays(endDay, -7);
  return firstDay.slice(0, 7) === lastDay.slice(0, 7)
    ? `${Number(firstDay.slice(8))}–${formatDayMonth(lastDay)}`
    : `${formatDayMonth(firstDay)} – ${formatDayMonth(lastDay)}`;
}

/**
 * What the digest covers, in words, in the member's zone: its period ("for
 * 16–22 November"), or, when it reaches further back (the first digest of a
 * member, or after the server was down), the day it starts from ("since 2
 * September").
 */
export function coverageLabel(digest: Pick<Digest, "frequency" | "since" | "periodEnd" | "timeZone">): string {
  const zone = digestTimeZone(digest.timeZone);
  const endDay = dayIn(zone, digest.periodEnd);
  const periodStart = startOfDayIn(zone, addDays(endDay, digest.frequency === "DAILY" ? -1 : -7));
  if (digest.since >= periodStart) return `for ${periodLabel(digest.frequency, digest.periodEnd, zone)}`;
  const sinceDay = dayIn(zone, digest.since);
  return `since ${sinceDay.slice(0, 4) === endDay.slice(0, 4) ? formatDayMonth(sinceDay) : formatDayMonthYear(sinceDay)}`;
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
