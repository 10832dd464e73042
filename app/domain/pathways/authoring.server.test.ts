import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { seed } from "../../../prisma/seed";
import { createTestMember, type TestMember } from "../../../tests/fixtures/members";
import {
  addStep,
  archiveStep,
  createPathway,
  getPathwayForEditing,
  getPathwayPreview,
  listAssociationPathwaysForManagers,
  listAuthorablePathways,
  moveStep,
  NO_STEPS_MESSAGE,
  publishPathway,
  authorizeAuthorablePathway,
  authorizeAuthoringTarget,
  unpublishPathway,
  updatePathway,
  updateStep,
  type AuthorisedPathway,
} from "./authoring.server";
import type { PathwayDetailsInput, StepFormInput } from "./authoring-schemas";
import { statusOf } from "~/utils/http.server";
import { expectOk, type Result } from "~/utils/result";

const run = `a${Math.random().toString(36).slice(2, 8)}`;
let admin: TestMember;

beforeAll(async () => {
  await seed();
  admin = await createTestMember({ role: "ADMIN" });
});

let pathwayCount = 0;
function details(overrides: Partial<PathwayDetailsInput> = {}): PathwayDetailsInput {
  pathwayCount += 1;
  return {
    title: `Pathway ${run} ${pathwayCount}`,
    summary: "For people **new** to accreditation work.",
    kind: "ONBOARDING",
    roleArchetypes: [],
    backgrounds: [],
    ...overrides,
  };
}

function step(title: string, overrides: Partial<StepFormInput> = {}): StepFormInput {
  return {
    title,
    body: `Do the thing called ${title}, and *write down* what you learned.`,
    resources: [{ label: "Guide", url: "https://example.org/guide" }],
    effortMinutes: 30,
    areas: [{ areaSlug: "adult-learning-principles", stageSlug: "competent" }],
    ...overrides,
  };
}

async function newSitePathway(overrides: Partial<PathwayDetailsInput> = {}): Promise<AuthorisedPathway> {
  const result = await createPathway(admin.actor, { association: null }, details(overrides));
  if (!result.ok) throw new Error(JSON.stringify(result.fieldErrors));
  return expectOk(await authorizeAuthorablePathway(admin.actor, result.value.slug));
}

async function added(pathway: AuthorisedPathway, input: StepFormInput) {
  const result = await addStep(pathway, input);
  if (!result.ok) throw new Error(JSON.stringify(result.fieldErrors));
  return result.value.stepId;
}

async function status(promise: Promise<Result<unknown>>): Promise<number> {
  const result = await promise;
  expect(result.ok).toBe(false);
  return result.ok ? 200 : statusOf(result);
}

async function createAssociation(owner: TestMember, moderators: TestMember[] = [], members: TestMember[] = []) {
  pathwayCount += 1;
  return prisma.association.create({
    data: {
      slug: `${run}-assoc-${pathwayCount}`,
      name: `Association ${run} ${pathwayCount}`,
      description: "",
      descriptionHtml: "",
      memberships: {
        create: [
          { userId: owner.userId, role: "OWNER" },
          ...moderators.map((m) => ({ userId: m.userId, role: "MODERATOR" as const })),
          ...members.map((m) => ({ userId: m.userId, role: "MEMBER" as const })),
        ],
      },
    },
    select: { id: true, slug: true },
  });
}

describe("who may author", () => {
  it("lets admins create site pathways and association owners and moderators create their association's", async () => {
    const [owner, moderator, member] = await Promise.all([createTestMember(), createTestMember(), createTestMember()]);
    const association = await createAssociation(owner, [moderator], [member]);

    expect(await authorizeAuthoringTarget(admin.actor, null)).toEqual({ ok: true, value: { association: null } });
    expect(await status(authorizeAuthoringTarget(member.actor, null))).toBe(403);
    for (const author of [owner, moderator, admin]) {
      const target = expectOk(await authorizeAuthoringTarget(author.actor, association.slug));
      expect(target.association?.id).toBe(association.id);
    }
    expect(await status(authorizeAuthoringTarget(member.actor, association.slug))).toBe(403);
    expect(await status(authorizeAuthoringTarget(owner.actor, `${run}-no-such-association`))).toBe(404);
  });

  it("hides someone else's draft (404) and refuses edits to a visible pathway (403)", async () => {
    const [owner, member, enrolled] = await Promise.all([createTestMember(), createTestMember(), createTestMember()]);
    const association = await createAssociation(owner, [], [member]);
    const target = expectOk(await authorizeAuthoringTarget(owner.actor, association.slug));
    const created = await createPathway(owner.actor, target, details());
    if (!created.ok) throw new Error("not created");
    const pathway = expectOk(await authorizeAuthorablePathway(owner.actor, created.value.slug));
    await prisma.pathwayEnrolment.create({ data: { userId: enrolled.userId, pathwayId: pathway.id } });

    expect(await status(authorizeAuthorablePathway(member.actor, pathway.slug))).toBe(404);
    expect(await status(authorizeAuthorablePathway(enrolled.actor, pathway.slug))).toBe(403);
    expect(expectOk(await authorizeAuthorablePathway(admin.actor, pathway.slug)).id).toBe(pathway.id);

    await added(pathway, step("First thing"));
    expect((await publishPathway(pathway)).ok).toBe(true);
    expect(await status(authorizeAuthorablePathway(member.actor, pathway.slug))).toBe(403);
    expect(await status(authorizeAuthorablePathway(owner.actor, `${run}-missing`))).toBe(404);
  });
});

describe("creating and editing details", () => {
  it("makes the address from the title, unique, and keeps a typed one or reports it taken", async () => {
    const title = `Getting started ${run}`;
    const first = await createPathway(admin.actor, { association: null }, details({ title }));
    const other = await createTestMember({ role: "ADMIN" });
    const second = await createPathway(other.actor, { association: null }, details({ title }));
    expect(first).toEqual({ ok: true, value: { slug: `getting-started-${run}` } });
    expect(second).toEqual({ ok: true, value: { slug: `getting-started-${run}-2` } });

    const typed = await createPathway(admin.actor, { association: null }, details({ slug: `getting-started-${run}` }));
    expect(typed.ok).toBe(false);
    if (!typed.ok) expect(typed.fieldErrors?.slug?.[0]).toMatch(/already uses/);
  });

  it("returns the same draft when the same form is sent twice", async () => {
    const input = details();
    const first = await createPathway(admin.actor, { association: null }, input);
    const again = await createPathway(admin.actor, { association: null }, input);
    expect(again).toEqual(first);
    expect(await prisma.pathway.count({ where: { title: input.title } })).toBe(1);
  });

  it("renders the summary, saves a new address, and clears the seed's content hash", async () => {
    const pathway = await newSitePathway();
    await prisma.pathway.update({ where: { id: pathway.id }, data: { contentHash: "seeded" } });
    const result = await updatePathway(
      pathway,
      details({ title: "Renamed", slug: `${run}-renamed`, summary: "Now with a [link](https://example.org)." }),
    );
    expect(result).toEqual({ ok: true, value: { slug: `${run}-renamed` } });
    const row = await prisma.pathway.findUniqueOrThrow({ where: { id: pathway.id } });
    expect(row).toMatchObject({ title: "Renamed", slug: `${run}-renamed`, contentHash: null });
    expect(row.summaryHtml).toContain('<a href="https://example.org"');
  });
});

describe("steps", () => {
  it("does not duplicate a step submitted twice, and gives a same-titled new step its own key", async () => {
    const pathway = await newSitePathway();
    const first = await added(pathway, step("Read the standards"));
    const again = await added(pathway, step("Read the standards"));
    const different = await added(pathway, step("Read the standards", { body: "A different step with the same title." }));
    expect(again).toBe(first);
    expect(different).not.toBe(first);
    const keys = (await prisma.pathwayStep.findMany({ where: { pathwayId: pathway.id }, orderBy: { position: "asc" } })).map(
      (s) => s.key,
    );
    expect(keys).toEqual(["read-the-standards", "read-the-standards-2"]);
  });

  it("refuses areas or stages that are not in the current framework", async () => {
    const pathway = await newSitePathway();
    const result = await addStep(pathway, step("Odd", { areas: [{ areaSlug: "astrology", stageSlug: "competent" }] }));
    expect(result).toMatchObject({ ok: false, reason: "invalid", fieldErrors: { areas: [expect.stringMatching(/lists shown/)] } });
  });

  it("keeps positions unique when moving steps, and ignores moves past either end", async () => {
    const pathway = await newSitePathway();
    const [a, b, c] = [await added(pathway, step("A step")), await added(pathway, step("B step")), await added(pathway, step("C step"))];
    await moveStep(pathway, c!, "up");
    await moveStep(pathway, a!, "up");
    await moveStep(pathway, b!, "down");
    const steps = (await getPathwayForEditing(pathway)).steps.map((s) => s.title);
    expect(steps).toEqual(["A step", "C step", "B step"]);
    const positions = (await prisma.pathwayStep.findMany({ where: { pathwayId: pathway.id } })).map((s) => s.position);
    expect(new Set(positions).size).toBe(3);
    expect(await moveStep(pathway, "no-such-step", "up")).toBe(false);
  });

  it("deletes a removed step of a never-published pathway, and archives one of a published pathway", async () => {
    const pathway = await newSitePathway();
    const first = await added(pathway, step("Keep me"));
    const second = await added(pathway, step("Drop me"));
    expect(await archiveStep(pathway, second)).toBe("deleted");
    await publishPathway(pathway);
    expect(await archiveStep(pathway, first)).toBe("archived");
    expect(await prisma.pathwayStep.findUnique({ where: { id: first }, select: { archivedAt: true } })).toEqual({
      archivedAt: expect.any(Date),
    });
    expect(await archiveStep(pathway, first)).toBeNull();
  });
});

describe("an edit never loses progress", () => {
  it("keeps a member's completions of unchanged steps through edits, reordering, removal and additions", async () => {
    const pathway = await newSitePathway();
    const ids = [await added(pathway, step("One")), await added(pathway, step("Two")), await added(pathway, step("Three"))];
    await publishPathway(pathway);
    const member = await createTestMember();
    await prisma.pathwayEnrolment.create({ data: { userId: member.userId, pathwayId: pathway.id } });
    for (const stepId of ids.slice(0, 2)) {
      await prisma.stepCompletion.create({
        data: { userId: member.userId, stepId, reflection: "Done", reflectionHtml: "<p>Done</p>" },
      });
    }

    expect((await updateStep(pathway, ids[1]!, step("Two, reworded", { body: "Reworded text for step two." }))).ok).toBe(true);
    await moveStep(pathway, ids[1]!, "up");
    expect(await archiveStep(pathway, ids[2]!)).toBe("archived");
    // Steps one and two were all that was left, both done: the enrolment counts as finished…
    const finished = await prisma.pathwayEnrolment.findFirstOrThrow({ where: { userId: member.userId, pathwayId: pathway.id } });
    expect(finished.completedAt).not.toBeNull();
    const four = await added(pathway, step("Four"));

    const completions = await prisma.stepCompletion.findMany({ where: { userId: member.userId }, select: { stepId: true } });
    expect(completions.map((c) => c.stepId).sort()).toEqual([ids[0], ids[1]].sort());
    const current = await prisma.pathwayStep.findMany({
      where: { pathwayId: pathway.id, archivedAt: null },
      orderBy: { position: "asc" },
      select: { id: true, key: true, title: true },
    });
    expect(current).toEqual([
      { id: ids[1], key: "two", title: "Two, reworded" },
      { id: ids[0], key: "one", title: "One" },
      { id: four, key: "four", title: "Four" },
    ]);
    const done = current.filter((s) => completions.some((c) => c.stepId === s.id)).length;
    expect(`${done} of ${current.length}`).toBe("2 of 3");
    // …and a new step reopens it.
    const reopened = await prisma.pathwayEnrolment.findFirstOrThrow({ where: { userId: member.userId, pathwayId: pathway.id } });
    expect(reopened.completedAt).toBeNull();
  });
});

describe("publishing", () => {
  it("needs at least one step, and unpublishing keeps enrolments", async () => {
    const pathway = await newSitePathway();
    expect(await publishPathway(pathway)).toMatchObject({ ok: false, reason: "invalid", message: NO_STEPS_MESSAGE });
    await added(pathway, step("Only step"));
    expect(await publishPathway(pathway)).toEqual({ ok: true, value: null });
    const published = await prisma.pathway.findUniqueOrThrow({ where: { id: pathway.id } });
    expect(published).toMatchObject({ status: "PUBLISHED", publishedAt: expect.any(Date) });

    const member = await createTestMember();
    await prisma.pathwayEnrolment.create({ data: { userId: member.userId, pathwayId: pathway.id } });
    await unpublishPathway(pathway);
    expect((await prisma.pathway.findUniqueOrThrow({ where: { id: pathway.id } })).status).toBe("DRAFT");
    expect(await prisma.pathwayEnrolment.count({ where: { pathwayId: pathway.id } })).toBe(1);
  });

  it("shows the preview with area and stage names", async () => {
    const pathway = await newSitePathway();
    await added(pathway, step("Look around", { effortMinutes: 45 }));
    const preview = expectOk(await getPathwayPreview(pathway));
    expect(preview.totalMinutes).toBe(45);
    expect(preview.steps[0]).toMatchObject({
      title: "Look around",
      resources: [{ label: "Guide", url: "https://example.org/guide" }],
      areas: [{ slug: "adult-learning-principles", name: "Adult learning principles", stage: "Competent" }],
    });
    expect(preview.steps[0]!.bodyHtml).toContain("<em>write down</em>");
  });
});

describe("lists for authors", () => {
  it("shows admins every pathway and moderators only their association's, with step and enrolment counts", async () => {
    const [owner, moderator, outsider, learner] = await Promise.all([
      createTestMember(),
      createTestMember(),
      createTestMember(),
      createTestMember(),
    ]);
    const association = await createAssociation(owner, [moderator]);
    const target = expectOk(await authorizeAuthoringTarget(owner.actor, association.slug));
    const created = await createPathway(owner.actor, target, details({ title: `Association path ${run}` }));
    if (!created.ok) throw new Error("not created");
    const pathway = expectOk(await authorizeAuthorablePathway(owner.actor, created.value.slug));
    await added(pathway, step("Step one"));
    await added(pathway, step("Step two"));
    await prisma.pathwayEnrolment.create({ data: { userId: learner.userId, pathwayId: pathway.id } });

    const forModerator = await listAuthorablePathways(moderator.actor);
    expect(forModerator.pathways).toEqual([
      expect.objectContaining({ slug: pathway.slug, status: "DRAFT", stepCount: 2, enrolledCount: 1 }),
    ]);
    expect((await listAuthorablePathways(outsider.actor)).pathways).toEqual([]);
    expect((await listAuthorablePathways({ kind: "anonymous" })).pathways).toEqual([]);

    let after: string | null = null;
    const slugs: string[] = [];
    do {
      const page: Awaited<ReturnType<typeof listAuthorablePathways>> = await listAuthorablePathways(admin.actor, { after });
      slugs.push(...page.pathways.map((p) => p.slug));
      after = page.nextAfter;
    } while (after);
    expect(slugs).toContain(pathway.slug);
    expect(slugs).toEqual([...slugs].sort());

    expect(await listAssociationPathwaysForManagers(moderator.actor, association.id)).toEqual([
      expect.objectContaining({ slug: pathway.slug, stepCount: 2, enrolledCount: 1 }),
    ]);
    expect(await listAssociationPathwaysForManagers(outsider.actor, association.id)).toEqual([]);
  });
});
