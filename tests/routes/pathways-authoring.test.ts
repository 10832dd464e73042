import { getZodConstraint } from "@conform-to/zod/v4";
import { beforeAll, describe, expect, it } from "vitest";
import { pathwayDetailsSchema } from "~/domain/pathways/authoring-schemas";
import { countQueries, prisma } from "~/utils/db.server";
import { seed } from "../../prisma/seed";
import { createTestMember, type TestMember } from "../fixtures/members";
import { routeArgs } from "../fixtures/route-args";
import { loader as adminLoader } from "~/routes/admin/admin.pathways._index";
import { action as editAction, loader as editLoader } from "~/routes/pathways/pathways.$slug_.edit";
import { action as stepAction, loader as stepLoader } from "~/routes/pathways/pathways.$slug_.edit_.steps.$stepId";
import { loader as previewLoader } from "~/routes/pathways/pathways.$slug_.preview";
import { action as newAction, loader as newLoader } from "~/routes/pathways/pathways.new";

const run = `p${Math.random().toString(36).slice(2, 8)}`;
let admin: TestMember;
let member: TestMember;

beforeAll(async () => {
  await seed();
  [admin, member] = await Promise.all([createTestMember({ role: "ADMIN" }), createTestMember()]);
});

/** What a loader or action answered: a returned or thrown Response, data(…), or plain data. */
async function answer(promise: Promise<unknown>): Promise<{ status: number; body: any; location: string | null }> {
  const result = await promise.catch((error: unknown) => {
    if (error instanceof Response) return error;
    throw error;
  });
  if (result instanceof Response) return { status: result.status, body: null, location: result.headers.get("Location") };
  if (result && typeof result === "object" && "init" in result && "data" in result) {
    const { data, init } = result as { data: unknown; init: ResponseInit | null };
    return { status: init?.status ?? 200, body: data, location: null };
  }
  return { status: 200, body: result, location: null };
}

let count = 0;
const pathwayForm = (overrides: Record<string, string | string[]> = {}) => {
  count += 1;
  return { title: `Route pathway ${run} ${count}`, summary: "A pathway made in a route test.", kind: "CAREER", ...overrides };
};
const stepForm = (title: string, overrides: Record<string, string | string[]> = {}) => ({
  title,
  body: `Here is what to do for ${title}, and why it matters.`,
  resources: "Criteria | https://example.org/criteria",
  effortMinutes: "40",
  "areas.measuring-performance": "proficient",
  ...overrides,
});

async function createDraft(author: TestMember, url = "/pathways/new") {
  const created = await answer(newAction(routeArgs(url, { cookie: author.cookie, form: pathwayForm() })));
  expect(created.status).toBe(302);
  const slug = /^\/pathways\/([^/]+)\/edit$/.exec(created.location ?? "")?.[1];
  expect(slug).toBeTruthy();
  return slug!;
}

const edit = (slug: string, who: TestMember | null, form?: Record<string, string>) =>
  (form ? editAction : editLoader)(routeArgs(`/pathways/${slug}/edit`, { cookie: who?.cookie, params: { slug }, form }));

const saveStep = (slug: string, stepId: string, form: Record<string, string | string[]>, who: TestMember = admin) =>
  stepAction(routeArgs(`/pathways/${slug}/edit/steps/${stepId}`, { cookie: who.cookie, params: { slug, stepId }, form }));

describe("/pathways/new", () => {
  it("sends visitors to log in, refuses members (403) and lets admins create a draft site pathway", async () => {
    const visitor = await answer(newLoader(routeArgs("/pathways/new")));
    expect(visitor).toMatchObject({ status: 302, location: "/login?redirectTo=%2Fpathways%2Fnew" });
    expect((await answer(newLoader(routeArgs("/pathways/new", { cookie: member.cookie })))).status).toBe(403);
    expect((await answer(newAction(routeArgs("/pathways/new", { cookie: member.cookie, form: pathwayForm() })))).status).toBe(403);

    const slug = await createDraft(admin);
    const row = await prisma.pathway.findUniqueOrThrow({ where: { slug } });
    expect(row).toMatchObject({ status: "DRAFT", associationId: null, createdById: admin.userId, kind: "CAREER" });
  });

  it("keeps what was typed and explains each problem", async () => {
    const reply = await answer(
      newAction(routeArgs("/pathways/new", { cookie: admin.cookie, form: { title: "Ok title", slug: "Not A Slug!", summary: "short" } })),
    );
    expect(reply.status).toBe(400);
    expect(Object.keys(reply.body.error).sort()).toEqual(["kind", "slug", "summary"]);
    expect(reply.body.initialValue).toMatchObject({ title: "Ok title", slug: "Not A Slug!" });
  });

  it("lets an association's moderator create its pathway, but not an ordinary member", async () => {
    const [owner, moderator] = await Promise.all([createTestMember(), createTestMember()]);
    const association = await prisma.association.create({
      data: {
        slug: `${run}-society`,
        name: `Society ${run}`,
        description: "",
        descriptionHtml: "",
        memberships: {
          create: [
            { userId: owner.userId, role: "OWNER" },
            { userId: moderator.userId, role: "MODERATOR" },
            { userId: member.userId, role: "MEMBER" },
          ],
        },
      },
    });
    const url = `/pathways/new?association=${association.slug}`;
    expect((await answer(newLoader(routeArgs(url, { cookie: moderator.cookie })))).body).toEqual({
      association: { slug: association.slug, name: association.name },
      // The form's HTML constraints come from the server; the schema itself loads after the page.
      constraint: getZodConstraint(pathwayDetailsSchema),
    });
    expect((await answer(newLoader(routeArgs(url, { cookie: member.cookie })))).status).toBe(403);
    expect((await answer(newLoader(routeArgs("/pathways/new?association=nope-nope", { cookie: owner.cookie })))).status).toBe(404);

    const slug = await createDraft(moderator, url);
    expect((await prisma.pathway.findUniqueOrThrow({ where: { slug } })).associationId).toBe(association.id);
    expect((await answer(edit(slug, owner))).status).toBe(200);
    expect((await answer(edit(slug, member))).status).toBe(404);
  });
});

describe("/pathways/:slug/edit", () => {
  it("hides a draft from other members (404), refuses them a published one (403), and sends visitors to log in", async () => {
    const slug = await createDraft(admin);
    expect((await answer(edit(slug, member))).status).toBe(404);
    expect((await answer(edit(slug, member, { intent: "publish" }))).status).toBe(404);
    expect((await answer(previewLoader(routeArgs(`/pathways/${slug}/preview`, { cookie: member.cookie, params: { slug } })))).status).toBe(404);
    expect((await answer(edit(slug, null))).location).toBe(`/login?redirectTo=${encodeURIComponent(`/pathways/${slug}/edit`)}`);

    expect((await answer(saveStep(slug, "new", stepForm("Only step")))).status).toBe(302);
    expect((await answer(edit(slug, admin, { intent: "publish" }))).location).toBe(`/pathways/${slug}/edit`);
    expect((await answer(edit(slug, member))).status).toBe(403);
    expect((await answer(edit(slug, member, { intent: "unpublish" }))).status).toBe(403);
    expect((await prisma.pathway.findUniqueOrThrow({ where: { slug } })).status).toBe("PUBLISHED");
  });

  it("refuses to publish without steps, with a clear message", async () => {
    const slug = await createDraft(admin);
    const refused = await answer(edit(slug, admin, { intent: "publish" }));
    expect(refused).toMatchObject({ status: 400, body: { intent: "publish", message: expect.stringMatching(/at least one step/) } });
    const page = await answer(edit(slug, admin));
    expect(page.body.pathway).toMatchObject({ status: "DRAFT", steps: [] });
  });

  it("adds, edits, reorders and removes steps without touching members' completions", async () => {
    const slug = await createDraft(admin);
    const ids: string[] = [];
    for (const title of ["Alpha", "Beta", "Gamma"]) {
      const added = await answer(saveStep(slug, "new", stepForm(title)));
      expect(added.location).toMatch(new RegExp(`^/pathways/${slug}/edit#step-`));
      ids.push(added.location!.split("#step-")[1]!);
    }
    // A resent "Add step" form adds nothing.
    const twice = await answer(saveStep(slug, "new", stepForm("Gamma")));
    expect(twice.location).toContain(ids[2]);
    await answer(edit(slug, admin, { intent: "publish" }));

    const learner = await createTestMember();
    await prisma.pathwayEnrolment.create({ data: { userId: learner.userId, pathwayId: (await prisma.pathway.findUniqueOrThrow({ where: { slug } })).id } });
    for (const stepId of ids.slice(0, 2)) {
      await prisma.stepCompletion.create({ data: { userId: learner.userId, stepId, reflection: "ok", reflectionHtml: "<p>ok</p>" } });
    }

    const edited = await answer(saveStep(slug, ids[1]!, stepForm("Beta, clearer", { body: "Clearer words for the beta step." })));
    expect(edited.location).toBe(`/pathways/${slug}/edit#step-${ids[1]}`);
    expect((await answer(edit(slug, admin, { intent: "move", stepId: ids[1]!, direction: "up" }))).location).toBe(
      `/pathways/${slug}/edit#steps`,
    );
    // "Remove…" asks first: the page names the step to remove (a GET changes nothing); an unknown one asks nothing.
    const asking = await editLoader(routeArgs(`/pathways/${slug}/edit?remove=${ids[2]}`, { cookie: admin.cookie, params: { slug } }));
    expect(asking.removing).toBe(ids[2]);
    expect(asking.pathway.steps).toHaveLength(3);
    const unknown = await editLoader(routeArgs(`/pathways/${slug}/edit?remove=nope`, { cookie: admin.cookie, params: { slug } }));
    expect(unknown.removing).toBeNull();
    expect((await answer(edit(slug, admin, { intent: "remove", stepId: ids[2]! }))).location).toBe(
      `/pathways/${slug}/edit#steps`,
    );
    expect((await answer(edit(slug, admin, { intent: "remove", stepId: ids[2]! }))).status).toBe(404);

    const page = await answer(edit(slug, admin));
    expect(page.body.pathway.steps.map((s: { title: string; completedCount: number }) => [s.title, s.completedCount])).toEqual([
      ["Beta, clearer", 1],
      ["Alpha", 1],
    ]);
    expect(await prisma.stepCompletion.count({ where: { userId: learner.userId } })).toBe(2);

    // The removed step is gone from the editor and the preview, and cannot be edited.
    const params = { slug, stepId: ids[2]! };
    expect((await answer(stepLoader(routeArgs(`/pathways/${slug}/edit/steps/${ids[2]}`, { cookie: admin.cookie, params })))).status).toBe(404);
    const preview = await answer(previewLoader(routeArgs(`/pathways/${slug}/preview`, { cookie: admin.cookie, params: { slug } })));
    expect(preview.body.pathway.steps.map((s: { title: string }) => s.title)).toEqual(["Beta, clearer", "Alpha"]);
  });

  it("saves details, and reports an address another pathway uses", async () => {
    const [slug, other] = [await createDraft(admin), await createDraft(admin)];
    const taken = await answer(edit(slug, admin, { intent: "details", ...pathwayForm({ slug: other }) }));
    expect(taken.status).toBe(400);
    expect(taken.body).toMatchObject({ intent: "details", result: { error: { slug: [expect.stringMatching(/already uses/)] } } });

    const saved = await answer(
      edit(slug, admin, { intent: "details", ...pathwayForm({ slug: `${slug}-renamed`, roleArchetypes: ["PROGRAM_DEVELOPER"] }) }),
    );
    expect(saved.location).toBe(`/pathways/${slug}-renamed/edit`);
    expect((await prisma.pathway.findUniqueOrThrow({ where: { slug: `${slug}-renamed` } })).roleArchetypes).toEqual(["PROGRAM_DEVELOPER"]);
  });
});

describe("/pathways/:slug/edit/steps/:stepId", () => {
  it("offers the current framework's areas and stages, and keeps the text when something is wrong", async () => {
    const slug = await createDraft(admin);
    const form = await answer(stepLoader(routeArgs(`/pathways/${slug}/edit/steps/new`, { cookie: admin.cookie, params: { slug, stepId: "new" } })));
    expect(form.body.step).toBeNull();
    expect(form.body.choices.areas).toHaveLength(8);
    expect(form.body.choices.stages.map((s: { slug: string }) => s.slug)).toContain("competent");

    const bad = await answer(
      saveStep(slug, "new", {
        title: "A step",
        body: "Enough words to describe the step properly.",
        resources: "Guide | http://example.org\nno bar here",
        effortMinutes: "ten",
      }),
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error.resources).toEqual([
      expect.stringMatching(/^Line 1: .*https:\/\//),
      expect.stringMatching(/^Line 2: write a label/),
    ]);
    expect(bad.body.error.effortMinutes).toBeDefined();
    expect(bad.body.error.areas).toEqual(["Choose at least one competency area this step builds"]);
    expect(bad.body.initialValue).toMatchObject({ body: "Enough words to describe the step properly." });

    const unknownArea = await answer(saveStep(slug, "new", stepForm("Odd", { "areas.astrology": "expert" })));
    expect(unknownArea.body.error.areas).toEqual([expect.stringMatching(/lists shown/)]);
    expect(await prisma.pathwayStep.count({ where: { pathway: { slug } } })).toBe(0);
  });

  it("loads a step's saved values back into the form", async () => {
    const slug = await createDraft(admin);
    const added = await answer(saveStep(slug, "new", stepForm("Measure", { "areas.leadership": "novice" })));
    const stepId = added.location!.split("#step-")[1]!;
    const form = await answer(stepLoader(routeArgs(`/pathways/${slug}/edit/steps/${stepId}`, { cookie: admin.cookie, params: { slug, stepId } })));
    expect(form.body.step).toMatchObject({
      title: "Measure",
      resources: "Criteria | https://example.org/criteria",
      effortMinutes: 40,
      areas: { "measuring-performance": "proficient", leadership: "novice" },
    });
    expect((await answer(saveStep(slug, stepId, stepForm("Measure"), member))).status).toBe(404);
  });
});

describe("/admin/pathways", () => {
  it("lists every pathway with its status and counts for admins only", async () => {
    const slug = await createDraft(admin);
    await answer(saveStep(slug, "new", stepForm("One")));
    expect((await answer(adminLoader(routeArgs("/admin/pathways", { cookie: member.cookie })))).status).toBe(403);
    let after: string | null = null;
    let row: unknown;
    do {
      const url: string = after ? `/admin/pathways?after=${after}` : "/admin/pathways";
      const page = await answer(adminLoader(routeArgs(url, { cookie: admin.cookie })));
      row ??= page.body.pathways.find((p: { slug: string }) => p.slug === slug);
      after = page.body.nextAfter;
    } while (after);
    expect(row).toMatchObject({ slug, status: "DRAFT", stepCount: 1, enrolledCount: 0, association: null });
  });
});

describe("database round trips", () => {
  it("stays within the page budget for the editor, the preview and the admin list, however many steps", async () => {
    const slug = await createDraft(admin);
    const measure = async () => {
      const editor = await countQueries(() => answer(edit(slug, admin)));
      const preview = await countQueries(() =>
        answer(previewLoader(routeArgs(`/pathways/${slug}/preview`, { cookie: admin.cookie, params: { slug } }))),
      );
      const list = await countQueries(() => answer(adminLoader(routeArgs("/admin/pathways", { cookie: admin.cookie }))));
      return [editor.queries, preview.queries, list.queries];
    };
    await answer(saveStep(slug, "new", stepForm("First")));
    const few = await measure();
    for (const title of ["Second", "Third", "Fourth", "Fifth"]) await answer(saveStep(slug, "new", stepForm(title)));
    const more = await measure();
    expect(more).toEqual(few);
    for (const queries of more) expect(queries).toBeLessThanOrEqual(8);
  });
});
