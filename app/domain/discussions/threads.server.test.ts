import { beforeAll, describe, expect, it } from "vitest";
import { prisma, countQueries } from "~/utils/db.server";
import { seed } from "../../../prisma/seed";
import { createTestMember, type TestMember } from "../../../tests/fixtures/members";
import { ANONYMOUS } from "~/domain/members/actor";
import { createReply } from "./posts.server";
import { recordForumVisit } from "./reading.server";
import { NEW_ACCOUNT_POSTS_PER_HOUR } from "./posting-limit.server";
import { createThread, getThreadPage, listThreads } from "./threads.server";

const run = `t${Math.random().toString(36).slice(2, 8)}`;
let seq = 0;

/** An association with a forum: one association-only category and one public one. */
async function associationForum(owner: TestMember) {
  seq += 1;
  const association = await prisma.association.create({
    data: {
      slug: `${run}-a${seq}`,
      name: `Association ${run} ${seq}`,
      description: "",
      descriptionHtml: "",
      memberships: { create: { userId: owner.userId, role: "OWNER" } },
      forum: {
        create: {
          slug: `${run}-f${seq}`,
          name: `Forum ${run} ${seq}`,
          categories: {
            create: [
              { slug: "private", name: "Members' room", position: 1, visibility: "ASSOCIATION" },
              { slug: "open", name: "Open door", position: 2, visibility: "PUBLIC" },
            ],
          },
        },
      },
    },
    select: { id: true, forum: { select: { id: true, categories: { select: { id: true, slug: true } } } } },
  });
  const forum = association.forum!;
  const category = (slug: string) => forum.categories.find((c) => c.slug === slug)!.id;
  return { associationId: association.id, forumId: forum.id, privateId: category("private"), openId: category("open") };
}

async function startThread(author: TestMember, categoryId: string, title = `Thread ${run} ${++seq}`) {
  const result = await createThread(author.actor, { categoryId, title, body: "Opening post", kind: "DISCUSSION", tags: [], areaSlugs: [] });
  if (!result.ok) throw new Error(result.message);
  return result.value;
}

/** Adds replies straight into the database (fast), numbered 2…n+1. */
async function addReplies(threadId: string, authorId: string, count: number) {
  await prisma.post.createMany({
    data: Array.from({ length: count }, (_, i) => ({
      threadId,
      number: i + 2,
      authorId,
      body: `Reply ${i + 2}`,
      bodyHtml: `<p>Reply ${i + 2}</p>`,
    })),
  });
  await prisma.thread.update({ where: { id: threadId }, data: { lastPostNumber: count + 1, replyCount: count } });
}

/** A member whose account is a month old (no new-account posting limit). */
const veteran = () => createTestMember({ createdAt: new Date(Date.now() - 30 * 86400_000) });

let community: { forumId: string; categoryId: string };
let old: TestMember;

beforeAll(async () => {
  await seed();
  const forum = await prisma.forum.findUniqueOrThrow({
    where: { slug: "community" },
    select: { id: true, categories: { where: { slug: "introductions" }, select: { id: true } } },
  });
  community = { forumId: forum.id, categoryId: forum.categories[0]!.id };
  old = await createTestMember({ createdAt: new Date(Date.now() - 30 * 86400_000) });
});

describe("createThread", () => {
  it("starts a thread with post #1, copies the category's visibility, and watches it for the author", async () => {
    const owner = await createTestMember({ createdAt: new Date(Date.now() - 30 * 86400_000) });
    const forum = await associationForum(owner);
    const result = await createThread(owner.actor, {
      categoryId: forum.privateId,
      title: "Mapping outcomes to Moore's levels?",
      body: "How do you measure **level 5**?",
      kind: "QUESTION",
      tags: ["outcomes"],
      areaSlugs: [],
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.slug).toBe("mapping-outcomes-to-moore-s-levels");
    const thread = await prisma.thread.findUniqueOrThrow({
      where: { id: result.value.id },
      select: { visibility: true, associationId: true, kind: true, lastPostNumber: true, posts: { select: { number: true, bodyHtml: true } }, readers: { select: { userId: true, watching: true, lastReadNumber: true } } },
    });
    expect(thread).toMatchObject({ visibility: "ASSOCIATION", associationId: forum.associationId, kind: "QUESTION", lastPostNumber: 1 });
    expect(thread.posts).toEqual([{ number: 1, bodyHtml: "<p>How do you measure <strong>level 5</strong>?</p>" }]);
    expect(thread.readers).toEqual([{ userId: owner.userId, watching: true, lastReadNumber: 1 }]);
  });

  it("refuses a category the member cannot post in", async () => {
    const owner = await veteran();
    const forum = await associationForum(owner);
    const outsider = await veteran();
    const result = await createThread(outsider.actor, { categoryId: forum.privateId, title: "Let me in", body: "x", kind: "DISCUSSION", tags: [], areaSlugs: [] });
    expect(result).toMatchObject({ ok: false, reason: "invalid", fieldErrors: { categoryId: [expect.any(String)] } });
  });

  it("accepts competency areas of the current framework only", async () => {
    const area = await prisma.competencyArea.findFirstOrThrow({ where: { version: { currentOf: { some: { id: 1 } } } }, select: { slug: true } });
    const base = { categoryId: community.categoryId, title: "Areas test thread", body: "x", kind: "DISCUSSION" as const, tags: [] };
    expect((await createThread(old.actor, { ...base, areaSlugs: [area.slug] })).ok).toBe(true);
    expect(await createThread(old.actor, { ...base, areaSlugs: ["not-an-area"] })).toMatchObject({ ok: false, reason: "invalid" });
  });
});

describe("new-account posting limit", () => {
  it(`refuses the ${NEW_ACCOUNT_POSTS_PER_HOUR + 1}th post in an hour from a one-hour-old account, with when to retry`, async () => {
    const fresh = await createTestMember({ createdAt: new Date(Date.now() - 3600_000) });
    const { id } = await startThread(fresh, community.categoryId);
    expect((await createReply(fresh.actor, id, { body: "Second" })).ok).toBe(true);
    expect((await createReply(fresh.actor, id, { body: "Third" })).ok).toBe(true);
    const refused = await createReply(fresh.actor, id, { body: "Fourth" });
    expect(refused).toMatchObject({ ok: false, reason: "rate-limited" });
    if (refused.ok) return;
    expect(refused.message).toMatch(/can post again in (59|60) minutes/);
    expect(refused.retryAt!.getTime()).toBeGreaterThan(Date.now() + 58 * 60_000);
    expect(await prisma.post.count({ where: { threadId: id } })).toBe(3);
  });

  it("does not limit an account older than a day", async () => {
    const { id } = await startThread(old, community.categoryId);
    for (let i = 0; i < NEW_ACCOUNT_POSTS_PER_HOUR + 2; i += 1) {
      expect((await createReply(old.actor, id, { body: `Reply ${i}` })).ok).toBe(true);
    }
  });
});

describe("getThreadPage", () => {
  it("makes the same bounded number of round trips for a 60-post and a 200-post thread", async () => {
    const reader = await veteran();
    const counts: number[] = [];
    for (const replies of [59, 199]) {
      const { id } = await startThread(old, community.categoryId);
      await addReplies(id, old.userId, replies);
      const { result, queries } = await countQueries(() => getThreadPage(reader.actor, id, { after: 0 }));
      expect(result!.posts).toHaveLength(50);
      expect(result!.page).toEqual({ first: 1, last: 50, hasEarlier: false, hasLater: true });
      counts.push(queries);
      // A later page costs the same.
      const later = await countQueries(() => getThreadPage(reader.actor, id, { after: 50 }));
      counts.push(later.queries);
    }
    expect(new Set(counts).size).toBe(1);
    // The thread head (reading state, membership, areas), then the posts (recording how far they read).
    expect(counts[0]).toBeLessThanOrEqual(2);
  });

  it("pages by post number with no gaps or repeats, both ways", async () => {
    const { id } = await startThread(old, community.categoryId);
    await addReplies(id, old.userId, 119);
    const seen: number[] = [];
    let after = 0;
    for (;;) {
      const page = (await getThreadPage(ANONYMOUS, id, { after }))!;
      seen.push(...page.posts.map((p) => p.number));
      if (!page.page.hasLater) break;
      after = page.page.last;
    }
    expect(seen).toEqual(Array.from({ length: 120 }, (_, i) => i + 1));
    const earlier = (await getThreadPage(ANONYMOUS, id, { before: 101 }))!;
    expect(earlier.posts.map((p) => p.number)).toEqual(Array.from({ length: 50 }, (_, i) => i + 51));
    expect(earlier.page.hasEarlier).toBe(true);
  });

  it("records how far a member has read and marks later posts unread", async () => {
    const reader = await veteran();
    const { id } = await startThread(old, community.categoryId);
    await addReplies(id, old.userId, 2);
    const first = (await getThreadPage(reader.actor, id))!;
    expect(first.posts.every((p) => p.unread)).toBe(true);
    await createReply(old.actor, id, { body: "One more" });
    const second = (await getThreadPage(reader.actor, id))!;
    expect(second.posts.filter((p) => p.unread).map((p) => p.number)).toEqual([4]);
  });

  it("hides association-only threads from non-members", async () => {
    const owner = await veteran();
    const forum = await associationForum(owner);
    const { id } = await startThread(owner, forum.privateId);
    const outsider = await veteran();
    expect(await getThreadPage(outsider.actor, id)).toBeNull();
    expect(await getThreadPage(ANONYMOUS, id)).toBeNull();
    expect(await getThreadPage(owner.actor, id)).not.toBeNull();
  });
});

describe("listThreads", () => {
  it("pages by latest activity with no duplicates or gaps, pinned first in a category", async () => {
    const owner = await veteran();
    const forum = await associationForum(owner);
    const ids: string[] = [];
    for (let i = 0; i < 7; i += 1) ids.push((await startThread(owner, forum.openId)).id);
    // Same lastPostAt for two threads: the id breaks the tie.
    const tie = new Date();
    await prisma.thread.updateMany({ where: { id: { in: ids.slice(2, 4) } }, data: { lastPostAt: tie } });
    await prisma.thread.update({ where: { id: ids[0] }, data: { pinnedAt: new Date() } });

    const seen: string[] = [];
    let cursor: string | null = null;
    let pinned: string[] = [];
    do {
      const page: Awaited<ReturnType<typeof listThreads>> = await listThreads(ANONYMOUS, { categoryId: forum.openId }, { cursor, limit: 2 });
      if (!cursor) pinned = page.pinned.map((t) => t.id);
      else expect(page.pinned).toEqual([]);
      seen.push(...page.threads.map((t) => t.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(pinned).toEqual([ids[0]]);
    expect(new Set(seen).size).toBe(seen.length);
    expect(new Set([...seen, ...pinned])).toEqual(new Set(ids));
  });

  it("counts unread posts per member and flags threads new since the previous visit", async () => {
    const owner = await veteran();
    const forum = await associationForum(owner);
    const reader = await veteran();
    const read = await startThread(owner, forum.openId);
    await getThreadPage(reader.actor, read.id);
    await createReply(owner.actor, read.id, { body: "two" });
    await createReply(owner.actor, read.id, { body: "three" });

    // A visit an hour ago, then a new thread.
    await recordForumVisit(reader.actor, forum.forumId, new Date(Date.now() - 3600_000));
    await recordForumVisit(reader.actor, forum.forumId);
    const fresh = await startThread(owner, forum.openId);

    const { threads } = await listThreads(reader.actor, { forumId: forum.forumId });
    const byId = new Map(threads.map((t) => [t.id, t]));
    expect(byId.get(read.id)).toMatchObject({ unreadCount: 2, isNew: false });
    expect(byId.get(fresh.id)).toMatchObject({ unreadCount: null, isNew: true });
    // The author has read everything they wrote.
    const own = await listThreads(owner.actor, { forumId: forum.forumId });
    expect(own.threads.find((t) => t.id === read.id)?.unreadCount).toBe(0);
  });

  it("lists association-only threads to members only", async () => {
    const owner = await veteran();
    const forum = await associationForum(owner);
    const hidden = await startThread(owner, forum.privateId);
    const open = await startThread(owner, forum.openId);
    const outsider = await veteran();
    for (const actor of [outsider.actor, ANONYMOUS]) {
      const ids = (await listThreads(actor, { forumId: forum.forumId })).threads.map((t) => t.id);
      expect(ids).toEqual([open.id]);
      expect((await listThreads(actor, { categoryId: forum.privateId })).threads).toEqual([]);
    }
    const ids = (await listThreads(owner.actor, { forumId: forum.forumId })).threads.map((t) => t.id);
    expect(ids).toEqual([open.id, hidden.id]);
  });
});
