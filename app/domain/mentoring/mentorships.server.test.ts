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
import { MESSAGES_PAGE_SIZE } from "./constants";
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

describe("hiding a member", () => {
  it("closes a waiting request between the two, telling the hidden member nothing", async () => {
    // The mentor hides the mentee who asked: declined.
    const first = await mentorAndMentee();
    const asked = await requestMentor(first.mentee.actor, first.mentor.handle, { message: "Hi", areas: [version.areas[0]!.slug] });
    const askedId = asked.ok ? asked.value.id : "";
    const before = { notes: await prisma.notification.count({ where: { userId: first.mentee.userId } }), mail: await prisma.outboxEmail.count({ where: { to: first.mentee.email } }) };
    expect((await hideMember(first.mentor.actor, first.mentee.handle)).ok).toBe(true);
    expect((await getRequest(first.mentee.actor, askedId))!.status).toBe("DECLINED");
    expect((await listMyMentoring(first.mentee.actor)).waiting).toEqual([]);
    expect(await prisma.notification.count({ where: { userId: first.mentee.userId } })).toBe(before.notes);
    expect(await prisma.outboxEmail.count({ where: { to: first.mentee.email } })).toBe(before.mail);

    // The mentee hides the mentor they asked: withdrawn.
    const second = await mentorAndMentee();
    const sent = await requestMentor(second.mentee.actor, second.mentor.handle, { message: "Hi", areas: [version.areas[0]!.slug] });
    const sentId = sent.ok ? sent.value.id : "";
    const mentorNotes = await prisma.notification.count({ where: { userId: second.mentor.userId } });
    expect((await hideMember(second.mentee.actor, second.mentor.handle)).ok).toBe(true);
    expect((await getRequest(second.mentor.actor, sentId))!).toMatchObject({ status: "WITHDRAWN", canAnswer: false });
    expect(await prisma.notification.count({ where: { userId: second.mentor.userId } })).toBe(mentorNotes);
    // Answering it afterwards is refused.
    expect((await answerRequest(second.mentor.actor, sentId, { decision: "accept" })).ok).toBe(false);
  });

  it("declines a proposal either way, and leaves an active mentorship and other members' requests alone", async () => {
    const { mentor, mentee } = await mentorAndMentee();
    const bystander = await createTestMember();
    const [proposal, active, unrelated] = await Promise.all([
      prisma.mentorship.create({ data: { mentorId: mentor.userId, menteeId: mentee.userId, status: "PROPOSED" }, select: { id: true } }),
      prisma.mentorship.create({ data: { mentorId: mentee.userId, menteeId: mentor.userId, status: "ACTIVE" }, select: { id: true } }),
      prisma.mentorship.create({ data: { mentorId: mentor.userId, menteeId: bystander.userId, status: "REQUESTED" }, select: { id: true } }),
    ]);
    expect((await hideMember(mentee.actor, mentor.handle)).ok).toBe(true);
    const status = async (id: string) => (await prisma.mentorship.findUniqueOrThrow({ where: { id }, select: { status: true } })).status;
    expect(await status(proposal.id)).toBe("DECLINED");
    expect(await status(active.id)).toBe("ACTIVE");
    expect(await status(unrelated.id)).toBe("REQUESTED");
  });
});

describe("the conversation's pages", () => {
  it("shows the newest messages and pages back through older ones by (createdAt, id)", async () => {
    const [mentor, mentee] = await Promise.all([createTestMember(), createTestMember()]);
    const { id } = await prisma.mentorship.create({ data: { mentorId: mentor.userId, menteeId: mentee.userId, status: "ACTIVE" }, select: { id: true } });
    const total = MESSAGES_PAGE_SIZE * 2 + 20;
    const start = Date.UTC(2026, 10, 1);
    // Pairs of messages share a timestamp: the id breaks the tie.
    await prisma.mentorshipMessage.createMany({
      data: Array.from({ length: total }, (_, i) => ({
        mentorshipId: id,
        authorId: i % 2 ? mentor.userId : mentee.userId,
        body: `Message ${i + 1}`,
        bodyHtml: `<p>Message ${i + 1}</p>`,
        createdAt: new Date(start + Math.floor(i / 2) * 60_000),
      })),
    });
    const seen: string[] = [];
    let before: string | null = null;
    let pages = 0;
    do {
      const space = await getSpace(mentee.actor, id, { before });
      pages += 1;
      expect(space!.olderPage).toBe(pages > 1);
      // Oldest first within a page, each page older than the one before.
      expect(space!.messages.length).toBe(pages < 3 ? MESSAGES_PAGE_SIZE : 20);
      seen.unshift(...space!.messages.map((message) => message.bodyHtml));
      before = space!.olderThan;
    } while (before && pages < 5);
    expect(pages).toBe(3);
    // Every message exactly once, in order (within equal timestamps, by id).
    expect(seen).toHaveLength(total);
    expect(new Set(seen).size).toBe(total);
    const rows = await prisma.mentorshipMessage.findMany({ where: { mentorshipId: id }, orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: { bodyHtml: true } });
    expect(seen).toEqual(rows.map((row) => row.bodyHtml));
    // A cursor that is not one of ours starts from the newest.
    const junk = await getSpace(mentee.actor, id, { before: "not-a-cursor" });
    expect(junk!.messages.at(-1)!.bodyHtml).toBe(rows.at(-1)!.bodyHtml);
    expect(junk!.olderPage).toBe(false);
  });
});
