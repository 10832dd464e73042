// /home: what is done, what is next, and what waits for an association's owner.
import { beforeAll, describe, expect, it } from "vitest";
import { loader as homeLoader } from "~/routes/site/home";
import { prisma } from "~/utils/db.server";
import { seed } from "../../prisma/seed";
import { addMember, createAssociation, createCategory, createReply, createThread } from "../fixtures/forum";
import { createTestMember, type TestMember } from "../fixtures/members";
import { routeArgs } from "../fixtures/route-args";

beforeAll(async () => {
  await seed();
});

const home = (member: TestMember) => homeLoader(routeArgs("/home", { cookie: member.cookie }) as never);

const COMPLETE_PROFILE = {
  jobTitle: "CME Coordinator",
  organization: "Harbor Hospital",
  roleArchetype: "PROGRAM_DEVELOPER",
  background: "MEETING_PLANNING",
  careerLevel: "COORDINATOR",
  bio: "Planning grand rounds.",
} as const;

/** A submitted assessment with every area at `stage` (1 = Novice … 5 = Expert). */
async function submitAssessment(member: TestMember, stage: number) {
  const settings = await prisma.siteSettings.findUniqueOrThrow({ where: { id: 1 }, select: { currentFrameworkVersionId: true } });
  const versionId = settings.currentFrameworkVersionId!;
  const [areas, stages] = await Promise.all([
    prisma.competencyArea.findMany({ where: { versionId }, select: { id: true } }),
    prisma.proficiencyStage.findMany({ where: { versionId }, orderBy: { position: "asc" }, select: { id: true } }),
  ]);
  const { id } = await prisma.assessment.create({
    data: {
      userId: member.userId,
      versionId,
      draftOwnerId: member.userId,
      answers: { create: areas.map((area) => ({ areaId: area.id, stageId: stages[stage - 1]!.id, evidence: "", evidenceHtml: "" })) },
    },
    select: { id: true },
  });
  await prisma.assessment.update({
    where: { id },
    data: { status: "SUBMITTED", draftOwnerId: null, submittedAt: new Date(), isBaseline: true },
    select: { id: true },
  });
}

/** Completes every step of a pathway (enrolled, finished). */
async function finishPathway(member: TestMember, slug: string) {
  const pathway = await prisma.pathway.findUniqueOrThrow({ where: { slug }, select: { id: true, steps: { where: { archivedAt: null }, select: { id: true } } } });
  await prisma.pathwayEnrolment.create({ data: { userId: member.userId, pathwayId: pathway.id, completedAt: new Date() } });
  await prisma.stepCompletion.createMany({
    data: pathway.steps.map((step) => ({ userId: member.userId, stepId: step.id, reflection: "Done", reflectionHtml: "<p>Done</p>" })),
  });
}

const focusSlugs = (data: Awaited<ReturnType<typeof home>>) => data.pathways.focus.map((p) => [p.slug, p.finished]);

describe("/home", () => {
  it("puts a new member's profile first, then the baseline and the newcomer pathway, with nothing done", async () => {
    const member = await createTestMember();
    const data = await home(member);
    expect(data.summary.profileComplete).toBe(false);
    expect(data.summary.assessments.submitted).toBe(0);
    expect(data.pathways.hasAssessment).toBe(false);
    expect(focusSlugs(data)).toEqual([["newcomer-onboarding", false]]);
    expect(data.pathways.focus[0]).toMatchObject({ completed: 0, total: 5, enrolled: false, reason: "newcomer" });
    expect(data.associations).toEqual({ memberships: 0, run: [] });
  });

  it("keeps the newcomer pathway first after a baseline at the first stages, with its progress", async () => {
    const member = await createTestMember({ profile: COMPLETE_PROFILE });
    await submitAssessment(member, 2);
    const pathway = await prisma.pathway.findUniqueOrThrow({
      where: { slug: "newcomer-onboarding" },
      select: { id: true, steps: { where: { archivedAt: null }, orderBy: { position: "asc" }, select: { id: true } } },
    });
    await prisma.pathwayEnrolment.create({ data: { userId: member.userId, pathwayId: pathway.id } });
    await prisma.stepCompletion.create({ data: { userId: member.userId, stepId: pathway.steps[0]!.id, reflection: "Read", reflectionHtml: "" } });
    const data = await home(member);
    expect(data.summary.profileComplete).toBe(true);
    expect(data.summary.assessments.submitted).toBe(1);
    // Not career growth or CHCP preparation yet: Advanced beginner everywhere.
    expect(focusSlugs(data)).toEqual([["newcomer-onboarding", false]]);
    expect(data.pathways.focus[0]).toMatchObject({ completed: 1, total: 5, enrolled: true, next: { key: "join-professional-communities" } });
  });

  it("suggests career growth and CHCP preparation once onboarding is done and most areas are Competent, and lists onboarding as done", async () => {
    const member = await createTestMember({ profile: COMPLETE_PROFILE });
    await submitAssessment(member, 3);
    await finishPathway(member, "newcomer-onboarding");
    const data = await home(member);
    expect(focusSlugs(data)).toEqual([
      ["career-growth", false],
      ["chcp-preparation", false],
      ["newcomer-onboarding", true],
    ]);
  });

  it("does not suggest CHCP preparation to a member whose profile lists the credential", async () => {
    const member = await createTestMember({ profile: { ...COMPLETE_PROFILE, credentials: ["CHCP"] } });
    await submitAssessment(member, 4);
    const data = await home(member);
    expect(focusSlugs(data)).toEqual([["career-growth", false]]);
  });

  it("shows an association's owner its waiting join requests and flagged posts, and not the associations they only belong to", async () => {
    const owner = await createTestMember();
    const [asker, flagger, other] = await Promise.all([createTestMember(), createTestMember(), createTestMember()]);
    const run = await createAssociation([{ userId: owner.userId, role: "OWNER" }, { userId: flagger.userId }]);
    const joined = await createAssociation([{ userId: other.userId, role: "OWNER" }]);
    await addMember(joined.id, owner.userId);
    await prisma.associationJoinRequest.createMany({
      data: [
        { associationId: run.id, userId: asker.userId, status: "PENDING", message: "" },
        { associationId: run.id, userId: other.userId, status: "DECLINED", message: "" },
      ],
    });
    const category = await createCategory(run, "ASSOCIATION");
    const thread = await createThread(category, { authorId: owner.userId });
    const reply = await createReply(thread, { authorId: asker.userId });
    // Two flags on one post count once; a resolved flag does not count.
    await prisma.postFlag.createMany({
      data: [
        { postId: reply.id, userId: flagger.userId, reason: "SPAM", note: "" },
        { postId: reply.id, userId: other.userId, reason: "OTHER", note: "Off topic" },
        { postId: thread.openingPostId, userId: flagger.userId, reason: "SPAM", note: "", resolvedAt: new Date() },
      ],
    });
    // A flag in the association the owner only belongs to is not theirs to see.
    const otherThread = await createThread(await createCategory(joined, "ASSOCIATION"), { authorId: other.userId });
    await prisma.postFlag.create({ data: { postId: otherThread.openingPostId, userId: owner.userId, reason: "SPAM", note: "" } });

    const data = await home(owner);
    expect(data.associations.memberships).toBe(2);
    expect(data.associations.run).toEqual([{ slug: run.slug, name: run.name, role: "OWNER", waitingRequests: 1, flaggedPosts: 1 }]);
    // A plain member runs nothing.
    expect((await home(flagger)).associations).toEqual({ memberships: 1, run: [] });
  });
});
