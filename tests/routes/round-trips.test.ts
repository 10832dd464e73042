/**
 * Database round trips per request, for the pages and the action the
 * benchmark measures (budget: at most 8, the same whatever the amount of
 * data). A page is its root loader and its route loader, called at once
 * with their own copies of the request, as Remix calls them; the session is
 * looked up once for both, with the unread badge in the same query.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { createReply } from "~/domain/discussions/posts.server";
import { createThread } from "~/domain/discussions/threads.server";
import { countQueries, prisma } from "~/utils/db.server";
import { seed } from "../../prisma/seed";
import { createTestMember, type TestMember } from "../fixtures/members";
import { routeArgs } from "../fixtures/route-args";
import { loader as homeLoader } from "~/routes/associations/associations.$slug._index";
import { loader as categoryLoader } from "~/routes/discussions/forums.$forumSlug.$categorySlug";
import { loader as competenciesLoader } from "~/routes/competencies/me.competencies._index";
import { loader as packLoader } from "~/routes/competencies/me.competencies.pack";
import { loader as sharedLoader } from "~/routes/competencies/shared.$token";
import { createShareLink } from "~/domain/assessments/share-links.server";
import { addProgressNote, createGoal, endGoal } from "~/domain/goals/goals.server";
import { action as threadAction, loader as threadLoader } from "~/routes/discussions/t.$threadId.($slug)";
import { loader as mentoringSpaceLoader } from "~/routes/mentoring/mentoring.$id";
import { loader as mentoringLoader } from "~/routes/mentoring/mentoring._index";
import { loader as programManageLoader } from "~/routes/associations/associations.$slug.mentoring.manage";
import { loader as rootLoader } from "~/root";

const run = `r${Math.random().toString(36).slice(2, 8)}`;
const veteran = (options: Parameters<typeof createTestMember>[0] = {}) =>
  createTestMember({ createdAt: new Date(Date.now() - 30 * 86400_000), ...options });

type Loader = (args: ReturnType<typeof routeArgs>) => Promise<unknown>;

/** What the root loader hands the header (it answers with data(…)). */
function rootMember(result: unknown) {
  const value = result as { data?: { member: { unreadNotifications?: number; moderationWaiting?: number | null } | null } };
  return value.data?.member ?? null;
}

/** A page as Remix serves it: the root and the route loader at once, each with its own Request. */
async function page(loader: Loader, url: string, params: Record<string, string>, member: TestMember) {
  const { result, queries } = await countQueries(() =>
    Promise.all([rootLoader(routeArgs(url, { cookie: member.cookie })), loader(routeArgs(url, { params, cookie: member.cookie }))]),
  );
  return { root: rootMember(result[0]), data: result[1] as any, queries };
}

let owner: TestMember;
let reader: TestMember;
let slug: string;
let associationId: string;
let categoryIds: { members: string; open: string };

async function startThread(categoryId: string, title: string) {
  const result = await createThread(owner.actor, { categoryId, title, body: `Body of ${title}`, kind: "DISCUSSION", tags: [], areaSlugs: [] });
  if (!result.ok) throw new Error(result.message);
  return result.value;
}

beforeAll(async () => {
  await seed();
  [owner, reader] = [await veteran(), await veteran()];
  slug = run;
  ({ id: associationId } = await prisma.association.create({
    select: { id: true },
    data: {
      slug,
      name: `Association ${run}`,
      description: "",
      descriptionHtml: "<p>About us.</p>",
      memberCount: 2,
      memberships: { create: [{ userId: owner.userId, role: "OWNER" }, { userId: reader.userId }] },
      forum: {
        create: {
          slug,
          name: `Forum ${run}`,
          categories: {
            create: [
              { slug: "members", name: "Members", position: 1, visibility: "ASSOCIATION" },
              { slug: "open", name: "Open", position: 2, visibility: "PUBLIC" },
            ],
          },
        },
      },
    },
  }));
  const categories = await prisma.category.findMany({ where: { forum: { slug } }, select: { id: true, slug: true } });
  categoryIds = {
    members: categories.find((c) => c.slug === "members")!.id,
    open: categories.find((c) => c.slug === "open")!.id,
  };
  await prisma.statement.create({
    data: { associationId, authorId: owner.userId, title: `Statement ${run}`, status: "OPEN" },
    select: { id: true },
  });
});

describe("round trips per request", () => {
  it("association home: 4, however many threads and statements", async () => {
    await startThread(categoryIds.members, "First members thread");
    const small = await page(homeLoader, `/associations/${slug}`, { slug }, reader);
    expect(small.data.threads.map((t: { title: string }) => t.title)).toEqual(["First members thread"]);
    expect(small.data.statements).toHaveLength(1);

    for (let i = 0; i < 6; i++) await startThread(i % 2 ? categoryIds.open : categoryIds.members, `More ${i}`);
    await prisma.statement.createMany({
      data: Array.from({ length: 12 }, (_, i) => ({ associationId, title: `More statements ${i}`, status: "OPEN" as const })),
    });
    const large = await page(homeLoader, `/associations/${slug}`, { slug }, reader);
    expect(large.data.threads).toHaveLength(5);
    expect(large.data.statements).toHaveLength(10);
    expect(large.data.moreStatements).toBe(true);

    expect(large.queries).toBe(small.queries);
    // Session (with the unread badge), the page head (association, forum, membership, request, pathways,
    // latest threads), then categories and statements at once.
    expect(large.queries).toBeLessThanOrEqual(4);
  });

  it("thread list (a category): 3, with its pinned threads", async () => {
    const pinned = await startThread(categoryIds.members, "A pinned thread");
    await prisma.thread.update({ where: { id: pinned.id }, data: { pinnedAt: new Date() }, select: { id: true } });
    const params = { forumSlug: slug, categorySlug: "members" };
    const first = await page(categoryLoader, `/forums/${slug}/members`, params, reader);
    expect(first.data.pinned.map((t: { title: string }) => t.title)).toEqual(["A pinned thread"]);
    expect(first.data.threads.length).toBeGreaterThan(0);
    for (let i = 0; i < 4; i++) await startThread(categoryIds.members, `Listed ${i}`);
    const second = await page(categoryLoader, `/forums/${slug}/members`, params, reader);
    expect(second.queries).toBe(first.queries);
    // Session, the category head (forum, association, membership, watch), the pinned and latest threads.
    expect(second.queries).toBeLessThanOrEqual(3);
  });

  it("thread page: 3, reading state included, with an accepted answer and a quote", async () => {
    const thread = await startThread(categoryIds.members, "A long thread");
    for (let i = 0; i < 55; i++) {
      const reply = await createReply(owner.actor, thread.id, { body: `Reply number ${i} with a few words.` });
      if (!reply.ok) throw new Error(reply.message);
    }
    // A question with an accepted answer, shown above the posts.
    const answer = await prisma.post.findUniqueOrThrow({ where: { threadId_number: { threadId: thread.id, number: 3 } }, select: { id: true } });
    await prisma.thread.update({ where: { id: thread.id }, data: { kind: "QUESTION", acceptedPostId: answer.id }, select: { id: true } });
    const params = { threadId: thread.id, slug: thread.slug };
    const url = `/t/${thread.id}/${thread.slug}`;
    const firstVisit = await page(threadLoader, url, params, reader);
    expect(firstVisit.data.posts).toHaveLength(50);
    expect(firstVisit.data.accepted).toMatchObject({ number: 3, accepted: true });
    expect(firstVisit.data.posts.every((post: { unread: boolean }) => post.unread)).toBe(true);
    // Reading was recorded up to the last post shown (50), not the 51st fetched to see whether there are more.
    const readState = await prisma.threadReader.findUniqueOrThrow({
      where: { userId_threadId: { userId: reader.userId, threadId: thread.id } },
      select: { lastReadNumber: true },
    });
    expect(readState.lastReadNumber).toBe(50);

    const again = await page(threadLoader, url, params, reader);
    expect(again.data.posts.some((post: { unread: boolean }) => post.unread)).toBe(false);
    const quoted = await page(threadLoader, `${url}?after=50&quote=52`, params, reader);
    expect(quoted.data.quote).toMatchObject({ number: 52, body: "Reply number 50 with a few words." });
    expect(quoted.data.posts.map((post: { number: number }) => post.number)).toEqual([51, 52, 53, 54, 55, 56]);

    expect(new Set([firstVisit.queries, again.queries, quoted.queries]).size).toBe(1);
    // Session, the thread head (reading state, membership, area names), the posts (with the quote and
    // the accepted answer, recording how far the member read).
    expect(firstVisit.queries).toBeLessThanOrEqual(3);
  });

  it("competency profile (own): 8 with two assessments, reviewer ratings and pathways", async () => {
    const settings = await prisma.siteSettings.findUniqueOrThrow({ where: { id: 1 }, select: { currentFrameworkVersionId: true } });
    const versionId = settings.currentFrameworkVersionId!;
    const [areas, stages] = await Promise.all([
      prisma.competencyArea.findMany({ where: { versionId }, orderBy: { position: "asc" }, select: { id: true } }),
      prisma.proficiencyStage.findMany({ where: { versionId }, orderBy: { position: "asc" }, select: { id: true } }),
    ]);
    const member = await veteran();
    const assess = async (stage: number, day: number) => {
      const { id } = await prisma.assessment.create({
        data: {
          userId: member.userId,
          versionId,
          draftOwnerId: member.userId,
          answers: { create: areas.map((area) => ({ areaId: area.id, stageId: stages[stage]!.id, targetStageId: stages[4]!.id })) },
        },
        select: { id: true },
      });
      await prisma.assessment.update({
        where: { id },
        data: { status: "SUBMITTED", draftOwnerId: null, submittedAt: new Date(Date.UTC(2026, 0, day)), isBaseline: day === 1 },
        select: { id: true },
      });
    };
    await assess(0, 1);
    const one = await page(competenciesLoader, "/me/competencies", {}, member);
    expect(one.data.profile.assessments).toHaveLength(1);
    await assess(1, 2);
    await assess(2, 3);
    const three = await page(competenciesLoader, "/me/competencies", {}, member);
    expect(three.data.profile.assessments).toHaveLength(3);
    expect(three.data.profile.gaps.length).toBeGreaterThan(0);
    expect(three.data.recommendations.pathways.length + three.data.recommendations.steps.length).toBeGreaterThan(0);

    expect(three.queries).toBe(one.queries);
    // Session, the profile (assessments, answers, stages), completed steps, reviewer ratings,
    // the pathway catalogue, the member's pathway state, and their own panels in one query (time
    // zone, CHCP progress, goals with their areas, commitments and check-ins: pages/own-panels.server.ts).
    expect(three.queries).toBeLessThanOrEqual(8);
  });

  it("mentoring space: 7, however many messages and shared goals", async () => {
    const settings = await prisma.siteSettings.findUniqueOrThrow({ where: { id: 1 }, select: { currentFrameworkVersionId: true } });
    const versionId = settings.currentFrameworkVersionId!;
    const areas = await prisma.competencyArea.findMany({ where: { versionId }, orderBy: { position: "asc" }, take: 2, select: { slug: true } });
    const [mentor, mentee] = [await veteran(), await veteran()];
    const { id } = await prisma.mentorship.create({
      data: { mentorId: mentor.userId, menteeId: mentee.userId, status: "ACTIVE", areas: areas.map((area) => area.slug) },
      select: { id: true },
    });
    async function addGoalsAndMessages(count: number) {
      for (let i = 0; i < count; i++) {
        for (const owner of [mentor, mentee]) {
          const goal = await prisma.goal.create({
            data: { userId: owner.userId, title: `Goal ${i}`, versionId, areaSlugs: areas.map((area) => area.slug), notes: { create: [{ body: "A note" }, { body: "Another" }] } },
            select: { id: true },
          });
          await prisma.mentorshipGoal.create({ data: { mentorshipId: id, goalId: goal.id } });
        }
      }
      await prisma.mentorshipMessage.createMany({
        data: Array.from({ length: count * 30 }, (_, i) => ({ mentorshipId: id, authorId: mentor.userId, body: `Message ${i}`, bodyHtml: `<p>Message ${i}</p>` })),
      });
    }
    await addGoalsAndMessages(1);
    const small = await page(mentoringSpaceLoader, `/mentoring/${id}`, { id }, mentee);
    expect(small.data.sharedGoals).toHaveLength(2);
    await addGoalsAndMessages(4);
    const large = await page(mentoringSpaceLoader, `/mentoring/${id}`, { id }, mentee);
    expect(large.data.sharedGoals).toHaveLength(10);
    expect(large.data.space.messages).toHaveLength(50);
    expect(large.data.space.olderThan).toBeTruthy();
    const older = await page(mentoringSpaceLoader, `/mentoring/${id}?before=${encodeURIComponent(large.data.space.olderThan)}`, { id }, mentee);
    expect(older.data.space.messages).toHaveLength(50);

    expect(new Set([small.queries, large.queries, older.queries]).size).toBe(1);
    // Session, the mentorship, its page of messages, the pair (names, handles, time zones), the
    // viewer's latest areas, the shared goals (notes and area names in the same query), and the
    // goals the viewer may still share.
    expect(large.queries).toBeLessThanOrEqual(7);
  });

  it("mentoring (suggestions, my mentorships, hidden members, programs): 7, however many", async () => {
    const settings = await prisma.siteSettings.findUniqueOrThrow({ where: { id: 1 }, select: { currentFrameworkVersionId: true } });
    const areas = await prisma.competencyArea.findMany({ where: { versionId: settings.currentFrameworkVersionId! }, orderBy: { position: "asc" }, take: 2, select: { slug: true } });
    const seeker = await veteran();
    await prisma.mentoringPreference.create({ data: { userId: seeker.userId, seeking: true, seekAreas: areas.map((area) => area.slug) } });
    async function addOthers(count: number) {
      for (let i = 0; i < count; i++) {
        const [mentor, hidden] = [await veteran(), await veteran()];
        await prisma.mentoringPreference.create({ data: { userId: mentor.userId, offering: true, offerAreas: areas.map((area) => area.slug), capacity: 3 } });
        await prisma.mentorship.create({ data: { mentorId: mentor.userId, menteeId: seeker.userId, status: i % 2 ? "ACTIVE" : "REQUESTED" }, select: { id: true } });
        await prisma.mentoringBlock.create({ data: { userId: seeker.userId, blockedId: hidden.userId } });
      }
    }
    await addOthers(1);
    const small = await page(mentoringLoader, "/mentoring", {}, seeker);
    expect(small.data.mine.waiting).toHaveLength(1);
    await addOthers(5);
    const large = await page(mentoringLoader, "/mentoring", {}, seeker);
    expect(large.data.mine.waiting.length + large.data.mine.active.length).toBe(6);
    expect(large.data.mine.hidden).toHaveLength(6);
    expect(large.queries).toBe(small.queries);
    // Session, the suggestions (the member's own rows, then the candidates in one query), the
    // member's mentorships with the other member's name, hidden members, and open programs.
    expect(large.queries).toBeLessThanOrEqual(7);
  });

  it("competency profile, review pack and share link: at most 8 whatever goals name areas", async () => {
    const settings = await prisma.siteSettings.findUniqueOrThrow({ where: { id: 1 }, select: { currentFrameworkVersionId: true } });
    const versionId = settings.currentFrameworkVersionId!;
    const [areas, stages] = await Promise.all([
      prisma.competencyArea.findMany({ where: { versionId }, orderBy: { position: "asc" }, select: { id: true, slug: true, name: true } }),
      prisma.proficiencyStage.findMany({ where: { versionId }, orderBy: { position: "asc" }, select: { id: true } }),
    ]);
    const member = await veteran();
    const { id: assessmentId } = await prisma.assessment.create({
      data: {
        userId: member.userId,
        versionId,
        answers: { create: areas.map((area) => ({ areaId: area.id, stageId: stages[1]!.id, targetStageId: stages[3]!.id })) },
      },
      select: { id: true },
    });
    await prisma.assessment.update({
      where: { id: assessmentId },
      data: { status: "SUBMITTED", submittedAt: new Date(Date.UTC(2026, 0, 5)), isBaseline: true },
      select: { id: true },
    });
    const { token } = await createShareLink(member.actor, { days: 30, label: "Review", includeGoals: true });
    const pages = async () => ({
      profile: await page(competenciesLoader, "/me/competencies", {}, member),
      pack: await page(packLoader, "/me/competencies/pack", {}, member),
      shared: await page(sharedLoader, `/shared/${token}`, { token }, reader),
    });
    const none = await pages();
    expect(none.profile.data.goals).toEqual([]);

    const write = async (title: string, slugs: string[]) => {
      const created = await createGoal(member.actor, { title, dueOn: "2027-06-30", areas: slugs }, "UTC", new Date());
      if (!created.ok) throw new Error(created.message);
      return created.value.id;
    };
    const first = await write("Lead a needs assessment", [areas[0]!.slug, areas[2]!.slug]);
    for (let i = 0; i < 5; i++) await write(`Goal ${i}`, [areas[i % areas.length]!.slug]);
    const note = await addProgressNote(member.actor, first, "Drafted the survey.", new Date());
    expect(note.ok).toBe(true);
    const ended = await endGoal(member.actor, first, { ending: "ACHIEVED", reflection: "Done.", commitment: "Survey every quarter." }, "UTC", new Date());
    expect(ended.ok).toBe(true);
    const many = await pages();
    // The areas the goals address, by name, on each page.
    const named = (goals: { title: string; areas: { name: string }[] }[]) => goals.find((goal) => goal.title === "Lead a needs assessment")?.areas.map((area) => area.name);
    const expected = [areas[0]!.name, areas[2]!.name];
    expect(named(many.profile.data.goals)).toEqual(expected);
    expect(named(many.pack.data.plan.goals)).toEqual(expected);
    expect(named(many.shared.data.goals)).toEqual(expected);
    expect(many.profile.data.commitments).toHaveLength(1);

    expect(many.profile.queries).toBe(none.profile.queries);
    expect(many.pack.queries).toBe(none.pack.queries);
    expect(many.shared.queries).toBe(none.shared.queries);
    // The goals come with the member's own panels (profile, pack) or in one query (share link).
    expect(many.profile.queries).toBeLessThanOrEqual(8);
    expect(many.pack.queries).toBeLessThanOrEqual(8);
    expect(many.shared.queries).toBeLessThanOrEqual(8);
  });

  it("post a reply: 5, however many watchers are told and emailed", async () => {
    async function replyWatchedBy(count: number) {
      const thread = await startThread(categoryIds.members, `Watched by ${count}`);
      const watchers = await Promise.all(
        Array.from({ length: count }, (_, i) => veteran({ profile: { displayName: `Watcher ${i}` } })),
      );
      for (const watcher of watchers) {
        await prisma.associationMembership.create({ data: { associationId, userId: watcher.userId } });
        await prisma.user.update({ where: { id: watcher.userId }, data: { emailFrequency: "IMMEDIATE" }, select: { id: true } });
        await prisma.threadReader.create({ data: { userId: watcher.userId, threadId: thread.id, watching: true } });
      }
      const { result, queries } = await countQueries(() =>
        threadAction(
          routeArgs(`/t/${thread.id}/${thread.slug}`, {
            params: { threadId: thread.id, slug: thread.slug },
            form: { intent: "reply", body: `Thanks, @${owner.handle}: a reply from ${count}.`, replyToNumber: "1" },
            cookie: reader.cookie,
          }),
        ),
      );
      expect((result as Response).status).toBe(302);
      const post = await prisma.post.findFirstOrThrow({
        where: { threadId: thread.id, number: 2 },
        select: { id: true, replyToNumber: true, bodyHtml: true },
      });
      expect(post.replyToNumber).toBe(1);
      expect(post.bodyHtml).toContain(`href="/members/${owner.handle}"`);
      const notifications = await prisma.notification.findMany({ where: { postId: post.id }, select: { id: true, kind: true } });
      const jobs = await prisma.job.count({ where: { key: { in: notifications.map((n) => `notification:${n.id}`) } } });
      return { queries, notifications: notifications.length, jobs };
    }
    const one = await replyWatchedBy(1);
    const eight = await replyWatchedBy(8);
    // The owner (mentioned and quoted, watching as the thread's author) and every watcher.
    expect(one).toMatchObject({ notifications: 2, jobs: 1 });
    expect(eight).toMatchObject({ notifications: 9, jobs: 8 });
    expect(eight.queries).toBe(one.queries);
    // Session, the reply's context (thread, membership, account age, quoted post, mentioned handles),
    // the reply with the thread's counters and reading state (one statement), the recipients, and the
    // notifications with their email jobs (one statement).
    expect(eight.queries).toBeLessThanOrEqual(5);
  });

  it("the header's unread badge comes with the session lookup and stays right", async () => {
    const member = await veteran();
    const thread = await startThread(categoryIds.open, "Badge thread");
    await prisma.threadReader.create({ data: { userId: member.userId, threadId: thread.id, watching: true } });
    const reply = await createReply(owner.actor, thread.id, { body: "Something new for the watcher." });
    expect(reply.ok).toBe(true);
    const { root, queries } = await page(homeLoader, `/associations/${slug}`, { slug }, member);
    expect(root).toMatchObject({ unreadNotifications: 1 });
    expect(queries).toBeLessThanOrEqual(4);
  });

  it("the moderation badge comes with the same lookup: posts waiting for this moderator, nothing for others", async () => {
    const thread = await startThread(categoryIds.members, "Flagged thread");
    const post = await prisma.post.findFirstOrThrow({ where: { threadId: thread.id }, select: { id: true } });
    const flagger = await veteran();
    const other = await veteran();
    await prisma.postFlag.createMany({
      data: [
        { postId: post.id, userId: flagger.userId, reason: "SPAM" },
        { postId: post.id, userId: reader.userId, reason: "OFF_TOPIC" },
      ],
    });
    const asOwner = await page(homeLoader, `/associations/${slug}`, { slug }, owner);
    // Two flags on one post: one post waiting.
    expect(asOwner.root).toMatchObject({ moderationWaiting: 1 });
    expect(asOwner.queries).toBeLessThanOrEqual(4);
    // A member of the association who moderates nothing sees no badge.
    expect((await page(homeLoader, `/associations/${slug}`, { slug }, reader)).root).toMatchObject({ moderationWaiting: null });
    // A site administrator sees every forum's waiting posts (other tests in this worker may have added some).
    const admin = await veteran({ role: "ADMIN" });
    const asAdmin = await page(homeLoader, `/associations/${slug}`, { slug }, admin);
    expect(asAdmin.root?.moderationWaiting).toBeGreaterThanOrEqual(1);
    // A moderator of another association does not count this one's flags.
    const elsewhere = await prisma.association.create({
      select: { id: true },
      data: { slug: `${run}-other`, name: `Other ${run}`, description: "", descriptionHtml: "", memberCount: 1 },
    });
    await prisma.associationMembership.create({ data: { associationId: elsewhere.id, userId: other.userId, role: "MODERATOR" } });
    expect((await page(homeLoader, `/associations/${slug}`, { slug }, other)).root).toMatchObject({ moderationWaiting: 0 });
    await prisma.postFlag.updateMany({ where: { postId: post.id }, data: { resolvedAt: new Date() } });
    expect((await page(homeLoader, `/associations/${slug}`, { slug }, owner)).root).toMatchObject({ moderationWaiting: 0 });
  });
  it("the owner's mentoring program page: the same however many participants and proposals, at most 8", async () => {
    await prisma.mentoringProgram.upsert({
      where: { associationId },
      create: { associationId, invitation: "Pair up." },
      update: {},
      select: { associationId: true },
    });
    async function addPair() {
      const [mentor, mentee] = [await veteran(), await veteran()];
      await prisma.associationMembership.createMany({ data: [mentor, mentee].map((m) => ({ associationId, userId: m.userId })) });
      await prisma.mentoringProgramMember.createMany({
        data: [
          { associationId, userId: mentor.userId, asMentor: true },
          { associationId, userId: mentee.userId, asMentee: true },
        ],
      });
      await prisma.mentorship.create({
        data: { mentorId: mentor.userId, menteeId: mentee.userId, status: "PROPOSED", proposedByAssociationId: associationId },
        select: { id: true },
      });
    }
    await addPair();
    const params = { slug };
    const small = await page(programManageLoader, `/associations/${slug}/mentoring/manage`, params, owner);
    expect(small.data.proposals).toHaveLength(1);
    for (let i = 0; i < 6; i++) await addPair();
    const large = await page(programManageLoader, `/associations/${slug}/mentoring/manage`, params, owner);
    expect(large.data.proposals).toHaveLength(7);
    expect(large.data.mentors).toHaveLength(7);
    expect(large.queries).toBe(small.queries);
    // Session, the association and the owner's membership, then the program with its counts, the participants and the proposals.
    expect(large.queries).toBeLessThanOrEqual(6);
  });
});
