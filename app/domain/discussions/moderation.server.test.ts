import { beforeAll, describe, expect, it } from "vitest";
import { ANONYMOUS } from "~/domain/members/actor";
import { prisma } from "~/utils/db.server";
import { createTestMember, type TestMember } from "../../../tests/fixtures/members";
import { moveThread, setLocked, setPinned } from "./moderation.server";
import { createReply } from "./posts.server";
import { createThread, getThreadPage, listThreads } from "./threads.server";

const run = `mod${Math.random().toString(36).slice(2, 8)}`;
const veteran = () => createTestMember({ createdAt: new Date(Date.now() - 30 * 86400_000) });

let owner: TestMember;
let moderator: TestMember;
let member: TestMember;
let forum: { id: string; openId: string; privateId: string };

beforeAll(async () => {
  [owner, moderator, member] = [await veteran(), await veteran(), await veteran()];
  const association = await prisma.association.create({
    data: {
      slug: run,
      name: `Association ${run}`,
      description: "",
      descriptionHtml: "",
      memberships: {
        create: [
          { userId: owner.userId, role: "OWNER" },
          { userId: moderator.userId, role: "MODERATOR" },
          { userId: member.userId, role: "MEMBER" },
        ],
      },
      forum: {
        create: {
          slug: run,
          name: "Forum",
          categories: {
            create: [
              { slug: "open", name: "Open", position: 1, visibility: "PUBLIC" },
              { slug: "private", name: "Private", position: 2, visibility: "ASSOCIATION" },
            ],
          },
        },
      },
    },
    select: { forum: { select: { id: true, categories: { select: { id: true, slug: true } } } } },
  });
  const f = association.forum!;
  forum = {
    id: f.id,
    openId: f.categories.find((c) => c.slug === "open")!.id,
    privateId: f.categories.find((c) => c.slug === "private")!.id,
  };
});

async function thread() {
  const result = await createThread(member.actor, { categoryId: forum.openId, title: "A thread to moderate", body: "x", kind: "DISCUSSION", tags: [], areaSlugs: [] });
  if (!result.ok) throw new Error(result.message);
  return result.value;
}

describe("moderation", () => {
  it("only moderators pin; pinned threads come first in their category", async () => {
    const pinned = await thread();
    await thread();
    expect(await setPinned(member.actor, pinned.id, true)).toMatchObject({ ok: false, reason: "forbidden" });
    expect((await setPinned(moderator.actor, pinned.id, true)).ok).toBe(true);
    const list = await listThreads(ANONYMOUS, { categoryId: forum.openId });
    expect(list.pinned.map((t) => t.id)).toEqual([pinned.id]);
    expect(list.threads.map((t) => t.id)).not.toContain(pinned.id);
    expect((await setPinned(moderator.actor, pinned.id, false)).ok).toBe(true);
    expect((await listThreads(ANONYMOUS, { categoryId: forum.openId })).pinned).toEqual([]);
  });

  it("a locked thread takes replies from moderators only", async () => {
    const t = await thread();
    expect((await setLocked(owner.actor, t.id, true)).ok).toBe(true);
    expect(await createReply(member.actor, t.id, { body: "Still here?" })).toMatchObject({ ok: false, reason: "forbidden" });
    expect((await createReply(moderator.actor, t.id, { body: "Closing note" })).ok).toBe(true);
    const page = (await getThreadPage(member.actor, t.id))!;
    expect(page.thread.locked).toBe(true);
    expect(page.can.reply).toBe(false);
    expect((await setLocked(owner.actor, t.id, false)).ok).toBe(true);
    expect((await createReply(member.actor, t.id, { body: "Thanks" })).ok).toBe(true);
  });

  it("moving a thread updates its copied visibility, so lists follow", async () => {
    const t = await thread();
    const outsider = await veteran();
    expect(await getThreadPage(outsider.actor, t.id)).not.toBeNull();
    expect(await moveThread(member.actor, t.id, forum.privateId)).toMatchObject({ ok: false, reason: "forbidden" });
    expect((await moveThread(moderator.actor, t.id, forum.privateId)).ok).toBe(true);
    const row = await prisma.thread.findUniqueOrThrow({ where: { id: t.id }, select: { categoryId: true, visibility: true } });
    expect(row).toEqual({ categoryId: forum.privateId, visibility: "ASSOCIATION" });
    expect(await getThreadPage(outsider.actor, t.id)).toBeNull();
    expect((await listThreads(outsider.actor, { forumId: forum.id })).threads.map((x) => x.id)).not.toContain(t.id);
  });

  it("will not move a thread into another forum", async () => {
    const t = await thread();
    const elsewhere = await prisma.category.create({
      data: { slug: "elsewhere", name: "Elsewhere", position: 1, forum: { create: { slug: `${run}-other`, name: "Other" } } },
      select: { id: true },
    });
    expect(await moveThread(moderator.actor, t.id, elsewhere.id)).toMatchObject({ ok: false, reason: "invalid" });
  });
});
