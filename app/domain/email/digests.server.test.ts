import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { countQueries, prisma } from "~/utils/db.server";
import { claimJobs, enqueueJob, LEASE_SECONDS, runDueJobs, runJobsUntilIdle } from "~/utils/jobs.server";
import { createTestMember, type TestMember } from "../../../tests/fixtures/members";
import {
  createAssociation,
  createCategory,
  createForum,
  createReply,
  createThread,
  watchThread,
  type TestCategory,
} from "../../../tests/fixtures/forum";
import {
  digestBatchKey,
  digestKey,
  coverageLabel,
  digestBatches,
  digestPeriodEnd,
  DIGEST_CATCH_UP_HOURS,
  DIGEST_SETTLE_MS,
  DIGEST_THREAD_LIMIT,
  periodLabel,
  runDigest,
  runDigestBatch,
  scheduleDigests,
} from "./digests.server";
import { jobHandlers } from "./handlers.server";
import { readLinkToken } from "./unsubscribe.server";

// Without SMTP_URL, every email is also printed to the log: not here.
beforeEach(() => {
  vi.spyOn(console, "log").mockImplementation(() => {});
});

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

// Digest periods are named by their end, and a period's batch job is enqueued
// once per database: every test works in a week of its own, in the past
// (2001–2019), so that members other test files create today are never on
// its digests, and jobs they leave behind are never due.
let weeksUsed = 0;
const firstWeek = Math.floor(Math.random() * 900);
function freshMonday(): Date {
  weeksUsed += 1;
  return new Date(Date.UTC(2001, 0, 1) + ((firstWeek + weeksUsed * 3) % 950) * 7 * DAY); // 1 January 2001 was a Monday
}

async function digestMember(frequency: "NONE" | "IMMEDIATE" | "DAILY" | "WEEKLY", createdAt: Date): Promise<TestMember> {
  const member = await createTestMember({ createdAt });
  await prisma.user.update({ where: { id: member.userId }, data: { emailFrequency: frequency }, select: { id: true } });
  return member;
}

/** A thread whose opening post was written at `at`. */
async function threadAt(category: TestCategory, authorId: string | null, at: Date, options: { title?: string; body?: string } = {}) {
  const thread = await createThread(category, { authorId, ...options });
  await prisma.post.update({ where: { id: thread.openingPostId }, data: { createdAt: at }, select: { id: true } });
  await prisma.thread.update({ where: { id: thread.id }, data: { createdAt: at }, select: { id: true } });
  return thread;
}

const replyAt = (thread: { id: string }, authorId: string | null, at: Date, body?: string) =>
  createReply(thread, { authorId, createdAt: at, body });

function digestsOf(userId: string) {
  return prisma.outboxEmail.findMany({
    where: { userId, kind: "digest" },
    orderBy: { createdAt: "asc" },
    select: { subject: true, text: true, html: true, headers: true, dedupeKey: true },
  });
}

/** What a tick does at `now`: schedule, then run every due job (as one worker). */
async function tick(now: Date) {
  await scheduleDigests(now);
  return runJobsUntilIdle({ handlers: jobHandlers, now });
}

describe("digest periods", () => {
  it.each([
    ["2026-11-25T15:30:00Z", "DAILY", "2026-11-25T00:00:00.000Z"],
    ["2026-11-25T00:00:00Z", "DAILY", "2026-11-25T00:00:00.000Z"],
    ["2026-11-24T23:59:59Z", "DAILY", "2026-11-24T00:00:00.000Z"],
    ["2026-11-25T15:30:00Z", "WEEKLY", "2026-11-23T00:00:00.000Z"], // a Wednesday: Monday's
    ["2026-11-23T00:00:00Z", "WEEKLY", "2026-11-23T00:00:00.000Z"], // Monday midnight itself
    ["2026-11-22T23:59:59Z", "WEEKLY", "2026-11-16T00:00:00.000Z"], // Sunday night: the Monday before
    ["2027-01-01T12:00:00Z", "WEEKLY", "2026-12-28T00:00:00.000Z"], // across a new year
  ] as const)("at %s the %s period ends %s", (now, frequency, end) => {
    expect(digestPeriodEnd(frequency, new Date(now)).toISOString()).toBe(end);
  });

  it.each([
    ["2026-11-24T12:00:00Z", "DAILY", "Pacific/Auckland", "2026-11-24T11:00:00.000Z"], // Wednesday 01:00 there
    ["2026-11-24T10:59:59Z", "DAILY", "Pacific/Auckland", "2026-11-23T11:00:00.000Z"],
    ["2026-11-24T07:59:59Z", "DAILY", "America/Los_Angeles", "2026-11-23T08:00:00.000Z"],
    ["2026-11-24T19:00:00Z", "DAILY", "Asia/Kolkata", "2026-11-24T18:30:00.000Z"], // half an hour after midnight there
    ["2026-10-26T12:00:00Z", "DAILY", "Europe/London", "2026-10-26T00:00:00.000Z"], // after the 25-hour Sunday
    ["2026-10-25T12:00:00Z", "DAILY", "Europe/London", "2026-10-24T23:00:00.000Z"],
    ["2026-11-23T10:00:00Z", "WEEKLY", "Pacific/Auckland", "2026-11-22T11:00:00.000Z"], // Monday there since Sunday 11:00 UTC
    ["2026-11-23T07:00:00Z", "WEEKLY", "America/Los_Angeles", "2026-11-16T08:00:00.000Z"], // still Sunday there
    ["2026-11-24T12:00:00Z", "DAILY", "Not/A_Zone", "2026-11-24T00:00:00.000Z"], // unknown: UTC
  ] as const)("at %s the %s period in %s ends %s", (now, frequency, zone, end) => {
    expect(digestPeriodEnd(frequency, new Date(now), zone).toISOString()).toBe(end);
  });

  it("names the period and what a digest covers in the member's zone", () => {
    expect(periodLabel("DAILY", new Date("2026-11-24T11:00:00Z"), "Pacific/Auckland")).toBe("Tuesday 24 November");
    expect(periodLabel("DAILY", new Date("2026-11-24T08:00:00Z"), "America/Los_Angeles")).toBe("Monday 23 November");
    expect(periodLabel("DAILY", new Date("2026-11-24T18:30:00Z"), "Asia/Kolkata")).toBe("Tuesday 24 November");
    expect(periodLabel("WEEKLY", new Date("2026-11-22T11:00:00Z"), "Pacific/Auckland")).toBe("16–22 November");
    expect(periodLabel("WEEKLY", new Date("2026-11-01T11:00:00Z"), "Pacific/Auckland")).toBe("26 October – 1 November");
    const london = { frequency: "DAILY", periodEnd: new Date("2026-10-26T00:00:00Z"), timeZone: "Europe/London" } as const;
    expect(coverageLabel({ ...london, since: new Date("2026-10-24T23:00:00Z") })).toBe("for Sunday 25 October");
    expect(coverageLabel({ ...london, since: new Date("2026-10-24T22:59:00Z") })).toBe("since 24 October");
    const auckland = { frequency: "DAILY", periodEnd: new Date("2027-01-01T11:00:00Z"), timeZone: "Pacific/Auckland" } as const;
    expect(coverageLabel({ ...auckland, since: new Date("2026-12-31T11:00:00Z") })).toBe("for Friday 1 January");
    expect(coverageLabel({ ...auckland, since: new Date("2026-12-30T11:00:00Z") })).toBe("since 31 December 2026");
  });

  it("says what a digest covers: its period, or since when if it reaches further back", () => {
    const periodEnd = new Date("2026-11-23T00:00:00Z");
    expect(coverageLabel({ frequency: "WEEKLY", since: new Date("2026-11-16T00:00:00Z"), periodEnd, timeZone: "UTC" })).toBe("for 16–22 November");
    expect(coverageLabel({ frequency: "WEEKLY", since: new Date("2026-11-18T09:00:00Z"), periodEnd, timeZone: "UTC" })).toBe("for 16–22 November");
    expect(coverageLabel({ frequency: "WEEKLY", since: new Date("2026-09-02T09:00:00Z"), periodEnd, timeZone: "UTC" })).toBe("since 2 September");
    expect(coverageLabel({ frequency: "DAILY", since: new Date("2025-12-30T09:00:00Z"), periodEnd, timeZone: "UTC" })).toBe("since 30 December 2025");
  });

  it("names the period in words", () => {
    expect(periodLabel("DAILY", new Date("2026-11-24T00:00:00Z"), "UTC")).toBe("Monday 23 November");
    expect(periodLabel("WEEKLY", new Date("2026-11-23T00:00:00Z"), "UTC")).toBe("16–22 November");
    expect(periodLabel("WEEKLY", new Date("2026-11-02T00:00:00Z"), "UTC")).toBe("26 October – 1 November");
  });
});

describe("digests", () => {
  it("mail each new, visible item once: own, hidden and deleted posts and unfollowed forums are left out", async () => {
    const monday = freshMonday();
    const day1 = new Date(monday.getTime() + DAY); // Tuesday 00:00
    const day2 = new Date(day1.getTime() + DAY);
    // They joined on the Tuesday: the threads of the days before are not news to them.
    const reader = await digestMember("DAILY", day1);
    const author = await createTestMember();

    // Their association's forum: everything in it counts.
    const association = await createAssociation([{ userId: reader.userId }, { userId: author.userId }]);
    const inAssociation = await createCategory(association, "ASSOCIATION");
    const newThread = await threadAt(inAssociation, author.userId, new Date(day1.getTime() + 2 * HOUR), {
      title: "Documenting learner change",
      body: "How do you *document* changes in learners' practice?",
    });
    await replyAt(newThread, author.userId, new Date(day1.getTime() + 3 * HOUR), "We survey at 90 days.");
    await replyAt(newThread, reader.userId, new Date(day1.getTime() + 4 * HOUR), "My own reply");
    const hidden = await replyAt(newThread, author.userId, new Date(day1.getTime() + 5 * HOUR), "A hidden reply");
    await prisma.post.update({ where: { id: hidden.id }, data: { hiddenAt: new Date() }, select: { id: true } });
    const deleted = await replyAt(newThread, author.userId, new Date(day1.getTime() + 6 * HOUR), "A deleted reply");
    await prisma.post.update({ where: { id: deleted.id }, data: { deletedAt: new Date() }, select: { id: true } });
    const deletedThread = await threadAt(inAssociation, author.userId, new Date(day1.getTime() + 2 * HOUR), {
      title: "A thread that was deleted",
    });
    await prisma.thread.update({ where: { id: deletedThread.id }, data: { deletedAt: new Date() }, select: { id: true } });
    await threadAt(inAssociation, reader.userId, new Date(day1.getTime() + 7 * HOUR), { title: "My own thread" });

    // The community forum: only what they watch.
    const community = await createForum();
    const watchedCategory = await createCategory(community, "MEMBERS");
    await prisma.categoryWatch.create({ data: { userId: reader.userId, categoryId: watchedCategory.id } });
    await threadAt(watchedCategory, author.userId, new Date(day1.getTime() + 8 * HOUR), { title: "Outcomes levels explained" });
    const other = await createCategory(community, "PUBLIC");
    const watched = await threadAt(other, author.userId, new Date(monday.getTime() - DAY), { title: "A thread they watch" });
    await watchThread(reader.userId, watched.id);
    await replyAt(watched, author.userId, new Date(day1.getTime() + 9 * HOUR), "News in a watched thread");
    const unwatched = await threadAt(other, author.userId, new Date(monday.getTime() - DAY), { title: "Not watched" });
    await replyAt(unwatched, author.userId, new Date(day1.getTime() + 9 * HOUR), "News nobody asked for");

    // Another association's forum, even its public categories: not followed.
    const elsewhere = await createAssociation([{ userId: author.userId }]);
    await threadAt(await createCategory(elsewhere, "PUBLIC"), author.userId, new Date(day1.getTime() + 2 * HOUR), {
      title: "Elsewhere in public",
    });

    // Wednesday 03:00: the digest for Tuesday.
    await tick(new Date(day2.getTime() + 3 * HOUR));
    const [first, ...rest] = await digestsOf(reader.userId);
    expect(rest).toHaveLength(0);
    expect(first!.subject).toBe(`Your daily digest for ${periodLabel("DAILY", day2, "UTC")}: 2 new threads and 2 replies`);
    for (const shown of ["Documenting learner change", "How do you document changes", "Outcomes levels explained", "A thread they watch", "News in a watched thread", "New thread by"]) {
      expect(first!.text).toContain(shown);
    }
    for (const left of ["My own reply", "A hidden reply", "A deleted reply", "A thread that was deleted", "My own thread", "Not watched", "News nobody asked for", "Elsewhere in public"]) {
      expect(first!.text).not.toContain(left);
      expect(first!.html).not.toContain(left);
    }
    expect(first!.dedupeKey).toBe(digestKey(reader.userId, "DAILY", day2));

    // Thursday: only what came after.
    await replyAt(newThread, author.userId, new Date(day2.getTime() + 5 * HOUR), "A later reply");
    await tick(new Date(day2.getTime() + DAY + 3 * HOUR));
    const digests = await digestsOf(reader.userId);
    expect(digests).toHaveLength(2);
    expect(digests[1]!.subject).toMatch(/: 1 reply$/);
    expect(digests[1]!.text).toContain("A later reply");
    expect(digests[1]!.text).toContain("1 new reply from");
    for (const old of ["Outcomes levels explained", "A thread they watch", "We survey at 90 days"]) {
      expect(digests[1]!.text).not.toContain(old);
    }

    // Friday: nothing new, no email, but the cursor moves on.
    await tick(new Date(day2.getTime() + 2 * DAY + 3 * HOUR));
    expect(await digestsOf(reader.userId)).toHaveLength(2);
    const user = await prisma.user.findUniqueOrThrow({ where: { id: reader.userId }, select: { digestCursor: true } });
    expect(user.digestCursor).toEqual(new Date(day2.getTime() + 2 * DAY));
  });

  it("check visibility when they are written: a thread moved out of sight, or an association left, is not mailed", async () => {
    const monday = freshMonday();
    const tuesday = new Date(monday.getTime() + DAY);
    const reader = await digestMember("DAILY", new Date(monday.getTime() - DAY));
    const author = await createTestMember();

    // A public thread they watch in an association they are not part of, later moved to its members-only category.
    const someoneElses = await createAssociation([{ userId: author.userId }]);
    const publicCategory = await createCategory(someoneElses, "PUBLIC");
    const privateCategory = await createCategory(someoneElses, "ASSOCIATION");
    const moved = await threadAt(publicCategory, author.userId, new Date(monday.getTime() + HOUR), { title: "Moved away" });
    await watchThread(reader.userId, moved.id);
    await replyAt(moved, author.userId, new Date(monday.getTime() + 2 * HOUR), "Secret now");
    await prisma.thread.update({
      where: { id: moved.id },
      data: { categoryId: privateCategory.id, visibility: "ASSOCIATION" },
      select: { id: true },
    });

    // An association they left.
    const left = await createAssociation([{ userId: reader.userId }, { userId: author.userId }]);
    await threadAt(await createCategory(left, "ASSOCIATION"), author.userId, new Date(monday.getTime() + HOUR), {
      title: "After they left",
    });
    await prisma.associationMembership.delete({
      where: { associationId_userId: { associationId: left.id, userId: reader.userId } },
    });

    // One they still belong to.
    const stays = await createAssociation([{ userId: reader.userId }, { userId: author.userId }]);
    await threadAt(await createCategory(stays, "ASSOCIATION"), author.userId, new Date(monday.getTime() + HOUR), {
      title: "Still visible",
    });

    await tick(new Date(tuesday.getTime() + HOUR));
    const digests = await digestsOf(reader.userId);
    expect(digests).toHaveLength(1);
    expect(digests[0]!.text).toContain("Still visible");
    for (const gone of ["Moved away", "Secret now", "After they left"]) {
      expect(digests[0]!.text).not.toContain(gone);
      expect(digests[0]!.html).not.toContain(gone);
    }
  });

  it("go only to daily and weekly members: none to NONE, none to IMMEDIATE", async () => {
    const monday = freshMonday();
    const joined = new Date(monday.getTime() - 10 * DAY);
    const [none, immediate, daily, weekly] = await Promise.all([
      digestMember("NONE", joined),
      digestMember("IMMEDIATE", joined),
      digestMember("DAILY", joined),
      digestMember("WEEKLY", joined),
    ]);
    const author = await createTestMember();
    const association = await createAssociation([none, immediate, daily, weekly, author].map((m) => ({ userId: m.userId })));
    const category = await createCategory(association, "ASSOCIATION");
    // Tuesday and Wednesday of the week before `monday`.
    const tuesday = new Date(monday.getTime() - 6 * DAY);
    const thread = await threadAt(category, author.userId, new Date(tuesday.getTime() + 10 * HOUR), { title: "Tuesday's thread" });
    await replyAt(thread, author.userId, new Date(tuesday.getTime() + DAY + 10 * HOUR), "Wednesday's reply");

    // The Thursday: the daily digest (its first, covering everything since they joined) has the thread and the reply.
    await tick(new Date(tuesday.getTime() + 2 * DAY + HOUR));
    // `monday`: the weekly digest covers the whole week; the daily one for Sunday has nothing.
    await tick(new Date(monday.getTime() + HOUR));

    expect(await digestsOf(none.userId)).toEqual([]);
    expect(await digestsOf(immediate.userId)).toEqual([]);
    const weeklyDigests = await digestsOf(weekly.userId);
    expect(weeklyDigests).toHaveLength(1);
    // Their first, too: it reaches back to the day they joined (no weekly period ended in the hours the Thursday's tick caught up).
    expect(weeklyDigests[0]!.subject).toBe(
      `Your weekly digest ${coverageLabel({ frequency: "WEEKLY", since: joined, periodEnd: monday, timeZone: "UTC" })}: 1 new thread and 1 reply`,
    );
    const dailyDigests = await digestsOf(daily.userId);
    // Their first digest reaches back to the day they joined, and says so.
    expect(dailyDigests.map((d) => d.subject)).toEqual([
      `Your daily digest ${coverageLabel({ frequency: "DAILY", since: joined, periodEnd: new Date(tuesday.getTime() + 2 * DAY), timeZone: "UTC" })}: 1 new thread and 1 reply`,
    ]);
    expect(await prisma.job.count({ where: { key: { in: [none, immediate].map((m) => digestKey(m.userId, "WEEKLY", monday)) } } })).toBe(0);
  });

  it("carry the signed unsubscribe link in the text, the HTML and the List-Unsubscribe headers, and escape what members wrote", async () => {
    const monday = freshMonday();
    const reader = await digestMember("WEEKLY", new Date(monday.getTime() - 8 * DAY));
    const author = await createTestMember();
    const association = await createAssociation([{ userId: reader.userId }, { userId: author.userId }]);
    await threadAt(await createCategory(association, "ASSOCIATION"), author.userId, new Date(monday.getTime() - 2 * DAY), {
      title: `Tags like <script>alert("x")</script> & more`,
    });
    await tick(new Date(monday.getTime() + HOUR));

    const [digest] = await digestsOf(reader.userId);
    const headers = digest!.headers as Record<string, string>;
    expect(headers["List-Unsubscribe-Post"]).toBe("List-Unsubscribe=One-Click");
    const url = /^<(https?:\/\/[^>]+\/email\/unsubscribe\?token=([^>]+))>$/.exec(headers["List-Unsubscribe"] ?? "");
    expect(url).not.toBeNull();
    expect(await readLinkToken(decodeURIComponent(url![2]!), "unsubscribe")).toBe(reader.userId);
    expect(digest!.text).toContain(url![1]);
    expect(digest!.html).toContain(`href="${url![1]}"`);
    expect(digest!.text).toContain("/settings/email");
    expect(digest!.html).not.toContain("<script>");
    expect(digest!.html).toContain("&#60;script&#62;");
    expect(digest!.text).toContain(`Tags like <script>alert("x")</script> & more`);
  });

  it(`list at most ${DIGEST_THREAD_LIMIT} threads and count the rest`, async () => {
    const monday = freshMonday();
    const reader = await digestMember("DAILY", new Date(monday.getTime() - 2 * DAY));
    const author = await createTestMember();
    const association = await createAssociation([{ userId: reader.userId }, { userId: author.userId }]);
    const category = await createCategory(association, "ASSOCIATION");
    const total = DIGEST_THREAD_LIMIT + 3;
    for (let i = 0; i < total; i++) {
      await threadAt(category, author.userId, new Date(monday.getTime() - DAY + i * 60_000), { title: `Busy day thread ${i}` });
    }
    await tick(new Date(monday.getTime() + HOUR));
    const [digest] = await digestsOf(reader.userId);
    expect(digest!.subject).toMatch(new RegExp(`: ${total} new threads$`));
    expect(digest!.text.match(/^\* Busy day thread/gm)).toHaveLength(DIGEST_THREAD_LIMIT);
    expect(digest!.text).toContain(`And 3 more threads with new posts in Forum ${association.slug}:`);
    // The newest first: the three oldest are the ones counted.
    expect(digest!.text).not.toContain("Busy day thread 2\n");
    expect(digest!.text).toContain("Busy day thread 32");
  });
});

describe("the digest batch job", () => {
  it("enqueues one digest job per member on that frequency in one query, once", async () => {
    const monday = freshMonday();
    const members = await Promise.all(Array.from({ length: 12 }, () => digestMember("DAILY", new Date(monday.getTime() - DAY))));
    const weekly = await digestMember("WEEKLY", new Date(monday.getTime() - DAY));
    const late = await digestMember("DAILY", new Date(monday.getTime() + HOUR)); // joined after the period
    const payload = { frequency: "DAILY", hour: monday.toISOString() };
    const job = { id: "batch", kind: "digest-batch", key: digestBatchKey("DAILY", monday), payload, attempts: 1 };

    const { queries } = await countQueries(() => runDigestBatch(job, monday));
    expect(queries).toBe(1);
    await runDigestBatch(job, monday); // a second run (a retry) adds nothing

    const jobs = await prisma.job.findMany({
      where: { kind: "digest", key: { in: [...members, weekly, late].map((m) => digestKey(m.userId, "DAILY", monday)) } },
      select: { key: true, payload: true, status: true },
    });
    expect(jobs).toHaveLength(12);
    expect(jobs.map((j) => j.key).sort()).toEqual(members.map((m) => digestKey(m.userId, "DAILY", monday)).sort());
    expect(jobs[0]!.payload).toMatchObject({ frequency: "DAILY", periodEnd: monday.toISOString(), timeZone: "UTC" });
    // Not run here: they must not be left for other tests' workers.
    await prisma.job.deleteMany({ where: { kind: "digest", key: { endsWith: `:DAILY:${monday.toISOString()}` } } });
  });

  it("is scheduled once per frequency and hour however many times every instance ticks, with the missed hours of the last day", async () => {
    // A Monday about a thousand years on: batches due then are claimed by no other test file's job runner.
    const monday = new Date(freshMonday().getTime() + 52_000 * 7 * DAY);
    const now = new Date(monday.getTime() + 2 * DAY + 5 * HOUR + 7 * 60_000);
    await Promise.all([scheduleDigests(now), scheduleDigests(now), scheduleDigests(new Date(now.getTime() + 30_000))]);
    const hour = new Date(monday.getTime() + 2 * DAY + 5 * HOUR);
    const hours = Array.from({ length: DIGEST_CATCH_UP_HOURS }, (_, back) => new Date(hour.getTime() - back * HOUR));
    const keys = hours.flatMap((h) => [digestBatchKey("DAILY", h), digestBatchKey("WEEKLY", h)]);
    const jobs = await prisma.job.findMany({
      where: { kind: "digest-batch", key: { startsWith: "digest-batch:" }, runAt: { gte: new Date(now.getTime() - 2 * DAY), lte: now } },
      select: { key: true, runAt: true, payload: true },
    });
    expect(jobs.map((job) => job.key).sort()).toEqual(keys.sort());
    // Due at once: a batch is never later than the first tick that schedules it.
    for (const job of jobs) expect(job.runAt).toEqual(now);
    expect(jobs.find((job) => job.key === digestBatchKey("DAILY", hour))!.payload).toEqual({ frequency: "DAILY", hour: hour.toISOString() });
    // The next hour: one more batch per frequency.
    await scheduleDigests(new Date(hour.getTime() + HOUR));
    expect(await prisma.job.count({ where: { key: { in: [digestBatchKey("DAILY", new Date(hour.getTime() + HOUR)), digestBatchKey("WEEKLY", new Date(hour.getTime() + HOUR))] } } })).toBe(2);
    // Left for no other test's worker.
    await prisma.job.deleteMany({ where: { kind: "digest-batch", key: { in: [...keys, digestBatchKey("DAILY", new Date(hour.getTime() + HOUR)), digestBatchKey("WEEKLY", new Date(hour.getTime() + HOUR))] } } });
  });

  it("runs a batch enqueued by the UTC-period code (a period end, no hour) as that hour's batch", async () => {
    const monday = freshMonday();
    const member = await digestMember("DAILY", new Date(monday.getTime() - DAY));
    const job = { id: "old", kind: "digest-batch", key: `digest-batch:DAILY:${monday.toISOString()}`, payload: { frequency: "DAILY", periodEnd: monday.toISOString() }, attempts: 1 };
    await runDigestBatch(job, monday);
    const key = digestKey(member.userId, "DAILY", monday);
    expect(await prisma.job.findUniqueOrThrow({ where: { key }, select: { payload: true } })).toEqual({
      payload: { userId: member.userId, frequency: "DAILY", periodEnd: monday.toISOString(), timeZone: "UTC" },
    });
    await prisma.job.deleteMany({ where: { kind: "digest", key: { endsWith: `:DAILY:${monday.toISOString()}` } } });
  });

  it("waits for the settling time after the hour before running its batch", async () => {
    const monday = freshMonday();
    const now = new Date(monday.getTime() + 30_000);
    await scheduleDigests(now);
    const batch = await prisma.job.findUniqueOrThrow({ where: { key: digestBatchKey("DAILY", monday) }, select: { runAt: true } });
    expect(batch.runAt).toEqual(new Date(monday.getTime() + DIGEST_SETTLE_MS));
    await prisma.job.deleteMany({ where: { key: { in: digestBatches(now).map((b) => b.key) } } });
  });
});

describe("sending a digest once", () => {
  async function memberWithNews(monday: Date) {
    const reader = await digestMember("DAILY", new Date(monday.getTime() - 2 * DAY));
    const author = await createTestMember();
    const association = await createAssociation([{ userId: reader.userId }, { userId: author.userId }]);
    await threadAt(await createCategory(association, "ASSOCIATION"), author.userId, new Date(monday.getTime() - 3 * HOUR), {
      title: "Something new",
    });
    return reader;
  }

  it("writes one email when a worker's lease expires and another runs the same job again", async () => {
    const monday = freshMonday();
    const reader = await memberWithNews(monday);
    const now = new Date(monday.getTime() + HOUR);
    const key = digestKey(reader.userId, "DAILY", monday);
    await enqueueJob({ kind: "digest", key, payload: { userId: reader.userId, frequency: "DAILY", periodEnd: monday.toISOString() }, runAt: now });

    // Worker A claims it and does the work, then dies before marking it done.
    const [claimed] = await claimJobs("worker-a", 1, now, ["digest"]);
    expect(claimed?.key).toBe(key);
    await runDigest(claimed!, now);
    // Worker B finds the lease expired and runs it again.
    const later = new Date(now.getTime() + (LEASE_SECONDS + 1) * 1000);
    const result = await runDueJobs({ handlers: { digest: runDigest }, workerId: "worker-b", now: later });
    expect(result.done).toBeGreaterThanOrEqual(1);

    expect(await digestsOf(reader.userId)).toHaveLength(1);
    expect(await prisma.job.findUniqueOrThrow({ where: { key }, select: { status: true } })).toEqual({ status: "DONE" });
  });

  it("writes one email when the same job runs twice at the same moment", async () => {
    const monday = freshMonday();
    const reader = await memberWithNews(monday);
    const job = {
      id: "same",
      kind: "digest",
      key: digestKey(reader.userId, "DAILY", monday),
      payload: { userId: reader.userId, frequency: "DAILY", periodEnd: monday.toISOString() },
      attempts: 1,
    };
    const now = new Date(monday.getTime() + HOUR);
    await Promise.all([runDigest(job, now), runDigest(job, now), runDigest(job, now)]);
    expect(await digestsOf(reader.userId)).toHaveLength(1);
  });

  it("sends one digest per member when two workers run the jobs at once", async () => {
    const monday = freshMonday();
    const readers = await Promise.all(Array.from({ length: 6 }, () => memberWithNews(monday)));
    const now = new Date(monday.getTime() + HOUR);
    await scheduleDigests(now);
    await Promise.all([
      runJobsUntilIdle({ handlers: jobHandlers, now, workerId: "worker-a" }),
      runJobsUntilIdle({ handlers: jobHandlers, now, workerId: "worker-b" }),
    ]);
    for (const reader of readers) expect(await digestsOf(reader.userId)).toHaveLength(1);
  });

  // A second app instance: another process with its own Prisma client and
  // connection pool on the same PostgreSQL database. (PGlite is one process.)
  it.runIf(process.env.TEST_DB === "postgres")(
    "sends one digest per member when another app instance runs the jobs at the same moment",
    async () => {
      const monday = freshMonday();
      const readers = await Promise.all(Array.from({ length: 24 }, () => memberWithNews(monday)));
      const now = new Date(monday.getTime() + HOUR);
      await scheduleDigests(now);
      await runJobsUntilIdle({ handlers: { "digest-batch": jobHandlers["digest-batch"]! }, now });

      const script = path.join(mkdtempSync(path.join(tmpdir(), "cme-instance-")), "instance.mts");
      writeFileSync(
        script,
        `import { createInterface } from "node:readline";
         import { jobHandlers } from "~/domain/email/handlers.server";
         import { closeDatabase, prisma } from "~/utils/db.server";
         import { runJobsUntilIdle } from "~/utils/jobs.server";
         console.log = () => {};
         await prisma.$queryRaw\`SELECT 1\`;
         process.stdout.write("ready\\n");
         await new Promise((resolve) => createInterface({ input: process.stdin }).once("line", resolve));
         const result = await runJobsUntilIdle({ handlers: jobHandlers, now: new Date(process.argv[2]), workerId: "instance-b", limit: 2 });
         process.stdout.write("result " + JSON.stringify(result) + "\\n");
         await closeDatabase();
         process.exit(0);`,
      );
      const child = spawn(process.execPath, ["--import", "tsx", script, now.toISOString()], {
        cwd: process.cwd(),
        env: process.env,
        stdio: ["pipe", "pipe", "inherit"],
      });
      let output = "";
      const ready = new Promise<void>((resolve) =>
        child.stdout.on("data", (chunk: Buffer) => {
          output += chunk.toString();
          if (output.includes("ready\n")) resolve();
        }),
      );
      const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
      await ready;
      child.stdin.write("go\n");
      const here = await runJobsUntilIdle({ handlers: jobHandlers, now, workerId: "instance-a", limit: 2 });
      expect(await exited).toBe(0);
      const there = JSON.parse(/result (.*)/.exec(output)![1]!) as { done: number; failed: number };

      for (const reader of readers) expect(await digestsOf(reader.userId)).toHaveLength(1);
      expect(here.failed + there.failed).toBe(0);
      // Both instances did part of the work.
      expect(here.done).toBeGreaterThan(0);
      expect(there.done).toBeGreaterThan(0);
    },
    60_000,
  );
});

describe("digests in the member's own day", () => {
  const at = (iso: string) => new Date(iso);
  const ceilHour = (iso: string) => new Date(Math.ceil(at(iso).getTime() / HOUR) * HOUR).toISOString();

  async function memberIn(timeZone: string, frequency: "DAILY" | "WEEKLY", cursor: string) {
    const member = await digestMember(frequency, at("2026-01-05T00:00:00Z"));
    await prisma.user.update({ where: { id: member.userId }, data: { timeZone, digestCursor: at(cursor) }, select: { id: true } });
    return member;
  }

  /** Threads written at `times`, titled "News at <instant>", in an association the members belong to. */
  async function newsAt(members: TestMember[], times: string[]) {
    const author = await createTestMember();
    const association = await createAssociation([...members, author].map((m) => ({ userId: m.userId })));
    const category = await createCategory(association, "ASSOCIATION");
    for (const time of times) await threadAt(category, author.userId, at(time), { title: `News at ${at(time).toISOString()}` });
  }

  /** The member's digest jobs' period ends (and zones), oldest first. */
  async function periodEndsOf(member: TestMember) {
    const jobs = await prisma.job.findMany({ where: { kind: "digest", key: { startsWith: `digest:${member.userId}:` } }, select: { key: true, payload: true } });
    return jobs
      .map((job) => ({ key: job.key, ...(job.payload as { periodEnd: string; timeZone: string }) }))
      .sort((a, b) => a.periodEnd.localeCompare(b.periodEnd));
  }

  /** Each digest's label and the threads it lists. */
  async function digestsIn(member: TestMember) {
    return (await digestsOf(member.userId)).map((digest) => ({
      label: /digest (for .*|since .*):/.exec(digest.subject)![1],
      threads: [...digest.text.matchAll(/^\* News at (\S+)$/gm)].map((match) => match[1]).sort(),
    }));
  }

  /**
   * Runs the batch of each hour from `first` to `last` and then the digests
   * it enqueued, as ticks at H + 3 min would, noting which hour enqueued
   * which member's digest.
   */
  async function batchesHourByHour(frequency: "DAILY" | "WEEKLY", first: string, last: string, members: TestMember[]) {
    const byHour: Record<string, string[]> = {};
    const seen = new Set<string>();
    for (const member of members) for (const { key } of await periodEndsOf(member)) seen.add(key);
    for (let hour = at(first).getTime(); hour <= at(last).getTime(); hour += HOUR) {
      const iso = new Date(hour).toISOString();
      const job = { id: `batch-${iso}`, kind: "digest-batch", key: digestBatchKey(frequency, new Date(hour)), payload: { frequency, hour: iso }, attempts: 1 };
      await runDigestBatch(job, new Date(hour + 3 * 60_000));
      await runJobsUntilIdle({ handlers: { digest: runDigest }, now: new Date(hour + 3 * 60_000) });
      for (const member of members) {
        for (const { key, periodEnd } of await periodEndsOf(member)) {
          if (seen.has(key)) continue;
          seen.add(key);
          (byHour[iso] ??= []).push(`${member.userId} ${periodEnd}`);
        }
      }
    }
    return byHour;
  }

  it(
    "in Auckland, Los Angeles, Kolkata and UTC come from the batch of the hour after the member's own midnight, labelled with their own day",
    async () => {
      // 2026-11-23 is a Monday; New Zealand is on daylight time (+13), California on standard time (−8).
      const auckland = await memberIn("Pacific/Auckland", "DAILY", "2026-11-22T11:00:00Z");
      const losAngeles = await memberIn("America/Los_Angeles", "DAILY", "2026-11-22T08:00:00Z");
      const kolkata = await memberIn("Asia/Kolkata", "DAILY", "2026-11-22T18:30:00Z");
      const utc = await memberIn("UTC", "DAILY", "2026-11-23T00:00:00Z");
      // A zone nobody knows is read as UTC, and does not fail the batch for the others.
      const unknown = await memberIn("Mars/Olympus_Mons", "DAILY", "2026-11-23T00:00:00Z");
      const members = [auckland, losAngeles, kolkata, utc, unknown];
      const news = Array.from({ length: 21 }, (_, i) => new Date(at("2026-11-22T07:17:00Z").getTime() + i * 3 * HOUR).toISOString());
      await newsAt(members, news);

      const expected = new Map<TestMember, string[]>([
        [auckland, ["2026-11-23T11:00:00.000Z", "2026-11-24T11:00:00.000Z"]],
        [losAngeles, ["2026-11-23T08:00:00.000Z", "2026-11-24T08:00:00.000Z"]],
        [kolkata, ["2026-11-23T18:30:00.000Z", "2026-11-24T18:30:00.000Z"]],
        [utc, ["2026-11-24T00:00:00.000Z", "2026-11-25T00:00:00.000Z"]],
        [unknown, ["2026-11-24T00:00:00.000Z", "2026-11-25T00:00:00.000Z"]],
      ]);
      const byHour = await batchesHourByHour("DAILY", "2026-11-23T01:00:00Z", "2026-11-25T00:00:00Z", members);
      const wanted: Record<string, string[]> = {};
      for (const [member, ends] of expected) for (const end of ends) (wanted[ceilHour(end)] ??= []).push(`${member.userId} ${end}`);
      for (const list of [...Object.values(byHour), ...Object.values(wanted)]) list.sort();
      expect(byHour).toEqual(wanted);
      const zones = new Map([[auckland, "Pacific/Auckland"], [losAngeles, "America/Los_Angeles"], [kolkata, "Asia/Kolkata"], [utc, "UTC"], [unknown, "UTC"]]);
      for (const [member, ends] of expected) {
        // The key names the member, the frequency and the period's end; the payload the zone it is a day of.
        expect(await periodEndsOf(member)).toEqual(
          ends.map((end) => ({ key: digestKey(member.userId, "DAILY", end), userId: member.userId, frequency: "DAILY", periodEnd: end, timeZone: zones.get(member) })),
        );
      }

      await runJobsUntilIdle({ handlers: jobHandlers, now: at("2026-11-25T00:05:00Z") });
      const inPeriod = (from: string, to: string) => news.filter((time) => time > at(from).toISOString() && time <= at(to).toISOString()).sort();
      expect(await digestsIn(auckland)).toEqual([
        { label: "for Monday 23 November", threads: inPeriod("2026-11-22T11:00:00Z", "2026-11-23T11:00:00Z") },
        { label: "for Tuesday 24 November", threads: inPeriod("2026-11-23T11:00:00Z", "2026-11-24T11:00:00Z") },
      ]);
      expect(await digestsIn(losAngeles)).toEqual([
        { label: "for Sunday 22 November", threads: inPeriod("2026-11-22T08:00:00Z", "2026-11-23T08:00:00Z") },
        { label: "for Monday 23 November", threads: inPeriod("2026-11-23T08:00:00Z", "2026-11-24T08:00:00Z") },
      ]);
      expect(await digestsIn(kolkata)).toEqual([
        { label: "for Monday 23 November", threads: inPeriod("2026-11-22T18:30:00Z", "2026-11-23T18:30:00Z") },
        { label: "for Tuesday 24 November", threads: inPeriod("2026-11-23T18:30:00Z", "2026-11-24T18:30:00Z") },
      ]);
      for (const member of [utc, unknown]) {
        expect(await digestsIn(member)).toEqual([
          { label: "for Monday 23 November", threads: inPeriod("2026-11-23T00:00:00Z", "2026-11-24T00:00:00Z") },
          { label: "for Tuesday 24 November", threads: inPeriod("2026-11-24T00:00:00Z", "2026-11-25T00:00:00Z") },
        ]);
      }

      // The same hour's batch again (a retry), and two instances scheduling and running at once: nothing more.
      const again = { id: "again", kind: "digest-batch", key: digestBatchKey("DAILY", at("2026-11-24T11:00:00Z")), payload: { frequency: "DAILY", hour: "2026-11-24T11:00:00.000Z" }, attempts: 2 };
      await runDigestBatch(again, at("2026-11-25T00:06:00Z"));
      const now = at("2026-11-25T00:07:00Z");
      await Promise.all([scheduleDigests(now), scheduleDigests(now)]);
      await Promise.all([
        runJobsUntilIdle({ handlers: jobHandlers, now, workerId: "instance-a" }),
        runJobsUntilIdle({ handlers: jobHandlers, now, workerId: "instance-b" }),
      ]);
      for (const [member, ends] of expected) {
        expect(await periodEndsOf(member)).toHaveLength(ends.length);
        expect(await digestsOf(member.userId)).toHaveLength(2);
      }
    },
    120_000,
  );

  it("for a weekly member cover their own Monday-to-Monday week", async () => {
    const auckland = await memberIn("Pacific/Auckland", "WEEKLY", "2026-11-15T11:00:00Z");
    const losAngeles = await memberIn("America/Los_Angeles", "WEEKLY", "2026-11-16T08:00:00Z");
    // Sunday 15 November in California, Monday 16 November in New Zealand; Thursday; Monday 23 in New Zealand, Sunday 22 in California.
    await newsAt([auckland, losAngeles], ["2026-11-15T12:00:00Z", "2026-11-19T12:00:00Z", "2026-11-22T20:00:00Z"]);

    const byHour = await batchesHourByHour("WEEKLY", "2026-11-21T01:00:00Z", "2026-11-24T00:00:00Z", [auckland, losAngeles]);
    expect(byHour).toEqual({
      "2026-11-22T11:00:00.000Z": [`${auckland.userId} 2026-11-22T11:00:00.000Z`],
      "2026-11-23T08:00:00.000Z": [`${losAngeles.userId} 2026-11-23T08:00:00.000Z`],
    });
    await runJobsUntilIdle({ handlers: jobHandlers, now: at("2026-11-24T00:05:00Z") });
    expect(await digestsIn(auckland)).toEqual([
      { label: "for 16–22 November", threads: ["2026-11-15T12:00:00.000Z", "2026-11-19T12:00:00.000Z"] },
    ]);
    expect(await digestsIn(losAngeles)).toEqual([
      { label: "for 16–22 November", threads: ["2026-11-19T12:00:00.000Z", "2026-11-22T20:00:00.000Z"] },
    ]);
  }, 60_000);

  it("cover London's 25-hour and 23-hour days without a gap or an overlap", async () => {
    const autumn = await memberIn("Europe/London", "DAILY", "2026-10-23T23:00:00Z");
    const spring = await memberIn("Europe/London", "DAILY", "2026-03-28T00:00:00Z");
    // Saturday; Sunday 00:30 BST; Sunday 23:30 GMT (the 25th hour's day); Monday 00:30 GMT.
    await newsAt([autumn], ["2026-10-24T12:00:00Z", "2026-10-24T23:30:00Z", "2026-10-25T23:30:00Z", "2026-10-26T00:30:00Z"]);
    // Saturday; Sunday 00:30 GMT; Sunday 23:30 BST (a 23-hour day); Monday 00:30 BST.
    await newsAt([spring], ["2026-03-28T12:00:00Z", "2026-03-29T00:30:00Z", "2026-03-29T22:30:00Z", "2026-03-29T23:30:00Z"]);

    expect(await batchesHourByHour("DAILY", "2026-03-28T20:00:00Z", "2026-03-30T02:00:00Z", [spring])).toEqual({
      "2026-03-29T00:00:00.000Z": [`${spring.userId} 2026-03-29T00:00:00.000Z`],
      "2026-03-29T23:00:00.000Z": [`${spring.userId} 2026-03-29T23:00:00.000Z`],
    });
    await runJobsUntilIdle({ handlers: jobHandlers, now: at("2026-03-30T02:05:00Z") });
    expect(await batchesHourByHour("DAILY", "2026-10-24T20:00:00Z", "2026-10-26T02:00:00Z", [autumn])).toEqual({
      "2026-10-24T23:00:00.000Z": [`${autumn.userId} 2026-10-24T23:00:00.000Z`],
      "2026-10-26T00:00:00.000Z": [`${autumn.userId} 2026-10-26T00:00:00.000Z`],
    });
    await runJobsUntilIdle({ handlers: jobHandlers, now: at("2026-10-26T02:05:00Z") });

    expect(await digestsIn(spring)).toEqual([
      { label: "for Saturday 28 March", threads: ["2026-03-28T12:00:00.000Z"] },
      { label: "for Sunday 29 March", threads: ["2026-03-29T00:30:00.000Z", "2026-03-29T22:30:00.000Z"] },
      // The October batches reached them too: everything since their last digest, from their Monday 30 March.
      { label: "since 30 March", threads: ["2026-03-29T23:30:00.000Z"] },
    ]);
    expect(await digestsIn(autumn)).toEqual([
      { label: "for Saturday 24 October", threads: ["2026-10-24T12:00:00.000Z"] },
      { label: "for Sunday 25 October", threads: ["2026-10-24T23:30:00.000Z", "2026-10-25T23:30:00.000Z"] },
    ]);
  }, 60_000);
});

describe("replying from a digest", () => {
  it("gives each item its own reply address as a mailto: link, when reply by email is set up", async () => {
    const previous = process.env.REPLY_DOMAIN;
    process.env.REPLY_DOMAIN = "digest.reply.test";
    try {
      const monday = freshMonday();
      const reader = await digestMember("DAILY", new Date(monday.getTime() - 2 * DAY));
      const author = await createTestMember();
      const association = await createAssociation([{ userId: reader.userId }, { userId: author.userId }]);
      const category = await createCategory(association, "ASSOCIATION");
      await threadAt(category, author.userId, new Date(monday.getTime() - 3 * HOUR), { title: "First thread" });
      await threadAt(category, author.userId, new Date(monday.getTime() - 2 * HOUR), { title: "Second thread" });
      const now = new Date(monday.getTime() + HOUR);
      await enqueueJob({
        kind: "digest",
        key: digestKey(reader.userId, "DAILY", monday),
        payload: { userId: reader.userId, frequency: "DAILY", periodEnd: monday.toISOString() },
        runAt: now,
      });
      await runDueJobs({ handlers: { digest: runDigest }, now });
      const [digest] = await digestsOf(reader.userId);
      const addresses = [...digest!.text.matchAll(/Reply by email:\s+(reply\+[a-z2-7]{32}@digest\.reply\.test)/g)].map((m) => m[1]);
      expect(addresses).toHaveLength(2);
      expect(new Set(addresses).size).toBe(2);
      for (const address of addresses) expect(digest!.html).toContain(`href="mailto:${address}?subject=`);
    } finally {
      if (previous === undefined) delete process.env.REPLY_DOMAIN;
      else process.env.REPLY_DOMAIN = previous;
    }
  });
});
