import { beforeAll, describe, expect, it } from "vitest";
import { leaveAssociation } from "~/domain/associations/memberships.server";
import {
  addMember,
  createAssociation,
  createCategory,
  createReply,
  createThread,
} from "../../../tests/fixtures/forum";
import { countQueries, prisma } from "~/utils/db.server";
import { seed } from "../../../prisma/seed";
import { createTestMember, type TestMember } from "../../../tests/fixtures/members";
import type { Distribution } from "./distribution";
import { getAssociationInsight, type AssociationInsight } from "./insight.server";
import { statusOf } from "~/utils/http.server";

// Test files in a worker share one database: every test makes its own members and associations.
const run = Math.random().toString(36).slice(2, 8);
let count = 0;
let versionId: string;
let frameworkId: string;
let areas: { id: string; slug: string; name: string; position: number }[];
let stages: { id: string; name: string; position: number }[];

beforeAll(async () => {
  await seed();
  const settings = await prisma.siteSettings.findUniqueOrThrow({
    where: { id: 1 },
    select: { currentFrameworkVersion: { select: { id: true, frameworkId: true } } },
  });
  versionId = settings.currentFrameworkVersion!.id;
  frameworkId = settings.currentFrameworkVersion!.frameworkId;
  [areas, stages] = await Promise.all([
    prisma.competencyArea.findMany({
      where: { versionId },
      orderBy: { position: "asc" },
      select: { id: true, slug: true, name: true, position: true },
    }),
    prisma.proficiencyStage.findMany({
      where: { versionId },
      orderBy: { position: "asc" },
      select: { id: true, name: true, position: true },
    }),
  ]);
});

const NOW = new Date(Date.UTC(2026, 5, 15, 12)); // June 15, 2026; twelve months earlier: June 15, 2025.
const date = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d, 9));

/**
 * A submitted assessment made the way members make one (a draft with its
 * answers, then submitted: the database refuses answers on a submitted one).
 * `ratings[i]` is the stage position for area i + 1 of `version` (the current
 * one by default); null or missing leaves the area unrated.
 */
async function assess(
  userId: string,
  ratings: (number | null)[],
  submittedAt: Date,
  version: { id: string; areas: { id: string }[]; stages: { id: string; position: number }[] } = {
    id: versionId,
    areas,
    stages,
  },
  options: { draft?: boolean } = {},
) {
  const { id } = await prisma.assessment.create({
    data: {
      userId,
      versionId: version.id,
      draftOwnerId: userId,
      answers: {
        create: version.areas.flatMap((area, index) => {
          const position = ratings[index];
          if (position == null) return [];
          return [{ areaId: area.id, stageId: version.stages.find((s) => s.position === position)!.id }];
        }),
      },
    },
    select: { id: true },
  });
  if (options.draft) return id;
  await prisma.assessment.update({
    where: { id },
    data: { status: "SUBMITTED", submittedAt, draftOwnerId: null },
    select: { id: true },
  });
  return id;
}

/** An association run by a fresh owner (who has no assessment), with `n` fresh members. */
async function associationWith(n: number) {
  const owner = await createTestMember();
  const members: TestMember[] = [];
  for (let i = 0; i < n; i++) members.push(await createTestMember());
  const association = await createAssociation([
    { userId: owner.userId, role: "OWNER" },
    ...members.map((m) => ({ userId: m.userId })),
  ]);
  return { owner, members, association };
}

async function insight(owner: TestMember, slug: string, now = NOW): Promise<AssociationInsight> {
  const result = await getAssociationInsight(owner.actor, slug, { now });
  if (!result.ok) throw new Error(`insight refused: ${result.reason}`);
  return result.value;
}

const area = (data: AssociationInsight, index: number) => data.areas.find((a) => a.slug === areas[index]!.slug)!;
const counts = (figure: Distribution) => (figure.shown ? figure.stages.map((s) => s.members) : null);

describe("self-assessed stages: the at-least-five rule", () => {
  it("shows nothing for 4 contributors and counts and median for 5", async () => {
    const { owner, members, association } = await associationWith(5);
    const ratings = [
      [1, 1],
      [2, 1],
      [3, 2],
      [3, 4],
    ];
    for (const [index, rating] of ratings.entries()) await assess(members[index]!.userId, rating, date(2026, 3, 1));

    const four = await insight(owner, association.slug);
    expect(four.areas).toHaveLength(areas.length);
    for (const row of four.areas) {
      // Nothing about a small group: no counts, no median, not even its size.
      expect(row.now).toEqual({ shown: false });
      expect(row.then).toEqual({ shown: false });
      expect(row.change).toBeNull();
    }

    // The fifth rates the first two areas only: those two reach five, the others stay at zero.
    await assess(members[4]!.userId, [5, 4], date(2026, 4, 1));
    const five = await insight(owner, association.slug);
    const first = area(five, 0).now;
    expect(first).toMatchObject({ shown: true, members: 5, median: { value: 3, label: stages[2]!.name } });
    expect(counts(first)).toEqual([1, 1, 2, 0, 1]);
    if (first.shown) expect(first.stages.map((s) => s.name)).toEqual(stages.map((s) => s.name));
    // 1, 1, 2, 4, 4: the middle member is at stage 2.
    expect(area(five, 1).now).toMatchObject({ shown: true, members: 5, median: { value: 2 } });
    expect(counts(area(five, 1).now)).toEqual([2, 1, 0, 2, 0]);
    expect(area(five, 2).now).toEqual({ shown: false });
  });

  it("gives a median between two stages when an even group splits there", async () => {
    const { owner, members, association } = await associationWith(6);
    for (const [index, stage] of [1, 2, 2, 4, 5, 5].entries()) await assess(members[index]!.userId, [stage], date(2026, 2, 1));
    const data = await insight(owner, association.slug);
    expect(area(data, 0).now).toMatchObject({
      shown: true,
      members: 6,
      median: { value: 3, label: stages[2]!.name },
    });
    await assess(members[0]!.userId, [5], date(2026, 3, 1)); // now 2, 2, 4, 5, 5, 5
    const later = await insight(owner, association.slug);
    expect(area(later, 0).now).toMatchObject({
      median: { value: 4.5, label: `Between ${stages[3]!.name} and ${stages[4]!.name}` },
    });
  });

  it("counts only each member's latest submitted assessment, never a draft", async () => {
    const { owner, members, association } = await associationWith(5);
    for (const member of members) await assess(member.userId, [1], date(2026, 1, 10));
    for (const member of members) await assess(member.userId, [4], date(2026, 2, 10));
    // A draft (even one carrying a date) does not count, however recent.
    await assess(members[0]!.userId, [5], date(2026, 6, 1), undefined, { draft: true });
    const data = await insight(owner, association.slug);
    expect(counts(area(data, 0).now)).toEqual([0, 0, 0, 5, 0]);
  });

  it("drops a member who opts out: 5 → 4 → nothing shown, and back", async () => {
    const { owner, members, association } = await associationWith(5);
    for (const member of members) await assess(member.userId, [3], date(2026, 1, 5));
    expect(area(await insight(owner, association.slug), 0).now).toMatchObject({ shown: true, members: 5 });

    await prisma.profile.update({ where: { userId: members[2]!.userId }, data: { countInInsight: false } });
    expect(area(await insight(owner, association.slug), 0).now).toEqual({ shown: false });

    await prisma.profile.update({ where: { userId: members[2]!.userId }, data: { countInInsight: true } });
    expect(area(await insight(owner, association.slug), 0).now).toMatchObject({ shown: true, members: 5 });
  });

  it("never counts non-members or former members", async () => {
    const { owner, members, association } = await associationWith(4);
    for (const member of members) await assess(member.userId, [2], date(2026, 1, 5));
    // Assessed, but a member of another association only.
    const outsider = await createTestMember();
    await createAssociation([{ userId: outsider.userId, role: "OWNER" }]);
    await assess(outsider.userId, [2], date(2026, 1, 5));
    // Assessed, joined, then left.
    const former = await createTestMember();
    await addMember(association.id, former.userId);
    await assess(former.userId, [2], date(2026, 1, 5));
    const left = await leaveAssociation(former.actor, association.slug);
    expect(left.ok).toBe(true);

    expect(area(await insight(owner, association.slug), 0).now).toEqual({ shown: false });

    // A fifth current member makes the group big enough; the two others still do not count.
    const fifth = await createTestMember();
    await addMember(association.id, fifth.userId);
    await assess(fifth.userId, [5], date(2026, 1, 6));
    expect(counts(area(await insight(owner, association.slug), 0).now)).toEqual([0, 4, 0, 0, 1]);
  });

  it("matches areas by slug and stages by position across framework versions", async () => {
    // An older version of the same framework, its areas in reverse order and renamed.
    count += 1;
    const older = await prisma.frameworkVersion.create({
      data: {
        frameworkId,
        version: `old-${run}-${count}`,
        status: "RETIRED",
        introduction: "",
        introductionHtml: "",
        attribution: "",
        contentHash: `old-${run}-${count}`,
        stages: {
          create: stages.map((s) => ({ position: s.position, slug: `old-${s.position}`, name: `Old ${s.name}`, summary: "" })),
        },
        areas: {
          create: [...areas].reverse().map((a, index) => ({
            position: index + 1,
            slug: a.slug,
            name: `Old ${a.name}`,
            summary: "",
            summaryHtml: "",
          })),
        },
      },
      select: {
        id: true,
        areas: { orderBy: { position: "asc" }, select: { id: true, slug: true } },
        stages: { select: { id: true, position: true } },
      },
    });
    const { owner, members, association } = await associationWith(5);
    // Rate the older version's first area (the current version's LAST area) at stage 2.
    for (const member of members) await assess(member.userId, [2], date(2026, 1, 5), older);
    const data = await insight(owner, association.slug);
    expect(older.areas[0]!.slug).toBe(areas.at(-1)!.slug);
    const last = area(data, areas.length - 1);
    expect(last.name).toBe(areas.at(-1)!.name); // the current version's name
    expect(counts(last.now)).toEqual([0, 5, 0, 0, 0]);
    expect(area(data, 0).now).toEqual({ shown: false });
  });
});

describe("change over twelve months", () => {
  it("uses each member's latest submission up to the date twelve months earlier", async () => {
    const { owner, members, association } = await associationWith(6);
    // Five had an assessment by June 15, 2025 (one of them on the day itself).
    const early = [date(2025, 1, 10), date(2025, 3, 1), date(2025, 5, 20), date(2025, 6, 1), new Date(Date.UTC(2025, 5, 15, 11))];
    for (const [index, when] of early.entries()) await assess(members[index]!.userId, [1, 2], when);
    // ...and their later ones (one a day after the cutoff) are today's.
    for (const [index, when] of [date(2025, 6, 16), date(2025, 9, 1), date(2026, 1, 1), date(2026, 2, 1), date(2026, 3, 1)].entries()) {
      await assess(members[index]!.userId, [3, 2], when);
    }
    // The sixth only started after the cutoff: today's figure, not last year's.
    await assess(members[5]!.userId, [4, 2], date(2025, 7, 1));

    const data = await insight(owner, association.slug);
    expect(data.asOf).toBe("2026-06-15");
    expect(data.comparedWith).toBe("2025-06-15");
    const first = area(data, 0);
    expect(counts(first.then)).toEqual([5, 0, 0, 0, 0]);
    expect(counts(first.now)).toEqual([0, 0, 5, 1, 0]);
    expect(first.change).toBe(2);
    expect(area(data, 1).change).toBe(0);

    // A year earlier still, only two had assessed: last year's figure is withheld on its own.
    const sooner = await insight(owner, association.slug, new Date(Date.UTC(2026, 2, 1, 12)));
    expect(sooner.comparedWith).toBe("2025-03-01");
    const withheld = area(sooner, 0);
    expect(withheld.then).toEqual({ shown: false });
    expect(withheld.now).toMatchObject({ shown: true });
    expect(withheld.change).toBeNull();
  });

  it("compares only today's contributors: someone who left takes their past with them", async () => {
    const { owner, members, association } = await associationWith(6);
    for (const member of members) await assess(member.userId, [2], date(2025, 1, 1));
    for (const member of members) await assess(member.userId, [3], date(2026, 1, 1));
    expect(area(await insight(owner, association.slug), 0).then).toMatchObject({ shown: true, members: 6 });
    await leaveAssociation(members[0]!.actor, association.slug);
    await leaveAssociation(members[1]!.actor, association.slug);
    const data = await insight(owner, association.slug);
    expect(area(data, 0).then).toEqual({ shown: false });
    expect(area(data, 0).now).toEqual({ shown: false });
  });
});

describe("pathways", () => {
  it("counts current members enrolled and completed, the association's own pathways first", async () => {
    const { owner, members, association } = await associationWith(3);
    const outsider = await createTestMember();
    count += 1;
    const make = (title: string, status: "DRAFT" | "PUBLISHED", own: boolean) =>
      prisma.pathway.create({
        data: {
          slug: `insight-${run}-${count}-${title.toLowerCase().replace(/\W+/g, "-")}`,
          title: `${title} ${run}`,
          summary: "",
          summaryHtml: "",
          kind: "CAREER",
          status,
          associationId: own ? association.id : null,
        },
        select: { id: true, slug: true },
      });
    const ownEmpty = await make("Own empty", "PUBLISHED", true);
    const ownBusy = await make("Own busy", "PUBLISHED", true);
    const ownDraft = await make("Own draft", "DRAFT", true);
    const site = await make("Site pathway", "PUBLISHED", false);
    const outsidersOnly = await make("Outsiders only", "PUBLISHED", false);
    const siteDraft = await make("Site draft", "DRAFT", false);
    const enrol = (userId: string, pathwayId: string, completed = false) =>
      prisma.pathwayEnrolment.create({ data: { userId, pathwayId, completedAt: completed ? new Date() : null } });
    await enrol(members[0]!.userId, ownBusy.id, true);
    await enrol(members[1]!.userId, ownBusy.id);
    await enrol(outsider.userId, ownBusy.id, true);
    for (const member of members) await enrol(member.userId, site.id, member === members[2]);
    await enrol(outsider.userId, outsidersOnly.id);
    await enrol(members[0]!.userId, siteDraft.id);

    const data = await insight(owner, association.slug);
    expect(data.pathways.map(({ slug, own, enrolled, completed }) => ({ slug, own, enrolled, completed }))).toEqual([
      { slug: ownBusy.slug, own: true, enrolled: 2, completed: 1 },
      { slug: ownEmpty.slug, own: true, enrolled: 0, completed: 0 },
      { slug: site.slug, own: false, enrolled: 3, completed: 1 },
    ]);
    expect(data.pathways.map((p) => p.slug)).not.toContain(ownDraft.slug);
  });
});

describe("commitments carried out at 90 days", () => {
  it("counts only opted-in members' answered 90-day check-ins per pathway, leaving out 'no longer relevant', and withholds below 5", async () => {
    const { owner, members, association } = await associationWith(6);
    count += 1;
    const pathway = await prisma.pathway.create({
      data: { slug: `insight-${run}-${count}-commit`, title: `Commitments ${run} ${count}`, summary: "", summaryHtml: "", kind: "CAREER", status: "PUBLISHED" },
      select: { id: true, slug: true },
    });
    const commit = async (userId: string, answer: "DONE" | "PARTLY" | "NOT_YET" | "NO_LONGER_RELEVANT" | null, afterDays = 90) =>
      prisma.commitment.create({
        data: {
          userId,
          pathwayId: pathway.id,
          text: "Use the needs-assessment template",
          madeOn: date(2026, 1, 10),
          checkIns: { create: { userId, afterDays, dueOn: date(2026, 4, 10), dueAt: date(2026, 4, 10), answer, answeredAt: answer ? date(2026, 4, 11) : null } },
        },
      });
    const optIn = (userId: string, on = true) => prisma.profile.update({ where: { userId }, data: { commitmentsInInsight: on } });
    // Five opted-in members: three done, one partly, one no longer relevant (left out of the share).
    const answers = ["DONE", "DONE", "DONE", "PARTLY", "NO_LONGER_RELEVANT"] as const;
    for (const [index, answer] of answers.entries()) {
      await optIn(members[index]!.userId);
      await commit(members[index]!.userId, answer);
    }
    // Not counted: a member who did not opt in, an unanswered check-in, a 30-day answer.
    await commit(members[5]!.userId, "NOT_YET");
    await commit(members[0]!.userId, null);
    await commit(members[1]!.userId, "NOT_YET", 30);

    let figure = (await insight(owner, association.slug)).commitments.find((row) => row.slug === pathway.slug);
    expect(figure).toEqual({ slug: pathway.slug, title: expect.any(String), carriedOutPercent: 75, answered: 4 });

    // One member opts out: four remain, and the figure is withheld.
    await optIn(members[4]!.userId, false);
    figure = (await insight(owner, association.slug)).commitments.find((row) => row.slug === pathway.slug);
    expect(figure).toMatchObject({ carriedOutPercent: null, answered: null });
  });
});

describe("forum activity", () => {
  it("counts threads, replies and active members per month, without deleted or hidden posts", async () => {
    const { owner, members, association } = await associationWith(5);
    const [a, b, c, d, e] = members;
    const publicCategory = await createCategory({ forumId: association.forumId, forumSlug: association.forumSlug, id: association.id });
    const membersCategory = await createCategory(
      { forumId: association.forumId, forumSlug: association.forumSlug, id: association.id },
      "ASSOCIATION",
    );
    const at = async (postId: string, when: Date, extra: { deletedAt?: Date; hiddenAt?: Date } = {}) => {
      await prisma.post.update({ where: { id: postId }, data: { createdAt: when, ...extra } });
    };

    // May 2026: one thread by a, replies by b and a; a hidden reply by c, a deleted one by d, one by a deleted account.
    const may = await createThread(membersCategory, { authorId: a!.userId });
    await at(may.openingPostId, date(2026, 5, 10));
    await at((await createReply(may, { authorId: b!.userId })).id, date(2026, 5, 11));
    await at((await createReply(may, { authorId: a!.userId })).id, date(2026, 5, 12));
    await at((await createReply(may, { authorId: c!.userId })).id, date(2026, 5, 13), { hiddenAt: date(2026, 5, 14) });
    await at((await createReply(may, { authorId: d!.userId })).id, date(2026, 5, 13), { deletedAt: date(2026, 5, 14) });
    await at((await createReply(may, { authorId: null })).id, date(2026, 5, 20));
    // A deleted thread in May: none of it counts.
    const gone = await createThread(publicCategory, { authorId: e!.userId, deleted: true });
    await at(gone.openingPostId, date(2026, 5, 3));
    // July 2025 is the first month shown; June 2025 is outside the window.
    const old = await createThread(publicCategory, { authorId: e!.userId });
    await at(old.openingPostId, date(2025, 6, 30));
    await at((await createReply(old, { authorId: e!.userId })).id, date(2025, 7, 1));
    // Another association's forum does not count.
    const other = await createAssociation([{ userId: a!.userId, role: "OWNER" }]);
    const elsewhere = await createThread(
      await createCategory({ forumId: other.forumId, forumSlug: other.forumSlug, id: other.id }),
      { authorId: a!.userId },
    );
    await at(elsewhere.openingPostId, date(2026, 5, 10));

    const data = await insight(owner, association.slug);
    expect(data.activity.map((m) => m.month)).toEqual([
      "2025-07", "2025-08", "2025-09", "2025-10", "2025-11", "2025-12",
      "2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06",
    ]);
    const byMonth = Object.fromEntries(data.activity.map(({ month, ...rest }) => [month, rest]));
    expect(byMonth["2026-05"]).toEqual({ threads: 1, replies: 3, activeMembers: 2 });
    expect(byMonth["2025-07"]).toEqual({ threads: 0, replies: 1, activeMembers: 1 });
    expect(byMonth["2026-06"]).toEqual({ threads: 0, replies: 0, activeMembers: 0 });
  });
});

describe("the figures' cost", () => {
  it("makes the same, small number of round trips for 5 members as for 25", async () => {
    const measure = async (n: number) => {
      const { owner, members, association } = await associationWith(n);
      for (const member of members) await assess(member.userId, [2, 3, 4], date(2026, 1, 1));
      const { result, queries } = await countQueries(() => getAssociationInsight(owner.actor, association.slug, { now: NOW }));
      expect(result.ok).toBe(true);
      return queries;
    };
    const small = await measure(5);
    const large = await measure(25);
    expect(large).toBe(small);
    // The association with the viewer's membership, then stages, pathways, activity and commitments.
    expect(small).toBe(5);
  });
});

describe("who may see it", () => {
  it("lets the owner, moderators and admins in; 403 for members and others; 404 for no association", async () => {
    const { owner, members, association } = await associationWith(2);
    const moderator = await createTestMember();
    await addMember(association.id, moderator.userId, "MODERATOR");
    const admin = await createTestMember({ role: "ADMIN" });
    const stranger = await createTestMember();
    const status = async (member: TestMember, slug = association.slug) => {
      const result = await getAssociationInsight(member.actor, slug, { now: NOW });
      return result.ok ? 200 : statusOf(result);
    };
    expect(await status(owner)).toBe(200);
    expect(await status(moderator)).toBe(200);
    expect(await status(admin)).toBe(200);
    expect(await status(members[0]!)).toBe(403);
    expect(await status(stranger)).toBe(403);
    expect(await status(owner, `no-such-${run}`)).toBe(404);
  });
});
