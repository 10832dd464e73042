/**
 * Goals shared with a mentorship, against a real database: a goal shows in
 * the space only when its owner shared it, both members read it (areas as
 * each may read them), nobody else does, nothing else changes (reviewers,
 * share links, the other member's download), and an ended mentorship keeps
 * what was shared as it stood at the end.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { listGoals } from "~/domain/goals/goals.server";
import { collectMemberData } from "~/domain/members/data-export.server";
import { prisma } from "~/utils/db.server";
import { seed } from "../../../prisma/seed";
import { publishFramework } from "../../../tests/fixtures/crosswalk";
import { createAssociation } from "../../../tests/fixtures/forum";
import { createTestMember, type TestMember } from "../../../tests/fixtures/members";
import { listNotifications } from "~/domain/notifications/notifications.server";
import { notificationText } from "~/domain/notifications/targets";
import { notificationEmailKey } from "~/utils/notify.server";
import { GOAL_SHARE_RENOTIFY_HOURS } from "./constants";
import { endMentorship, getSpace } from "./mentorships.server";
import { goalSharedWith, listSharedGoals, shareableGoals, shareGoal, unshareGoal } from "./shared-goals.server";

beforeAll(async () => {
  await seed();
});

async function activePair(): Promise<{ mentor: TestMember; mentee: TestMember; id: string }> {
  const [mentor, mentee] = await Promise.all([createTestMember(), createTestMember()]);
  const { id } = await prisma.mentorship.create({
    data: { mentorId: mentor.userId, menteeId: mentee.userId, status: "ACTIVE", decidedAt: new Date() },
    select: { id: true },
  });
  return { mentor, mentee, id };
}

async function goal(userId: string, title: string, data: { status?: "OPEN" | "ACHIEVED"; endedAt?: Date; versionId?: string; areaSlugs?: string[] } = {}) {
  return prisma.goal.create({
    data: { userId, title, outcome: `Measure of ${title}`, dueOn: new Date("2027-03-31T00:00:00Z"), ...data },
    select: { id: true },
  });
}

async function spaceOf(member: TestMember, id: string) {
  const space = await getSpace(member.actor, id);
  if (!space) throw new Error("no space");
  return space;
}

describe("shared goals", () => {
  it("shows a goal only once its owner shares it, to both members and nobody else, until taken back", async () => {
    const { mentor, mentee, id } = await activePair();
    const stranger = await createTestMember();
    const shared = await goal(mentee.userId, "Run a needs assessment");
    const kept = await goal(mentee.userId, "A goal kept private");
    await prisma.goalNote.create({ data: { goalId: shared.id, body: "Drafted the survey", createdAt: new Date("2026-11-02T10:00:00Z") } });

    // Nothing shared yet: both see an empty list.
    expect(await listSharedGoals(mentor.actor, await spaceOf(mentor, id), "UTC")).toEqual([]);
    expect((await shareableGoals(mentee.actor, await spaceOf(mentee, id), new Date())).map((g) => g.title).sort()).toEqual([
      "A goal kept private",
      "Run a needs assessment",
    ]);

    // Only the owner shares their goal, only with a mentorship they are in.
    expect(await shareGoal(mentor.actor, id, shared.id, new Date())).toMatchObject({ ok: false, reason: "invalid" });
    expect(await shareGoal(stranger.actor, id, shared.id, new Date())).toMatchObject({ ok: false, reason: "not-found" });
    expect(await shareGoal(mentee.actor, id, shared.id, new Date())).toMatchObject({ ok: true });
    // Sharing twice is harmless.
    expect(await shareGoal(mentee.actor, id, shared.id, new Date())).toMatchObject({ ok: true });

    const seenByMentor = await listSharedGoals(mentor.actor, await spaceOf(mentor, id), "UTC");
    expect(seenByMentor).toHaveLength(1);
    expect(seenByMentor[0]).toMatchObject({
      title: "Run a needs assessment",
      outcome: "Measure of Run a needs assessment",
      dueLabel: "March 31, 2027",
      statusLabel: "In progress",
      mine: false,
      notes: [{ on: "November 2, 2026", body: "Drafted the survey" }],
    });
    expect(JSON.stringify(seenByMentor)).not.toContain(kept.id);
    const seenByMentee = await listSharedGoals(mentee.actor, await spaceOf(mentee, id), "UTC");
    expect(seenByMentee.map((g) => [g.title, g.mine])).toEqual([["Run a needs assessment", true]]);
    expect((await shareableGoals(mentee.actor, await spaceOf(mentee, id), new Date())).map((g) => g.title)).toEqual(["A goal kept private"]);

    // The goal's page says where it is shared.
    expect(await goalSharedWith(mentee.actor, shared.id)).toEqual([{ mentorshipId: id, otherName: mentor.displayName, ended: false }]);
    expect(await goalSharedWith(mentor.actor, shared.id)).toEqual([]);

    // It reaches nothing else: not the mentor as a reviewer or a share link's reader, not their download.
    expect(await listGoals({ kind: "reviewer", ownerId: mentee.userId, reviewerId: mentor.userId }, mentor.actor, { now: new Date() })).toEqual([]);
    expect(await listGoals({ kind: "share", ownerId: mentee.userId, includeGoals: false }, mentor.actor, { now: new Date() })).toEqual([]);
    const mentorDownload = JSON.stringify(await collectMemberData(mentor.userId));
    expect(mentorDownload).not.toContain("Run a needs assessment");
    expect(mentorDownload).not.toContain("Drafted the survey");
    // The owner's download lists their share.
    const menteeDownload = (await collectMemberData(mentee.userId)) as unknown as { mentorships: { goalsYouShared: { goal: string }[] }[] };
    expect(menteeDownload.mentorships[0]!.goalsYouShared.map((share) => share.goal)).toEqual(["Run a needs assessment"]);

    // The mentor cannot take it back; the owner can.
    expect((await unshareGoal(mentor.actor, id, shared.id)).ok).toBe(true);
    expect(await listSharedGoals(mentor.actor, await spaceOf(mentor, id), "UTC")).toHaveLength(1);
    expect((await unshareGoal(stranger.actor, id, shared.id)).ok).toBe(false);
    expect((await unshareGoal(mentee.actor, id, shared.id)).ok).toBe(true);
    expect(await listSharedGoals(mentor.actor, await spaceOf(mentor, id), "UTC")).toEqual([]);
  });

  it("offers open goals and those ended in the last three months, and no one else's", async () => {
    const { mentee, id } = await activePair();
    const now = new Date();
    await goal(mentee.userId, "Recently achieved", { status: "ACHIEVED", endedAt: new Date(now.getTime() - 10 * 86_400_000) });
    const old = await goal(mentee.userId, "Achieved long ago", { status: "ACHIEVED", endedAt: new Date(now.getTime() - 200 * 86_400_000) });
    const other = await createTestMember();
    const theirs = await goal(other.userId, "Someone else's goal");
    expect((await shareableGoals(mentee.actor, await spaceOf(mentee, id), now)).map((g) => g.title)).toEqual(["Recently achieved"]);
    expect(await shareGoal(mentee.actor, id, old.id, now)).toMatchObject({ ok: false, reason: "invalid" });
    expect(await shareGoal(mentee.actor, id, theirs.id, now)).toMatchObject({ ok: false, reason: "invalid" });
  });

  it("names a licensed framework's areas only to the member who may read it", async () => {
    const { mentor, mentee, id } = await activePair();
    const version = await publishFramework(["budgeting-basics", "vendor-relations"]);
    const licensee = await createAssociation([{ userId: mentee.userId }]);
    await prisma.frameworkVersion.update({ where: { id: version.id }, data: { rights: "LICENSED", licences: { create: { associationId: licensee.id } } } });
    const shared = await goal(mentee.userId, "Plan a budget", { versionId: version.id, areaSlugs: ["vendor-relations"] });
    expect((await shareGoal(mentee.actor, id, shared.id, new Date())).ok).toBe(true);

    const [own] = await listSharedGoals(mentee.actor, await spaceOf(mentee, id), "UTC");
    expect(own!.areaNames).toEqual(["Vendor relations"]);
    const seen = await listSharedGoals(mentor.actor, await spaceOf(mentor, id), "UTC");
    expect(seen[0]!.areaNames).toEqual(["Area 2"]);
    expect(JSON.stringify(seen)).not.toMatch(/vendor/i);
  });

  it("keeps an ended mentorship's goals as they stood at the end, and takes no new ones", async () => {
    const { mentor, mentee, id } = await activePair();
    const shared = await goal(mentee.userId, "Write learning objectives");
    const later = await goal(mentee.userId, "A goal for later");
    await prisma.goalNote.create({ data: { goalId: shared.id, body: "Before the end", createdAt: new Date(Date.now() - 60_000) } });
    expect((await shareGoal(mentee.actor, id, shared.id, new Date(Date.now() - 30_000))).ok).toBe(true);
    const endedAt = new Date();
    expect((await endMentorship(mentor.actor, id, "Good work together", endedAt)).ok).toBe(true);

    // After the end: a new note, and the goal achieved.
    await prisma.goalNote.create({ data: { goalId: shared.id, body: "After the end", createdAt: new Date(endedAt.getTime() + 60_000) } });
    await prisma.goal.update({ where: { id: shared.id }, data: { status: "ACHIEVED", endedAt: new Date(endedAt.getTime() + 60_000) } });

    const seen = await listSharedGoals(mentor.actor, await spaceOf(mentor, id), "UTC");
    expect(seen.map((g) => [g.title, g.statusLabel, g.notes.map((n) => n.body)])).toEqual([["Write learning objectives", "In progress", ["Before the end"]]]);
    expect(await shareGoal(mentee.actor, id, later.id, new Date())).toMatchObject({ ok: false, reason: "conflict" });
    expect(await shareableGoals(mentee.actor, await spaceOf(mentee, id), new Date())).toEqual([]);
    // Taking one back still works.
    expect((await unshareGoal(mentee.actor, id, shared.id)).ok).toBe(true);
    expect(await listSharedGoals(mentor.actor, await spaceOf(mentor, id), "UTC")).toEqual([]);
  });

  it("goes with the goal when the goal is deleted", async () => {
    const { mentee, id } = await activePair();
    const shared = await goal(mentee.userId, "Short-lived goal");
    expect((await shareGoal(mentee.actor, id, shared.id, new Date())).ok).toBe(true);
    await prisma.goal.delete({ where: { id: shared.id } });
    expect(await prisma.mentorshipGoal.count({ where: { mentorshipId: id } })).toBe(0);
  });

  it("tells the other member when a goal is shared (once for sharing it again soon), and nobody when it is taken back", async () => {
    const { mentor, mentee, id } = await activePair();
    await prisma.user.update({ where: { id: mentor.userId }, data: { emailFrequency: "IMMEDIATE" }, select: { id: true } });
    const first = await goal(mentee.userId, "Plan a journal club");
    const second = await goal(mentee.userId, "Lead a debrief");
    const told = () =>
      prisma.notification.findMany({
        where: { mentorshipId: id, kind: "MENTORING_GOAL_SHARED" },
        orderBy: { createdAt: "asc" },
        select: { id: true, userId: true, actorId: true },
      });

    expect((await shareGoal(mentee.actor, id, first.id, new Date())).ok).toBe(true);
    const [notice] = await told();
    expect(notice).toMatchObject({ userId: mentor.userId, actorId: mentee.userId });
    // Its text and link, and an immediate email for a member who chose one (like a message in the space).
    const { items } = await listNotifications(mentor.actor, null);
    const item = items.find((row) => row.id === notice!.id)!;
    expect(notificationText(item)).toBe(`${mentee.displayName} shared one of their goals in your mentoring space`);
    expect(item.href).toBe(`/mentoring/${id}`);
    expect(await prisma.job.count({ where: { key: notificationEmailKey(notice!.id) } })).toBe(1);

    // Twice, taken back, shared again the same day: nothing more. Taking back tells nobody.
    expect((await shareGoal(mentee.actor, id, first.id, new Date())).ok).toBe(true);
    expect((await unshareGoal(mentee.actor, id, first.id)).ok).toBe(true);
    expect((await shareGoal(mentee.actor, id, first.id, new Date())).ok).toBe(true);
    expect(await told()).toHaveLength(1);
    expect(await prisma.notification.count({ where: { mentorshipId: id, userId: mentee.userId } })).toBe(0);

    // Another goal: told again. The first shared again a day and more later: told again.
    expect((await shareGoal(mentee.actor, id, second.id, new Date())).ok).toBe(true);
    expect(await told()).toHaveLength(2);
    expect((await unshareGoal(mentee.actor, id, first.id)).ok).toBe(true);
    expect((await shareGoal(mentee.actor, id, first.id, new Date(Date.now() + (GOAL_SHARE_RENOTIFY_HOURS + 1) * 3_600_000))).ok).toBe(true);
    expect(await told()).toHaveLength(3);
  });
});
