// Proposals after they are made, with real requests: the owner withdraws one
// that still waits (both told, nothing left pending for whoever accepted); a
// declined proposal keeps the pair from being proposed again for 90 days but
// not from asking each other, a withdrawn one blocks nothing; and each
// acceptance asks the proposal's rule again, withdrawing a proposal that can
// no longer go ahead without saying why (docs/decisions/0026, addendum).
import { beforeAll, describe, expect, it } from "vitest";
import { leaveAssociation } from "~/domain/associations/memberships.server";
import { PROPOSAL_DECLINED_DAYS } from "~/domain/mentoring/constants";
import { answerRequest, getRequest, hideMember, listMyMentoring, requestMentor } from "~/domain/mentoring/mentorships.server";
import { saveMentoringSettings } from "~/domain/mentoring/preferences.server";
import { isAvailableMentor } from "~/domain/mentoring/suggestions.server";
import { notificationText } from "~/domain/notifications/targets";
import { action as manageAction, loader as manageLoader } from "~/routes/associations/associations.$slug.mentoring.manage";
import { action as programAction } from "~/routes/associations/associations.$slug.mentoring._index";
import { action as requestAction, loader as requestLoader } from "~/routes/mentoring/mentoring.requests.$id";
import { loader as notificationsLoader } from "~/routes/discussions/notifications";
import { prisma } from "~/utils/db.server";
import { seed } from "../../prisma/seed";
import { currentVersion, submitAssessment, type TestVersion } from "../fixtures/crosswalk";
import { createAssociation } from "../fixtures/forum";
import { createTestMember, type TestMember } from "../fixtures/members";
import { routeArgs } from "../fixtures/route-args";
import { body, statusOf } from "../fixtures/answers";

let version: TestVersion;

beforeAll(async () => {
  await seed();
  version = await currentVersion();
});

const manage = (slug: string) => `/associations/${slug}/mentoring/manage`;
const DAY = 86_400_000;

/**
 * An open program with a mentor (offering, room for `capacity`, an assessment
 * so the mentee could ask them too) and a mentee taking part, and the others
 * who run it or look on.
 */
async function program(capacity = 1) {
  const [owner, moderator, mentor, mentee, admin, outsider] = await Promise.all([
    createTestMember(),
    createTestMember(),
    createTestMember(),
    createTestMember(),
    createTestMember({ role: "ADMIN" }),
    createTestMember(),
  ]);
  const association = await createAssociation([
    { userId: owner.userId, role: "OWNER" },
    { userId: moderator.userId, role: "MODERATOR" },
    { userId: mentor.userId },
    { userId: mentee.userId },
  ]);
  const { slug } = association;
  const slugs = version.areas.map((area) => area.slug);
  await submitAssessment(mentor.userId, version, Object.fromEntries(slugs.map((s) => [s, 4])), new Date());
  await submitAssessment(mentee.userId, version, { ...Object.fromEntries(slugs.map((s) => [s, 1])), [slugs[0]!]: [1, 3] }, new Date());
  expect((await saveMentoringSettings(mentor.userId, { offer: "on", offerAreas: [slugs[0]!], capacity, seek: "off" })).ok).toBe(true);
  expect((await saveMentoringSettings(mentee.userId, { offer: "off", seek: "on", seekAreas: [slugs[0]!] })).ok).toBe(true);
  const started = await manageAction(routeArgs(manage(slug), { cookie: owner.cookie, params: { slug }, form: { intent: "save", invitation: "Pair up." } }));
  expect((started as Response).status).toBe(302);
  for (const [member, form] of [
    [mentor, { intent: "join", asMentor: "on" }],
    [mentee, { intent: "join", asMentee: "on" }],
  ] as const) {
    const joined = await programAction(routeArgs(`/associations/${slug}/mentoring`, { cookie: member.cookie, params: { slug }, form }));
    expect((joined as Response).status).toBe(302);
  }
  const propose = (by: TestMember = owner) =>
    manageAction(routeArgs(manage(slug), { cookie: by.cookie, params: { slug }, form: { intent: "propose", mentee: mentee.handle, mentor: mentor.handle } }));
  const withdraw = (id: string, by: TestMember = owner) =>
    manageAction(routeArgs(manage(slug), { cookie: by.cookie, params: { slug }, form: { intent: "withdraw", proposal: id } }));
  const accept = (member: TestMember, id: string) =>
    requestAction(routeArgs(`/mentoring/requests/${id}`, { cookie: member.cookie, params: { id }, form: { intent: "answer", decision: "accept" } }));
  return { owner, moderator, mentor, mentee, admin, outsider, association, slug, propose, withdraw, accept };
}

/** Proposes the pair through the owner's page and returns the proposal's id. */
async function proposed(setup: Awaited<ReturnType<typeof program>>): Promise<string> {
  const result = await setup.propose();
  expect((result as Response).status).toBe(302);
  const row = await prisma.mentorship.findFirstOrThrow({
    where: { mentorId: setup.mentor.userId, menteeId: setup.mentee.userId, status: "PROPOSED" },
    select: { id: true },
  });
  return row.id;
}

const statusOfProposal = async (id: string) => (await prisma.mentorship.findUniqueOrThrow({ where: { id }, select: { status: true } })).status;

describe("withdrawing a proposal", () => {
  it("lets only owners and site administrators withdraw a waiting proposal; both are told and nothing stays pending", async () => {
    const setup = await program();
    const { owner, moderator, mentor, mentee, admin, outsider, withdraw } = setup;
    const id = await proposed(setup);
    // The mentor accepts first: the proposal waits for the mentee.
    expect(await answerRequest(mentor.actor, id, { decision: "accept" })).toEqual({ ok: true, value: { status: "PROPOSED" } });
    const page = await manageLoader(routeArgs(manage(setup.slug), { cookie: owner.cookie, params: { slug: setup.slug } }));
    expect(page.proposals).toEqual([expect.objectContaining({ id, status: "waiting-one" })]);

    // Members, moderators, outsiders and the pair themselves may not.
    for (const who of [moderator, outsider, mentor, mentee]) {
      expect(await statusOf(withdraw(id, who))).toBe(403);
    }
    expect(await statusOfProposal(id)).toBe("PROPOSED");
    // No proposal named: a bad request, not a crash.
    expect(await statusOf(manageAction(routeArgs(manage(setup.slug), { cookie: owner.cookie, params: { slug: setup.slug }, form: { intent: "withdraw" } })))).toBe(400);

    const done = await withdraw(id);
    expect((done as Response).status).toBe(302);
    expect(await statusOfProposal(id)).toBe("WITHDRAWN");
    const told = await prisma.notification.findMany({ where: { mentorshipId: id, kind: "MENTORING_PROPOSAL_WITHDRAWN" }, select: { userId: true, actorId: true } });
    expect(told.map((n) => n.userId).sort()).toEqual([mentor.userId, mentee.userId].sort());
    expect(told.every((n) => n.actorId === owner.userId)).toBe(true);
    const { items } = await notificationsLoader(routeArgs("/notifications", { cookie: mentor.cookie }));
    const withdrawn = items.find((item) => item.kind === "MENTORING_PROPOSAL_WITHDRAWN")!;
    expect(notificationText(withdrawn)).toBe(`The mentorship ${setup.association.name} proposed for you was withdrawn: it will not start`);
    expect(withdrawn.href).toBe(`/mentoring/requests/${id}`);

    // The mentor, who had accepted, sees it closed: not waiting on /mentoring, no answer on the request page.
    const mine = await listMyMentoring(mentor.actor);
    expect(mine.waiting.map((item) => item.id)).not.toContain(id);
    expect(mine.closed.map((item) => item.id)).toContain(id);
    const request = await requestLoader(routeArgs(`/mentoring/requests/${id}`, { cookie: mentee.cookie, params: { id } }));
    expect(request.request).toMatchObject({ status: "WITHDRAWN", canAnswer: false });
    expect((await answerRequest(mentee.actor, id, { decision: "accept" })).ok).toBe(false);

    // Twice: said beside that proposal, nobody told again.
    const again = await withdraw(id);
    expect(await statusOf(Promise.resolve(again))).toBe(409);
    expect((body(again) as { errors: Record<string, string[]> }).errors[id]?.[0]).toContain("withdrawn already");
    expect(await prisma.notification.count({ where: { mentorshipId: id, kind: "MENTORING_PROPOSAL_WITHDRAWN" } })).toBe(2);

    // A withdrawn proposal blocks nothing: proposed again at once, and a site administrator may withdraw it.
    const second = await proposed(setup);
    expect((await withdraw(second, admin) as Response).status).toBe(302);
    expect(await statusOfProposal(second)).toBe("WITHDRAWN");
  });

  it("refuses, beside the proposal, one both accepted meanwhile, and finds no other association's proposal", async () => {
    const setup = await program();
    const id = await proposed(setup);
    expect((await answerRequest(setup.mentee.actor, id, { decision: "accept" })).ok).toBe(true);
    expect(await answerRequest(setup.mentor.actor, id, { decision: "accept" })).toEqual({ ok: true, value: { status: "ACTIVE" } });
    const late = await setup.withdraw(id);
    expect(await statusOf(Promise.resolve(late))).toBe(409);
    expect((body(late) as { errors: Record<string, string[]> }).errors[id]?.[0]).toContain("the mentorship has started");
    expect(await statusOfProposal(id)).toBe("ACTIVE");
    expect(await prisma.notification.count({ where: { mentorshipId: id, kind: "MENTORING_PROPOSAL_WITHDRAWN" } })).toBe(0);

    // Another association's owner: not found for them.
    const other = await program();
    const theirs = await proposed(other);
    expect(await statusOf(setup.withdraw(theirs))).toBe(404);
    expect(await statusOfProposal(theirs)).toBe("PROPOSED");
  });
});

describe("after a proposal is declined", () => {
  it("blocks proposing the pair again for 90 days, in words that name neither member, but not the mentee asking directly", async () => {
    const setup = await program();
    const { mentor, mentee } = setup;
    const id = await proposed(setup);
    expect((await answerRequest(mentor.actor, id, { decision: "decline" })).ok).toBe(true);

    const refused = await setup.propose();
    expect(await statusOf(Promise.resolve(refused))).toBe(400);
    const message = (body(refused) as { errors: Record<string, string[]> }).errors.mentor?.[0] ?? "";
    expect(message).toContain(`less than ${PROPOSAL_DECLINED_DAYS} days ago`);
    expect(message).not.toContain(mentor.displayName);
    expect(message).not.toContain(mentee.displayName);

    // The mentee may still ask that mentor directly.
    expect(await isAvailableMentor(mentee.userId, mentor.userId)).toBe(true);
    const asked = await requestMentor(mentee.actor, mentor.handle, { message: "Could we try after all?", areas: [version.areas[0]!.slug] });
    expect(asked.ok).toBe(true);
    // …and the mentor's "no" to that request keeps today's rule: no asking again, no proposing either, ever.
    const requestId = asked.ok ? asked.value.id : "";
    expect((await answerRequest(mentor.actor, requestId, { decision: "decline" })).ok).toBe(true);
    await prisma.mentorship.update({ where: { id }, data: { decidedAt: new Date(Date.now() - (PROPOSAL_DECLINED_DAYS + 1) * DAY) } });
    expect(await isAvailableMentor(mentee.userId, mentor.userId)).toBe(false);
    const blocked = await setup.propose();
    expect((body(blocked) as { errors: Record<string, string[]> }).errors.mentor?.[0]).toContain("cannot be proposed to each other");
  });

  it("lets the pair be proposed again once 90 days have passed", async () => {
    const setup = await program();
    const id = await proposed(setup);
    expect((await answerRequest(setup.mentee.actor, id, { decision: "decline" })).ok).toBe(true);
    expect(await statusOf(setup.propose())).toBe(400);
    await prisma.mentorship.update({ where: { id }, data: { decidedAt: new Date(Date.now() - (PROPOSAL_DECLINED_DAYS + 1) * DAY) } });
    expect(await statusOf(setup.propose())).toBe(302);
  });

  it("says the same to the owner whether the member declined or hid the other", async () => {
    const plain = await program();
    const first = await proposed(plain);
    expect((await answerRequest(plain.mentee.actor, first, { decision: "decline" })).ok).toBe(true);
    const hidden = await program();
    const second = await proposed(hidden);
    expect((await hideMember(hidden.mentee.actor, hidden.mentor.handle)).ok).toBe(true);
    expect(await statusOfProposal(second)).toBe("DECLINED");

    const words = async (setup: Awaited<ReturnType<typeof program>>) =>
      (body(await setup.propose()) as { errors: Record<string, string[]> }).errors.mentor?.[0];
    const said = await words(plain);
    expect(said).toBeTruthy();
    expect(await words(hidden)).toBe(said);
  });
});

describe("the second acceptance", () => {
  const NO_LONGER = "no longer possible";

  it("withdraws the proposal when the mentor left the association meanwhile, and tells the one who accepted first", async () => {
    const setup = await program();
    const { mentor, mentee } = setup;
    const id = await proposed(setup);
    expect((await answerRequest(mentor.actor, id, { decision: "accept" })).ok).toBe(true);
    expect((await leaveAssociation(mentor.actor, setup.slug)).ok).toBe(true);

    const answered = await setup.accept(mentee, id);
    expect(await statusOf(Promise.resolve(answered))).toBe(409);
    expect(JSON.stringify(body(answered))).toContain(NO_LONGER);
    expect(await statusOfProposal(id)).toBe("WITHDRAWN");
    expect(await prisma.notification.count({ where: { mentorshipId: id, userId: mentor.userId, kind: "MENTORING_PROPOSAL_WITHDRAWN" } })).toBe(1);
    expect((await listMyMentoring(mentor.actor)).waiting.map((item) => item.id)).not.toContain(id);
  });

  it("withdraws it when the program closed, the mentor paused, or one hid the other, with the same words", async () => {
    const messages: string[] = [];
    const changes: ((setup: Awaited<ReturnType<typeof program>>) => Promise<unknown>)[] = [
      (setup) => manageAction(routeArgs(manage(setup.slug), { cookie: setup.owner.cookie, params: { slug: setup.slug }, form: { intent: "close" } })),
      (setup) => prisma.mentoringPreference.update({ where: { userId: setup.mentor.userId }, data: { offerPausedAt: new Date() } }),
      // A hide written directly (hiding through the page declines the proposal at once).
      (setup) => prisma.mentoringBlock.create({ data: { userId: setup.mentee.userId, blockedId: setup.mentor.userId } }),
    ];
    for (const change of changes) {
      const setup = await program();
      const id = await proposed(setup);
      expect((await answerRequest(setup.mentee.actor, id, { decision: "accept" })).ok).toBe(true);
      await change(setup);
      const result = await answerRequest(setup.mentor.actor, id, { decision: "accept" });
      expect(result).toMatchObject({ ok: false, reason: "conflict" });
      if (!result.ok) messages.push(result.message);
      expect(await statusOfProposal(id)).toBe("WITHDRAWN");
      expect(await prisma.mentorship.count({ where: { mentorId: setup.mentor.userId, status: "ACTIVE" } })).toBe(0);
    }
    expect(new Set(messages).size).toBe(1);
    expect(messages[0]).toContain(NO_LONGER);
    expect(messages[0]).not.toMatch(/hid|block/i);
  });

  it("keeps the proposal waiting when only the mentor's room is missing, and says so to whichever member accepts", async () => {
    const setup = await program();
    const { mentor, mentee } = setup;
    const id = await proposed(setup);
    expect((await answerRequest(mentor.actor, id, { decision: "accept" })).ok).toBe(true);
    const busy = await createTestMember();
    const taken = await prisma.mentorship.create({ data: { mentorId: mentor.userId, menteeId: busy.userId, status: "ACTIVE" }, select: { id: true } });
    const refused = await answerRequest(mentee.actor, id, { decision: "accept" });
    expect(refused).toMatchObject({ ok: false, reason: "conflict" });
    expect(!refused.ok && refused.message).toContain("no room for another mentee");
    expect(await statusOfProposal(id)).toBe("PROPOSED");
    expect((await getRequest(mentee.actor, id))?.canAnswer).toBe(true);
    // Room again: the same acceptance goes through.
    await prisma.mentorship.update({ where: { id: taken.id }, data: { status: "ENDED", endedAt: new Date() } });
    expect(await answerRequest(mentee.actor, id, { decision: "accept" })).toEqual({ ok: true, value: { status: "ACTIVE" } });
  });
});
