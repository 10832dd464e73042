import { beforeEach, describe, expect, it, vi } from "vitest";
import { NOTIFICATION_EMAIL_DELAY_MS } from "~/domain/discussions/alerts.server";
import { createReply } from "~/domain/discussions/posts.server";
import { createThread as startThread } from "~/domain/discussions/threads.server";
import { prisma } from "~/utils/db.server";
import { headerRecord } from "~/utils/email.server";
import { runJobsUntilIdle } from "~/utils/jobs.server";
import { createTestMember } from "../../../tests/fixtures/members";
import { createAssociation, createCategory, createForum, createThread, watchThread } from "../../../tests/fixtures/forum";
import { jobHandlers } from "./handlers.server";

beforeEach(() => {
  vi.spyOn(console, "log").mockImplementation(() => {});
});

const runJobs = () => runJobsUntilIdle({ handlers: jobHandlers, now: new Date(Date.now() + NOTIFICATION_EMAIL_DELAY_MS + 60_000) });
const listEmailsOf = (userId: string) =>
  prisma.outboxEmail.findMany({ where: { userId, kind: "mailing-list" }, orderBy: { createdAt: "asc" }, select: { subject: true, text: true, headers: true } });

async function listMember(frequency: "IMMEDIATE" | "WEEKLY" = "WEEKLY") {
  const member = await createTestMember({ createdAt: new Date(Date.now() - 2 * 86_400_000) });
  await prisma.user.update({ where: { id: member.userId }, data: { mailingListMode: true, emailFrequency: frequency } });
  return member;
}

describe("mailing-list mode", () => {
  it("mails every new post in the member's associations' forums at once, read or not, each its own email, threaded", async () => {
    const [author, reader, outsider, plain] = await Promise.all([
      createTestMember({ createdAt: new Date(Date.now() - 2 * 86_400_000) }),
      listMember("IMMEDIATE"),
      listMember(),
      createTestMember(),
    ]);
    const association = await createAssociation([{ userId: author.userId, role: "OWNER" }, { userId: reader.userId }, { userId: plain.userId }]);
    const category = await createCategory(association, "ASSOCIATION");
    const thread = await createThread(category, { authorId: author.userId, title: "Accreditation timelines" });
    // The outsider watches the category but may not see it: nothing for them.
    await prisma.categoryWatch.create({ data: { userId: outsider.userId, categoryId: category.id } });
    await watchThread(reader.userId, thread.id);

    for (const body of ["First reply by email list.", "Second reply by email list."]) {
      expect((await createReply(author.actor, thread.id, { body })).ok).toBe(true);
    }
    // Read on the site already: mailing-list mode sends it anyway.
    await prisma.notification.updateMany({ where: { userId: reader.userId }, data: { readAt: new Date() } });
    await runJobs();

    const emails = await listEmailsOf(reader.userId);
    expect(emails.map((email) => email.subject)).toEqual([`[${"Forum " + association.slug}] Accreditation timelines`, `[Forum ${association.slug}] Accreditation timelines`]);
    // One email per reply (in either order: another test file's job runner may send one of them).
    expect(emails.filter((email) => email.text.includes("First reply by email list."))).toHaveLength(1);
    expect(emails.filter((email) => email.text.includes("Second reply by email list."))).toHaveLength(1);
    const [a, b] = emails.map((email) => headerRecord(email.headers));
    expect(a!.References).toBe(b!.References);
    expect(a!["Message-ID"]).not.toBe(b!["Message-ID"]);
    expect(a!["List-Id"]).toContain(association.slug);
    // No second email about the same replies through the immediate notification emails.
    expect(await prisma.outboxEmail.count({ where: { userId: reader.userId, kind: "notification" } })).toBe(0);
    expect(await listEmailsOf(outsider.userId)).toEqual([]);
    expect(await listEmailsOf(plain.userId)).toEqual([]);
    expect(await listEmailsOf(author.userId)).toEqual([]);
  });

  it("mails new threads in watched categories of the community forum", async () => {
    const [author, reader] = await Promise.all([createTestMember({ createdAt: new Date(Date.now() - 2 * 86_400_000) }), listMember()]);
    const category = await createCategory(await createForum(), "MEMBERS");
    await prisma.categoryWatch.create({ data: { userId: reader.userId, categoryId: category.id } });
    const started = await startThread(author.actor, { categoryId: category.id, title: "Needs assessment", body: "How do you start?", kind: "DISCUSSION", tags: [], areaSlugs: [] });
    expect(started.ok).toBe(true);
    await runJobs();
    const [email] = await listEmailsOf(reader.userId);
    expect(email!.text).toContain("started a thread");
    expect(email!.text).toContain("How do you start?");
  });
});
