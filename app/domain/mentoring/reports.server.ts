/**
 * A report from inside a mentorship's space goes to site administrators
 * only (never an association's moderators, who never see the space). They
 * see the reported message and who wrote and reported it, not the rest of
 * the conversation.
 */
import { isAdmin, type MemberActor } from "~/domain/members/actor";
import { prisma } from "~/utils/db.server";
import { writeNotifications } from "~/utils/notify.server";
import { fail, ok, type Result } from "~/utils/result";
import { canViewMentorship } from "./policy";
import { visibleMentorshipsWhere } from "./policy";

/** One of the pair reports a message of the space (the other's, or their own). */
export async function reportMessage(actor: MemberActor, mentorshipId: string, input: { messageId: string; note?: string }): Promise<Result> {
  const message = await prisma.mentorshipMessage.findFirst({
    where: { id: input.messageId, mentorshipId, mentorship: visibleMentorshipsWhere(actor) },
    select: { id: true, mentorship: { select: { mentorId: true, menteeId: true } } },
  });
  if (!message || !canViewMentorship(actor, message.mentorship)) return fail("not-found", "That message does not exist.");
  await prisma.$transaction(async (tx) => {
    const already = await tx.mentorshipReport.count({ where: { messageId: message.id, reporterId: actor.userId, resolvedAt: null } });
    if (already > 0) return;
    await tx.mentorshipReport.create({
      data: { mentorshipId, messageId: message.id, reporterId: actor.userId, note: input.note ?? "" },
      select: { id: true },
    });
    const admins = await tx.user.findMany({ where: { role: "ADMIN", id: { not: actor.userId } }, select: { id: true } });
    await writeNotifications(admins.map((admin) => ({ userId: admin.id, kind: "MENTORING_REPORTED" as const, mentorshipId })), tx);
  });
  return ok(null);
}

/** The administrators' list of open reports (site administrators only). */
export async function listOpenReports(actor: MemberActor) {
  if (!isAdmin(actor)) return null;
  const rows = await prisma.mentorshipReport.findMany({
    where: { resolvedAt: null },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: 100,
    select: {
      id: true,
      note: true,
      createdAt: true,
      reporter: { select: { profile: { select: { displayName: true, handle: true } } } },
      message: {
        select: { bodyHtml: true, createdAt: true, author: { select: { profile: { select: { displayName: true, handle: true } } } } },
      },
    },
  });
  return rows.map((row) => ({
    id: row.id,
    note: row.note,
    reportedAt: row.createdAt.toISOString(),
    reporter: row.reporter.profile,
    message: row.message
      ? { bodyHtml: row.message.bodyHtml, writtenAt: row.message.createdAt.toISOString(), author: row.message.author.profile }
      : null,
  }));
}

/** An administrator closes a report once dealt with. */
export async function resolveReport(actor: MemberActor, id: string, now = new Date()): Promise<Result> {
  if (!isAdmin(actor)) return fail("not-found", "That report does not exist.");
  const changed = await prisma.mentorshipReport.updateMany({ where: { id, resolvedAt: null }, data: { resolvedAt: now } });
  return changed.count === 1 ? ok(null) : fail("not-found", "That report does not exist.");
}
