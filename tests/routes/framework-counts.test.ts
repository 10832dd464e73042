// Counts and durations on the front page, the member's home and the
// self-assessment start page come from the framework version in use, not
// from the copy: an association that imports a nine-area edition sees nine.
import { afterEach, describe, expect, it } from "vitest";
import { saveFrameworkVersion } from "~/domain/competencies/frameworks.server";
import { MINUTES_PER_AREA } from "~/domain/assessments/constants";
import { prisma } from "~/utils/db.server";
import { seed } from "../../prisma/seed";
import { makeFrameworkDocument } from "../fixtures/framework-document";
import { createTestMember } from "../fixtures/members";
import { routeArgs } from "../fixtures/route-args";
import { loader as frontPageLoader } from "~/routes/site/_index";
import { loader as homeLoader } from "~/routes/site/home";
import { action as assessmentAction, loader as assessmentLoader } from "~/routes/competencies/me.assessment._index";
import { expectOk } from "~/utils/result";

/** A published framework with `areas` areas and four stages, not yet in use. */
async function frameworkWith(areas: number) {
  const stages = ["novice", "advanced-beginner", "competent", "expert"];
  const document = makeFrameworkDocument({
    slug: `counts-${crypto.randomUUID().slice(0, 8)}`,
    stages: stages.map((slug) => ({ slug, name: slug, summary: `The ${slug} stage.` })),
    areas: Array.from({ length: areas }, (_, index) => ({
      slug: `area-${index + 1}`,
      name: `Area ${index + 1}`,
      position: index + 1,
      summary: "What this area covers.",
      descriptors: Object.fromEntries(stages.map((stage) => [stage, `Area ${index + 1} at ${stage}.`])),
    })),
  });
  const { versionId } = expectOk(await saveFrameworkVersion(document, crypto.randomUUID(), { publish: true }));
  return versionId;
}

const useVersion = (versionId: string | null) =>
  prisma.siteSettings.update({ where: { id: 1 }, data: { currentFrameworkVersionId: versionId } });

// Other tests in this worker expect the starter framework in use.
let starterVersionId: string | null = null;
afterEach(async () => {
  if (starterVersionId) await useVersion(starterVersionId);
});

async function starter() {
  await seed();
  const settings = await prisma.siteSettings.findUniqueOrThrow({ where: { id: 1 }, select: { currentFrameworkVersionId: true } });
  starterVersionId = settings.currentFrameworkVersionId;
}

describe("framework counts on the pages that mention them", () => {
  it("follow the starter framework: eight areas, five stages, 40 minutes", async () => {
    await starter();
    const member = await createTestMember();
    expect((await frontPageLoader(routeArgs("/"))).framework).toEqual({ areas: 8, stages: 5, minutes: 8 * MINUTES_PER_AREA });
    expect((await homeLoader(routeArgs("/home", { cookie: member.cookie }))).framework).toEqual({ areas: 8, stages: 5 });
    expect((await assessmentLoader(routeArgs("/me/assessment", { cookie: member.cookie }))).areas).toEqual({
      count: 8,
      minutes: 40,
    });
  });

  it("change when a version with nine areas and four stages is in use", async () => {
    await starter();
    await useVersion(await frameworkWith(9));
    const member = await createTestMember();
    expect((await frontPageLoader(routeArgs("/"))).framework).toEqual({ areas: 9, stages: 4, minutes: 9 * MINUTES_PER_AREA });
    expect((await homeLoader(routeArgs("/home", { cookie: member.cookie }))).framework).toEqual({ areas: 9, stages: 4 });
    expect((await assessmentLoader(routeArgs("/me/assessment", { cookie: member.cookie }))).areas).toEqual({
      count: 9,
      minutes: 45,
    });
  });

  it("follow a member's draft, which keeps the version it was started on", async () => {
    await starter();
    const member = await createTestMember();
    await assessmentAction(routeArgs("/me/assessment", { cookie: member.cookie, form: { intent: "start" } }));
    await useVersion(await frameworkWith(3));
    const page = await assessmentLoader(routeArgs("/me/assessment", { cookie: member.cookie }));
    expect(page.areas).toEqual({ count: 8, minutes: 40 });
    expect(page.draft?.stepCount).toBe(8);
    // The front page already speaks of the version new assessments use.
    expect((await frontPageLoader(routeArgs("/"))).framework).toMatchObject({ areas: 3, minutes: 15 });
  });

  it("are left out, not made up, when no version is in use", async () => {
    await starter();
    await useVersion(null);
    const member = await createTestMember();
    expect((await frontPageLoader(routeArgs("/"))).framework).toBeNull();
    expect((await homeLoader(routeArgs("/home", { cookie: member.cookie }))).framework).toBeNull();
    expect((await assessmentLoader(routeArgs("/me/assessment", { cookie: member.cookie }))).areas).toBeNull();
  });
});
