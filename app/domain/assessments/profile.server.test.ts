import { beforeAll, describe, expect, it } from "vitest";
import { signUpConfirmed } from "../../../tests/fixtures/members";
import type { MemberActor } from "~/domain/members/actor";
import { getActor } from "~/utils/auth.server";
import { countQueries, prisma } from "~/utils/db.server";
import { seed } from "../../../prisma/seed";
import { exportAssessments, getCompetencyProfile } from "./profile.server";

// Test files in a worker share one database: every test makes its own members.
let versionId: string;
let areas: { id: string; slug: string; name: string; position: number }[];
let stages: { id: string; name: string; position: number }[];

beforeAll(async () => {
  await seed();
  const settings = await prisma.siteSettings.findUniqueOrThrow({ where: { id: 1 }, select: { currentFrameworkVersionId: true } });
  versionId = settings.currentFrameworkVersionId!;
  [areas, stages] = await Promise.all([
    prisma.competencyArea.findMany({
      where: { versionId },
      orderBy: { position: "asc" },
      select: { id: true, slug: true, name: true, position: true },
    }),
    prisma.proficiencyStage.findMany({ where: { versionId }, orderBy: { position: "asc" }, select: { id: true, name: true, position: true } }),
  ]);
});

/** A signed-up member and the actor their requests resolve to. */
async function member(displayName = "Robin Okafor"): Promise<MemberActor> {
  const result = await signUpConfirmed({ email: `${crypto.randomUUID()}@example.org`, password: "quiet orchard morning", displayName });
  if (!result.ok) throw new Error(`sign-up failed: ${JSON.stringify(result.fieldErrors)}`);
  const actor = await getActor(new Request("http://localhost/", { headers: { Cookie: `cme_session=${result.value.token}` } }));
  if (actor.kind !== "member") throw new Error("the new session did not sign the member in");
  return actor;
}

const stageId = (position: number) => stages.find((stage) => stage.position === position)!.id;

/**
 * An assessment with an answer for every area of the current version, made the
 * way members make one: a draft with its answers, then submitted (the database
 * refuses new answers on a submitted assessment).
 * `ratings[i]` is area i+1's stage position; `targets[i]` its target (or null).
 */
async function assess(
  actor: MemberActor,
  options: {
    ratings: number[];
    targets?: (number | null)[];
    submittedAt?: Date;
    isBaseline?: boolean;
    status?: "SUBMITTED" | "DRAFT";
    evidence?: Record<string, string>;
  },
) {
  const { id } = await prisma.assessment.create({
    data: {
      userId: actor.userId,
      versionId,
      draftOwnerId: actor.userId,
      answers: {
        create: areas.map((area, index) => {
          const target = options.targets?.[index] ?? null;
          const evidence = options.evidence?.[area.slug] ?? "";
          return {
            areaId: area.id,
            stageId: stageId(options.ratings[index]!),
            targetStageId: target === null ? null : stageId(target),
            evidence,
            evidenceHtml: evidence ? `<p>${evidence}</p>` : "",
            links: evidence ? [`https://example.org/${area.slug}`] : [],
          };
        }),
      },
    },
    select: { id: true },
  });
  if ((options.status ?? "SUBMITTED") === "SUBMITTED") {
    await prisma.assessment.update({
      where: { id },
      data: {
        status: "SUBMITTED",
        draftOwnerId: null,
        submittedAt: options.submittedAt ?? new Date(),
        isBaseline: options.isBaseline ?? false,
      },
      select: { id: true },
    });
  }
  return id;
}

const day = (n: number) => new Date(Date.UTC(2026, 0, n, 9));

describe("getCompetencyProfile", () => {
  it("gives a clear empty state before the first submitted assessment", async () => {
    const actor = await member("Kim Lindqvist");
    const profile = await getCompetencyProfile(actor);
    expect(profile).toEqual({ kind: "empty", member: { displayName: "Kim Lindqvist", roleLabel: null, jobTitle: null } });
  });

  it("shows baseline, previous, latest and target stages per area, with history and evidence", async () => {
    const actor = await member();
    await prisma.profile.update({
      where: { userId: actor.userId },
      data: { jobTitle: "CME manager", roleArchetype: "PROGRAM_DEVELOPER" },
    });
    const baselineId = await assess(actor, { ratings: [1, 1, 1, 1, 1, 1, 1, 1], submittedAt: day(1), isBaseline: true });
    const previousId = await assess(actor, { ratings: [2, 2, 2, 2, 2, 2, 2, 2], submittedAt: day(10) });
    const latestId = await assess(actor, {
      ratings: [3, 2, 2, 2, 2, 2, 2, 1],
      targets: [4, null, 3, 3, 3, 3, 3, 3],
      submittedAt: day(20),
      evidence: { "adult-learning-principles": "Ran a flipped-classroom pilot" },
    });

    const profile = await getCompetencyProfile(actor);
    if (profile.kind !== "profile") throw new Error("expected a profile");
    expect(profile.member).toEqual({ displayName: "Robin Okafor", roleLabel: "Program developer", jobTitle: "CME manager" });
    expect(profile.framework).toEqual({ name: "CME Commons starter framework", version: "2026.2", namesWithheld: false });
    expect(profile.stages).toEqual(stages.map((stage) => stage.name));
    expect(profile.assessments.map((a) => a.id)).toEqual([baselineId, previousId, latestId]);
    expect(profile.assessments.map((a) => a.isBaseline)).toEqual([true, false, false]);
    expect(profile.baseline.id).toBe(baselineId);
    expect(profile.previous?.id).toBe(previousId);
    expect(profile.latest).toMatchObject({ id: latestId, submittedAt: day(20).toISOString(), submittedOn: "January 20, 2026" });

    expect(profile.areas.map((area) => area.slug)).toEqual(areas.map((area) => area.slug));
    const first = profile.areas[0]!;
    expect(first).toMatchObject({
      baseline: { position: 1, name: stages[0]!.name },
      previous: { position: 2, name: stages[1]!.name },
      latest: { position: 3, name: stages[2]!.name },
      target: { position: 4, name: stages[3]!.name },
      evidenceHtml: "<p>Ran a flipped-classroom pilot</p>",
      links: ["https://example.org/adult-learning-principles"],
    });
    expect(first.history.map((entry) => [entry.assessmentId, entry.stage.position])).toEqual([
      [baselineId, 1],
      [previousId, 2],
      [latestId, 3],
    ]);
    // No target set → null, never a made-up stage.
    expect(profile.areas[1]!.target).toBeNull();
  });

  it("lists gaps largest first, strengths, and the change since the previous assessment", async () => {
    const actor = await member();
    await assess(actor, { ratings: [2, 2, 3, 3, 3, 3, 3, 3], submittedAt: day(1), isBaseline: true });
    await assess(actor, {
      ratings: [2, 3, 3, 3, 4, 3, 1, 3],
      targets: [3, 5, null, 3, 5, 2, 5, 4],
      submittedAt: day(2),
    });

    const profile = await getCompetencyProfile(actor);
    if (profile.kind !== "profile") throw new Error("expected a profile");
    expect(profile.gaps.map((gap) => [gap.areaName, gap.size])).toEqual([
      ["Self-assessment and lifelong learning", 4],
      ["Educational interventions", 2],
      // Equal gaps: by name.
      ["Administration", 1],
      ["Adult learning principles", 1],
      ["Systems thinking", 1],
    ]);
    expect(profile.gaps[0]).toMatchObject({ stage: { position: 1 }, target: { position: 5, name: stages[4]!.name } });
    expect(profile.strengths.map((strength) => strength.areaName)).toEqual(["Administration"]);
    expect(profile.changes.map((change) => change.summary)).toEqual([
      "−2 stages in Self-assessment and lifelong learning",
      "+1 stage in Administration",
      "+1 stage in Educational interventions",
    ]);
  });

  it("has no previous assessment and no change after only a baseline", async () => {
    const actor = await member();
    const id = await assess(actor, { ratings: [1, 2, 3, 4, 5, 1, 2, 3], submittedAt: day(1), isBaseline: true });
    const profile = await getCompetencyProfile(actor);
    if (profile.kind !== "profile") throw new Error("expected a profile");
    expect(profile.baseline.id).toBe(id);
    expect(profile.latest.id).toBe(id);
    expect(profile.previous).toBeNull();
    expect(profile.changes).toEqual([]);
    expect(profile.areas.every((area) => area.previous === null && area.baseline?.position === area.latest?.position)).toBe(true);
  });

  it("never shows a draft", async () => {
    const actor = await member();
    const submittedId = await assess(actor, { ratings: [1, 1, 1, 1, 1, 1, 1, 1], submittedAt: day(1), isBaseline: true });
    await assess(actor, { ratings: [5, 5, 5, 5, 5, 5, 5, 5], status: "DRAFT" });

    const profile = await getCompetencyProfile(actor);
    if (profile.kind !== "profile") throw new Error("expected a profile");
    expect(profile.assessments.map((a) => a.id)).toEqual([submittedId]);
    expect(profile.areas.every((area) => area.latest?.position === 1)).toBe(true);
    expect((await exportAssessments(actor)).every((row) => row.assessmentId === submittedId)).toBe(true);

    // A member whose only assessment is a draft still has an empty profile.
    const drafting = await member();
    await assess(drafting, { ratings: [3, 3, 3, 3, 3, 3, 3, 3], status: "DRAFT" });
    expect((await getCompetencyProfile(drafting)).kind).toBe("empty");
    expect(await exportAssessments(drafting)).toEqual([]);
  });

  it("never shows another member's assessments", async () => {
    const owner = await member();
    const other = await member();
    const ownerId = await assess(owner, {
      ratings: [2, 2, 2, 2, 2, 2, 2, 2],
      submittedAt: day(1),
      isBaseline: true,
      evidence: { leadership: "owner-secret-evidence" },
    });
    const otherId = await assess(other, { ratings: [4, 4, 4, 4, 4, 4, 4, 4], submittedAt: day(2), isBaseline: true });

    const ownerProfile = await getCompetencyProfile(owner);
    const otherProfile = await getCompetencyProfile(other);
    if (ownerProfile.kind !== "profile" || otherProfile.kind !== "profile") throw new Error("expected profiles");
    expect(ownerProfile.assessments.map((a) => a.id)).toEqual([ownerId]);
    expect(otherProfile.assessments.map((a) => a.id)).toEqual([otherId]);
    expect(JSON.stringify(otherProfile)).not.toContain("owner-secret-evidence");
    expect(JSON.stringify(otherProfile)).not.toContain(ownerId);
    expect(new Set((await exportAssessments(other)).map((row) => row.assessmentId))).toEqual(new Set([otherId]));

    const newcomer = await member();
    expect((await getCompetencyProfile(newcomer)).kind).toBe("empty");
    expect(await exportAssessments(newcomer)).toEqual([]);
  });

  it("makes the same small number of queries with 1 and with 6 assessments", async () => {
    const actor = await member();
    await assess(actor, { ratings: [1, 1, 1, 1, 1, 1, 1, 1], targets: [3, 3, 3, 3, 3, 3, 3, 3], submittedAt: day(1), isBaseline: true });
    const one = await countQueries(() => getCompetencyProfile(actor));
    expect(one.result.kind === "profile" && one.result.assessments).toHaveLength(1);

    for (let n = 2; n <= 6; n++) {
      await assess(actor, { ratings: [n % 5 || 5, 2, 2, 2, 2, 2, 2, 2], targets: [5, 5, 5, 5, 5, 5, 5, 5], submittedAt: day(n) });
    }
    const six = await countQueries(() => getCompetencyProfile(actor));
    expect(six.result.kind === "profile" && six.result.assessments).toHaveLength(6);

    expect(six.queries).toBe(one.queries);
    // The profile data (assessments, answers, stages) and the completed pathway steps.
    expect(six.queries).toBeLessThanOrEqual(2);
  });
});

describe("exportAssessments", () => {
  it("has one row per area per submitted assessment, oldest first, with Markdown evidence", async () => {
    const actor = await member();
    const baselineId = await assess(actor, {
      ratings: [1, 2, 3, 4, 5, 1, 2, 3],
      targets: [2, null, null, null, null, null, null, null],
      submittedAt: day(1),
      isBaseline: true,
      evidence: { "adult-learning-principles": "**Bold** note" },
    });
    const latestId = await assess(actor, { ratings: [2, 2, 3, 4, 5, 1, 2, 3], submittedAt: day(5) });

    const rows = await exportAssessments(actor);
    expect(rows).toHaveLength(areas.length * 2);
    expect(rows.slice(0, areas.length).every((row) => row.assessmentId === baselineId && row.baseline)).toBe(true);
    expect(rows.slice(areas.length).every((row) => row.assessmentId === latestId && !row.baseline)).toBe(true);
    expect(rows.slice(0, areas.length).map((row) => row.areaPosition)).toEqual(areas.map((area) => area.position));
    expect(rows[0]).toEqual({
      assessmentId: baselineId,
      submittedAt: day(1).toISOString(),
      baseline: true,
      framework: "CME Commons starter framework",
      version: "2026.2",
      areaPosition: 1,
      area: areas[0]!.name,
      stagePosition: 1,
      stage: stages[0]!.name,
      targetPosition: 2,
      target: stages[1]!.name,
      evidence: "**Bold** note",
      links: "https://example.org/adult-learning-principles",
    });
    expect(rows[1]).toMatchObject({ targetPosition: null, target: null, evidence: "", links: "" });
  });
});
