import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { createTestMember, type TestMember } from "../fixtures/members";
import { routeArgs } from "../fixtures/route-args";
import { flashOf } from "../fixtures/flash";
import { action as editorAction, loader as editorLoader } from "~/routes/pathways/me.plans.$planId._index";
import { loader as printLoader } from "~/routes/pathways/me.plans.$planId.print";
import { loader as listLoader } from "~/routes/pathways/me.plans._index";
import { action as newAction, loader as newLoader } from "~/routes/pathways/me.plans.new";
import { PLAN_SECTIONS, type PlanSectionId } from "~/domain/pathways/planner-options";

const run = `q${Math.random().toString(36).slice(2, 8)}`;

async function thrown(promise: Promise<unknown>): Promise<Response> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(Response);
  return error as Response;
}

async function redirected(promise: Promise<unknown>): Promise<string> {
  return (await redirectedWithFlash(promise)).location;
}

/** A redirect's target and the flash message it leaves for the next page. */
async function redirectedWithFlash(promise: Promise<unknown>): Promise<{ location: string; flash: string | null }> {
  const response = await promise;
  expect(response).toBeInstanceOf(Response);
  expect((response as Response).status).toBe(302);
  return { location: (response as Response).headers.get("Location")!, flash: await flashOf(response as Response) };
}

async function createPlan(member: TestMember, title = "Statin webinar", step?: string) {
  const location = await redirected(
    newAction(routeArgs("/me/plans/new", { cookie: member.cookie, form: { title, ...(step ? { step } : {}) } })),
  );
  expect(location).toMatch(/^\/me\/plans\/[^/?]+$/);
  return location.split("/").at(-1)!;
}

const editor = (member: TestMember, id: string, query = "") =>
  editorLoader(routeArgs(`/me/plans/${id}${query}`, { cookie: member.cookie, params: { planId: id } }));

const save = (member: TestMember, id: string, form: Record<string, string | string[]>, query = "") =>
  editorAction(routeArgs(`/me/plans/${id}${query}`, { cookie: member.cookie, params: { planId: id }, form }));

/** A section's form as a browser posts it: its Save button's intent and its own fields from `form`. */
const sectionForm = (section: PlanSectionId, form: Record<string, string | string[]>) => {
  const fields: readonly string[] = PLAN_SECTIONS.find((s) => s.id === section)!.fields;
  return { intent: section, ...Object.fromEntries(Object.entries(form).filter(([key]) => fields.includes(key))) };
};

/** Saves every section in turn (the editor's sections, top to bottom); the last save's response. */
async function saveAll(member: TestMember, id: string, form: Record<string, string | string[]>, query = "") {
  let last: unknown;
  for (const section of PLAN_SECTIONS) last = await save(member, id, sectionForm(section.id, form), query);
  return last;
}

/** Every field filled in, as a browser posts the worksheet's sections. */
const fullForm = {
  title: "Statin webinar, second draft",
  practiceGap: "  Only 40% of eligible adults are offered a statin.\n\nSecond paragraph.  ",
  gapSources: "Quality dashboard, 2024",
  needTypes: ["KNOWLEDGE", "PERFORMANCE"],
  needStatement: "Clinicians are unsure of the new risk thresholds.",
  audience: "Primary care physicians",
  objectives: "Understand the guideline\r\n\r\nCalculate a 10-year risk score",
  format: "INTERNET_LIVE",
  formatNotes: "60 minutes, Zoom",
  outcomeLevel: "4",
  evaluationMethods: ["SATISFACTION_SURVEY", "CASE_VIGNETTES"],
  evaluationPlan: "Vignettes right after the session",
  contentValidity: "An independent reviewer checks each recommendation against the guideline.",
  independence: "No one employed by an ineligible company plans or teaches.",
  disclosure: "Collect 24 months of relationships; slide 1 discloses them.",
  mitigation: "Peer review of slides.",
  commercialSupport: "SUPPORTED",
  commercialSupportPlan: "Signed letter of agreement; support pays faculty fees only.",
  marketing: "NONE",
  creditDesignation: "1 AMA PRA Category 1 Credit™",
  logicInputs: "Two faculty",
  logicActivities: "One webinar",
  logicOutputs: "100 learners",
  logicOutcomes: "Better risk conversations",
};

let owner: TestMember;
let other: TestMember;

beforeAll(async () => {
  owner = await createTestMember();
  other = await createTestMember();
});

describe("starting a plan", () => {
  it("sends a visitor to log in and back", async () => {
    const response = await thrown(newLoader(routeArgs("/me/plans/new?step=abc")));
    expect(response.headers.get("Location")).toBe(`/login?redirectTo=${encodeURIComponent("/me/plans/new?step=abc")}`);
  });

  it("creates nothing on GET, and a named plan on POST that opens the editor", async () => {
    const member = await createTestMember();
    await newLoader(routeArgs("/me/plans/new", { cookie: member.cookie }));
    expect(await prisma.activityPlan.count({ where: { userId: member.userId } })).toBe(0);
    const id = await createPlan(member, `${run} first plan`);
    const list = await listLoader(routeArgs("/me/plans", { cookie: member.cookie }));
    expect(list.plans.map((p) => [p.id, p.title])).toEqual([[id, `${run} first plan`]]);
  });

  it("asks for a name with a 400 when it is left empty", async () => {
    const result = await newAction(routeArgs("/me/plans/new", { cookie: owner.cookie, form: { title: "   " } }));
    expect(result).toMatchObject({ init: { status: 400 }, data: { status: "error", error: { title: ["Give your plan a name"] } } });
  });
});

describe("the worksheet editor", () => {
  it("saves section by section and resumes with every field kept as typed", async () => {
    const id = await createPlan(owner);
    const { location, flash } = await redirectedWithFlash(saveAll(owner, id, fullForm));
    expect(location).toBe(`/me/plans/${id}#logic-model`);

    const resumed = await editor(owner, id);
    expect(flash).toBe(`Logic model saved on ${resumed.lastSaved.label}.`);
    expect(resumed.plan.title).toBe(fullForm.title);
    expect(resumed.plan.worksheet).toEqual({
      ...Object.fromEntries(Object.entries(fullForm).filter(([key]) => key !== "title")),
      objectives: ["Understand the guideline", "Calculate a 10-year risk score"],
    });
  });

  it("saves one section only, comes back to it, and tells that section it was saved", async () => {
    const id = await createPlan(owner, "One section");
    await saveAll(owner, id, fullForm);
    // The form of the audience section, with another section's field slipped in: only the audience is written.
    const response = await save(owner, id, { intent: "audience", audience: "Nurses", practiceGap: "Not this section's" }, "?step=x");
    expect(response).toBeInstanceOf(Response);
    const { location, flash } = await redirectedWithFlash(Promise.resolve(response));
    expect(location).toBe(`/me/plans/${id}?step=x#audience`);
    const after = await editor(owner, id);
    expect(after.plan.worksheet).toMatchObject({ audience: "Nurses", practiceGap: fullForm.practiceGap });
    expect(after.plan.title).toBe(fullForm.title);

    // The next page load carries the message, and which section it is about.
    const cookie = (response as Response).headers.getSetCookie()[0]!.split(";")[0]!;
    const page = await editorLoader(
      routeArgs(`/me/plans/${id}`, { cookie: `${owner.cookie}; ${cookie}`, params: { planId: id } }),
    );
    expect(page.saved).toEqual({ id: expect.any(String), section: "audience", message: flash });
    expect(flash).toMatch(/^Audience saved on /);
    expect(after.saved).toBeNull();
  });

  it("clears a section's fields left blank, and only that section's", async () => {
    const id = await createPlan(owner);
    await saveAll(owner, id, fullForm);
    await save(owner, id, { intent: "gap-and-need", practiceGap: "Only the gap now" });
    const { worksheet } = (await editor(owner, id)).plan;
    expect(worksheet).not.toHaveProperty("gapSources");
    expect(worksheet).not.toHaveProperty("needTypes");
    expect(worksheet).toMatchObject({ practiceGap: "Only the gap now", audience: fullForm.audience, format: fullForm.format });
  });

  it("refuses an unknown section with a 400 and saves nothing", async () => {
    const id = await createPlan(owner, "Unknown section");
    for (const intent of ["save", "everything", ""]) {
      expect((await thrown(save(owner, id, { intent, audience: "Nurses" }))).status).toBe(400);
    }
    expect((await editor(owner, id)).neverSaved).toBe(true);
  });

  it("shows advice, and it goes once the plan is fixed", async () => {
    const id = await createPlan(owner);
    await saveAll(owner, id, fullForm);
    const before = await editor(owner, id);
    expect(before.advice).toEqual([
      { field: "objectives", message: expect.stringContaining("“Understand the guideline”") },
    ]);

    await save(owner, id, { intent: "objectives", objectives: "Apply the guideline\nCalculate a 10-year risk score" });
    expect((await editor(owner, id)).advice).toEqual([]);
  });

  it("saves a plan that leaves every standard and the credit unanswered, with advice on each", async () => {
    const id = await createPlan(owner);
    const unanswered = ["contentValidity", "independence", "disclosure", "mitigation", "commercialSupport", "marketing", "creditDesignation"];
    const form = Object.fromEntries(Object.entries(fullForm).filter(([key]) => !unanswered.includes(key) && key !== "commercialSupportPlan"));
    expect(await redirected(saveAll(owner, id, form))).toBe(`/me/plans/${id}#logic-model`);
    const { advice, plan } = await editor(owner, id);
    expect(plan.worksheet).not.toHaveProperty("commercialSupport");
    expect(advice.map((a) => a.field)).toEqual(["objectives", ...unanswered]);
  });

  it("advises on a mismatch between the outcome level and the evaluation", async () => {
    const id = await createPlan(owner);
    await saveAll(owner, id, { ...fullForm, outcomeLevel: "5", evaluationMethods: "SATISFACTION_SURVEY" });
    const { advice } = await editor(owner, id);
    expect(advice.map((a) => a.field)).toContain("evaluationMethods");
  });

  it("refuses malformed input in a section with a 400 naming that section, keeps the typed values, and saves nothing", async () => {
    const id = await createPlan(owner, "Unchanged title");
    const result = await save(owner, id, {
      intent: "gap-and-need",
      practiceGap: "x".repeat(4001),
      needTypes: ["KNOWLEDGE", "CURIOSITY"],
      needStatement: "Kept\r\nas typed",
    });
    expect(result).toMatchObject({ init: { status: 400 }, data: { section: "gap-and-need", reply: { status: "error" } } });
    const reply = (result as unknown as { data: { reply: { error: Record<string, string[]>; initialValue: Record<string, unknown> } } })
      .data.reply;
    expect(Object.keys(reply.error).sort()).toEqual(["needTypes[1]", "practiceGap"]);
    // readForm turns the browser's CRLF line breaks into LF.
    expect(reply.initialValue).toMatchObject({ needStatement: "Kept\nas typed", needTypes: ["KNOWLEDGE", "CURIOSITY"] });
    expect((await editor(owner, id)).plan).toMatchObject({ title: "Unchanged title", worksheet: {} });
  });

  it("asks for a name with a 400 when the name section is saved empty", async () => {
    const id = await createPlan(owner, "Named");
    const result = await save(owner, id, { intent: "name", title: "  " });
    expect(result).toMatchObject({ init: { status: 400 }, data: { section: "name", reply: { error: { title: ["Give your plan a name"] } } } });
    expect((await editor(owner, id)).plan.title).toBe("Named");
  });

  it("saves a nearly empty draft", async () => {
    const id = await createPlan(owner);
    await redirected(save(owner, id, { intent: "audience", audience: "Nurses" }));
    expect((await editor(owner, id)).plan.worksheet).toEqual({ audience: "Nurses" });
  });

  it("is not found for another member, on every page and action", async () => {
    const id = await createPlan(owner, "Mine only");
    expect((await thrown(editor(other, id))).status).toBe(404);
    expect((await thrown(save(other, id, sectionForm("audience", fullForm)))).status).toBe(404);
    expect((await thrown(save(other, id, { intent: "delete" }))).status).toBe(404);
    const print = printLoader(routeArgs(`/me/plans/${id}/print`, { cookie: other.cookie, params: { planId: id } }));
    expect((await thrown(print)).status).toBe(404);
    const list = await listLoader(routeArgs("/me/plans", { cookie: other.cookie }));
    expect(list.plans.map((p) => p.id)).not.toContain(id);
    expect((await editor(owner, id)).plan.title).toBe("Mine only");
  });

  it("deletes the plan and returns to the list", async () => {
    const id = await createPlan(owner, "Short-lived");
    expect(await redirectedWithFlash(save(owner, id, { intent: "delete" }))).toEqual({
      location: "/me/plans",
      flash: "The plan was deleted.",
    });
    expect((await thrown(editor(owner, id))).status).toBe(404);
  });
});

describe("plans for a pathway step", () => {
  it("remembers the step and links back to it from the editor", async () => {
    const pathway = await prisma.pathway.create({
      data: {
        slug: `${run}-onboarding`,
        title: "Onboarding",
        summary: "S",
        summaryHtml: "<p>S</p>",
        kind: "ONBOARDING",
        status: "PUBLISHED",
        steps: {
          create: {
            key: "mock-activity",
            position: 1,
            title: "Draft a mock activity",
            body: "B",
            bodyHtml: "<p>B</p>",
            effortMinutes: 60,
            tool: "ACTIVITY_PLANNER",
          },
        },
      },
      select: { steps: { select: { id: true } } },
    });
    const stepId = pathway.steps[0]!.id;
    const form = await newLoader(routeArgs(`/me/plans/new?step=${stepId}`, { cookie: owner.cookie }));
    expect(form.step?.title).toBe("Draft a mock activity");

    const id = await createPlan(owner, "For the step", stepId);
    const page = await editor(owner, id);
    expect(page.step?.href).toBe(`/pathways/${run}-onboarding/steps/mock-activity`);
    // Saving keeps the member on the page, the step link with it.
    expect(await redirected(save(owner, id, sectionForm("audience", fullForm), `?step=${stepId}`))).toBe(
      `/me/plans/${id}?step=${stepId}#audience`,
    );
    expect((await editor(owner, id)).step?.href).toBe(`/pathways/${run}-onboarding/steps/mock-activity`);
  });

  it("ignores a step id that names nothing the member may see", async () => {
    const id = await createPlan(owner, "No step", "no-such-step");
    expect((await editor(owner, id)).step).toBeNull();
    expect((await editor(owner, id, "?step=no-such-step")).step).toBeNull();
  });
});

describe("the print view", () => {
  it("gives the owner the plan and its author", async () => {
    const id = await createPlan(owner, "Printable");
    await saveAll(owner, id, fullForm);
    const page = await printLoader(routeArgs(`/me/plans/${id}/print`, { cookie: owner.cookie, params: { planId: id } }));
    expect(page).toMatchObject({ title: fullForm.title, author: owner.displayName, worksheet: { audience: fullForm.audience } });
  });
});
