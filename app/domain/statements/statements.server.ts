/**
 * Shared identity statements: proposing, editing the text (optimistic
 * concurrency, ./versions.server.ts), co-authors, the lifecycle
 * (DRAFT → OPEN → ADOPTED → ARCHIVED, every transition recorded), signals
 * and the consensus picture, endorsements (with automatic adoption at the
 * threshold), signatories, featuring on a profile, and the lists.
 *
 * Every mutation: authorise with ./policy (via getStatementAccess) →
 * validate → one transaction → side effects (notifications) after commit.
 * Operations return `ok(value)` or `fail(reason, message)` (app/utils/result.ts).
 */
import type { Prisma } from "~/generated/prisma/client";
import { currentAreas } from "~/domain/competencies/frameworks.server";
import { notifyAboutNewThread } from "~/domain/discussions/alerts.server";
import { threadSlug } from "~/domain/discussions/schemas";
import { visiblePostsWhere, visibleThreadsWhere } from "~/domain/discussions/policy";
import type { Actor, MemberActor } from "~/domain/members/actor";
import { canViewSection, listedProfileWhere } from "~/domain/members/policy";
import { nameOrHandleWhere } from "~/domain/members/profiles.server";
import { afterCommit, prisma } from "~/utils/db.server";
import { writeNotifications } from "~/utils/notify.server";
import { renderMarkdown } from "~/utils/markdown.server";
import { cursorDate, cursorString, decodeCursor, encodeCursor } from "~/utils/cursor";
import { getStatementAccess, type StatementAccess } from "./access.server";
import { canAdoptUnsigned, visibleStatementsWhere, type StatementStatusName } from "./policy";
import {
  COAUTHOR_MATCHES_SHOWN,
  COAUTHOR_QUERY_MIN,
  COMMUNITY_SCOPE,
  CONSENSUS_MIN_SIGNALS,
  STATEMENTS_PER_PAGE,
  type DetailsInput,
  type EditTextInput,
  type ProposeInput,
  type SignalKindName,
} from "./schemas";
import { afterNewVersion, recordNewVersion } from "./versions.server";
import { fail, failFields, ok, type Failure, type Result } from "~/utils/result";

const NOT_FOUND = "That statement does not exist, or you cannot see it.";

/** Loads and authorises: 404 when the actor cannot see it, 403 when the capability is missing. */
async function authorize(
  actor: Actor,
  statementId: string,
  capability: keyof StatementAccess["can"],
  message: string,
): Promise<{ ok: true; access: StatementAccess } | Failure> {
  const access = await getStatementAccess(actor, statementId);
  if (!access) return fail("not-found", NOT_FOUND);
  if (!access.can[capability]) return fail("forbidden", message);
  return { ok: true, access };
}

async function checkAreas(areaSlugs: string[]): Promise<Failure | null> {
  if (areaSlugs.length === 0) return null;
  const known = new Set((await currentAreas()).map((area) => area.slug));
  if (areaSlugs.some((slug) => !known.has(slug))) {
    return fail("invalid", "Choose competency areas from the list", { fieldErrors: { areaSlugs: ["Choose competency areas from the list"] } });
  }
  return null;
}

// ─── Proposing ──────────────────────────────────────────────────────────────

/** The scopes a member may propose in: the community and the associations they belong to. */
export async function proposalScopes(actor: MemberActor): Promise<{ value: string; label: string }[]> {
  // AssociationMembership(userId) index.
  const memberships = await prisma.associationMembership.findMany({
    where: { userId: actor.userId },
    select: { association: { select: { slug: true, name: true } } },
    orderBy: { association: { name: "asc" } },
  });
  return [
    { value: COMMUNITY_SCOPE, label: "Community-wide" },
    ...memberships.map((m) => ({ value: m.association.slug, label: m.association.name })),
  ];
}

/** A new DRAFT with its version 1 and its first transition, in one transaction. */
export async function createStatement(actor: MemberActor, input: ProposeInput): Promise<Result<{ id: string }>> {
  let associationId: string | null = null;
  if (input.scope !== COMMUNITY_SCOPE) {
    const association = await prisma.association.findUnique({
      where: { slug: input.scope },
      select: { id: true, memberships: { where: { userId: actor.userId }, select: { role: true } } },
    });
    if (!association || association.memberships.length === 0) {
      return fail("invalid", "Choose the community or an association you belong to", {
        fieldErrors: { scope: ["Choose the community or an association you belong to"] },
      });
    }
    associationId = association.id;
  }
  const badAreas = await checkAreas(input.areaSlugs);
  if (badAreas) return badAreas;

  const statement = await prisma.$transaction(async (tx) => {
    const created = await tx.statement.create({
      data: {
        associationId,
        authorId: actor.userId,
        title: input.title,
        rationale: input.rationale,
        rationaleHtml: input.rationale ? renderMarkdown(input.rationale) : "",
        areaSlugs: [...new Set(input.areaSlugs)],
        endorsementThreshold: input.endorsementThreshold ?? null,
        currentVersion: 1,
        versions: {
          create: { number: 1, text: input.text, textHtml: renderMarkdown(input.text), writtenById: actor.userId },
        },
      },
      select: { id: true },
    });
    await tx.statementTransition.create({
      data: { statementId: created.id, fromStatus: null, toStatus: "DRAFT", actorId: actor.userId },
    });
    return created;
  });
  return ok(statement);
}

// ─── Editing ────────────────────────────────────────────────────────────────

export type EditTextResult =
  | { ok: true; version: number }
  | (Failure & { reason: "conflict"; conflict: { currentVersion: number; currentText: string } })
  | Failure;

/** A new version from the author or a co-author; 409 with the current text when the base is outdated. */
export async function editText(actor: MemberActor, statementId: string, input: EditTextInput): Promise<EditTextResult> {
  const found = await authorize(actor, statementId, "editText", "Only the authors can change the text, and only before it is adopted.");
  if (!found.ok) return found;
  // The same text again is not a new version: it would ask every signatory to re-confirm for nothing.
  const base = await prisma.statementVersion.findUnique({
    where: { statementId_number: { statementId, number: input.baseVersion } },
    select: { text: true },
  });
  if (base && base.text === input.text && input.baseVersion === found.access.statement.currentVersion) {
    return fail("invalid", "This is the current text: change something to save a new version.");
  }
  const result = await prisma.$transaction((tx) =>
    recordNewVersion(tx, {
      statementId,
      baseVersion: input.baseVersion,
      text: input.text,
      writtenById: actor.userId,
      note: input.note,
    }),
  );
  if (!result.ok) {
    return {
      ok: false,
      reason: "conflict",
      message: `Someone saved a newer version (version ${result.conflict.currentVersion}) while you were editing. Your text was not saved; it is still below.`,
      conflict: result.conflict,
    };
  }
  await afterNewVersion(statementId, result.version);
  return { ok: true, version: result.version };
}

/** The details the authors may change (besides the title, which getStatementAccess reads): for the details form. */
export async function getStatementDetails(statementId: string) {
  return prisma.statement.findUnique({
    where: { id: statementId },
    select: { rationale: true, areaSlugs: true, endorsementThreshold: true },
  });
}

/** Title, rationale, areas and threshold (the text goes through editText). */
export async function updateDetails(actor: MemberActor, statementId: string, input: Omit<DetailsInput, "intent">) {
  const found = await authorize(actor, statementId, "editText", "Only the authors can change the details, and only before adoption.");
  if (!found.ok) return found;
  const badAreas = await checkAreas(input.areaSlugs);
  if (badAreas) return badAreas;
  const { count } = await prisma.statement.updateMany({
    where: { id: statementId, status: { in: ["DRAFT", "OPEN"] } },
    data: {
      title: input.title,
      rationale: input.rationale,
      rationaleHtml: input.rationale ? renderMarkdown(input.rationale) : "",
      areaSlugs: [...new Set(input.areaSlugs)],
      endorsementThreshold: input.endorsementThreshold ?? null,
    },
  });
  if (count === 0) return fail("conflict", "The statement was adopted or archived meanwhile.");
  return ok({ id: statementId });
}

export async function addCoauthor(actor: MemberActor, statementId: string, handle: string): Promise<Result<{ userId: string }>> {
  const found = await authorize(actor, statementId, "manageCoauthors", "Only the author can choose co-authors.");
  if (!found.ok) return found;
  const { statement } = found.access;
  const profile = await prisma.profile.findUnique({
    where: { handle },
    select: {
      userId: true,
      user: { select: { memberships: { where: { associationId: statement.associationId ?? "" }, select: { role: true } } } },
    },
  });
  const handleError = (message: string) => fail("invalid", message, { fieldErrors: { handle: [message] } });
  if (!profile) return handleError("No member has that handle");
  if (profile.userId === statement.authorId) return handleError("You are already the author");
  if (statement.associationId && profile.user.memberships.length === 0) {
    return handleError("Co-authors must belong to the association");
  }
  await prisma.$transaction(async (tx) => {
    const added = await tx.statementCoauthor.createMany({
      data: [{ statementId, userId: profile.userId }],
      skipDuplicates: true,
    });
    // Told once, when they become one (adding them again changes nothing).
    if (added.count === 1) {
      await writeNotifications(
        [
          {
            userId: profile.userId,
            kind: "STATEMENT_COAUTHOR_ADDED",
            actorId: actor.userId,
            statementId,
            data: { statementTitle: statement.title },
          },
        ],
        tx,
      );
    }
  });
  return ok({ userId: profile.userId });
}

/**
 * People the author could add as co-authors whose name or handle contains
 * `query` (any case), by name: listed members (as in the directory), never
 * the author or someone already a co-author, and for an association's
 * statement only its members (the rule addCoauthor applies).
 */
export async function findCoauthorCandidates(
  actor: MemberActor,
  statementId: string,
  query: string,
): Promise<Result<{ handle: string; displayName: string }[]>> {
  const found = await authorize(actor, statementId, "manageCoauthors", "Only the author can choose co-authors.");
  if (!found.ok) return found;
  const q = query.trim().replace(/^@/, "").slice(0, 60);
  if (q.length < COAUTHOR_QUERY_MIN) return ok([]);
  const { statement } = found.access;
  const excluded = [statement.authorId, ...statement.coauthorIds].filter((id): id is string => id !== null);
  const people = await prisma.profile.findMany({
    where: {
      AND: [
        listedProfileWhere(actor),
        nameOrHandleWhere(q),
        { userId: { notIn: excluded } },
        statement.associationId ? { user: { memberships: { some: { associationId: statement.associationId } } } } : {},
      ],
    },
    // The (displayName, userId) index.
    orderBy: [{ displayName: "asc" }, { userId: "asc" }],
    take: COAUTHOR_MATCHES_SHOWN,
    select: { handle: true, displayName: true },
  });
  return ok(people);
}

export async function removeCoauthor(actor: MemberActor, statementId: string, userId: string): Promise<Result<{ removed: boolean }>> {
  const found = await authorize(actor, statementId, "manageCoauthors", "Only the author can choose co-authors.");
  if (!found.ok) return found;
  const { count } = await prisma.statementCoauthor.deleteMany({ where: { statementId, userId } });
  return ok({ removed: count > 0 });
}

// ─── Lifecycle ──────────────────────────────────────────────────────────────

/**
 * The category holding statements' comment threads, created on demand (inside
 * the caller's transaction): "Statements" in the community forum (public), and
 * in an association's forum an association-only one — never a category an
 * owner made readable more widely, so members-only statements keep their
 * comments among members.
 */
async function statementsCategory(tx: Prisma.TransactionClient, associationId: string | null) {
  const visibility = associationId ? ("ASSOCIATION" as const) : ("PUBLIC" as const);
  const forum = await tx.forum.findFirst({
    where: associationId ? { associationId } : { associationId: null, slug: "community" },
    select: { id: true, categories: { where: { slug: { startsWith: "statements" } }, select: { id: true, slug: true, visibility: true } } },
  });
  if (!forum) return null;
  const existing = forum.categories.find((category) => category.visibility === visibility);
  if (existing) return { forumId: forum.id, id: existing.id, visibility: existing.visibility };
  const taken = new Set(forum.categories.map((category) => category.slug));
  let slug = "statements";
  for (let n = 2; taken.has(slug); n++) slug = `statements-${n}`;
  const last = await tx.category.findFirst({
    where: { forumId: forum.id },
    orderBy: { position: "desc" },
    select: { position: true },
  });
  // Two statements opening at once in the same forum: the second finds the first's row.
  await tx.category.createMany({
    data: [
      {
        forumId: forum.id,
        slug,
        name: "Statements",
        description: "Comments on shared identity statements, one thread per statement.",
        position: (last?.position ?? 0) + 1,
        visibility,
      },
    ],
    skipDuplicates: true,
  });
  const category = await tx.category.findUniqueOrThrow({
    where: { forumId_slug: { forumId: forum.id, slug } },
    select: { id: true, visibility: true },
  });
  return { forumId: forum.id, ...category };
}

/** DRAFT → OPEN, with its comments thread in the forum of its scope. */
export async function openStatement(actor: MemberActor, statementId: string): Promise<Result<{ threadId: string | null }>> {
  const found = await authorize(actor, statementId, "open", "Only the author can open a draft for revisions and endorsements.");
  if (!found.ok) return found;
  const { statement } = found.access;
  const now = new Date();
  const threadId = await prisma.$transaction(async (tx) => {
    const moved = await tx.statement.updateMany({
      where: { id: statementId, status: "DRAFT" },
      data: { status: "OPEN", openedAt: now },
    });
    if (moved.count === 0) return undefined;
    await tx.statementTransition.create({
      data: { statementId, fromStatus: "DRAFT", toStatus: "OPEN", actorId: actor.userId, createdAt: now },
    });
    if (statement.threadId) return statement.threadId;
    const category = await statementsCategory(tx, statement.associationId);
    if (!category) return null;
    const title = `Statement: ${statement.title}`;
    const body = `Comments on the statement [“${statement.title}”](/statements/${statementId}). Read it, signal where you stand and suggest revisions there; talk it over here.`;
    const thread = await tx.thread.create({
      data: {
        forumId: category.forumId,
        categoryId: category.id,
        associationId: statement.associationId,
        visibility: category.visibility,
        authorId: statement.authorId,
        title,
        slug: threadSlug(title),
        lastPostNumber: 1,
        lastPostAt: now,
        lastPosterId: statement.authorId,
        createdAt: now,
        posts: { create: { number: 1, authorId: statement.authorId, body, bodyHtml: renderMarkdown(body), createdAt: now } },
        ...(statement.authorId
          ? { readers: { create: { userId: statement.authorId, lastReadNumber: 1, watching: true } } }
          : {}),
      },
      select: { id: true },
    });
    await tx.statement.update({ where: { id: statementId }, data: { threadId: thread.id } });
    return thread.id;
  });
  if (threadId === undefined) return fail("conflict", "The statement is no longer a draft.");
  if (threadId && threadId !== statement.threadId) {
    await afterCommit("notifyAboutNewThread", () => notifyAboutNewThread(threadId));
  }
  return ok({ threadId });
}

/**
 * OPEN → ADOPTED inside a transaction: freezes the current version (only if
 * it is still `version`). Returns false when nothing changed.
 */
async function adoptInTx(
  tx: Prisma.TransactionClient,
  statementId: string,
  version: number,
  actorId: string | null,
  note: string,
): Promise<boolean> {
  const now = new Date();
  const moved = await tx.statement.updateMany({
    where: { id: statementId, status: "OPEN", currentVersion: version },
    data: { status: "ADOPTED", adoptedVersion: version, adoptedAt: now },
  });
  if (moved.count === 0) return false;
  await tx.statementTransition.create({
    data: { statementId, fromStatus: "OPEN", toStatus: "ADOPTED", actorId, note, createdAt: now },
  });
  return true;
}

/** After commit: STATEMENT_ADOPTED to the author, co-authors and signatories who can still see it. */
async function notifyAdopted(statementId: string, exceptUserId: string | null) {
  await afterCommit("notifyAdopted", async () => {
    const statement = await prisma.statement.findUnique({
      where: { id: statementId },
      select: {
        title: true,
        associationId: true,
        authorId: true,
        adoptedVersion: true,
        coauthors: { select: { userId: true } },
      },
    });
    if (!statement) return;
    const signers = await prisma.statementEndorsement.findMany({
      where: { statementId },
      distinct: ["userId"],
      select: { userId: true },
    });
    const candidates = new Set(
      [statement.authorId, ...statement.coauthors.map((c) => c.userId), ...signers.map((s) => s.userId)].filter(
        (id): id is string => id !== null && id !== exceptUserId,
      ),
    );
    if (candidates.size === 0) return;
    const recipients = await prisma.user.findMany({
      where: {
        id: { in: [...candidates] },
        ...(statement.associationId
          ? { OR: [{ role: "ADMIN" }, { memberships: { some: { associationId: statement.associationId } } }] }
          : {}),
      },
      select: { id: true },
    });
    await prisma.notification.createMany({
      data: recipients.map(({ id }) => ({
        userId: id,
        kind: "STATEMENT_ADOPTED" as const,
        actorId: exceptUserId,
        statementId,
        data: { statementTitle: statement.title, version: statement.adoptedVersion },
      })),
    });
  });
}

/**
 * A moderator adopts the version they read (`seenVersion`). A version nobody
 * has signed is refused, unless a site administrator adopts it with a reason,
 * which the history keeps. The count and the adoption happen under the
 * statement's row lock, so a signature withdrawn meanwhile is seen.
 */
export async function adoptStatement(
  actor: MemberActor,
  statementId: string,
  /** The version the moderator read: a newer one is never adopted unread. */
  seenVersion?: number,
  /** Required, from an administrator, when nobody has signed the version. */
  reason = "",
): Promise<Result<{ version: number; signatures: number }>> {
  const found = await authorize(
    actor,
    statementId,
    "adopt",
    "Only the association's owner and moderators (or site administrators for community statements) can adopt a statement.",
  );
  if (!found.ok) return found;
  const version = seenVersion ?? found.access.statement.currentVersion;
  const why = reason.trim();
  const outcome = await prisma.$transaction(async (tx) => {
    // The same queue as signing (endorse): no signature lands or leaves between the count and the adoption.
    await tx.$queryRaw`SELECT 1 FROM "Statement" WHERE "id" = ${statementId} FOR UPDATE`;
    // A version that is no longer the open, current one is a stale page, whatever its signatures.
    const current = await tx.statement.findUnique({ where: { id: statementId }, select: { currentVersion: true, status: true } });
    if (!current || current.status !== "OPEN" || current.currentVersion !== version) return { adopted: false, signatures: 0 };
    // StatementEndorsement(statementId, version, createdAt) index.
    const signatures = await tx.statementEndorsement.count({ where: { statementId, version } });
    if (signatures === 0 && !canAdoptUnsigned(actor)) return { unsigned: true as const, signatures };
    if (signatures === 0 && !why) return { reasonMissing: true as const, signatures };
    const note = signatures === 0 ? `Adopted with no signatures: ${why}` : "";
    // adoptInTx adopts only if `version` is still the current one.
    return { adopted: await adoptInTx(tx, statementId, version, actor.userId, note), signatures };
  });
  if ("unsigned" in outcome) {
    return fail("conflict", `Nobody has signed version ${version} yet: it can be adopted once members have signed it.`);
  }
  if ("reasonMissing" in outcome) {
    return failFields({ reason: [`Nobody has signed version ${version}: say why you adopt it anyway`] });
  }
  if (!outcome.adopted) return fail("conflict", "The statement changed meanwhile: reload it and try again.");
  await notifyAdopted(statementId, actor.userId);
  return ok({ version, signatures: outcome.signatures });
}

export async function archiveStatement(actor: MemberActor, statementId: string): Promise<Result<{ archived: true }>> {
  const found = await authorize(actor, statementId, "archive", "You cannot archive this statement.");
  if (!found.ok) return found;
  const from = found.access.statement.status;
  const now = new Date();
  const done = await prisma.$transaction(async (tx) => {
    const moved = await tx.statement.updateMany({
      where: { id: statementId, status: from },
      data: { status: "ARCHIVED", archivedAt: now },
    });
    if (moved.count === 0) return false;
    await tx.statementTransition.create({
      data: { statementId, fromStatus: from, toStatus: "ARCHIVED", actorId: actor.userId, createdAt: now },
    });
    return true;
  });
  if (!done) return fail("conflict", "The statement changed meanwhile: reload it and try again.");
  return ok({ archived: true });
}

// ─── Signals and the consensus picture ──────────────────────────────────────

/** One signal per member, on the current version; giving the same one again changes nothing. */
export async function setSignal(actor: MemberActor, statementId: string, kind: SignalKindName): Promise<Result<{ version: number }>> {
  const found = await authorize(actor, statementId, "signal", "Only members in the statement's scope can signal, while it is open.");
  if (!found.ok) return found;
  const version = found.access.statement.currentVersion;
  await prisma.statementSignal.upsert({
    where: { statementId_userId: { statementId, userId: actor.userId } },
    create: { statementId, userId: actor.userId, version, kind },
    update: { version, kind },
  });
  return ok({ version });
}

export type Consensus = {
  version: number;
  agree: number;
  disagree: number;
  unsure: number;
  total: number;
  /** Whole percent of signals on this version that agree. */
  shareAgreeing: number;
  /** The picture is shown from CONSENSUS_MIN_SIGNALS signals on. */
  shown: boolean;
};

/** Counts of the signals given on the current version (or `version`). */
export async function consensus(statementId: string, version?: number): Promise<Consensus> {
  const on =
    version ??
    (await prisma.statement.findUnique({ where: { id: statementId }, select: { currentVersion: true } }))?.currentVersion ??
    1;
  // StatementSignal(statementId, version, kind) index.
  const groups = await prisma.statementSignal.groupBy({
    by: ["kind"],
    where: { statementId, version: on },
    _count: { _all: true },
  });
  const count = (kind: SignalKindName) => groups.find((g) => g.kind === kind)?._count._all ?? 0;
  const agree = count("AGREE");
  const disagree = count("DISAGREE");
  const unsure = count("UNSURE");
  const total = agree + disagree + unsure;
  return {
    version: on,
    agree,
    disagree,
    unsure,
    total,
    shareAgreeing: total === 0 ? 0 : Math.round((agree / total) * 100),
    shown: total >= CONSENSUS_MIN_SIGNALS,
  };
}

// ─── Endorsements ───────────────────────────────────────────────────────────

/**
 * Signs the current version (once: a second signature changes nothing). When
 * the current version reaches the statement's threshold, it is adopted in
 * the same transaction, recorded as automatic.
 */
export async function endorse(
  actor: MemberActor,
  statementId: string,
  note = "",
  /** The version the member read when they signed: a newer one is never signed unread. */
  seenVersion?: number,
): Promise<Result<{ version: number; created: boolean; adopted: boolean }>> {
  const found = await authorize(actor, statementId, "endorse", "Only members in the statement's scope can sign it, while it is open.");
  if (!found.ok) return found;
  const result = await prisma.$transaction(async (tx) => {
    // Signatures queue on the statement row, so the one that reaches the
    // threshold sees every signature before it (auto-adoption is never missed).
    await tx.$queryRaw`SELECT 1 FROM "Statement" WHERE "id" = ${statementId} FOR UPDATE`;
    const current = await tx.statement.findUnique({
      where: { id: statementId },
      select: { currentVersion: true, endorsementThreshold: true, status: true },
    });
    if (!current || current.status !== "OPEN") return null;
    if (seenVersion !== undefined && seenVersion !== current.currentVersion) return "stale" as const;
    const version = current.currentVersion;
    const { count: created } = await tx.statementEndorsement.createMany({
      data: [{ statementId, version, userId: actor.userId, note }],
      skipDuplicates: true,
    });
    let adopted = false;
    if (created > 0 && current.endorsementThreshold !== null) {
      const signatures = await tx.statementEndorsement.count({ where: { statementId, version } });
      if (signatures >= current.endorsementThreshold) {
        adopted = await adoptInTx(tx, statementId, version, null, `Adopted automatically: ${signatures} endorsements`);
      }
    }
    return { version, created: created > 0, adopted };
  });
  if (!result) return fail("conflict", "The statement is no longer open for endorsements.");
  if (result === "stale") return fail("conflict", "A newer version was saved while you were reading. Read it, then sign if you stand behind it.");
  if (result.adopted) await notifyAdopted(statementId, null);
  return ok(result);
}

/** Takes back the signature on the current version (earlier versions' signatures stay). */
export async function withdrawEndorsement(actor: MemberActor, statementId: string): Promise<Result<{ removed: boolean }>> {
  const found = await authorize(actor, statementId, "endorse", "Signatures can only be withdrawn while the statement is open.");
  if (!found.ok) return found;
  const { count } = await prisma.statementEndorsement.deleteMany({
    where: { statementId, version: found.access.statement.currentVersion, userId: actor.userId },
  });
  return ok({ removed: count > 0 });
}

export type Signatory = {
  userId: string;
  handle: string;
  displayName: string;
  /** Only when the member's professional section is visible to the viewer. */
  jobTitle: string | null;
  organization: string | null;
  note: string;
  signedAt: string;
};

export const SIGNATORIES_SHOWN = 500;

/** Who signed `version`, in signing order; null when the actor cannot see the statement. */
export async function listSignatories(
  actor: Actor,
  statementId: string,
  version: number,
): Promise<{ items: Signatory[]; total: number } | null> {
  const visible = await prisma.statement.findFirst({
    where: { AND: [{ id: statementId }, visibleStatementsWhere(actor)] },
    select: { id: true },
  });
  if (!visible) return null;
  // StatementEndorsement(statementId, version, createdAt) index.
  const [rows, total] = await Promise.all([
    prisma.statementEndorsement.findMany({
      where: { statementId, version },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      take: SIGNATORIES_SHOWN,
      select: {
        note: true,
        createdAt: true,
        user: {
          select: {
            profile: {
              select: {
                userId: true,
                handle: true,
                displayName: true,
                jobTitle: true,
                organization: true,
                professionalVisibility: true,
              },
            },
          },
        },
      },
    }),
    prisma.statementEndorsement.count({ where: { statementId, version } }),
  ]);
  const items = rows.flatMap((row): Signatory[] => {
    const p = row.user.profile;
    if (!p) return [];
    const professional = canViewSection(actor, p.userId, p.professionalVisibility);
    return [
      {
        userId: p.userId,
        handle: p.handle,
        displayName: p.displayName,
        jobTitle: professional ? p.jobTitle : null,
        organization: professional ? p.organization : null,
        note: row.note,
        signedAt: row.createdAt.toISOString(),
      },
    ];
  });
  return { items, total };
}

// ─── Featuring on a profile ─────────────────────────────────────────────────

export async function featureStatement(actor: MemberActor, statementId: string): Promise<Result<{ featured: true }>> {
  const found = await authorize(actor, statementId, "feature", "Only adopted statements can be featured on a profile.");
  if (!found.ok) return found;
  await prisma.profile.update({ where: { userId: actor.userId }, data: { featuredStatementId: statementId } });
  return ok({ featured: true });
}

export async function unfeatureStatement(actor: MemberActor): Promise<Result<{ featured: false }>> {
  await prisma.profile.update({ where: { userId: actor.userId }, data: { featuredStatementId: null } });
  return ok({ featured: false });
}

// ─── Lists ──────────────────────────────────────────────────────────────────

type Cursor = { updatedAt: Date; id: string };

function toCursor(cursor: Cursor): string {
  return encodeCursor([cursor.updatedAt, cursor.id]);
}

function fromCursor(text: string | null | undefined): Cursor | null {
  return decodeCursor(text, { length: 2, maxLength: 200 }, ([at, id]) => {
    const updatedAt = cursorDate(at);
    const lastId = cursorString(id);
    return updatedAt && lastId !== null ? { updatedAt, id: lastId } : null;
  });
}

export type StatementListItem = {
  id: string;
  title: string;
  status: StatementStatusName;
  association: { slug: string; name: string } | null;
  currentVersion: number;
  adoptedVersion: number | null;
  updatedAt: string;
};

const listSelect = {
  id: true,
  title: true,
  status: true,
  currentVersion: true,
  adoptedVersion: true,
  updatedAt: true,
  association: { select: { slug: true, name: true } },
} satisfies Prisma.StatementSelect;

const toListItem = (row: Prisma.StatementGetPayload<{ select: typeof listSelect }>): StatementListItem => ({
  ...row,
  updatedAt: row.updatedAt.toISOString(),
});

/**
 * Statements the actor may see, newest activity first, keyset-paginated on
 * (updatedAt desc, id). Without a status: open and adopted ones. Scope:
 * "community", an association's slug, or everything.
 */
export async function listStatements(
  actor: Actor,
  options: { status?: "OPEN" | "ADOPTED" | "ARCHIVED" | null; scope?: string | null; cursor?: string | null; take?: number },
): Promise<{ items: StatementListItem[]; nextCursor: string | null }> {
  const take = options.take ?? STATEMENTS_PER_PAGE;
  const after = fromCursor(options.cursor);
  const scope: Prisma.StatementWhereInput = !options.scope
    ? {}
    : options.scope === COMMUNITY_SCOPE
      ? { associationId: null }
      : { association: { slug: options.scope } };
  // Statement(status, updatedAt desc, id) and (associationId, status) indexes.
  const rows = await prisma.statement.findMany({
    where: {
      AND: [
        visibleStatementsWhere(actor),
        { status: options.status ? options.status : { in: ["OPEN", "ADOPTED"] } },
        scope,
        after
          ? { OR: [{ updatedAt: { lt: after.updatedAt } }, { updatedAt: after.updatedAt, id: { gt: after.id } }] }
          : {},
      ],
    },
    orderBy: [{ updatedAt: "desc" }, { id: "asc" }],
    take: take + 1,
    select: listSelect,
  });
  const page = rows.slice(0, take);
  const last = page.at(-1);
  return {
    items: page.map(toListItem),
    nextCursor: rows.length > take && last ? toCursor(last) : null,
  };
}

/** The member's drafts (as author or co-author), newest first. */
export async function myDrafts(actor: MemberActor): Promise<StatementListItem[]> {
  const rows = await prisma.statement.findMany({
    where: {
      status: "DRAFT",
      OR: [{ authorId: actor.userId }, { coauthors: { some: { userId: actor.userId } } }],
    },
    orderBy: [{ updatedAt: "desc" }, { id: "asc" }],
    take: 50,
    select: listSelect,
  });
  return rows.map(toListItem);
}

// ─── The statement page ─────────────────────────────────────────────────────

const personSelect = { profile: { select: { handle: true, displayName: true } } } as const;
const person = (user: { profile: { handle: string; displayName: string } | null } | null) =>
  user?.profile ? { handle: user.profile.handle, displayName: user.profile.displayName } : null;

/** Everything the statement page shows, for an actor who may see it (access from getStatementAccess). */
export async function getStatementPage(actor: Actor, access: StatementAccess) {
  const { statement } = access;
  const userId = actor.kind === "member" ? actor.userId : null;
  const [row, mySignal, myEndorsements, consensusNow, signatories, pendingSuggestions, comments, featured] =
    await Promise.all([
      prisma.statement.findUniqueOrThrow({
        where: { id: statement.id },
        select: {
          rationaleHtml: true,
          areaSlugs: true,
          endorsementThreshold: true,
          createdAt: true,
          author: { select: personSelect },
          coauthors: { orderBy: { createdAt: "asc" }, select: { userId: true, user: { select: personSelect } } },
          versions: {
            where: { number: statement.currentVersion },
            select: { text: true, textHtml: true, createdAt: true, writtenBy: { select: personSelect } },
          },
          transitions: {
            orderBy: { createdAt: "asc" },
            select: { id: true, fromStatus: true, toStatus: true, note: true, createdAt: true, actor: { select: personSelect } },
          },
          thread: { where: visibleThreadsWhere(actor), select: { id: true, slug: true, replyCount: true, deletedAt: true } },
        },
      }),
      userId
        ? prisma.statementSignal.findUnique({
            where: { statementId_userId: { statementId: statement.id, userId } },
            select: { kind: true, version: true },
          })
        : null,
      userId
        ? prisma.statementEndorsement.findMany({
            where: { statementId: statement.id, userId },
            orderBy: { version: "desc" },
            select: { version: true },
          })
        : [],
      consensus(statement.id, statement.currentVersion),
      listSignatories(actor, statement.id, statement.currentVersion),
      prisma.statementSuggestion.count({ where: { statementId: statement.id, status: "PENDING" } }),
      statement.threadId
        ? prisma.post.findMany({
            // The same visibility rule as the forum: a category made stricter hides these comments too.
            where: { threadId: statement.threadId, number: { gt: 1 }, ...visiblePostsWhere(actor) },
            orderBy: { number: "desc" },
            take: 3,
            select: { id: true, number: true, bodyHtml: true, createdAt: true, author: { select: personSelect } },
          })
        : [],
      userId
        ? prisma.profile.findUnique({ where: { userId }, select: { featuredStatementId: true } })
        : null,
    ]);
  const areas = row.areaSlugs.length
    ? await prisma.competencyArea.findMany({
        where: { slug: { in: row.areaSlugs }, version: { currentOf: { some: { id: 1 } } } },
        orderBy: { position: "asc" },
        select: { slug: true, name: true },
      })
    : [];
  const version = row.versions[0];
  const signedVersions = myEndorsements.map((e) => e.version);
  const thread = row.thread && row.thread.deletedAt === null ? row.thread : null;
  return {
    rationaleHtml: row.rationaleHtml,
    areas,
    endorsementThreshold: row.endorsementThreshold,
    createdAt: row.createdAt.toISOString(),
    author: person(row.author),
    coauthors: row.coauthors.map((c) => ({ userId: c.userId, ...(person(c.user) ?? { handle: "", displayName: "Former member" }) })),
    text: version?.text ?? "",
    textHtml: version?.textHtml ?? "",
    versionWrittenBy: person(version?.writtenBy ?? null),
    versionCreatedAt: version?.createdAt.toISOString() ?? null,
    history: row.transitions.map((t) => ({
      id: t.id,
      fromStatus: t.fromStatus,
      toStatus: t.toStatus,
      note: t.note,
      at: t.createdAt.toISOString(),
      actor: person(t.actor),
    })),
    mySignal: mySignal ? { kind: mySignal.kind as SignalKindName, version: mySignal.version } : null,
    signedCurrent: signedVersions.includes(statement.currentVersion),
    /** The latest earlier version the member signed, when they have not signed the current one. */
    signedEarlier: signedVersions.includes(statement.currentVersion) ? null : (signedVersions[0] ?? null),
    // Below the threshold only the number of signals leaves the server: small counts could identify people.
    consensus: consensusNow.shown
      ? consensusNow
      : { ...consensusNow, agree: 0, disagree: 0, unsure: 0, shareAgreeing: 0 },
    signatories: signatories ?? { items: [], total: 0 },
    pendingSuggestions,
    thread: thread ? { id: thread.id, slug: thread.slug, replyCount: thread.replyCount } : null,
    comments: comments
      .map((c) => ({
        id: c.id,
        number: c.number,
        bodyHtml: c.bodyHtml,
        createdAt: c.createdAt.toISOString(),
        author: person(c.author),
      }))
      .reverse(),
    featuredByMe: featured?.featuredStatementId === statement.id,
  };
}

/** The current text and version, for the edit page. */
export async function getCurrentText(statementId: string, version: number) {
  return prisma.statementVersion.findUnique({
    where: { statementId_number: { statementId, number: version } },
    select: { text: true },
  });
}
