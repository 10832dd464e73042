// The goal and check-in pages, the time-zone setting and share links with goals, called with real requests.
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { answerCheckIn } from "~/domain/goals/commitments.server";
import { resetClock, setClockOffset } from "~/utils/clock.server";
import { createShareLink } from "~/domain/assessments/share-links.server";
import { createGoal, endGoal } from "~/domain/goals/goals.server";
import { loader as shareLoader } from "~/routes/competencies/shared.$token";
import { action as checkInAction, loader as checkInLoader } from "~/routes/goals/me.check-ins.$checkInId";
import { action as goalAction, loader as goalLoader } from "~/routes/goals/me.goals.$goalId";
import { action as newGoalAction } from "~/routes/goals/me.goals.new";
import { action as timeZoneAction } from "~/routes/accounts/settings.time-zone";
import { prisma } from "~/utils/db.server";
import { expectOk } from "~/utils/result";
import { seed } from "../../prisma/seed";
import { createTestMember } from "../fixtures/members";
import { routeArgs } from "../fixtures/route-args";

beforeAll(async () => {
  await seed();
});

const statusOf = async (promise: Promise<unknown>) => {
  try {
    const value = await promise;
    return value instanceof Response ? value.status : ((value as { init?: { status?: number } })?.init?.status ?? 200);
  } catch (thrown) {
    return thrown instanceof Response ? thrown.status : "threw";
  }
};

describe("goal pages", () => {
  it("keep the text of a refused goal and say what is missing; save a goal without outcome or date", async () => {
    const member = await createTestMember();
    const refused = (await newGoalAction(routeArgs("/me/goals/new", { cookie: member.cookie, form: { title: "", outcome: "Kept outcome" } }) as never)) as unknown as {
      init: { status: number };
      data: { error: Record<string, string[]>; initialValue: Record<string, string> };
    };
    expect(refused.init.status).toBe(400);
    expect(refused.data.error.title).toEqual(["Say what you will do"]);
    expect(refused.data.initialValue.outcome).toBe("Kept outcome");
    const saved = (await newGoalAction(routeArgs("/me/goals/new", { cookie: member.cookie, form: { title: "Write a needs assessment" } }) as never)) as Response;
    expect(saved.status).toBe(302);
    expect(saved.headers.get("Location")).toMatch(/^\/me\/goals\//);
  });

  it("show a goal to its member only (404 for anyone else, who cannot change it either)", async () => {
    const member = await createTestMember();
    const other = await createTestMember();
    const { id } = expectOk(await createGoal(member.actor, { title: "Mine" }, "UTC", new Date()));
    const own = await goalLoader(routeArgs(`/me/goals/${id}`, { cookie: member.cookie, params: { goalId: id } }) as never);
    expect(own.goal.title).toBe("Mine");
    expect(await statusOf(goalLoader(routeArgs(`/me/goals/${id}`, { cookie: other.cookie, params: { goalId: id } }) as never))).toBe(404);
    expect(
      await statusOf(goalAction(routeArgs(`/me/goals/${id}`, { cookie: other.cookie, params: { goalId: id }, form: { intent: "note", body: "Not mine" } }) as never)),
    ).toBe(404);
    expect(await prisma.goalNote.count({ where: { goalId: id } })).toBe(0);
  });

  it("refuse a thread the member cannot read as a link, beside its field", async () => {
    const member = await createTestMember();
    const { id } = expectOk(await createGoal(member.actor, { title: "Linked" }, "UTC", new Date()));
    const reply = (await goalAction(
      routeArgs(`/me/goals/${id}`, { cookie: member.cookie, params: { goalId: id }, form: { intent: "link-thread", thread: "https://example.org/t/nope/x" } }) as never,
    )) as unknown as { init: { status: number }; data: { intent: string; result: { error: Record<string, string[]> } } };
    expect(reply.init.status).toBe(400);
    expect(reply.data.intent).toBe("link-thread");
    expect(reply.data.result.error.thread?.[0]).toContain("forum thread you can read");
  });
});

describe("check-ins", () => {
  it("open on their day only, and only to their member", async () => {
    const member = await createTestMember();
    const other = await createTestMember();
    const { id } = expectOk(await createGoal(member.actor, { title: "Commit" }, "UTC", new Date()));
    expectOk(await endGoal(member.actor, id, { ending: "ACHIEVED", reflection: "Done.", commitment: "Ask for feedback after each session." }, "UTC", new Date()));
    const checkIn = await prisma.checkIn.findFirstOrThrow({ where: { userId: member.userId, afterDays: 30 }, select: { id: true } });
    const args = (cookie: string, form?: Record<string, string>) => routeArgs(`/me/check-ins/${checkIn.id}`, { cookie, params: { checkInId: checkIn.id }, form });
    const page = await checkInLoader(args(member.cookie) as never);
    expect(page.checkIn.due).toBe(false);
    expect(await statusOf(checkInLoader(args(other.cookie) as never))).toBe(404);
    const early = (await checkInAction(args(member.cookie, { answer: "DONE" }) as never)) as unknown as { init: { status: number }; data: { error: Record<string, string[]> } };
    expect(early.init.status).toBe(409);
    expect(early.data.error[""]?.[0]).toContain("This check-in opens on");
  });
});

describe("the time zone", () => {
  it("refuses a zone that does not exist, and saves a real one", async () => {
    const member = await createTestMember();
    const refused = (await timeZoneAction(routeArgs("/settings/time-zone", { cookie: member.cookie, form: { intent: "time-zone", timeZone: "Mars/Olympus" } }) as never)) as unknown as {
      init: { status: number };
    };
    expect(refused.init.status).toBe(400);
    const saved = (await timeZoneAction(
      routeArgs("/settings/time-zone", { cookie: member.cookie, form: { intent: "time-zone", timeZone: "Asia/Kolkata", from: "home" } }) as never,
    )) as Response;
    expect(saved.headers.get("Location")).toBe("/home");
    const user = await prisma.user.findUniqueOrThrow({ where: { id: member.userId }, select: { timeZone: true, timeZoneConfirmedAt: true } });
    expect(user.timeZone).toBe("Asia/Kolkata");
    expect(user.timeZoneConfirmedAt).not.toBeNull();
  });
});

describe("changing the time zone", () => {
  afterEach(() => resetClock());

  it("keeps every date given, and opens unanswered check-ins and sends reminders when the day starts in the new zone", async () => {
    const at = (iso: string) => setClockOffset(new Date(iso).getTime() - Date.now());
    // January 10, 2027 on the application's clock (the member's session starts then too).
    at("2027-01-10T12:00:00Z");
    const member = await createTestMember();
    const save = (timeZone: string) =>
      timeZoneAction(routeArgs("/settings/time-zone", { cookie: member.cookie, form: { intent: "time-zone", timeZone } }) as never);
    await save("Pacific/Auckland");

    // November 20: a commitment whose 30-day check-in is open by January 10 (December 21 in Auckland).
    const early = new Date("2026-11-20T00:00:00Z");
    const old = expectOk(await createGoal(member.actor, { title: "Older goal" }, "Pacific/Auckland", early));
    expectOk(await endGoal(member.actor, old.id, { ending: "ACHIEVED", reflection: "Done.", commitment: "Older commitment." }, "Pacific/Auckland", early));
    // January 10, 12:00 UTC is 01:00 on January 11 in Auckland: the commitment is made on January 11 there.
    const made = new Date("2027-01-10T12:00:00Z");
    const goal = expectOk(await createGoal(member.actor, { title: "Goal", dueOn: "2027-03-01" }, "Pacific/Auckland", made));
    expectOk(await endGoal(member.actor, goal.id, { ending: "ACHIEVED", reflection: "Done.", commitment: "Newer commitment." }, "Pacific/Auckland", made));
    const open = expectOk(await createGoal(member.actor, { title: "Open goal", dueOn: "2027-03-01" }, "Pacific/Auckland", made));
    const checkIns = () =>
      prisma.checkIn.findMany({
        where: { userId: member.userId },
        orderBy: [{ dueOn: "asc" }],
        select: { id: true, dueOn: true, dueAt: true },
      });
    const before = await checkIns();
    const runAt = async (key: string) => (await prisma.job.findUniqueOrThrow({ where: { key }, select: { runAt: true } })).runAt.toISOString();
    const goalJob = `reminder:${member.userId}:goal:${open.id}:2027-03-01`;
    expect(await runAt(goalJob)).toBe("2027-02-21T11:00:00.000Z");

    // She moves to New York the same day.
    await save("America/New_York");
    const after = await checkIns();
    // The dates she was given stay.
    expect(after.map((row) => row.dueOn.toISOString().slice(0, 10))).toEqual(before.map((row) => row.dueOn.toISOString().slice(0, 10)));
    expect(after.map((row) => row.dueOn.toISOString().slice(0, 10))).toEqual(["2026-12-20", "2027-02-10", "2027-02-18", "2027-04-11"]);
    // The open one stays open; the others open when their day starts in New York (EST, then EDT in April).
    expect(after.map((row) => row.dueAt.toISOString())).toEqual([
      before[0]!.dueAt.toISOString(),
      "2027-02-10T05:00:00.000Z",
      "2027-02-18T05:00:00.000Z",
      "2027-04-11T04:00:00.000Z",
    ]);
    for (const row of after.slice(1)) expect(await runAt(`reminder:${member.userId}:check-in:${row.id}`)).toBe(row.dueAt.toISOString());
    // The goal's reminder: a week before March 1, from the start of February 22 in New York.
    expect(await runAt(goalJob)).toBe("2027-02-22T05:00:00.000Z");

    // On February 10 in Auckland (still February 9 in New York) the check-in is not open yet; at midnight in New York it is.
    const thirty = after[1]!.id;
    expect((await answerCheckIn(member.actor, thirty, { answer: "DONE" }, new Date("2027-02-09T12:00:00Z"))).ok).toBe(false);
    expectOk(await answerCheckIn(member.actor, thirty, { answer: "DONE" }, new Date("2027-02-10T05:00:00Z")));

    // Saving the same zone again moves nothing; an answered check-in is left as it is.
    at("2027-02-08T00:00:00Z");
    await save("America/New_York");
    await save("Europe/London");
    const last = await checkIns();
    expect(last[1]!.dueAt.toISOString()).toBe("2027-02-10T05:00:00.000Z");
    expect(last[3]!.dueAt.toISOString()).toBe("2027-04-10T23:00:00.000Z");
  });
});

describe("share links", () => {
  it("show goals only when the member ticked “include my goals” for that link", async () => {
    const member = await createTestMember();
    expectOk(await createGoal(member.actor, { title: "Present at the regional meeting", dueOn: "2027-05-01" }, "UTC", new Date()));
    const without = await createShareLink(member.actor, { days: 30, label: "" });
    const withGoals = await createShareLink(member.actor, { days: 30, label: "", includeGoals: true });
    const read = (token: string) => shareLoader(routeArgs(`/shared/${token}`, { params: { token } }) as never);
    expect((await read(without.token)).goals).toBeNull();
    expect((await read(withGoals.token)).goals?.map((goal) => goal.title)).toEqual(["Present at the regional meeting"]);
  });
});
