// The competency profile across a change of framework: one history through a
// crosswalk, separate histories without one, and no licensed names for
// readers who may not read them.
import { beforeAll, describe, expect, it } from "vitest";
import { seed } from "../../../prisma/seed";
import { areaId, currentVersion, publishFramework, submitAssessment, type TestVersion } from "../../../tests/fixtures/crosswalk";
import { createAssociation } from "../../../tests/fixtures/forum";
import { createTestMember, type TestMember } from "../../../tests/fixtures/members";
import { saveCrosswalk } from "~/domain/competencies/crosswalks.server";
import { ANONYMOUS } from "~/domain/members/actor";
import { prisma } from "~/utils/db.server";
import { expectOk } from "~/utils/result";
import { getCompetencyProfile } from "./profile.server";

let starter: TestVersion;
let admin: TestMember;
const NEWER = ["learning-science", "design", "evaluation", "partnership", "operations"];
const day = (n: number) => new Date(Date.UTC(2026, 0, n, 9));

beforeAll(async () => {
  await seed();
  starter = await currentVersion();
  admin = await createTestMember({ role: "ADMIN" });
});

async function crosswalk(newer: TestVersion, note = "Matched by the editors' own table.") {
  expectOk(
    await saveCrosswalk(admin.actor, starter.id, newer.id, {
      note,
      areaLinks: [
        { fromAreaId: areaId(starter, "adult-learning-principles"), toAreaId: areaId(newer, "learning-science") },
        // A split.
        { fromAreaId: areaId(starter, "educational-interventions"), toAreaId: areaId(newer, "design") },
        { fromAreaId: areaId(starter, "educational-interventions"), toAreaId: areaId(newer, "evaluation") },
        // A merge.
        { fromAreaId: areaId(starter, "collaboration"), toAreaId: areaId(newer, "partnership") },
        { fromAreaId: areaId(starter, "leadership"), toAreaId: areaId(newer, "partnership") },
      ],
      stageLinks: [],
    }),
  );
}

/** A member assessed twice in the starter framework, then once in the newer one. */
async function memberAcrossEditions(newer: TestVersion) {
  const member = await createTestMember();
  await submitAssessment(member.userId, starter, { "adult-learning-principles": 1, "educational-interventions": 2, collaboration: 2, leadership: 2, "systems-thinking": 3 }, day(1));
  await submitAssessment(
    member.userId,
    starter,
    { "adult-learning-principles": [2, 4], "educational-interventions": [3, 5], collaboration: 4, leadership: 2, "systems-thinking": 3 },
    day(2),
  );
  await submitAssessment(member.userId, newer, { "learning-science": 3, design: 3, evaluation: 4, partnership: 3, operations: 2 }, day(3));
  return member;
}

describe("the profile across a change of framework", () => {
  it("without a crosswalk, guesses nothing: the older framework's history is shown on its own", async () => {
    const newer = await publishFramework(NEWER);
    const member = await memberAcrossEditions(newer);
    const profile = await getCompetencyProfile(member.actor);
    if (profile.kind !== "profile") throw new Error("expected a profile");
    const area = (slug: string) => profile.areas.find((a) => a.slug === slug)!;
    expect(area("learning-science").history.map((entry) => entry.stage.position)).toEqual([3]);
    expect(area("learning-science").baseline).toBeNull();
    expect(area("learning-science").previous).toBeNull();
    expect(profile.changes).toEqual([]);
    expect(profile.gaps).toEqual([]);
    expect(profile.editionChanges).toEqual([expect.objectContaining({ crosswalk: null })]);
    expect(profile.separateHistories).toHaveLength(1);
    const separate = profile.separateHistories[0]!;
    expect(separate.framework).toBe("CME Commons starter framework");
    expect(separate.areas.find((a) => a.slug === "collaboration")?.history.map((entry) => entry.stage.position)).toEqual([2, 4]);
  });

  it("through a crosswalk, shows one history with the edition marked, splits and merges by the rules, and carries targets into gaps", async () => {
    const newer = await publishFramework(NEWER);
    await crosswalk(newer);
    const member = await memberAcrossEditions(newer);
    const profile = await getCompetencyProfile(member.actor);
    if (profile.kind !== "profile") throw new Error("expected a profile");
    const area = (slug: string) => profile.areas.find((a) => a.slug === slug)!;

    expect(profile.separateHistories).toEqual([]);
    expect(profile.editionChanges).toEqual([
      expect.objectContaining({ from: expect.stringContaining("CME Commons starter framework"), crosswalk: { note: "Matched by the editors' own table." } }),
    ]);
    const history = area("learning-science").history;
    expect(history.map((entry) => [entry.stage.position, entry.editionChanged])).toEqual([
      [1, false],
      [2, false],
      [3, true],
    ]);
    expect(history[0]!.carried).toEqual({ merged: false, fromAreas: ["Adult learning principles"] });
    expect(history[2]!.carried).toBeNull();
    // A split: both newer areas get the older stage.
    expect(area("design").history.map((entry) => entry.stage.position)).toEqual([2, 3, 3]);
    expect(area("evaluation").history.map((entry) => entry.stage.position)).toEqual([2, 3, 4]);
    // A merge: the lowest of collaboration (4) and leadership (2), said to be merged.
    expect(area("partnership").previous).toEqual({ position: 2, name: "Advanced beginner" });
    expect(area("partnership").history[1]!.carried).toEqual({ merged: true, fromAreas: ["Collaboration", "Leadership"] });
    // No line: operations has only its own history.
    expect(area("operations").history).toHaveLength(1);
    expect(area("operations").baseline).toBeNull();

    // Targets set before the change follow the crosswalk into the gaps.
    expect(area("learning-science")).toMatchObject({ target: { position: 4 }, targetCarried: true });
    expect(profile.gaps.map((gap) => [gap.areaSlug, gap.size])).toEqual(
      expect.arrayContaining([
        ["learning-science", 1],
        ["design", 2],
        ["evaluation", 1],
      ]),
    );
    expect(profile.changes.map((change) => change.areaSlug)).toEqual(expect.arrayContaining(["learning-science", "partnership"]));
  });

  it("never shows a licensed version's area names or the crosswalk's note to a reader who may not read it", async () => {
    const newer = await publishFramework(NEWER, { name: "Licensed edition" });
    const licensee = await createAssociation([]);
    await prisma.frameworkVersion.update({ where: { id: newer.id }, data: { rights: "LICENSED", licences: { create: { associationId: licensee.id } } } });
    await crosswalk(newer, "The Learning science area replaces adult learning.");
    const member = await memberAcrossEditions(newer);

    // A share link's reader who is not a licensee: "Area N", no note.
    const shared = await getCompetencyProfile(member.actor, ANONYMOUS);
    if (shared.kind !== "profile") throw new Error("expected a profile");
    const text = JSON.stringify(shared);
    // (Slugs are sent as keys, as before this change; the names are what pages show.)
    expect(text).not.toMatch(/Learning science|Partnership|Evaluation|replaces adult/);
    expect(shared.areas.map((a) => a.name)).toEqual(["Area 1", "Area 2", "Area 3", "Area 4", "Area 5"]);
    expect(shared.editionChanges[0]!.crosswalk).toEqual({ note: null });
    // The open starter framework's names may show in the merge note.
    expect(shared.areas[3]!.history[1]!.carried?.fromAreas).toEqual(["Collaboration", "Leadership"]);
  });
});
