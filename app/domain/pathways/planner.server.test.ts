import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { createTestMember, type TestMember } from "../../../tests/fixtures/members";
import type { Worksheet } from "./planner";
import {
  createActivityPlan,
  deleteActivityPlan,
  findPlannerStep,
  getActivityPlan,
  listActivityPlans,
  saveActivityPlan,
} from "./planner.server";

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

let owner: TestMember;
let other: TestMember;

beforeAll(async () => {
  owner = await createTestMember();
  other = await createTestMember();
});

describe("activity plans", () => {
  it("creates, saves and reads back every field exactly as written", async () => {
    const { id } = await createActivityPlan(owner.actor, { title: "Statin webinar" });
    const saved = await saveActivityPlan(owner.actor, id, worksheet, "Statin webinar, v2");
    expect(saved).not.toBeNull();

    const plan = await getActivityPlan(owner.actor, id);
    expect(plan).toMatchObject({ id, title: "Statin webinar, v2", worksheet, stepId: null });
    expect(plan!.updatedAt.getTime()).toBeGreaterThanOrEqual(plan!.createdAt.getTime());
  });

  it("is private: another member, a visitor and another member's save or delete find nothing", async () => {
    const { id } = await createActivityPlan(owner.actor, { title: "Private plan" });
    expect(await getActivityPlan(other.actor, id)).toBeNull();
    expect(await getActivityPlan({ kind: "anonymous" }, id)).toBeNull();
    expect(await saveActivityPlan(other.actor, id, { practiceGap: "hijacked" }, "Hijacked")).toBeNull();
    expect(await deleteActivityPlan(other.actor, id)).toBe(false);
    expect((await getActivityPlan(owner.actor, id))!.title).toBe("Private plan");
    expect((await listActivityPlans(other.userId)).map((p) => p.id)).not.toContain(id);
  });

  it("lists the member's own plans, most recently edited first", async () => {
    const member = await createTestMember();
    const first = await createActivityPlan(member.actor, { title: "First" });
    const second = await createActivityPlan(member.actor, { title: "Second" });
    await saveActivityPlan(member.actor, first.id, { audience: "Nurses" }, "First, edited");
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
      saveActivityPlan(owner.actor, id, { format: "HOLOGRAM" } as unknown as Worksheet, "Strict"),
    ).rejects.toThrow();
    await expect(saveActivityPlan(owner.actor, id, {}, "  ")).rejects.toThrow();
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
    await saveActivityPlan(owner.actor, id, { practiceGap: "Gap" }, "From a step");
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
