import { beforeAll, describe, expect, it } from "vitest";
import { ANONYMOUS } from "~/domain/members/actor";
import { prisma } from "~/utils/db.server";
import { seed } from "../../../prisma/seed";
import { createTestMember, type TestMember } from "../../../tests/fixtures/members";
import { getAssociationPage } from "~/domain/pages/association-page.server";
import { createAssociation, listAssociations, updateAssociation } from "./associations.server";
import { acceptInvitation, createInvitation, revokeInvitation, viewInvitation } from "./invitations.server";
import { approveJoinRequest, declineJoinRequest, listPendingRequests, requestToJoin } from "./join-requests.server";
import {
  joinAssociation,
  leaveAssociation,
  listMembers,
  removeMember,
  setMemberRole,
  transferOwnership,
} from "./memberships.server";

const run = Math.random().toString(36).slice(2, 8);
let count = 0;
const SITE = "http://localhost";

beforeAll(async () => {
  await seed();
});

async function newAssociation(owner: TestMember, joinPolicy: "OPEN" | "APPROVAL" | "INVITE" = "OPEN") {
  count += 1;
  const result = await createAssociation(owner.actor, {
    name: `Assoc ${run} ${count}`,
    slug: `assoc-${run}-${count}`,
    description: "A **group** of CME professionals.",
    website: "https://example.org",
    joinPolicy,
  });
  if (!result.ok) throw new Error(result.message);
  return prisma.association.findUniqueOrThrow({
    where: { slug: result.value.slug },
    select: { id: true, slug: true, name: true },
  });
}

const memberCount = async (id: string) =>
  (await prisma.association.findUniqueOrThrow({ where: { id }, select: { memberCount: true } })).memberCount;
const realCount = (associationId: string) => prisma.associationMembership.count({ where: { associationId } });
const roleOf = async (associationId: string, userId: string) =>
  (
    await prisma.associationMembership.findUnique({
      where: { associationId_userId: { associationId, userId } },
      select: { role: true },
    })
  )?.role ?? null;

describe("createAssociation", () => {
  it("makes the creator the owner, with a forum of the same address and two starter categories", async () => {
    const owner = await createTestMember();
    const association = await newAssociation(owner);
    expect(await memberCount(association.id)).toBe(1);
    expect(await roleOf(association.id, owner.userId)).toBe("OWNER");
    const forum = await prisma.forum.findUniqueOrThrow({
      where: { associationId: association.id },
      select: {
        slug: true,
        name: true,
        categories: { orderBy: { position: "asc" }, select: { name: true, visibility: true } },
      },
    });
    expect(forum.slug).toBe(association.slug);
    expect(forum.name).toBe(association.name);
    expect(forum.categories).toEqual([
      { name: "Announcements", visibility: "PUBLIC" },
      { name: "Members’ discussion", visibility: "ASSOCIATION" },
    ]);
    const stored = await prisma.association.findUniqueOrThrow({
      where: { id: association.id },
      select: { descriptionHtml: true },
    });
    expect(stored.descriptionHtml).toContain("<strong>group</strong>");
  });

  it("makes the address from the name when none is given, and refuses taken or reserved addresses", async () => {
    const owner = await createTestMember();
    const made = await createAssociation(owner.actor, {
      name: `Société Médicale ${run}`,
      description: "Accents become plain letters.",
      joinPolicy: "OPEN",
    });
    expect(made).toEqual({ ok: true, value: { slug: `societe-medicale-${run}` } });

    const again = await createAssociation(owner.actor, {
      name: `Société Médicale ${run}`,
      description: "The same name again.",
      joinPolicy: "OPEN",
    });
    expect(again.ok).toBe(false);
    if (!again.ok) expect(again.fieldErrors?.slug?.[0]).toMatch(/already in use/);

    // The community forum's address is taken by a forum, not an association.
    const community = await createAssociation(owner.actor, {
      name: "Community",
      description: "Taken.",
      joinPolicy: "OPEN",
    });
    expect(community.ok).toBe(false);
    const forumSlug = await createAssociation(owner.actor, {
      name: "Anything",
      slug: "community",
      description: "Taken by the forum.",
      joinPolicy: "OPEN",
    });
    expect(forumSlug.ok).toBe(false);
  });
});

describe("joining an open association and leaving", () => {
  it("counts each member once, however often they submit, and the owner cannot leave", async () => {
    const owner = await createTestMember();
    const member = await createTestMember();
    const association = await newAssociation(owner, "OPEN");

    const results = await Promise.all([
      joinAssociation(member.actor, association.slug),
      joinAssociation(member.actor, association.slug),
    ]);
    expect(results.every((result) => result.ok)).toBe(true);
    expect(await memberCount(association.id)).toBe(2);
    expect(await realCount(association.id)).toBe(2);

    const ownerLeaves = await leaveAssociation(owner.actor, association.slug);
    expect(ownerLeaves).toMatchObject({ ok: false, reason: "conflict" });
    expect(await roleOf(association.id, owner.userId)).toBe("OWNER");

    await Promise.all([
      leaveAssociation(member.actor, association.slug),
      leaveAssociation(member.actor, association.slug),
    ]);
    expect(await roleOf(association.id, member.userId)).toBeNull();
    expect(await memberCount(association.id)).toBe(1);
  });

  it("refuses a direct join when the association approves members or invites them", async () => {
    const owner = await createTestMember();
    const member = await createTestMember();
    const approval = await newAssociation(owner, "APPROVAL");
    const invite = await newAssociation(owner, "INVITE");
    expect(await joinAssociation(member.actor, approval.slug)).toMatchObject({ ok: false, reason: "forbidden" });
    expect(await joinAssociation(member.actor, invite.slug)).toMatchObject({ ok: false, reason: "forbidden" });
    expect(await requestToJoin(member.actor, invite.slug, "")).toMatchObject({ ok: false, reason: "conflict" });
  });
});

describe("join requests (APPROVAL)", () => {
  it("notifies the owner and moderators, and approving adds the member once with a notification", async () => {
    const owner = await createTestMember();
    const moderator = await createTestMember();
    const requester = await createTestMember();
    const association = await newAssociation(owner, "APPROVAL");
    await prisma.associationMembership.create({
      data: { associationId: association.id, userId: moderator.userId, role: "MODERATOR" },
    });
    await prisma.association.update({ where: { id: association.id }, data: { memberCount: 2 } });

    await Promise.all([
      requestToJoin(requester.actor, association.slug, "I plan CME at a hospital."),
      requestToJoin(requester.actor, association.slug, "I plan CME at a hospital."),
    ]);
    const notified = await prisma.notification.findMany({
      where: { kind: "JOIN_REQUEST", actorId: requester.userId },
      select: { userId: true, data: true },
    });
    expect(notified.map((n) => n.userId).sort()).toEqual([owner.userId, moderator.userId].sort());
    expect(notified[0]?.data).toEqual({ associationSlug: association.slug, associationName: association.name });

    const page = await getAssociationPage(requester.actor, association.slug);
    expect(page?.pendingRequestSince).toBeInstanceOf(Date);
    expect(page?.joinOption).toBe("request");

    const pending = await listPendingRequests(moderator.actor, association.slug);
    if (!pending.ok) throw new Error(pending.message);
    expect(pending.value.requests).toHaveLength(1);
    expect(pending.value.requests[0]?.message).toBe("I plan CME at a hospital.");
    const requestId = pending.value.requests[0]!.id;

    // A plain member may not see or decide requests.
    expect(await listPendingRequests(requester.actor, association.slug)).toMatchObject({ ok: false, reason: "forbidden" });

    const [first, second] = await Promise.all([
      approveJoinRequest(moderator.actor, association.slug, requestId),
      approveJoinRequest(owner.actor, association.slug, requestId),
    ]);
    expect([first, second].every((result) => result.ok)).toBe(true);
    expect(await roleOf(association.id, requester.userId)).toBe("MEMBER");
    expect(await memberCount(association.id)).toBe(3);
    expect(await realCount(association.id)).toBe(3);
    const approved = await prisma.notification.findMany({
      where: { userId: requester.userId, kind: "JOIN_APPROVED" },
      select: { data: true },
    });
    expect(approved).toEqual([{ data: { associationSlug: association.slug, associationName: association.name } }]);
  });

  it("declining leaves no membership, emails the requester, and they may ask again later", async () => {
    const owner = await createTestMember();
    const requester = await createTestMember();
    const association = await newAssociation(owner, "APPROVAL");
    await requestToJoin(requester.actor, association.slug, undefined);
    const request = await prisma.associationJoinRequest.findUniqueOrThrow({
      where: { associationId_userId: { associationId: association.id, userId: requester.userId } },
      select: { id: true },
    });
    const declined = await declineJoinRequest(
      owner.actor,
      association.slug,
      request.id,
      "Members only from Ohio.",
      SITE,
    );
    expect(declined).toMatchObject({ ok: true, value: { declined: true } });
    expect(await roleOf(association.id, requester.userId)).toBeNull();
    expect(await memberCount(association.id)).toBe(1);
    const email = await prisma.outboxEmail.findFirst({
      where: { to: requester.email },
      orderBy: { createdAt: "desc" },
      select: { text: true },
    });
    expect(email?.text).toContain("Members only from Ohio.");

    // Approving a declined request does nothing.
    const late = await approveJoinRequest(owner.actor, association.slug, request.id);
    expect(late).toMatchObject({ ok: true, value: { approved: false } });
    expect(await roleOf(association.id, requester.userId)).toBeNull();

    await requestToJoin(requester.actor, association.slug, "Trying again.");
    const reopened = await prisma.associationJoinRequest.findUniqueOrThrow({
      where: { id: request.id },
      select: { status: true, message: true },
    });
    expect(reopened).toEqual({ status: "PENDING", message: "Trying again." });
  });
});

describe("invitations", () => {
  it("a link works once, for one member, and not after it expires or is revoked", async () => {
    const owner = await createTestMember();
    const guest = await createTestMember();
    const latecomer = await createTestMember();
    const association = await newAssociation(owner, "INVITE");

    const made = await createInvitation(
      owner.actor,
      association.slug,
      { days: 7, label: "For Guest", email: "guest@example.org" },
      SITE,
    );
    if (!made.ok) throw new Error(made.message);
    const token = made.value.url.split("/").pop()!;
    const stored = await prisma.associationInvitation.findFirstOrThrow({
      where: { associationId: association.id },
      select: { id: true },
    });
    expect(stored.id).not.toBe(token);
    expect(stored.id).toMatch(/^[0-9a-f]{64}$/);
    const email = await prisma.outboxEmail.findFirst({
      where: { to: "guest@example.org" },
      orderBy: { createdAt: "desc" },
      select: { text: true },
    });
    expect(email?.text).toContain(made.value.url);

    // Looking at the link changes nothing.
    const view = await viewInvitation(guest.actor, token);
    expect(view).toMatchObject({ ok: true, value: { alreadyMember: false, association: { slug: association.slug } } });
    expect(await roleOf(association.id, guest.userId)).toBeNull();

    const [a, b] = await Promise.all([acceptInvitation(guest.actor, token), acceptInvitation(latecomer.actor, token)]);
    const winners = [a, b].filter((result) => result.ok && result.value.joined);
    expect(winners).toHaveLength(1);
    expect(await memberCount(association.id)).toBe(2);
    expect(await realCount(association.id)).toBe(2);
    const third = await createTestMember();
    expect(await acceptInvitation(third.actor, token)).toMatchObject({ ok: false, reason: "gone", why: "used" });
    expect(await viewInvitation(third.actor, token)).toMatchObject({ ok: false, reason: "gone", why: "used" });

    const soon = await createInvitation(owner.actor, association.slug, { days: 7 }, SITE);
    if (!soon.ok) throw new Error(soon.message);
    const soonToken = soon.value.url.split("/").pop()!;
    const eightDaysOn = new Date(Date.now() + 8 * 24 * 3600 * 1000);
    expect(await acceptInvitation(third.actor, soonToken, eightDaysOn)).toMatchObject({
      ok: false,
      reason: "gone",
      why: "expired",
    });

    const invitationId = (
      await prisma.associationInvitation.findFirstOrThrow({
        where: { associationId: association.id, usedAt: null },
        select: { id: true },
      })
    ).id;
    expect(await revokeInvitation(owner.actor, association.slug, invitationId)).toEqual({
      ok: true,
      value: { revoked: true },
    });
    expect(await acceptInvitation(third.actor, soonToken)).toMatchObject({ ok: false, reason: "gone", why: "revoked" });
    expect(await acceptInvitation(third.actor, "not-a-token")).toMatchObject({ ok: false, reason: "gone", why: "unknown" });
    expect(await roleOf(association.id, third.userId)).toBeNull();
  });

  it("only owners and moderators make invitations", async () => {
    const owner = await createTestMember();
    const member = await createTestMember();
    const association = await newAssociation(owner, "OPEN");
    await joinAssociation(member.actor, association.slug);
    const result = await createInvitation(member.actor, association.slug, { days: 7 }, SITE);
    expect(result).toMatchObject({ ok: false, reason: "forbidden" });
  });
});

describe("roles", () => {
  it("the owner appoints and removes moderators, and the member is told", async () => {
    const owner = await createTestMember();
    const member = await createTestMember();
    const association = await newAssociation(owner, "OPEN");
    await joinAssociation(member.actor, association.slug);

    // A member cannot appoint anyone.
    expect(await setMemberRole(member.actor, association.slug, member.userId, "MODERATOR")).toMatchObject({
      ok: false,
      reason: "forbidden",
    });
    expect(await setMemberRole(owner.actor, association.slug, member.userId, "MODERATOR")).toMatchObject({
      ok: true,
      value: { changed: true },
    });
    expect(await roleOf(association.id, member.userId)).toBe("MODERATOR");
    expect(await setMemberRole(owner.actor, association.slug, member.userId, "MEMBER")).toMatchObject({ ok: true });
    expect(await roleOf(association.id, member.userId)).toBe("MEMBER");
    const notes = await prisma.notification.findMany({
      where: { userId: member.userId, kind: "ROLE_CHANGED" },
      orderBy: { createdAt: "asc" },
      select: { data: true },
    });
    expect(notes.map((note) => (note.data as { role: string }).role)).toEqual(["MODERATOR", "MEMBER"]);

    // The owner's own role never changes this way.
    expect(await setMemberRole(owner.actor, association.slug, owner.userId, "MEMBER")).toMatchObject({
      ok: false,
      reason: "conflict",
    });
  });

  it("transferring ownership leaves exactly one owner, and the previous owner a moderator", async () => {
    const owner = await createTestMember();
    const successor = await createTestMember();
    const association = await newAssociation(owner, "OPEN");
    await joinAssociation(successor.actor, association.slug);

    expect(await transferOwnership(successor.actor, association.slug, successor.userId)).toMatchObject({ reason: "forbidden" });
    const result = await transferOwnership(owner.actor, association.slug, successor.userId);
    expect(result).toMatchObject({ ok: true });
    const owners = await prisma.associationMembership.findMany({
      where: { associationId: association.id, role: "OWNER" },
      select: { userId: true },
    });
    expect(owners).toEqual([{ userId: successor.userId }]);
    expect(await roleOf(association.id, owner.userId)).toBe("MODERATOR");
    expect(await memberCount(association.id)).toBe(2);

    // The previous owner may now leave; the new owner may not.
    expect(await leaveAssociation(owner.actor, association.slug)).toMatchObject({ ok: true, value: { left: true } });
    expect(await leaveAssociation(successor.actor, association.slug)).toMatchObject({ ok: false, reason: "conflict" });
    expect(await memberCount(association.id)).toBe(1);
  });

  it("the owner removes a member, never themselves; the count follows", async () => {
    const owner = await createTestMember();
    const member = await createTestMember();
    const association = await newAssociation(owner, "OPEN");
    await joinAssociation(member.actor, association.slug);
    expect(await removeMember(member.actor, association.slug, owner.userId)).toMatchObject({ ok: false, reason: "forbidden" });
    expect(await removeMember(owner.actor, association.slug, owner.userId)).toMatchObject({ ok: false, reason: "conflict" });
    const twice = await Promise.all([
      removeMember(owner.actor, association.slug, member.userId),
      removeMember(owner.actor, association.slug, member.userId),
    ]);
    expect(await roleOf(association.id, member.userId)).toBeNull();
    expect(await memberCount(association.id)).toBe(1);
    // Exactly one of the two removed them; the other found nothing to do.
    expect(twice.map((result) => result.ok && result.value.removed).sort()).toEqual([false, true]);
    expect(await removeMember(owner.actor, association.slug, member.userId)).toMatchObject({ ok: true, value: { removed: false } });
  });
});

describe("lists and pages", () => {
  it("lists members owner first, a page at a time, only to members", async () => {
    const owner = await createTestMember();
    const association = await newAssociation(owner, "OPEN");
    const others = [];
    for (let i = 0; i < 4; i++) {
      const member = await createTestMember();
      await joinAssociation(member.actor, association.slug);
      others.push(member);
    }
    await setMemberRole(owner.actor, association.slug, others[3]!.userId, "MODERATOR");
    const first = await listMembers(owner.actor, association.slug, null, 3);
    if (!first.ok) throw new Error(first.message);
    expect(first.value.members.map((m) => m.role)).toEqual(["OWNER", "MODERATOR", "MEMBER"]);
    expect(first.value.nextCursor).not.toBeNull();
    const second = await listMembers(owner.actor, association.slug, first.value.nextCursor, 3);
    if (!second.ok) throw new Error(second.message);
    expect(second.value.members).toHaveLength(2);
    expect(second.value.nextCursor).toBeNull();
    const all = [...first.value.members, ...second.value.members].map((m) => m.userId);
    expect(new Set(all).size).toBe(5);

    const outsider = await createTestMember();
    expect(await listMembers(outsider.actor, association.slug, null)).toMatchObject({ ok: false, reason: "forbidden" });
  });

  it("the directory pages by name without repeats", async () => {
    const seen = new Set<string>();
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: Awaited<ReturnType<typeof listAssociations>> = await listAssociations(cursor, 2);
      for (const item of page.items) {
        expect(seen.has(item.slug)).toBe(false);
        seen.add(item.slug);
      }
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor && pages < 100);
    expect(seen.size).toBe(await prisma.association.count());
  });

  it("editing details keeps the forum's name in step; only the owner may", async () => {
    const owner = await createTestMember();
    const member = await createTestMember();
    const association = await newAssociation(owner, "OPEN");
    await joinAssociation(member.actor, association.slug);
    const input = { name: `Renamed ${run}`, description: "New words here.", joinPolicy: "APPROVAL" as const };
    expect(await updateAssociation(member.actor, association.slug, input)).toMatchObject({ ok: false, reason: "forbidden" });
    expect(await updateAssociation(owner.actor, association.slug, input)).toEqual({ ok: true, value: null });
    const forum = await prisma.forum.findUniqueOrThrow({
      where: { associationId: association.id },
      select: { name: true },
    });
    expect(forum.name).toBe(`Renamed ${run}`);
  });

  it("the page shows association-only categories to members only", async () => {
    const owner = await createTestMember();
    const outsider = await createTestMember();
    const association = await newAssociation(owner, "OPEN");
    const forOwner = await getAssociationPage(owner.actor, association.slug);
    const forOutsider = await getAssociationPage(outsider.actor, association.slug);
    expect(forOwner?.categories.map((c) => c.slug)).toEqual(["announcements", "members"]);
    expect(forOutsider?.categories.map((c) => c.slug)).toEqual(["announcements"]);
    expect(forOwner?.can.manage).toBe(true);
    expect(forOutsider?.can.manage).toBe(false);
    expect(forOutsider?.joinOption).toBe("join");
  });

  it("the page lists open and adopted statements, newest activity first, to members only", async () => {
    const owner = await createTestMember();
    const outsider = await createTestMember();
    const admin = await createTestMember({ role: "ADMIN" });
    const association = await newAssociation(owner, "OPEN");
    const day = (n: number) => new Date(Date.UTC(2026, 10, n));
    for (const [title, status, updatedAt] of [
      ["Adopted last week", "ADOPTED", day(10)],
      ["Open and busy", "OPEN", day(20)],
      ["Still a draft", "DRAFT", day(21)],
      ["Archived", "ARCHIVED", day(22)],
    ] as const) {
      await prisma.statement.create({ data: { title, status, updatedAt, associationId: association.id, authorId: owner.userId } });
    }
    const titles = async (actor: Parameters<typeof getAssociationPage>[0]) =>
      (await getAssociationPage(actor, association.slug))!.statements.map((s) => s.title);
    expect(await titles(owner.actor)).toEqual(["Open and busy", "Adopted last week"]);
    expect(await titles(admin.actor)).toEqual(["Open and busy", "Adopted last week"]);
    expect(await titles(outsider.actor)).toEqual([]);
    expect(await titles(ANONYMOUS)).toEqual([]);

    for (let i = 0; i < 10; i++) {
      await prisma.statement.create({ data: { title: `More ${i}`, status: "OPEN", associationId: association.id, authorId: owner.userId } });
    }
    const page = (await getAssociationPage(owner.actor, association.slug))!;
    expect(page.statements).toHaveLength(10);
    expect(page.moreStatements).toBe(true);
  });
});
