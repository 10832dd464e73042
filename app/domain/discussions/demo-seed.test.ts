// The demo seed (`npm run db:seed -- --demo`, prisma/demo.ts,
// prisma/demo-community.ts, prisma/demo-assessments.ts and
// prisma/demo-statements.ts): what a person trying the app finds, what the
// README promises, and that a second run changes nothing. (Lives here because
// vitest runs app/ and tests/.)
import { beforeAll, describe, expect, it } from "vitest";
import { listModerationQueue } from "~/domain/discussions/flags.server";
import { getAssociationInsight } from "~/domain/insight/insight.server";
import { getHomeAssociations } from "~/domain/pages/home.server";
import { expectOk } from "~/utils/result";
import { prisma } from "~/utils/db.server";
import { seedDemo } from "../../../prisma/demo";
import { DEMO_ASSESSMENTS, DEMO_OLDER_EDITION } from "../../../prisma/demo-assessments";
import { DEMO_ASSOCIATIONS, DEMO_THREADS, demoActors } from "../../../prisma/demo-community";
import { DEMO_STATEMENTS } from "../../../prisma/demo-statements";
import { seed } from "../../../prisma/seed";

const DEMO_EMAIL = { endsWith: "@demo.cme-commons.org" };
/** Forum threads of the demo, without the comment threads opening a statement starts. */
const DEMO_FORUM_THREAD = { author: { email: DEMO_EMAIL }, NOT: { title: { startsWith: "Statement: " } } };
const demoSlugs = DEMO_ASSOCIATIONS.map((association) => association.slug);

/** Everything the demo seed makes, as comparable plain data. */
async function snapshot() {
  const [users, associations, memberships, requests, invitations, categories, threads, posts, reactions, notifications, assessments, statements, flags] =
    await Promise.all([
      prisma.user.findMany({ where: { email: DEMO_EMAIL }, orderBy: { email: "asc" }, select: { email: true, createdAt: true } }),
      prisma.association.findMany({
        where: { slug: { in: demoSlugs } },
        orderBy: { slug: "asc" },
        select: { slug: true, joinPolicy: true, memberCount: true, createdAt: true },
      }),
      prisma.associationMembership.findMany({
        where: { association: { slug: { in: demoSlugs } } },
        orderBy: [{ associationId: "asc" }, { userId: "asc" }],
        select: { associationId: true, userId: true, role: true, joinedAt: true },
      }),
      prisma.associationJoinRequest.findMany({
        where: { association: { slug: { in: demoSlugs } } },
        orderBy: { id: "asc" },
        select: { id: true, status: true, createdAt: true },
      }),
      prisma.associationInvitation.count({ where: { association: { slug: { in: demoSlugs } } } }),
      prisma.category.findMany({
        where: { forum: { slug: { in: demoSlugs } } },
        orderBy: { id: "asc" },
        select: { id: true, slug: true },
      }),
      prisma.thread.findMany({
        where: DEMO_FORUM_THREAD,
        orderBy: { id: "asc" },
        select: {
          id: true,
          title: true,
          replyCount: true,
          lastPostNumber: true,
          lastPostAt: true,
          pinnedAt: true,
          acceptedPostId: true,
        },
      }),
      prisma.post.count({ where: { author: { email: DEMO_EMAIL }, thread: DEMO_FORUM_THREAD } }),
      prisma.postReaction.count({ where: { user: { email: DEMO_EMAIL } } }),
      prisma.notification.count({ where: { user: { email: DEMO_EMAIL } } }),
      prisma.assessment.findMany({
        where: { user: { email: DEMO_EMAIL } },
        orderBy: { id: "asc" },
        select: { id: true, status: true, submittedAt: true, isBaseline: true },
      }),
      prisma.statement.findMany({
        where: { author: { email: DEMO_EMAIL } },
        orderBy: { id: "asc" },
        select: { id: true, status: true, currentVersion: true, _count: { select: { signals: true, endorsements: true } } },
      }),
      prisma.postFlag.findMany({ where: { user: { email: DEMO_EMAIL } }, select: { id: true, resolvedAt: true } }),
    ]);
  return { users, associations, memberships, requests, invitations, categories, threads, posts, reactions, notifications, assessments, statements, flags };
}

let first: Awaited<ReturnType<typeof snapshot>>;
let second: Awaited<ReturnType<typeof snapshot>>;
let secondReport: string[];
const startedAt = new Date();

beforeAll(async () => {
  await seed({ demo: true });
  first = await snapshot();
  secondReport = (await seed({ demo: true })).report;
  second = await snapshot();
}, 240_000);

const threadByTitle = (title: string) =>
  prisma.thread.findFirstOrThrow({
    where: { title, author: { email: DEMO_EMAIL } },
    select: {
      id: true,
      kind: true,
      tags: true,
      areaSlugs: true,
      pinnedAt: true,
      acceptedPostId: true,
      category: { select: { slug: true } },
      forum: { select: { slug: true } },
      posts: { orderBy: { number: "asc" }, select: { id: true, number: true, replyToNumber: true, bodyHtml: true, helpfulCount: true } },
    },
  });

describe("the demo seed", () => {
  it("changes nothing when run a second time", () => {
    expect(secondReport).toContain("demo: 0 association(s) added, 3 already there");
    expect(secondReport).toContain(`demo: 0 thread(s) with 0 replies added, ${DEMO_THREADS.length} already there`);
    expect(second).toEqual(first);
    expect(first.users).toHaveLength(9);
    expect(first.assessments).toHaveLength(2 * 9);
    expect(first.statements).toHaveLength(DEMO_STATEMENTS.length);
    expect(first.flags).toHaveLength(1);
    expect(first.threads).toHaveLength(DEMO_THREADS.length);
    expect(first.posts).toBe(DEMO_THREADS.reduce((sum, thread) => sum + 1 + thread.replies.length, 0));
    expect(first.reactions).toBeGreaterThan(0);
    expect(first.notifications).toBeGreaterThan(0);
  });

  it("dates the demo accounts well before the new-account posting limit", () => {
    for (const user of first.users) {
      expect(startedAt.getTime() - user.createdAt.getTime()).toBeGreaterThan(30 * 24 * 3600_000);
    }
  });

  it("makes three associations with an open, an approval and an invitation policy, owners, moderators and members", async () => {
    expect(first.associations.map((a) => a.joinPolicy).sort()).toEqual(["APPROVAL", "INVITE", "OPEN"]);
    for (const association of first.associations) {
      const roles = await prisma.associationMembership.findMany({
        where: { association: { slug: association.slug } },
        select: { role: true },
      });
      expect(roles.filter((r) => r.role === "OWNER")).toHaveLength(1);
      expect(roles.some((r) => r.role === "MODERATOR")).toBe(true);
      expect(roles.some((r) => r.role === "MEMBER")).toBe(true);
      expect(association.memberCount).toBe(roles.length);
    }
    // Starter categories, plus one more in the hospital network.
    const greatLakes = await prisma.category.findMany({
      where: { forum: { slug: "great-lakes-hospital-cme" } },
      orderBy: { position: "asc" },
      select: { slug: true },
    });
    expect(greatLakes.map((c) => c.slug).filter((slug) => slug !== "statements")).toEqual([
      "announcements",
      "members",
      "grand-rounds-and-series",
    ]);
  });

  it("leaves one join request waiting, with unread notifications for the reviewers", async () => {
    const pending = await prisma.associationJoinRequest.findMany({
      where: { status: "PENDING", association: { slug: { in: demoSlugs } } },
      select: { userId: true, association: { select: { slug: true } } },
    });
    expect(pending).toHaveLength(1);
    expect(pending[0]!.association.slug).toBe("academic-cme-leaders");
    const told = await prisma.notification.count({
      where: { kind: "JOIN_REQUEST", actorId: pending[0]!.userId, readAt: null },
    });
    expect(told).toBe(2); // the owner and the moderator
  });

  it("keeps every thread's counters in step with its posts", async () => {
    const posts = await prisma.post.groupBy({
      by: ["threadId"],
      where: { threadId: { in: first.threads.map((thread) => thread.id) } },
      _max: { number: true, createdAt: true },
      _count: { _all: true },
    });
    for (const thread of first.threads) {
      const own = posts.find((row) => row.threadId === thread.id)!;
      expect(thread.lastPostNumber, thread.title).toBe(own._max.number);
      expect(thread.replyCount, thread.title).toBe(own._count._all - 1);
      expect(thread.lastPostAt.getTime(), thread.title).toBe(own._max.createdAt!.getTime());
      expect(thread.lastPostAt.getTime()).toBeLessThanOrEqual(startedAt.getTime());
    }
    // Spread over the last few weeks, in post order.
    const times = first.threads.map((thread) => startedAt.getTime() - thread.lastPostAt.getTime());
    expect(Math.max(...times)).toBeGreaterThan(14 * 24 * 3600_000);
    const ordered = await prisma.post.findMany({
      where: { threadId: { in: first.threads.map((thread) => thread.id) } },
      orderBy: [{ threadId: "asc" }, { number: "asc" }],
      select: { threadId: true, createdAt: true },
    });
    for (let i = 1; i < ordered.length; i++) {
      if (ordered[i]!.threadId === ordered[i - 1]!.threadId) {
        expect(ordered[i]!.createdAt.getTime()).toBeGreaterThan(ordered[i - 1]!.createdAt.getTime());
      }
    }
  });

  it("answers the grand rounds question with an accepted, helpful answer", async () => {
    const thread = await threadByTitle("Where do I start with a needs assessment for a new grand rounds series?");
    expect(thread.kind).toBe("QUESTION");
    const accepted = thread.posts.find((post) => post.id === thread.acceptedPostId);
    expect(accepted?.number).toBe(2);
    expect(accepted?.helpfulCount).toBe(2);
    expect(thread.tags).toContain("needs-assessment");
    expect(thread.areaSlugs).toEqual(["educational-interventions", "measuring-performance"]);
    // A quote of the answer, and an @mention linked to the profile.
    expect(thread.posts.some((post) => post.replyToNumber === 2)).toBe(true);
    expect(thread.posts.some((post) => post.bodyHtml.includes('href="/members/daniel-reyes"'))).toBe(true);
    const mentioned = await prisma.notification.count({
      where: { kind: "MENTION", threadId: thread.id, user: { profile: { handle: "daniel-reyes" } } },
    });
    expect(mentioned).toBe(1);
  });

  it("gives the accreditation manager who audits against Standard 3 and reports in PARS an ACCME-accredited society, also on a site seeded before", async () => {
    const ingrid = { user: { email: "ingrid.larsen@demo.cme-commons.org" } };
    const profile = () => prisma.profile.findFirstOrThrow({ where: ingrid, select: { organization: true, accreditationSystem: true } });
    expect(await profile()).toEqual({ organization: "Heartland Society of Cardiology", accreditationSystem: "ACCME" });
    // Her profile as an earlier demo seed wrote it: the next seed corrects it.
    await prisma.profile.updateMany({ where: ingrid, data: { organization: "Nordic Society of Cardiology", accreditationSystem: "EACCME" } });
    await seedDemo();
    expect(await profile()).toEqual({ organization: "Heartland Society of Cardiology", accreditationSystem: "ACCME" });
  });

  it("pins the hospital network's welcome announcement in its public category", async () => {
    const thread = await threadByTitle("Welcome to the network’s forum: how we use it");
    expect(thread.pinnedAt).not.toBeNull();
    expect(thread.forum.slug).toBe("great-lakes-hospital-cme");
    expect(thread.category.slug).toBe("announcements");
    expect(first.threads.filter((t) => t.pinnedAt !== null)).toHaveLength(1);
  });
});

const DAY = 24 * 3600_000;

describe("the demo's assessments, statements and moderation (README: what the demo contains)", () => {
  it("gives every demo member a baseline and a reassessment about a year later, with evidence and targets", async () => {
    const users = await prisma.user.findMany({
      where: { email: DEMO_EMAIL },
      select: {
        email: true,
        assessments: {
          orderBy: { submittedAt: "asc" },
          select: {
            status: true,
            isBaseline: true,
            submittedAt: true,
            answers: { select: { evidence: true, targetStageId: true, stageId: true } },
          },
        },
      },
    });
    expect(users).toHaveLength(DEMO_ASSESSMENTS.length);
    for (const user of users) {
      expect(user.assessments.map((a) => [a.status, a.isBaseline]), user.email).toEqual([
        ["SUBMITTED", true],
        ["SUBMITTED", false],
      ]);
      const [baseline, reassessment] = user.assessments as [(typeof user.assessments)[0], (typeof user.assessments)[0]];
      const apart = reassessment.submittedAt!.getTime() - baseline.submittedAt!.getTime();
      expect(apart / DAY, user.email).toBeGreaterThan(330);
      expect(apart / DAY, user.email).toBeLessThan(400);
      expect(reassessment.submittedAt!.getTime()).toBeLessThan(startedAt.getTime());
      // The baseline against the previous edition (seven areas), the reassessment against the current one (eight).
      expect(baseline.answers).toHaveLength(7);
      expect(reassessment.answers).toHaveLength(8);
      for (const assessment of user.assessments) {
        expect(assessment.answers.every((answer) => answer.stageId !== null)).toBe(true);
        expect(assessment.answers.filter((answer) => answer.evidence.trim() !== "").length, user.email).toBeGreaterThanOrEqual(2);
        expect(assessment.answers.some((answer) => answer.targetStageId !== null), user.email).toBe(true);
      }
    }
  });

  it("has one member rated by a reviewer, with comments beside the stages", async () => {
    const ratings = await prisma.reviewerRating.findMany({
      where: { reviewee: { email: DEMO_EMAIL }, submittedAt: { not: null } },
      select: { reviewerName: true, reviewee: { select: { profile: { select: { handle: true } } } }, answers: { select: { comment: true } } },
    });
    expect(ratings).toHaveLength(1);
    expect(ratings[0]!.reviewee.profile?.handle).toBe("sam-patel");
    expect(ratings[0]!.answers).toHaveLength(8);
    expect(ratings[0]!.answers.filter((answer) => answer.comment !== "").length).toBeGreaterThanOrEqual(3);
  });

  it("shows the Great Lakes network's insight for every area today, and withholds the one area fewer members answered a year ago", async () => {
    const amara = (await demoActors()).get("amara-okafor")!;
    const insight = expectOk(await getAssociationInsight(amara, "great-lakes-hospital-cme"));
    expect(insight.areas).toHaveLength(8);
    for (const area of insight.areas) {
      expect(area.now.shown, area.slug).toBe(true);
      if (area.now.shown) expect(area.now.members).toBeGreaterThanOrEqual(6);
      // Five of its members had assessed themselves twelve months ago, against the previous edition,
      // which had no Systems thinking area: that one area is withheld, the others compared.
      expect(area.then.shown, area.slug).toBe(area.slug !== DEMO_OLDER_EDITION.without);
    }
    // The roundtable has three members: too few to show anything.
    const grace = (await demoActors()).get("grace-mensah")!;
    const small = expectOk(await getAssociationInsight(grace, "academic-cme-leaders"));
    expect(small.areas.length).toBeGreaterThan(0);
    expect(small.areas.every((area) => !area.now.shown && !area.then.shown)).toBe(true);
  });

  it("has a statement at each stage, with signals and signatures on those that were opened", async () => {
    const statements = await prisma.statement.findMany({
      where: { author: { email: DEMO_EMAIL } },
      select: { title: true, status: true, adoptedVersion: true, _count: { select: { signals: true, endorsements: true } } },
    });
    expect(statements.map((s) => s.status).sort()).toEqual(["ADOPTED", "ARCHIVED", "DRAFT", "OPEN"]);
    for (const statement of statements.filter((s) => s.status !== "DRAFT")) {
      expect(statement._count.signals, statement.title).toBeGreaterThanOrEqual(5);
      expect(statement._count.endorsements, statement.title).toBeGreaterThanOrEqual(1);
    }
    expect(statements.find((s) => s.status === "ADOPTED")?.adoptedVersion).toBe(1);
  });

  it("leaves a flagged reply waiting in the Great Lakes moderators' queue", async () => {
    const amara = (await demoActors()).get("amara-okafor")!;
    const { items } = await listModerationQueue(amara, null);
    expect(items).toHaveLength(1);
    expect(JSON.stringify(items[0])).toContain("Kowalski");
    expect(first.flags.every((flag) => flag.resolvedAt === null)).toBe(true);
  });

  it("shows the owners on their home what waits for them: the flag, and the join request", async () => {
    const actors = await demoActors();
    const waiting = async (handle: "amara-okafor" | "grace-mensah") =>
      Object.fromEntries((await getHomeAssociations(actors.get(handle)!)).run.map((a) => [a.slug, [a.waitingRequests, a.flaggedPosts]]));
    expect(await waiting("amara-okafor")).toEqual({ "great-lakes-hospital-cme": [0, 1], "academic-cme-leaders": [1, 0] });
    expect(await waiting("grace-mensah")).toEqual({ "great-lakes-hospital-cme": [0, 1], "academic-cme-leaders": [1, 0] });
  });
});
