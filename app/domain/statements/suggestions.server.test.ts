import { describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { createTestMember, type TestMember } from "../../../tests/fixtures/members";
import { accept, decline, getVersion, listSuggestions, listVersions, suggest, withdraw } from "./suggestions.server";

const run = `s${Math.random().toString(36).slice(2, 8)}`;
let count = 0;

const FIRST_TEXT = "CME professionals design learning that changes clinical practice.";

/** An OPEN statement (version 1) written by `author`, community-wide or in `associationId`. */
async function openStatement(
  author: TestMember,
  options: { associationId?: string; status?: "OPEN" | "ADOPTED" | "DRAFT" } = {},
) {
  count += 1;
  const statement = await prisma.statement.create({
    data: {
      title: `Who we are ${run} ${count}`,
      authorId: author.userId,
      associationId: options.associationId ?? null,
      status: options.status ?? "OPEN",
      adoptedVersion: options.status === "ADOPTED" ? 1 : null,
      versions: { create: { number: 1, text: FIRST_TEXT, textHtml: `<p>${FIRST_TEXT}</p>`, writtenById: author.userId } },
    },
    select: { id: true },
  });
  return statement.id;
}

async function association(owner: TestMember, members: TestMember[] = []) {
  count += 1;
  const created = await prisma.association.create({
    data: {
      slug: `${run}-assoc-${count}`,
      name: `Association ${run} ${count}`,
      description: "",
      descriptionHtml: "",
      memberCount: members.length + 1,
      memberships: {
        create: [
          { userId: owner.userId, role: "OWNER" as const },
          ...members.map((m) => ({ userId: m.userId, role: "MEMBER" as const })),
        ],
      },
    },
    select: { id: true },
  });
  return created.id;
}

function expectOk<T>(result: { ok: true; value: T } | { ok: false; message: string }): T {
  if (!result.ok) throw new Error(`Expected success, got: ${result.message}`);
  return result.value;
}

describe("suggesting and accepting revisions", () => {
  it("turns an accepted suggestion into version 2, crediting the suggester and the decider, and tells the suggester", async () => {
    const author = await createTestMember();
    const member = await createTestMember();
    const id = await openStatement(author);
    const text = "CME professionals design learning that measurably improves patient care.";
    const { suggestionId } = expectOk(await suggest(member.actor, id, { baseVersion: 1, text, note: "Sharper outcome" }));

    const accepted = expectOk(await accept(author.actor, suggestionId, { currentVersionSeen: 1 }));
    expect(accepted).toMatchObject({ version: 2, alreadyAccepted: false });

    const statement = await prisma.statement.findUniqueOrThrow({ where: { id }, select: { currentVersion: true } });
    expect(statement.currentVersion).toBe(2);
    const version = await getVersion(member.actor, id, 2);
    expect(version?.version).toMatchObject({
      text,
      note: "Sharper outcome",
      writtenBy: { handle: member.handle },
      acceptedBy: { handle: author.handle },
    });
    expect(version?.version.textHtml).toContain("<p>");
    expect(version?.previous).toEqual({ number: 1, text: FIRST_TEXT });

    const history = await listVersions(member.actor, id);
    expect(history?.versions.map((v) => v.number)).toEqual([2, 1]);
    expect(history?.versions[0]?.writtenBy?.handle).toBe(member.handle);

    const listed = await listSuggestions(member.actor, id);
    expect(listed?.suggestions[0]).toMatchObject({ status: "ACCEPTED", resultVersion: 2, isOwn: true });

    const notifications = await prisma.notification.findMany({
      where: { userId: member.userId, statementId: id },
      select: { kind: true, actorId: true, data: true },
    });
    expect(notifications).toEqual([
      {
        kind: "STATEMENT_SUGGESTION_DECIDED",
        actorId: author.userId,
        data: expect.objectContaining({ decision: "ACCEPTED", statementTitle: expect.stringContaining("Who we are") }),
      },
    ]);
  });

  it("changes nothing when the same suggestion is accepted twice", async () => {
    const author = await createTestMember();
    const member = await createTestMember();
    const id = await openStatement(author);
    const { suggestionId } = expectOk(await suggest(member.actor, id, { baseVersion: 1, text: "A better text." }));
    expectOk(await accept(author.actor, suggestionId, { currentVersionSeen: 1 }));
    const again = expectOk(await accept(author.actor, suggestionId, { currentVersionSeen: 1 }));
    expect(again).toMatchObject({ version: 2, alreadyAccepted: true });
    expect(await prisma.statementVersion.count({ where: { statementId: id } })).toBe(2);
    expect(await prisma.notification.count({ where: { userId: member.userId, statementId: id } })).toBe(1);
  });

  it("accepts the first of two suggestions from the same base; the second gets a conflict and stays pending as outdated", async () => {
    const author = await createTestMember();
    const first = await createTestMember();
    const second = await createTestMember();
    const id = await openStatement(author);
    const a = expectOk(await suggest(first.actor, id, { baseVersion: 1, text: "First rewrite." }));
    const b = expectOk(await suggest(second.actor, id, { baseVersion: 1, text: "Second rewrite." }));

    expectOk(await accept(author.actor, a.suggestionId, { currentVersionSeen: 1 }));
    const conflict = await accept(author.actor, b.suggestionId, { currentVersionSeen: 2 });
    expect(conflict).toMatchObject({
      ok: false,
      reason: "conflict",
      conflict: { currentVersion: 2, currentText: "First rewrite." },
    });
    expect(await prisma.statementVersion.count({ where: { statementId: id } })).toBe(2);

    const listed = await listSuggestions(author.actor, id);
    const pending = listed?.suggestions.find((s) => s.id === b.suggestionId);
    expect(pending).toMatchObject({ status: "PENDING", outdated: true, baseVersion: 1, baseText: FIRST_TEXT });
    // Pending ones are listed before decided ones.
    expect(listed?.suggestions[0]?.id).toBe(b.suggestionId);
  });

  it("refuses a suggestion written against an outdated version, returning the current text", async () => {
    const author = await createTestMember();
    const member = await createTestMember();
    const other = await createTestMember();
    const id = await openStatement(author);
    const a = expectOk(await suggest(other.actor, id, { baseVersion: 1, text: "Version two." }));
    expectOk(await accept(author.actor, a.suggestionId, { currentVersionSeen: 1 }));

    const late = await suggest(member.actor, id, { baseVersion: 1, text: "My late idea." });
    expect(late).toMatchObject({ ok: false, reason: "conflict", conflict: { currentVersion: 2, currentText: "Version two." } });
    expect(await prisma.statementSuggestion.count({ where: { statementId: id, authorId: member.userId } })).toBe(0);
    // Rebased on version 2, it is taken.
    expectOk(await suggest(member.actor, id, { baseVersion: 2, text: "My late idea." }));
  });

  it("refuses the current text as a suggestion, and keeps one suggestion when it is submitted twice", async () => {
    const author = await createTestMember();
    const member = await createTestMember();
    const id = await openStatement(author);
    const same = await suggest(member.actor, id, { baseVersion: 1, text: `  ${FIRST_TEXT}\n` });
    expect(same).toMatchObject({ ok: false, reason: "invalid", fieldErrors: { text: ["This is the current text"] } });

    const once = expectOk(await suggest(member.actor, id, { baseVersion: 1, text: "Twice the same." }));
    const twice = expectOk(await suggest(member.actor, id, { baseVersion: 1, text: "Twice the same." }));
    expect(twice).toEqual({ suggestionId: once.suggestionId, created: false });
  });

  it("lets a member withdraw only their own pending suggestion", async () => {
    const author = await createTestMember();
    const member = await createTestMember();
    const id = await openStatement(author);
    const { suggestionId } = expectOk(await suggest(member.actor, id, { baseVersion: 1, text: "Withdraw me." }));
    expect(await withdraw(author.actor, suggestionId)).toMatchObject({ ok: false, reason: "not-found" });
    expectOk(await withdraw(member.actor, suggestionId));
    expectOk(await withdraw(member.actor, suggestionId));
    expect(await accept(author.actor, suggestionId, { currentVersionSeen: 1 })).toMatchObject({ ok: false, reason: "conflict" });
  });
});

describe("declining", () => {
  it("needs a reason, and tells the suggester why", async () => {
    const author = await createTestMember();
    const member = await createTestMember();
    const id = await openStatement(author);
    const { suggestionId } = expectOk(await suggest(member.actor, id, { baseVersion: 1, text: "Not this one." }));

    const noReason = await decline(author.actor, suggestionId, { reason: "   " });
    expect(noReason).toMatchObject({ ok: false, reason: "invalid", fieldErrors: { reason: [expect.any(String)] } });

    expectOk(await decline(author.actor, suggestionId, { reason: "It narrows our scope too much." }));
    expect(expectOk(await decline(author.actor, suggestionId, { reason: "Again" }))).toMatchObject({ alreadyDeclined: true });
    const row = await prisma.statementSuggestion.findUniqueOrThrow({
      where: { id: suggestionId },
      select: { status: true, declineReason: true, decidedById: true },
    });
    expect(row).toEqual({ status: "DECLINED", declineReason: "It narrows our scope too much.", decidedById: author.userId });
    const notifications = await prisma.notification.findMany({
      where: { userId: member.userId, statementId: id },
      select: { data: true },
    });
    expect(notifications).toEqual([
      { data: expect.objectContaining({ decision: "DECLINED", reason: "It narrows our scope too much." }) },
    ]);
    expect(await accept(author.actor, suggestionId, { currentVersionSeen: 1 })).toMatchObject({ ok: false, reason: "conflict" });
  });
});

describe("who may suggest and decide", () => {
  it("hides an association statement from non-members (404) and lets its members suggest", async () => {
    const owner = await createTestMember();
    const member = await createTestMember();
    const outsider = await createTestMember();
    const id = await openStatement(owner, { associationId: await association(owner, [member]) });

    expect(await suggest(outsider.actor, id, { baseVersion: 1, text: "Let me in." })).toMatchObject({
      ok: false,
      reason: "not-found",
    });
    expect(await listSuggestions(outsider.actor, id)).toBeNull();
    expect(await listVersions(outsider.actor, id)).toBeNull();
    expect(await getVersion(outsider.actor, id, 1)).toBeNull();
    expectOk(await suggest(member.actor, id, { baseVersion: 1, text: "A member's revision." }));
  });

  it("does not let the author suggest (they edit directly), nor an ordinary member decide", async () => {
    const author = await createTestMember();
    const member = await createTestMember();
    const bystander = await createTestMember();
    const id = await openStatement(author);
    expect(await suggest(author.actor, id, { baseVersion: 1, text: "My own." })).toMatchObject({ ok: false, reason: "forbidden" });
    const { suggestionId } = expectOk(await suggest(member.actor, id, { baseVersion: 1, text: "Decide me." }));
    expect(await accept(bystander.actor, suggestionId, { currentVersionSeen: 1 })).toMatchObject({ ok: false, reason: "forbidden" });
    expect(await decline(bystander.actor, suggestionId, { reason: "No" })).toMatchObject({ ok: false, reason: "forbidden" });
  });

  it("lets the association's owner and a site administrator decide", async () => {
    const author = await createTestMember();
    const owner = await createTestMember();
    const admin = await createTestMember({ role: "ADMIN" });
    const member = await createTestMember();
    const id = await openStatement(author, { associationId: await association(owner, [author, member]) });
    const a = expectOk(await suggest(member.actor, id, { baseVersion: 1, text: "Owner accepts." }));
    expectOk(await accept(owner.actor, a.suggestionId, { currentVersionSeen: 1 }));
    const b = expectOk(await suggest(member.actor, id, { baseVersion: 2, text: "Admin declines." }));
    expectOk(await decline(admin.actor, b.suggestionId, { reason: "Out of scope." }));
  });

  it("freezes an adopted statement: no suggestions, and the author cannot accept pending ones", async () => {
    const author = await createTestMember();
    const member = await createTestMember();
    const id = await openStatement(author);
    const { suggestionId } = expectOk(await suggest(member.actor, id, { baseVersion: 1, text: "Too late." }));
    await prisma.statement.update({ where: { id }, data: { status: "ADOPTED", adoptedVersion: 1 } });

    expect(await suggest(member.actor, id, { baseVersion: 1, text: "Still trying." })).toMatchObject({
      ok: false,
      reason: "forbidden",
    });
    expect(await accept(author.actor, suggestionId, { currentVersionSeen: 1 })).toMatchObject({ ok: false, reason: "forbidden" });
    const statement = await prisma.statement.findUniqueOrThrow({ where: { id }, select: { currentVersion: true } });
    expect(statement.currentVersion).toBe(1);
    expect(await prisma.statementVersion.count({ where: { statementId: id } })).toBe(1);
  });

  it("shows no draft to other members", async () => {
    const author = await createTestMember();
    const member = await createTestMember();
    const id = await openStatement(author, { status: "DRAFT" });
    expect(await suggest(member.actor, id, { baseVersion: 1, text: "Peek." })).toMatchObject({ ok: false, reason: "not-found" });
    expect(await listVersions(member.actor, id)).toBeNull();
  });
});

describe("listVersions", () => {
  it("pages through a long history, newest first, with each page's signature counts", async () => {
    const author = await createTestMember();
    const signer = await createTestMember();
    const id = await openStatement(author);
    await prisma.statementVersion.createMany({
      data: Array.from({ length: 119 }, (_, i) => ({ statementId: id, number: i + 2, text: `Text ${i + 2}`, textHtml: `<p>Text ${i + 2}</p>`, writtenById: author.userId })),
    });
    await prisma.statement.update({ where: { id }, data: { currentVersion: 120 } });
    await prisma.statementEndorsement.createMany({
      data: [
        { statementId: id, version: 5, userId: signer.userId },
        { statementId: id, version: 5, userId: author.userId },
        { statementId: id, version: 100, userId: signer.userId },
      ],
    });

    const first = (await listVersions(author.actor, id))!;
    expect(first.versions.map((v) => v.number)).toEqual(Array.from({ length: 50 }, (_, i) => 120 - i));
    expect(first.versions.find((v) => v.number === 100)?.endorsementCount).toBe(1);
    expect(first).toMatchObject({ newerBefore: null, olderBefore: 71 });

    const second = (await listVersions(author.actor, id, { before: 71 }))!;
    expect(second.versions.map((v) => v.number)).toEqual(Array.from({ length: 50 }, (_, i) => 70 - i));
    expect(second).toMatchObject({ newerBefore: 121, olderBefore: 21 });

    const last = (await listVersions(author.actor, id, { before: 21 }))!;
    expect(last.versions.map((v) => v.number)).toEqual(Array.from({ length: 20 }, (_, i) => 20 - i));
    expect(last.versions.find((v) => v.number === 5)?.endorsementCount).toBe(2);
    expect(last).toMatchObject({ newerBefore: 71, olderBefore: null });

    // A cursor past the newest version is the first page.
    expect((await listVersions(author.actor, id, { before: 999 }))!.versions[0]?.number).toBe(120);
  });
});
