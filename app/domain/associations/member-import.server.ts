/**
 * Member import (docs/decisions/0021): an owner uploads a CSV of members, sees
 * a dry run, and confirms; the job runner then works through the file in
 * batches. Nobody is added without their consent: people without a membership
 * get the association's single-use invitation link by email (new and existing
 * accounts alike); existing members have their role, external id and join
 * date brought up to date. Ownership is never imported.
 *
 * Idempotent and resumable: every row's outcome is decided against the
 * database as it is when its batch runs (a pending invitation or a membership
 * that already says the same → unchanged), invitation ids and email job keys
 * are derived from the import and the address, and each batch moves the
 * import's `processedRows` in the transaction that writes it.
 */
import { hmac } from "@oslojs/crypto/hmac";
import { SHA256 } from "@oslojs/crypto/sha2";
import { encodeBase32LowerCaseNoPadding } from "@oslojs/encoding";
import { Prisma } from "~/generated/prisma/client";
import type { Actor, MemberActor } from "~/domain/members/actor";
import { prisma } from "~/utils/db.server";
import { deliverEmail, siteOrigin, writeOutboxEmail } from "~/utils/email.server";
import { runJobsUntilIdle, type ClaimedJob, type JobHandlers } from "~/utils/jobs.server";
import { fail, ok, type Result } from "~/utils/result";
import { derivedKey } from "~/utils/signing-key.server";
import { hashToken } from "~/utils/session.server";
import { cleanText } from "~/utils/text";
import { invitationEmail } from "./invitations.server";
import { authorizeAssociation } from "./memberships.server";
import {
  decodeImportFile,
  IMPORT_FILE_MAX_BYTES,
  parseImportFile,
  type BadRow,
  type ImportRole,
  type ImportRow,
} from "./member-import-file";
import { canImportMembers } from "./policy";

const HOUR_MS = 3600 * 1000;
const DAY_MS = 24 * HOUR_MS;
/** The upload is kept this long (the dry run, then the import's progress and summary). */
export const IMPORT_KEPT_HOURS = 24;
/** Invitation links made by an import work this long. */
export const IMPORT_INVITATION_DAYS = 30;
/** Rows written per transaction. */
export const IMPORT_BATCH_ROWS = 250;
/** A job works through batches for this long, then hands over to a new job (so a tick never waits long). */
const JOB_BUDGET_MS = 20_000;
/** The throttle: invitation emails go out at most this many a minute. */
export const INVITATION_EMAILS_PER_MINUTE = 60;
/** Lookups of addresses are split in chunks of this many (bound parameters). */
const LOOKUP_CHUNK = 5000;

export const IMPORT_JOB = "member-import";
export const IMPORT_EMAIL_JOB = "member-import-invitation";

export type ImportCounts = {
  invitedNew: number;
  invitedExisting: number;
  rolesChanged: number;
  detailsUpdated: number;
  unchanged: number;
  invalid: number;
};

const NO_COUNTS: ImportCounts = { invitedNew: 0, invitedExisting: 0, rolesChanged: 0, detailsUpdated: 0, unchanged: 0, invalid: 0 };

type Db = Prisma.TransactionClient | typeof prisma;

// ─── Uploading ──────────────────────────────────────────────────────────────

/** Stores an uploaded file for its dry run; a file that cannot be read is refused beside the file field. */
export async function uploadMemberImport(
  actor: MemberActor,
  slug: string,
  file: File | null,
  now = new Date(),
): Promise<Result<{ id: string }>> {
  const found = await authorizeAssociation(actor, slug, canImportMembers);
  if (!found.ok) return found;
  const refuse = (message: string) => fail("invalid", message, { fieldErrors: { file: [message] } });
  if (!file || file.size === 0) return refuse("Choose a CSV file of your members.");
  if (file.size > IMPORT_FILE_MAX_BYTES) return refuse("This file is larger than 4 MB. Split it into smaller files.");
  const read = decodeImportFile(new Uint8Array(await file.arrayBuffer()));
  if (!read.ok) return refuse(read.problem);
  const text = cleanText(read.text);
  const parsed = parseImportFile(text, now.toISOString().slice(0, 10));
  if (!parsed.ok) return refuse(parsed.problem);
  if (parsed.total === 0) return refuse("This file names its columns but lists no members.");
  const created = await prisma.memberImport.create({
    data: {
      associationId: found.value.association.id,
      createdById: actor.userId,
      fileName: cleanText(file.name).slice(0, 200) || "members.csv",
      encoding: read.encoding,
      delimiter: parsed.delimiter,
      content: text,
      totalRows: parsed.total,
      counts: NO_COUNTS,
      expiresAt: new Date(now.getTime() + IMPORT_KEPT_HOURS * HOUR_MS),
    },
    select: { id: true },
  });
  return ok(created);
}

// ─── Deciding each row's outcome ────────────────────────────────────────────

type Outcome =
  | { kind: "invite"; row: ImportRow; existingAccount: boolean; userId: string | null }
  | { kind: "member"; row: ImportRow; userId: string; role: "OWNER" | ImportRole; roleChanged: boolean; detailsChanged: boolean }
  | { kind: "invitation"; row: ImportRow; invitationId: string; changed: boolean }
  | { kind: "clash"; bad: BadRow };

const dayOf = (date: Date | null) => (date ? date.toISOString().slice(0, 10) : null);

function chunks<T>(items: T[], size = LOOKUP_CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * What each row would do against the database as it is now: three lookups
 * for the whole list (accounts, memberships, pending invitations) and one for
 * external ids already held by someone else.
 */
async function decide(db: Db, associationId: string, rows: ImportRow[], now: Date): Promise<Outcome[]> {
  const emails = rows.map((row) => row.email);
  const users = (
    await Promise.all(
      chunks(emails).map((part) => db.user.findMany({ where: { email: { in: part } }, select: { id: true, email: true } })),
    )
  ).flat();
  const userByEmail = new Map(users.map((user) => [user.email, user.id]));
  const memberships = (
    await Promise.all(
      chunks(users.map((user) => user.id)).map((part) =>
        // AssociationMembership primary key (associationId, userId).
        db.associationMembership.findMany({
          where: { associationId, userId: { in: part } },
          select: { userId: true, role: true, externalId: true, memberSince: true },
        }),
      ),
    )
  ).flat();
  const membershipOf = new Map(memberships.map((membership) => [membership.userId, membership]));
  const invitations = (
    await Promise.all(
      chunks(emails).map((part) =>
        // AssociationInvitation(email) index.
        db.associationInvitation.findMany({
          where: { associationId, email: { in: part }, usedAt: null, revokedAt: null, expiresAt: { gt: now } },
          orderBy: { createdAt: "desc" },
          select: { id: true, email: true, role: true, externalId: true, memberSince: true },
        }),
      ),
    )
  ).flat();
  const invitationOf = new Map<string, (typeof invitations)[number]>();
  for (const invitation of invitations) if (invitation.email && !invitationOf.has(invitation.email)) invitationOf.set(invitation.email, invitation);
  const externalIds = rows.flatMap((row) => (row.externalId ? [row.externalId] : []));
  const holders = (
    await Promise.all(
      chunks(externalIds).map((part) =>
        // AssociationMembership(associationId, externalId) index.
        db.associationMembership.findMany({
          where: { associationId, externalId: { in: part } },
          select: { userId: true, externalId: true },
        }),
      ),
    )
  ).flat();
  const holderOf = new Map(holders.map((holder) => [holder.externalId!, holder.userId]));

  return rows.map((row): Outcome => {
    const userId = userByEmail.get(row.email) ?? null;
    const holder = row.externalId ? holderOf.get(row.externalId) : undefined;
    if (holder !== undefined && holder !== userId) {
      return { kind: "clash", bad: { line: row.line, email: row.email, reason: `the external id “${row.externalId}” belongs to another member` } };
    }
    const membership = userId ? membershipOf.get(userId) : undefined;
    if (userId && membership) {
      const role = membership.role === "OWNER" ? "OWNER" : row.role;
      const roleChanged = role !== membership.role;
      const detailsChanged =
        (row.externalId !== null && row.externalId !== membership.externalId) ||
        (row.memberSince !== null && row.memberSince !== dayOf(membership.memberSince));
      return { kind: "member", row, userId, role, roleChanged, detailsChanged };
    }
    const invitation = invitationOf.get(row.email);
    if (invitation) {
      const changed =
        invitation.role !== row.role ||
        (row.externalId !== null && row.externalId !== invitation.externalId) ||
        (row.memberSince !== null && row.memberSince !== dayOf(invitation.memberSince));
      return { kind: "invitation", row, invitationId: invitation.id, changed };
    }
    return { kind: "invite", row, existingAccount: userId !== null, userId };
  });
}

function countOutcomes(outcomes: Outcome[]): ImportCounts {
  const counts = { ...NO_COUNTS };
  for (const outcome of outcomes) {
    if (outcome.kind === "clash") counts.invalid += 1;
    else if (outcome.kind === "invite") outcome.existingAccount ? (counts.invitedExisting += 1) : (counts.invitedNew += 1);
    else if (outcome.kind === "member") {
      if (outcome.roleChanged) counts.rolesChanged += 1;
      else if (outcome.detailsChanged) counts.detailsUpdated += 1;
      else counts.unchanged += 1;
    } else if (outcome.changed) counts.detailsUpdated += 1;
    else counts.unchanged += 1;
  }
  return counts;
}

// ─── Viewing: the dry run, the progress, the summary ────────────────────────

export type ImportView = {
  association: { slug: string; name: string };
  id: string;
  fileName: string;
  encoding: string;
  delimiter: string;
  status: "UPLOADED" | "RUNNING" | "DONE";
  totalRows: number;
  /** Rows the import works through (the good ones), and how many it has done. */
  rowsToDo: number;
  processedRows: number;
  counts: ImportCounts;
  /** Every bad row, by line. */
  bad: BadRow[];
  createdAt: Date;
  expiresAt: Date;
  finishedAt: Date | null;
};

const importSelect = {
  id: true,
  associationId: true,
  fileName: true,
  encoding: true,
  delimiter: true,
  content: true,
  status: true,
  totalRows: true,
  processedRows: true,
  counts: true,
  emailsQueued: true,
  confirmedAt: true,
  createdAt: true,
  expiresAt: true,
  finishedAt: true,
  createdById: true,
} as const;

function countsOf(value: unknown): ImportCounts & { clashes: BadRow[] } {
  const stored = (value && typeof value === "object" ? value : {}) as Partial<ImportCounts & { clashes: BadRow[] }>;
  return { ...NO_COUNTS, ...stored, clashes: Array.isArray(stored.clashes) ? stored.clashes : [] };
}

/** An import of the association's, kept (not past its 24 hours, or still running), or null. */
async function findImport(associationId: string, id: string, now: Date) {
  if (!/^[a-z0-9]{1,40}$/.test(id)) return null;
  const found = await prisma.memberImport.findUnique({ where: { id }, select: importSelect });
  if (!found || found.associationId !== associationId) return null;
  if (found.expiresAt <= now && found.status !== "RUNNING") return null;
  return found;
}

/** The dry run (before confirming: nothing written) or the import's progress and summary. */
export async function getMemberImport(actor: Actor, slug: string, id: string, now = new Date()): Promise<Result<ImportView>> {
  const found = await authorizeAssociation(actor, slug, canImportMembers);
  if (!found.ok) return found;
  const { association } = found.value;
  const stored = await findImport(association.id, id, now);
  if (!stored) return fail("not-found", "This upload is not kept any more (uploads are kept for 24 hours), or never existed.");
  const parsed = parseImportFile(stored.content, dayOf(stored.createdAt)!);
  const parseBad = parsed.ok ? parsed.bad : [];
  let counts: ImportCounts;
  let clashes: BadRow[];
  if (stored.status === "UPLOADED") {
    const outcomes = parsed.ok ? await decide(prisma, association.id, parsed.rows, now) : [];
    counts = countOutcomes(outcomes);
    counts.invalid += parseBad.length;
    clashes = outcomes.flatMap((outcome) => (outcome.kind === "clash" ? [outcome.bad] : []));
  } else {
    ({ clashes, ...counts } = countsOf(stored.counts));
  }
  return ok({
    association: { slug: association.slug, name: association.name },
    id: stored.id,
    fileName: stored.fileName,
    encoding: stored.encoding,
    delimiter: stored.delimiter,
    status: stored.status,
    totalRows: stored.totalRows,
    rowsToDo: parsed.ok ? parsed.rows.length : 0,
    processedRows: stored.status === "DONE" ? (parsed.ok ? parsed.rows.length : 0) : stored.processedRows,
    counts,
    bad: [...parseBad, ...clashes].sort((a, b) => a.line - b.line),
    createdAt: stored.createdAt,
    expiresAt: stored.expiresAt,
    finishedAt: stored.finishedAt,
  });
}

/** The association's imports still kept, newest first. */
export async function listMemberImports(actor: Actor, slug: string, now = new Date()) {
  const found = await authorizeAssociation(actor, slug, canImportMembers);
  if (!found.ok) return found;
  const { association } = found.value;
  const imports = await prisma.memberImport.findMany({
    // MemberImport(associationId, createdAt) index.
    where: { associationId: association.id, OR: [{ expiresAt: { gt: now } }, { status: "RUNNING" }] },
    orderBy: { createdAt: "desc" },
    take: 20,
    select: { id: true, fileName: true, status: true, totalRows: true, processedRows: true, createdAt: true },
  });
  return ok({ association: { slug: association.slug, name: association.name }, imports });
}

// ─── Confirming and running ─────────────────────────────────────────────────

/** Starts the import: the first batch job is queued with the status change. Confirming twice changes nothing. */
export async function confirmMemberImport(
  actor: MemberActor,
  slug: string,
  id: string,
  now = new Date(),
): Promise<Result<{ started: boolean }>> {
  const found = await authorizeAssociation(actor, slug, canImportMembers);
  if (!found.ok) return found;
  const stored = await findImport(found.value.association.id, id, now);
  if (!stored) return fail("not-found", "This upload is not kept any more (uploads are kept for 24 hours), or never existed.");
  const started = await prisma.$transaction(async (tx) => {
    const { count } = await tx.memberImport.updateMany({
      where: { id, status: "UPLOADED" },
      // The person who confirms is the one the invitations come from.
      data: { status: "RUNNING", confirmedAt: now, createdById: actor.userId },
    });
    if (count === 1) await enqueueImportJob(tx, id, 0, now);
    return count === 1;
  });
  return ok({ started });
}

async function enqueueImportJob(db: Db, id: string, from: number, now: Date) {
  await db.$executeRaw`
    INSERT INTO "Job" ("id", "kind", "key", "payload", "runAt")
    VALUES (gen_random_uuid()::text, ${IMPORT_JOB}, ${`${IMPORT_JOB}:${id}:${from}`}, ${JSON.stringify({ importId: id })}::jsonb, ${now})
    ON CONFLICT ("key") DO NOTHING`;
}

/** The link's token for an address invited by an import: derived, so a batch run again makes the same invitation. */
export async function importInvitationToken(importId: string, email: string): Promise<string> {
  const key = await derivedKey("member-import-invitation");
  const mac = hmac(SHA256, key, new TextEncoder().encode(`${importId}\n${email}`));
  return encodeBase32LowerCaseNoPadding(mac.slice(0, 20));
}

/**
 * Applies one batch of rows (from `from`) in one transaction, with the
 * import's progress and counts. Refused (rolled back) when another worker
 * moved the progress meanwhile. Returns the new progress.
 */
async function applyBatch(importId: string, from: number, rows: ImportRow[], now: Date): Promise<void> {
  const tokens = new Map<string, string>();
  for (const row of rows) tokens.set(row.email, await importInvitationToken(importId, row.email));
  await prisma.$transaction(
    async (tx) => {
      const stored = await tx.memberImport.findUniqueOrThrow({
        where: { id: importId },
        select: { associationId: true, processedRows: true, counts: true, emailsQueued: true, totalRows: true, createdById: true },
      });
      if (stored.processedRows !== from) throw new Error(`Import ${importId} moved on meanwhile (${stored.processedRows}, expected ${from})`);
      const outcomes = await decide(tx, stored.associationId, rows, now);
      const batch = countOutcomes(outcomes);

      // Members: role, external id and join date in one statement (never the owner's role).
      const members = outcomes.filter(
        (outcome): outcome is Extract<Outcome, { kind: "member" }> => outcome.kind === "member" && (outcome.roleChanged || outcome.detailsChanged),
      );
      if (members.length > 0) {
        const values = members.map(
          (m) => Prisma.sql`(${m.userId}, ${m.role}, ${m.row.externalId}, ${m.row.memberSince})`,
        );
        await tx.$executeRaw`
          UPDATE "AssociationMembership" AS m SET
            "role" = CASE WHEN m."role" = 'OWNER' THEN m."role" ELSE v.role::"AssociationRole" END,
            "externalId" = COALESCE(v.external_id, m."externalId"),
            "memberSince" = COALESCE(v.member_since::date, m."memberSince"),
            "updatedAt" = ${now}
          FROM (VALUES ${Prisma.join(values)}) AS v(user_id, role, external_id, member_since)
          WHERE m."associationId" = ${stored.associationId} AND m."userId" = v.user_id`;
      }

      // Pending invitations: what accepting will give.
      const pending = outcomes.filter(
        (outcome): outcome is Extract<Outcome, { kind: "invitation" }> => outcome.kind === "invitation" && outcome.changed,
      );
      if (pending.length > 0) {
        const values = pending.map((p) => Prisma.sql`(${p.invitationId}, ${p.row.role}, ${p.row.externalId}, ${p.row.memberSince})`);
        await tx.$executeRaw`
          UPDATE "AssociationInvitation" AS i SET
            "role" = v.role::"AssociationRole",
            "externalId" = COALESCE(v.external_id, i."externalId"),
            "memberSince" = COALESCE(v.member_since::date, i."memberSince")
          FROM (VALUES ${Prisma.join(values)}) AS v(id, role, external_id, member_since)
          WHERE i."id" = v.id`;
      }

      // New invitations, and their emails through the job runner, spaced out.
      const invites = outcomes.filter((outcome): outcome is Extract<Outcome, { kind: "invite" }> => outcome.kind === "invite");
      let emailsQueued = stored.emailsQueued;
      if (invites.length > 0) {
        const expiresAt = new Date(now.getTime() + IMPORT_INVITATION_DAYS * DAY_MS);
        const made = invites.map((invite) => ({ invite, id: hashToken(tokens.get(invite.row.email)!) }));
        await tx.associationInvitation.createMany({
          data: made.map(({ invite, id }) => ({
            id,
            associationId: stored.associationId,
            createdById: stored.createdById,
            email: invite.row.email,
            label: invite.row.name,
            role: invite.row.role,
            externalId: invite.row.externalId,
            memberSince: invite.row.memberSince ? new Date(`${invite.row.memberSince}T00:00:00Z`) : null,
            importId,
            expiresAt,
          })),
          skipDuplicates: true,
        });
        const jobs = made.map(({ invite, id }, index) => {
          const minute = Math.floor((emailsQueued + index) / INVITATION_EMAILS_PER_MINUTE);
          const payload = JSON.stringify({ invitationId: id, importId, email: invite.row.email, userId: invite.userId });
          return Prisma.sql`(gen_random_uuid()::text, ${IMPORT_EMAIL_JOB}, ${`${IMPORT_EMAIL_JOB}:${id}`}, ${payload}::jsonb, ${new Date(now.getTime() + minute * 60_000)})`;
        });
        await tx.$executeRaw`
          INSERT INTO "Job" ("id", "kind", "key", "payload", "runAt") VALUES ${Prisma.join(jobs)}
          ON CONFLICT ("key") DO NOTHING`;
        emailsQueued += invites.length;
      }

      const previous = countsOf(stored.counts);
      const clashes = [
        ...previous.clashes,
        ...outcomes.flatMap((outcome) => (outcome.kind === "clash" ? [outcome.bad] : [])),
      ].slice(0, 1000);
      const next: ImportCounts & { clashes: BadRow[] } = {
        invitedNew: previous.invitedNew + batch.invitedNew,
        invitedExisting: previous.invitedExisting + batch.invitedExisting,
        rolesChanged: previous.rolesChanged + batch.rolesChanged,
        detailsUpdated: previous.detailsUpdated + batch.detailsUpdated,
        unchanged: previous.unchanged + batch.unchanged,
        invalid: previous.invalid + batch.invalid,
        clashes,
      };
      await tx.memberImport.update({
        where: { id: importId },
        data: { processedRows: from + rows.length, counts: next, emailsQueued },
        select: { id: true },
      });
    },
    { timeout: 60_000 },
  );
}

/**
 * The batch job: parses the stored file, applies batches from where the
 * import stands until it is done or the job's time is up, then queues the
 * next job. A job cut short (a restart) is claimed again after its lease
 * and starts from the stored progress.
 */
export async function runMemberImport(importId: string, now = new Date(), budgetMs = JOB_BUDGET_MS): Promise<void> {
  const started = Date.now();
  const stored = await prisma.memberImport.findUnique({
    where: { id: importId },
    select: { status: true, content: true, processedRows: true, createdAt: true, counts: true },
  });
  if (!stored || stored.status !== "RUNNING") return;
  const parsed = parseImportFile(stored.content, dayOf(stored.createdAt)!);
  // Bad rows of the file are counted once, with the first batch.
  const rows = parsed.ok ? parsed.rows : [];
  if (stored.processedRows === 0 && parsed.ok && parsed.bad.length > 0) {
    const counts = countsOf(stored.counts);
    if (counts.invalid === 0) {
      await prisma.memberImport.updateMany({
        where: { id: importId, processedRows: 0 },
        data: { counts: { ...counts, invalid: parsed.bad.length } },
      });
    }
  }
  let from = stored.processedRows;
  while (from < rows.length) {
    const batch = rows.slice(from, from + IMPORT_BATCH_ROWS);
    await applyBatch(importId, from, batch, now);
    from += batch.length;
    // At least one batch per job; then, when its time is up, the rest is the next job's.
    if (from < rows.length && Date.now() - started >= budgetMs) {
      await enqueueImportJob(prisma, importId, from, now);
      return;
    }
  }
  await prisma.memberImport.updateMany({
    where: { id: importId, status: "RUNNING" },
    data: { status: "DONE", finishedAt: new Date(), processedRows: rows.length },
  });
}

/** One invitation email of an import: skipped when the invitation was used, revoked or ran out meanwhile. */
export async function sendImportInvitation(payload: { invitationId: string; importId: string; email: string; userId?: string | null }, now = new Date()) {
  const invitation = await prisma.associationInvitation.findUnique({
    where: { id: payload.invitationId },
    select: {
      email: true,
      usedAt: true,
      revokedAt: true,
      expiresAt: true,
      association: { select: { name: true } },
      createdBy: { select: { profile: { select: { displayName: true } } } },
    },
  });
  if (!invitation || invitation.usedAt || invitation.revokedAt || invitation.expiresAt <= now || invitation.email !== payload.email) return;
  const token = await importInvitationToken(payload.importId, payload.email);
  if (hashToken(token) !== payload.invitationId) return;
  const inviter = invitation.createdBy?.profile?.displayName ?? invitation.association.name;
  const id = await writeOutboxEmail({
    ...invitationEmail(inviter, invitation.association.name, payload.email, `${siteOrigin()}/invitations/${token}`, invitation.expiresAt),
    kind: "association-invitation",
    userId: payload.userId ?? null,
    dedupeKey: `${IMPORT_EMAIL_JOB}:${payload.invitationId}`,
  });
  if (id) await deliverEmail(id);
}

function payloadOf(job: ClaimedJob): Record<string, unknown> {
  return job.payload && typeof job.payload === "object" ? (job.payload as Record<string, unknown>) : {};
}

export const memberImportJobHandlers: JobHandlers = {
  [IMPORT_JOB]: async (job, now) => {
    const { importId } = payloadOf(job);
    if (typeof importId === "string") await runMemberImport(importId, now);
  },
  [IMPORT_EMAIL_JOB]: async (job, now) => {
    const { invitationId, importId, email, userId } = payloadOf(job);
    if (typeof invitationId !== "string" || typeof importId !== "string" || typeof email !== "string") return;
    await sendImportInvitation({ invitationId, importId, email, userId: typeof userId === "string" ? userId : null }, now);
  },
};

/**
 * Runs the import's jobs now rather than at the next tick (after the
 * confirming request was answered), on an instance that runs background jobs
 * at all (not with JOBS=off).
 */
export async function runImportJobsNow() {
  if (process.env.JOBS === "off") return;
  await runJobsUntilIdle({ handlers: memberImportJobHandlers, maxBatches: 20 });
}

// ─── Removing lapsed members ────────────────────────────────────────────────

export type LapsedPreview = {
  /** Members who would be removed. */
  members: { userId: string; name: string; handle: string; matchedBy: string }[];
  /** Entries that matched a pending invitation (revoked) but no member. */
  invitations: number;
  /** Entries that matched nobody. */
  unmatched: string[];
  /** Entries naming the owner, who is never removed this way. */
  owner: string[];
};

/** The entries of the list: one per line (or separated by commas, semicolons or spaces). */
export function lapsedEntries(text: string): string[] {
  const seen = new Set<string>();
  for (const part of text.split(/[\s,;]+/)) {
    const entry = part.trim();
    if (entry) seen.add(entry.includes("@") ? entry.toLowerCase() : entry);
  }
  return [...seen].slice(0, 20_000);
}

async function matchLapsed(db: Db, associationId: string, entries: string[], now: Date) {
  const emails = entries.filter((entry) => entry.includes("@"));
  const ids = entries.filter((entry) => !entry.includes("@"));
  const members = (
    await Promise.all(
      chunks(entries, 2000).map((part) =>
        db.associationMembership.findMany({
          where: {
            associationId,
            OR: [{ externalId: { in: part.filter((e) => !e.includes("@")) } }, { user: { email: { in: part.filter((e) => e.includes("@")) } } }],
          },
          select: {
            userId: true,
            role: true,
            externalId: true,
            user: { select: { email: true, profile: { select: { displayName: true, handle: true } } } },
          },
        }),
      ),
    )
  ).flat();
  const invitations = (
    await Promise.all(
      chunks(entries, 2000).map((part) =>
        db.associationInvitation.findMany({
          where: {
            associationId,
            usedAt: null,
            revokedAt: null,
            expiresAt: { gt: now },
            OR: [{ email: { in: part.filter((e) => e.includes("@")) } }, { externalId: { in: part.filter((e) => !e.includes("@")) } }],
          },
          select: { id: true, email: true, externalId: true },
        }),
      ),
    )
  ).flat();
  const matched = new Set<string>();
  for (const member of members) {
    if (member.externalId && ids.includes(member.externalId)) matched.add(member.externalId);
    if (emails.includes(member.user.email)) matched.add(member.user.email);
  }
  for (const invitation of invitations) {
    if (invitation.email && emails.includes(invitation.email)) matched.add(invitation.email);
    if (invitation.externalId && ids.includes(invitation.externalId)) matched.add(invitation.externalId);
  }
  return { members, invitations, unmatched: entries.filter((entry) => !matched.has(entry)) };
}

function previewOf(found: Awaited<ReturnType<typeof matchLapsed>>): LapsedPreview {
  const describe = (member: (typeof found.members)[number]) =>
    member.externalId ? `external id ${member.externalId}` : "their email";
  return {
    members: found.members
      .filter((member) => member.role !== "OWNER")
      .map((member) => ({
        userId: member.userId,
        name: member.user.profile?.displayName ?? "A member",
        handle: member.user.profile?.handle ?? "",
        matchedBy: describe(member),
      })),
    invitations: found.invitations.length,
    unmatched: found.unmatched,
    owner: found.members.filter((member) => member.role === "OWNER").map((member) => member.user.profile?.displayName ?? "The owner"),
  };
}

/** What removing the listed members would do (nothing written). */
export async function previewLapsedMembers(actor: Actor, slug: string, text: string, now = new Date()): Promise<Result<LapsedPreview>> {
  const found = await authorizeAssociation(actor, slug, canImportMembers);
  if (!found.ok) return found;
  const entries = lapsedEntries(text);
  if (entries.length === 0) return fail("invalid", "List at least one external id or email.", { fieldErrors: { entries: ["List at least one external id or email."] } });
  return ok(previewOf(await matchLapsed(prisma, found.value.association.id, entries, now)));
}

/** Removes the listed members (never the owner) and revokes their pending invitations, in one transaction. */
export async function removeLapsedMembers(
  actor: Actor,
  slug: string,
  text: string,
  now = new Date(),
): Promise<Result<{ removed: number; revoked: number }>> {
  const found = await authorizeAssociation(actor, slug, canImportMembers);
  if (!found.ok) return found;
  const associationId = found.value.association.id;
  const entries = lapsedEntries(text);
  if (entries.length === 0) return fail("invalid", "List at least one external id or email.", { fieldErrors: { entries: ["List at least one external id or email."] } });
  return prisma.$transaction(async (tx) => {
    const matched = await matchLapsed(tx, associationId, entries, now);
    const userIds = matched.members.filter((member) => member.role !== "OWNER").map((member) => member.userId);
    let removed = 0;
    for (const part of chunks(userIds, 2000)) {
      const { count } = await tx.associationMembership.deleteMany({
        where: { associationId, userId: { in: part }, role: { not: "OWNER" } },
      });
      removed += count;
    }
    if (removed > 0) {
      await tx.association.update({ where: { id: associationId }, data: { memberCount: { decrement: removed } }, select: { id: true } });
    }
    let revoked = 0;
    for (const part of chunks(matched.invitations.map((invitation) => invitation.id), 2000)) {
      const { count } = await tx.associationInvitation.updateMany({
        where: { id: { in: part }, usedAt: null, revokedAt: null },
        data: { revokedAt: now },
      });
      revoked += count;
    }
    return ok({ removed, revoked });
  });
}

/** Deletes uploads past their 24 hours (hourly housekeeping); an import still running is kept until it ends. */
export async function purgeExpiredImports(now = new Date()) {
  const { count } = await prisma.memberImport.deleteMany({ where: { expiresAt: { lte: now }, status: { not: "RUNNING" } } });
  return count;
}
