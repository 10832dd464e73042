/**
 * Association mentoring programs (docs/decisions/0026): an owner starts one
 * with a few words of invitation, invites the members (a notification each,
 * and an email unless they chose none, through the job runner, throttled),
 * sees counts withheld below SMALLEST_GROUP_SHOWN, and proposes pairs by hand
 * among the members who opted in. Both members of a proposed pair accept on
 * the request page (answerRequest); the availability rule is the
 * suggestions' (`availableMentorSql`, for a proposal), checked with the
 * program's own conditions (`checkPairing`) inside the proposal's
 * transaction and again inside each acceptance's. An owner may withdraw a
 * proposal while it waits (`withdrawProposal`).
 *
 * What the owner sees of a mentorship is its status and the two names, for
 * the pairs the program proposed, and counts. Never a message, a schedule, a
 * reflection or a decision's note: nothing here selects them.
 *
 * Taking part is tied to the membership (a foreign key with ON DELETE
 * CASCADE): leaving the association, or being removed, takes the member out
 * of the program; their mentorships stay as they are.
 */
import { Prisma } from "~/generated/prisma/client";
import { authorizeAssociation, findAssociation, type AssociationRef } from "~/domain/associations/memberships.server";
import { associationNotificationData } from "~/domain/associations/memberships.server";
import { composeCommunityEmail } from "~/domain/email/compose.server";
import { unsubscribeUrl } from "~/domain/email/unsubscribe.server";
import { canContribute, UNCONFIRMED_MESSAGE, type Actor, type MemberActor } from "~/domain/members/actor";
import { prisma } from "~/utils/db.server";
import { deliverEmail, siteOrigin, writeOutboxEmail } from "~/utils/email.server";
import { html } from "~/utils/email-render";
import { writeNotifications } from "~/utils/notify.server";
import { runJobsUntilIdle, type ClaimedJob, type JobHandlers } from "~/utils/jobs.server";
import { fail, failFields, ok, type Result } from "~/utils/result";
import { isShownGroup } from "~/utils/small-groups";
import { requestPath } from "./constants";
import { canOptIn, canRunMentoringProgram, canTakePartInProgram } from "./program-policy";
import { INVITATION_RESEND_DAYS, PARTICIPANTS_LISTED, programPath, PROPOSAL_DECLINED_DAYS, PROPOSALS_LISTED } from "./constants";
import { availabilityClausesSql, availableMentorSql } from "./suggestions.server";

const DAY_MS = 86_400_000;
/** Members handled per batch of the invitations job (one transaction each). */
export const INVITATION_BATCH = 500;
/** The throttle: invitation emails go out at most this many a minute. */
export const PROGRAM_EMAILS_PER_MINUTE = 60;
export const INVITATIONS_JOB = "mentoring-program-invitations";
export const INVITATION_EMAIL_JOB = "mentoring-program-invitation-email";

const NO_PROGRAM = fail("not-found", "This association has no mentoring program.");
const CLOSED = fail("conflict", "The mentoring program is closed. Start it again first.");

type Db = Prisma.TransactionClient | typeof prisma;

// ─── The owner's page ──────────────────────────────────────────────────────

/** A count as the owner sees it: the number from SMALLEST_GROUP_SHOWN up, otherwise withheld. */
export type ProgramCount = { shown: true; value: number } | { shown: false };

type CountsRow = {
  invitation: string;
  startedAt: Date;
  closedAt: Date | null;
  invitedAt: Date | null;
  mentors: number;
  mentees: number;
  requests: number;
  matches: number;
  active: number;
  ended: number;
};

const withheld = (value: number): ProgramCount => (isShownGroup(value) ? { shown: true, value } : { shown: false });

/**
 * The program with its participants and counts, in one statement. The
 * mentorships counted: those the program proposed, and those between two of
 * its participants (a mentor who opted in as a mentor, a mentee as a mentee)
 * asked since the program started. Requests are all of them, whatever became
 * of them; matches those accepted (active or ended since).
 */
async function programWithCounts(associationId: string): Promise<CountsRow | null> {
  // Mentorship (proposedByAssociationId), MentoringProgramMember's key and Mentorship (mentorId, status).
  const [row] = await prisma.$queryRaw<CountsRow[]>`
    SELECT p."invitation", p."startedAt", p."closedAt", p."invitedAt",
           (SELECT count(*) FILTER (WHERE pm."asMentor")::int FROM "MentoringProgramMember" pm WHERE pm."associationId" = p."associationId") AS "mentors",
           (SELECT count(*) FILTER (WHERE pm."asMentee")::int FROM "MentoringProgramMember" pm WHERE pm."associationId" = p."associationId") AS "mentees",
           c."requests", c."matches", c."active", c."ended"
      FROM "MentoringProgram" p
      CROSS JOIN LATERAL (
        SELECT count(*)::int AS "requests",
               count(*) FILTER (WHERE s."status" IN ('ACTIVE', 'ENDED'))::int AS "matches",
               count(*) FILTER (WHERE s."status" = 'ACTIVE')::int AS "active",
               count(*) FILTER (WHERE s."status" = 'ENDED')::int AS "ended"
          FROM (SELECT m."id", m."status" FROM "Mentorship" m WHERE m."proposedByAssociationId" = p."associationId"
                UNION
                SELECT m."id", m."status"
                  FROM "MentoringProgramMember" mr
                  JOIN "Mentorship" m ON m."mentorId" = mr."userId"
                  JOIN "MentoringProgramMember" me ON me."associationId" = mr."associationId" AND me."userId" = m."menteeId" AND me."asMentee"
                 WHERE mr."associationId" = p."associationId" AND mr."asMentor" AND m."createdAt" >= p."startedAt") s
      ) c
     WHERE p."associationId" = ${associationId}`;
  return row ?? null;
}

export type ProposalStatus = "waiting-both" | "waiting-one" | "active" | "declined" | "withdrawn" | "ended";

function proposalStatus(row: { status: string; mentorAcceptedAt: Date | null; menteeAcceptedAt: Date | null }): ProposalStatus {
  switch (row.status) {
    case "PROPOSED":
      return row.mentorAcceptedAt || row.menteeAcceptedAt ? "waiting-one" : "waiting-both";
    case "ACTIVE":
      return "active";
    case "ENDED":
      return "ended";
    case "WITHDRAWN":
      return "withdrawn";
    default:
      return "declined";
  }
}

const nameOf = (user: { profile: { displayName: string } | null }) => user.profile?.displayName ?? "Former member";

/**
 * Everything the owner's page shows, or why not: the program (null before
 * one is started), its counts as the owner may see them, the participants the
 * proposal form offers (narrowed by `search`) and the latest proposals.
 */
export async function getProgramForOwner(actor: Actor, slug: string, search = "") {
  const found = await authorizeAssociation(actor, slug, canRunMentoringProgram);
  if (!found.ok) return found;
  const { association } = found.value;
  const query = search.trim().slice(0, 80);
  const pattern = `%${query.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const [program, people, proposals] = await Promise.all([
    programWithCounts(association.id),
    // MentoringProgramMember's key (associationId, userId), then each participant's profile by its key.
    prisma.$queryRaw<{ name: string; handle: string; asMentor: boolean; asMentee: boolean }[]>`
      SELECT pr."displayName" AS "name", pr."handle", pm."asMentor", pm."asMentee"
        FROM "MentoringProgramMember" pm
        JOIN "Profile" pr ON pr."userId" = pm."userId"
       WHERE pm."associationId" = ${association.id} AND (${query} = '' OR pr."displayName" ILIKE ${pattern})
       ORDER BY pr."displayName", pm."userId"
       LIMIT ${PARTICIPANTS_LISTED * 2}`,
    // Mentorship (proposedByAssociationId). Status and names only: never the messages, notes, schedule or reflections.
    prisma.$queryRaw<
      { id: string; status: string; mentorAcceptedAt: Date | null; menteeAcceptedAt: Date | null; createdAt: Date; mentorName: string | null; menteeName: string | null }[]
    >`
      SELECT m."id", m."status"::text AS "status", m."mentorAcceptedAt", m."menteeAcceptedAt", m."createdAt",
             mr."displayName" AS "mentorName", me."displayName" AS "menteeName"
        FROM "Mentorship" m
        LEFT JOIN "Profile" mr ON mr."userId" = m."mentorId"
        LEFT JOIN "Profile" me ON me."userId" = m."menteeId"
       WHERE m."proposedByAssociationId" = ${association.id}
       ORDER BY m."createdAt" DESC, m."id" DESC
       LIMIT ${PROPOSALS_LISTED}`,
  ]);
  return ok({
    association: { slug: association.slug, name: association.name },
    program: program
      ? {
          invitation: program.invitation,
          startedAt: program.startedAt,
          closedAt: program.closedAt,
          invitedAt: program.invitedAt,
          canInviteFrom: program.invitedAt ? new Date(program.invitedAt.getTime() + INVITATION_RESEND_DAYS * DAY_MS) : null,
          participants: { mentors: program.mentors, mentees: program.mentees },
          counts: {
            requests: withheld(program.requests),
            matches: withheld(program.matches),
            active: withheld(program.active),
            ended: withheld(program.ended),
          },
        }
      : null,
    mentors: people.filter((person) => person.asMentor).slice(0, PARTICIPANTS_LISTED),
    mentees: people.filter((person) => person.asMentee).slice(0, PARTICIPANTS_LISTED),
    search: query,
    proposals: proposals.map((row) => ({
      id: row.id,
      mentorName: row.mentorName ?? "Former member",
      menteeName: row.menteeName ?? "Former member",
      status: proposalStatus(row),
      createdAt: row.createdAt,
    })),
  });
}

// ─── Starting, editing, closing ────────────────────────────────────────────

/** Starts the program, reopens a closed one, or changes the invitation's words. */
export async function saveProgram(
  actor: Actor,
  slug: string,
  input: { invitation: string },
  now = new Date(),
): Promise<Result<{ started: boolean }>> {
  const found = await authorizeAssociation(actor, slug, canRunMentoringProgram);
  if (!found.ok) return found;
  const { association } = found.value;
  const existing = await prisma.mentoringProgram.findUnique({ where: { associationId: association.id }, select: { closedAt: true } });
  await prisma.mentoringProgram.upsert({
    where: { associationId: association.id },
    create: { associationId: association.id, invitation: input.invitation, startedAt: now },
    // Reopening starts counting again from now; editing an open program keeps its start.
    update: existing?.closedAt ? { invitation: input.invitation, closedAt: null, startedAt: now } : { invitation: input.invitation },
    select: { associationId: true },
  });
  return ok({ started: !existing || existing.closedAt !== null });
}

/** Closes the program: no more opting in or proposals. Participants, proposals and mentorships stay. */
export async function closeProgram(actor: Actor, slug: string, now = new Date()): Promise<Result> {
  const found = await authorizeAssociation(actor, slug, canRunMentoringProgram);
  if (!found.ok) return found;
  const associationId = found.value.association.id;
  const { count } = await prisma.mentoringProgram.updateMany({ where: { associationId, closedAt: null }, data: { closedAt: now } });
  // Closed already (a second click): nothing to do, and no error.
  if (count === 0 && !(await prisma.mentoringProgram.findUnique({ where: { associationId }, select: { associationId: true } }))) return NO_PROGRAM;
  return ok(null);
}

// ─── Inviting the members ──────────────────────────────────────────────────

const invitationsKey = (associationId: string, round: string, after: string) => `${INVITATIONS_JOB}:${associationId}:${round}:${after}`;

/**
 * Invites the members who are not taking part yet: a notification each and,
 * unless they chose no community email, an email. The work is a job (in
 * batches, resumable, its emails spaced out); at most once every
 * INVITATION_RESEND_DAYS.
 */
export async function sendInvitations(actor: Actor, slug: string, now = new Date()): Promise<Result<{ round: string }>> {
  const found = await authorizeAssociation(actor, slug, canRunMentoringProgram);
  if (!found.ok) return found;
  const { association } = found.value;
  const earliest = new Date(now.getTime() - INVITATION_RESEND_DAYS * DAY_MS);
  const round = now.toISOString();
  const sent = await prisma.$transaction(async (tx) => {
    const program = await tx.mentoringProgram.findUnique({ where: { associationId: association.id }, select: { closedAt: true } });
    if (!program) return NO_PROGRAM;
    if (program.closedAt) return CLOSED;
    // The condition keeps two owners (or a double click) from sending twice.
    const { count } = await tx.mentoringProgram.updateMany({
      where: { associationId: association.id, OR: [{ invitedAt: null }, { invitedAt: { lte: earliest } }] },
      data: { invitedAt: now },
    });
    if (count === 0) return fail("conflict", `Invitations were sent less than ${INVITATION_RESEND_DAYS} days ago.`);
    await tx.job.create({
      data: {
        kind: INVITATIONS_JOB,
        key: invitationsKey(association.id, round, ""),
        payload: { associationId: association.id, round, after: "", queued: 0, senderId: actor.kind === "member" ? actor.userId : null },
      },
      select: { id: true },
    });
    return ok({ round });
  });
  return sent;
}

const invitationsPayload = (job: ClaimedJob) => {
  const value = (job.payload && typeof job.payload === "object" ? job.payload : {}) as Record<string, unknown>;
  return {
    associationId: String(value.associationId ?? ""),
    round: String(value.round ?? ""),
    after: String(value.after ?? ""),
    queued: Number(value.queued ?? 0) || 0,
    senderId: typeof value.senderId === "string" ? value.senderId : null,
  };
};

/**
 * One batch of an invitation round: the next INVITATION_BATCH members by id
 * who do not take part yet, each a notification and (unless they chose no
 * community email) an email job, spaced PROGRAM_EMAILS_PER_MINUTE a minute
 * from the round's start; then the next batch's job. The next job's key is
 * written first: a batch run twice (a worker died after committing) finds it
 * taken and writes nothing again.
 */
export async function runInvitationBatch(job: ClaimedJob): Promise<void> {
  const { associationId, round, after, queued, senderId } = invitationsPayload(job);
  const program = await prisma.mentoringProgram.findUnique({
    where: { associationId },
    select: { closedAt: true, invitedAt: true, association: { select: { slug: true, name: true } } },
  });
  // Closed meanwhile, or a newer round took over: nothing more to send.
  if (!program || program.closedAt || program.invitedAt?.toISOString() !== round) return;
  // AssociationMembership's key (associationId, userId) walks the members in order.
  const batch = await prisma.$queryRaw<{ userId: string; email: boolean }[]>`
    SELECT m."userId", (u."emailFrequency" <> 'NONE') AS "email"
      FROM "AssociationMembership" m
      JOIN "User" u ON u."id" = m."userId"
     WHERE m."associationId" = ${associationId} AND m."userId" > ${after} AND m."userId" IS DISTINCT FROM ${senderId}
       AND NOT EXISTS (SELECT 1 FROM "MentoringProgramMember" pm WHERE pm."associationId" = m."associationId" AND pm."userId" = m."userId")
     ORDER BY m."userId"
     LIMIT ${INVITATION_BATCH}`;
  if (batch.length === 0) return;
  const last = batch.at(-1)!.userId;
  const start = new Date(round);
  const emails = batch.filter((row) => row.email);
  await prisma.$transaction(async (tx) => {
    const next = await tx.$executeRaw`
      INSERT INTO "Job" ("id", "kind", "key", "payload", "runAt")
      VALUES (gen_random_uuid()::text, ${INVITATIONS_JOB}, ${invitationsKey(associationId, round, last)},
              ${JSON.stringify({ associationId, round, after: last, queued: queued + emails.length, senderId })}::jsonb, now())
      ON CONFLICT ("key") DO NOTHING`;
    if (next === 0) return;
    await tx.notification.createMany({
      data: batch.map((row) => ({
        userId: row.userId,
        kind: "MENTORING_PROGRAM" as const,
        actorId: senderId,
        data: associationNotificationData(program.association),
      })),
    });
    if (emails.length > 0) {
      const values = emails.map((row, index) => {
        const minute = Math.floor((queued + index) / PROGRAM_EMAILS_PER_MINUTE);
        const key = `${INVITATION_EMAIL_JOB}:${associationId}:${round}:${row.userId}`;
        const payload = JSON.stringify({ associationId, userId: row.userId, key });
        return Prisma.sql`(gen_random_uuid()::text, ${INVITATION_EMAIL_JOB}, ${key}, ${payload}::jsonb, ${new Date(start.getTime() + minute * 60_000)})`;
      });
      await tx.$executeRaw`
        INSERT INTO "Job" ("id", "kind", "key", "payload", "runAt") VALUES ${Prisma.join(values)}
        ON CONFLICT ("key") DO NOTHING`;
    }
  });
}

/** One member's invitation email, checked again as it goes: still a member, not in yet, the program open, email wanted. */
export async function sendInvitationEmail(payload: { associationId: string; userId: string; key: string }): Promise<void> {
  const row = await prisma.associationMembership.findUnique({
    where: { associationId_userId: { associationId: payload.associationId, userId: payload.userId } },
    select: {
      mentoringProgram: { select: { userId: true } },
      user: { select: { email: true, emailFrequency: true } },
      association: { select: { slug: true, name: true, mentoringProgram: { select: { invitation: true, closedAt: true } } } },
    },
  });
  const program = row?.association.mentoringProgram;
  if (!row || !program || program.closedAt || row.mentoringProgram || row.user.emailFrequency === "NONE") return;
  const { association } = row;
  const url = siteOrigin() + programPath(association.slug);
  const subject = `${association.name} invites you to its mentoring program`;
  const id = await writeOutboxEmail(
    composeCommunityEmail({
      to: row.user.email,
      userId: payload.userId,
      unsubscribeUrl: await unsubscribeUrl(payload.userId),
      kind: "notification",
      dedupeKey: payload.key,
      subject,
      preheader: program.invitation.slice(0, 120),
      text: [`${subject}:`, "", program.invitation, "", `Read more and take part as a mentor, a mentee or both: ${url}`].join("\n"),
      bodyHtml: [html.heading(subject), html.quote(program.invitation), html.button(url, "Read the invitation")].join("\n"),
      reason: `You get this email because you are a member of ${association.name} on CME Commons. Choose "no community email" in your settings to get none like it.`,
    }),
  );
  if (id) await deliverEmail(id);
}

export const programJobHandlers: JobHandlers = {
  [INVITATIONS_JOB]: (job) => runInvitationBatch(job),
  [INVITATION_EMAIL_JOB]: async (job) => {
    const value = (job.payload && typeof job.payload === "object" ? job.payload : {}) as Record<string, unknown>;
    if (typeof value.associationId !== "string" || typeof value.userId !== "string" || typeof value.key !== "string") return;
    await sendInvitationEmail({ associationId: value.associationId, userId: value.userId, key: value.key });
  },
};

/** Runs the invitations now rather than at the next tick, on an instance that runs jobs at all. */
export async function runProgramJobsNow() {
  if (process.env.JOBS === "off") return;
  await runJobsUntilIdle({ handlers: programJobHandlers, maxBatches: 20 });
}

// ─── Taking part (members) ─────────────────────────────────────────────────

/** The program as a member sees it: the invitation, whether they take part and how, and their mentoring settings' state. */
export async function getProgramForMember(actor: MemberActor, slug: string) {
  const found = await findAssociation(actor, slug);
  if (!found) return fail("not-found", "We couldn't find that association.");
  const { association, membership } = found;
  const runs = canRunMentoringProgram(actor, membership);
  if (!canTakePartInProgram(actor, membership) && !runs) {
    return fail("forbidden", `Only members of ${association.name} take part in its mentoring program.`);
  }
  const [program, mine, preference] = await Promise.all([
    prisma.mentoringProgram.findUnique({ where: { associationId: association.id }, select: { invitation: true, startedAt: true, closedAt: true } }),
    prisma.mentoringProgramMember.findUnique({
      where: { associationId_userId: { associationId: association.id, userId: actor.userId } },
      select: { asMentor: true, asMentee: true, joinedAt: true },
    }),
    prisma.mentoringPreference.findUnique({ where: { userId: actor.userId }, select: { offering: true, offerPausedAt: true, seeking: true, seekPausedAt: true } }),
  ]);
  if (!program && !runs) return NO_PROGRAM;
  return ok({
    association: { slug: association.slug, name: association.name },
    program,
    mine,
    offering: preference ? (!preference.offering ? "off" : preference.offerPausedAt ? "paused" : "on") : "off",
    seeking: preference ? (!preference.seeking ? "off" : preference.seekPausedAt ? "paused" : "on") : "off",
    canRun: runs,
    isMember: membership !== null,
    canOptIn: canOptIn(actor, membership, program),
  });
}

async function programFor(actor: MemberActor, slug: string) {
  const found = await findAssociation(actor, slug);
  if (!found) return fail("not-found", "We couldn't find that association.");
  if (!found.membership) return fail("forbidden", `Only members of ${found.association.name} take part in its mentoring program.`);
  const program = await prisma.mentoringProgram.findUnique({ where: { associationId: found.association.id }, select: { closedAt: true } });
  if (!program) return NO_PROGRAM;
  return ok({ association: found.association, membership: found.membership, program });
}

/** Opts in as a mentor, a mentee or both (or changes which). */
export async function joinProgram(actor: MemberActor, slug: string, input: { asMentor: boolean; asMentee: boolean }): Promise<Result> {
  if (!canContribute(actor)) return fail("forbidden", UNCONFIRMED_MESSAGE);
  if (!input.asMentor && !input.asMentee) return failFields({ asMentor: ["Choose mentor, mentee or both"] });
  const found = await programFor(actor, slug);
  if (!found.ok) return found;
  const { association, membership, program } = found.value;
  if (!canOptIn(actor, membership, program)) return CLOSED;
  const values = { asMentor: input.asMentor, asMentee: input.asMentee };
  await prisma.mentoringProgramMember.upsert({
    where: { associationId_userId: { associationId: association.id, userId: actor.userId } },
    create: { associationId: association.id, userId: actor.userId, ...values },
    update: values,
    select: { userId: true },
  });
  return ok(null);
}

/** Stops taking part. Proposals and mentorships already made stay as they are. */
export async function leaveProgram(actor: MemberActor, slug: string): Promise<Result> {
  const found = await findAssociation(actor, slug);
  if (!found) return fail("not-found", "We couldn't find that association.");
  await prisma.mentoringProgramMember.deleteMany({ where: { associationId: found.association.id, userId: actor.userId } });
  return ok(null);
}

/** The open programs of the member's associations, for /mentoring: one query. */
export async function myAssociationPrograms(actor: MemberActor) {
  // AssociationMembership (userId, associationId), then each association's program by its key.
  return prisma.$queryRaw<{ slug: string; name: string; asMentor: boolean; asMentee: boolean }[]>`
    SELECT a."slug", a."name", coalesce(pm."asMentor", false) AS "asMentor", coalesce(pm."asMentee", false) AS "asMentee"
      FROM "AssociationMembership" m
      JOIN "Association" a ON a."id" = m."associationId"
      JOIN "MentoringProgram" p ON p."associationId" = m."associationId" AND p."closedAt" IS NULL
      LEFT JOIN "MentoringProgramMember" pm ON pm."associationId" = m."associationId" AND pm."userId" = m."userId"
     WHERE m."userId" = ${actor.userId}
     ORDER BY a."name", a."id"
     LIMIT 20`;
}

// ─── Proposing a pair ──────────────────────────────────────────────────────

/**
 * Whether an association may pair `mentorId` with `menteeId`, each part
 * apart, in one statement: its program is open, both take part (the mentor as
 * a mentor, the mentee as a mentee; leaving the association ends taking
 * part), the mentee's address is confirmed, and the mentor is available to
 * them by the suggestions' one rule (`availableMentorSql`, for a proposal),
 * with its parts named so that a refusal can say which failed. Asked when
 * proposing and again whenever a member accepts the proposal (`except` the
 * proposal itself).
 */
export type PairingCheck = {
  associationSlug: string | null;
  associationName: string | null;
  programOpen: boolean;
  mentorTakesPart: boolean;
  menteeTakesPart: boolean;
  menteeConfirmed: boolean;
  available: boolean | null;
  offering: boolean | null;
  notPaused: boolean | null;
  confirmed: boolean | null;
  nothingBetween: boolean | null;
  notDeclinedLately: boolean | null;
  hasRoom: boolean | null;
};

export async function checkPairing(
  db: Db,
  associationId: string | null,
  menteeId: string,
  mentorId: string,
  purpose: { now: Date; except?: string },
): Promise<PairingCheck> {
  const rule = { kind: "propose" as const, ...purpose };
  const clause = availabilityClausesSql(menteeId, rule);
  // Each by a key: the program, the two participants, the mentee, the mentor's preference.
  const [row] = await db.$queryRaw<PairingCheck[]>`
    SELECT a."slug" AS "associationSlug", a."name" AS "associationName",
           EXISTS (SELECT 1 FROM "MentoringProgram" pg WHERE pg."associationId" = ${associationId} AND pg."closedAt" IS NULL) AS "programOpen",
           EXISTS (SELECT 1 FROM "MentoringProgramMember" x WHERE x."associationId" = ${associationId} AND x."userId" = ${mentorId} AND x."asMentor") AS "mentorTakesPart",
           EXISTS (SELECT 1 FROM "MentoringProgramMember" x WHERE x."associationId" = ${associationId} AND x."userId" = ${menteeId} AND x."asMentee") AS "menteeTakesPart",
           EXISTS (SELECT 1 FROM "User" u WHERE u."id" = ${menteeId} AND u."emailConfirmedAt" IS NOT NULL) AS "menteeConfirmed",
           d."available", d."offering", d."notPaused", d."confirmed", d."nothingBetween", d."notDeclinedLately", d."hasRoom"
      FROM (SELECT 1) one
      LEFT JOIN "Association" a ON a."id" = ${associationId}
      LEFT JOIN LATERAL (
        SELECT (${availableMentorSql(menteeId, rule)}) AS "available",
               ${clause.offering} AS "offering", ${clause.notPaused} AS "notPaused", ${clause.confirmed} AS "confirmed",
               (${clause.nothingBetween}) AS "nothingBetween", (${clause.notDeclinedLately}) AS "notDeclinedLately", ${clause.hasRoom} AS "hasRoom"
          FROM "MentoringPreference" p
         WHERE p."userId" = ${mentorId}
      ) d ON TRUE`;
  return row!;
}

/** The parts of a pairing check, each of which must hold. */
const PAIRING_PARTS = [
  "programOpen",
  "mentorTakesPart",
  "menteeTakesPart",
  "menteeConfirmed",
  "offering",
  "notPaused",
  "confirmed",
  "nothingBetween",
  "notDeclinedLately",
  "hasRoom",
] as const;

const failingParts = (check: PairingCheck) => PAIRING_PARTS.filter((part) => check[part] !== true);

/** The pair may be proposed (or the proposal accepted) now. */
export const pairingPossible = (check: PairingCheck) => check.available === true && failingParts(check).length === 0;

/** Only the mentor's room is missing: they may make room (raise their number, end a mentorship). */
export const pairingLacksRoomOnly = (check: PairingCheck) => {
  const failing = failingParts(check);
  return failing.length === 1 && failing[0] === "hasRoom";
};

/**
 * Why the mentor cannot be proposed, in the owner's words. A hide is never
 * told apart from an earlier request, a mentorship or a member's declined
 * request ("cannot be proposed to each other"), and a recently declined
 * proposal is told before any of those, in words that do not say which of
 * the two declined: so the owner cannot tell a hide from a plain "no".
 */
function whyUnavailable(check: PairingCheck, mentorName: string): string {
  if (!check.offering) {
    return `${mentorName} is not offering to mentor at the moment: they turn it on in Settings → Mentoring, with their areas.`;
  }
  if (!check.notPaused) return `${mentorName} has paused offering to mentor.`;
  if (!check.confirmed) return `${mentorName} has not confirmed their email address yet.`;
  if (!check.notDeclinedLately) {
    return `One of these two declined a proposal to pair them less than ${PROPOSAL_DECLINED_DAYS} days ago, so they cannot be proposed to each other again yet.`;
  }
  if (!check.nothingBetween) {
    return "These two cannot be proposed to each other: there is already a request, proposal or mentorship between them, or one of them chose not to be paired with the other.";
  }
  if (!check.hasRoom) return `${mentorName} already mentors as many members as they offered to.`;
  return `${mentorName} cannot be proposed as a mentor right now.`;
}

/**
 * Proposes `mentor` to mentor `mentee` (handles of two participants, as a
 * mentor and as a mentee), with an optional note. Both are told, by
 * notification and by email (unless they chose none); each accepts or
 * declines on the request page, and the mentorship starts once both accept.
 */
export async function proposePair(
  actor: Actor,
  slug: string,
  input: { mentee: string; mentor: string; note?: string },
  /** The site's address for the emailed links (the request's origin; SITE_URL when set). */
  origin: string = siteOrigin(),
  now = new Date(),
): Promise<Result<{ id: string }>> {
  const found = await authorizeAssociation(actor, slug, canRunMentoringProgram);
  if (!found.ok) return found;
  const { association } = found.value;
  const program = await prisma.mentoringProgram.findUnique({ where: { associationId: association.id }, select: { closedAt: true } });
  if (!program) return NO_PROGRAM;
  if (program.closedAt) return CLOSED;
  if (input.mentee === input.mentor) return failFields({ mentor: ["Choose someone other than the mentee"] });
  const people = await prisma.mentoringProgramMember.findMany({
    where: { associationId: association.id, membership: { user: { profile: { handle: { in: [input.mentee, input.mentor] } } } } },
    select: {
      userId: true,
      asMentor: true,
      asMentee: true,
      membership: {
        select: {
          user: { select: { emailConfirmedAt: true, profile: { select: { handle: true, displayName: true } }, mentoringPreference: { select: { offerAreas: true, seekAreas: true } } } },
        },
      },
    },
  });
  const byHandle = new Map(people.map((person) => [person.membership.user.profile?.handle, person]));
  const mentee = byHandle.get(input.mentee);
  const mentor = byHandle.get(input.mentor);
  const errors: Record<string, string[]> = {};
  if (!mentee?.asMentee) errors.mentee = ["Choose a member who takes part in the program as a mentee"];
  else if (!mentee.membership.user.emailConfirmedAt) errors.mentee = ["This member has not confirmed their email address yet"];
  if (!mentor?.asMentor) errors.mentor = ["Choose a member who takes part in the program as a mentor"];
  if (!mentee || !mentor || Object.keys(errors).length > 0) return failFields(errors);
  const mentorName = mentor.membership.user.profile?.displayName ?? "This member";
  // The areas both named: what the mentor offers and the mentee asks for.
  const asked = new Set(mentee.membership.user.mentoringPreference?.seekAreas ?? []);
  const areas = (mentor.membership.user.mentoringPreference?.offerAreas ?? []).filter((slug) => asked.has(slug));
  const actorId = actor.kind === "member" ? actor.userId : null;

  const created = await prisma.$transaction(async (tx) => {
    // The one rule, checked inside the transaction: the program, taking part, capacity, blocks and earlier requests may have changed.
    const check = await checkPairing(tx, association.id, mentee.userId, mentor.userId, { now });
    if (!pairingPossible(check)) {
      if (!check.programOpen) return { id: null, refused: CLOSED };
      if (!check.menteeTakesPart) return { id: null, refused: failFields({ mentee: ["Choose a member who takes part in the program as a mentee"] }) };
      if (!check.menteeConfirmed) return { id: null, refused: failFields({ mentee: ["This member has not confirmed their email address yet"] }) };
      if (!check.mentorTakesPart) return { id: null, refused: failFields({ mentor: ["Choose a member who takes part in the program as a mentor"] }) };
      return { id: null, refused: failFields({ mentor: [whyUnavailable(check, mentorName)] }) };
    }
    const row = await tx.mentorship.create({
      data: {
        mentorId: mentor.userId,
        menteeId: mentee.userId,
        status: "PROPOSED",
        proposedByAssociationId: association.id,
        areas,
        message: input.note ?? "",
      },
      select: { id: true },
    });
    // Their own emails (below) go out unless they chose none: no second one from the notification job.
    await tx.notification.createMany({
      data: [mentor.userId, mentee.userId].map((userId) => ({
        userId,
        kind: "MENTORING_PROPOSED" as const,
        actorId,
        mentorshipId: row.id,
        data: associationNotificationData(association),
      })),
    });
    return { id: row.id, refused: null };
  });
  if (created.id === null) return created.refused!;
  await emailProposal(created.id, association, origin);
  return ok({ id: created.id });
}

/** Both members' emails about a proposal, each linking to the request page where they accept or decline. */
async function emailProposal(id: string, association: Pick<AssociationRef, "name">, origin: string): Promise<void> {
  const row = await prisma.mentorship.findUnique({
    where: { id },
    select: {
      message: true,
      mentor: { select: { id: true, email: true, emailFrequency: true, profile: { select: { displayName: true } } } },
      mentee: { select: { id: true, email: true, emailFrequency: true, profile: { select: { displayName: true } } } },
    },
  });
  if (!row) return;
  const url = origin + requestPath(id);
  const sides = [
    { user: row.mentor, subject: `${association.name} proposes that you mentor ${nameOf(row.mentee)}` },
    { user: row.mentee, subject: `${association.name} proposes ${nameOf(row.mentor)} as your mentor` },
  ];
  for (const { user, subject } of sides) {
    if (user.emailFrequency === "NONE") continue;
    const note = row.message ? ["", `Their note: ${row.message}`] : [];
    const emailId = await writeOutboxEmail(
      composeCommunityEmail({
        to: user.email,
        userId: user.id,
        unsubscribeUrl: await unsubscribeUrl(user.id),
        kind: "notification",
        dedupeKey: `mentoring-proposal:${id}:${user.id}`,
        subject,
        preheader: "The mentorship starts once both of you accept.",
        text: [`${subject}.`, ...note, "", "The mentorship starts once both of you accept.", "", `Read the proposal and answer it: ${url}`].join("\n"),
        bodyHtml: [
          html.heading(subject),
          row.message ? html.quote(row.message) : "",
          html.paragraph("The mentorship starts once both of you accept."),
          html.button(url, "Read the proposal"),
        ]
          .filter(Boolean)
          .join("\n"),
        reason: `You get this email because you take part in the mentoring program of ${association.name} on CME Commons.`,
      }),
    );
    if (emailId) await deliverEmail(emailId);
  }
}

// ─── Withdrawing a proposal ────────────────────────────────────────────────

/**
 * The owner takes back a proposal that still waits (neither or only one of
 * the two accepted): it becomes WITHDRAWN, which blocks nothing later, and
 * both members are told. A proposal both accepted in the meantime has become
 * a mentorship and stays one (either member may end it); one a member
 * declined stays declined.
 */
export async function withdrawProposal(actor: Actor, slug: string, mentorshipId: string, now = new Date()): Promise<Result<{ pair: string }>> {
  const found = await authorizeAssociation(actor, slug, canRunMentoringProgram);
  if (!found.ok) return found;
  const { association } = found.value;
  const notFound = fail("not-found", "Your association has no such proposal.");
  const actorId = actor.kind === "member" ? actor.userId : null;
  const outcome = await prisma.$transaction(async (tx) => {
    // Checked and changed in one statement: an acceptance committing meanwhile leaves nothing to withdraw.
    const withdrawn = await tx.mentorship.updateManyAndReturn({
      where: { id: mentorshipId, proposedByAssociationId: association.id, status: "PROPOSED" },
      data: { status: "WITHDRAWN", decidedAt: now },
      select: { mentorId: true, menteeId: true },
    });
    const row = withdrawn[0];
    if (!row) {
      const current = await tx.mentorship.findFirst({
        where: { id: mentorshipId, proposedByAssociationId: association.id },
        select: { status: true },
      });
      return { row: null, status: current?.status ?? null };
    }
    await writeNotifications(
      [row.mentorId, row.menteeId].map((userId) => ({
        userId,
        kind: "MENTORING_PROPOSAL_WITHDRAWN" as const,
        actorId,
        mentorshipId,
        data: associationNotificationData(association),
      })),
      tx,
    );
    return { row, status: "WITHDRAWN" as const };
  });
  if (!outcome.row) {
    switch (outcome.status) {
      case null:
        return notFound;
      case "ACTIVE":
      case "ENDED":
        return fail("conflict", "Both members accepted this proposal before you withdrew it: the mentorship has started. Either of them can end it.");
      case "DECLINED":
        return fail("conflict", "This proposal was declined already: there is nothing to withdraw.");
      default:
        return fail("conflict", "This proposal was withdrawn already.");
    }
  }
  const names = await prisma.profile.findMany({ where: { userId: { in: [outcome.row.mentorId, outcome.row.menteeId] } }, select: { userId: true, displayName: true } });
  const name = (userId: string) => names.find((n) => n.userId === userId)?.displayName ?? "Former member";
  return ok({ pair: `${name(outcome.row.mentorId)} mentoring ${name(outcome.row.menteeId)}` });
}
