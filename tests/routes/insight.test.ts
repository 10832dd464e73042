import { beforeAll, describe, expect, it } from "vitest";
import { addMember, createAssociation } from "../fixtures/forum";
import { SUPPRESSED_TEXT } from "~/domain/insight/policy";
import { countQueries, prisma } from "~/utils/db.server";
import { seed } from "../../prisma/seed";
import { createTestMember, type TestMember } from "../fixtures/members";
import { routeArgs } from "../fixtures/route-args";
import { loader as pageLoader } from "~/routes/associations/associations.$slug._index";
import { loader as insightLoader } from "~/routes/associations/associations.$slug.insight";
import { loader as csvLoader } from "~/routes/associations/associations.$slug.insight[.]csv";
import * as insightRoute from "~/routes/associations/associations.$slug.insight";
import { action as profileAction, loader as profileLoader } from "~/routes/accounts/settings.profile";
import { pageHandler } from "../fixtures/route-page";

const run = Math.random().toString(36).slice(2, 8);
let versionId: string;
let areas: { id: string; name: string }[];
let stages: { id: string; name: string; position: number }[];

beforeAll(async () => {
  await seed();
  const settings = await prisma.siteSettings.findUniqueOrThrow({ where: { id: 1 }, select: { currentFrameworkVersionId: true } });
  versionId = settings.currentFrameworkVersionId!;
  [areas, stages] = await Promise.all([
    prisma.competencyArea.findMany({ where: { versionId }, orderBy: { position: "asc" }, select: { id: true, name: true } }),
    prisma.proficiencyStage.findMany({ where: { versionId }, orderBy: { position: "asc" }, select: { id: true, name: true, position: true } }),
  ]);
});

async function thrown(promise: Promise<unknown>): Promise<Response> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(Response);
  return error as Response;
}

/** A submitted assessment rating the first area only, at `position`. */
async function assessFirstArea(userId: string, position: number) {
  const { id } = await prisma.assessment.create({
    data: {
      userId,
      versionId,
      draftOwnerId: userId,
      answers: { create: [{ areaId: areas[0]!.id, stageId: stages.find((s) => s.position === position)!.id }] },
    },
    select: { id: true },
  });
  await prisma.assessment.update({
    where: { id },
    data: { status: "SUBMITTED", submittedAt: new Date(Date.now() - 86_400_000), draftOwnerId: null },
    select: { id: true },
  });
}

/** An association with an owner, a moderator and `n` plain members, each of whom rated the first area. */
async function setUp(n: number) {
  const owner = await createTestMember();
  const moderator = await createTestMember();
  const members: TestMember[] = [];
  for (let i = 0; i < n; i++) members.push(await createTestMember({ profile: { displayName: `Contributor ${run} ${i}` } }));
  const association = await createAssociation([
    { userId: owner.userId, role: "OWNER" },
    { userId: moderator.userId, role: "MODERATOR" },
    ...members.map((m) => ({ userId: m.userId })),
  ]);
  for (const [index, member] of members.entries()) await assessFirstArea(member.userId, (index % 5) + 1);
  return { owner, moderator, members, association };
}

const pageUrl = (slug: string) => `/associations/${slug}/insight`;
const csvUrl = (slug: string) => `/associations/${slug}/insight.csv`;

describe("who may open the insight page and its CSV", () => {
  it("sends visitors to log in, refuses plain members and outsiders, and lets those who run it in", async () => {
    const { owner, moderator, members, association } = await setUp(1);
    const admin = await createTestMember({ role: "ADMIN" });
    const outsider = await createTestMember();
    const { slug } = association;

    for (const [url, loader] of [
      [pageUrl(slug), insightLoader],
      [csvUrl(slug), csvLoader],
    ] as const) {
      const args = (cookie: string | null) => routeArgs(url, { params: { slug }, cookie });
      const visitor = await thrown(loader(args(null)));
      expect(visitor.status).toBe(302);
      expect(visitor.headers.get("Location")).toBe(`/login?redirectTo=${encodeURIComponent(url)}`);
      expect((await thrown(loader(args(outsider.cookie)))).status).toBe(403);
      expect((await thrown(loader(args(members[0]!.cookie)))).status).toBe(403);
      for (const allowed of [owner, moderator, admin]) {
        const result = await loader(args(allowed.cookie));
        if (result instanceof Response) expect(result.status).toBe(200);
        else expect(result.association.slug).toBe(slug);
      }
      const missing = `no-such-${run}`;
      const notFound = await thrown(
        loader(routeArgs(url.replace(slug, missing), { params: { slug: missing }, cookie: owner.cookie })),
      );
      expect(notFound.status).toBe(404);
    }
  });

  it("links to it from the association page for the owner and moderators only", async () => {
    const { owner, moderator, members, association } = await setUp(1);
    const { slug } = association;
    const can = async (cookie: string | null) =>
      (await pageLoader(routeArgs(`/associations/${slug}`, { params: { slug }, cookie }))).can.viewInsight;
    expect(await can(owner.cookie)).toBe(true);
    expect(await can(moderator.cookie)).toBe(true);
    expect(await can(members[0]!.cookie)).toBe(false);
    expect(await can(null)).toBe(false);
  });
});

describe("the insight page", () => {
  it("withholds a group of 4, shows a group of 5, and never hands over a contributor", async () => {
    const { owner, members, association } = await setUp(4);
    const { slug } = association;
    const load = () => insightLoader(routeArgs(pageUrl(slug), { params: { slug }, cookie: owner.cookie }));

    const four = await load();
    expect(four.areas[0]!.now).toEqual({ shown: false });
    // The whole group is counted (it is not a figure of any area), so the page can say how many more are needed.
    expect(four.contributors).toEqual({ now: 4, then: 0 });

    const fifth = await createTestMember({ profile: { displayName: `Contributor ${run} fifth` } });
    await addMember(association.id, fifth.userId);
    await assessFirstArea(fifth.userId, 5);
    members.push(fifth);

    const { result: five, queries } = await countQueries(load);
    expect(five.areas[0]!.now).toMatchObject({ shown: true, members: 5, median: { value: 3 } });
    if (five.areas[0]!.now.shown) expect(five.areas[0]!.now.stages.map((s) => s.members)).toEqual([1, 1, 1, 1, 1]);
    // The session (3), the association with the viewer's membership (1), then
    // stages, pathways and activity (3): within the 8-per-page budget.
    expect(queries).toBeLessThanOrEqual(7);

    const text = JSON.stringify(five);
    for (const member of members) {
      expect(text).not.toContain(member.userId);
      expect(text).not.toContain(member.handle);
      expect(text).not.toContain(member.displayName);
    }
  });
});

describe("the insight page for a small association", () => {
  const handle = pageHandler("routes/associations/associations.$slug.insight", "associations/:slug/insight", insightRoute);
  const page = async (slug: string, cookie: string) => {
    const response = await handle(new Request(`http://localhost${pageUrl(slug)}`, { headers: { Cookie: cookie } }), {
      cspNonce: "test",
      clientIp: "192.0.2.1",
    });
    expect(response.status).toBe(200);
    // The text as read: tags out, entities and spaces as one.
    return (await response.text())
      .replace(/<!-- -->/g, "")
      .replace(/<[^>]+>/g, " ")
      .replace(/&#x27;|&#39;/g, "'")
      .replace(/&amp;/g, "&")
      .replace(/\s+/g, " ");
  };
  const count = (text: string, part: string) => text.split(part).length - 1;

  it("says once how many members contribute and how many more are needed, and shows no area", async () => {
    const { owner, association } = await setUp(3);
    const text = await page(association.slug, owner.cookie);
    expect(count(text, "3 members’ self-assessments count towards these figures")).toBe(1);
    expect(count(text, "2 more are needed")).toBe(1);
    expect(text).not.toContain(SUPPRESSED_TEXT);
    expect(text).not.toContain("Self-assessed stages per area");
    expect(text).not.toContain("Change over twelve months");
    for (const area of areas) expect(text).not.toContain(area.name);

    const csvResponse = (await csvLoader(routeArgs(csvUrl(association.slug), { params: { slug: association.slug }, cookie: owner.cookie }))) as Response;
    const csv = (await csvResponse.text())
      .replace(/^\uFEFF/, "")
      .trimEnd()
      .split("\r\n");
    const stageLines = csv.filter((line) => line.startsWith("Self-assessed stages,"));
    expect(stageLines.map((line) => line.split(",").slice(3).join(","))).toEqual([
      "Members contributing,3",
      `All figures,${SUPPRESSED_TEXT}: 2 more contributing members needed`,
    ]);
  });

  it("shows the areas enough members rated and names the others together, once", async () => {
    const { owner, association } = await setUp(5);
    const text = await page(association.slug, owner.cookie);
    expect(text).toContain("5 members contribute");
    expect(text).not.toContain(SUPPRESSED_TEXT);
    expect(count(text, "Not shown, because fewer than 5 members rated each of them:")).toBe(1);
    // Every other area is named in that one note and nowhere else on the page.
    for (const area of areas.slice(1)) expect(count(text, area.name)).toBe(1);
    // The rated area has its chart and its row in the table.
    expect(text).toContain(`Self-assessed stages in ${areas[0]!.name}`);
    // Nobody had assessed a year ago: no change is drawn, and the page says so once.
    expect(count(text, "No change can be shown yet")).toBe(1);
    expect(text).not.toContain("Median self-assessed stage per area, twelve months ago and now");
  });
});

describe("the CSV download", () => {
  it("is an attachment with a header row, the figures, and words where a figure is withheld", async () => {
    const { owner, association } = await setUp(5);
    const { slug } = association;
    await prisma.pathway.create({
      data: {
        slug: `insight-csv-${run}`,
        title: `=HYPERLINK("https://evil.example") ${run}`,
        summary: "",
        summaryHtml: "",
        kind: "CAREER",
        status: "PUBLISHED",
        associationId: association.id,
      },
    });
    const response = (await csvLoader(routeArgs(csvUrl(slug), { params: { slug }, cookie: owner.cookie }))) as Response;
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("Content-Disposition")).toMatch(new RegExp(`^attachment; filename="insight-${slug}-\\d{4}-\\d{2}-\\d{2}\\.csv"$`));
    const text = await response.text();
    const lines = text.replace(/^\uFEFF/, "").trimEnd().split("\r\n");
    expect(lines[0]).toBe("Section,Area or pathway,Period,Measure,Value");

    const first = areas[0]!.name;
    const latest = lines.filter((line) => line.startsWith(`Self-assessed stages,${first},Latest`));
    expect(latest.map((line) => line.split(",").slice(3).join(","))).toEqual([
      "Members counted,5",
      ...stages.map((stage) => `Stage ${stage.position}: ${stage.name},1`),
      `Median stage,${stages[2]!.name}`,
      "Median stage (position),3",
    ]);
    expect(lines).toContain(`Self-assessed stages,,${latest[0]!.split(",")[2]},Members contributing,5`);
    // The other areas have no ratings: withheld together on one line, in words, as the page names them once.
    const withheld = lines.filter((line) => line.endsWith(`,All figures,${SUPPRESSED_TEXT}`));
    expect(withheld).toHaveLength(2);
    for (const area of areas.slice(1)) expect(withheld[0]).toContain(area.name);
    expect(withheld[0]).not.toContain(first);
    // Nobody had assessed twelve months ago, so no change is given: the first area is among last year's withheld.
    expect(withheld[1]).toContain(first);
    expect(lines.filter((line) => line.includes("Change in median"))).toEqual([]);
    // A title a spreadsheet would run as a formula opens as text.
    expect(text).toContain(`Pathways,"'=HYPERLINK(""https://evil.example"") ${run}"`);
    expect(text).not.toMatch(/(^|,)=HYPERLINK/m);
    expect(lines.filter((line) => line.startsWith("Forum activity,"))).toHaveLength(36);
  });
});

describe("the privacy setting", () => {
  const form = (member: TestMember, extra: Record<string, string> = {}) => ({
    displayName: member.displayName,
    handle: member.handle,
    professionalVisibility: "MEMBERS",
    backgroundVisibility: "MEMBERS",
    bioVisibility: "MEMBERS",
    competencyVisibility: "PRIVATE",
    ...extra,
  });

  it("starts ticked, and unticking it takes the member out of their associations' figures", async () => {
    const { owner, members, association } = await setUp(5);
    const { slug } = association;
    const member = members[0]!;
    const edit = await profileLoader(routeArgs("/settings/profile", { cookie: member.cookie }));
    expect(edit.profile.countInInsight).toBe(true);
    const figure = async () =>
      (await insightLoader(routeArgs(pageUrl(slug), { params: { slug }, cookie: owner.cookie }))).areas[0]!.now;
    expect(await figure()).toMatchObject({ shown: true, members: 5 });

    // An unticked checkbox sends nothing.
    const off = (await profileAction(routeArgs("/settings/profile", { cookie: member.cookie, form: form(member) }))) as Response;
    expect(off.status).toBe(302);
    expect((await profileLoader(routeArgs("/settings/profile", { cookie: member.cookie }))).profile.countInInsight).toBe(false);
    expect(await figure()).toEqual({ shown: false });

    const on = (await profileAction(
      routeArgs("/settings/profile", { cookie: member.cookie, form: form(member, { countInInsight: "on" }) }),
    )) as Response;
    expect(on.status).toBe(302);
    expect(await figure()).toMatchObject({ shown: true, members: 5 });
  });

  it("answers a field error for a value a checkbox cannot send, keeping the rest", async () => {
    const member = await createTestMember();
    const result = (await profileAction(
      routeArgs("/settings/profile", { cookie: member.cookie, form: form(member, { countInInsight: "maybe", jobTitle: "Kept" }) }),
    )) as { error?: Record<string, string[]>; initialValue?: Record<string, unknown> };
    expect(result).not.toBeInstanceOf(Response);
    expect(Object.keys(result.error ?? {})).toEqual(["countInInsight"]);
    expect(result.initialValue).toMatchObject({ jobTitle: "Kept" });
    const saved = await prisma.profile.findUniqueOrThrow({ where: { userId: member.userId }, select: { countInInsight: true } });
    expect(saved.countInInsight).toBe(true);
  });
});
