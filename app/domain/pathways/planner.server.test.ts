import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { createTestMember, type TestMember } from "../../../tests/fixtures/members";
import { PLAN_SECTIONS, type Worksheet } from "./planner";
import {
  createActivityPlan,
  deleteActivityPlan,
  findPlannerStep,
  getActivityPlan,
  listActivityPlans,
  saveActivityPlanSection,
} from "./planner.server";
import type { MemberActor } from "~/domain/members/actor";

const run = `p${Math.random().toString(36).slice(2, 8)}`;

async function createStep(status: "DRAFT" | "PUBLISHED", options: { archived?: boolean } = {}) {
  const slug = `${run}-${status.toLowerCase()}-${Math.random().toString(36).slice(2, 6)}`;
  const pathway = await prisma.pathway.create({
    data: { slug, title: `Pathway ${slug}`, summary: "S", summaryHtml: "<p>S</p>", kind: "ONBOARDING", status },
    select: { id: true },
  });
  const step = await prisma.pathwayStep.create({
    data: {
      pathwayId: pathway.id,
      key: "draft-a-mock-activity",
      position: 1,
      title: "Draft a mock activity",
      body: "B",
      bodyHtml: "<p>B</p>",
      effortMinutes: 60,
      tool: "ACTIVITY_PLANNER",
      archivedAt: options.archived ? new Date() : null,
    },
    select: { id: true },
  });
  return { stepId: step.id, pathwayId: pathway.id, slug };
}

const worksheet: Worksheet = {
  practiceGap: "  Only 40% are screened.\nSecond line  ",
  needTypes: ["KNOWLEDGE", "PERFORMANCE"],
  objectives: ["Understand the guideline", "List the three criteria"],
  format: "INTERNET_LIVE",
  outcomeLevel: "3B",
  evaluationMethods: ["PRE_POST_TEST"],
  logicInputs: "Faculty time",
};

/** Saves a whole worksheet and a title the way the editor does: section by section. */
async function saveEverySection(actor: MemberActor, id: string, sheet: Worksheet, title: string) {
  let last: { updatedAt: Date } | null = null;
  for (const section of PLAN_SECTIONS) {
    const part = Object.fromEntries(Object.entries(sheet).filter(([key]) => (section.fields as readonly string[]).includes(key)));
    last = await saveActivityPlanSection(actor, id, section.id, { title, worksheet: part });
  }
  return last;
}

let owner: TestMember;
let other: TestMember;

beforeAll(async () => {
  owner = await createTestMember();
  other = await createTestMember();
});

describe("activity plans", () => {
  it("creates, saves and reads back every field exactly as written", async () => {
    const { id } = await createActivityPlan(owner.actor, { title: "Statin webinar" });
    const saved = await saveEverySection(owner.actor, id, worksheet, "Statin webinar, v2");
    expect(saved).not.toBeNull();

    const plan = await getActivityPlan(owner.actor, id);
    expect(plan).toMatchObject({ id, title: "Statin webinar, v2", worksheet, stepId: null });
    expect(plan!.updatedAt.getTime()).toBeGreaterThanOrEqual(plan!.createdAt.getTime());
  });

  it("saves one section: its fields are replaced (a blank one cleared), the rest and the title are kept", async () => {
    const { id } = await createActivityPlan(owner.actor, { title: "Section by section" });
    await saveEverySection(owner.actor, id, worksheet, "Section by section");
    // The gap section without its sources and need types; a title given to another section is ignored.
    await saveActivityPlanSection(owner.actor, id, "gap-and-need", {
      title: "Not this section's",
      worksheet: { practiceGap: "A new gap", needStatement: "Why", audience: "Not this section's" },
    });
    const plan = await getActivityPlan(owner.actor, id);
    const { practiceGap: _gap, needTypes: _needs, ...others } = worksheet;
    expect(plan).toMatchObject({ title: "Section by section" });
    expect(plan!.worksheet).toEqual({ ...others, practiceGap: "A new gap", needStatement: "Why" });
  });

  it("keeps both of two sections saved at the same time", async () => {
    const { id } = await createActivityPlan(owner.actor, { title: "Two tabs" });
    await Promise.all([
      saveActivityPlanSection(owner.actor, id, "audience", { worksheet: { audience: "Nurses" } }),
      saveActivityPlanSection(owner.actor, id, "credit", { worksheet: { creditDesignation: "1 credit" } }),
    ]);
    expect((await getActivityPlan(owner.actor, id))!.worksheet).toEqual({ audience: "Nurses", creditDesignation: "1 credit" });
  });

  it("is private: another member, a visitor and another member's save or delete find nothing", async () => {
    const { id } = await createActivityPlan(owner.actor, { title: "Private plan" });
    expect(await getActivityPlan(other.actor, id)).toBeNull();
    expect(await getActivityPlan({ kind: "anonymous" }, id)).toBeNull();
    expect(await saveActivityPlanSection(other.actor, id, "gap-and-need", { worksheet: { practiceGap: "hijacked" } })).toBeNull();
    expect(await saveActivityPlanSection(other.actor, id, "name", { title: "Hijacked", worksheet: {} })).toBeNull();
    expect(await deleteActivityPlan(other.actor, id)).toBe(false);
    expect((await getActivityPlan(owner.actor, id))!.title).toBe("Private plan");
    expect((await listActivityPlans(other.userId)).map((p) => p.id)).not.toContain(id);
  });

  it("lists the member's own plans, most recently edited first", async () => {
    const member = await createTestMember();
    const first = await createActivityPlan(member.actor, { title: "First" });
    const second = await createActivityPlan(member.actor, { title: "Second" });
    await saveActivityPlanSection(member.actor, first.id, "name", { title: "First, edited", worksheet: {} });
    const list = await listActivityPlans(member.userId);
    expect(list.map((p) => p.title)).toEqual(["First, edited", "Second"]);
    expect(Object.keys(list[0]!).sort()).toEqual(["id", "title", "updatedAt"]);
    expect(list.map((p) => p.id)).toEqual([first.id, second.id]);
  });

  it("reads a damaged stored worksheet without failing, dropping what is invalid", async () => {
    const { id } = await createActivityPlan(owner.actor, { title: "Damaged" });
    await prisma.activityPlan.update({
      where: { id },
      data: { worksheet: { practiceGap: 42, audience: "Nurses", format: "HOLOGRAM", extra: true, stepId: 7 } },
    });
    expect(await getActivityPlan(owner.actor, id)).toMatchObject({ worksheet: { audience: "Nurses" }, stepId: null });
  });

  it("rejects a malformed worksheet instead of storing it", async () => {
    const { id } = await createActivityPlan(owner.actor, { title: "Strict" });
    await expect(
      saveActivityPlanSection(owner.actor, id, "format", { worksheet: { format: "HOLOGRAM" } as unknown as Worksheet }),
    ).rejects.toThrow();
    await expect(saveActivityPlanSection(owner.actor, id, "name", { title: "  ", worksheet: {} })).rejects.toThrow();
    expect(await getActivityPlan(owner.actor, id)).toMatchObject({ title: "Strict", worksheet: {} });
  });

  it("deletes the owner's plan and detaches it from a step completion", async () => {
    const { stepId } = await createStep("PUBLISHED");
    const { id } = await createActivityPlan(owner.actor, { title: "To delete" });
    const completion = await prisma.stepCompletion.create({
      data: { userId: owner.userId, stepId, reflection: "Done", reflectionHtml: "<p>Done</p>", activityPlanId: id },
      select: { id: true },
    });
    expect(await deleteActivityPlan(owner.actor, id)).toBe(true);
    expect(await getActivityPlan(owner.actor, id)).toBeNull();
    const after = await prisma.stepCompletion.findUniqueOrThrow({ where: { id: completion.id }, select: { activityPlanId: true } });
    expect(after.activityPlanId).toBeNull();
  });
});

describe("plans started from a step", () => {
  it("remembers a visible step and keeps it across saves", async () => {
    const { stepId, slug } = await createStep("PUBLISHED");
    const { id } = await createActivityPlan(owner.actor, { title: "From a step", stepId });
    await saveActivityPlanSection(owner.actor, id, "gap-and-need", { worksheet: { practiceGap: "Gap" } });
    const plan = await getActivityPlan(owner.actor, id);
    expect(plan).toMatchObject({ stepId, worksheet: { practiceGap: "Gap" } });
    expect(await findPlannerStep(owner.actor, stepId)).toEqual({
      id: stepId,
      title: "Draft a mock activity",
      pathwayTitle: `Pathway ${slug}`,
      href: `/pathways/${slug}/steps/draft-a-mock-activity`,
    });
  });

  it.each([
    ["an unknown step", async () => "no-such-step"],
    ["a step of a draft pathway the member may not see", async () => (await createStep("DRAFT")).stepId],
    ["an archived step", async () => (await createStep("PUBLISHED", { archived: true })).stepId],
  ])("ignores %s", async (_name, makeStepId) => {
    const stepId = await makeStepId();
    expect(await findPlannerStep(owner.actor, stepId)).toBeNull();
    const { id } = await createActivityPlan(owner.actor, { title: "Ignored step", stepId });
    expect((await getActivityPlan(owner.actor, id))!.stepId).toBeNull();
  });

  it("finds a draft pathway's step for a member enrolled in it", async () => {
    const { stepId, pathwayId } = await createStep("DRAFT");
    await prisma.pathwayEnrolment.create({ data: { userId: owner.userId, pathwayId } });
    expect(await findPlannerStep(owner.actor, stepId)).not.toBeNull();
  });
});
