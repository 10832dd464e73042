// Insight's "twelve months ago" across a change of framework: compared
// through a crosswalk (and said so), or not available without one.
import { beforeAll, describe, expect, it } from "vitest";
import { seed } from "../../../prisma/seed";
import { areaId, currentVersion, publishFramework, submitAssessment, type TestVersion } from "../../../tests/fixtures/crosswalk";
import { createAssociation } from "../../../tests/fixtures/forum";
import { createTestMember, type TestMember } from "../../../tests/fixtures/members";
import { saveCrosswalk } from "~/domain/competencies/crosswalks.server";
import { prisma } from "~/utils/db.server";
import { expectOk } from "~/utils/result";
import { insightCsv } from "./csv";
import { getAssociationInsight } from "./insight.server";

let starter: TestVersion;
let admin: TestMember;
const NOW = new Date(Date.UTC(2026, 5, 15, 12));
const THEN = new Date(Date.UTC(2025, 2, 1, 9));
const RECENT = new Date(Date.UTC(2026, 3, 1, 9));

beforeAll(async () => {
  await seed();
  starter = await currentVersion();
  admin = await createTestMember({ role: "ADMIN" });
});

/** An association on a newer framework whose five members assessed in the starter a year ago, and in the newer one now. */
async function movedAssociation(newer: TestVersion) {
  const owner = await createTestMember();
  const members: TestMember[] = [];
  for (let i = 0; i < 5; i++) members.push(await createTestMember());
  const association = await createAssociation([{ userId: owner.userId, role: "OWNER" }, ...members.map((m) => ({ userId: m.userId }))]);
  await prisma.association.update({ where: { id: association.id }, data: { frameworkVersionId: newer.id } });
  for (const [index, member] of members.entries()) {
    // Collaboration 4 and leadership 2 merge into partnership: the lowest, 2, counts.
    await submitAssessment(member.userId, starter, { "adult-learning-principles": 1 + (index % 2), collaboration: 4, leadership: 2 }, THEN);
    await submitAssessment(member.userId, newer, { "learning-science": 3, partnership: 3 }, RECENT);
  }
  return { owner, association };
}

async function insightOf(owner: TestMember, slug: string) {
  return expectOk(await getAssociationInsight(owner.actor, slug, { now: NOW }));
}

describe("insight across a change of framework", () => {
  it("without a crosswalk, counts nothing from the older framework and says the comparison is not available", async () => {
    const newer = await publishFramework(["learning-science", "partnership"]);
    const { owner, association } = await movedAssociation(newer);
    const data = await insightOf(owner, association.slug);
    expect(data.framework?.name).toBe((await prisma.framework.findUniqueOrThrow({ where: { id: newer.frameworkId }, select: { name: true } })).name);
    for (const area of data.areas) {
      expect(area.now).toMatchObject({ shown: true, members: 5 });
      expect(area.then).toEqual({ shown: false });
      expect(area.change).toBeNull();
    }
    // Last year's assessments were in the older framework and counted nothing: nobody contributed then.
    expect(data.contributors).toEqual({ now: 5, then: 0 });
    expect(data.otherFrameworks).toEqual([
      { framework: "CME Commons starter framework", crosswalked: false, note: null, inThen: true, inNow: false },
    ]);
  });

  it("through a crosswalk, compares twelve months ago by its rules and says so", async () => {
    const newer = await publishFramework(["learning-science", "partnership"]);
    expectOk(
      await saveCrosswalk(admin.actor, starter.id, newer.id, {
        note: "From the publisher's table.",
        areaLinks: [
          { fromAreaId: areaId(starter, "adult-learning-principles"), toAreaId: areaId(newer, "learning-science") },
          { fromAreaId: areaId(starter, "collaboration"), toAreaId: areaId(newer, "partnership") },
          { fromAreaId: areaId(starter, "leadership"), toAreaId: areaId(newer, "partnership") },
        ],
        stageLinks: [],
      }),
    );
    const { owner, association } = await movedAssociation(newer);
    const data = await insightOf(owner, association.slug);
    const area = (slug: string) => data.areas.find((a) => a.slug === slug)!;
    expect(area("learning-science").then).toMatchObject({ shown: true, members: 5 });
    const learningThen = area("learning-science").then;
    if (learningThen.shown) expect(learningThen.stages.map((s) => s.members)).toEqual([3, 2, 0, 0, 0]);
    expect(area("partnership").then).toMatchObject({ shown: true, members: 5, median: { value: 2 } });
    expect(area("partnership").change).toBe(1);
    // Through the crosswalk, last year's assessments count: the same five contributed then.
    expect(data.contributors).toEqual({ now: 5, then: 5 });
    expect(data.otherFrameworks).toEqual([
      { framework: "CME Commons starter framework", crosswalked: true, note: "From the publisher's table.", inThen: true, inNow: false },
    ]);
  });
});

describe("the insight CSV across frameworks", () => {
  it("says how assessments in another framework count", () => {
    const csv = insightCsv({
      association: { slug: "a", name: "A" },
      framework: null,
      asOf: "2026-06-15",
      comparedWith: "2025-06-15",
      contributors: { now: 0, then: 0 },
      areas: [],
      otherFrameworks: [
        { framework: "Old edition", crosswalked: true, note: null, inThen: true, inNow: false },
        { framework: "Other edition", crosswalked: false, note: null, inThen: true, inNow: true },
      ],
      pathways: [],
      commitments: [],
      activity: [],
    });
    expect(csv).toContain("Other frameworks,Old edition,2025-06-15 to 2026-06-15,How its assessments count,Compared through the crosswalk\r\n");
    expect(csv).toContain('Other frameworks,Other edition,2025-06-15 to 2026-06-15,How its assessments count,"Not counted: no crosswalk, comparison not available"\r\n');
  });
});
