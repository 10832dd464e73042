import { beforeAll, describe, expect, it } from "vitest";
import { ANONYMOUS } from "~/domain/members/actor";
import { getProfileForViewer } from "~/domain/pages/profile-page.server";
import { listNotifications } from "~/domain/notifications/notifications.server";
import { notificationText } from "~/domain/notifications/targets";
import { addMember, createAssociation } from "../../../tests/fixtures/forum";
import { prisma } from "~/utils/db.server";
import { seed } from "../../../prisma/seed";
import { createTestMember, type TestMember } from "../../../tests/fixtures/members";
import { getStatementAccess } from "./access.server";
import {
  addCoauthor,
  adoptStatement,
  archiveStatement,
  consensus,
  createStatement,
  editText,
  endorse,
  featureStatement,
  listSignatories,
  listStatements,
  myDrafts,
  openStatement,
  setSignal,
  withdrawEndorsement,
} from "./statements.server";

beforeAll(async () => {
  await seed();
});

let count = 0;
async function propose(author: TestMember, options: { scope?: string; threshold?: number; text?: string } = {}) {
  count += 1;
  const result = await createStatement(author.actor, {
    scope: options.scope ?? "community",
    title: `We are educators ${count}`,
    text: options.text ?? "CME professionals **design learning** that changes practice.",
    rationale: "Because people keep asking.",
    areaSlugs: [],
    endorsementThreshold: options.threshold,
  });
  if (!result.ok) throw new Error(result.message);
  return result.value.id;
}

async function openOne(author: TestMember, options: Parameters<typeof propose>[1] = {}) {
  const id = await propose(author, options);
  const opened = await openStatement(author.actor, id);
  if (!opened.ok) throw new Error(opened.message);
  return id;
}

const statusOf = async (id: string) =>
  prisma.statement.findUniqueOrThrow({
    where: { id },
    select: { status: true, currentVersion: true, adoptedVersion: true, threadId: true },
  });

describe("lifecycle", () => {
  it("records every transition with who and when, creates the comments thread on opening", async () => {
    const author = await createTestMember();
    const admin = await createTestMember({ role: "ADMIN" });
    const id = await propose(author);
    expect((await statusOf(id)).status).toBe("DRAFT");
    const v1 = await prisma.statementVersion.findUniqueOrThrow({
      where: { statementId_number: { statementId: id, number: 1 } },
      select: { textHtml: true, writtenById: true },
    });
    expect(v1.textHtml).toContain("<strong>design learning</strong>");
    expect(v1.writtenById).toBe(author.userId);

    expect((await openStatement(author.actor, id)).ok).toBe(true);
    const opened = await statusOf(id);
    expect(opened.status).toBe("OPEN");
    const thread = await prisma.thread.findUniqueOrThrow({
      where: { id: opened.threadId! },
      select: {
        title: true,
        authorId: true,
        visibility: true,
        category: { select: { slug: true, forum: { select: { slug: true } } } },
        posts: { select: { body: true } },
      },
    });
    expect(thread.title).toMatch(/^Statement: We are educators/);
    expect(thread.authorId).toBe(author.userId);
    expect(thread.visibility).toBe("PUBLIC");
    expect(thread.category).toEqual({ slug: "statements", forum: { slug: "community" } });
    expect(thread.posts[0]!.body).toContain(`/statements/${id}`);

    // Only site administrators adopt community statements.
    expect(await adoptStatement(author.actor, id)).toMatchObject({ ok: false, reason: "forbidden" });
    expect((await adoptStatement(admin.actor, id, undefined, "The board approved this wording.")).ok).toBe(true);
    expect(await statusOf(id)).toMatchObject({ status: "ADOPTED", adoptedVersion: 1 });
    const notified = await prisma.notification.findMany({
      where: { statementId: id, kind: "STATEMENT_ADOPTED" },
      select: { userId: true, data: true },
    });
    expect(notified).toEqual([{ userId: author.userId, data: expect.objectContaining({ statementTitle: expect.any(String) }) }]);

    expect((await archiveStatement(admin.actor, id)).ok).toBe(true);
    const history = await prisma.statementTransition.findMany({
      where: { statementId: id },
      orderBy: { createdAt: "asc" },
      select: { fromStatus: true, toStatus: true, actorId: true },
    });
    expect(history).toEqual([
      { fromStatus: null, toStatus: "DRAFT", actorId: author.userId },
      { fromStatus: "DRAFT", toStatus: "OPEN", actorId: author.userId },
      { fromStatus: "OPEN", toStatus: "ADOPTED", actorId: admin.userId },
      { fromStatus: "ADOPTED", toStatus: "ARCHIVED", actorId: admin.userId },
    ]);
  });

  it("opens an association statement into the association's forum, in a category only its members see", async () => {
    const author = await createTestMember();
    const association = await createAssociation([{ userId: author.userId, role: "MEMBER" }]);
    const id = await openOne(author, { scope: association.slug });
    const thread = await prisma.thread.findUniqueOrThrow({
      where: { id: (await statusOf(id)).threadId! },
      select: { visibility: true, associationId: true, forumId: true },
    });
    expect(thread).toEqual({ visibility: "ASSOCIATION", associationId: association.id, forumId: association.forumId });
  });

  it("keeps an association statement's comments among members even when a public 'statements' category exists", async () => {
    const author = await createTestMember();
    const association = await createAssociation([{ userId: author.userId, role: "MEMBER" }]);
    await prisma.category.create({
      data: { forumId: association.forumId, slug: "statements", name: "Statements", position: 99, visibility: "PUBLIC" },
    });
    const [first, second] = await Promise.all([openOne(author, { scope: association.slug }), openOne(author, { scope: association.slug })]);
    for (const id of [first, second]) {
      const thread = await prisma.thread.findUniqueOrThrow({ where: { id: (await statusOf(id)).threadId! }, select: { visibility: true } });
      expect(thread.visibility).toBe("ASSOCIATION");
    }
  });

  it("refuses a scope the member does not belong to", async () => {
    const author = await createTestMember();
    const association = await createAssociation([]);
    const result = await createStatement(author.actor, {
      scope: association.slug,
      title: "Not my association",
      text: "Text",
      rationale: "",
      areaSlugs: [],
    });
    expect(result).toMatchObject({ ok: false, reason: "invalid", fieldErrors: { scope: [expect.any(String)] } });
  });

  it("adopted statements refuse edits, signals and endorsements", async () => {
    const author = await createTestMember();
    const admin = await createTestMember({ role: "ADMIN" });
    const other = await createTestMember();
    const id = await openOne(author);
    expect((await adoptStatement(admin.actor, id, undefined, "Agreed at the annual meeting.")).ok).toBe(true);
    expect(await editText(author.actor, id, { baseVersion: 1, text: "Changed", note: "" })).toMatchObject({ ok: false, reason: "forbidden" });
    expect(await setSignal(other.actor, id, "AGREE")).toMatchObject({ ok: false, reason: "forbidden" });
    expect(await endorse(other.actor, id)).toMatchObject({ ok: false, reason: "forbidden" });
    expect(await statusOf(id)).toMatchObject({ currentVersion: 1, adoptedVersion: 1 });
    expect(await prisma.statementVersion.count({ where: { statementId: id } })).toBe(1);
  });
});

describe("editing with optimistic concurrency", () => {
  it("two edits from the same base: one wins, the other gets the current text back", async () => {
    const author = await createTestMember();
    const coauthor = await createTestMember();
    const id = await openOne(author);
    expect((await addCoauthor(author.actor, id, coauthor.handle)).ok).toBe(true);

    const [a, b] = await Promise.all([
      editText(author.actor, id, { baseVersion: 1, text: "The author's text", note: "" }),
      editText(coauthor.actor, id, { baseVersion: 1, text: "The co-author's text", note: "" }),
    ]);
    const results = [a, b];
    const winner = results.find((r) => r.ok);
    const loser = results.find((r) => !r.ok);
    expect(winner).toEqual({ ok: true, version: 2 });
    expect(loser).toMatchObject({ ok: false, reason: "conflict" });
    const winningText = a.ok ? "The author's text" : "The co-author's text";
    expect(loser && "conflict" in loser ? loser.conflict : null).toEqual({ currentVersion: 2, currentText: winningText });
    expect(await statusOf(id)).toMatchObject({ currentVersion: 2 });
    expect(await prisma.statementVersion.count({ where: { statementId: id } })).toBe(2);

    // Retrying on the current version succeeds.
    expect(await editText(author.actor, id, { baseVersion: 2, text: "Merged text", note: "merged" })).toEqual({ ok: true, version: 3 });
  });

  it("saving the current text again is not a new version", async () => {
    const author = await createTestMember();
    const id = await openOne(author, { text: "Same words" });
    expect(await editText(author.actor, id, { baseVersion: 1, text: "Same words", note: "" })).toMatchObject({ ok: false, reason: "invalid" });
    expect(await statusOf(id)).toMatchObject({ currentVersion: 1 });
  });

  it("a new version asks earlier signatories to re-confirm", async () => {
    const author = await createTestMember();
    const signer = await createTestMember();
    const id = await openOne(author);
    await endorse(signer.actor, id, "Yes");
    await editText(author.actor, id, { baseVersion: 1, text: "Second version", note: "" });
    const notes = await prisma.notification.findMany({
      where: { statementId: id, kind: "STATEMENT_NEW_VERSION" },
      select: { userId: true },
    });
    expect(notes).toEqual([{ userId: signer.userId }]);
    // The earlier signature stays on version 1.
    expect((await listSignatories(signer.actor, id, 1))?.total).toBe(1);
    expect((await listSignatories(signer.actor, id, 2))?.total).toBe(0);
    const asked = (await listNotifications(signer.actor, null)).items.find((n) => n.kind === "STATEMENT_NEW_VERSION");
    expect(notificationText(asked!)).toMatch(/would you sign this one too\?$/);
    // Once the version is adopted (or replaced), the request no longer asks for a signature.
    const admin = await createTestMember({ role: "ADMIN" });
    await endorse(author.actor, id, "", 2);
    expect((await adoptStatement(admin.actor, id, 2)).ok).toBe(true);
    const after = (await listNotifications(signer.actor, null)).items.find((n) => n.kind === "STATEMENT_NEW_VERSION");
    expect(notificationText(after!)).toMatch(/that version can no longer be signed\.$/);
    expect(notificationText(after!)).not.toMatch(/would you sign/);
  });
});

describe("signals and consensus", () => {
  it("one signal per member; the same one again changes nothing; hidden below 5 and shown at 5", async () => {
    const author = await createTestMember();
    const id = await openOne(author);
    const members = await Promise.all(Array.from({ length: 5 }, () => createTestMember()));
    await setSignal(members[0]!.actor, id, "AGREE");
    await setSignal(members[0]!.actor, id, "AGREE");
    expect(await prisma.statementSignal.count({ where: { statementId: id } })).toBe(1);
    await setSignal(members[1]!.actor, id, "DISAGREE");
    await setSignal(members[2]!.actor, id, "AGREE");
    await setSignal(members[3]!.actor, id, "UNSURE");
    expect(await consensus(id)).toMatchObject({ total: 4, shown: false });
    await setSignal(members[4]!.actor, id, "AGREE");
    expect(await consensus(id)).toEqual({ version: 1, agree: 3, disagree: 1, unsure: 1, total: 5, shareAgreeing: 60, shown: true });
    // Changing one's mind replaces the signal.
    await setSignal(members[1]!.actor, id, "AGREE");
    expect(await consensus(id)).toMatchObject({ agree: 4, disagree: 0, shareAgreeing: 80 });
    // A new version starts a fresh picture.
    await editText(author.actor, id, { baseVersion: 1, text: "v2", note: "" });
    expect(await consensus(id)).toMatchObject({ version: 2, total: 0, shown: false });
  });
});

describe("endorsements", () => {
  it("a double endorsement changes nothing; withdrawing removes it", async () => {
    const author = await createTestMember();
    const signer = await createTestMember();
    const id = await openOne(author);
    expect(await endorse(signer.actor, id, "first")).toMatchObject({ ok: true, value: { created: true } });
    expect(await endorse(signer.actor, id, "second")).toMatchObject({ ok: true, value: { created: false } });
    const rows = await prisma.statementEndorsement.findMany({ where: { statementId: id }, select: { note: true } });
    expect(rows).toEqual([{ note: "first" }]);
    expect(await withdrawEndorsement(signer.actor, id)).toEqual({ ok: true, value: { removed: true } });
    expect(await prisma.statementEndorsement.count({ where: { statementId: id } })).toBe(0);
  });

  it("never signs or adopts a version the member did not see", async () => {
    const author = await createTestMember();
    const signer = await createTestMember();
    const admin = await createTestMember({ role: "ADMIN" });
    const id = await openOne(author);
    expect((await editText(author.actor, id, { baseVersion: 1, text: "Second wording", note: "" })).ok).toBe(true);
    expect(await endorse(signer.actor, id, "", 1)).toMatchObject({ ok: false, reason: "conflict" });
    expect(await prisma.statementEndorsement.count({ where: { statementId: id } })).toBe(0);
    expect(await adoptStatement(admin.actor, id, 1)).toMatchObject({ ok: false, reason: "conflict" });
    expect((await statusOf(id)).status).toBe("OPEN");
    expect(await endorse(signer.actor, id, "", 2)).toMatchObject({ ok: true, value: { version: 2 } });
    expect(await adoptStatement(admin.actor, id, 2)).toEqual({ ok: true, value: { version: 2, signatures: 1 } });
  });

  it("adopts automatically when the current version reaches the threshold", async () => {
    const author = await createTestMember();
    const id = await openOne(author, { threshold: 3 });
    const signers = await Promise.all(Array.from({ length: 3 }, () => createTestMember()));
    expect(await endorse(signers[0]!.actor, id)).toMatchObject({ value: { adopted: false } });
    expect(await endorse(signers[1]!.actor, id)).toMatchObject({ value: { adopted: false } });
    expect(await endorse(signers[2]!.actor, id)).toMatchObject({ value: { adopted: true } });
    expect(await statusOf(id)).toMatchObject({ status: "ADOPTED", adoptedVersion: 1 });
    const transition = await prisma.statementTransition.findFirstOrThrow({
      where: { statementId: id, toStatus: "ADOPTED" },
      select: { actorId: true, note: true },
    });
    expect(transition).toEqual({ actorId: null, note: "Adopted automatically: 3 endorsements" });
    const notified = await prisma.notification.count({ where: { statementId: id, kind: "STATEMENT_ADOPTED" } });
    expect(notified).toBe(4); // the author and the three signatories
    // Featuring it on a profile.
    expect((await featureStatement(signers[0]!.actor, id)).ok).toBe(true);
    const profile = await prisma.profile.findUniqueOrThrow({ where: { userId: signers[0]!.userId }, select: { featuredStatementId: true } });
    expect(profile.featuredStatementId).toBe(id);
    const shown = await getProfileForViewer(ANONYMOUS, signers[0]!.handle);
    expect(shown?.featuredStatement).toMatchObject({ id, version: 1, textHtml: expect.stringContaining("design learning") });
    // The notification reads as a sentence and leads to the statement.
    const { items } = await listNotifications(author.actor, null);
    const adopted = items.find((n) => n.kind === "STATEMENT_ADOPTED");
    expect(adopted?.href).toBe(`/statements/${id}`);
  });

  it("a featured association statement is shown on the profile only to those who may see it", async () => {
    const author = await createTestMember();
    const owner = await createTestMember();
    const outsider = await createTestMember();
    const association = await createAssociation([{ userId: author.userId }, { userId: owner.userId, role: "OWNER" }]);
    const id = await openOne(author, { scope: association.slug });
    expect((await endorse(author.actor, id)).ok).toBe(true);
    expect((await adoptStatement(owner.actor, id)).ok).toBe(true);
    expect((await featureStatement(author.actor, id)).ok).toBe(true);
    expect((await featureStatement(outsider.actor, id)).ok).toBe(false);
    expect((await getProfileForViewer(owner.actor, author.handle))?.featuredStatement?.id).toBe(id);
    expect((await getProfileForViewer(outsider.actor, author.handle))?.featuredStatement).toBeNull();
    expect((await getProfileForViewer(ANONYMOUS, author.handle))?.featuredStatement).toBeNull();
  });

  it("signatories show job title and organization only when the professional section is visible", async () => {
    const author = await createTestMember();
    const open = await createTestMember({ profile: { jobTitle: "Director", organization: "Open Org", professionalVisibility: "PUBLIC" } });
    const members = await createTestMember({ profile: { jobTitle: "Planner", organization: "Members Org", professionalVisibility: "MEMBERS" } });
    const hidden = await createTestMember({ profile: { jobTitle: "Secret", organization: "Private Org", professionalVisibility: "PRIVATE" } });
    const id = await openOne(author);
    for (const m of [open, members, hidden]) await endorse(m.actor, id);

    const asVisitor = await listSignatories(ANONYMOUS, id, 1);
    expect(asVisitor?.items.map((s) => [s.handle, s.jobTitle, s.organization])).toEqual([
      [open.handle, "Director", "Open Org"],
      [members.handle, null, null],
      [hidden.handle, null, null],
    ]);
    const asMember = await listSignatories(author.actor, id, 1);
    expect(asMember?.items.map((s) => s.jobTitle)).toEqual(["Director", "Planner", null]);
    const asThemself = await listSignatories(hidden.actor, id, 1);
    expect(asThemself?.items[2]?.jobTitle).toBe("Secret");
  });
});

describe("visibility", () => {
  it("a non-member gets no access to an association statement, and it is absent from their lists", async () => {
    const author = await createTestMember();
    const outsider = await createTestMember();
    const association = await createAssociation([{ userId: author.userId, role: "MEMBER" }]);
    const id = await openOne(author, { scope: association.slug });
    expect(await getStatementAccess(outsider.actor, id)).toBeNull();
    expect(await getStatementAccess(ANONYMOUS, id)).toBeNull();
    expect(await listSignatories(outsider.actor, id, 1)).toBeNull();
    const theirs = await listStatements(outsider.actor, { take: 1000 });
    expect(theirs.items.map((s) => s.id)).not.toContain(id);
    const scoped = await listStatements(outsider.actor, { scope: association.slug });
    expect(scoped.items).toEqual([]);

    await addMember(association.id, outsider.userId);
    expect(await getStatementAccess(outsider.actor, id)).not.toBeNull();
    expect((await listStatements(outsider.actor, { scope: association.slug })).items.map((s) => s.id)).toEqual([id]);
  });

  it("drafts are seen by their writers only, and listed under their drafts", async () => {
    const author = await createTestMember();
    const other = await createTestMember();
    const id = await propose(author);
    expect(await getStatementAccess(other.actor, id)).toBeNull();
    expect((await getStatementAccess(author.actor, id))?.can).toMatchObject({ editText: true, open: true, signal: false });
    expect((await myDrafts(author.actor)).map((s) => s.id)).toContain(id);
    expect((await listStatements(author.actor, { take: 1000 })).items.map((s) => s.id)).not.toContain(id);
  });

  it("pages through lists with a keyset cursor", async () => {
    const author = await createTestMember();
    const association = await createAssociation([{ userId: author.userId, role: "MEMBER" }]);
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push(await openOne(author, { scope: association.slug }));
    const first = await listStatements(author.actor, { scope: association.slug, take: 2 });
    expect(first.items).toHaveLength(2);
    const second = await listStatements(author.actor, { scope: association.slug, take: 2, cursor: first.nextCursor });
    expect(second.nextCursor).toBeNull();
    expect(new Set([...first.items, ...second.items].map((s) => s.id))).toEqual(new Set(ids));
  });

  it("a version nobody has signed is not adopted, unless an administrator gives a reason, which the history keeps", async () => {
    const author = await createTestMember();
    const owner = await createTestMember();
    const signer = await createTestMember();
    const admin = await createTestMember({ role: "ADMIN" });
    const association = await createAssociation([
      { userId: author.userId },
      { userId: owner.userId, role: "OWNER" },
      { userId: signer.userId },
    ]);
    const id = await openOne(author, { scope: association.slug });
    // The owner may adopt, but not a version with no signatures.
    expect(await adoptStatement(owner.actor, id, 1)).toMatchObject({ ok: false, reason: "conflict", message: expect.stringMatching(/Nobody has signed version 1/) });
    // An administrator may, with a reason only.
    expect(await adoptStatement(admin.actor, id, 1)).toMatchObject({ ok: false, reason: "invalid", fieldErrors: { reason: [expect.any(String)] } });
    expect(await adoptStatement(admin.actor, id, 1, "   ")).toMatchObject({ ok: false, reason: "invalid" });
    expect((await statusOf(id)).status).toBe("OPEN");
    // One signature, then a signature withdrawn: the count is read at adoption time.
    expect((await endorse(signer.actor, id, "", 1)).ok).toBe(true);
    expect((await withdrawEndorsement(signer.actor, id)).ok).toBe(true);
    expect(await adoptStatement(owner.actor, id, 1)).toMatchObject({ ok: false, reason: "conflict" });
    expect(await adoptStatement(admin.actor, id, 1, "The association voted on it at its meeting.")).toEqual({
      ok: true,
      value: { version: 1, signatures: 0 },
    });
    const transition = await prisma.statementTransition.findFirstOrThrow({
      where: { statementId: id, toStatus: "ADOPTED" },
      select: { actorId: true, note: true },
    });
    expect(transition).toEqual({ actorId: admin.userId, note: "Adopted with no signatures: The association voted on it at its meeting." });
  });

  it("a signed version is adopted by the scope's moderator, with no note", async () => {
    const author = await createTestMember();
    const owner = await createTestMember();
    const association = await createAssociation([{ userId: author.userId }, { userId: owner.userId, role: "OWNER" }]);
    const id = await openOne(author, { scope: association.slug });
    expect((await endorse(author.actor, id, "", 1)).ok).toBe(true);
    expect(await adoptStatement(owner.actor, id, 1)).toEqual({ ok: true, value: { version: 1, signatures: 1 } });
    const transition = await prisma.statementTransition.findFirstOrThrow({
      where: { statementId: id, toStatus: "ADOPTED" },
      select: { note: true },
    });
    expect(transition.note).toBe("");
  });
});
