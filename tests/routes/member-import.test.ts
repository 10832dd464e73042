// Member import and members' data, through the routes with real Requests:
// /associations/:slug/import (upload), /import/:id (dry run, confirm),
// /import/template.csv, /lapsed, /members.csv, /settings/email (email visible
// to owners) and /settings/account/data.json|html. Who may do what, what a
// bad upload answers, and what each download holds.
import { beforeAll, describe, expect, it } from "vitest";
import { createAssociation } from "~/domain/associations/associations.server";
import { addMember } from "~/domain/associations/memberships.server";
import { action as importAction, loader as importLoader } from "~/routes/associations/associations.$slug.import._index";
import { action as fileAction, loader as fileLoader } from "~/routes/associations/associations.$slug.import.$id";
import { loader as templateLoader } from "~/routes/associations/associations.$slug.import.template[.]csv";
import { action as lapsedAction, loader as lapsedLoader } from "~/routes/associations/associations.$slug.lapsed";
import { loader as membersCsvLoader } from "~/routes/associations/associations.$slug.members[.]csv";
import { action as emailAction, loader as emailLoader } from "~/routes/accounts/settings.email";
import { loader as dataJsonLoader } from "~/routes/accounts/settings_.account.data[.]json";
import { loader as dataHtmlLoader } from "~/routes/accounts/settings_.account.data[.]html";
import { prisma } from "~/utils/db.server";
import { runJobsUntilIdle } from "~/utils/jobs.server";
import { memberImportJobHandlers } from "~/domain/associations/member-import.server";
import { seed } from "../../prisma/seed";
import { flashOf } from "../fixtures/flash";
import { createTestMember, type TestMember } from "../fixtures/members";
import { routeArgs } from "../fixtures/route-args";

const run = Math.random().toString(36).slice(2, 8);
let count = 0;

beforeAll(async () => {
  await seed();
});

async function association(owner: TestMember) {
  count += 1;
  const slug = `mi-${run}-${count}`;
  const made = await createAssociation(owner.actor, { name: `MI ${run} ${count}`, slug, description: "x", website: "", joinPolicy: "INVITE" });
  if (!made.ok) throw new Error(made.message);
  const { id } = await prisma.association.findUniqueOrThrow({ where: { slug }, select: { id: true } });
  return { slug, id };
}

function uploadArgs(slug: string, cookie: string, file: File | null) {
  const body = new FormData();
  if (file) body.append("file", file);
  const request = new Request(`http://localhost/associations/${slug}/import`, { method: "POST", headers: { Cookie: cookie }, body });
  return { request, params: { slug }, context: { cspNonce: "test", clientIp: "192.0.2.1" } };
}

async function thrown(promise: Promise<unknown>): Promise<Response> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(Response);
  return error as Response;
}

describe("member import routes", () => {
  it("upload → dry run → confirm; bad files answer 400 beside the field; only the owner gets in", async () => {
    const owner = await createTestMember();
    const { slug, id: associationId } = await association(owner);
    const moderator = await createTestMember();
    await prisma.$transaction((tx) => addMember(tx, associationId, moderator.userId, { role: "MODERATOR" }));

    expect((await thrown(importLoader(routeArgs(`/associations/${slug}/import`, { params: { slug }, cookie: moderator.cookie })))).status).toBe(403);
    expect((await thrown(importLoader(routeArgs(`/associations/${slug}/import`, { params: { slug }, cookie: null })))).status).toBe(302);
    expect((await thrown(templateLoader(routeArgs(`/associations/${slug}/import/template.csv`, { params: { slug }, cookie: moderator.cookie })))).status).toBe(403);
    expect((await thrown(lapsedLoader(routeArgs(`/associations/${slug}/lapsed`, { params: { slug }, cookie: moderator.cookie })))).status).toBe(403);
    expect((await thrown(membersCsvLoader(routeArgs(`/associations/${slug}/members.csv`, { params: { slug }, cookie: moderator.cookie })))).status).toBe(403);

    const template = await templateLoader(routeArgs(`/associations/${slug}/import/template.csv`, { params: { slug }, cookie: owner.cookie }));
    expect(template.headers.get("Content-Disposition")).toBe('attachment; filename="members-template.csv"');

    const refused = (await importAction(uploadArgs(slug, owner.cookie, new File(["name;who\nx;y"], "x.csv")))) as unknown as { init: ResponseInit; data: { fieldErrors: Record<string, string[]> } };
    expect(refused.init.status).toBe(400);
    expect(refused.data.fieldErrors.file?.[0]).toMatch(/email/);
    expect(await prisma.memberImport.count({ where: { associationId } })).toBe(0);

    const invitee = `route-${run}-${count}@example.org`;
    const uploaded = (await importAction(uploadArgs(slug, owner.cookie, new File([`email;name\n${invitee};Ivy\nnope;Bad`], "m.csv")))) as Response;
    expect(uploaded.status).toBe(302);
    const location = uploaded.headers.get("Location")!;
    const id = location.split("/").at(-1)!;
    expect(await flashOf(uploaded)).toMatch(/Check what it will do/);

    const dry = await fileLoader(routeArgs(location, { params: { slug, id }, cookie: owner.cookie }));
    expect(dry).toMatchObject({ status: "UPLOADED", delimiter: "semicolons", counts: { invitedNew: 1, invalid: 1 }, bad: [{ line: 3, email: "nope" }] });
    // The moderator and another association's owner do not see it.
    expect((await thrown(fileLoader(routeArgs(location, { params: { slug, id }, cookie: moderator.cookie })))).status).toBe(403);
    const stranger = await createTestMember();
    const theirs = await association(stranger);
    expect((await thrown(fileLoader(routeArgs(location, { params: { slug: theirs.slug, id }, cookie: stranger.cookie })))).status).toBe(404);

    const confirmed = (await fileAction(routeArgs(location, { params: { slug, id }, cookie: owner.cookie, form: { intent: "confirm" } }))) as Response;
    expect(await flashOf(confirmed)).toBe("The import has started.");
    await runJobsUntilIdle({ handlers: memberImportJobHandlers });
    const done = await fileLoader(routeArgs(location, { params: { slug, id }, cookie: owner.cookie }));
    expect(done).toMatchObject({ status: "DONE", processedRows: 1, rowsToDo: 1, counts: { invitedNew: 1, invalid: 1 } });
    const again = (await fileAction(routeArgs(location, { params: { slug, id }, cookie: owner.cookie, form: { intent: "confirm" } }))) as Response;
    expect(await flashOf(again)).toBe("This file was already imported.");
    expect(await prisma.associationInvitation.count({ where: { associationId } })).toBe(1);
  });

  it("lapsed members: checking writes nothing, removing needs the second step", async () => {
    const owner = await createTestMember();
    const { slug, id: associationId } = await association(owner);
    const lapsed = await createTestMember();
    await prisma.$transaction((tx) => addMember(tx, associationId, lapsed.userId, { externalId: "OLD-1" }));
    const checked = (await lapsedAction(routeArgs(`/associations/${slug}/lapsed`, { params: { slug }, cookie: owner.cookie, form: { intent: "check", entries: "OLD-1\nnobody" } }))) as {
      preview: { members: { name: string }[]; unmatched: string[] };
    };
    expect(checked.preview.members.map((m) => m.name)).toEqual([lapsed.displayName]);
    expect(checked.preview.unmatched).toEqual(["nobody"]);
    expect(await prisma.associationMembership.count({ where: { associationId } })).toBe(2);
    const empty = (await lapsedAction(routeArgs(`/associations/${slug}/lapsed`, { params: { slug }, cookie: owner.cookie, form: { intent: "check", entries: " " } }))) as unknown as { init: ResponseInit };
    expect(empty.init.status).toBe(400);
    const removed = (await lapsedAction(routeArgs(`/associations/${slug}/lapsed`, { params: { slug }, cookie: owner.cookie, form: { intent: "remove", entries: "OLD-1" } }))) as Response;
    expect(await flashOf(removed)).toBe("Removed 1 member.");
    expect(await prisma.associationMembership.count({ where: { associationId } })).toBe(1);
  });
});

describe("members' data", () => {
  it("an owner's member list shows a member's email only once they allow it in Settings → Email", async () => {
    const owner = await createTestMember();
    const { slug, id: associationId } = await association(owner);
    const member = await createTestMember();
    await prisma.$transaction((tx) => addMember(tx, associationId, member.userId));
    const list = async () => (await membersCsvLoader(routeArgs(`/associations/${slug}/members.csv`, { params: { slug }, cookie: owner.cookie }))).text();
    expect(await list()).not.toContain(member.email);

    expect(await emailLoader(routeArgs("/settings/email", { cookie: member.cookie }))).toMatchObject({ visibleToOwners: false });
    const saved = (await emailAction(routeArgs("/settings/email", { cookie: member.cookie, form: { intent: "owners", visibleToOwners: "on" } }))) as Response;
    expect(await flashOf(saved)).toMatch(/can now see your email address/);
    expect(await list()).toContain(member.email);
    await emailAction(routeArgs("/settings/email", { cookie: member.cookie, form: { intent: "owners" } }));
    expect(await list()).not.toContain(member.email);
  });

  it("downloads the member's own data as JSON and HTML, to them only", async () => {
    const member = await createTestMember();
    const json = await dataJsonLoader(routeArgs("/settings/account/data.json", { cookie: member.cookie }));
    expect(json.headers.get("Content-Type")).toBe("application/json; charset=utf-8");
    expect(json.headers.get("Content-Disposition")).toMatch(/^attachment; filename="cme-commons-data-\d{4}-\d{2}-\d{2}\.json"$/);
    const data = JSON.parse(await json.text());
    expect(data.account.email).toBe(member.email);
    expect(data.profile.handle).toBe(member.handle);
    const html = await dataHtmlLoader(routeArgs("/settings/account/data.html", { cookie: member.cookie }));
    expect(html.headers.get("Content-Type")).toBe("text/html; charset=utf-8");
    expect(await html.text()).toContain(member.email);
    expect((await thrown(dataJsonLoader(routeArgs("/settings/account/data.json", { cookie: null })))).status).toBe(302);
  });
});
