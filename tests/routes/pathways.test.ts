import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { seed } from "../../prisma/seed";
import { createTestMember } from "../fixtures/members";
import { routeArgs } from "../fixtures/route-args";
import { loader as homeLoader } from "~/routes/site/home";
import { loader as profileLoader } from "~/routes/competencies/me.competencies._index";
import { loader as packLoader } from "~/routes/competencies/me.competencies.pack";
import { action as pathwayAction, loader as pathwayLoader } from "~/routes/pathways/pathways.$slug._index";
import { action as stepAction, loader as stepLoader } from "~/routes/pathways/pathways.$slug.steps.$stepKey";
import { loader as listLoader } from "~/routes/pathways/pathways._index";
import { flashOf } from "../fixtures/flash";

const SLUG = "newcomer-onboarding";
const params = (key?: string): Record<string, string> => (key ? { slug: SLUG, stepKey: key } : { slug: SLUG });
const stepUrl = (key: string) => `/pathways/${SLUG}/steps/${key}`;

beforeAll(async () => {
  await seed();
});

async function thrown(promise: Promise<unknown>): Promise<Response> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(Response);
  return error as Response;
}

/** Calls the step action, as a browser would post the form. */
const post = (cookie: string | null, key: string, form: Record<string, string>) =>
  stepAction(routeArgs(stepUrl(key), { cookie, params: params(key), form }) as never);

type ActionData = { type: string; data: { status?: string; error?: Record<string, string[] | null>; initialValue?: Record<string, unknown> }; init: { status: number } };

describe("/pathways", () => {
  it("shows visitors every published pathway by kind, without progress", async () => {
    const data = await listLoader(routeArgs("/pathways") as never);
    expect(data.signedIn).toBe(false);
    expect(data.pathways.map((p) => [p.slug, p.kind])).toEqual(
      expect.arrayContaining([
        ["newcomer-onboarding", "ONBOARDING"],
        ["career-growth", "CAREER"],
        ["chcp-preparation", "CREDENTIAL"],
      ]),
    );
    expect(data.pathways.every((p) => p.progress === null)).toBe(true);
    expect(data.recommendations).toBeNull();
  });

  it("shows a member their progress and suggestions", async () => {
    const member = await createTestMember();
    const data = await listLoader(routeArgs("/pathways", { cookie: member.cookie }) as never);
    expect(data.recommendations?.needsBaseline).toBe(true);
    expect(data.recommendations?.pathways[0]?.slug).toBe(SLUG);
    expect(data.pathways.find((p) => p.slug === SLUG)?.progress).toMatchObject({ completed: 0, total: 5, enrolled: false });
  });
});

describe("/pathways/:slug", () => {
  it("is 404 for an unknown or unpublished pathway", async () => {
    const member = await createTestMember();
    expect((await thrown(pathwayLoader(routeArgs("/pathways/nope", { params: { slug: "nope" } }) as never))).status).toBe(404);
    const slug = `hidden-${Math.random().toString(36).slice(2, 8)}`;
    await prisma.pathway.create({
      data: { slug, title: "Hidden", summary: "s", summaryHtml: "<p>s</p>", kind: "CAREER", status: "DRAFT" },
      select: { id: true },
    });
    expect((await thrown(pathwayLoader(routeArgs(`/pathways/${slug}`, { params: { slug }, cookie: member.cookie }) as never))).status).toBe(404);
    const form = { intent: "enrol" };
    expect(
      (await thrown(pathwayAction(routeArgs(`/pathways/${slug}`, { params: { slug }, cookie: member.cookie, form }) as never))).status,
    ).toBe(404);
  });

  it("sends a visitor who tries to enrol to the login page", async () => {
    const response = await thrown(pathwayAction(routeArgs(`/pathways/${SLUG}`, { params: params(), form: { intent: "enrol" } }) as never));
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe(`/login?redirectTo=${encodeURIComponent(`/pathways/${SLUG}`)}`);
  });

  it("enrols and leaves a member, with the progress and steps in order", async () => {
    const member = await createTestMember();
    const enrolled = (await pathwayAction(
      routeArgs(`/pathways/${SLUG}`, { params: params(), cookie: member.cookie, form: { intent: "enrol" } }) as never,
    )) as Response;
    expect(enrolled.status).toBe(302);
    expect(enrolled.headers.get("Location")).toBe(`/pathways/${SLUG}`);
    expect(await flashOf(enrolled)).toMatch(/^You are enrolled/);

    const data = await pathwayLoader(routeArgs(`/pathways/${SLUG}`, { params: params(), cookie: member.cookie }) as never);
    expect(data.enrolment).not.toBeNull();
    expect(data.steps.map((step) => step.key)).toEqual([
      "cme-fundamentals",
      "join-professional-communities",
      "review-sample-activities",
      "attend-planning-webinar",
      "draft-mock-activity",
    ]);
    expect(data.progress).toEqual({ completed: 0, total: 5 });

    await pathwayAction(routeArgs(`/pathways/${SLUG}`, { params: params(), cookie: member.cookie, form: { intent: "leave" } }) as never);
    expect(await prisma.pathwayEnrolment.count({ where: { userId: member.userId } })).toBe(0);
  });
});

describe("/pathways/:slug/steps/:key", () => {
  it("keeps the member's text and explains what is wrong with a bad submission (400)", async () => {
    const member = await createTestMember();
    const result = (await post(member.cookie, "cme-fundamentals", {
      intent: "complete",
      reflection: "   ",
      evidenceUrl: "http://example.org/not-secure",
    })) as unknown as ActionData;
    expect(result.init.status).toBe(400);
    expect(result.data.error?.reflection?.[0]).toMatch(/Write a sentence or two/);
    expect(result.data.error?.evidenceUrl?.[0]).toMatch(/https:\/\//);
    expect(result.data.initialValue?.evidenceUrl).toBe("http://example.org/not-secure");
    expect(await prisma.stepCompletion.count({ where: { userId: member.userId } })).toBe(0);
  });

  it("completes a step (enrolling the member), shows it, and undoes it", async () => {
    const member = await createTestMember();
    const response = (await post(member.cookie, "join-professional-communities", {
      intent: "complete",
      reflection: "Joined the Alliance and said hello in the forum.",
      evidenceUrl: "https://example.org/hello",
    })) as unknown as Response;
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe(stepUrl("join-professional-communities"));
    expect(await flashOf(response)).toMatch(/^Step completed: 1 of \d+ steps of .* done\./);

    const step = await stepLoader(routeArgs(stepUrl("join-professional-communities"), { params: params("join-professional-communities"), cookie: member.cookie }) as never);
    expect(step.completion?.reflection).toBe("Joined the Alliance and said hello in the forum.");
    expect(step.enrolled).toBe(true);
    expect(step.progress).toEqual({ completed: 1, total: 5 });
    expect(step.previous?.key).toBe("cme-fundamentals");
    expect(step.next?.key).toBe("review-sample-activities");

    const undone = (await post(member.cookie, "join-professional-communities", { intent: "undo" })) as unknown as Response;
    expect(undone.headers.get("Location")).toBe(stepUrl("join-professional-communities"));
    expect(await flashOf(undone)).toMatch(/^Your completion was undone/);
    expect(await prisma.stepCompletion.count({ where: { userId: member.userId } })).toBe(0);
  });

  it("offers the planner on the mock-activity step and refuses someone else's plan", async () => {
    const member = await createTestMember();
    const other = await createTestMember();
    const mine = await prisma.activityPlan.create({ data: { userId: member.userId, title: "Sepsis refresher" }, select: { id: true } });
    const theirs = await prisma.activityPlan.create({ data: { userId: other.userId, title: "Not yours" }, select: { id: true } });

    const step = await stepLoader(routeArgs(stepUrl("draft-mock-activity"), { params: params("draft-mock-activity"), cookie: member.cookie }) as never);
    expect(step.step.tool).toBe("ACTIVITY_PLANNER");
    expect(step.plans.map((plan) => plan.title)).toEqual(["Sepsis refresher"]);

    const refused = (await post(member.cookie, "draft-mock-activity", {
      intent: "complete",
      reflection: "Planned it",
      activityPlanId: theirs.id,
    })) as unknown as ActionData;
    expect(refused.init.status).toBe(400);
    expect(refused.data.error?.activityPlanId).toEqual(["Choose one of your own plans"]);

    await post(member.cookie, "draft-mock-activity", { intent: "complete", reflection: "Planned it", activityPlanId: mine.id });
    const completion = await prisma.stepCompletion.findFirstOrThrow({ where: { userId: member.userId }, select: { activityPlanId: true } });
    expect(completion.activityPlanId).toBe(mine.id);
  });

  it("lets visitors read a step, and sends them to log in to complete it", async () => {
    const step = await stepLoader(routeArgs(stepUrl("cme-fundamentals"), { params: params("cme-fundamentals") }) as never);
    expect(step.canComplete).toBe(false);
    expect(step.step.bodyHtml).toContain("<h2>What to do</h2>");
    const response = await thrown(post(null, "cme-fundamentals", { intent: "complete", reflection: "x" }));
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toMatch(/^\/login\?redirectTo=/);
    expect((await thrown(stepLoader(routeArgs(`/pathways/${SLUG}/steps/nope`, { params: params("nope") }) as never))).status).toBe(404);
  });
});

describe("pathways on the home page and the competency profile", () => {
  it("shows the member's pathways with progress and suggestions on home", async () => {
    const member = await createTestMember();
    await post(member.cookie, "cme-fundamentals", { intent: "complete", reflection: "Glossary done" });
    await post(member.cookie, "join-professional-communities", { intent: "complete", reflection: "Joined" });
    const data = await homeLoader(routeArgs("/home", { cookie: member.cookie }) as never);
    expect(data.pathways.enrolled).toEqual([
      expect.objectContaining({ slug: SLUG, completed: 2, total: 5, next: { key: "review-sample-activities", title: "Review sample CME activities" } }),
    ]);
    expect(data.pathways.recommendations.needsBaseline).toBe(true);
  });

  it("shows completed steps as evidence on the profile and in the review pack, and recommendations", async () => {
    const member = await createTestMember();
    const settings = await prisma.siteSettings.findUniqueOrThrow({ where: { id: 1 }, select: { currentFrameworkVersionId: true } });
    const versionId = settings.currentFrameworkVersionId!;
    const [areas, stages] = await Promise.all([
      prisma.competencyArea.findMany({ where: { versionId }, select: { id: true, slug: true } }),
      prisma.proficiencyStage.findMany({ where: { versionId }, orderBy: { position: "asc" }, select: { id: true } }),
    ]);
    const { id } = await prisma.assessment.create({
      data: {
        userId: member.userId,
        versionId,
        draftOwnerId: member.userId,
        answers: {
          create: areas.map((area) => ({
            areaId: area.id,
            stageId: stages[0]!.id,
            targetStageId: area.slug === "measuring-performance" ? stages[3]!.id : null,
            evidence: "",
            evidenceHtml: "",
          })),
        },
      },
      select: { id: true },
    });
    await prisma.assessment.update({
      where: { id },
      data: { status: "SUBMITTED", draftOwnerId: null, submittedAt: new Date(), isBaseline: true },
      select: { id: true },
    });
    await post(member.cookie, "review-sample-activities", {
      intent: "complete",
      reflection: "Compared a course, grand rounds and a podcast.",
      evidenceUrl: "https://example.org/comparison",
    });

    const profile = await profileLoader(routeArgs("/me/competencies", { cookie: member.cookie }) as never);
    if (profile.profile.kind !== "profile") throw new Error("expected a profile");
    expect(profile.profile.stepEvidence).toEqual([
      expect.objectContaining({
        title: "Review sample CME activities",
        pathwayTitle: "Newcomer onboarding",
        evidenceUrl: "https://example.org/comparison",
        areaSlugs: ["educational-interventions", "measuring-performance"],
      }),
    ]);
    expect(profile.recommendations.steps[0]?.reason).toMatch(/^Builds Measuring performance, your largest gap/);

    const pack = await packLoader(routeArgs("/me/competencies/pack", { cookie: member.cookie }) as never);
    expect(pack.pack?.stepEvidence.map((item) => item.title)).toEqual(["Review sample CME activities"]);
  });
});
