import { describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { createTestMember } from "../../../tests/fixtures/members";
import { HIDDEN_BY_FLAGS_REASON } from "./flag-options";
import {
  createAssociation,
  createCategory,
  createForum,
  createReply,
  createThread,
} from "../../../tests/fixtures/forum";
import { dismissFlags, flagPost, hidePost, listModerationQueue, restorePost } from "./flags.server";

async function postState(postId: string) {
  return prisma.post.findUniqueOrThrow({ where: { id: postId }, select: { hiddenAt: true, hiddenReason: true } });
}

async function hiddenNotices(userId: string, postId: string) {
  return prisma.notification.findMany({ where: { userId, postId, kind: "POST_HIDDEN" }, select: { data: true } });
}

describe("flagPost", () => {
  it("hides a post after three flags from different members and tells its author, once", async () => {
    const [author, a, b, c, d] = await Promise.all([createTestMember(), createTestMember(), createTestMember(), createTestMember(), createTestMember()]);
    const category = await createCategory(await createForum(), "PUBLIC");
    const thread = await createThread(category, { authorId: a.userId });
    const reply = await createReply(thread, { authorId: author.userId, body: "Buy cheap credits now" });

    expect(await flagPost(a.actor, { postId: reply.id, reason: "SPAM", note: "" })).toEqual({ ok: true, value: { hidden: false } });
    // The same member again: nothing changes.
    expect(await flagPost(a.actor, { postId: reply.id, reason: "OFF_TOPIC", note: "" })).toEqual({ ok: true, value: { hidden: false } });
    expect(await flagPost(b.actor, { postId: reply.id, reason: "SPAM", note: "An advert" })).toEqual({ ok: true, value: { hidden: false } });
    expect((await postState(reply.id)).hiddenAt).toBeNull();
    expect(await flagPost(c.actor, { postId: reply.id, reason: "INAPPROPRIATE", note: "" })).toEqual({ ok: true, value: { hidden: true } });

    const state = await postState(reply.id);
    expect(state.hiddenAt).not.toBeNull();
    expect(state.hiddenReason).toBe(HIDDEN_BY_FLAGS_REASON);
    expect(await hiddenNotices(author.userId, reply.id)).toHaveLength(1);
    // A fourth flag on a hidden post is refused; the author is not told twice.
    expect(await flagPost(d.actor, { postId: reply.id, reason: "SPAM", note: "" })).toMatchObject({ ok: false, reason: "conflict" });
    expect(await hiddenNotices(author.userId, reply.id)).toHaveLength(1);
    expect(await prisma.postFlag.count({ where: { postId: reply.id } })).toBe(3);
  });

  it("refuses your own post, posts you cannot see, and OTHER without a note", async () => {
    const [author, outsider, member] = await Promise.all([createTestMember(), createTestMember(), createTestMember()]);
    const association = await createAssociation([{ userId: author.userId }, { userId: member.userId }]);
    const category = await createCategory(association, "ASSOCIATION");
    const thread = await createThread(category, { authorId: author.userId });

    expect(await flagPost(author.actor, { postId: thread.openingPostId, reason: "SPAM", note: "" })).toMatchObject({
      ok: false,
      reason: "forbidden",
    });
    expect(await flagPost(outsider.actor, { postId: thread.openingPostId, reason: "SPAM", note: "" })).toMatchObject({
      ok: false,
      reason: "not-found",
    });
    expect(await flagPost(member.actor, { postId: "no-such-post", reason: "SPAM", note: "" })).toMatchObject({
      ok: false,
      reason: "not-found",
    });
    expect(await flagPost(member.actor, { postId: thread.openingPostId, reason: "OTHER", note: "  " })).toMatchObject({
      ok: false,
      reason: "invalid",
    });
    expect(await prisma.postFlag.count({ where: { postId: thread.openingPostId } })).toBe(0);
  });
});

describe("moderation", () => {
  async function flaggedAssociationPost() {
    const [owner, moderator, author, flagger, plainMember] = await Promise.all(
      [createTestMember(), createTestMember(), createTestMember(), createTestMember(), createTestMember()],
    );
    const association = await createAssociation([
      { userId: owner.userId, role: "OWNER" },
      { userId: moderator.userId, role: "MODERATOR" },
      { userId: author.userId },
      { userId: flagger.userId },
      { userId: plainMember.userId },
    ]);
    const category = await createCategory(association, "PUBLIC");
    const thread = await createThread(category, { authorId: owner.userId, title: "Outcomes data" });
    const reply = await createReply(thread, { authorId: author.userId, body: "Off-topic rant" });
    await flagPost(flagger.actor, { postId: reply.id, reason: "OFF_TOPIC", note: "Not about outcomes" });
    return { owner, moderator, author, flagger, plainMember, association, thread, reply };
  }

  it("lets a moderator hide a post: flags resolved as hidden, the author told", async () => {
    const { moderator, author, plainMember, reply } = await flaggedAssociationPost();
    expect(await hidePost(plainMember.actor, reply.id, "Nope")).toMatchObject({ ok: false, reason: "forbidden" });
    expect(await hidePost(moderator.actor, reply.id, "Please stay on topic")).toEqual({ ok: true, value: null });
    expect(await postState(reply.id)).toMatchObject({ hiddenReason: "Please stay on topic" });
    expect(await prisma.postFlag.findMany({ where: { postId: reply.id }, select: { resolution: true, resolvedById: true } })).toEqual([
      { resolution: "hidden", resolvedById: moderator.userId },
    ]);
    expect(await hiddenNotices(author.userId, reply.id)).toEqual([
      { data: { reason: "Please stay on topic", pendingReview: false } },
    ]);
  });

  it("restores a hidden post and resolves its flags as restored", async () => {
    const { owner, reply } = await flaggedAssociationPost();
    await prisma.post.update({ where: { id: reply.id }, data: { hiddenAt: new Date(), hiddenReason: HIDDEN_BY_FLAGS_REASON } });
    expect(await restorePost(owner.actor, reply.id)).toEqual({ ok: true, value: null });
    expect(await postState(reply.id)).toEqual({ hiddenAt: null, hiddenReason: null });
    expect((await prisma.postFlag.findFirstOrThrow({ where: { postId: reply.id } })).resolution).toBe("restored");
  });

  it("takes a hidden reply out of the thread's reply count and puts it back when restored, once", async () => {
    const { owner, moderator, thread, reply } = await flaggedAssociationPost();
    await prisma.thread.update({ where: { id: thread.id }, data: { replyCount: 1 } });
    const replyCount = async () =>
      (await prisma.thread.findUniqueOrThrow({ where: { id: thread.id }, select: { replyCount: true } })).replyCount;
    expect(await hidePost(moderator.actor, reply.id, "Off topic")).toEqual({ ok: true, value: null });
    expect(await replyCount()).toBe(0);
    // Hiding again (another moderator, a double submit) does not count twice.
    expect(await hidePost(owner.actor, reply.id, "Off topic")).toEqual({ ok: true, value: null });
    expect(await replyCount()).toBe(0);
    expect(await restorePost(owner.actor, reply.id)).toEqual({ ok: true, value: null });
    expect(await restorePost(owner.actor, reply.id)).toEqual({ ok: true, value: null });
    expect(await replyCount()).toBe(1);
  });

  it("dismisses flags and leaves the post as it is", async () => {
    const { moderator, plainMember, reply } = await flaggedAssociationPost();
    expect(await dismissFlags(plainMember.actor, reply.id)).toMatchObject({ ok: false, reason: "forbidden" });
    expect(await dismissFlags(moderator.actor, reply.id)).toEqual({ ok: true, value: null });
    expect((await postState(reply.id)).hiddenAt).toBeNull();
    expect((await prisma.postFlag.findFirstOrThrow({ where: { postId: reply.id } })).resolution).toBe("dismissed");
    expect((await listModerationQueue(moderator.actor, null)).items.map((item) => item.postId)).not.toContain(reply.id);
  });

  it("scopes the queue to the moderator's associations; site administrators see all", async () => {
    const first = await flaggedAssociationPost();
    const second = await flaggedAssociationPost();
    const admin = await createTestMember({ role: "ADMIN" });

    const firstQueue = await listModerationQueue(first.moderator.actor, null);
    expect(firstQueue.items.map((item) => item.postId)).toEqual([first.reply.id]);
    const item = firstQueue.items[0]!;
    expect(item.thread.title).toBe("Outcomes data");
    expect(item.flags).toEqual([
      expect.objectContaining({ reason: "OFF_TOPIC", note: "Not about outcomes", by: { displayName: first.flagger.displayName, handle: first.flagger.handle } }),
    ]);
    expect(item.bodyHtml).toContain("Off-topic rant");

    expect((await listModerationQueue(second.owner.actor, null)).items.map((i) => i.postId)).toEqual([second.reply.id]);
    expect((await listModerationQueue(first.plainMember.actor, null)).items).toEqual([]);
    const all = (await listModerationQueue(admin.actor, null)).items.map((i) => i.postId);
    expect(all).toEqual(expect.arrayContaining([first.reply.id, second.reply.id]));
    // A moderator of one association cannot act in another's.
    expect(await hidePost(first.moderator.actor, second.reply.id, "")).toMatchObject({ ok: false, reason: "forbidden" });
  });

  it("pages through a long queue without repeats", async () => {
    const [owner, author, flagger] = [await createTestMember(), await createTestMember(), await createTestMember()];
    const association = await createAssociation([{ userId: owner.userId, role: "OWNER" }, { userId: author.userId }, { userId: flagger.userId }]);
    const thread = await createThread(await createCategory(association, "PUBLIC"), { authorId: owner.userId });
    const ids: string[] = [];
    for (let i = 0; i < 23; i++) {
      const reply = await createReply(thread, { authorId: author.userId, body: `Reply ${i}` });
      await flagPost(flagger.actor, { postId: reply.id, reason: "OFF_TOPIC", note: "" });
      ids.push(reply.id);
    }
    const first = await listModerationQueue(owner.actor, null);
    expect(first.items).toHaveLength(20);
    expect(first.nextCursor).not.toBeNull();
    const second = await listModerationQueue(owner.actor, first.nextCursor);
    expect(second.nextCursor).toBeNull();
    // Longest-waiting first, all of them once.
    expect([...first.items, ...second.items].map((item) => item.postId)).toEqual(ids);
  });
});
