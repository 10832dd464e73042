import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { runJobsUntilIdle } from "~/utils/jobs.server";
import { seed } from "../../../prisma/seed";
import { createTestMember, type TestMember } from "../../../tests/fixtures/members";
import { createAssociation } from "./associations.server";
import { acceptInvitation } from "./invitations.server";
import { exportMembers } from "./member-export.server";
import {
  confirmMemberImport,
  getMemberImport,
  IMPORT_BATCH_ROWS,
  memberImportJobHandlers,
  previewLapsedMembers,
  purgeExpiredImports,
  removeLapsedMembers,
  runMemberImport,
  uploadMemberImport,
} from "./member-import.server";
import { addMember } from "./memberships.server";

const run = Math.random().toString(36).slice(2, 8);
let count = 0;

beforeAll(async () => {
  await seed();
});

async function newAssociation(owner: TestMember) {
  count += 1;
  const result = await createAssociation(owner.actor, {
    name: `Import ${run} ${count}`,
    slug: `import-${run}-${count}`,
    description: "Importers.",
    website: "",
    joinPolicy: "INVITE",
  });
  if (!result.ok) throw new Error(result.message);
  return prisma.association.findUniqueOrThrow({ where: { slug: result.value.slug }, select: { id: true, slug: true } });
}

const csv = (lines: string[], name = "members.csv") => new File([lines.join("\r\n")], name, { type: "text/csv" });

async function upload(owner: TestMember, slug: string, lines: string[]) {
  const uploaded = await uploadMemberImport(owner.actor, slug, csv(lines));
  if (!uploaded.ok) throw new Error(uploaded.message);
  return uploaded.value.id;
}

async function importAll(owner: TestMember, slug: string, id: string) {
  const confirmed = await confirmMemberImport(owner.actor, slug, id);
  expect(confirmed).toEqual({ ok: true, value: { started: true } });
  await runJobsUntilIdle({ handlers: memberImportJobHandlers, now: new Date(Date.now() + 24 * 3600 * 1000) });
  const view = await getMemberImport(owner.actor, slug, id);
  if (!view.ok) throw new Error(view.message);
  return view.value;
}

const membershipOf = (associationId: string, userId: string) =>
  prisma.associationMembership.findUnique({
    where: { associationId_userId: { associationId, userId } },
    select: { role: true, externalId: true, memberSince: true },
  });

describe("member import", () => {
  it("shows a dry run that writes nothing, then invites, changes roles and updates details; the same file again changes nothing", async () => {
    const owner = await createTestMember();
    const association = await newAssociation(owner);
    const existing = await createTestMember();
    const member = await createTestMember();
    await prisma.$transaction((tx) => addMember(tx, association.id, member.userId));
    const newcomer = `new-${run}-${count}@example.org`;
    const lines = [
      "email;name;role;join date;external id",
      `${newcomer};New Person;;2020-01-15;N-1`,
      `${existing.email.toUpperCase()};Existing Account;MODERATOR;;N-2`,
      `${member.email};Already Member;MODERATOR;2018-05-01;N-3`,
      `${owner.email};The Owner;MEMBER;;N-4`,
      `bad-address;Bad;;;`,
      `${newcomer};Twice;;;`,
    ];
    const id = await upload(owner, association.slug, lines);

    const dry = await getMemberImport(owner.actor, association.slug, id);
    if (!dry.ok) throw new Error(dry.message);
    expect(dry.value.status).toBe("UPLOADED");
    expect(dry.value.delimiter).toBe(";");
    expect(dry.value.counts).toEqual({ invitedNew: 1, invitedExisting: 1, rolesChanged: 1, detailsUpdated: 1, unchanged: 0, invalid: 2 });
    expect(dry.value.bad.map((row) => row.line)).toEqual([6, 7]);
    // Nothing written by the dry run.
    expect(await prisma.associationInvitation.count({ where: { associationId: association.id } })).toBe(0);
    expect((await membershipOf(association.id, member.userId))?.role).toBe("MEMBER");

    const done = await importAll(owner, association.slug, id);
    expect(done.status).toBe("DONE");
    expect(done.counts).toEqual(dry.value.counts);
    expect(await membershipOf(association.id, member.userId)).toEqual({
      role: "MODERATOR",
      externalId: "N-3",
      memberSince: new Date("2018-05-01T00:00:00Z"),
    });
    // The owner stays the owner; their member id is recorded.
    expect(await membershipOf(association.id, owner.userId)).toMatchObject({ role: "OWNER", externalId: "N-4" });
    // The existing account is invited, not added.
    expect(await membershipOf(association.id, existing.userId)).toBeNull();
    const invitations = await prisma.associationInvitation.findMany({
      where: { associationId: association.id },
      select: { email: true, role: true, externalId: true },
      orderBy: { email: "asc" },
    });
    expect(invitations).toEqual(
      [
        { email: existing.email, role: "MODERATOR", externalId: "N-2" },
        { email: newcomer, role: "MEMBER", externalId: "N-1" },
      ].sort((a, b) => a.email.localeCompare(b.email)),
    );
    // One email each, with a working single-use link.
    const emails = await prisma.outboxEmail.findMany({ where: { to: { in: [newcomer, existing.email] } }, select: { to: true, text: true } });
    expect(emails.map((email) => email.to).sort()).toEqual([existing.email, newcomer].sort());
    const token = /\/invitations\/([a-z2-7]{32})/.exec(emails.find((email) => email.to === existing.email)!.text)![1]!;
    const accepted = await acceptInvitation(existing.actor, token);
    expect(accepted).toMatchObject({ ok: true, value: { joined: true } });
    expect(await membershipOf(association.id, existing.userId)).toMatchObject({ role: "MODERATOR", externalId: "N-2" });
    expect((await acceptInvitation(existing.actor, token)).ok).toBe(true); // Already a member: nothing used up.

    // The same file again: nothing to do.
    const again = await upload(owner, association.slug, lines);
    const second = await importAll(owner, association.slug, again);
    expect(second.counts).toEqual({ invitedNew: 0, invitedExisting: 0, rolesChanged: 0, detailsUpdated: 0, unchanged: 4, invalid: 2 });
    expect(await prisma.associationInvitation.count({ where: { associationId: association.id } })).toBe(2);
    expect(await prisma.outboxEmail.count({ where: { to: { in: [newcomer, existing.email] } } })).toBe(2);

    // A later file with changes: they are applied and reported.
    const changed = await upload(owner, association.slug, [
      "email,name,role,external id",
      `${member.email},Already Member,MEMBER,N-3`,
      `${newcomer},New Person,MODERATOR,N-1`,
    ]);
    const third = await importAll(owner, association.slug, changed);
    expect(third.counts).toMatchObject({ rolesChanged: 1, detailsUpdated: 1, unchanged: 0 });
    expect((await membershipOf(association.id, member.userId))?.role).toBe("MEMBER");
    expect(await prisma.associationInvitation.findFirst({ where: { email: newcomer }, select: { role: true } })).toEqual({ role: "MODERATOR" });
  });

  it("imports in batches and resumes where an interrupted import stopped, applying no row twice", async () => {
    const owner = await createTestMember();
    const association = await newAssociation(owner);
    const rows = IMPORT_BATCH_ROWS + 20;
    const lines = ["email,name", ...Array.from({ length: rows }, (_, i) => `batch-${run}-${count}-${i}@example.org,Person ${i}`)];
    const id = await upload(owner, association.slug, lines);
    await confirmMemberImport(owner.actor, association.slug, id);
    // A job whose time is up after one batch stops and leaves the rest to the next job.
    await runMemberImport(id, new Date(), 0);
    const stored = await prisma.memberImport.findUniqueOrThrow({ where: { id }, select: { processedRows: true, status: true } });
    expect(stored).toEqual({ processedRows: IMPORT_BATCH_ROWS, status: "RUNNING" });
    const view = await getMemberImport(owner.actor, association.slug, id);
    expect(view.ok && view.value.processedRows).toBe(IMPORT_BATCH_ROWS);
    await runJobsUntilIdle({ handlers: memberImportJobHandlers, now: new Date(Date.now() + 24 * 3600 * 1000) });
    const done = await getMemberImport(owner.actor, association.slug, id);
    expect(done.ok && done.value.status).toBe("DONE");
    expect(done.ok && done.value.counts.invitedNew).toBe(rows);
    expect(await prisma.associationInvitation.count({ where: { associationId: association.id } })).toBe(rows);
    // The emails are spaced out: those of the last batch are not due yet at the time the import ran.
    const emailed = () => prisma.outboxEmail.count({ where: { to: { startsWith: `batch-${run}-${count}-` } } });
    expect(await emailed()).toBeLessThan(rows);
    await runJobsUntilIdle({ handlers: memberImportJobHandlers, now: new Date(Date.now() + 48 * 3600 * 1000) });
    expect(await emailed()).toBe(rows);
  });

  it("refuses what cannot be read, and lets only the owner import", async () => {
    const owner = await createTestMember();
    const association = await newAssociation(owner);
    const bad = await uploadMemberImport(owner.actor, association.slug, csv(["who,what", "a,b"]));
    expect(bad).toMatchObject({ ok: false, reason: "invalid", fieldErrors: { file: [expect.stringMatching(/email/)] } });
    expect(await uploadMemberImport(owner.actor, association.slug, null)).toMatchObject({ ok: false, reason: "invalid" });
    const moderator = await createTestMember();
    await prisma.$transaction((tx) => addMember(tx, association.id, moderator.userId, { role: "MODERATOR" }));
    expect(await uploadMemberImport(moderator.actor, association.slug, csv(["email,name", "a@example.org,A"]))).toMatchObject({
      ok: false,
      reason: "forbidden",
    });
    const id = await upload(owner, association.slug, ["email,name", "a@example.org,A"]);
    expect(await getMemberImport(moderator.actor, association.slug, id)).toMatchObject({ ok: false, reason: "forbidden" });
    const stranger = await createTestMember();
    const other = await newAssociation(stranger);
    // Another association's import is not found through this one.
    expect(await getMemberImport(stranger.actor, other.slug, id)).toMatchObject({ ok: false, reason: "not-found" });
  });

  it("keeps an upload for 24 hours", async () => {
    const owner = await createTestMember();
    const association = await newAssociation(owner);
    const id = await upload(owner, association.slug, ["email,name", "a@example.org,A"]);
    const later = new Date(Date.now() + 25 * 3600 * 1000);
    expect(await getMemberImport(owner.actor, association.slug, id, later)).toMatchObject({ ok: false, reason: "not-found" });
    expect(await purgeExpiredImports(later)).toBeGreaterThanOrEqual(1);
    expect(await prisma.memberImport.findUnique({ where: { id } })).toBeNull();
  });
});

describe("lapsed members and the member list", () => {
  it("removes the listed members by external id or email after a preview, never the owner, and revokes pending invitations", async () => {
    const owner = await createTestMember();
    const association = await newAssociation(owner);
    const a = await createTestMember();
    const b = await createTestMember({ profile: { displayName: "=Formula Name" } });
    const c = await createTestMember();
    await prisma.user.update({ where: { id: b.userId }, data: { emailVisibleToOwners: true } });
    for (const [member, externalId] of [[a, "L-1"], [b, "L-2"], [c, "L-3"]] as const) {
      await prisma.$transaction((tx) => addMember(tx, association.id, member.userId, { externalId }));
    }
    const pending = `pending-${run}-${count}@example.org`;
    const id = await upload(owner, association.slug, ["email,name,external id", `${pending},Pending,L-9`]);
    await importAll(owner, association.slug, id);

    const exported = await exportMembers(owner.actor, association.slug);
    if (!exported.ok) throw new Error(exported.message);
    const lines = exported.value.csv.replace(/^\uFEFF/, "").trim().split("\r\n");
    expect(lines[0]).toBe("name,handle,role,join date,external id,email");
    expect(lines).toHaveLength(5);
    expect(lines.find((line) => line.includes(b.handle))).toBe(`'=Formula Name,${b.handle},MEMBER,${new Date().toISOString().slice(0, 10)},L-2,${b.email}`);
    // No email for members who did not allow it.
    expect(lines.find((line) => line.includes(a.handle))).not.toContain(a.email);
    expect(await exportMembers(a.actor, association.slug)).toMatchObject({ ok: false, reason: "forbidden" });

    const list = `L-1\n${b.email.toUpperCase()}; ${owner.email}, nobody@example.org\n${pending}`;
    const preview = await previewLapsedMembers(owner.actor, association.slug, list);
    if (!preview.ok) throw new Error(preview.message);
    expect(preview.value.members.map((m) => m.userId).sort()).toEqual([a.userId, b.userId].sort());
    expect(preview.value.owner).toHaveLength(1);
    expect(preview.value.invitations).toBe(1);
    expect(preview.value.unmatched).toEqual(["nobody@example.org"]);
    expect(await prisma.associationMembership.count({ where: { associationId: association.id } })).toBe(4);

    expect(await removeLapsedMembers(a.actor, association.slug, list)).toMatchObject({ ok: false, reason: "forbidden" });
    expect(await removeLapsedMembers(owner.actor, association.slug, list)).toEqual({ ok: true, value: { removed: 2, revoked: 1 } });
    const left = await prisma.associationMembership.findMany({ where: { associationId: association.id }, select: { userId: true } });
    expect(left.map((m) => m.userId).sort()).toEqual([owner.userId, c.userId].sort());
    expect((await prisma.association.findUniqueOrThrow({ where: { id: association.id }, select: { memberCount: true } })).memberCount).toBe(2);
    // Twice: nothing more.
    expect(await removeLapsedMembers(owner.actor, association.slug, list)).toEqual({ ok: true, value: { removed: 0, revoked: 0 } });
  });
});
