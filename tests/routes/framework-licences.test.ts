// Issue 18 §6: a licensed framework version stays with its licensees. The
// permission matrix across pages, search, exports, share links and profiles,
// driven through the loaders and actions (what a `.data` request returns is
// what the loader returns), then what happens when a member leaves and when
// the licence ends.
import { beforeAll, describe, expect, it } from "vitest";
import { getStep, saveStep, submitDraft, CHOOSE_VERSION_MESSAGE } from "~/domain/assessments/assessments.server";
import { createShareLink } from "~/domain/assessments/share-links.server";
import { importFrameworkVersion, publishFrameworkVersion, setCurrentFrameworkVersion } from "~/domain/competencies/import.server";
import { versionsForPerson } from "~/domain/competencies/rights.server";
import { getAssociationInsight } from "~/domain/insight/insight.server";
import { prisma } from "~/utils/db.server";
import { loader as settingsLoader, action as settingsAction } from "~/routes/associations/associations.$slug.settings";
import { loader as exportLoader } from "~/routes/admin/admin.frameworks.$versionId_.export";
import { action as rightsAction } from "~/routes/admin/admin.frameworks.$versionId";
import { loader as competenciesLoader } from "~/routes/competencies/competencies._index";
import { loader as areaLoader } from "~/routes/competencies/competencies.$area";
import { loader as versionPageLoader } from "~/routes/competencies/competencies.versions.$versionId";
import { action as startAction, loader as startLoader } from "~/routes/competencies/me.assessment._index";
import { loader as stepLoader } from "~/routes/competencies/me.assessment.step.$step";
import { loader as ownProfileLoader } from "~/routes/competencies/me.competencies._index";
import { loader as ownCsvLoader } from "~/routes/competencies/me.competencies[.]csv";
import { loader as packLoader } from "~/routes/competencies/me.competencies.pack";
import { loader as sharedLoader } from "~/routes/competencies/shared.$token";
import { action as rateAction, loader as rateLoader } from "~/routes/competencies/review.rate.$ratingId";
import { loader as searchLoader } from "~/routes/discussions/search";
import { loader as homeLoader } from "~/routes/site/home";
import { loader as profileLoader } from "~/routes/members/members.$handle";
import { seed } from "../../prisma/seed";
import { makeFrameworkDocument } from "../fixtures/framework-document";
import { createTestMember, type TestMember } from "../fixtures/members";
import { routeArgs } from "../fixtures/route-args";

const run = Math.random().toString(36).slice(2, 8);
/** Words that appear only in the licensed version's text: if a page's data holds one, the text leaked. */
const AREA_NAME = `Licensedareaname${run}`;
const DESCRIPTOR = `Licenseddescriptor${run}`;
const SUMMARY = `Licensedsummary${run}`;
const EVIDENCE = `Ownevidence${run}`;
/** The areas' slugs spell their names, as importers write them: a slug in a page's data leaks the name too. */
const AREA_SLUG = AREA_NAME.toLowerCase();

/** What a loader or action answered, serialized: a returned or thrown Response, data(…), or plain data. */
async function answer(promise: Promise<unknown>): Promise<{ status: number; text: string; location: string | null }> {
  const result = await promise.catch((error: unknown) => {
    if (error instanceof Response) return error;
    throw error;
  });
  if (result instanceof Response) {
    return { status: result.status, text: await result.clone().text(), location: result.headers.get("Location") };
  }
  if (result && typeof result === "object" && "init" in result && "data" in result) {
    const { data, init } = result as { data: unknown; init: ResponseInit | null };
    return { status: init?.status ?? 200, text: JSON.stringify(data), location: null };
  }
  return { status: 200, text: JSON.stringify(result), location: null };
}

const leaks = (text: string) => [AREA_NAME, AREA_SLUG, DESCRIPTOR, SUMMARY].some((marker) => text.includes(marker));

async function createAssociation(name: string) {
  return prisma.association.create({
    data: { slug: `${name.toLowerCase()}-${run}`, name: `${name} ${run}`, description: "For tests.", descriptionHtml: "<p>For tests.</p>" },
    select: { id: true, slug: true, name: true },
  });
}

async function join(member: TestMember, associationId: string, role: "OWNER" | "MEMBER" = "MEMBER") {
  await prisma.associationMembership.create({ data: { associationId, userId: member.userId, role } });
}

let admin: TestMember;
let owner: TestMember;
let licensee: TestMember;
let otherLicensee: TestMember;
let twoAssociations: TestMember;
let nonMember: TestMember;
let licensed: { id: string };
let licensor: { id: string; slug: string; name: string };
let other: { id: string; slug: string; name: string };
let shareToken: string;

beforeAll(async () => {
  await seed();
  [admin, owner, licensee, otherLicensee, twoAssociations, nonMember] = await Promise.all([
    createTestMember({ role: "ADMIN" }),
    createTestMember(),
    createTestMember({ profile: { competencyVisibility: "PUBLIC" } }),
    createTestMember(),
    createTestMember(),
    createTestMember(),
  ]);
  [licensor, other] = await Promise.all([createAssociation("Licensor"), createAssociation("Other")]);
  await join(owner, licensor.id, "OWNER");
  await join(licensee, licensor.id);
  await join(otherLicensee, licensor.id);
  await join(twoAssociations, licensor.id);
  await join(twoAssociations, other.id);
  await join(nonMember, other.id);

  // An administrator imports the licensed version for one association, and publishes it.
  const document = makeFrameworkDocument({
    slug: `licensed-${run}`,
    name: `Licensed framework ${run}`,
    areas: [
      { slug: AREA_SLUG, name: AREA_NAME, position: 1, summary: SUMMARY, descriptors: { novice: DESCRIPTOR, expert: `${DESCRIPTOR} more` } },
      { slug: `${AREA_SLUG}-two`, name: `${AREA_NAME} two`, position: 2, summary: SUMMARY, descriptors: { novice: DESCRIPTOR, expert: DESCRIPTOR } },
    ],
  });
  const imported = await importFrameworkVersion(document, `hash-${run}`, {
    input: { rights: "LICENSED", licenseeIds: [licensor.id], rightsAttribution: "Used under licence for tests.", confirmRights: "on" },
    by: admin.actor,
  });
  if (!imported.ok) throw new Error(imported.problems.join("; "));
  licensed = { id: imported.versionId };
  expect((await publishFrameworkVersion(licensed.id)).ok).toBe(true);
  const stored = await prisma.frameworkVersion.findUniqueOrThrow({
    where: { id: licensed.id },
    select: { rights: true, rightsConfirmedById: true, rightsConfirmedAt: true },
  });
  expect(stored).toMatchObject({ rights: "LICENSED", rightsConfirmedById: admin.userId });
  expect(stored.rightsConfirmedAt).toBeInstanceOf(Date);

  // Its owner chooses it in the association's settings.
  const chosen = await answer(
    settingsAction(
      routeArgs(`/associations/${licensor.slug}/settings`, {
        params: { slug: licensor.slug },
        cookie: owner.cookie,
        form: { intent: "framework", frameworkVersionId: licensed.id },
      }),
    ),
  );
  expect(chosen.status).toBe(302);

  // A member of the licensee takes an assessment against it (one version: no question asked).
  const started = await answer(startAction(routeArgs("/me/assessment", { cookie: licensee.cookie, form: { intent: "start" } })));
  expect(started.location).toBe("/me/assessment/step/1");
  const step = await answer(stepLoader(routeArgs("/me/assessment/step/1", { params: { step: "1" }, cookie: licensee.cookie })));
  expect(step.text).toContain(AREA_NAME);
  expect(step.text).toContain(DESCRIPTOR);
  const { stepCount } = (await getStep(licensee.actor, 1))!;
  for (let number = 1; number <= stepCount; number++) {
    await saveStep(licensee.actor, number, { intent: "save", stage: "novice", target: "expert", evidence: EVIDENCE, links: [] }, number + 1);
  }
  await submitDraft(licensee.actor);
  shareToken = (await createShareLink(licensee.actor, { days: 30, label: "Manager" })).token;
});

describe("the versions a person may use", () => {
  it("gives a licensee's member the licensed version, a non-member the site default, and asks a member of both", async () => {
    const defaultId = (await prisma.siteSettings.findUniqueOrThrow({ where: { id: 1 } })).currentFrameworkVersionId;
    expect((await versionsForPerson(licensee.actor)).map((version) => version.id)).toEqual([licensed.id]);
    expect((await versionsForPerson(nonMember.actor)).map((version) => version.id)).toEqual([defaultId]);
    const both = await versionsForPerson(twoAssociations.actor);
    expect(new Set(both.map((version) => version.id))).toEqual(new Set([defaultId, licensed.id]));

    const page = await answer(startLoader(routeArgs("/me/assessment", { cookie: twoAssociations.cookie })));
    expect(page.text).toContain(`Licensed framework ${run}`);
    // The member's home counts the areas of the framework they assess against, and links to it.
    const home = await homeLoader(routeArgs("/home", { cookie: licensee.cookie }));
    expect(home.framework).toMatchObject({ areas: 2 });
    expect(home.frameworks.map((framework) => framework.href)).toEqual([`/competencies/versions/${licensed.id}`]);
    const mixedHome = await homeLoader(routeArgs("/home", { cookie: twoAssociations.cookie }));
    expect(mixedHome.framework).toBeNull();
    expect(new Set(mixedHome.frameworks.map((framework) => framework.href))).toEqual(
      new Set(["/competencies", `/competencies/versions/${licensed.id}`]),
    );
    // Each framework the member may use is a link to read it first: the licensed one on its own page.
    expect(page.text).toContain(`/competencies/versions/${licensed.id}`);
    expect(page.text).toContain(`"href":"/competencies"`);
    const unchosen = await answer(startAction(routeArgs("/me/assessment", { cookie: twoAssociations.cookie, form: { intent: "start" } })));
    expect(unchosen.status).toBe(400);
    expect(unchosen.text).toContain(CHOOSE_VERSION_MESSAGE);
    // A version the member may not use is refused, even when named in the request.
    const refused = await answer(
      startAction(routeArgs("/me/assessment", { cookie: nonMember.cookie, form: { intent: "start", versionId: licensed.id } })),
    );
    expect(refused.status).toBe(400);
    const chosen = await answer(
      startAction(routeArgs("/me/assessment", { cookie: twoAssociations.cookie, form: { intent: "start", versionId: licensed.id } })),
    );
    expect(chosen.location).toBe("/me/assessment/step/1");
    expect((await prisma.assessment.findFirstOrThrow({ where: { draftOwnerId: twoAssociations.userId } })).versionId).toBe(licensed.id);
  });

  it("refuses a licensed version as the site default, and an association choosing a version not licensed to it", async () => {
    expect((await setCurrentFrameworkVersion(licensed.id)).ok).toBe(false);
    const refused = await answer(
      settingsAction(
        routeArgs(`/associations/${other.slug}/settings`, {
          params: { slug: other.slug },
          cookie: admin.cookie,
          form: { intent: "framework", frameworkVersionId: licensed.id },
        }),
      ),
    );
    expect(refused.status).toBe(400);
    // The other association's settings don't offer it; the licensor's do.
    expect((await answer(settingsLoader(routeArgs(`/associations/${other.slug}/settings`, { params: { slug: other.slug }, cookie: admin.cookie })))).text).not.toContain(licensed.id);
    expect((await answer(settingsLoader(routeArgs(`/associations/${licensor.slug}/settings`, { params: { slug: licensor.slug }, cookie: owner.cookie })))).text).toContain(licensed.id);
  });
});

type Viewer = "visitor" | "non-member" | "licensee's member" | "administrator";
const cookieOf = (viewer: Viewer) =>
  ({ visitor: null, "non-member": nonMember.cookie, "licensee's member": otherLicensee.cookie, administrator: admin.cookie })[viewer];
const READS: Record<Viewer, boolean> = { visitor: false, "non-member": false, "licensee's member": true, administrator: true };

describe("the permission matrix for a licensed version", () => {
  const viewers = Object.keys(READS) as Viewer[];

  it.each(viewers)("public pages, search and its filters never show the text (%s)", async (viewer) => {
    const cookie = cookieOf(viewer);
    // /competencies has no request-dependent data: the same for every viewer.
    for (const call of [
      () => competenciesLoader(routeArgs("/competencies", { cookie })),
      () => areaLoader(routeArgs(`/competencies/${AREA_SLUG}`, { params: { area: AREA_SLUG }, cookie })),
      // (The page repeats the query, so search for a word of the text rather than the marker itself.)
      () => searchLoader(routeArgs("/search?q=Licensed", { cookie })),
      () => searchLoader(routeArgs("/search?q=novice", { cookie })),
    ]) {
      expect(leaks((await answer(call())).text)).toBe(false);
    }
  });

  it.each(viewers)("the framework's own page: the whole text for readers, who holds it for anyone else (%s)", async (viewer) => {
    const page = await answer(
      versionPageLoader(routeArgs(`/competencies/versions/${licensed.id}`, { params: { versionId: licensed.id }, cookie: cookieOf(viewer) })),
    );
    if (READS[viewer]) {
      expect(page.status).toBe(200);
      for (const marker of [AREA_NAME, DESCRIPTOR, SUMMARY]) expect(page.text).toContain(marker);
    } else {
      expect(page.status).toBe(403);
      expect(page.text).toContain(`is licensed to ${licensor.name}`);
      expect(leaks(page.text)).toBe(false);
    }
  });

  it("the framework's own page: a draft or unknown version is not found, an open one is for everyone", async () => {
    const open = (await prisma.siteSettings.findUniqueOrThrow({ where: { id: 1 } })).currentFrameworkVersionId!;
    const visit = (versionId: string) =>
      answer(versionPageLoader(routeArgs(`/competencies/versions/${versionId}`, { params: { versionId }, cookie: null })));
    const openPage = await visit(open);
    expect(openPage.status).toBe(200);
    expect(openPage.text).toContain('"isSiteDefault":true');
    expect((await visit("no-such-version")).status).toBe(404);
    const draft = await prisma.frameworkVersion.create({
      data: { frameworkId: (await prisma.frameworkVersion.findUniqueOrThrow({ where: { id: open } })).frameworkId, version: `draft-${run}`, status: "DRAFT", introduction: "", introductionHtml: "", attribution: "", contentHash: `draft-${run}` },
      select: { id: true },
    });
    const asAdmin = await answer(
      versionPageLoader(routeArgs(`/competencies/versions/${draft.id}`, { params: { versionId: draft.id }, cookie: admin.cookie })),
    );
    expect(asAdmin.status).toBe(404);
  });

  it.each(viewers)("the member's public profile shows their stages, and the area names only to readers (%s)", async (viewer) => {
    const page = await answer(profileLoader(routeArgs(`/members/${licensee.handle}`, { params: { handle: licensee.handle }, cookie: cookieOf(viewer) })));
    expect(page.status).toBe(200);
    expect(page.text).toContain("Novice");
    expect(page.text.includes(AREA_NAME)).toBe(READS[viewer]);
    expect(page.text.includes(DESCRIPTOR)).toBe(false);
  });

  it.each(viewers)("a share link shows the member's stages and evidence, and area names only to readers (%s)", async (viewer) => {
    const page = await answer(sharedLoader(routeArgs(`/shared/${shareToken}`, { params: { token: shareToken }, cookie: cookieOf(viewer) })));
    expect(page.status).toBe(200);
    expect(page.text).toContain(EVIDENCE);
    expect(page.text).toContain("Novice");
    expect(page.text.includes(AREA_NAME)).toBe(READS[viewer]);
    // Nor their slugs, which spell them (anchors, keys: opaque for anyone else).
    expect(page.text.includes(AREA_SLUG)).toBe(READS[viewer]);
    expect(page.text.includes(DESCRIPTOR)).toBe(false);
    // A reader who sees "Area 1" is told why.
    expect(page.text.includes('"namesWithheld":true')).toBe(!READS[viewer]);
  });

  it.each(viewers)("a reviewer rates against the member's version, and sees its names and slugs only as a reader (%s)", async (viewer) => {
    if (viewer === "visitor") return; // Rating needs an account: the link sends visitors to log in.
    const reviewer = { "non-member": nonMember, "licensee's member": otherLicensee, administrator: admin }[viewer];
    const invitation = await prisma.reviewerInvitation.create({
      data: { id: `inv-${run}-${viewer.replace(/\W/g, "")}`, revieweeId: licensee.userId, email: `${viewer.replace(/\W/g, "")}-${run}@example.test`, expiresAt: new Date(Date.now() + 86_400_000), acceptedAt: new Date(), reviewerId: reviewer.userId },
      select: { id: true },
    });
    const rating = await prisma.reviewerRating.create({
      data: { invitationId: invitation.id, revieweeId: licensee.userId, reviewerId: reviewer.userId, reviewerName: "Reviewer", versionId: licensed.id },
      select: { id: true },
    });
    const url = `/review/rate/${rating.id}`;
    const form = await answer(rateLoader(routeArgs(url, { params: { ratingId: rating.id }, cookie: reviewer.cookie })));
    expect(form.status).toBe(200);
    expect(form.text.includes(AREA_NAME)).toBe(READS[viewer]);
    expect(form.text.includes(AREA_SLUG)).toBe(READS[viewer]);
    expect(form.text.includes(DESCRIPTOR)).toBe(READS[viewer]);
    // The form's keys come back and are saved against the right areas.
    const keys = (JSON.parse(form.text) as { rating: { areas: { slug: string }[] } }).rating.areas.map((area) => area.slug);
    const fields = Object.fromEntries(keys.flatMap((key, index) => [[`stage-${key}`, index === 0 ? "novice" : "expert"], [`comment-${key}`, `Seen ${index}`]]));
    const sent = await answer(rateAction(routeArgs(url, { params: { ratingId: rating.id }, cookie: reviewer.cookie, form: { ...fields, intent: "submit" } })));
    expect(sent.status).toBe(302);
    const saved = await prisma.reviewerRatingAnswer.findMany({
      where: { ratingId: rating.id },
      select: { comment: true, area: { select: { position: true } }, stage: { select: { slug: true } } },
      orderBy: { area: { position: "asc" } },
    });
    expect(saved.map((row) => [row.area.position, row.stage?.slug, row.comment])).toEqual([
      [1, "novice", "Seen 0"],
      [2, "expert", "Seen 1"],
    ]);
  });

  it("the download: administrators and the licensee's owner; a member of it 403; anyone else 404 or the login page", async () => {
    const download = (cookie: string | null) =>
      answer(exportLoader(routeArgs(`/admin/frameworks/${licensed.id}/export`, { params: { versionId: licensed.id }, cookie })));
    expect((await download(admin.cookie)).status).toBe(200);
    const owned = await download(owner.cookie);
    expect(owned.status).toBe(200);
    expect(owned.text).toContain(DESCRIPTOR);
    expect((await download(otherLicensee.cookie)).status).toBe(403);
    const stranger = await download(nonMember.cookie);
    expect(stranger.status).toBe(404);
    expect(leaks(stranger.text)).toBe(false);
    expect((await download(null)).status).toBe(302);
  });

  it("the association's insight reads its own framework for its owner", async () => {
    const insight = await getAssociationInsight(owner.actor, licensor.slug);
    expect(insight.ok).toBe(true);
    expect(JSON.stringify(insight)).toContain(AREA_NAME);
  });
});

describe("leaving, and the end of a licence", () => {
  it("a member who leaves keeps their answers, stages and evidence, without the licensed text", async () => {
    const before = await answer(ownProfileLoader(routeArgs("/me/competencies", { cookie: licensee.cookie })));
    expect(before.text).toContain(AREA_NAME);
    await prisma.associationMembership.delete({ where: { associationId_userId: { associationId: licensor.id, userId: licensee.userId } } });
    for (const call of [
      () => ownProfileLoader(routeArgs("/me/competencies", { cookie: licensee.cookie })),
      () => packLoader(routeArgs("/me/competencies/pack", { cookie: licensee.cookie })),
      () => ownCsvLoader(routeArgs("/me/competencies.csv", { cookie: licensee.cookie })),
    ]) {
      const page = await answer(call());
      expect(page.status).toBe(200);
      expect(page.text).toContain(EVIDENCE);
      expect(leaks(page.text)).toBe(false);
    }
    expect(await versionsForPerson(licensee.actor)).not.toContainEqual(expect.objectContaining({ id: licensed.id }));
  });

  it("when the licence ends, the association goes back to the site default and its members no longer read the text", async () => {
    const ended = await answer(
      rightsAction(
        routeArgs(`/admin/frameworks/${licensed.id}`, {
          params: { versionId: licensed.id },
          cookie: admin.cookie,
          form: { intent: "rights", rights: "LICENSED", licenseeIds: [other.id], rightsAttribution: "Moved.", confirmRights: "on" },
        }),
      ),
    );
    expect(ended.status).toBe(302);
    expect((await prisma.association.findUniqueOrThrow({ where: { id: licensor.id } })).frameworkVersionId).toBeNull();
    const page = await answer(profileLoader(routeArgs(`/members/${licensee.handle}`, { params: { handle: licensee.handle }, cookie: otherLicensee.cookie })));
    expect(page.text.includes(AREA_NAME)).toBe(false);
    // …while a member of the new licensee reads it.
    const reader = await answer(sharedLoader(routeArgs(`/shared/${shareToken}`, { params: { token: shareToken }, cookie: nonMember.cookie })));
    expect(reader.text).toContain(AREA_NAME);
  });

  it("refuses a licensed version without its licensees, notice and confirmation, keeping what was typed", async () => {
    const refused = await answer(
      rightsAction(
        routeArgs(`/admin/frameworks/${licensed.id}`, {
          params: { versionId: licensed.id },
          cookie: admin.cookie,
          form: { intent: "rights", rights: "LICENSED", rightsAttribution: "Kept text" },
        }),
      ),
    );
    expect(refused.status).toBe(400);
    expect(refused.text).toContain("licenseeIds");
    expect(refused.text).toContain("confirmRights");
    expect(refused.text).toContain("Kept text");
  });
});
