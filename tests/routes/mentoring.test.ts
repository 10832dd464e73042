// Mentoring's routes with real requests: bad settings are refused beside their
// fields with the text kept; a request's page is for its two members only, and
// opening it (the emailed link) changes nothing.
import { beforeAll, describe, expect, it } from "vitest";
import { requestMentor } from "~/domain/mentoring/mentorships.server";
import { saveMentoringSettings } from "~/domain/mentoring/preferences.server";
import { action as settingsAction } from "~/routes/accounts/settings.mentoring";
import { loader as requestLoader } from "~/routes/mentoring/mentoring.requests.$id";
import { loader as spaceLoader } from "~/routes/mentoring/mentoring.$id";
import { prisma } from "~/utils/db.server";
import { seed } from "../../prisma/seed";
import { currentVersion, submitAssessment, type TestVersion } from "../fixtures/crosswalk";
import { createTestMember } from "../fixtures/members";
import { routeArgs } from "../fixtures/route-args";

let version: TestVersion;
beforeAll(async () => {
  await seed();
  version = await currentVersion();
});

async function statusOf(promise: Promise<unknown>): Promise<number> {
  try {
    await promise;
    return 200;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown.status;
    throw thrown;
  }
}

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
