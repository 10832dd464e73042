// The demo seed (`npm run db:seed -- --demo`, prisma/demo.ts and
// prisma/demo-community.ts): what a person trying the app finds, and that a
// second run changes nothing. (Lives here because vitest runs app/ and tests/.)
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { seedDemo } from "../../../prisma/demo";
import { DEMO_ASSOCIATIONS, DEMO_THREADS } from "../../../prisma/demo-community";
import { seed } from "../../../prisma/seed";

const DEMO_EMAIL = { endsWith: "@demo.cme-commons.org" };
const demoSlugs = DEMO_ASSOCIATIONS.map((association) => association.slug);

/** Everything the demo seed makes, as comparable plain data. */
async function snapshot() {
  const [users, associations, memberships, requests, invitations, categories, threads, posts, reactions, notifications] =
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
        where: { author: { email: DEMO_EMAIL } },
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
      prisma.post.count({ where: { author: { email: DEMO_EMAIL } } }),
      prisma.postReaction.count({ where: { user: { email: DEMO_EMAIL } } }),
      prisma.notification.count({ where: { user: { email: DEMO_EMAIL } } }),
    ]);
  return { users, associations, memberships, requests, invitations, categories, threads, posts, reactions, notifications };
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
    expect(first.users).toHaveLength(6);
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
    expect(greatLakes.map((c) => c.slug)).toEqual(["announcements", "members", "grand-rounds-and-series"]);
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
