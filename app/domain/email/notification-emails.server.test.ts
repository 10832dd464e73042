import { beforeEach, describe, expect, it, vi } from "vitest";
import {
  notificationEmailKey,
  NOTIFICATION_EMAIL_DELAY_MS,
  notifyAboutNewThread,
  notifyAboutPost,
} from "~/domain/discussions/alerts.server";
import { countQueries, prisma } from "~/utils/db.server";
import { runJobsUntilIdle } from "~/utils/jobs.server";
import { createTestMember, type TestMember } from "../../../tests/fixtures/members";
import {
  createAssociation,
  createCategory,
  createForum,
  createReply,
  createThread,
  watchThread,
} from "../../../tests/fixtures/forum";
import { jobHandlers } from "./handlers.server";
import { readLinkToken } from "./unsubscribe.server";

beforeEach(() => {
  vi.spyOn(console, "log").mockImplementation(() => {});
});

type Frequency = "NONE" | "IMMEDIATE" | "DAILY" | "WEEKLY";

async function memberWith(frequency: Frequency): Promise<TestMember> {
  const member = await createTestMember();
  await prisma.user.update({ where: { id: member.userId }, data: { emailFrequency: frequency }, select: { id: true } });
  return member;
}

function notificationEmailsOf(userId: string) {
  return prisma.outboxEmail.findMany({
    where: { userId, kind: "notification" },
    select: { subject: true, text: true, html: true, headers: true, dedupeKey: true },
  });
}

/** Runs every due job, as a worker would a few minutes from now (after the emails' short wait). */
const runJobsSoon = () =>
  runJobsUntilIdle({ handlers: jobHandlers, now: new Date(Date.now() + NOTIFICATION_EMAIL_DELAY_MS + 60_000) });

describe("immediate notification emails", () => {
  it("go to members who chose them, for mentions and replies, once, with the unsubscribe link and headers", async () => {
    const [author, watcher, mentioned, weeklyWatcher, noneWatcher] = await Promise.all([
      createTestMember(),
      memberWith("IMMEDIATE"),
      memberWith("IMMEDIATE"),
      memberWith("WEEKLY"),
      memberWith("NONE"),
    ]);
    const category = await createCategory(await createForum(), "MEMBERS");
    const thread = await createThread(category, { authorId: author.userId, title: "Needs assessment sources" });
    for (const m of [watcher, weeklyWatcher, noneWatcher]) await watchThread(m.userId, thread.id);
    const reply = await createReply(thread, {
      authorId: author.userId,
      body: `Good question, @${mentioned.handle}. We use **chart audits** and <b>surveys</b>.`,
    });

    await notifyAboutPost(reply.id);
    // Nothing is sent before the short wait.
    await runJobsUntilIdle({ handlers: jobHandlers, now: new Date() });
    expect(await notificationEmailsOf(watcher.userId)).toEqual([]);

    await runJobsSoon();
    await notifyAboutPost(reply.id); // a repeated call adds nothing
    await runJobsSoon();

    const [toWatcher, ...moreToWatcher] = await notificationEmailsOf(watcher.userId);
    expect(moreToWatcher).toEqual([]);
    expect(toWatcher!.subject).toBe(`${author.displayName} replied in “Needs assessment sources”`);
    expect(toWatcher!.text).toContain("> Good question");
    expect(toWatcher!.text).toContain("chart audits");
    expect(toWatcher!.text).toMatch(new RegExp(`/t/${thread.id}/[a-z0-9-]+#post-2`));

    const [toMentioned] = await notificationEmailsOf(mentioned.userId);
    expect(toMentioned!.subject).toBe(`${author.displayName} mentioned you in “Needs assessment sources”`);

    for (const email of [toWatcher!, toMentioned!]) {
      const headers = email.headers as Record<string, string>;
      expect(headers["List-Unsubscribe-Post"]).toBe("List-Unsubscribe=One-Click");
      const [, url, token] = /^<(https?:\/\/\S+\/email\/unsubscribe\?token=([^>]+))>$/.exec(headers["List-Unsubscribe"] ?? "")!;
      expect(email.text).toContain(url);
      expect(email.html).toContain(`href="${url}"`);
      expect(await readLinkToken(decodeURIComponent(token!), "unsubscribe")).toMatch(/.+/);
      // Members' words are escaped in the HTML.
      expect(email.html).not.toContain("<b>surveys</b>");
    }

    expect(await notificationEmailsOf(weeklyWatcher.userId)).toEqual([]);
    expect(await notificationEmailsOf(noneWatcher.userId)).toEqual([]);
  });

  it("tell category watchers about new threads", async () => {
    const [author, watcher] = await Promise.all([createTestMember(), memberWith("IMMEDIATE")]);
    const category = await createCategory(await createForum(), "PUBLIC");
    await prisma.categoryWatch.create({ data: { userId: watcher.userId, categoryId: category.id } });
    const thread = await createThread(category, { authorId: author.userId, title: "Joint providership checklist" });
    await notifyAboutNewThread(thread.id);
    await runJobsSoon();
    const [email] = await notificationEmailsOf(watcher.userId);
    expect(email!.subject).toBe(`${author.displayName} started a new thread: “Joint providership checklist”`);
  });

  it("are checked again when they are sent: read, hidden, deleted, out of sight or switched off means no email", async () => {
    const author = await createTestMember();
    const readers = {
      readIt: await memberWith("IMMEDIATE"),
      postHidden: await memberWith("IMMEDIATE"),
      postDeleted: await memberWith("IMMEDIATE"),
      threadDeleted: await memberWith("IMMEDIATE"),
      leftAssociation: await memberWith("IMMEDIATE"),
      switchedToWeekly: await memberWith("IMMEDIATE"),
      control: await memberWith("IMMEDIATE"),
    };
    const everyone = Object.values(readers);
    const association = await createAssociation([author, ...everyone].map((m) => ({ userId: m.userId })));
    const category = await createCategory(association, "ASSOCIATION");

    async function replyWatchedBy(reader: TestMember) {
      const thread = await createThread(category, { authorId: author.userId });
      await watchThread(reader.userId, thread.id);
      const reply = await createReply(thread, { authorId: author.userId });
      await notifyAboutPost(reply.id);
      return { thread, reply };
    }

    const read = await replyWatchedBy(readers.readIt);
    await prisma.notification.updateMany({ where: { postId: read.reply.id }, data: { readAt: new Date() } });
    const hidden = await replyWatchedBy(readers.postHidden);
    await prisma.post.update({ where: { id: hidden.reply.id }, data: { hiddenAt: new Date() }, select: { id: true } });
    const deleted = await replyWatchedBy(readers.postDeleted);
    await prisma.post.update({ where: { id: deleted.reply.id }, data: { deletedAt: new Date() }, select: { id: true } });
    const threadGone = await replyWatchedBy(readers.threadDeleted);
    await prisma.thread.update({ where: { id: threadGone.thread.id }, data: { deletedAt: new Date() }, select: { id: true } });
    await replyWatchedBy(readers.leftAssociation);
    await prisma.associationMembership.delete({
      where: { associationId_userId: { associationId: association.id, userId: readers.leftAssociation.userId } },
    });
    await replyWatchedBy(readers.switchedToWeekly);
    await prisma.user.update({ where: { id: readers.switchedToWeekly.userId }, data: { emailFrequency: "WEEKLY" }, select: { id: true } });
    const control = await replyWatchedBy(readers.control);

    // Every one of them had a job waiting.
    const notifications = await prisma.notification.findMany({
      where: { userId: { in: everyone.map((m) => m.userId) } },
      select: { id: true },
    });
    expect(notifications).toHaveLength(everyone.length);
    expect(await prisma.job.count({ where: { key: { in: notifications.map((n) => notificationEmailKey(n.id)) } } })).toBe(
      everyone.length,
    );

    await runJobsSoon();
    for (const [name, reader] of Object.entries(readers)) {
      expect({ name, emails: (await notificationEmailsOf(reader.userId)).length }).toEqual({
        name,
        emails: name === "control" ? 1 : 0,
      });
    }
    expect(control.reply.number).toBe(2);
  });

  it("are enqueued in bulk: as many queries for eight recipients as for one", async () => {
    async function replyWatchedBy(count: number) {
      const author = await createTestMember();
      const watchers = await Promise.all(Array.from({ length: count }, () => memberWith("IMMEDIATE")));
      const thread = await createThread(await createCategory(await createForum(), "MEMBERS"), { authorId: author.userId });
      for (const m of watchers) await watchThread(m.userId, thread.id);
      const reply = await createReply(thread, { authorId: author.userId });
      const { queries } = await countQueries(() => notifyAboutPost(reply.id));
      const notifications = await prisma.notification.findMany({ where: { postId: reply.id }, select: { id: true } });
      const jobs = await prisma.job.count({
        where: { kind: "notification-email", key: { in: notifications.map((n) => notificationEmailKey(n.id)) } },
      });
      return { queries, notifications: notifications.length, jobs };
    }
    const one = await replyWatchedBy(1);
    const eight = await replyWatchedBy(8);
    expect(one).toMatchObject({ notifications: 1, jobs: 1 });
    expect(eight).toMatchObject({ notifications: 8, jobs: 8 });
    expect(eight.queries).toBe(one.queries);
    // The post, the recipients, then one statement writing the notifications and their jobs.
    expect(eight.queries).toBeLessThanOrEqual(3);
  });
});
