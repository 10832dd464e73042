/**
 * Mentorships against a real database: the request and its answer, the
 * pair's space and who can read it (nobody outside the pair, in any list,
 * search, notification or digest), hiding members, leaving an association,
 * and account deletion.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { deleteAccount } from "~/domain/members/accounts.server";
import { listNotifications } from "~/domain/notifications/notifications.server";
import { searchPosts } from "~/domain/discussions/search.server";
import { prisma } from "~/utils/db.server";
import { hashPassword } from "~/utils/password.server";
import { seed } from "../../../prisma/seed";
import { currentVersion, submitAssessment, type TestVersion } from "../../../tests/fixtures/crosswalk";
import { createAssociation } from "../../../tests/fixtures/forum";
import { createTestMember, type TestMember } from "../../../tests/fixtures/members";
import { answerRequest, endMentorship, getRequest, getSpace, hideMember, listMyMentoring, postMessage, requestMentor } from "./mentorships.server";
import { saveMentoringSettings } from "./preferences.server";
import { listOpenReports, reportMessage } from "./reports.server";
import { suggestMentors } from "./suggestions.server";

let version: TestVersion;

beforeAll(async () => {
  await seed();
  version = await currentVersion();
});

async function mentorAndMentee(): Promise<{ mentor: TestMember; mentee: TestMember }> {
  const [mentor, mentee] = await Promise.all([createTestMember(), createTestMember()]);
  const slugs = version.areas.map((area) => area.slug);
  await submitAssessment(mentor.userId, version, Object.fromEntries(slugs.map((slug) => [slug, 4])), new Date());
  await submitAssessment(mentee.userId, version, { ...Object.fromEntries(slugs.map((slug) => [slug, 1])), [slugs[0]!]: [1, 3], [slugs[1]!]: [1, 4] }, new Date());
  expect((await saveMentoringSettings(mentor.userId, { offer: "on", offerAreas: [slugs[0]!], capacity: 1, seek: "off" })).ok).toBe(true);
  expect((await saveMentoringSettings(mentee.userId, { offer: "off", seek: "on", seekAreas: [slugs[0]!, slugs[1]!] })).ok).toBe(true);
  return { mentor, mentee };
}

describe("requests and the pair's space", () => {
  it("runs a mentorship from request to reflection, readable by the pair only", async () => {
    const { mentor, mentee } = await mentorAndMentee();
    const [stranger, admin] = await Promise.all([createTestMember(), createTestMember({ role: "ADMIN" })]);

    const suggestions = await suggestMentors(mentee.userId);
    expect(suggestions.kind === "suggestions" && suggestions.items.map((item) => item.handle)).toContain(mentor.handle);
    // Only the offered area's stage is shown, not the second area the mentee asked about.
    const mine = suggestions.kind === "suggestions" ? suggestions.items.find((item) => item.handle === mentor.handle)! : null;
    expect(mine!.reasons.filter((reason) => reason.startsWith("Stage "))).toEqual([
      `Stage 4 in ${version.areas[0]!.name}, where your target is 2 above your latest (stage 1)`,
    ]);

    const request = await requestMentor(mentee.actor, mentor.handle, { message: "Hello", areas: [version.areas[0]!.slug] });
    expect(request.ok).toBe(true);
    const id = request.ok ? request.value.id : "";
    // A second request to the same mentor is refused while the first waits.
    expect((await requestMentor(mentee.actor, mentor.handle, { message: "Again", areas: [version.areas[0]!.slug] })).ok).toBe(false);
    // The emailed link's page: shown to the pair only, and opening it changes nothing.
    expect(await getRequest(stranger.actor, id)).toBeNull();
    expect(await getRequest(admin.actor, id)).toBeNull();
    expect((await getRequest(mentor.actor, id))!.status).toBe("REQUESTED");
    expect(await prisma.outboxEmail.count({ where: { dedupeKey: `mentoring-request:${id}`, to: mentor.email } })).toBe(1);
    // Only the mentor answers.
    expect((await answerRequest(mentee.actor, id, { decision: "accept" })).ok).toBe(false);
    expect((await answerRequest(stranger.actor, id, { decision: "accept" })).ok).toBe(false);
    expect(await answerRequest(mentor.actor, id, { decision: "accept", note: "Gladly" })).toEqual({ ok: true, value: { status: "ACTIVE" } });

    // At capacity now: no longer suggested to anyone.
    const other = await createTestMember();
    await submitAssessment(other.userId, version, { [version.areas[0]!.slug]: [1, 3] }, new Date());
    await saveMentoringSettings(other.userId, { offer: "off", seek: "on", seekAreas: [version.areas[0]!.slug] });
    const otherSuggestions = await suggestMentors(other.userId);
    expect(otherSuggestions.kind === "suggestions" && otherSuggestions.items.map((item) => item.handle)).not.toContain(mentor.handle);

    const secret = `secret-${Date.now()}`;
    expect((await postMessage(mentee.actor, id, `A **${secret}** <script>alert(1)</script>`)).ok).toBe(true);
    expect((await postMessage(stranger.actor, id, "Let me in")).ok).toBe(false);
    const space = await getSpace(mentor.actor, id);
    expect(space!.messages[0]!.bodyHtml).toContain(`<strong>${secret}</strong>`);
    expect(space!.messages[0]!.bodyHtml).not.toContain("<script");
    // Nobody outside the pair: not the page, not their lists, not search, not their notifications.
    expect(await getSpace(stranger.actor, id)).toBeNull();
    expect(await getSpace(admin.actor, id)).toBeNull();
    expect((await listMyMentoring(stranger.actor)).active).toEqual([]);
    for (const actor of [stranger.actor, admin.actor, mentor.actor]) {
      const found = await searchPosts(actor, { q: secret });
      expect(JSON.stringify(found)).not.toContain(secret);
    }
    const strangerNotes = await listNotifications(stranger.actor, null);
    expect(strangerNotes.items).toEqual([]);
    const mentorNotes = await listNotifications(mentor.actor, null);
    expect(mentorNotes.items.map((item) => item.kind)).toContain("MENTORING_MESSAGE");
    expect(JSON.stringify(mentorNotes)).not.toContain(secret);

    // A report goes to site administrators, who see the reported message only.
    expect((await reportMessage(stranger.actor, id, { messageId: space!.messages[0]!.id })).ok).toBe(false);
    expect((await reportMessage(mentor.actor, id, { messageId: space!.messages[0]!.id, note: "Check this" })).ok).toBe(true);
    const reports = await listOpenReports(admin.actor);
    expect(reports!.some((report) => report.message?.bodyHtml.includes(secret))).toBe(true);
    expect(await listOpenReports(stranger.actor)).toBeNull();

    // Ending it with a reflection frees the place.
    expect((await endMentorship(mentee.actor, id, "I learned a lot")).ok).toBe(true);
    expect((await postMessage(mentor.actor, id, "Too late")).ok).toBe(false);
    const ended = await getSpace(mentor.actor, id);
    expect(ended!.status).toBe("ENDED");
    expect(ended!.reflections.mentee).toBe("I learned a lot");
  });

  it("never suggests a hidden or declining mentor again", async () => {
    const { mentor, mentee } = await mentorAndMentee();
    const request = await requestMentor(mentee.actor, mentor.handle, { message: "Hi", areas: [version.areas[0]!.slug] });
    const id = request.ok ? request.value.id : "";
    expect(await answerRequest(mentor.actor, id, { decision: "decline", note: "Too busy, sorry" })).toEqual({ ok: true, value: { status: "DECLINED" } });
    const after = await suggestMentors(mentee.userId);
    expect(after.kind === "suggestions" && after.items.map((item) => item.handle)).not.toContain(mentor.handle);
    expect((await requestMentor(mentee.actor, mentor.handle, { message: "Please", areas: [version.areas[0]!.slug] })).ok).toBe(false);

    const second = await mentorAndMentee();
    expect((await hideMember(second.mentor.actor, second.mentee.handle)).ok).toBe(true);
    const hidden = await suggestMentors(second.mentee.userId);
    expect(hidden.kind === "suggestions" && hidden.items.map((item) => item.handle)).not.toContain(second.mentor.handle);
    expect((await requestMentor(second.mentee.actor, second.mentor.handle, { message: "Hi", areas: [version.areas[0]!.slug] })).ok).toBe(false);
  });

  it("keeps a mentorship when a member leaves an association, and deletes it with an account", async () => {
    const { mentor, mentee } = await mentorAndMentee();
    const association = await createAssociation([
      { userId: mentor.userId, role: "OWNER" },
      { userId: mentee.userId },
    ]);
    const request = await requestMentor(mentee.actor, mentor.handle, { message: "Hi", areas: [version.areas[0]!.slug] });
    const id = request.ok ? request.value.id : "";
    await answerRequest(mentor.actor, id, { decision: "accept" });
    await postMessage(mentor.actor, id, "Welcome");
    await prisma.associationMembership.delete({ where: { associationId_userId: { associationId: association.id, userId: mentee.userId } } });
    expect((await getSpace(mentee.actor, id))!.status).toBe("ACTIVE");

    await prisma.user.update({ where: { id: mentee.userId }, data: { passwordHash: await hashPassword("a long password for this test") } });
    expect((await deleteAccount({ userId: mentee.userId }, "a long password for this test")).ok).toBe(true);
    expect(await prisma.mentorship.count({ where: { id } })).toBe(0);
    expect(await prisma.mentorshipMessage.count({ where: { mentorshipId: id } })).toBe(0);
    expect(await prisma.mentoringPreference.count({ where: { userId: mentee.userId } })).toBe(0);
    expect(await prisma.notification.count({ where: { mentorshipId: id } })).toBe(0);
  });
});
