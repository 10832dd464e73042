// Mentoring's routes with real requests: bad settings are refused beside their
// fields with the text kept; a request's page is for its two members only, and
// opening it (the emailed link) changes nothing.
import { beforeAll, describe, expect, it } from "vitest";
import { requestMentor } from "~/domain/mentoring/mentorships.server";
import { saveMentoringSettings } from "~/domain/mentoring/preferences.server";
import { action as settingsAction } from "~/routes/accounts/settings.mentoring";
import { loader as requestLoader } from "~/routes/mentoring/mentoring.requests.$id";
import { action as spaceAction, loader as spaceLoader } from "~/routes/mentoring/mentoring.$id";
import { loader as profileLoader } from "~/routes/members/members.$handle";
import { prisma } from "~/utils/db.server";
import { seed } from "../../prisma/seed";
import { currentVersion, submitAssessment, type TestVersion } from "../fixtures/crosswalk";
import { createTestMember } from "../fixtures/members";
import { routeArgs } from "../fixtures/route-args";
import { statusOf } from "../fixtures/answers";

let version: TestVersion;
beforeAll(async () => {
  await seed();
  version = await currentVersion();
});


describe("Settings → Mentoring", () => {
  it("refuses offering with no area or a capacity of 0, beside the fields, keeping the note", async () => {
    const member = await createTestMember();
    await submitAssessment(member.userId, version, { [version.areas[0]!.slug]: 3 }, new Date());
    const form = { offer: "on", capacity: "0", offerNote: "Happy to help", seek: "off" };
    const result = await settingsAction(routeArgs("/settings/mentoring", { cookie: member.cookie, form }));
    expect(result).not.toBeInstanceOf(Response);
    const text = JSON.stringify(result);
    expect(text).toContain("Choose at least one area you will mentor in");
    expect(text).toContain("At least 1");
    expect(text).toContain("Happy to help");
    expect(await prisma.mentoringPreference.count({ where: { userId: member.userId } })).toBe(0);
  });
});

describe("a request's page", () => {
  it("is for its two members only, and opening it changes nothing", async () => {
    const [mentor, mentee, stranger] = await Promise.all([createTestMember(), createTestMember(), createTestMember()]);
    const slug = version.areas[0]!.slug;
    await submitAssessment(mentor.userId, version, { [slug]: 4 }, new Date());
    await submitAssessment(mentee.userId, version, { [slug]: [1, 3] }, new Date());
    await saveMentoringSettings(mentor.userId, { offer: "on", offerAreas: [slug], capacity: 2, seek: "off" });
    await saveMentoringSettings(mentee.userId, { offer: "off", seek: "on", seekAreas: [slug] });
    const sent = await requestMentor(mentee.actor, mentor.handle, { message: "Hello", areas: [slug] }, "http://localhost");
    const id = sent.ok ? sent.value.id : "";
    const url = `/mentoring/requests/${id}`;
    expect(await statusOf(requestLoader(routeArgs(url, { cookie: stranger.cookie, params: { id } })))).toBe(404);
    expect(await statusOf(spaceLoader(routeArgs(`/mentoring/${id}`, { cookie: mentor.cookie, params: { id } })))).toBe(404);
    const page = await requestLoader(routeArgs(url, { cookie: mentor.cookie, params: { id } }));
    expect(page.request).toMatchObject({ side: "mentor", status: "REQUESTED", canAnswer: true, message: "Hello" });
    expect((await prisma.mentorship.findUniqueOrThrow({ where: { id }, select: { status: true } })).status).toBe("REQUESTED");
    // Logged out, the emailed link asks to log in first.
    expect(await statusOf(requestLoader(routeArgs(url, { params: { id } })))).toBe(302);
  });
});

describe("the pair's space", () => {
  async function activePair() {
    const [mentor, mentee, stranger] = await Promise.all([createTestMember(), createTestMember(), createTestMember()]);
    const { id } = await prisma.mentorship.create({
      data: { mentorId: mentor.userId, menteeId: mentee.userId, status: "ACTIVE" },
      select: { id: true },
    });
    return { mentor, mentee, stranger, id };
  }

  it("shares a goal from the form, refuses bad or foreign goals beside the field, and 404s for anyone else", async () => {
    const { mentor, mentee, stranger, id } = await activePair();
    const { id: goalId } = await prisma.goal.create({ data: { userId: mentee.userId, title: "Lead an outcomes evaluation", outcome: "One report" }, select: { id: true } });
    const url = `/mentoring/${id}`;
    const before = await spaceLoader(routeArgs(url, { cookie: mentor.cookie, params: { id } }));
    expect(before.sharedGoals).toEqual([]);

    // Someone outside the pair: not found, and nothing shared.
    expect(await statusOf(spaceAction(routeArgs(url, { cookie: stranger.cookie, params: { id }, form: { intent: "share-goal", goalId } })))).toBe(404);
    // The mentor cannot share the mentee's goal: refused beside the field.
    const refused = await spaceAction(routeArgs(url, { cookie: mentor.cookie, params: { id }, form: { intent: "share-goal", goalId } }));
    expect(refused).not.toBeInstanceOf(Response);
    expect(JSON.stringify(refused)).toContain("Choose one of your open or recently ended goals");
    const empty = await spaceAction(routeArgs(url, { cookie: mentee.cookie, params: { id }, form: { intent: "share-goal", goalId: "" } }));
    expect(JSON.stringify(empty)).toContain("Choose one of your goals");
    expect(await prisma.mentorshipGoal.count({ where: { mentorshipId: id } })).toBe(0);

    const shared = await spaceAction(routeArgs(url, { cookie: mentee.cookie, params: { id }, form: { intent: "share-goal", goalId } }));
    expect((shared as Response).status).toBe(302);
    const after = await spaceLoader(routeArgs(url, { cookie: mentor.cookie, params: { id } }));
    expect(after.sharedGoals.map((goal) => [goal.title, goal.outcome, goal.mine])).toEqual([["Lead an outcomes evaluation", "One report", false]]);
    // No user ids travel to the page.
    expect(JSON.stringify(after)).not.toContain(mentee.userId);
  });

  it("writes times in the viewer's time zone and pages back with ?before=", async () => {
    const { mentor, mentee, id } = await activePair();
    await prisma.user.update({ where: { id: mentee.userId }, data: { timeZone: "Pacific/Auckland" }, select: { id: true } });
    // 23:30 UTC on November 30 is 12:30 on December 1 in Auckland (UTC+13 in summer).
    const at = new Date("2026-11-30T23:30:00Z");
    await prisma.mentorshipMessage.createMany({
      data: Array.from({ length: 55 }, (_, i) => ({
        mentorshipId: id,
        authorId: mentor.userId,
        body: `Note ${i}`,
        bodyHtml: `<p>Note ${i}</p>`,
        createdAt: new Date(at.getTime() - (54 - i) * 60_000),
      })),
    });
    await prisma.mentorship.update({ where: { id }, data: { status: "ENDED", endedAt: at, endedById: mentor.userId }, select: { id: true } });
    const url = `/mentoring/${id}`;
    const seenInAuckland = await spaceLoader(routeArgs(url, { cookie: mentee.cookie, params: { id } }));
    expect(seenInAuckland.timeZone).toBe("Pacific/Auckland");
    expect(seenInAuckland.space.messages.at(-1)!.writtenAt).toBe("Dec 1, 2026, 12:30 PM");
    expect(seenInAuckland.space.endedOn).toBe("December 1, 2026");
    const seenInUtc = await spaceLoader(routeArgs(url, { cookie: mentor.cookie, params: { id } }));
    expect(seenInUtc.space.messages.at(-1)!.writtenAt).toBe("Nov 30, 2026, 11:30 PM");
    expect(seenInUtc.space.endedOn).toBe("November 30, 2026");
    // The request page too: its date in each reader's own zone.
    await prisma.mentorship.update({ where: { id }, data: { createdAt: at }, select: { id: true } });
    const requestUrl = `/mentoring/requests/${id}`;
    expect((await requestLoader(routeArgs(requestUrl, { cookie: mentee.cookie, params: { id } }))).request.createdOn).toBe("Dec 1, 2026, 12:30 PM");
    expect((await requestLoader(routeArgs(requestUrl, { cookie: mentor.cookie, params: { id } }))).request.createdOn).toBe("Nov 30, 2026, 11:30 PM");

    expect(seenInUtc.space.messages).toHaveLength(50);
    expect(seenInUtc.space.olderThan).toBeTruthy();
    const older = await spaceLoader(
      routeArgs(`${url}?before=${encodeURIComponent(seenInUtc.space.olderThan!)}`, { cookie: mentor.cookie, params: { id } }),
    );
    expect(older.space.messages.map((message) => message.bodyHtml)).toEqual(["<p>Note 0</p>", "<p>Note 1</p>", "<p>Note 2</p>", "<p>Note 3</p>", "<p>Note 4</p>"]);
    expect(older.space.olderThan).toBeNull();
    expect(older.space.olderPage).toBe(true);
  });
});

describe("a member's profile", () => {
  it("shows a mentorship only when both members agreed, only to signed-in members, naming the other member", async () => {
    const [mentor, mentee, other, reader] = await Promise.all([createTestMember(), createTestMember(), createTestMember(), createTestMember()]);
    const { id } = await prisma.mentorship.create({ data: { mentorId: mentor.userId, menteeId: mentee.userId, status: "ACTIVE", mentorShows: true }, select: { id: true } });
    // Only the mentor agreed, and a waiting request: nothing shows.
    await prisma.mentorship.create({ data: { mentorId: mentor.userId, menteeId: other.userId, status: "REQUESTED", mentorShows: true, menteeShows: true }, select: { id: true } });
    const seen = async (handle: string, cookie: string | null) =>
      (await profileLoader(routeArgs(`/members/${handle}`, { cookie, params: { handle } }))).mentorships;
    expect(await seen(mentor.handle, reader.cookie)).toEqual([]);

    await prisma.mentorship.update({ where: { id }, data: { menteeShows: true }, select: { id: true } });
    expect(await seen(mentor.handle, reader.cookie)).toEqual([{ asMentor: true, active: true, name: mentee.displayName, handle: mentee.handle }]);
    expect(await seen(mentee.handle, reader.cookie)).toEqual([{ asMentor: false, active: true, name: mentor.displayName, handle: mentor.handle }]);
    expect(await seen(mentor.handle, null)).toEqual([]);

    await prisma.mentorship.update({ where: { id }, data: { status: "ENDED", endedAt: new Date() }, select: { id: true } });
    expect(await seen(mentee.handle, reader.cookie)).toEqual([{ asMentor: false, active: false, name: mentor.displayName, handle: mentor.handle }]);
  });
});
