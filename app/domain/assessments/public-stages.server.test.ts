import { beforeAll, describe, expect, it } from "vitest";
import { signUpConfirmed } from "../../../tests/fixtures/members";
import { ANONYMOUS, type Actor, type MemberActor } from "~/domain/members/actor";
import type { Visibility } from "~/generated/prisma/enums";
import { getActor } from "~/utils/auth.server";
import { countQueries, prisma } from "~/utils/db.server";
import { seed } from "../../../prisma/seed";
import { getCompetencySummaryForViewer, type CompetencySummary } from "./public-stages.server";

// Test files in a worker share one database: every test makes its own members.
let versionId: string;
let framework: { name: string; version: string };
let areas: { id: string; slug: string; name: string; position: number }[];
let stages: { id: string; name: string; position: number }[];

beforeAll(async () => {
  await seed();
  const settings = await prisma.siteSettings.findUniqueOrThrow({
    where: { id: 1 },
    select: { currentFrameworkVersion: { select: { id: true, version: true, framework: { select: { name: true } } } } },
  });
  const current = settings.currentFrameworkVersion!;
  versionId = current.id;
  framework = { name: current.framework.name, version: current.version };
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
async function member(options: { displayName?: string; admin?: boolean } = {}): Promise<MemberActor> {
  const result = await signUpConfirmed({
    email: `${crypto.randomUUID()}@example.org`,
    password: "quiet orchard morning",
    displayName: options.displayName ?? "Robin Okafor",
  });
  if (!result.ok) throw new Error(`sign-up failed: ${JSON.stringify(result.fieldErrors)}`);
  if (options.admin) await prisma.user.update({ where: { id: result.value.userId }, data: { role: "ADMIN" }, select: { id: true } });
  const actor = await getActor(new Request("http://localhost/", { headers: { Cookie: `cme_session=${result.value.token}` } }));
  if (actor.kind !== "member") throw new Error("the new session did not sign the member in");
  return actor;
}

const stageId = (position: number) => stages.find((stage) => stage.position === position)!.id;
const day = (n: number) => new Date(Date.UTC(2026, 0, n, 9));

/**
 * An assessment with an answer for every area of the current version, made the
 * way members make one: a draft with its answers, then (unless `draft`)
 * submitted — the database refuses answers on a submitted assessment.
 * `ratings[i]` is area i+1's stage position; every area gets `target` and `evidence`.
 */
async function assess(
  actor: MemberActor,
  options: { ratings: number[]; target?: number; evidence?: string; submittedAt?: Date; draft?: boolean },
) {
  const { id } = await prisma.assessment.create({
    data: {
      userId: actor.userId,
      versionId,
      draftOwnerId: actor.userId,
      // A draft carrying a date must still never count: only the status does.
      submittedAt: options.draft ? (options.submittedAt ?? null) : null,
      answers: {
        create: areas.map((area, index) => ({
          areaId: area.id,
          stageId: stageId(options.ratings[index]!),
          targetStageId: options.target ? stageId(options.target) : null,
          evidence: options.evidence ?? "",
          evidenceHtml: options.evidence ? `<p>${options.evidence}</p>` : "",
          links: options.evidence ? [`https://example.org/evidence/${area.slug}`] : [],
        })),
      },
    },
    select: { id: true },
  });
  if (!options.draft) {
    const firstSubmission = (await prisma.assessment.count({ where: { userId: actor.userId, status: "SUBMITTED" } })) === 0;
    await prisma.assessment.update({
      where: { id },
      data: { status: "SUBMITTED", submittedAt: options.submittedAt ?? new Date(), draftOwnerId: null, isBaseline: firstSubmission },
      select: { id: true },
    });
  }
  return id;
}

/** The summary a set of ratings must produce, exactly: nothing more, nothing less. */
function expectedSummary(ratings: number[], submittedOn: Date): CompetencySummary {
  return {
    submittedOn,
    framework,
    areas: areas.map((area, index) => {
      const stage = stages.find((s) => s.position === ratings[index])!;
      return { name: area.name, position: area.position, stage: { name: stage.name, position: stage.position }, stageCount: stages.length };
    }),
  };
}

describe("getCompetencySummaryForViewer: who sees it", () => {
  const RATINGS = [1, 2, 3, 4, 5, 1, 2, 3];
  let owner: MemberActor;
  const viewers: Record<string, Actor> = {};

  beforeAll(async () => {
    owner = await member({ displayName: "Summary Owner" });
    await assess(owner, { ratings: RATINGS, submittedAt: day(5) });
    viewers.visitor = ANONYMOUS;
    viewers["another member"] = await member({ displayName: "Other Member" });
    viewers["an admin"] = await member({ displayName: "Site Admin", admin: true });
  });

  // Admins get no extra view: the same table as every other profile section.
  const expected: Record<Visibility, Record<string, boolean>> = {
    PRIVATE: { visitor: false, "another member": false, "an admin": false, "the owner": true },
    MEMBERS: { visitor: false, "another member": true, "an admin": true, "the owner": true },
    PUBLIC: { visitor: true, "another member": true, "an admin": true, "the owner": true },
  };
  const cases = (Object.keys(expected) as Visibility[]).flatMap((visibility) =>
    Object.entries(expected[visibility]).map(([name, allowed]) => [visibility, name, allowed] as const),
  );

  it.each(cases)("%s, seen by %s → %s", async (visibility, name, allowed) => {
    const viewer = name === "the owner" ? owner : viewers[name]!;
    const { result, queries } = await countQueries(() => getCompetencySummaryForViewer(viewer, owner.userId, visibility));
    if (allowed) {
      expect(result).toEqual(expectedSummary(RATINGS, day(5)));
      // One joined query, whatever the number of areas.
      expect(queries).toBeLessThanOrEqual(2);
    } else {
      expect(result).toBeNull();
      // Refused before touching the database.
      expect(queries).toBe(0);
    }
  });
});

describe("getCompetencySummaryForViewer: what it shows", () => {
  it("is null before the first submitted assessment, even for the owner and with a draft in progress", async () => {
    const owner = await member();
    expect(await getCompetencySummaryForViewer(owner, owner.userId, "PUBLIC")).toBeNull();
    await assess(owner, { ratings: [3, 3, 3, 3, 3, 3, 3, 3], draft: true, submittedAt: day(9) });
    expect(await getCompetencySummaryForViewer(owner, owner.userId, "PUBLIC")).toBeNull();
    expect(await getCompetencySummaryForViewer(ANONYMOUS, owner.userId, "PUBLIC")).toBeNull();
  });

  it("shows only the latest submitted assessment; a newer draft never changes it", async () => {
    const owner = await member();
    await assess(owner, { ratings: [1, 1, 1, 1, 1, 1, 1, 1], submittedAt: day(1) });
    await assess(owner, { ratings: [2, 3, 2, 3, 2, 3, 2, 3], submittedAt: day(10) });
    const before = await getCompetencySummaryForViewer(ANONYMOUS, owner.userId, "PUBLIC");
    expect(before).toEqual(expectedSummary([2, 3, 2, 3, 2, 3, 2, 3], day(10)));

    // A draft started later — even one carrying a later date — is not shown.
    const draftId = await assess(owner, { ratings: [5, 5, 5, 5, 5, 5, 5, 5], draft: true, submittedAt: day(30) });
    for (const viewer of [ANONYMOUS, owner]) {
      expect(await getCompetencySummaryForViewer(viewer, owner.userId, "PUBLIC")).toEqual(before);
    }

    // Once that draft is submitted it becomes the latest, and only it is shown.
    await prisma.assessment.update({
      where: { id: draftId },
      data: { status: "SUBMITTED", submittedAt: day(20), draftOwnerId: null },
      select: { id: true },
    });
    expect(await getCompetencySummaryForViewer(ANONYMOUS, owner.userId, "PUBLIC")).toEqual(
      expectedSummary([5, 5, 5, 5, 5, 5, 5, 5], day(20)),
    );
  });

  it("never includes targets, evidence, links, history or ids", async () => {
    const owner = await member();
    const secret = `evidence-${crypto.randomUUID()}`;
    const olderId = await assess(owner, { ratings: [4, 4, 4, 4, 4, 4, 4, 4], submittedAt: day(1) });
    // Ratings of 1–2 with every target at the last stage: the last stage's name may appear only as a target.
    const latestId = await assess(owner, { ratings: [1, 2, 1, 2, 1, 2, 1, 2], target: 5, evidence: secret, submittedAt: day(2) });

    const summary = await getCompetencySummaryForViewer(ANONYMOUS, owner.userId, "PUBLIC");
    // Exact equality: no key beyond the promised ones, at any depth.
    expect(summary).toEqual(expectedSummary([1, 2, 1, 2, 1, 2, 1, 2], day(2)));
    const text = JSON.stringify(summary);
    for (const needle of [
      secret,
      "https://example.org/evidence",
      `"${stages.at(-1)!.name}"`,
      `"${stages[3]!.name}"`, // the older assessment's stage: no history
      "target",
      "evidence",
      olderId,
      latestId,
      owner.userId,
      versionId,
      ...areas.map((area) => area.id),
      ...stages.map((stage) => stage.id),
    ]) {
      expect(text, `must not contain ${needle}`).not.toContain(needle);
    }
  });

  it("is only ever the given owner's, never another member's", async () => {
    const owner = await member();
    const other = await member();
    await assess(other, { ratings: [5, 5, 5, 5, 5, 5, 5, 5], submittedAt: day(3) });
    expect(await getCompetencySummaryForViewer(other, owner.userId, "PUBLIC")).toBeNull();
    await assess(owner, { ratings: [1, 1, 1, 1, 1, 1, 1, 1], submittedAt: day(1) });
    expect(await getCompetencySummaryForViewer(other, owner.userId, "PUBLIC")).toEqual(
      expectedSummary([1, 1, 1, 1, 1, 1, 1, 1], day(1)),
    );
  });
});
