import { beforeAll, describe, expect, it } from "vitest";
import { createThread } from "~/domain/discussions/threads.server";
import { createReply } from "~/domain/discussions/posts.server";
import { createStatement } from "~/domain/statements/statements.server";
import { prisma } from "~/utils/db.server";
import { writeOutboxEmail } from "~/utils/email.server";
import { seed } from "../../../prisma/seed";
import { createTestMember } from "../../../tests/fixtures/members";
import { eraseAccount } from "./accounts.server";
import { memberDataHtml } from "./data-export-html";
import { collectMemberData } from "./data-export.server";

let categoryId: string;

beforeAll(async () => {
  await seed();
  const category = await prisma.category.findFirstOrThrow({ where: { slug: "accreditation", forum: { slug: "community" } }, select: { id: true } });
  categoryId = category.id;
});

async function activeMember() {
  const member = await createTestMember({ profile: { bio: "I plan <b>accredited</b> education & more." } });
  const other = await createTestMember();
  const thread = await createThread(other.actor, { categoryId, title: "Others' thread", body: "Opening by someone else", kind: "DISCUSSION", tags: [], areaSlugs: [] });
  if (!thread.ok) throw new Error(thread.message);
  const reply = await createReply(member.actor, thread.value.id, { body: `A reply with my view, @${other.handle}` });
  if (!reply.ok) throw new Error(reply.message);
  const statement = await createStatement(member.actor, {
    scope: "community",
    title: `Who we are ${member.handle}`,
    text: "We design learning that changes practice.",
    rationale: "Because.",
    areaSlugs: [],
  });
  if (!statement.ok) throw new Error(statement.message);
  await prisma.activityPlan.create({ data: { userId: member.userId, title: "My plan", worksheet: { gap: "Opioid prescribing" } } });
  return { member, other, threadId: thread.value.id, replyId: reply.value.id, statementId: statement.value.id };
}

describe("downloading your data", () => {
  it("holds the member's goals, commitments and check-ins, CHCP log, mentoring settings and whole mentoring conversations", async () => {
    const { member, other } = await activeMember();
    const goal = await prisma.goal.create({
      data: { userId: member.userId, title: "Write measurable objectives", outcome: "Three plans reviewed", notes: { create: { body: "Drafted two" } } },
      select: { id: true },
    });
    await prisma.commitment.create({
      data: {
        userId: member.userId,
        goalId: goal.id,
        text: "Review every objective with a colleague",
        madeOn: new Date("2026-11-01T00:00:00Z"),
        checkIns: { create: { userId: member.userId, afterDays: 30, dueOn: new Date("2026-12-01T00:00:00Z"), dueAt: new Date("2026-12-01T00:00:00Z") } },
      },
    });
    await prisma.chcpCredential.create({
      data: { userId: member.userId, earnedOn: new Date("2025-01-01T00:00:00Z"), cycleStartOn: new Date("2025-01-01T00:00:00Z"), expiresOn: new Date("2028-01-01T00:00:00Z") },
    });
    await prisma.chcpEntry.create({
      data: { userId: member.userId, kind: "EDUCATION", occurredOn: new Date("2026-03-01T00:00:00Z"), hours: 6, description: "Outcomes workshop" },
    });
    await prisma.mentorship.create({
      data: {
        mentorId: other.userId,
        menteeId: member.userId,
        status: "ACTIVE",
        messages: { create: [{ authorId: other.userId, body: "Welcome!", bodyHtml: "<p>Welcome!</p>" }, { authorId: member.userId, body: "Thanks", bodyHtml: "<p>Thanks</p>" }] },
      },
    });

    const data = await collectMemberData(member.userId);
    if (!data) throw new Error("no data");
    expect(data.goals).toEqual([expect.objectContaining({ title: "Write measurable objectives", notes: [expect.objectContaining({ body: "Drafted two" })] })]);
    expect(data.commitments).toEqual([
      expect.objectContaining({ after: "Goal: Write measurable objectives", text: "Review every objective with a colleague", checkIns: [expect.objectContaining({ afterDays: 30 })] }),
    ]);
    expect(data.chcpLog?.entries).toEqual([expect.objectContaining({ kind: "EDUCATION", hours: 6, description: "Outcomes workshop" })]);
    expect(data.mentorships).toEqual([
      expect.objectContaining({
        yourRole: "mentee",
        messages: [expect.objectContaining({ body: "Welcome!" }), expect.objectContaining({ body: "Thanks" })],
      }),
    ]);
    const html = memberDataHtml(data, member.displayName);
    expect(html).toContain("<h2>Mentorships (1)</h2>");
    expect(html).toContain("Outcomes workshop");
  });

  it("holds the member's account, email settings, profile, posts, statements and plans, and nothing of anyone else's", async () => {
    const { member, other } = await activeMember();
    const data = await collectMemberData(member.userId);
    if (!data) throw new Error("no data");
    expect(data.account.email).toBe(member.email);
    expect(data.emailSettings).toEqual({ frequency: "WEEKLY", mailingListMode: false, reminders: true, visibleToAssociationOwners: false });
    expect(data.profile?.handle).toBe(member.handle);
    expect(data.posts).toEqual([expect.objectContaining({ thread: "Others' thread", body: `A reply with my view, @${other.handle}` })]);
    expect(data.statementsProposed.map((s) => s.title)).toEqual([`Who we are ${member.handle}`]);
    expect(data.statementVersionsWritten).toHaveLength(1);
    expect(data.plans).toEqual([expect.objectContaining({ title: "My plan", worksheet: { gap: "Opioid prescribing" } })]);
    const json = JSON.stringify(data);
    expect(json).not.toContain(other.email);
    expect(json).not.toContain("Opening by someone else");

    const html = memberDataHtml(data, member.displayName);
    expect(html).toContain("<h2>Posts (1)</h2>");
    expect(html).toContain("I plan &#60;b&#62;accredited&#60;/b&#62; education &#38; more.");
    expect(html).not.toContain("<b>accredited</b>");
    expect(html).not.toMatch(/<script|<link|src=/);
  });
});

describe("deleting an account", () => {
  it("leaves only the member's posts in others' threads and their statements, as a former member's, and no copy of their email", async () => {
    const { member, other, replyId, statementId, threadId } = await activeMember();
    await writeOutboxEmail({ to: member.email, subject: "Hello", text: "An email to them", userId: member.userId });
    await writeOutboxEmail({ to: member.email, subject: "Before", text: "Written before their account", userId: null });
    // Someone invited them to an association by address, and they flagged a post with a note.
    const association = await prisma.association.create({
      data: { slug: `erase-${member.handle}`, name: "Erase test", description: "", descriptionHtml: "" },
      select: { id: true },
    });
    await prisma.associationInvitation.create({
      data: { id: `inv-${member.handle}`, associationId: association.id, email: member.email, expiresAt: new Date(Date.now() + 86400000) },
    });
    const opening = await prisma.post.findFirstOrThrow({ where: { threadId, number: 1 }, select: { id: true } });
    await prisma.postFlag.create({ data: { postId: opening.id, userId: member.userId, reason: "OTHER", note: `My own words ${member.handle}` } });
    expect(await prisma.notification.count({ where: { actorId: member.userId } })).toBeGreaterThan(0); // The mention.

    await eraseAccount(member.userId, member.email);

    expect(await prisma.user.count({ where: { id: member.userId } })).toBe(0);
    expect(await prisma.profile.count({ where: { userId: member.userId } })).toBe(0);
    expect(await prisma.activityPlan.count({ where: { userId: member.userId } })).toBe(0);
    expect(await prisma.outboxEmail.count({ where: { OR: [{ to: member.email }, { userId: member.userId }] } })).toBe(0);
    expect(await prisma.associationInvitation.count({ where: { email: member.email } })).toBe(0);
    expect(await prisma.notification.count({ where: { actorId: member.userId } })).toBe(0);
    expect(await prisma.postFlag.count({ where: { note: { contains: member.handle } } })).toBe(0);
    // What stays: the reply in the other member's thread and the statement, with no author.
    expect(await prisma.post.findUniqueOrThrow({ where: { id: replyId }, select: { authorId: true, body: true } })).toEqual({
      authorId: null,
      body: `A reply with my view, @${other.handle}`,
    });
    expect(await prisma.statement.findUniqueOrThrow({ where: { id: statementId }, select: { authorId: true } })).toEqual({ authorId: null });
    // The other member is untouched.
    expect(await prisma.user.count({ where: { id: other.userId } })).toBe(1);
  });
});
