import { beforeAll, describe, expect, it } from "vitest";
import { createAssociation } from "~/domain/associations/associations.server";
import { joinAssociation } from "~/domain/associations/memberships.server";
import { prisma } from "~/utils/db.server";
import { seed } from "../../../prisma/seed";
import { createTestMember, type TestMember } from "../../../tests/fixtures/members";
import {
  createCategory,
  deleteCategory,
  getCommunityForum,
  listForumCategories,
  moveCategory,
  runCategoryForm,
  updateCategory,
} from "./categories.server";

const run = Math.random().toString(36).slice(2, 8);
let count = 0;

beforeAll(async () => {
  await seed();
});

async function associationForum(owner: TestMember) {
  count += 1;
  const result = await createAssociation(owner.actor, {
    name: `Cat ${run} ${count}`,
    slug: `cat-${run}-${count}`,
    description: "For category tests.",
    joinPolicy: "OPEN",
  });
  if (!result.ok) throw new Error(result.message);
  return prisma.forum.findUniqueOrThrow({
    where: { slug: result.value.slug },
    select: { id: true, slug: true, associationId: true },
  });
}

async function addThread(
  forum: { id: string; associationId: string | null },
  categoryId: string,
  visibility: "PUBLIC" | "MEMBERS" | "ASSOCIATION",
) {
  return prisma.thread.create({
    data: {
      forumId: forum.id,
      categoryId,
      associationId: forum.associationId,
      visibility,
      title: "A thread",
      slug: "a-thread",
    },
    select: { id: true },
  });
}

describe("categories of an association forum", () => {
  it("the owner adds one at the end; a member or an outsider may not", async () => {
    const owner = await createTestMember();
    const member = await createTestMember();
    const forum = await associationForum(owner);
    await joinAssociation(member.actor, forum.slug);

    const input = { name: "Outcomes & data", description: "Measuring change.", visibility: "MEMBERS" as const };
    expect(await createCategory(member.actor, forum.id, input)).toMatchObject({ ok: false, reason: "forbidden" });
    const made = await createCategory(owner.actor, forum.id, input);
    expect(made).toMatchObject({ ok: true, value: { slug: "outcomes-and-data" } });
    const again = await createCategory(owner.actor, forum.id, input);
    expect(again).toMatchObject({ ok: true, value: { slug: "outcomes-and-data-2" } });
    const names = (await listForumCategories(forum.id)).map((c) => c.name);
    expect(names).toEqual(["Announcements", "Members’ discussion", "Outcomes & data", "Outcomes & data"]);
  });

  it("never takes an address that is a page of the forum, and two submissions at once both land", async () => {
    const owner = await createTestMember();
    const forum = await associationForum(owner);
    const made = await createCategory(owner.actor, forum.id, { name: "New", description: "", visibility: "PUBLIC" });
    expect(made).toMatchObject({ ok: true, value: { slug: "new-2" } });
    const input = { name: "Same time", description: "", visibility: "PUBLIC" as const };
    const both = await Promise.all([createCategory(owner.actor, forum.id, input), createCategory(owner.actor, forum.id, input)]);
    expect(both.map((result) => result.ok)).toEqual([true, true]);
    expect(new Set(both.map((result) => (result.ok ? result.value.slug : "")))).toEqual(new Set(["same-time", "same-time-2"]));
  });

  it("changing visibility updates every thread of the category in the same write", async () => {
    const owner = await createTestMember();
    const forum = await associationForum(owner);
    const [announcements, members] = await listForumCategories(forum.id);
    const first = await addThread(forum, announcements!.id, "PUBLIC");
    const second = await addThread(forum, announcements!.id, "PUBLIC");
    const elsewhere = await addThread(forum, members!.id, "ASSOCIATION");

    const result = await updateCategory(owner.actor, announcements!.id, {
      name: "Announcements",
      description: "Now for members.",
      visibility: "ASSOCIATION",
    });
    expect(result).toEqual({ ok: true, value: { threadsUpdated: 2 } });
    const threads = await prisma.thread.findMany({
      where: { id: { in: [first.id, second.id, elsewhere.id] } },
      select: { id: true, visibility: true },
    });
    expect(threads.every((thread) => thread.visibility === "ASSOCIATION")).toBe(true);

    await updateCategory(owner.actor, announcements!.id, { name: "Announcements", visibility: "PUBLIC" });
    const back = await prisma.thread.findMany({
      where: { categoryId: announcements!.id },
      select: { visibility: true },
    });
    expect(back.map((t) => t.visibility)).toEqual(["PUBLIC", "PUBLIC"]);
  });

  it("moves up and down, and deletes only an empty category", async () => {
    const owner = await createTestMember();
    const forum = await associationForum(owner);
    const [announcements, members] = await listForumCategories(forum.id);
    expect(await moveCategory(owner.actor, announcements!.id, "up")).toEqual({ ok: true, value: { moved: false } });
    expect(await moveCategory(owner.actor, announcements!.id, "down")).toEqual({ ok: true, value: { moved: true } });
    expect((await listForumCategories(forum.id)).map((c) => c.slug)).toEqual(["members", "announcements"]);

    await addThread(forum, members!.id, "ASSOCIATION");
    expect(await deleteCategory(owner.actor, members!.id)).toMatchObject({ ok: false, reason: "conflict" });
    expect(await deleteCategory(owner.actor, announcements!.id)).toEqual({ ok: true, value: { deleted: true } });
    expect((await listForumCategories(forum.id)).map((c) => c.slug)).toEqual(["members"]);
  });

  it("the form runner keeps the user's text and refuses a category of another forum", async () => {
    const owner = await createTestMember();
    const forum = await associationForum(owner);
    const other = await associationForum(owner);
    const [foreign] = await listForumCategories(other.id);
    const form = new FormData();
    form.set("intent", "add-category");
    form.set("name", "x");
    form.set("description", "Too short a name");
    form.set("visibility", "PUBLIC");
    const invalid = await runCategoryForm(owner.actor, forum.id, form);
    expect(invalid).toMatchObject({
      ok: false,
      reason: "invalid",
      formId: "add",
      values: { description: "Too short a name" },
    });
    if (!invalid.ok) expect(invalid.fieldErrors.name).toBeDefined();

    const move = new FormData();
    move.set("intent", "move-category");
    move.set("categoryId", foreign!.id);
    move.set("direction", "down");
    expect(await runCategoryForm(owner.actor, forum.id, move)).toMatchObject({ ok: false, reason: "not-found" });
  });
});

describe("categories of the community forum", () => {
  it("are the site administrators', and cannot be kept to an association", async () => {
    const admin = await createTestMember({ role: "ADMIN" });
    const member = await createTestMember();
    const forum = await getCommunityForum();
    expect(forum).not.toBeNull();
    const input = { name: `Events ${run}`, visibility: "PUBLIC" as const };
    expect(await createCategory(member.actor, forum!.id, input)).toMatchObject({ ok: false, reason: "forbidden" });
    expect(await createCategory(admin.actor, forum!.id, { ...input, visibility: "ASSOCIATION" })).toMatchObject({
      ok: false,
      reason: "invalid",
      fieldErrors: { visibility: [expect.any(String)] },
    });
    expect(await createCategory(admin.actor, forum!.id, input)).toMatchObject({ ok: true });
  });
});
