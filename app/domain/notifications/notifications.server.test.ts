import { describe, expect, it } from "vitest";
import { countQueries, prisma } from "~/utils/db.server";
import { createTestMember } from "../../../tests/fixtures/members";
import { notifyAboutNewThread, notifyAboutPost } from "~/domain/discussions/alerts.server";
import { listNotifications, markAllRead, markRead, unreadNotificationCount } from "./notifications.server";
import { setCategoryWatch } from "./watching.server";
import {
  createAssociation,
  createCategory,
  createForum,
  createReply,
  createThread,
  watchThread,
} from "../../../tests/fixtures/forum";

async function notificationsFor(postId: string) {
  return prisma.notification.findMany({ where: { postId }, select: { userId: true, kind: true, actorId: true } });
}

describe("notifyAboutPost", () => {
  it("tells watchers, the quoted author and the mentioned, once each, never the author", async () => {
    const [author, opener, watcher, mentioned, quotedAndMentioned, bystander] = await Promise.all(
      [createTestMember(), createTestMember(), createTestMember(), createTestMember(), createTestMember(), createTestMember()],
    );
    const forum = await createForum();
    const category = await createCategory(forum, "MEMBERS");
    const thread = await createThread(category, { authorId: opener.userId });
    const quoted = await createReply(thread, { authorId: quotedAndMentioned.userId });
    await watchThread(opener.userId, thread.id);
    await watchThread(watcher.userId, thread.id);
    await watchThread(author.userId, thread.id);
    // The opener also gets quoted; the other is quoted and mentioned.
    const reply = await createReply(thread, {
      authorId: author.userId,
      body: `Agreed with @${mentioned.handle} and @${quotedAndMentioned.handle}, and @${author.handle} (me).`,
      replyToNumber: quoted.number,
    });

    await notifyAboutPost(reply.id);

    const rows = await notificationsFor(reply.id);
    const kinds = Object.fromEntries(rows.map((row) => [row.userId, row.kind]));
    expect(kinds).toEqual({
      [opener.userId]: "REPLY",
      [watcher.userId]: "REPLY",
      [mentioned.userId]: "MENTION",
      [quotedAndMentioned.userId]: "MENTION",
    });
    expect(rows.every((row) => row.actorId === author.userId)).toBe(true);
    expect(kinds[bystander.userId]).toBeUndefined();

    // Calling again (a retry, or after an edit) adds nothing.
    await notifyAboutPost(reply.id);
    expect(await notificationsFor(reply.id)).toHaveLength(4);
  });

  it("tells the quoted author with QUOTE", async () => {
    const [author, quotedAuthor] = await Promise.all([createTestMember(), createTestMember()]);
    const category = await createCategory(await createForum(), "PUBLIC");
    const thread = await createThread(category, { authorId: quotedAuthor.userId });
    const reply = await createReply(thread, { authorId: author.userId, body: "Quoting you.", replyToNumber: 1 });
    await notifyAboutPost(reply.id);
    expect(await notificationsFor(reply.id)).toEqual([
      { userId: quotedAuthor.userId, kind: "QUOTE", actorId: author.userId },
    ]);
  });

  it("leaves out people who cannot see an association-only thread", async () => {
    const [author, insider, outsider, watcherWhoLeft, admin] = await Promise.all([
      createTestMember(),
      createTestMember(),
      createTestMember(),
      createTestMember(),
      createTestMember({ role: "ADMIN" }),
    ]);
    const association = await createAssociation([{ userId: author.userId, role: "OWNER" }, { userId: insider.userId }]);
    const category = await createCategory(association, "ASSOCIATION");
    const thread = await createThread(category, { authorId: author.userId });
    await watchThread(watcherWhoLeft.userId, thread.id);
    const reply = await createReply(thread, {
      authorId: author.userId,
      body: `@${insider.handle} @${outsider.handle} @${admin.handle}`,
    });

    await notifyAboutPost(reply.id);

    const recipients = (await notificationsFor(reply.id)).map((row) => row.userId).sort();
    expect(recipients).toEqual([insider.userId, admin.userId].sort());
  });

  it("uses a bounded number of queries whatever the number of recipients", async () => {
    const author = await createTestMember();
    const members = await Promise.all([createTestMember(), createTestMember(), createTestMember(), createTestMember(), createTestMember(), createTestMember(), createTestMember(), createTestMember()]);
    const category = await createCategory(await createForum(), "PUBLIC");
    const thread = await createThread(category, { authorId: author.userId });
    for (const member of members) await watchThread(member.userId, thread.id);
    const reply = await createReply(thread, { authorId: author.userId });
    const { queries } = await countQueries(() => notifyAboutPost(reply.id));
    // The post, the recipients, then the notifications (with any email jobs) in one statement.
    expect(queries).toBeLessThanOrEqual(3);
    expect(await notificationsFor(reply.id)).toHaveLength(8);
  });
});

describe("notifyAboutNewThread", () => {
  it("tells the category's watchers who can see it, and the mentioned, once each", async () => {
    const [author, watcher, mentionedWatcher, authorWatching] = await Promise.all(
      [createTestMember(), createTestMember(), createTestMember(), createTestMember()],
    );
    const category = await createCategory(await createForum(), "PUBLIC");
    for (const member of [watcher, mentionedWatcher, authorWatching]) {
      expect(await setCategoryWatch(member.actor, category.id, true)).toEqual({ ok: true, value: null });
    }
    const thread = await createThread(category, { authorId: authorWatching.userId, body: `Hello @${mentionedWatcher.handle}` });

    await notifyAboutNewThread(thread.id);

    const kinds = Object.fromEntries((await notificationsFor(thread.openingPostId)).map((row) => [row.userId, row.kind]));
    expect(kinds).toEqual({ [watcher.userId]: "NEW_THREAD", [mentionedWatcher.userId]: "MENTION" });
    expect(author).toBeDefined();
  });

  it("refuses to watch a category the member cannot see, and stops watching on request", async () => {
    const [member, insider] = await Promise.all([createTestMember(), createTestMember()]);
    const association = await createAssociation([{ userId: insider.userId }]);
    const hidden = await createCategory(association, "ASSOCIATION");
    expect(await setCategoryWatch(member.actor, hidden.id, true)).toMatchObject({ ok: false, reason: "not-found" });
    expect(await setCategoryWatch(insider.actor, hidden.id, true)).toEqual({ ok: true, value: null });
    expect(await setCategoryWatch(insider.actor, hidden.id, false)).toEqual({ ok: true, value: null });
    expect(await prisma.categoryWatch.count({ where: { categoryId: hidden.id } })).toBe(0);
  });
});

describe("the notification list", () => {
  it("lists newest first, counts unread, marks one and then all read", async () => {
    const [author, reader, stranger] = await Promise.all([createTestMember(), createTestMember(), createTestMember()]);
    const category = await createCategory(await createForum(), "PUBLIC");
    const thread = await createThread(category, { authorId: reader.userId, title: "Planning a needs assessment" });
    await watchThread(reader.userId, thread.id);
    const first = await createReply(thread, { authorId: author.userId, createdAt: new Date(Date.now() - 60_000) });
    await notifyAboutPost(first.id);
    await prisma.notification.updateMany({ where: { postId: first.id }, data: { createdAt: new Date(Date.now() - 60_000) } });
    const second = await createReply(thread, { authorId: author.userId, body: `Thoughts, @${reader.handle}?` });
    await notifyAboutPost(second.id);

    expect(await unreadNotificationCount(reader.userId)).toBe(2);
    const { items, nextCursor } = await listNotifications(reader.actor, null);
    expect(nextCursor).toBeNull();
    expect(items.map((item) => [item.kind, item.postNumber, item.read])).toEqual([
      ["MENTION", second.number, false],
      ["REPLY", first.number, false],
    ]);
    expect(items[0]!.href).toBe(`/t/${thread.id}/${thread.slug}#post-${second.number}`);
    expect(items[0]!.thread?.title).toBe("Planning a needs assessment");

    // Someone else's notification is "not found" and stays unread.
    expect(await markRead(stranger.actor, items[0]!.id)).toMatchObject({ ok: false, reason: "not-found" });
    expect(await markRead(reader.actor, items[0]!.id)).toEqual({ ok: true, value: { href: items[0]!.href } });
    expect(await unreadNotificationCount(reader.userId)).toBe(1);

    expect(await markAllRead(reader.actor)).toBe(1);
    expect(await unreadNotificationCount(reader.userId)).toBe(0);
    expect((await listNotifications(reader.actor, null)).items.every((item) => item.read)).toBe(true);
  });

  it("pages with a cursor and hides the title of a thread the member can no longer see", async () => {
    const [author, member] = await Promise.all([createTestMember(), createTestMember()]);
    const association = await createAssociation([{ userId: author.userId }, { userId: member.userId }]);
    const category = await createCategory(association, "ASSOCIATION");
    const thread = await createThread(category, { authorId: author.userId, title: "Secret budget talk" });
    await prisma.notification.createMany({
      data: Array.from({ length: 35 }, (_, i) => ({
        userId: member.userId,
        kind: "REPLY" as const,
        threadId: thread.id,
        postId: thread.openingPostId,
        createdAt: new Date(Date.now() - i * 1000),
      })),
    });
    const first = await listNotifications(member.actor, null);
    expect(first.items).toHaveLength(30);
    const second = await listNotifications(member.actor, first.nextCursor);
    expect(second.items).toHaveLength(5);
    expect(second.nextCursor).toBeNull();
    expect(new Set([...first.items, ...second.items].map((item) => item.id)).size).toBe(35);

    await prisma.associationMembership.delete({
      where: { associationId_userId: { associationId: association.id, userId: member.userId } },
    });
    const after = await listNotifications(member.actor, null);
    expect(after.items[0]!.thread).toBeNull();
    expect(after.items[0]!.threadGone).toBe(true);
    expect(after.items[0]!.href).toBeNull();
    expect(JSON.stringify(after)).not.toContain("Secret budget talk");
  });
});
