import { beforeAll, describe, expect, it } from "vitest";
import { ANONYMOUS } from "~/domain/members/actor";
import { countQueries, prisma } from "~/utils/db.server";
import { seed } from "../../../prisma/seed";
import { createTestMember } from "../../../tests/fixtures/members";
import {
  completeStep,
  enrol,
  getEnrolledPathways,
  getPathwayDetail,
  getStepDetail,
  leave,
  listPathways,
  undoCompletion,
} from "./pathways.server";
import { expectOk, type FailReason, type Result } from "~/utils/result";
import { groupEvidenceByArea, listStepEvidence } from "~/domain/assessments/profile.server";

const ONBOARDING = "newcomer-onboarding";
const KEYS = ["cme-fundamentals", "join-professional-communities", "review-sample-activities", "attend-planning-webinar", "draft-mock-activity"];

beforeAll(async () => {
  await seed();
});

const enrolment = (userId: string, slug = ONBOARDING) =>
  prisma.pathwayEnrolment.findFirst({ where: { userId, pathway: { slug } }, select: { completedAt: true } });

/** The reason an operation refused (it must have). */
async function refusal(promise: Promise<Result<unknown>>): Promise<FailReason> {
  const result = await promise;
  if (result.ok) throw new Error("expected a refusal");
  return result.reason;
}

describe("enrolling and leaving", () => {
  it("enrols a member once, shows it on the pathway, and leaving keeps completed steps", async () => {
    const member = await createTestMember();
    await enrol(member.actor, ONBOARDING);
    await enrol(member.actor, ONBOARDING); // a double submit is harmless
    expect(await prisma.pathwayEnrolment.count({ where: { userId: member.userId } })).toBe(1);

    await completeStep(member.actor, { slug: ONBOARDING, key: KEYS[0]! }, { reflection: "Made a glossary." });
    let detail = expectOk(await getPathwayDetail(member.actor, ONBOARDING));
    expect(detail.enrolment).not.toBeNull();
    expect(detail.progress).toEqual({ completed: 1, total: 5 });

    await leave(member.actor, ONBOARDING);
    detail = expectOk(await getPathwayDetail(member.actor, ONBOARDING));
    expect(detail.enrolment).toBeNull();
    // Enrolling again restores the progress.
    await enrol(member.actor, ONBOARDING);
    expect((expectOk(await getPathwayDetail(member.actor, ONBOARDING))).progress).toEqual({ completed: 1, total: 5 });
  });

  it("hides an unpublished pathway from other members (404) but not from a member enrolled before", async () => {
    const enrolled = await createTestMember();
    const other = await createTestMember();
    const slug = `draft-${Math.random().toString(36).slice(2, 8)}`;
    const pathway = await prisma.pathway.create({
      data: {
        slug,
        title: "Soon",
        summary: "s",
        summaryHtml: "<p>s</p>",
        kind: "CAREER",
        status: "PUBLISHED",
        steps: { create: [{ key: "one", position: 1, title: "One", body: "b", bodyHtml: "<p>b</p>", effortMinutes: 30 }] },
      },
      select: { id: true },
    });
    await enrol(enrolled.actor, slug);
    await prisma.pathway.update({ where: { id: pathway.id }, data: { status: "DRAFT" }, select: { id: true } });

    expect(await refusal(getPathwayDetail(other.actor, slug))).toBe("not-found");
    expect(await refusal(getPathwayDetail(ANONYMOUS, slug))).toBe("not-found");
    expect(await refusal(enrol(other.actor, slug))).toBe("not-found");
    expect((expectOk(await getPathwayDetail(enrolled.actor, slug))).pathway.published).toBe(false);
    expect((await listPathways(other.actor)).map((p) => p.slug)).not.toContain(slug);
  });
});

describe("completing steps", () => {
  it("enrols on first completion, counts progress, finishes the pathway, and undo clears it", async () => {
    const member = await createTestMember();
    const result = await completeStep(member.actor, { slug: ONBOARDING, key: KEYS[1]! }, {
      reflection: "Joined the **Alliance**.",
      evidenceUrl: "https://example.org/membership",
    });
    expect(result).toEqual({ ok: true, value: null });
    expect(await enrolment(member.userId)).toEqual({ completedAt: null });

    const step = expectOk(await getStepDetail(member.actor, ONBOARDING, KEYS[1]!));
    expect(step.completion).toMatchObject({
      reflection: "Joined the **Alliance**.",
      reflectionHtml: "<p>Joined the <strong>Alliance</strong>.</p>",
      evidenceUrl: "https://example.org/membership",
    });
    expect(step.number).toBe(2);
    expect(step.previous?.key).toBe(KEYS[0]);
    expect(step.next?.key).toBe(KEYS[2]);

    // Completing again updates the reflection instead of failing.
    await completeStep(member.actor, { slug: ONBOARDING, key: KEYS[1]! }, { reflection: "Joined two communities." });
    expect(await prisma.stepCompletion.count({ where: { userId: member.userId } })).toBe(1);

    for (const key of KEYS) await completeStep(member.actor, { slug: ONBOARDING, key }, { reflection: `Did ${key}` });
    expect((await enrolment(member.userId))?.completedAt).toBeInstanceOf(Date);
    expect((await getEnrolledPathways(member.userId))[0]).toMatchObject({ completed: 5, total: 5, finished: true, next: null });

    await undoCompletion(member.actor, { slug: ONBOARDING, key: KEYS[3]! });
    await undoCompletion(member.actor, { slug: ONBOARDING, key: KEYS[3]! }); // twice is harmless
    expect(await enrolment(member.userId)).toEqual({ completedAt: null });
    expect((await getEnrolledPathways(member.userId))[0]).toMatchObject({
      completed: 4,
      finished: false,
      next: { key: KEYS[3], title: "Attend a CME planning webinar" },
    });
  });

  it("counts only current steps: an archived step neither counts nor blocks finishing", async () => {
    const member = await createTestMember();
    const slug = `arch-${Math.random().toString(36).slice(2, 8)}`;
    await prisma.pathway.create({
      data: {
        slug,
        title: "Two steps",
        summary: "s",
        summaryHtml: "<p>s</p>",
        kind: "CAREER",
        status: "PUBLISHED",
        steps: {
          create: [
            { key: "a", position: 1, title: "A", body: "b", bodyHtml: "<p>b</p>", effortMinutes: 30 },
            { key: "b", position: 2, title: "B", body: "b", bodyHtml: "<p>b</p>", effortMinutes: 30, archivedAt: new Date() },
          ],
        },
      },
      select: { id: true },
    });
    await completeStep(member.actor, { slug, key: "a" }, { reflection: "Done" });
    expect((await enrolment(member.userId, slug))?.completedAt).toBeInstanceOf(Date);
    expect((expectOk(await getPathwayDetail(member.actor, slug))).progress).toEqual({ completed: 1, total: 1 });
    expect(await refusal(completeStep(member.actor, { slug, key: "b" }, { reflection: "x" }))).toBe("conflict");
  });

  it("attaches only the member's own activity plan, and only on the planner step", async () => {
    const member = await createTestMember();
    const other = await createTestMember();
    const own = await prisma.activityPlan.create({ data: { userId: member.userId, title: "Mine" }, select: { id: true } });
    const foreign = await prisma.activityPlan.create({ data: { userId: other.userId, title: "Theirs" }, select: { id: true } });

    const refused = await completeStep(member.actor, { slug: ONBOARDING, key: "draft-mock-activity" }, {
      reflection: "Planned it",
      activityPlanId: foreign.id,
    });
    expect(refused).toMatchObject({ ok: false, reason: "invalid", fieldErrors: { activityPlanId: ["Choose one of your own plans"] } });
    expect(await prisma.stepCompletion.count({ where: { userId: member.userId } })).toBe(0);
    expect(await enrolment(member.userId)).toBeNull();

    await completeStep(member.actor, { slug: ONBOARDING, key: "draft-mock-activity" }, { reflection: "Planned it", activityPlanId: own.id });
    expect((expectOk(await getStepDetail(member.actor, ONBOARDING, "draft-mock-activity"))).completion?.activityPlanId).toBe(own.id);
  });

  it("lets visitors read a step but not complete it", async () => {
    const step = expectOk(await getStepDetail(ANONYMOUS, ONBOARDING, KEYS[0]!));
    expect(step.canComplete).toBe(false);
    expect(step.step.resources[0]!.url).toMatch(/^https:\/\//);
    expect(step.step.areas.map((area) => area.areaName)).toContain("Adult learning principles");
    expect(await refusal(getStepDetail(ANONYMOUS, ONBOARDING, "no-such-step"))).toBe("not-found");
  });
});

describe("completed steps as evidence", () => {
  it("lists the member's own completed steps, grouped by the areas they build", async () => {
    const member = await createTestMember();
    const other = await createTestMember();
    await completeStep(member.actor, { slug: ONBOARDING, key: "review-sample-activities" }, {
      reflection: "Compared three activities",
      evidenceUrl: "https://example.org/notes",
    });
    await completeStep(other.actor, { slug: ONBOARDING, key: "cme-fundamentals" }, { reflection: "other-secret" });

    const evidence = await listStepEvidence(member.userId);
    expect(evidence).toHaveLength(1);
    expect(evidence[0]).toMatchObject({
      title: "Review sample CME activities",
      pathwayTitle: "Newcomer onboarding",
      evidenceUrl: "https://example.org/notes",
      areaSlugs: ["educational-interventions", "measuring-performance"],
    });
    const grouped = groupEvidenceByArea(evidence);
    expect(Object.keys(grouped).sort()).toEqual(["educational-interventions", "measuring-performance"]);
    expect(JSON.stringify(evidence)).not.toContain("other-secret");
  });
});

describe("lists", () => {
  it("shows published pathways by kind with the member's progress, in a fixed number of queries", async () => {
    const member = await createTestMember();
    const before = await countQueries(() => listPathways(member.actor));
    await completeStep(member.actor, { slug: ONBOARDING, key: KEYS[0]! }, { reflection: "Done" });
    await completeStep(member.actor, { slug: "career-growth", key: "outcome-measurement" }, { reflection: "Done" });
    const after = await countQueries(() => listPathways(member.actor));
    expect(after.queries).toBe(before.queries);
    expect(after.queries).toBeLessThanOrEqual(2);

    const onboarding = after.result.find((p) => p.slug === ONBOARDING)!;
    expect(onboarding).toMatchObject({ kind: "ONBOARDING", stepCount: 5, progress: { completed: 1, total: 5, enrolled: true } });
    const visitor = await listPathways(ANONYMOUS);
    expect(visitor.find((p) => p.slug === ONBOARDING)!.progress).toBeNull();
  });
});
