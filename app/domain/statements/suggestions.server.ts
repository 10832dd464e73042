/**
 * Co-creation of a statement's text: members in scope suggest revisions of
 * an OPEN statement; the writers and the scope's moderators accept them (a
 * new numbered version crediting the suggester and the decider) or decline
 * them with a reason. Also the read side of the history: suggestions, the
 * list of versions and one version with its contributors and signatories.
 *
 * Every suggestion names the version it was written against. One based on a
 * version that is no longer current is refused when suggested, and cannot be
 * accepted (the conflict result carries the current text so the member can
 * rebase); it stays pending, shown as outdated.
 */
import type { Actor, MemberActor } from "~/domain/members/actor";
import { prisma } from "~/utils/db.server";
import { writeNotifications } from "~/utils/notify.server";
import { getStatementAccess, type StatementAccess } from "./access.server";
import { listSignatories } from "./statements.server";
import { SUGGESTION_DECLINE_REASON_MAX, SUGGESTION_NOTE_MAX } from "./schemas";
import { afterNewVersion, recordNewVersion } from "./versions.server";
import { fail, type Failure } from "~/utils/result";

/** Decided suggestions shown under the pending ones, newest first. */
export const DECIDED_SUGGESTIONS_SHOWN = 50;
/** A guard on pending suggestions listed at once (oldest first). */
export const PENDING_SUGGESTIONS_SHOWN = 100;

export type Conflict = { currentVersion: number; currentText: string };

/** A refusal; a conflict with the current text carries that text (409). */
export type SuggestionFailure = Failure & { conflict?: Conflict };
export type SuggestionResult<T> = { ok: true; value: T } | SuggestionFailure;

const NOT_FOUND = fail("not-found", "We couldn't find that statement.");
const SUGGESTION_NOT_FOUND = fail("not-found", "We couldn't find that suggestion.");
const conflictWith = (message: string, conflict: Conflict): SuggestionFailure => ({ ...fail("conflict", message), conflict });

const person = { select: { profile: { select: { displayName: true, handle: true } } } } as const;
type PersonRow = { profile: { displayName: string; handle: string } | null } | null;
export type PersonView = { displayName: string; handle: string } | null;
const personView = (row: PersonRow): PersonView =>
  row?.profile ? { displayName: row.profile.displayName, handle: row.profile.handle } : null;

async function currentText(statementId: string, currentVersion: number): Promise<string> {
  const version = await prisma.statementVersion.findUnique({
    where: { statementId_number: { statementId, number: currentVersion } },
    select: { text: true },
  });
  return version?.text ?? "";
}

/** Normalised for "is this the same text?": line endings and outer whitespace do not count. */
const sameText = (a: string, b: string) => a.replace(/\r\n?/g, "\n").trim() === b.replace(/\r\n?/g, "\n").trim();

// ─── Suggest and withdraw ──────────────────────────────────────────────────

/**
 * Suggests a revision. Members in scope while the statement is OPEN, except
 * its writers (they edit directly). A base that is no longer current is a
 * conflict (409) with the current text; the same text as the current
 * version is a field error. Submitting the same suggestion twice keeps one.
 */
export async function suggest(
  actor: MemberActor,
  statementId: string,
  input: { baseVersion: number; text: string; note?: string },
): Promise<SuggestionResult<{ suggestionId: string; created: boolean }>> {
  const access = await getStatementAccess(actor, statementId);
  if (!access) return NOT_FOUND;
  if (!access.can.suggest) {
    return fail(
      "forbidden",
      access.statement.status === "OPEN"
        ? "You can't suggest revisions of this statement."
        : "This statement is not open for suggestions.",
    );
  }
  const text = input.text.replace(/\r\n?/g, "\n").trim();
  const note = (input.note ?? "").trim().slice(0, SUGGESTION_NOTE_MAX);
  const { currentVersion } = access.statement;
  const current = await currentText(statementId, currentVersion);
  if (input.baseVersion !== currentVersion) {
    return conflictWith(`The statement changed while you were writing: it is now at version ${currentVersion}.`, {
      currentVersion,
      currentText: current,
    });
  }
  if (sameText(text, current)) {
    return fail("invalid", "Change the text before suggesting it.", { fieldErrors: { text: ["This is the current text"] } });
  }
  // A double submit: the same pending suggestion from the same member stays one.
  // Uses the (statementId, status, createdAt) index.
  const existing = await prisma.statementSuggestion.findFirst({
    where: { statementId, status: "PENDING", authorId: actor.userId, baseVersion: input.baseVersion, text },
    select: { id: true },
  });
  if (existing) return { ok: true, value: { suggestionId: existing.id, created: false } };
  const { authorId, coauthorIds, title } = access.statement;
  // The statement's writers hear of it (never the suggester), with the suggestion, or neither is written.
  const writers = [authorId, ...coauthorIds].filter((id): id is string => id !== null && id !== actor.userId);
  const created = await prisma.$transaction(async (tx) => {
    const row = await tx.statementSuggestion.create({
      data: { statementId, authorId: actor.userId, baseVersion: input.baseVersion, text, note },
      select: { id: true },
    });
    await writeNotifications(
      writers.map((userId) => ({
        userId,
        kind: "STATEMENT_SUGGESTION_MADE" as const,
        actorId: actor.userId,
        statementId,
        data: { statementTitle: title },
      })),
      tx,
    );
    return row;
  });
  return { ok: true, value: { suggestionId: created.id, created: true } };
}

/**
 * What the suggestion form starts from: the current text, or, when the
 * member brings their own outdated pending suggestion up to date
 * (`rebaseId`), that suggestion's text and note.
 */
export async function getSuggestFormData(
  actor: MemberActor | Actor,
  statement: { id: string; currentVersion: number },
  rebaseId: string | null,
) {
  const [current, rebasing] = await Promise.all([
    currentText(statement.id, statement.currentVersion),
    rebaseId && actor.kind === "member"
      ? prisma.statementSuggestion.findFirst({
          where: { id: rebaseId, statementId: statement.id, authorId: actor.userId, status: "PENDING" },
          select: { id: true, text: true, note: true, baseVersion: true },
        })
      : null,
  ]);
  return { currentText: current, rebasing };
}

/** The member withdraws their own pending suggestion. Withdrawing twice changes nothing. */
export async function withdraw(
  actor: MemberActor,
  suggestionId: string,
): Promise<SuggestionResult<{ statementId: string }>> {
  const suggestion = await prisma.statementSuggestion.findUnique({
    where: { id: suggestionId },
    select: { statementId: true, authorId: true, status: true },
  });
  if (!suggestion || suggestion.authorId !== actor.userId) return SUGGESTION_NOT_FOUND;
  if (!(await getStatementAccess(actor, suggestion.statementId))) return SUGGESTION_NOT_FOUND;
  if (suggestion.status === "WITHDRAWN") return { ok: true, value: { statementId: suggestion.statementId } };
  const { count } = await prisma.statementSuggestion.updateMany({
    where: { id: suggestionId, authorId: actor.userId, status: "PENDING" },
    data: { status: "WITHDRAWN" },
  });
  if (count === 0) return fail("conflict", "This suggestion was already decided, so it can no longer be withdrawn.");
  return { ok: true, value: { statementId: suggestion.statementId } };
}

// ─── Decide ────────────────────────────────────────────────────────────────

async function loadForDecision(actor: Actor, suggestionId: string) {
  const suggestion = await prisma.statementSuggestion.findUnique({
    where: { id: suggestionId },
    select: {
      id: true,
      statementId: true,
      authorId: true,
      baseVersion: true,
      text: true,
      note: true,
      status: true,
      resultVersion: true,
    },
  });
  if (!suggestion) return SUGGESTION_NOT_FOUND;
  const access = await getStatementAccess(actor, suggestion.statementId);
  if (!access) return SUGGESTION_NOT_FOUND;
  return { ok: true as const, suggestion, access };
}

const DECIDED_ALREADY: Record<string, string> = {
  ACCEPTED: "This suggestion was already accepted.",
  DECLINED: "This suggestion was already declined.",
  WITHDRAWN: "Its author withdrew this suggestion.",
};

/** Thrown inside the transaction to roll back the claim when the text moved on. */
class VersionConflict extends Error {
  constructor(readonly conflict: Conflict) {
    super("version conflict");
  }
}

/**
 * Accepts a pending suggestion: in one transaction it is marked accepted and
 * becomes version n + 1, written by the suggester and accepted by the
 * decider. Refused with a conflict when its base (or the version the decider
 * looked at, `currentVersionSeen`) is no longer current. Accepting twice
 * changes nothing. After commit: the suggester is notified, and earlier
 * signatories are asked to re-confirm.
 */
export async function accept(
  actor: MemberActor,
  suggestionId: string,
  input: { currentVersionSeen: number },
): Promise<SuggestionResult<{ statementId: string; version: number; alreadyAccepted: boolean }>> {
  const loaded = await loadForDecision(actor, suggestionId);
  if (!loaded.ok) return loaded;
  const { suggestion, access } = loaded;
  const { statement } = access;
  if (!access.can.decideSuggestions) return cannotDecide(access);
  if (suggestion.status === "ACCEPTED" && suggestion.resultVersion !== null) {
    return { ok: true, value: { statementId: statement.id, version: suggestion.resultVersion, alreadyAccepted: true } };
  }
  if (suggestion.status !== "PENDING") return fail("conflict", DECIDED_ALREADY[suggestion.status]!);

  const outdated = suggestion.baseVersion !== statement.currentVersion;
  if (outdated || input.currentVersionSeen !== statement.currentVersion) {
    return conflictWith(
      outdated
        ? `This suggestion is based on version ${suggestion.baseVersion}, but the statement is now at version ${statement.currentVersion}. It needs rebasing on the current text before it can be accepted.`
        : `The statement changed while you were reviewing: it is now at version ${statement.currentVersion}. Review the suggestion again.`,
      { currentVersion: statement.currentVersion, currentText: await currentText(statement.id, statement.currentVersion) },
    );
  }

  let outcome: { version: number } | { raced: true };
  try {
    outcome = await prisma.$transaction(async (tx) => {
      const claimed = await tx.statementSuggestion.updateMany({
        where: { id: suggestion.id, status: "PENDING" },
        data: { status: "ACCEPTED", decidedById: actor.userId, decidedAt: new Date() },
      });
      if (claimed.count === 0) return { raced: true as const };
      const saved = await recordNewVersion(tx, {
        statementId: statement.id,
        baseVersion: suggestion.baseVersion,
        text: suggestion.text,
        writtenById: suggestion.authorId,
        acceptedById: actor.userId,
        note: suggestion.note,
      });
      if (!saved.ok) throw new VersionConflict(saved.conflict);
      await tx.statementSuggestion.update({ where: { id: suggestion.id }, data: { resultVersion: saved.version } });
      return { version: saved.version };
    });
  } catch (error) {
    if (error instanceof VersionConflict) {
      return conflictWith(
        `Someone changed the statement a moment ago: it is now at version ${error.conflict.currentVersion}. This suggestion needs rebasing before it can be accepted.`,
        error.conflict,
      );
    }
    throw error;
  }
  if ("raced" in outcome) {
    // Someone decided it a moment ago: report what they decided.
    const now = await prisma.statementSuggestion.findUnique({
      where: { id: suggestion.id },
      select: { status: true, resultVersion: true },
    });
    if (now?.status === "ACCEPTED" && now.resultVersion !== null) {
      return { ok: true, value: { statementId: statement.id, version: now.resultVersion, alreadyAccepted: true } };
    }
    return fail("conflict", DECIDED_ALREADY[now?.status ?? "WITHDRAWN"] ?? "This suggestion was already decided.");
  }

  await notifySuggester(actor, suggestion.authorId, statement, { decision: "ACCEPTED", version: outcome.version });
  await afterNewVersion(statement.id, outcome.version);
  return { ok: true, value: { statementId: statement.id, version: outcome.version, alreadyAccepted: false } };
}

/** Declines a pending suggestion with a reason the suggester is told. Declining twice changes nothing. */
export async function decline(
  actor: MemberActor,
  suggestionId: string,
  input: { reason: string },
): Promise<SuggestionResult<{ statementId: string; alreadyDeclined: boolean }>> {
  const loaded = await loadForDecision(actor, suggestionId);
  if (!loaded.ok) return loaded;
  const { suggestion, access } = loaded;
  const { statement } = access;
  if (!access.can.decideSuggestions) return cannotDecide(access);
  if (suggestion.status === "DECLINED") return { ok: true, value: { statementId: statement.id, alreadyDeclined: true } };
  const reason = input.reason.trim();
  if (!reason) {
    return fail("invalid", "Say why you decline it.", { fieldErrors: { reason: ["Say why you decline this suggestion"] } });
  }
  if (reason.length > SUGGESTION_DECLINE_REASON_MAX) {
    return fail("invalid", "The reason is too long.", {
      fieldErrors: { reason: [`Keep the reason under ${SUGGESTION_DECLINE_REASON_MAX} characters`] },
    });
  }
  if (suggestion.status !== "PENDING") return fail("conflict", DECIDED_ALREADY[suggestion.status]!);
  const { count } = await prisma.statementSuggestion.updateMany({
    where: { id: suggestion.id, status: "PENDING" },
    data: { status: "DECLINED", declineReason: reason, decidedById: actor.userId, decidedAt: new Date() },
  });
  if (count === 0) {
    const now = await prisma.statementSuggestion.findUnique({ where: { id: suggestion.id }, select: { status: true } });
    if (now?.status === "DECLINED") return { ok: true, value: { statementId: statement.id, alreadyDeclined: true } };
    return fail("conflict", DECIDED_ALREADY[now?.status ?? "WITHDRAWN"] ?? "This suggestion was already decided.");
  }
  await notifySuggester(actor, suggestion.authorId, statement, { decision: "DECLINED", reason });
  return { ok: true, value: { statementId: statement.id, alreadyDeclined: false } };
}

function cannotDecide(access: StatementAccess): SuggestionFailure {
  return fail(
    "forbidden",
    access.statement.status === "OPEN"
      ? "Only the statement's authors and moderators can accept or decline suggestions."
      : "This statement is no longer open, so its suggestions can't be decided.",
  );
}

/** After commit; never fails the decision that was already saved. */
async function notifySuggester(
  actor: MemberActor,
  suggesterId: string | null,
  statement: StatementAccess["statement"],
  decision: { decision: "ACCEPTED"; version: number } | { decision: "DECLINED"; reason: string },
) {
  if (!suggesterId || suggesterId === actor.userId) return;
  try {
    await prisma.notification.create({
      data: {
        userId: suggesterId,
        kind: "STATEMENT_SUGGESTION_DECIDED",
        actorId: actor.userId,
        statementId: statement.id,
        data: { statementTitle: statement.title, ...decision },
      },
    });
  } catch (error) {
    console.warn("Could not notify the suggester after the decision was saved", error);
  }
}

// ─── Reading ───────────────────────────────────────────────────────────────

export type SuggestionView = {
  id: string;
  status: "PENDING" | "ACCEPTED" | "DECLINED" | "WITHDRAWN";
  author: PersonView;
  isOwn: boolean;
  note: string;
  text: string;
  baseVersion: number;
  /** The text of the base version (to diff against). */
  baseText: string;
  /** Pending, but based on a version that is no longer current. */
  outdated: boolean;
  createdAt: string;
  decidedBy: PersonView;
  decidedAt: string | null;
  declineReason: string | null;
  resultVersion: number | null;
};

const suggestionSelect = {
  id: true,
  status: true,
  authorId: true,
  note: true,
  text: true,
  baseVersion: true,
  createdAt: true,
  decidedAt: true,
  declineReason: true,
  resultVersion: true,
  author: person,
  decidedBy: person,
} as const;

/**
 * A statement's suggestions for someone who can see it: pending first
 * (oldest first), then the latest decided ones; each with its base text.
 * Null when the actor can't see the statement.
 */
export async function listSuggestions(actor: Actor, statementId: string) {
  const access = await getStatementAccess(actor, statementId);
  if (!access) return null;
  const { statement } = access;
  // Both use the (statementId, status, createdAt) index.
  const [pending, decided] = await Promise.all([
    prisma.statementSuggestion.findMany({
      where: { statementId, status: "PENDING" },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      take: PENDING_SUGGESTIONS_SHOWN,
      select: suggestionSelect,
    }),
    prisma.statementSuggestion.findMany({
      where: { statementId, status: { in: ["ACCEPTED", "DECLINED", "WITHDRAWN"] } },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: DECIDED_SUGGESTIONS_SHOWN,
      select: suggestionSelect,
    }),
  ]);
  const rows = [...pending, ...decided];
  const baseNumbers = [...new Set([...rows.map((row) => row.baseVersion), statement.currentVersion])];
  const bases = await prisma.statementVersion.findMany({
    where: { statementId, number: { in: baseNumbers } },
    select: { number: true, text: true },
  });
  const textOf = new Map(bases.map((version) => [version.number, version.text]));
  const userId = actor.kind === "member" ? actor.userId : null;
  const suggestions: SuggestionView[] = rows.map((row) => ({
    id: row.id,
    status: row.status,
    author: personView(row.author),
    isOwn: userId !== null && row.authorId === userId,
    note: row.note,
    text: row.text,
    baseVersion: row.baseVersion,
    baseText: textOf.get(row.baseVersion) ?? "",
    outdated: row.status === "PENDING" && row.baseVersion !== statement.currentVersion,
    createdAt: row.createdAt.toISOString(),
    decidedBy: personView(row.decidedBy),
    decidedAt: row.decidedAt?.toISOString() ?? null,
    declineReason: row.declineReason,
    resultVersion: row.resultVersion,
  }));
  return {
    statement,
    can: access.can,
    currentText: textOf.get(statement.currentVersion) ?? "",
    suggestions,
    pendingCount: pending.length,
  };
}

/** Versions on one page of the list. */
export const VERSIONS_PAGE = 50;

/**
 * A page of a statement's versions, newest first, with who wrote and accepted
 * each and its endorsement count: those numbered below
 * `before` (the first page when absent). Versions are numbered 1, 2, 3… with
 * no gaps, so a page is a range of numbers and its signature counts are read
 * at the same time.
 */
export async function listVersions(actor: Actor, statementId: string, { before }: { before?: number } = {}) {
  const access = await getStatementAccess(actor, statementId);
  if (!access) return null;
  const newest = access.statement.currentVersion;
  const top = before === undefined ? newest : Math.min(before - 1, newest);
  const range = { lte: top, gt: top - VERSIONS_PAGE };
  const [versions, endorsements] = await Promise.all([
    prisma.statementVersion.findMany({
      // Uses the (statementId, number) key.
      where: { statementId, number: range },
      orderBy: { number: "desc" },
      select: { number: true, note: true, createdAt: true, writtenBy: person, acceptedBy: person },
    }),
    // Uses the (statementId, version, createdAt) index.
    prisma.statementEndorsement.groupBy({ by: ["version"], where: { statementId, version: range }, _count: { _all: true } }),
  ]);
  const countOf = new Map(endorsements.map((row) => [row.version, row._count._all]));
  return {
    statement: access.statement,
    versions: versions.map((version) => ({
      number: version.number,
      note: version.note,
      createdAt: version.createdAt.toISOString(),
      writtenBy: personView(version.writtenBy),
      acceptedBy: personView(version.acceptedBy),
      endorsementCount: countOf.get(version.number) ?? 0,
    })),
    /** The cursors of the pages around this one: null at either end. */
    newerBefore: top < newest ? Math.min(top + VERSIONS_PAGE, newest) + 1 : null,
    olderBefore: top - VERSIONS_PAGE >= 1 ? top - VERSIONS_PAGE + 1 : null,
  };
}

/**
 * One version: its text, the previous version's text (for the diff), who
 * wrote and accepted it, and who signed it. Null when the actor can't see
 * the statement or there is no such version.
 */
export async function getVersion(actor: Actor, statementId: string, number: number) {
  const access = await getStatementAccess(actor, statementId);
  if (!access) return null;
  const versions = await prisma.statementVersion.findMany({
    where: { statementId, number: { in: [number, number - 1] } },
    select: {
      number: true,
      text: true,
      textHtml: true,
      note: true,
      createdAt: true,
      writtenBy: person,
      acceptedBy: person,
    },
  });
  const version = versions.find((v) => v.number === number);
  if (!version) return null;
  const previous = versions.find((v) => v.number === number - 1) ?? null;
  // The same list as the statement page: professional details only where the signatory's profile lets the viewer see them.
  const signatories = await listSignatories(actor, statementId, number);
  return {
    statement: access.statement,
    version: {
      number: version.number,
      text: version.text,
      textHtml: version.textHtml,
      note: version.note,
      createdAt: version.createdAt.toISOString(),
      writtenBy: personView(version.writtenBy),
      acceptedBy: personView(version.acceptedBy),
    },
    previous: previous ? { number: previous.number, text: previous.text } : null,
    signatories: signatories?.items ?? [],
    signatoryCount: signatories?.total ?? 0,
  };
}
