// Association mentoring programs with real requests: only the owner (and site
// administrators) run one; members opt in; counts are withheld below five;
// a proposed pair becomes active only once both accept; the owner never reads
// the pair's space; leaving the association ends taking part, not the mentorship.
import { beforeAll, describe, expect, it } from "vitest";
import { leaveAssociation } from "~/domain/associations/memberships.server";
import { collectMemberData } from "~/domain/members/data-export.server";
import { answerRequest, postMessage } from "~/domain/mentoring/mentorships.server";
import { INVITATIONS_JOB, programJobHandlers, runInvitationBatch } from "~/domain/mentoring/programs.server";
import { action as manageAction, loader as manageLoader } from "~/routes/associations/associations.$slug.mentoring.manage";
import { action as programAction, loader as programLoader } from "~/routes/associations/associations.$slug.mentoring._index";
import { loader as spaceLoader } from "~/routes/mentoring/mentoring.$id";
import { loader as requestLoader } from "~/routes/mentoring/mentoring.requests.$id";
import { loader as notificationsLoader } from "~/routes/discussions/notifications";
import { prisma } from "~/utils/db.server";
import { runJobsUntilIdle } from "~/utils/jobs.server";
import { seed } from "../../prisma/seed";
import { createAssociation } from "../fixtures/forum";
import { createTestMember, type TestMember } from "../fixtures/members";
import { routeArgs } from "../fixtures/route-args";
import { body, statusOf } from "../fixtures/answers";

beforeAll(async () => {
  await seed();
});


const manage = (slug: string) => `/associations/${slug}/mentoring/manage`;
const page = (slug: string) => `/associations/${slug}/mentoring`;

async function setUp(extra = 0) {
  const owner = await createTestMember();
  const moderator = await createTestMember();
  const members: TestMember[] = [];
  for (let i = 0; i < extra; i++) members.push(await createTestMember());
  const association = await createAssociation([
    { userId: owner.userId, role: "OWNER" },
    { userId: moderator.userId, role: "MODERATOR" },
    ...members.map((m) => ({ userId: m.userId })),
  ]);
  return { owner, moderator, members, association };
}

async function startProgram(slug: string, owner: TestMember, invitation = "Pair up with a colleague for six months.") {
  const result = await manageAction(routeArgs(manage(slug), { cookie: owner.cookie, params: { slug }, form: { intent: "save", invitation } }));
  expect(result).toBeInstanceOf(Response);
  expect((result as Response).status).toBe(302);
}

async function optIn(slug: string, member: TestMember, roles: { asMentor?: boolean; asMentee?: boolean }) {
  const form: Record<string, string> = { intent: "join" };
  if (roles.asMentor) form.asMentor = "on";
  if (roles.asMentee) form.asMentee = "on";
  const result = await programAction(routeArgs(page(slug), { cookie: member.cookie, params: { slug }, form }));
  expect((result as Response).status).toBe(302);
}

async function offer(member: TestMember, capacity = 1) {
  await prisma.mentoringPreference.upsert({
    where: { userId: member.userId },
    create: { userId: member.userId, offering: true, offerAreas: ["adult-learning"], capacity },
    update: { offering: true, capacity },
  });
}

describe("who may run a program", () => {
  it("lets the owner and site administrators in; members, moderators and outsiders get 403, visitors log in, a wrong slug 404", async () => {
    const { owner, moderator, members, association } = await setUp(1);
    const [admin, outsider] = await Promise.all([createTestMember({ role: "ADMIN" }), createTestMember()]);
    const { slug } = association;
    const args = (member: TestMember | null, form?: Record<string, string>) =>
      routeArgs(manage(slug), { cookie: member?.cookie ?? null, params: { slug }, ...(form ? { form } : {}) });

    expect(await statusOf(manageLoader(args(owner)))).toBe(200);
    expect(await statusOf(manageLoader(args(admin)))).toBe(200);
    for (const who of [members[0]!, moderator, outsider]) {
      expect(await statusOf(manageLoader(args(who)))).toBe(403);
      const forms: Record<string, string>[] = [
        { intent: "save", invitation: "Hello" },
        { intent: "invite" },
        { intent: "close" },
        { intent: "propose", mentee: owner.handle, mentor: moderator.handle },
      ];
      for (const form of forms) {
        expect(await statusOf(manageAction(args(who, form)))).toBe(403);
      }
    }
    expect(await statusOf(manageLoader(args(null)))).toBe(302);
    expect(await statusOf(manageLoader(routeArgs(manage("no-such-association"), { cookie: owner.cookie, params: { slug: "no-such-association" } })))).toBe(404);
    expect(await prisma.mentoringProgram.count({ where: { associationId: association.id } })).toBe(0);

    // Members see the program page once there is one; outsiders never, nor can they opt in.
    expect(await statusOf(programLoader(routeArgs(page(slug), { cookie: members[0]!.cookie, params: { slug } })))).toBe(404);
    await startProgram(slug, owner);
    expect(await statusOf(programLoader(routeArgs(page(slug), { cookie: members[0]!.cookie, params: { slug } })))).toBe(200);
    expect(await statusOf(programLoader(routeArgs(page(slug), { cookie: outsider.cookie, params: { slug } })))).toBe(403);
    expect(
      await statusOf(programAction(routeArgs(page(slug), { cookie: outsider.cookie, params: { slug }, form: { intent: "join", asMentee: "on" } }))),
    ).toBe(403);
    expect(await prisma.mentoringProgramMember.count({ where: { associationId: association.id } })).toBe(0);
  });

  it("refuses an empty invitation and opting in as nothing beside the field, keeping the text", async () => {
    const { owner, members, association } = await setUp(1);
    const { slug } = association;
    const empty = await manageAction(routeArgs(manage(slug), { cookie: owner.cookie, params: { slug }, form: { intent: "save", invitation: "   " } }));
    expect(await statusOf(Promise.resolve(empty))).toBe(400);
    expect(JSON.stringify(body(empty))).toContain("Write a few words inviting your members");
    await startProgram(slug, owner);
    const none = await programAction(routeArgs(page(slug), { cookie: members[0]!.cookie, params: { slug }, form: { intent: "join" } }));
    expect(await statusOf(Promise.resolve(none))).toBe(400);
    expect(JSON.stringify(body(none))).toContain("Choose mentor, mentee or both");
  });
});

describe("inviting the members", () => {
  it("notifies every member not taking part, emails those who did not choose 'no email', once per 30 days", async () => {
    const { owner, moderator, members, association } = await setUp(3);
    const { slug } = association;
    const [quiet, joined, plain] = members as [TestMember, TestMember, TestMember];
    await prisma.user.update({ where: { id: quiet.userId }, data: { emailFrequency: "NONE" }, select: { id: true } });
    await startProgram(slug, owner, "Our first mentoring round.");
    await optIn(slug, joined, { asMentee: true });

    const sent = await manageAction(routeArgs(manage(slug), { cookie: owner.cookie, params: { slug }, form: { intent: "invite" } }));
    expect((sent as Response).status).toBe(302);
    // A batch run twice (a worker died after committing) writes its notifications once.
    const job = await prisma.job.findFirstOrThrow({
      where: { kind: INVITATIONS_JOB, key: { contains: association.id } },
      select: { id: true, kind: true, key: true, payload: true, attempts: true },
    });
    await runInvitationBatch(job);
    await runInvitationBatch(job);
    expect(await prisma.notification.count({ where: { kind: "MENTORING_PROGRAM", userId: plain.userId } })).toBe(1);
    await runJobsUntilIdle({ handlers: programJobHandlers, maxBatches: 10 });

    const notified = await prisma.notification.findMany({ where: { kind: "MENTORING_PROGRAM", data: { path: ["associationSlug"], equals: slug } }, select: { userId: true } });
    // The owner who sent them, and the member already in, are not invited.
    expect(notified.map((n) => n.userId).sort()).toEqual([moderator.userId, quiet.userId, plain.userId].sort());
    const emails = await prisma.outboxEmail.findMany({ where: { userId: { in: members.map((m) => m.userId) }, subject: { contains: "mentoring program" } }, select: { userId: true, headers: true, text: true } });
    expect(emails.map((e) => e.userId)).toEqual([plain.userId]);
    expect(emails[0]!.text).toContain("Our first mentoring round.");
    expect(emails[0]!.text).toContain(`/associations/${slug}/mentoring`);
    expect(JSON.stringify(emails[0]!.headers)).toContain("List-Unsubscribe");

    // The notification leads to the program's page.
    const list = await notificationsLoader(routeArgs("/notifications", { cookie: plain.cookie }));
    expect(JSON.stringify(list)).toContain(`/associations/${slug}/mentoring`);

    // Again within 30 days: refused, nothing more written.
    const again = await manageAction(routeArgs(manage(slug), { cookie: owner.cookie, params: { slug }, form: { intent: "invite" } }));
    expect(await statusOf(Promise.resolve(again))).toBe(409);
    await runJobsUntilIdle({ handlers: programJobHandlers, maxBatches: 10 });
    expect(await prisma.notification.count({ where: { kind: "MENTORING_PROGRAM", userId: plain.userId } })).toBe(1);
  });
});

describe("the owner's counts", () => {
  it("withholds each count below five and shows it from five", async () => {
    const { owner, members, association } = await setUp(10);
    const { slug } = association;
    await startProgram(slug, owner);
    const mentors = members.slice(0, 5);
    const mentees = members.slice(5);
    for (const m of mentors) await optIn(slug, m, { asMentor: true });
    for (const m of mentees) await optIn(slug, m, { asMentee: true });
    const counts = async () => (await manageLoader(routeArgs(manage(slug), { cookie: owner.cookie, params: { slug } }))).program!.counts;

    // Four active pairs among participants: every count withheld.
    for (let i = 0; i < 4; i++) {
      await prisma.mentorship.create({ data: { mentorId: mentors[i]!.userId, menteeId: mentees[i]!.userId, status: "ACTIVE" }, select: { id: true } });
    }
    // A pair with someone outside the program does not count.
    const outsider = await createTestMember();
    await prisma.mentorship.create({ data: { mentorId: mentors[4]!.userId, menteeId: outsider.userId, status: "ACTIVE" }, select: { id: true } });
    expect(await counts()).toEqual({ requests: { shown: false }, matches: { shown: false }, active: { shown: false }, ended: { shown: false } });

    // A fifth: requests, matches and active pairs are shown; ended (none) stays withheld.
    await prisma.mentorship.create({ data: { mentorId: mentors[4]!.userId, menteeId: mentees[4]!.userId, status: "ACTIVE" }, select: { id: true } });
    expect(await counts()).toEqual({
      requests: { shown: true, value: 5 },
      matches: { shown: true, value: 5 },
      active: { shown: true, value: 5 },
      ended: { shown: false },
    });
  });
});

describe("proposing a pair", () => {
  it("starts the mentorship only once both accept; the owner sees its status, never the space", async () => {
    const { owner, members, association } = await setUp(2);
    const { slug } = association;
    const [mentor, mentee] = members as [TestMember, TestMember];
    await startProgram(slug, owner);
    await optIn(slug, mentor, { asMentor: true });
    await optIn(slug, mentee, { asMentee: true });
    await offer(mentor);
    // The search narrows both lists by name (no JavaScript needed: a GET form).
    const found = await manageLoader(routeArgs(`${manage(slug)}?q=${encodeURIComponent(mentee.displayName)}`, { cookie: owner.cookie, params: { slug } }));
    expect(found.mentees.map((p) => p.handle)).toEqual([mentee.handle]);
    expect(found.mentors).toEqual([]);

    const proposed = await manageAction(
      routeArgs(manage(slug), {
        cookie: owner.cookie,
        params: { slug },
        form: { intent: "propose", mentee: mentee.handle, mentor: mentor.handle, note: "You both came from meeting planning." },
      }),
    );
    expect((proposed as Response).status).toBe(302);
    const row = await prisma.mentorship.findFirstOrThrow({
      where: { mentorId: mentor.userId, menteeId: mentee.userId },
      select: { id: true, status: true, proposedByAssociationId: true },
    });
    expect(row).toMatchObject({ status: "PROPOSED", proposedByAssociationId: association.id });
    const { id } = row;
    expect(await prisma.notification.count({ where: { mentorshipId: id, kind: "MENTORING_PROPOSED" } })).toBe(2);
    const emails = await prisma.outboxEmail.findMany({ where: { dedupeKey: { startsWith: `mentoring-proposal:${id}:` } }, select: { subject: true, text: true } });
    expect(emails.map((e) => e.subject).sort()).toEqual([
      `${association.name} proposes ${mentor.displayName} as your mentor`,
      `${association.name} proposes that you mentor ${mentee.displayName}`,
    ]);
    expect(emails[0]!.text).toContain(`/mentoring/requests/${id}`);

    // The mentor accepts: still waiting for the mentee.
    const first = await answerRequest(mentor.actor, id, { decision: "accept" });
    expect(first).toEqual({ ok: true, value: { status: "PROPOSED" } });
    const ownerPage = async () => manageLoader(routeArgs(manage(slug), { cookie: owner.cookie, params: { slug } }));
    expect((await ownerPage()).proposals).toEqual([expect.objectContaining({ id, status: "waiting-one" })]);
    expect(await statusOf(spaceLoader(routeArgs(`/mentoring/${id}`, { cookie: mentor.cookie, params: { id } })))).toBe(404);

    // The mentee accepts: active.
    const second = await answerRequest(mentee.actor, id, { decision: "accept" });
    expect(second).toEqual({ ok: true, value: { status: "ACTIVE" } });
    expect(await statusOf(spaceLoader(routeArgs(`/mentoring/${id}`, { cookie: mentee.cookie, params: { id } })))).toBe(200);
    const told = await prisma.notification.findFirstOrThrow({ where: { mentorshipId: id, userId: mentor.userId, kind: "MENTORING_DECIDED" }, select: { data: true } });
    expect(told.data).toMatchObject({ decision: "ACCEPTED", proposed: true });

    // They talk; the owner sees "active" and nothing they said, and the space and request are not found for them.
    expect((await postMessage(mentee.actor, id, "A private worry about my first accreditation.")).ok).toBe(true);
    const seen = await ownerPage();
    expect(seen.proposals).toEqual([expect.objectContaining({ id, status: "active" })]);
    expect(JSON.stringify(seen)).not.toContain("private worry");
    expect(await statusOf(spaceLoader(routeArgs(`/mentoring/${id}`, { cookie: owner.cookie, params: { id } })))).toBe(404);
    expect(await statusOf(requestLoader(routeArgs(`/mentoring/requests/${id}`, { cookie: owner.cookie, params: { id } })))).toBe(404);
  });

  it("refuses, beside the field, a mentor not offering, at capacity or hidden by the mentee, and someone not taking part", async () => {
    const { owner, members, association } = await setUp(5);
    const { slug } = association;
    const [mentor, mentee, other, busyMentee, bystander] = members as [TestMember, TestMember, TestMember, TestMember, TestMember];
    await startProgram(slug, owner);
    await optIn(slug, mentor, { asMentor: true });
    await optIn(slug, mentee, { asMentee: true });
    await optIn(slug, other, { asMentee: true });
    await optIn(slug, busyMentee, { asMentee: true });
    const propose = (menteeHandle: string, mentorHandle: string) =>
      manageAction(
        routeArgs(manage(slug), { cookie: owner.cookie, params: { slug }, form: { intent: "propose", mentee: menteeHandle, mentor: mentorHandle, note: "Kept" } }),
      );
    const refusal = async (menteeHandle: string, mentorHandle: string) => {
      const result = await propose(menteeHandle, mentorHandle);
      expect(await statusOf(Promise.resolve(result))).toBe(400);
      const answer = body(result) as { errors: Record<string, string[]>; values: { note: string } };
      expect(answer.values.note).toBe("Kept");
      return answer.errors;
    };

    // Not offering in Settings → Mentoring.
    expect((await refusal(mentee.handle, mentor.handle)).mentor?.[0]).toContain("is not offering to mentor");
    // Not taking part (as a mentee / as a mentor).
    expect((await refusal(bystander.handle, mentor.handle)).mentee?.[0]).toContain("takes part in the program as a mentee");
    await offer(mentor);
    expect((await refusal(mentee.handle, other.handle)).mentor?.[0]).toContain("takes part in the program as a mentor");
    // At capacity (one active mentee already).
    await prisma.mentorship.create({ data: { mentorId: mentor.userId, menteeId: busyMentee.userId, status: "ACTIVE" }, select: { id: true } });
    expect((await refusal(mentee.handle, mentor.handle)).mentor?.[0]).toContain("already mentors as many members");
    // Hidden by the mentee: said without telling the owner who hid whom.
    await offer(mentor, 3);
    await prisma.mentoringBlock.create({ data: { userId: other.userId, blockedId: mentor.userId } });
    expect((await refusal(other.handle, mentor.handle)).mentor?.[0]).toContain("cannot be proposed to each other");
    expect(await prisma.mentorship.count({ where: { mentorId: mentor.userId, status: "PROPOSED" } })).toBe(0);

    // Closed: no proposals.
    await manageAction(routeArgs(manage(slug), { cookie: owner.cookie, params: { slug }, form: { intent: "close" } }));
    expect(await statusOf(propose(mentee.handle, mentor.handle))).toBe(409);
  });
});

describe("leaving the association", () => {
  it("takes the member out of the program and keeps their mentorship", async () => {
    const { owner, members, association } = await setUp(2);
    const { slug } = association;
    const [mentor, mentee] = members as [TestMember, TestMember];
    await startProgram(slug, owner);
    await optIn(slug, mentor, { asMentor: true });
    await optIn(slug, mentee, { asMentee: true });
    const { id } = await prisma.mentorship.create({
      data: { mentorId: mentor.userId, menteeId: mentee.userId, status: "ACTIVE", proposedByAssociationId: association.id },
      select: { id: true },
    });
    // Taking part is in the member's own data download.
    const before = await collectMemberData(mentee.userId);
    expect(before?.memberships).toContainEqual(expect.objectContaining({ mentoringProgram: expect.objectContaining({ asMentor: false, asMentee: true }) }));
    expect((await leaveAssociation(mentee.actor, slug)).ok).toBe(true);
    expect(await prisma.mentoringProgramMember.findMany({ where: { associationId: association.id }, select: { userId: true } })).toEqual([
      { userId: mentor.userId },
    ]);
    expect((await prisma.mentorship.findUniqueOrThrow({ where: { id }, select: { status: true } })).status).toBe("ACTIVE");
    expect(await statusOf(spaceLoader(routeArgs(`/mentoring/${id}`, { cookie: mentee.cookie, params: { id } })))).toBe(200);
  });
});
