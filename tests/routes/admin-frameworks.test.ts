// The framework administration routes, driven through their loaders and actions with real Requests.
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { signUpConfirmed } from "../fixtures/members";
import { prisma } from "~/utils/db.server";
import { seed } from "../../prisma/seed";
import { makeFrameworkDocument } from "../fixtures/framework-document";
import { routeArgs } from "../fixtures/route-args";
import { loader as exportLoader } from "~/routes/admin/admin.frameworks.$versionId_.export";
import { action as previewAction, loader as previewLoader } from "~/routes/admin/admin.frameworks.$versionId";
import { action as listAction, loader as listLoader } from "~/routes/admin/admin.frameworks._index";
import { flashOf } from "../fixtures/flash";
import { LICENSEE_CHOICES } from "~/domain/competencies/licences.server";

async function newMember(role: "MEMBER" | "ADMIN" = "MEMBER") {
  const result = await signUpConfirmed({
    email: `${crypto.randomUUID()}@example.org`,
    password: "quiet orchard morning",
    displayName: role === "ADMIN" ? "Site Admin" : "Plain Member",
  });
  if (!result.ok) throw new Error("sign-up failed");
  if (role === "ADMIN") await prisma.user.update({ where: { id: result.value.userId }, data: { role: "ADMIN" } });
  return `cme_session=${result.value.token}`;
}

/** A multipart upload as the import form's browser would send it. */
function uploadArgs(files: { name: string; text: string }[], cookie: string | null) {
  const body = new FormData();
  body.append("intent", "import");
  for (const file of files) body.append("files", new File([file.text], file.name, { type: "text/markdown" }));
  const headers = new Headers();
  if (cookie) headers.set("Cookie", cookie);
  return {
    request: new Request("http://localhost/admin/frameworks", { method: "POST", headers, body }),
    params: {},
    context: { cspNonce: "test", clientIp: "192.0.2.1" },
  };
}

/** What a loader or action answered: a returned or thrown Response, data(…), or plain data. */
async function answer(promise: Promise<unknown>): Promise<{ status: number; body: unknown; response: Response | null }> {
  const result = await promise.catch((error: unknown) => {
    if (error instanceof Response) return error;
    throw error;
  });
  if (result instanceof Response) return { status: result.status, body: null, response: result };
  if (result && typeof result === "object" && "init" in result && "data" in result) {
    const { data, init } = result as { data: unknown; init: ResponseInit | null };
    return { status: init?.status ?? 200, body: data, response: null };
  }
  return { status: 200, body: result, response: null };
}

const STARTER = path.resolve("content/frameworks/cme-commons-starter");

let restoreCurrent: string | null = null;
afterEach(async () => {
  if (restoreCurrent) await prisma.siteSettings.update({ where: { id: 1 }, data: { currentFrameworkVersionId: restoreCurrent } });
  restoreCurrent = null;
});

describe("/admin/frameworks", () => {
  it("sends a visitor to log in and answers a plain member 403, from every loader and action", async () => {
    await seed();
    const versionId = (await prisma.siteSettings.findUniqueOrThrow({ where: { id: 1 } })).currentFrameworkVersionId!;
    const member = await newMember();
    for (const cookie of [null, member]) {
      // Called one at a time: a call started early could reject before anyone awaits it.
      const calls = [
        () => listLoader(routeArgs("/admin/frameworks", { cookie })),
        () => listAction(routeArgs("/admin/frameworks", { cookie, form: { intent: "use", versionId } })),
        () => listAction(uploadArgs([{ name: "f.json", text: "{}" }], cookie)),
        () => previewLoader(routeArgs(`/admin/frameworks/${versionId}`, { cookie, params: { versionId } })),
        () => previewAction(routeArgs(`/admin/frameworks/${versionId}`, { cookie, params: { versionId }, form: { intent: "publish" } })),
        () => previewAction(routeArgs(`/admin/frameworks/${versionId}`, { cookie, params: { versionId }, form: { intent: "use" } })),
        () => exportLoader(routeArgs(`/admin/frameworks/${versionId}/export`, { cookie, params: { versionId } })),
      ];
      for (const call of calls) {
        const { status, response } = await answer(call());
        if (cookie === null) {
          expect(status).toBe(302);
          expect(response!.headers.get("Location")).toMatch(/^\/login\?redirectTo=%2Fadmin%2Fframeworks/);
        } else {
          expect(status).toBe(403);
        }
      }
    }
    expect(await prisma.siteSettings.findUniqueOrThrow({ where: { id: 1 } })).toMatchObject({ currentFrameworkVersionId: versionId });
  });

  it("lets an admin import, preview, publish, switch the version in use and download JSON", async () => {
    await seed();
    restoreCurrent = (await prisma.siteSettings.findUniqueOrThrow({ where: { id: 1 } })).currentFrameworkVersionId;
    const admin = await newMember("ADMIN");
    const slug = `demo-${crypto.randomUUID().slice(0, 8)}`;
    const document = makeFrameworkDocument({ slug, name: `Imported ${slug}` });

    // Import (as one JSON file): a draft, and the redirect goes to its preview.
    const imported = await answer(listAction(uploadArgs([{ name: "demo.json", text: JSON.stringify(document) }], admin)));
    expect(imported.status).toBe(302);
    const location = imported.response!.headers.get("Location")!;
    const versionId = /^\/admin\/frameworks\/([^/?]+)$/.exec(location)?.[1];
    expect(versionId).toBeTruthy();
    const params = { versionId: versionId! };

    expect(await flashOf(imported.response!)).toMatch(/^Imported as a draft/);
    const preview = await answer(previewLoader(routeArgs(location, { cookie: admin, params })));
    expect(preview.body).toMatchObject({
      version: { status: "DRAFT", isCurrent: false, framework: { name: `Imported ${slug}` } },
      stages: [{ name: "Novice" }, { name: "Expert" }],
      areas: [
        { name: "One", descriptors: [{ stageName: "Novice", text: "a" }, { stageName: "Expert", text: "b" }] },
        { name: "Two", descriptors: [{ stageName: "Novice", text: "c" }, { stageName: "Expert", text: "d" }] },
      ],
      canPublish: true,
      canUse: false,
    });

    // A draft can't be chosen for new assessments.
    const early = await answer(previewAction(routeArgs(location, { cookie: admin, params, form: { intent: "use" } })));
    expect(early).toMatchObject({ status: 409, body: { problems: [expect.stringMatching(/Only a published version/)] } });

    // Publish, then use it for new assessments.
    const published = await answer(previewAction(routeArgs(location, { cookie: admin, params, form: { intent: "publish" } })));
    expect(published.response!.headers.get("Location")).toBe(`/admin/frameworks/${versionId}`);
    expect(await flashOf(published.response!)).toMatch(/^Published\./);
    const used = await answer(listAction(routeArgs("/admin/frameworks", { cookie: admin, form: { intent: "use", versionId: versionId! } })));
    expect(used.response!.headers.get("Location")).toBe("/admin/frameworks");

    const list = await answer(listLoader(routeArgs("/admin/frameworks", { cookie: admin })));
    const rows = (list.body as { versions: { id: string; status: string; isCurrent: boolean }[] }).versions;
    expect(rows.find((row) => row.id === versionId)).toMatchObject({ status: "PUBLISHED", isCurrent: true });
    expect(rows.find((row) => row.id === restoreCurrent)).toMatchObject({ isCurrent: false });

    // Re-importing the published version is refused, and says why.
    const again = await answer(
      listAction(uploadArgs([{ name: "demo.json", text: JSON.stringify({ ...document, introduction: "Changed" }) }], admin)),
    );
    expect(again).toMatchObject({ status: 409, body: { problems: [expect.stringMatching(/already exists and is published/)] } });

    // Download: an attachment that imports back to the same document.
    const download = await answer(exportLoader(routeArgs(`/admin/frameworks/${versionId}/export`, { cookie: admin, params })));
    expect(download.response!.headers.get("Content-Disposition")).toBe(`attachment; filename="${slug}-1.0.json"`);
    expect(download.response!.headers.get("Content-Type")).toMatch(/^application\/json/);
    expect(await download.response!.json()).toEqual(JSON.parse(JSON.stringify(document)));

    // Unknown versions are 404s.
    const missing = { versionId: "no-such-version" };
    expect((await answer(previewLoader(routeArgs("/admin/frameworks/no-such-version", { cookie: admin, params: missing })))).status).toBe(404);
    expect((await answer(exportLoader(routeArgs("/admin/frameworks/no-such-version/export", { cookie: admin, params: missing })))).status).toBe(404);
  });

  it("imports the starter Markdown files, and rejects a malformed upload with every problem and no new rows", async () => {
    await seed();
    const admin = await newMember("ADMIN");
    const areaNames = (await readdir(path.join(STARTER, "areas"))).filter((name) => name.endsWith(".md"));
    const framework = (await readFile(path.join(STARTER, "framework.md"), "utf8")).replace(/^version: .*$/m, 'version: "2099.1"');
    const areas = await Promise.all(
      areaNames.map(async (name) => ({ name, text: await readFile(path.join(STARTER, "areas", name), "utf8") })),
    );

    const versionsBefore = await prisma.frameworkVersion.count();
    const broken = [
      { name: "framework.md", text: framework },
      { ...areas[0]!, text: areas[0]!.text.replace(/^ {2}novice: .*\n/m, "") },
      { ...areas[1]!, text: "---\nslug: [unclosed\n---\nBody" },
      ...areas.slice(2),
    ];
    const rejected = await answer(listAction(uploadArgs(broken, admin)));
    expect(rejected.status).toBe(400);
    const problems = (rejected.body as { problems: string[] }).problems;
    expect(problems).toEqual([
      expect.stringMatching(/^02-educational-interventions\.md: front matter is not valid YAML/),
      expect.stringMatching(/^01-adult-learning-principles\.md: descriptors: .*no descriptor for stage\(s\): novice/),
    ]);
    expect(await prisma.frameworkVersion.count()).toBe(versionsBefore);

    const accepted = await answer(listAction(uploadArgs([{ name: "framework.md", text: framework }, ...areas], admin)));
    expect(accepted.status).toBe(302);
    const versionId = /^\/admin\/frameworks\/([^/?]+)/.exec(accepted.response!.headers.get("Location")!)![1]!;
    expect(await prisma.frameworkVersion.findUniqueOrThrow({ where: { id: versionId }, select: { version: true, status: true } })).toEqual({
      version: "2099.1",
      status: "DRAFT",
    });
    expect(await prisma.competencyArea.count({ where: { versionId } })).toBe(8);
  });

  it("lists licensee choices by search, at most one list's worth, and always the version's current licensees", async () => {
    await seed();
    const admin = await newMember("ADMIN");
    const run = crypto.randomUUID().slice(0, 8);
    const document = makeFrameworkDocument({ slug: `licensed-${run}`, name: `Licensed ${run}` });
    const imported = await answer(listAction(uploadArgs([{ name: "demo.json", text: JSON.stringify(document) }], admin)));
    const versionId = imported.response!.headers.get("Location")!.split("/").at(-1)!;
    // More associations named for this run than one list holds, and a licensee the list's first page would not reach.
    await prisma.association.createMany({
      data: Array.from({ length: LICENSEE_CHOICES + 1 }, (_, i) => ({
        slug: `lic-${run}-${i}`,
        name: `Licensee ${run} ${String(i).padStart(3, "0")}`,
        description: "",
        descriptionHtml: "",
      })),
    });
    const holder = await prisma.association.create({
      data: { slug: `holder-${run}`, name: `Zz holder ${run}`, description: "", descriptionHtml: "" },
      select: { id: true, name: true },
    });
    await prisma.frameworkVersion.update({ where: { id: versionId }, data: { rights: "LICENSED", licences: { create: { associationId: holder.id } } } });

    type Choices = { associations: { id: string; name: string }[]; search: string; total: number; shown: number };
    const choicesFor = async (search: string) => {
      const url = `/admin/frameworks/${versionId}?licensee=${encodeURIComponent(search)}`;
      const page = await answer(previewLoader(routeArgs(url, { cookie: admin, params: { versionId } })));
      return (page.body as { associations: Choices }).associations;
    };

    const many = await choicesFor(`Licensee ${run}`);
    expect(many).toMatchObject({ search: `Licensee ${run}`, total: LICENSEE_CHOICES + 1, shown: LICENSEE_CHOICES });
    // The current licensee is listed although it matches nothing, so saving the form keeps it.
    expect(many.associations.map((association) => association.name)).toContain(holder.name);
    expect(many.associations).toHaveLength(LICENSEE_CHOICES + 1);
    expect(many.associations.map((association) => association.name)).not.toContain(`Licensee ${run} 200`);

    const one = await choicesFor(`licensee ${run} 200`);
    expect(one).toMatchObject({ total: 1, shown: 1 });
    expect(one.associations.map((association) => association.name)).toEqual([`Licensee ${run} 200`, holder.name]);

    // The import page lists by search too (no version: no licensees to keep).
    const list = await answer(listLoader(routeArgs(`/admin/frameworks?licensee=${encodeURIComponent(`licensee ${run} 007`)}`, { cookie: admin })));
    expect((list.body as { associations: Choices }).associations.associations.map((association) => association.name)).toEqual([`Licensee ${run} 007`]);
  });
});
