import { cp, mkdtemp, readFile, rm, unlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { seed } from "../../../prisma/seed";
import { createTestMember } from "../../../tests/fixtures/members";
import { ContentError, loadAllPathways, loadPathwayFromDirectory, savePathwayFromContent, seedPathways } from "./content.server";
import { completeStep } from "./pathways.server";

const CONTENT = path.resolve("content");
const temporary: string[] = [];

/** A copy of one starter pathway under a fresh slug, in a content folder of its own. */
async function copyOfPathway(name = "newcomer-onboarding") {
  const root = await mkdtemp(path.join(tmpdir(), "cme-pathways-"));
  temporary.push(root);
  const dir = path.join(root, "pathways", name);
  await cp(path.join(CONTENT, "pathways", name), dir, { recursive: true });
  const slug = `t-${Math.random().toString(36).slice(2, 8)}`;
  await edit(path.join(dir, "pathway.md"), (text) => text.replace(/^slug: .*$/m, `slug: ${slug}`));
  return { root, dir, slug };
}

async function edit(file: string, change: (text: string) => string) {
  await writeFile(file, change(await readFile(file, "utf8")));
}

beforeAll(async () => {
  await seed();
});

afterEach(async () => {
  await Promise.all(temporary.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

describe("the starter pathways in content/", () => {
  it("are the three starter pathways, with the steps the issue names", async () => {
    const loaded = await loadAllPathways(CONTENT);
    const bySlug = new Map(loaded.map(({ document }) => [document.slug, document]));
    expect([...bySlug.keys()].sort()).toEqual(["career-growth", "chcp-preparation", "newcomer-onboarding"]);
    const onboarding = bySlug.get("newcomer-onboarding")!;
    expect(onboarding.kind).toBe("ONBOARDING");
    expect(onboarding.steps.map((step) => step.title)).toEqual([
      "Understand the fundamentals of CME",
      "Join professional communities",
      "Review sample CME activities",
      "Attend a CME planning webinar",
      "Draft a mock CME activity",
    ]);
    expect(onboarding.steps.at(-1)!.tool).toBe("ACTIVITY_PLANNER");
    expect(onboarding.steps.filter((step) => step.tool).length).toBe(1);
    expect(bySlug.get("career-growth")!.steps).toHaveLength(3);
    expect(bySlug.get("chcp-preparation")!.steps.map((step) => step.key)).toEqual([
      "check-eligibility",
      "study-plan",
      "exam-logistics",
      "recertification-cycle",
    ]);
    // Every step says what to do, why it matters and what to avoid, and links only over https.
    for (const { document } of loaded) {
      for (const step of document.steps) {
        expect(step.body).toMatch(/## What to do[\s\S]*## Why it matters[\s\S]*## Common pitfalls/);
        expect(step.resources.length).toBeGreaterThan(0);
        for (const resource of step.resources) expect(resource.url).toMatch(/^https:\/\//);
      }
    }
  });

  it("state the field's facts as the sources support them (issue 18)", async () => {
    const bySlug = new Map((await loadAllPathways(CONTENT)).map(({ document }) => [document.slug, document]));
    const step = (slug: string, key: string) => bySlug.get(slug)!.steps.find((s) => s.key === key)!;
    const chcp = bySlug.get("chcp-preparation")!;
    // No year of the transfer to the Alliance; the trademark and the non-affiliation are stated.
    expect(chcp.summary).not.toMatch(/took it over/);
    expect(chcp.summary).toMatch(/now awarded by the Alliance/);
    expect(chcp.summary).toContain("CHCP®");
    expect(chcp.summary).toMatch(/not affiliated with or endorsed by the Alliance/);
    // First-time candidates are sent to their own guide, not the recertification one.
    const eligibility = step("chcp-preparation", "check-eligibility");
    expect(eligibility.resources.map((r) => r.url).join(" ")).not.toMatch(/Recertification/);
    expect(eligibility.body).toMatch(/Initial Eligibility Requirements/);
    expect(eligibility.body).not.toMatch(/Section 1|20 hours/);
    // Commitment to change: intent at the activity (level 4), a reported change later (level 5).
    expect(step("career-growth", "outcome-measurement").body).toMatch(/level 4 \(competence\)[\s\S]*self-reported performance, at level 5/);
    const standards = step("career-growth", "master-accreditation-standards").body;
    expect(standards).toMatch(/three exceptions to Standard 3/);
    expect(standards).toMatch(/learning from teaching/);
    expect(standards).toMatch(/C6/);
    expect(standards).toMatch(/performance-in-practice review/);
    expect(standards).toMatch(/founded by the ACCME, ACPE and ANCC/);
    expect(step("career-growth", "conferences-and-networking").body).toMatch(/one of the largest/);
    expect(step("newcomer-onboarding", "cme-fundamentals").body).not.toMatch(/given a strategy/);
    expect(step("newcomer-onboarding", "draft-mock-activity").body).not.toMatch(/session for nurses/);
  });

  it("are seeded as published pathways, and a second seed changes nothing", async () => {
    const pathways = await prisma.pathway.findMany({
      where: { slug: { in: ["newcomer-onboarding", "career-growth", "chcp-preparation"] } },
      select: { slug: true, status: true, _count: { select: { steps: true } } },
      orderBy: { slug: "asc" },
    });
    expect(pathways.map((p) => [p.slug, p.status, p._count.steps])).toEqual([
      ["career-growth", "PUBLISHED", 3],
      ["chcp-preparation", "PUBLISHED", 4],
      ["newcomer-onboarding", "PUBLISHED", 5],
    ]);
    expect(await seedPathways(CONTENT)).toEqual([
      "pathway career-growth: unchanged",
      "pathway chcp-preparation: unchanged",
      "pathway newcomer-onboarding: unchanged",
    ]);
  });
});

describe("seeding changed content", () => {
  it("updates steps in place by key, so completions survive; removed steps are archived, never deleted", async () => {
    const { root, dir, slug } = await copyOfPathway();
    expect(await seedPathways(root)).toEqual([`pathway ${slug}: created`]);
    const member = await createTestMember();
    await completeStep(member.actor, { slug, key: "cme-fundamentals" }, { reflection: "Wrote my glossary." });
    await completeStep(member.actor, { slug, key: "attend-planning-webinar" }, { reflection: "Watched one." });
    const before = await prisma.pathwayStep.findMany({ where: { pathway: { slug } }, select: { id: true, key: true } });

    // Retitle the first step, remove the webinar step.
    await edit(path.join(dir, "steps/01-cme-fundamentals.md"), (text) =>
      text.replace("title: Understand the fundamentals of CME", "title: Learn the basics of CME"),
    );
    await unlink(path.join(dir, "steps/04-attend-planning-webinar.md"));
    expect(await seedPathways(root)).toEqual([`pathway ${slug}: updated`]);

    const after = await prisma.pathwayStep.findMany({
      where: { pathway: { slug } },
      select: { id: true, key: true, title: true, position: true, archivedAt: true },
    });
    const idOf = (rows: { id: string; key: string }[], key: string) => rows.find((row) => row.key === key)!.id;
    expect(idOf(after, "cme-fundamentals")).toBe(idOf(before, "cme-fundamentals"));
    expect(after.find((row) => row.key === "cme-fundamentals")!.title).toBe("Learn the basics of CME");
    const webinar = after.find((row) => row.key === "attend-planning-webinar")!;
    expect(webinar.archivedAt).not.toBeNull();
    expect(after.find((row) => row.key === "draft-mock-activity")!.position).toBe(4);
    // Both completions are still there.
    expect(await prisma.stepCompletion.count({ where: { userId: member.userId } })).toBe(2);

    // Putting the step back brings the same row back.
    await cp(path.join(CONTENT, "pathways/newcomer-onboarding/steps/04-attend-planning-webinar.md"), path.join(dir, "steps/04-attend-planning-webinar.md"));
    await seedPathways(root);
    const restored = await prisma.pathwayStep.findUniqueOrThrow({ where: { id: webinar.id }, select: { archivedAt: true } });
    expect(restored.archivedAt).toBeNull();
  });

  it("never overwrites a pathway authored in the app with the same slug", async () => {
    const { root, slug } = await copyOfPathway();
    await prisma.pathway.create({
      data: { slug, title: "Authored", summary: "Mine", summaryHtml: "<p>Mine</p>", kind: "CAREER" },
      select: { id: true },
    });
    const [loaded] = await loadAllPathways(root);
    expect(await savePathwayFromContent(loaded!)).toBe("skipped");
    expect((await prisma.pathway.findUniqueOrThrow({ where: { slug }, select: { title: true } })).title).toBe("Authored");
  });
});

describe("malformed content", () => {
  it("names the step file and the problem", async () => {
    const { dir } = await copyOfPathway();
    const file = path.join(dir, "steps/02-join-professional-communities.md");
    await edit(file, (text) => text.replace("effortMinutes: 60", "effortMinutes: soon"));
    const error = await loadPathwayFromDirectory(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ContentError);
    expect((error as ContentError).file).toBe(file);
    expect((error as ContentError).message).toMatch(/effortMinutes/);
  });

  it("rejects duplicate step keys and non-https resources, naming the file", async () => {
    const { dir } = await copyOfPathway();
    const file = path.join(dir, "steps/03-review-sample-activities.md");
    await edit(file, (text) => text.replace("key: review-sample-activities", "key: cme-fundamentals"));
    const duplicate = (await loadPathwayFromDirectory(dir).catch((e: unknown) => e)) as ContentError;
    expect(duplicate.file).toBe(file);
    expect(duplicate.message).toMatch(/duplicate step key "cme-fundamentals"/);

    await edit(file, (text) =>
      text.replace("key: cme-fundamentals", "key: review-sample-activities").replace("https://med.stanford.edu", "http://med.stanford.edu"),
    );
    const insecure = (await loadPathwayFromDirectory(dir).catch((e: unknown) => e)) as ContentError;
    expect(insecure.file).toBe(file);
    expect(insecure.message).toMatch(/https/);
  });

  it("stops the seed on an area the framework does not have", async () => {
    const { root, dir } = await copyOfPathway();
    const file = path.join(dir, "steps/01-cme-fundamentals.md");
    await edit(file, (text) => text.replace("area: adult-learning-principles", "area: adult-learning"));
    const error = (await seedPathways(root).catch((e: unknown) => e)) as ContentError;
    expect(error).toBeInstanceOf(ContentError);
    expect(error.file).toBe(file);
    expect(error.message).toMatch(/"adult-learning" is not an area of the current framework/);
  });

  it("checks areas against the frameworks in the same content folder, whatever framework the site uses now", async () => {
    // An administrator may make an imported framework current; the seed (run by every start) must not stop for it.
    // Here the content folder's framework calls an area "adult-learning", which the site's current version lacks.
    const { root, dir } = await copyOfPathway();
    await cp(path.join(CONTENT, "frameworks"), path.join(root, "frameworks"), { recursive: true });
    const area = path.join(root, "frameworks/cme-commons-starter/areas/01-adult-learning-principles.md");
    await edit(area, (text) => text.replace("slug: adult-learning-principles", "slug: adult-learning"));
    const step = path.join(dir, "steps/01-cme-fundamentals.md");
    await edit(step, (text) => text.replace("area: adult-learning-principles", "area: adult-learning"));
    expect(await seedPathways(root)).toHaveLength(1);

    // And an area the content's framework lacks still stops it, naming that framework.
    await edit(step, (text) => text.replace("area: adult-learning", "area: adult-learning-principles"));
    const error = (await seedPathways(root).catch((e: unknown) => e)) as ContentError;
    expect(error.message).toMatch(/"adult-learning-principles" is not an area of the frameworks in content\/frameworks/);
  });
});
