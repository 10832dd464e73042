// Goals, commitments and their reminders against a real database: who sees goals, check-ins counted
// on the member's calendar, reminder emails sent once and only when wanted, nothing left after the
// account is deleted.
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { deleteAccount } from "~/domain/members/accounts.server";
import type { MemberActor } from "~/domain/members/actor";
import { prisma } from "~/utils/db.server";
import { expectOk } from "~/utils/result";
import { runJobsUntilIdle } from "~/utils/jobs.server";
import { createTestMember, signUpConfirmed } from "../../../tests/fixtures/members";
import { seed } from "../../../prisma/seed";
import { answerCheckIn, listDueCheckIns } from "./commitments.server";
import {
  addGoalComment,
  createGoal,
  endGoal,
  exportGoals,
  getGoal,
  listGoals,
  listGoalsForReviewer,
  setGoalsForReviewers,
  visibleGoalsWhere,
  type GoalViewer,
} from "./goals.server";
import { reminderJobHandlers } from "./reminders.server";

beforeAll(async () => {
  await seed();
});

beforeEach(() => {
  vi.spyOn(console, "log").mockImplementation(() => {});
});

const DAY = 86_400_000;

async function setZone(userId: string, timeZone: string) {
  await prisma.user.update({ where: { id: userId }, data: { timeZone, timeZoneConfirmedAt: new Date() }, select: { id: true } });
}

const reminders = (userId: string) =>
  prisma.outboxEmail.findMany({ where: { userId, kind: { in: ["goal-reminder", "check-in-reminder"] } }, select: { subject: true, text: true, kind: true } });

const runReminders = (now: Date) => runJobsUntilIdle({ handlers: reminderJobHandlers, now });

describe("goals", () => {
  it("are saved without an outcome or a date, with advice instead of a refusal", async () => {
    const member = await createTestMember();
    const { id } = expectOk(await createGoal(member.actor, { title: "Run a needs assessment" }, "UTC", new Date()));
    const goal = (await getGoal(member.actor, id, "UTC", new Date()))!;
    expect(goal.advice.map((item) => item.field)).toEqual(["outcome", "dueOn", "areas"]);
    const vague = expectOk(await createGoal(member.actor, { title: "Get better", outcome: "Understand outcomes better", dueOn: "2027-01-31" }, "UTC", new Date()));
    const advice = (await getGoal(member.actor, vague.id, "UTC", new Date()))!.advice;
    expect(advice).toHaveLength(2);
    expect(advice[0]!.message).toContain("“understand”");
  });

  it("refuse areas that are not the member's framework's", async () => {
    const member = await createTestMember();
    const result = await createGoal(member.actor, { title: "X", areas: ["not-an-area"] }, "UTC", new Date());
    expect(result.ok).toBe(false);
    expect(!result.ok && result.fieldErrors?.areas).toBeTruthy();
  });

  it("are seen by a share link only when it includes them, and by reviewers only when the member allows", async () => {
    const member = await createTestMember();
    const reviewer = await createTestMember();
    const stranger = await createTestMember();
    expectOk(await createGoal(member.actor, { title: "Publish a case report", dueOn: "2027-03-31" }, "UTC", new Date()));
    const options = { now: new Date() };
    expect(await listGoals({ kind: "share", ownerId: member.userId, includeGoals: false }, stranger.actor, options)).toEqual([]);
    expect(await listGoals({ kind: "share", ownerId: member.userId, includeGoals: true }, stranger.actor, options)).toHaveLength(1);

    // An invitation the reviewer accepted.
    await prisma.reviewerInvitation.create({
      data: { id: `inv-${member.userId}`, revieweeId: member.userId, email: reviewer.email, expiresAt: new Date(Date.now() + DAY), acceptedAt: new Date(), reviewerId: reviewer.userId },
    });
    expect(await listGoalsForReviewer(reviewer.actor, member.userId, new Date())).toEqual([]);
    await setGoalsForReviewers(member.userId, true);
    const seen = await listGoalsForReviewer(reviewer.actor, member.userId, new Date());
    expect(seen.map((goal) => goal.title)).toEqual(["Publish a case report"]);
    // Someone who was never invited sees nothing and cannot comment.
    expect(await listGoalsForReviewer(stranger.actor, member.userId, new Date())).toEqual([]);
    expect((await addGoalComment(stranger.actor, member.userId, seen[0]!.id, "Hello", new Date())).ok).toBe(false);

    // The reviewer's comment: the member reads it; another reviewer would not see it on their page.
    expectOk(await addGoalComment(reviewer.actor, member.userId, seen[0]!.id, "Try the journal's template.", new Date()));
    const goal = (await getGoal(member.actor, seen[0]!.id, "UTC", new Date()))!;
    expect(goal.comments.map((comment) => comment.body)).toEqual(["Try the journal's template."]);
    // Withdrawn: the reviewer sees nothing again.
    await setGoalsForReviewers(member.userId, false);
    expect(await listGoalsForReviewer(reviewer.actor, member.userId, new Date())).toEqual([]);
  });

  it("remind once, a week before the date, at the start of that day in the member's time zone", async () => {
    const member = await createTestMember();
    await setZone(member.userId, "America/New_York");
    const written = new Date("2026-12-01T15:00:00Z");
    const { id } = expectOk(await createGoal(member.actor, { title: "Finish the outcomes report", dueOn: "2026-12-31" }, "America/New_York", written));
    const job = await prisma.job.findFirstOrThrow({ where: { key: { contains: `goal:${id}:` } }, select: { runAt: true } });
    // December 24 begins at 05:00 UTC in New York.
    expect(job.runAt.toISOString()).toBe("2026-12-24T05:00:00.000Z");
    await runReminders(new Date("2026-12-24T04:59:00Z"));
    expect(await reminders(member.userId)).toEqual([]);
    await runReminders(new Date("2026-12-24T05:00:00Z"));
    await runReminders(new Date("2026-12-24T06:00:00Z"));
    const sent = await reminders(member.userId);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.text).toContain("December 31, 2026");
    expect(sent[0]!.text).toContain(`/me/goals/${id}`);
  });
});

describe("goals' areas", () => {
  const run = Math.random().toString(36).slice(2, 8);
  /** Words only the licensed version holds: a reader's data with one of them leaks the text. */
  const NAME = `Licensedgoalarea${run}`;
  const SLUG = NAME.toLowerCase();

  async function licensedGoal() {
    const { id: versionId } = await prisma.frameworkVersion.create({
      data: {
        version: "1",
        status: "PUBLISHED",
        rights: "LICENSED",
        introduction: "",
        introductionHtml: "",
        attribution: "",
        contentHash: run,
        framework: { create: { slug: `licensed-${run}`, name: `Licensed ${run}`, publisher: "Someone" } },
        areas: { create: [{ position: 2, slug: SLUG, name: NAME, summary: "", summaryHtml: "" }] },
      },
      select: { id: true },
    });
    const association = await prisma.association.create({
      data: { slug: `licensee-${run}`, name: `Licensee ${run}`, description: "", descriptionHtml: "", frameworkLicences: { create: { frameworkVersionId: versionId } } },
      select: { id: true },
    });
    const member = await createTestMember();
    const goal = await prisma.goal.create({
      data: { userId: member.userId, title: "Map our programme", versionId, areaSlugs: [SLUG] },
      select: { id: true },
    });
    return { member, goalId: goal.id, associationId: association.id };
  }

  it("are named only for readers who may read a licensed framework; its slugs travel as opaque keys", async () => {
    const { member, goalId, associationId } = await licensedGoal();
    // The member left the licensee (or never was in it): "Area 2", and a key instead of the slug, everywhere.
    const listed = await listGoals({ kind: "owner", userId: member.userId }, member.actor, { now: new Date() });
    expect(listed[0]!.areas).toEqual([{ slug: expect.stringMatching(/^area-[a-z0-9]{16}$/), name: "Area 2" }]);
    const one = await getGoal(member.actor, goalId, "UTC", new Date());
    expect(one!.areas).toEqual(listed[0]!.areas);
    const exported = await exportGoals(member.actor);
    expect(exported[0]!.areas).toBe("Area 2");
    for (const data of [listed, one, exported]) {
      expect(JSON.stringify(data)).not.toContain(NAME);
      expect(JSON.stringify(data)).not.toContain(SLUG);
    }
    // A share link's reader who is a member of the licensee reads the name; one who is not does not.
    const licensee = await createTestMember();
    await prisma.associationMembership.create({ data: { associationId, userId: licensee.userId } });
    const shared: GoalViewer = { kind: "share", ownerId: member.userId, includeGoals: true };
    expect((await listGoals(shared, licensee.actor, { now: new Date() }))[0]!.areas).toEqual([{ slug: SLUG, name: NAME }]);
    expect((await listGoals(shared, (await createTestMember()).actor, { now: new Date() }))[0]!.areas[0]!.name).toBe("Area 2");
    // Back in the licensee, the member reads the name again.
    await prisma.associationMembership.create({ data: { associationId, userId: member.userId } });
    expect((await exportGoals(member.actor))[0]!.areas).toBe(NAME);
  });

  it("are read through the same rule as visibleGoalsWhere, for every kind of reader", async () => {
    const member = await createTestMember();
    const reviewer = await createTestMember();
    const revoked = await createTestMember();
    expectOk(await createGoal(member.actor, { title: "Write a grant" }, "UTC", new Date()));
    await setGoalsForReviewers(member.userId, true);
    await prisma.reviewerInvitation.createMany({
      data: [
        { id: `a-${member.userId}`, revieweeId: member.userId, email: reviewer.email, expiresAt: new Date(Date.now() + DAY), reviewerId: reviewer.userId },
        { id: `r-${member.userId}`, revieweeId: member.userId, email: revoked.email, expiresAt: new Date(Date.now() + DAY), reviewerId: revoked.userId, revokedAt: new Date() },
      ],
    });
    const viewers: [GoalViewer, number][] = [
      [{ kind: "owner", userId: member.userId }, 1],
      [{ kind: "owner", userId: reviewer.userId }, 0],
      [{ kind: "share", ownerId: member.userId, includeGoals: true }, 1],
      [{ kind: "share", ownerId: member.userId, includeGoals: false }, 0],
      [{ kind: "reviewer", ownerId: member.userId, reviewerId: reviewer.userId }, 1],
      [{ kind: "reviewer", ownerId: member.userId, reviewerId: revoked.userId }, 0],
    ];
    for (const [viewer, count] of viewers) {
      const byWhere = await prisma.goal.findMany({ where: visibleGoalsWhere(viewer), select: { id: true } });
      const bySql = await listGoals(viewer, member.actor, { now: new Date() });
      expect(bySql.map((goal) => goal.id)).toEqual(byWhere.map((goal) => goal.id));
      expect(bySql).toHaveLength(count);
    }
  });
});

describe("commitments and check-ins", () => {
  let member: { userId: string; actor: MemberActor };

  beforeAll(async () => {
    member = await createTestMember();
    await setZone(member.userId, "Pacific/Auckland");
  });

  it("are asked 30 and 90 days after the day the commitment was made, on the member's calendar", async () => {
    // 00:30 on February 1 in Auckland (still January 31 in UTC).
    const achieved = new Date("2026-01-31T11:30:00Z");
    const { id } = expectOk(await createGoal(member.actor, { title: "Teach a session" }, "Pacific/Auckland", achieved));
    expectOk(await endGoal(member.actor, id, { ending: "ACHIEVED", reflection: "Went well.", commitment: "Use polling in every talk." }, "Pacific/Auckland", achieved));
    const checkIns = await prisma.checkIn.findMany({
      where: { userId: member.userId },
      orderBy: { afterDays: "asc" },
      select: { id: true, afterDays: true, dueOn: true, dueAt: true },
    });
    expect(checkIns.map((c) => [c.afterDays, c.dueOn.toISOString().slice(0, 10), c.dueAt.toISOString()])).toEqual([
      // March 3 begins at 11:00 UTC on March 2 in Auckland (summer time, UTC+13).
      [30, "2026-03-03", "2026-03-02T11:00:00.000Z"],
      // May 2 begins at 12:00 UTC on May 1 (winter time, UTC+12).
      [90, "2026-05-02", "2026-05-01T12:00:00.000Z"],
    ]);

    // Not due the day before; due from the start of the day, on home and by email, once.
    expect(await listDueCheckIns(member.userId, new Date("2026-03-02T10:59:00Z"))).toEqual([]);
    const due = new Date("2026-03-02T11:00:00Z");
    expect((await listDueCheckIns(member.userId, due)).map((c) => c.afterDays)).toEqual([30]);
    expect((await answerCheckIn(member.actor, checkIns[1]!.id, { answer: "DONE" }, due)).ok).toBe(false);
    await runReminders(due);
    await runReminders(new Date(due.getTime() + DAY));
    const sent = await reminders(member.userId);
    expect(sent.map((email) => email.kind)).toEqual(["check-in-reminder"]);
    expect(sent[0]!.text).toContain(`/me/check-ins/${checkIns[0]!.id}`);

    // Answered: no longer waiting.
    expectOk(await answerCheckIn(member.actor, checkIns[0]!.id, { answer: "PARTLY", obstacle: "Short on time" }, due));
    expect(await listDueCheckIns(member.userId, due)).toEqual([]);
  });

  it("are not emailed to a member who turned reminders off (but still wait on home)", async () => {
    const quiet = await createTestMember();
    await prisma.user.update({ where: { id: quiet.userId }, data: { reminderEmails: false }, select: { id: true } });
    const made = new Date("2026-02-10T09:00:00Z");
    const { id } = expectOk(await createGoal(quiet.actor, { title: "Quiet goal" }, "UTC", made));
    expectOk(await endGoal(quiet.actor, id, { ending: "ACHIEVED", reflection: "Done.", commitment: "Say less." }, "UTC", made));
    const due = new Date("2026-03-12T00:00:00Z");
    await runReminders(due);
    expect(await reminders(quiet.userId)).toEqual([]);
    expect(await listDueCheckIns(quiet.userId, due)).toHaveLength(1);
  });

  it("follow only an achieved goal", async () => {
    const { id } = expectOk(await createGoal(member.actor, { title: "Dropped goal" }, "UTC", new Date()));
    const refused = await endGoal(member.actor, id, { ending: "DROPPED", reflection: "No longer fits.", commitment: "Something" }, "UTC", new Date());
    expect(!refused.ok && refused.fieldErrors?.commitment).toBeTruthy();
    // Nothing was written: the goal is still open.
    expect((await getGoal(member.actor, id, "UTC", new Date()))!.status).toBe("OPEN");
  });
});

describe("deleting the account", () => {
  it("leaves nothing of goals, commitments, check-ins or their reminders", async () => {
    const signedUp = expectOk(await signUpConfirmed({ email: `leaver-${Date.now()}@example.org`, password: "harbor lights at dawn", displayName: "Leaver" }));
    const actor: MemberActor = { kind: "member", userId: signedUp.userId, sessionId: "", role: "MEMBER", handle: "", displayName: "Leaver", onboarded: true, confirmed: true };
    const made = new Date("2026-01-05T09:00:00Z");
    const { id } = expectOk(await createGoal(actor, { title: "Leave well", dueOn: "2026-03-01" }, "UTC", made));
    expectOk(await endGoal(actor, id, { ending: "ACHIEVED", reflection: "Yes.", commitment: "Tidy up." }, "UTC", made));
    expectOk(await createGoal(actor, { title: "Another", dueOn: "2026-06-01" }, "UTC", made));
    await runReminders(new Date("2026-02-05T00:00:00Z"));
    expect((await reminders(signedUp.userId)).length).toBeGreaterThan(0);

    expectOk(await deleteAccount({ userId: signedUp.userId }, "harbor lights at dawn"));
    expect(await prisma.goal.count({ where: { userId: signedUp.userId } })).toBe(0);
    expect(await prisma.commitment.count({ where: { userId: signedUp.userId } })).toBe(0);
    expect(await prisma.checkIn.count({ where: { userId: signedUp.userId } })).toBe(0);
    expect(await prisma.outboxEmail.count({ where: { userId: signedUp.userId } })).toBe(0);
    expect(await prisma.job.count({ where: { key: { startsWith: `reminder:${signedUp.userId}:` } } })).toBe(0);
  });
});
