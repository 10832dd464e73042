// The self-assessment routes, driven through their loaders and actions with real Requests.
import { describe, expect, it } from "vitest";
import { signUpConfirmed } from "../fixtures/members";
import { prisma } from "~/utils/db.server";
import { seed } from "../../prisma/seed";
import { routeArgs } from "../fixtures/route-args";
import { flashOf } from "../fixtures/flash";
import { action as homeAction, loader as homeLoader } from "~/routes/competencies/me.assessment._index";
import { action as reviewAction, loader as reviewLoader } from "~/routes/competencies/me.assessment.review";
import { action as stepAction, loader as stepLoader } from "~/routes/competencies/me.assessment.step.$step";

const STEPS = 8;

/** A signed-up member: `cookie` is what their browser would send. */
async function newMember() {
  const result = await signUpConfirmed({
    email: `${crypto.randomUUID()}@example.org`,
    password: "quiet orchard morning",
    displayName: "Assessment Tester",
  });
  if (!result.ok) throw new Error("sign-up failed");
  return { userId: result.value.userId, cookie: `cme_session=${result.value.token}` };
}

type Member = Awaited<ReturnType<typeof newMember>>;

/** What a loader or action produced: a returned or thrown Response, or plain data. */
async function settle(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    (value) => value,
    (error: unknown) => {
      if (error instanceof Response) return error;
      throw error;
    },
  );
}

/** Asserts a redirect to `location`; gives the flash message it leaves for the next page. */
async function expectRedirect(promise: Promise<unknown>, location: string | RegExp): Promise<string | null> {
  const response = await settle(promise);
  expect(response).toBeInstanceOf(Response);
  expect((response as Response).status).toBe(302);
  const target = (response as Response).headers.get("Location");
  if (typeof location === "string") expect(target).toBe(location);
  else expect(target).toMatch(location);
  return flashOf(response as Response);
}

async function expectStatus(promise: Promise<unknown>, status: number) {
  const response = await settle(promise);
  expect(response).toBeInstanceOf(Response);
  expect((response as Response).status).toBe(status);
}

const home = (member: Member) => homeLoader(routeArgs("/me/assessment", { cookie: member.cookie }));
const start = (member: Member) =>
  homeAction(routeArgs("/me/assessment", { cookie: member.cookie, form: { intent: "start" } }));
const getStep = (member: Member, step: number | string) =>
  stepLoader(routeArgs(`/me/assessment/step/${step}`, { cookie: member.cookie, params: { step: String(step) } }));
const postStep = (member: Member, step: number, form: Record<string, string>) =>
  stepAction(routeArgs(`/me/assessment/step/${step}`, { cookie: member.cookie, params: { step: String(step) }, form }));
const review = (member: Member) => reviewLoader(routeArgs("/me/assessment/review", { cookie: member.cookie }));
const postReview = (member: Member, form: Record<string, string>) =>
  reviewAction(routeArgs("/me/assessment/review", { cookie: member.cookie, form }));

async function answerAll(member: Member, stage: string, evidence = "Ran the spring needs assessment") {
  for (let step = 1; step <= STEPS; step++) {
    await expectRedirect(
      postStep(member, step, { intent: "save", stage, target: "expert", evidence: `${evidence} (${step})`, links: "" }),
      step < STEPS ? `/me/assessment/step/${step + 1}` : "/me/assessment/review",
    );
  }
}

describe("/me/assessment", () => {
  it("sends a visitor to log in, from every page and form", async () => {
    await seed();
    const login = /^\/login\?redirectTo=%2Fme%2Fassessment/;
    await expectRedirect(homeLoader(routeArgs("/me/assessment")), login);
    await expectRedirect(homeAction(routeArgs("/me/assessment", { form: { intent: "start" } })), login);
    await expectRedirect(stepLoader(routeArgs("/me/assessment/step/1", { params: { step: "1" } })), login);
    await expectRedirect(
      stepAction(routeArgs("/me/assessment/step/1", { params: { step: "1" }, form: { stage: "novice" } })),
      login,
    );
    await expectRedirect(reviewLoader(routeArgs("/me/assessment/review")), login);
    await expectRedirect(reviewAction(routeArgs("/me/assessment/review", { form: { intent: "submit" } })), login);
  });

  it("starts a baseline at area 1, and saving a step moves the resume point", async () => {
    await seed();
    const member = await newMember();
    expect(await home(member)).toMatchObject({ kind: "baseline", draft: null });
    // Without a draft the steps and the review send the member to the start page.
    await expectRedirect(getStep(member, 1), "/me/assessment");
    await expectRedirect(review(member), "/me/assessment");

    await expectRedirect(start(member), "/me/assessment/step/1");
    const first = await getStep(member, 1);
    expect(first).toMatchObject({ step: 1, stepCount: STEPS, answeredCount: 0, answer: null, previous: null });
    expect(first.area.name).toBe("Adult learning principles");
    expect(first.stages.map((s) => s.slug)).toEqual(["novice", "advanced-beginner", "competent", "proficient", "expert"]);
    expect(first.stages.every((s) => s.descriptor.length > 20)).toBe(true);

    await expectRedirect(
      postStep(member, 1, {
        intent: "save",
        stage: "competent",
        target: "proficient",
        evidence: "Led the **outcomes** redesign",
        links: "https://example.org/report\nhttps://example.org/poster",
      }),
      "/me/assessment/step/2",
    );
    expect(await home(member)).toMatchObject({ kind: "baseline", draft: { step: 2, stepCount: STEPS, answered: 1 } });
    expect(await getStep(member, 1)).toMatchObject({
      answeredCount: 1,
      answer: {
        stage: "competent",
        target: "proficient",
        evidence: "Led the **outcomes** redesign",
        links: ["https://example.org/report", "https://example.org/poster"],
      },
    });
    // Evidence is stored as written and shown as sanitized HTML on the review.
    const reviewed = await review(member);
    expect(reviewed.areas[0]!.answer?.evidenceHtml).toContain("<strong>outcomes</strong>");

    // "Save and review" saves, then goes to the review page.
    await expectRedirect(postStep(member, 2, { intent: "review", stage: "novice" }), "/me/assessment/review");
    expect(await home(member)).toMatchObject({ draft: { step: 3, answered: 2 } });
  });

  it("returns field errors for invalid input, keeps what was typed and saves nothing", async () => {
    await seed();
    const member = await newMember();
    await start(member);

    const missingStage = await postStep(member, 1, {
      intent: "save",
      evidence: "Notes I do not want to lose",
      links: "not a web address",
    });
    expect(missingStage).not.toBeInstanceOf(Response);
    const reply = missingStage as Exclude<typeof missingStage, Response>;
    expect(reply.status).toBe("error");
    expect(reply.error?.stage).toEqual(["Choose the stage that describes you today"]);
    expect(Object.keys(reply.error ?? {}).some((name) => name.startsWith("links"))).toBe(true);
    expect(reply.initialValue).toMatchObject({ evidence: "Notes I do not want to lose", links: "not a web address" });

    // Links must be https, even though they are otherwise valid addresses.
    const insecure = (await postStep(member, 1, { intent: "save", stage: "novice", links: "http://example.org/x" })) as typeof reply;
    expect(insecure.error?.links).toEqual(["Each link must be a full web address starting with https://"]);

    // A stage that is not in the framework is refused as a field error, not a 500.
    const unknown = (await postStep(member, 1, { intent: "save", stage: "wizard" })) as typeof reply;
    expect(unknown.error?.stage).toEqual(["Choose one of the stages shown"]);

    expect(await getStep(member, 1)).toMatchObject({ answeredCount: 0, answer: null });
    expect(await home(member)).toMatchObject({ draft: { step: 1, answered: 0 } });
  });

  it("goes back without saving when no stage is chosen, and saves on the way back when one is", async () => {
    await seed();
    const member = await newMember();
    await start(member);
    await expectRedirect(postStep(member, 1, { intent: "back" }), "/me/assessment");
    await postStep(member, 1, { intent: "save", stage: "novice" });
    await expectRedirect(postStep(member, 2, { intent: "back", evidence: "half a thought" }), "/me/assessment/step/1");
    expect(await getStep(member, 2)).toMatchObject({ answer: null, answeredCount: 1 });
    await expectRedirect(postStep(member, 2, { intent: "back", stage: "expert" }), "/me/assessment/step/1");
    expect(await getStep(member, 2)).toMatchObject({ answer: { stage: "expert" }, answeredCount: 2 });
    expect(await home(member)).toMatchObject({ draft: { step: 1 } });
  });

  it("answers 404 for a step outside the framework", async () => {
    await seed();
    const member = await newMember();
    await start(member);
    for (const step of ["0", "9", "abc", "1.5", "-1"]) await expectStatus(getStep(member, step), 404);
    await expectStatus(postStep(member, 9, { intent: "save", stage: "novice" }), 404);
  });

  it("refuses to submit an incomplete draft with a 400, and keeps the draft", async () => {
    await seed();
    const member = await newMember();
    await start(member);
    await postStep(member, 1, { intent: "save", stage: "novice" });
    const reviewed = await review(member);
    expect(reviewed.complete).toBe(false);
    expect(reviewed.missing).toHaveLength(STEPS - 1);

    const refused = await postReview(member, { intent: "submit" });
    expect(refused).toMatchObject({ init: { status: 400 }, data: { intent: "submit", result: { status: "error" } } });
    expect(JSON.stringify(refused)).toContain("7 still to go");
    expect(await home(member)).toMatchObject({ draft: { answered: 1 } });
    expect(await prisma.assessment.count({ where: { userId: member.userId, status: "SUBMITTED" } })).toBe(0);
  });

  it("submits a baseline, then a reassessment that shows the previous answers; both are frozen", async () => {
    await seed();
    const member = await newMember();
    await start(member);
    await answerAll(member, "advanced-beginner", "Baseline evidence");
    const complete = await review(member);
    expect(complete).toMatchObject({ complete: true, isBaseline: true, missing: [] });
    expect(complete.areas.every((area) => area.answer?.stage === "Advanced beginner")).toBe(true);

    expect(await expectRedirect(postReview(member, { intent: "submit" }), "/me/competencies")).toMatch(/It is your baseline/);
    const baseline = await prisma.assessment.findFirstOrThrow({
      where: { userId: member.userId },
      select: { id: true, status: true, isBaseline: true },
    });
    expect(baseline).toMatchObject({ status: "SUBMITTED", isBaseline: true });
    // Submitting again finds no draft: back to the start page, nothing new is created.
    await expectRedirect(postReview(member, { intent: "submit" }), "/me/assessment");
    await expectRedirect(postStep(member, 1, { intent: "save", stage: "expert" }), "/me/assessment");

    // The next one is a reassessment, with the previous answer beside each step.
    expect(await home(member)).toMatchObject({ kind: "reassessment", draft: null });
    await expectRedirect(start(member), "/me/assessment/step/1");
    const step = await getStep(member, 1);
    expect(step.answer).toBeNull();
    expect(step.previous).toMatchObject({ stage: "Advanced beginner", target: "Expert", links: [] });
    expect(step.previous?.evidenceHtml).toContain("Baseline evidence (1)");
    expect(step.previous?.submittedOn?.label).toMatch(/\d{4}/);
    await answerAll(member, "competent");
    expect(await review(member)).toMatchObject({ isBaseline: false, complete: true });
    expect(await expectRedirect(postReview(member, { intent: "submit" }), "/me/competencies")).toBe(
      "Your assessment was saved. Here is how it compares with your earlier ones.",
    );
    const all = await prisma.assessment.findMany({
      where: { userId: member.userId },
      orderBy: { submittedAt: "asc" },
      select: { id: true, status: true, isBaseline: true },
    });
    expect(all).toEqual([
      { id: baseline.id, status: "SUBMITTED", isBaseline: true },
      { id: expect.any(String), status: "SUBMITTED", isBaseline: false },
    ]);

    // The database itself refuses to change a submitted assessment or its answers.
    await expect(prisma.assessment.update({ where: { id: baseline.id }, data: { isBaseline: false } })).rejects.toThrow();
    await expect(
      prisma.assessmentAnswer.updateMany({ where: { assessmentId: baseline.id }, data: { evidence: "rewritten" } }),
    ).rejects.toThrow();
    const answers = await prisma.assessmentAnswer.findMany({
      where: { assessmentId: baseline.id },
      select: { evidence: true },
    });
    expect(answers).toHaveLength(STEPS);
    expect(answers.every((answer) => answer.evidence.startsWith("Baseline evidence"))).toBe(true);
  });

  it("keeps one draft at a time: starting again resumes it", async () => {
    await seed();
    const member = await newMember();
    await expectRedirect(start(member), "/me/assessment/step/1");
    await postStep(member, 1, { intent: "save", stage: "novice" });
    await postStep(member, 2, { intent: "save", stage: "novice" });
    // A second start (another tab, or a double click) resumes where the draft left off.
    await Promise.all([
      expectRedirect(start(member), "/me/assessment/step/3"),
      expectRedirect(start(member), "/me/assessment/step/3"),
    ]);
    expect(await prisma.assessment.count({ where: { userId: member.userId } })).toBe(1);
  });

  it("discards a draft only when the member confirms", async () => {
    await seed();
    const member = await newMember();
    await start(member);
    await postStep(member, 1, { intent: "save", stage: "novice" });

    const unconfirmed = await postReview(member, { intent: "discard" });
    expect(unconfirmed).toMatchObject({
      init: { status: 400 },
      data: { intent: "discard", result: { error: { confirm: ["Tick “Yes, discard this draft” if you are sure"] } } },
    });
    expect(await home(member)).toMatchObject({ draft: { answered: 1 } });

    expect(await expectRedirect(postReview(member, { intent: "discard", confirm: "yes" }), "/me/assessment")).toMatch(
      /^Your draft was discarded\./,
    );
    const after = await homeLoader(routeArgs("/me/assessment", { cookie: member.cookie }));
    expect(after).toMatchObject({ draft: null, kind: "baseline" });
    expect(await prisma.assessment.count({ where: { userId: member.userId } })).toBe(0);
  });

  it("lets one member's requests touch only their own draft", async () => {
    await seed();
    const owner = await newMember();
    const other = await newMember();
    await start(owner);
    await postStep(owner, 1, { intent: "save", stage: "expert", evidence: "Owner's private note", links: "https://example.org/owner" });

    // Without a draft of their own, the other member sees nothing of the owner's.
    await expectRedirect(getStep(other, 1), "/me/assessment");
    await expectRedirect(review(other), "/me/assessment");
    await expectRedirect(postStep(other, 1, { intent: "save", stage: "novice" }), "/me/assessment");
    expect(await home(other)).toMatchObject({ draft: null });

    // With one, every request reads and writes their own.
    await start(other);
    const theirs = await getStep(other, 1);
    expect(theirs).toMatchObject({ answer: null, answeredCount: 0, previous: null });
    await postStep(other, 1, { intent: "save", stage: "novice", evidence: "Other's note" });
    const otherReview = await review(other);
    expect(JSON.stringify(otherReview)).not.toContain("Owner's private note");
    expect(JSON.stringify(otherReview)).not.toContain("example.org/owner");
    await postReview(other, { intent: "discard", confirm: "yes" });
    await expectRedirect(postReview(other, { intent: "submit" }), "/me/assessment");

    expect(await getStep(owner, 1)).toMatchObject({
      answer: { stage: "expert", evidence: "Owner's private note", links: ["https://example.org/owner"] },
    });
    const ownerDrafts = await prisma.assessment.findMany({ where: { userId: owner.userId }, select: { status: true } });
    expect(ownerDrafts).toEqual([{ status: "DRAFT" }]);
  });
});
