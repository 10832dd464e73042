// The crosswalk admin routes, driven through their loaders and actions with real Requests.
import { beforeAll, describe, expect, it } from "vitest";
import { seed } from "../../prisma/seed";
import { areaId, currentVersion, publishFramework, type TestVersion } from "../fixtures/crosswalk";
import { createAssociation } from "../fixtures/forum";
import { flashOf } from "../fixtures/flash";
import { createTestMember, type TestMember } from "../fixtures/members";
import { routeArgs } from "../fixtures/route-args";
import { action, loader } from "~/routes/admin/admin.frameworks.$versionId_.crosswalks.$toVersionId";
import { loader as exportLoader } from "~/routes/admin/admin.frameworks.$versionId_.crosswalks.$toVersionId_.export";
import { prisma } from "~/utils/db.server";
import { saveFrameworkVersion } from "~/domain/competencies/frameworks.server";
import { expectOk } from "~/utils/result";
import { makeFrameworkDocument } from "../fixtures/framework-document";

let starter: TestVersion;
let admin: TestMember;

beforeAll(async () => {
  await seed();
  starter = await currentVersion();
  admin = await createTestMember({ role: "ADMIN" });
});

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

const url = (newer: TestVersion) => `/admin/frameworks/${starter.id}/crosswalks/${newer.id}`;
const params = (newer: TestVersion) => ({ versionId: starter.id, toVersionId: newer.id });

function upload(newer: TestVersion, cookie: string, file: { name: string; text: string }) {
  const body = new FormData();
  body.append("intent", "import");
  body.append("file", new File([file.text], file.name));
  return {
    request: new Request(`http://localhost${url(newer)}`, { method: "POST", headers: { Cookie: cookie }, body }),
    params: params(newer),
    context: { cspNonce: "test", clientIp: "192.0.2.1" },
  };
}

describe("/admin/frameworks/:versionId/crosswalks/:toVersionId", () => {
  it("is for site administrators only, in the loader and in the action", async () => {
    const newer = await publishFramework(["learning-science", "partnership"]);
    const member = await createTestMember();
    expect((await answer(loader(routeArgs(url(newer), { params: params(newer), cookie: member.cookie })))).status).toBe(403);
    const post = routeArgs(url(newer), { params: params(newer), cookie: member.cookie, form: { intent: "save", note: "x" } });
    expect((await answer(action(post))).status).toBe(403);
    const visitor = await answer(loader(routeArgs(url(newer), { params: params(newer) })));
    expect(visitor.status).toBe(302);
    expect((await answer(loader(routeArgs(url(newer), { params: params(newer), cookie: admin.cookie })))).status).toBe(200);
    // Either direction between two frameworks; never between two versions of one framework (they match by slug).
    const reverse = await answer(loader(routeArgs("/x", { params: { versionId: newer.id, toVersionId: starter.id }, cookie: admin.cookie })));
    expect(reverse.status).toBe(200);
    const { versionId: secondId } = expectOk(
      await saveFrameworkVersion(makeFrameworkDocument({ slug: newer.frameworkSlug, version: "2.0" }), `hash-${newer.id}-2`, { publish: true }),
    );
    const sameFramework = await answer(loader(routeArgs("/x", { params: { versionId: newer.id, toVersionId: secondId }, cookie: admin.cookie })));
    expect(sameFramework.status).toBe(400);
    expect(await sameFramework.response!.text()).toMatch(/same framework/);
    expect((await answer(loader(routeArgs("/x", { params: { versionId: starter.id, toVersionId: "missing" }, cookie: admin.cookie })))).status).toBe(404);
  });

  it("saves the form, keeps what was typed beside field errors, and downloads JSON and CSV", async () => {
    const newer = await publishFramework(["learning-science", "partnership"], { stageCount: 4 });
    const form = {
      intent: "save",
      note: "Editors' table of March.",
      [`to.${areaId(starter, "collaboration")}`]: areaId(newer, "partnership"),
      [`to.${areaId(starter, "leadership")}`]: areaId(newer, "partnership"),
      [`areaNote.${areaId(starter, "leadership")}`]: "Merged",
    };
    // The scales differ (5 and 4): every older stage needs a newer one.
    const refused = await answer(action(routeArgs(url(newer), { params: params(newer), cookie: admin.cookie, form })));
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ fieldErrors: { stages: [expect.stringMatching(/scales differ/)] }, values: { note: "Editors' table of March." } });

    const stages = { "stage.1": "1", "stage.2": "2", "stage.3": "3", "stage.4": "4", "stage.5": "4" };
    const saved = await answer(action(routeArgs(url(newer), { params: params(newer), cookie: admin.cookie, form: { ...form, ...stages } })));
    expect(saved.status).toBe(302);
    expect(await flashOf(saved.response!)).toMatch(/crosswalk was saved/);

    const json = await answer(exportLoader(routeArgs(`${url(newer)}/export?format=json`, { params: params(newer), cookie: admin.cookie })));
    expect(json.response?.headers.get("Content-Type")).toMatch(/application\/json/);
    const document = await json.response!.json();
    expect(document).toMatchObject({ note: "Editors' table of March.", stages: expect.arrayContaining([{ from: 5, to: 4 }]) });
    expect(document.areas).toContainEqual({ from: "leadership", to: "partnership", note: "Merged" });

    const csv = await answer(exportLoader(routeArgs(`${url(newer)}/export?format=csv`, { params: params(newer), cookie: admin.cookie })));
    expect(await csv.response!.text()).toMatch(/^type,from,to,note\r\ncrosswalk,.*\r\narea,collaboration,partnership,\r\n/);
    expect((await answer(exportLoader(routeArgs(`${url(newer)}/export?format=xml`, { params: params(newer), cookie: admin.cookie })))).status).toBe(400);
    const member = await createTestMember();
    expect((await answer(exportLoader(routeArgs(`${url(newer)}/export`, { params: params(newer), cookie: member.cookie })))).status).toBe(403);
  });

  it("imports a CSV file, and refuses a broken one with a 400 and the problems beside the file field", async () => {
    const newer = await publishFramework(["learning-science", "partnership"]);
    const broken = await answer(action(upload(newer, admin.cookie, { name: "cw.csv", text: "type,from,to,note\narea,collaboration,nowhere,\n" })));
    expect(broken.status).toBe(400);
    expect(broken.body).toMatchObject({ fieldErrors: { file: [expect.stringMatching(/nowhere/)] } });
    const noNote = await answer(action(upload(newer, admin.cookie, { name: "cw.csv", text: "type,from,to,note\narea,collaboration,partnership,\n" })));
    expect(noNote.status).toBe(400);
    expect(noNote.body).toMatchObject({ fieldErrors: { file: [expect.stringMatching(/how the editions were matched/)] } });
    const notAFile = await answer(action(upload(newer, admin.cookie, { name: "cw.json", text: "[" })));
    expect(notAFile.status).toBe(400);

    const imported = await answer(
      action(
        upload(newer, admin.cookie, {
          name: "cw.csv",
          text: 'type,from,to,note\ncrosswalk,,,"Agreed, at last"\narea,adult-learning-principles,learning-science,\narea,collaboration,partnership,\n',
        }),
      ),
    );
    expect(imported.status).toBe(302);
    const saved = await prisma.frameworkCrosswalk.findUniqueOrThrow({
      where: { fromVersionId_toVersionId: { fromVersionId: starter.id, toVersionId: newer.id } },
      select: { note: true, savedById: true, _count: { select: { areaLinks: true } } },
    });
    expect(saved).toEqual({ note: "Agreed, at last", savedById: admin.userId, _count: { areaLinks: 2 } });
  });

  it("downloads a crosswalk with a licensed version only for someone allowed to download that version", async () => {
    const newer = await publishFramework(["learning-science", "partnership"]);
    const licensee = await createAssociation([]);
    await prisma.frameworkVersion.update({ where: { id: newer.id }, data: { rights: "LICENSED", licences: { create: { associationId: licensee.id } } } });
    await prisma.frameworkCrosswalk.create({
      data: {
        fromVersionId: starter.id,
        toVersionId: newer.id,
        note: "Licensed pair",
        areaLinks: { create: [{ fromAreaId: areaId(starter, "collaboration"), toAreaId: areaId(newer, "partnership") }] },
      },
    });
    const ok = await answer(exportLoader(routeArgs(`${url(newer)}/export`, { params: params(newer), cookie: admin.cookie })));
    expect(ok.status).toBe(200);
  });
});
