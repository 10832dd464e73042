/**
 * Mentorships: the request, the answer, the pair's private space (messages,
 * schedule, ending with a reflection, showing on profiles) and the small
 * block list. Each use case authorises with ./policy, validates, writes in
 * one transaction, then tells the other member (notifications; the request
 * also by email, since the mentor answers from its link).
 *
 * The conversation is not a forum thread: it appears in no category, list,
 * search, feed or digest. Only its two members read it.
 */
import { canContribute, type MemberActor } from "~/domain/members/actor";
import { renderPostBody } from "~/domain/discussions/post-body.server";
import { composeCommunityEmail } from "~/domain/email/compose.server";
import { unsubscribeUrl } from "~/domain/email/unsubscribe.server";
import { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/utils/db.server";
import { deliverEmail, siteOrigin, writeOutboxEmail } from "~/utils/email.server";
import { html } from "~/utils/email-render";
import { writeNotifications } from "~/utils/notify.server";
import { cursorDate, cursorString, decodeCursor, encodeCursor } from "~/utils/cursor";
import { fail, failFields, ok, type Result } from "~/utils/result";
import { isTimeZone } from "~/utils/zoned-dates";
import { UNCONFIRMED_MESSAGE } from "~/domain/members/actor";
import { associationNotificationData } from "~/domain/associations/memberships.server";
import { latestAreas, namesOf, toSlugs } from "./areas.server";
import { MESSAGES_PAGE_SIZE, requestPath } from "./constants";
import { canAnswer, canTakePart, canViewMentorship, canWithdraw, sideOf, visibleMentorshipsWhere, type MentorshipFacts } from "./policy";
import { checkPairing, pairingLacksRoomOnly, pairingPossible } from "./programs.server";
import { isAvailableMentor } from "./suggestions.server";

const NOT_FOUND = fail("not-found", "That mentorship does not exist.");

const factsSelect = {
  id: true,
  mentorId: true,
  menteeId: true,
  status: true,
  mentorAcceptedAt: true,
  menteeAcceptedAt: true,
  proposedByAssociationId: true,
} as const;

/** The mentorship with what the rules need, or null when the actor is not one of its two members. */
async function loadFacts(actor: MemberActor, id: string) {
  const row = await prisma.mentorship.findFirst({ where: { id, ...visibleMentorshipsWhere(actor) }, select: factsSelect });
  return row && canViewMentorship(actor, row) ? row : null;
}

const personSelect = { profile: { select: { displayName: true, handle: true } } } as const;

/** `visibleMentorshipsWhere` for raw SQL over "Mentorship" as `alias`: the pair's two members, nobody else. */
export function visibleMentorshipsSql(actor: MemberActor, alias: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`(${alias}."mentorId" = ${actor.userId} OR ${alias}."menteeId" = ${actor.userId})`;
}

// ─── Asking ────────────────────────────────────────────────────────────────

/** A mentor the member may ask, as the ask page shows them; null when they may not be asked. */
export async function getAskable(actor: MemberActor, handle: string) {
  const mentor = await prisma.profile.findUnique({
    where: { handle },
    select: { userId: true, displayName: true, handle: true, user: { select: { mentoringPreference: { select: { offerNote: true } } } } },
  });
  if (!mentor || mentor.userId === actor.userId) return null;
  const [seeking, available, latest] = await Promise.all([
    prisma.mentoringPreference.findUnique({ where: { userId: actor.userId }, select: { seeking: true, seekPausedAt: true, seekAreas: true } }),
    isAvailableMentor(actor.userId, mentor.userId),
    latestAreas(actor.userId),
  ]);
  if (!seeking?.seeking || seeking.seekPausedAt || !available) return null;
  const wanted = new Set(seeking.seekAreas.length > 0 ? seeking.seekAreas : latest.gapSlugs);
  return {
    mentor: { displayName: mentor.displayName, handle: mentor.handle, note: mentor.user.mentoringPreference?.offerNote ?? "" },
    areas: latest.areas.filter((area) => wanted.has(area.slug)).map((area) => ({ value: area.value, name: area.name })),
  };
}

/** Sends a request: the mentor must still be available to this member (the suggestions' rule). */
export async function requestMentor(
  actor: MemberActor,
  handle: string,
  input: { message: string; areas?: string[] },
  /** The site's address for the emailed link (the request's origin; SITE_URL when set). */
  origin: string = siteOrigin(),
): Promise<Result<{ id: string }>> {
  if (!canContribute(actor)) return fail("forbidden", UNCONFIRMED_MESSAGE);
  const mentor = await prisma.profile.findUnique({ where: { handle }, select: { userId: true } });
  if (!mentor || mentor.userId === actor.userId) return fail("not-found", "That member is not offering to mentor.");
  const latest = await latestAreas(actor.userId);
  const areas = toSlugs(latest.areas, input.areas);
  if (areas.length === 0) return failFields({ areas: ["Choose at least one area"] });
  const created = await prisma.$transaction(async (tx) => {
    // Checked again inside the transaction: capacity, blocks and earlier requests may have changed.
    if (!(await isAvailableMentor(actor.userId, mentor.userId, tx))) return null;
    const row = await tx.mentorship.create({
      data: { mentorId: mentor.userId, menteeId: actor.userId, status: "REQUESTED", areas, message: input.message },
      select: { id: true },
    });
    // The request's own email (below) goes out whatever the email setting but "none": no second one from the job.
    await tx.notification.create({
      data: { userId: mentor.userId, kind: "MENTORING_REQUEST", actorId: actor.userId, mentorshipId: row.id },
      select: { id: true },
    });
    return row;
  });
  if (!created) return fail("conflict", "This member can no longer be asked: they may have paused, be at capacity, or you asked them already.");
  await emailRequest(created.id, origin);
  return ok(created);
}

/**
 * The email that takes the mentor to the request's page (which only shows
 * it: the buttons there decide). Sent unless the mentor chose no email.
 */
async function emailRequest(id: string, origin: string): Promise<void> {
  const row = await prisma.mentorship.findUnique({
    where: { id },
    select: {
      message: true,
      mentor: { select: { id: true, email: true, emailFrequency: true } },
      mentee: { select: personSelect },
    },
  });
  if (!row || row.mentor.emailFrequency === "NONE") return;
  const name = row.mentee.profile?.displayName ?? "A member";
  const url = origin + requestPath(id);
  const subject = `${name} asks you to be their mentor`;
  const emailId = await writeOutboxEmail(
    composeCommunityEmail({
      to: row.mentor.email,
      userId: row.mentor.id,
      unsubscribeUrl: await unsubscribeUrl(row.mentor.id),
      kind: "notification",
      dedupeKey: `mentoring-request:${id}`,
      subject,
      preheader: row.message.slice(0, 120),
      text: [`${subject}:`, "", row.message, "", `Read the request and answer it: ${url}`].join("\n"),
      bodyHtml: [html.heading(subject), html.quote(row.message), html.button(url, "Read the request")].join("\n"),
      reason: "You get this email because you offered to mentor on CME Commons (Settings → Mentoring).",
    }),
  );
  if (emailId) await deliverEmail(emailId);
}

/** The request page: what was asked, by whom, and what the actor may do. */
export async function getRequest(actor: MemberActor, id: string) {
  const row = await prisma.mentorship.findFirst({
    where: { id, ...visibleMentorshipsWhere(actor) },
    select: {
      ...factsSelect,
      areas: true,
      message: true,
      decisionNote: true,
      createdAt: true,
      mentor: { select: { ...personSelect, timeZone: true } },
      mentee: { select: { ...personSelect, timeZone: true, mentoringPreference: { select: { hopes: true } } } },
      proposedBy: { select: { name: true } },
    },
  });
  if (!row || !canViewMentorship(actor, row)) return null;
  const side = sideOf(actor, row)!;
  // The reader's own time zone (never the other member's), for the page's dates.
  const timeZone = side === "mentor" ? row.mentor.timeZone : row.mentee.timeZone;
  const mine = await latestAreas(actor.userId);
  const areaNames = namesOf(mine.areas, row.areas);
  return {
    id: row.id,
    side,
    status: row.status,
    message: row.message,
    hopes: row.mentee.mentoringPreference?.hopes ?? "",
    decisionNote: row.decisionNote,
    createdAt: row.createdAt.toISOString(),
    timeZone,
    areaNames,
    otherAreas: row.areas.length - areaNames.length,
    proposedBy: row.proposedBy?.name ?? null,
    mentor: { name: row.mentor.profile?.displayName ?? "Former member", handle: row.mentor.profile?.handle ?? null },
    mentee: { name: row.mentee.profile?.displayName ?? "Former member", handle: row.mentee.profile?.handle ?? null },
    canAnswer: canAnswer(actor, row),
    canWithdraw: canWithdraw(actor, row),
    youAccepted: side === "mentor" ? row.mentorAcceptedAt !== null : row.menteeAcceptedAt !== null,
  };
}

/** Accept or decline a request (the mentor) or a proposal (either side). */
export async function answerRequest(
  actor: MemberActor,
  id: string,
  input: { decision: "accept" | "decline"; note?: string },
  now = new Date(),
): Promise<Result<{ status: string }>> {
  const facts = await loadFacts(actor, id);
  if (!facts) return NOT_FOUND;
  if (!canAnswer(actor, facts)) return fail("conflict", "This request has already been answered.");
  const side = sideOf(actor, facts)!;
  const other = side === "mentor" ? facts.menteeId : facts.mentorId;
  // An association's proposal reads as one in the other member's notification.
  const proposed = facts.status === "PROPOSED";
  const result = await prisma.$transaction(async (tx) => {
    if (input.decision === "decline") {
      const changed = await tx.mentorship.updateMany({
        where: { id, status: facts.status },
        data: { status: "DECLINED", decisionNote: input.note ?? "", decidedAt: now },
      });
      if (changed.count === 0) return null;
      await writeNotifications(
        [{ userId: other, kind: "MENTORING_DECIDED", actorId: actor.userId, mentorshipId: id, data: { decision: "DECLINED", reason: input.note ?? "", proposed } }],
        tx,
      );
      return "DECLINED";
    }
    const acceptedBoth =
      facts.status === "REQUESTED" || (side === "mentor" ? facts.menteeAcceptedAt !== null : facts.mentorAcceptedAt !== null);
    if (proposed) {
      // The rule the proposal was made under, asked again (this proposal aside): a hide, a pause, leaving the
      // association or the program, its closing may have come since. No longer possible: it is withdrawn, and
      // the other member told; only the mentor's room missing: refused, still waiting (they may make room).
      const check = await checkPairing(tx, facts.proposedByAssociationId, facts.menteeId, facts.mentorId, { now, except: id });
      if (!pairingPossible(check)) {
        if (pairingLacksRoomOnly(check)) {
          if (acceptedBoth) return "full";
        } else {
          const changed = await tx.mentorship.updateMany({ where: { id, status: "PROPOSED" }, data: { status: "WITHDRAWN", decidedAt: now } });
          if (changed.count === 0) return null;
          const association = check.associationSlug ? { slug: check.associationSlug, name: check.associationName ?? check.associationSlug } : null;
          await writeNotifications(
            [{ userId: other, kind: "MENTORING_PROPOSAL_WITHDRAWN", mentorshipId: id, data: association ? associationNotificationData(association) : {} }],
            tx,
          );
          return "gone";
        }
      }
    } else {
      // Accepting a request takes a place: refused once the mentor is at capacity.
      const preference = await tx.mentoringPreference.findUnique({ where: { userId: facts.mentorId }, select: { capacity: true } });
      const active = await tx.mentorship.count({ where: { mentorId: facts.mentorId, status: "ACTIVE" } });
      if (active >= (preference?.capacity ?? 1)) return "full";
    }
    const stamp = side === "mentor" ? { mentorAcceptedAt: now } : { menteeAcceptedAt: now };
    const changed = await tx.mentorship.updateMany({
      where: { id, status: facts.status },
      data: { ...stamp, ...(acceptedBoth ? { status: "ACTIVE", decidedAt: now, decisionNote: input.note ?? "" } : {}) },
    });
    if (changed.count === 0) return null;
    if (acceptedBoth) {
      await writeNotifications(
        [{ userId: other, kind: "MENTORING_DECIDED", actorId: actor.userId, mentorshipId: id, data: { decision: "ACCEPTED", reason: input.note ?? "", proposed } }],
        tx,
      );
    }
    return acceptedBoth ? "ACTIVE" : facts.status;
  });
  if (result === null) return fail("conflict", "This request has already been answered.");
  if (result === "gone") {
    // Said the same whatever changed: a hide is never told.
    return fail(
      "conflict",
      "This pairing is no longer possible (something changed since it was proposed), so the proposal is withdrawn and the mentorship will not start. The other member has been told.",
      { why: "withdrawn" },
    );
  }
  if (result === "full") {
    return side === "mentor"
      ? fail("conflict", "You already mentor as many members as you offered to. Raise your number in Settings → Mentoring, or end a mentorship, first.")
      : fail("conflict", "Your mentor-to-be has no room for another mentee at the moment. The proposal stays open: you can accept it once they have room, or decline it.");
  }
  return ok({ status: result });
}

/** The mentee takes a waiting request back. */
export async function withdrawRequest(actor: MemberActor, id: string): Promise<Result> {
  const facts = await loadFacts(actor, id);
  if (!facts) return NOT_FOUND;
  if (!canWithdraw(actor, facts)) return fail("conflict", "This request has already been answered.");
  const changed = await prisma.mentorship.updateMany({ where: { id, status: "REQUESTED" }, data: { status: "WITHDRAWN" } });
  return changed.count === 1 ? ok(null) : fail("conflict", "This request has already been answered.");
}

// ─── The member's mentoring page ───────────────────────────────────────────

/** Every mentorship the member is in, by state: two queries (with the hidden members). */
export async function listMyMentoring(actor: MemberActor) {
  // Two round trips in all: nested selects would take one per relation (the page's budget is 8).
  const [rows, hidden] = await Promise.all([
    prisma.$queryRaw<(MentorshipFacts & { id: string; updatedAt: Date; proposedByAssociationId: string | null; otherName: string | null })[]>`
      SELECT m."id", m."mentorId", m."menteeId", m."status"::text AS "status", m."mentorAcceptedAt", m."menteeAcceptedAt",
             m."updatedAt", m."proposedByAssociationId", p."displayName" AS "otherName"
        FROM "Mentorship" m
        LEFT JOIN "Profile" p ON p."userId" = CASE WHEN m."mentorId" = ${actor.userId} THEN m."menteeId" ELSE m."mentorId" END
       WHERE ${visibleMentorshipsSql(actor, Prisma.raw(`m`))}
       ORDER BY m."updatedAt" DESC, m."id" DESC
       LIMIT 200`,
    prisma.$queryRaw<{ displayName: string; handle: string }[]>`
      SELECT p."displayName", p."handle"
        FROM "MentoringBlock" b
        JOIN "Profile" p ON p."userId" = b."blockedId"
       WHERE b."userId" = ${actor.userId}
       ORDER BY b."createdAt" DESC`,
  ]);
  const items = rows.map((row) => {
    const side = sideOf(actor, row)!;
    return {
      id: row.id,
      side,
      status: row.status,
      otherName: row.otherName ?? "Former member",
      waitingForYou: canAnswer(actor, row),
      proposed: row.status === "PROPOSED" || row.proposedByAssociationId !== null,
      updatedAt: row.updatedAt.toISOString(),
    };
  });
  return {
    waiting: items.filter((item) => item.status === "REQUESTED" || item.status === "PROPOSED"),
    active: items.filter((item) => item.status === "ACTIVE"),
    ended: items.filter((item) => item.status === "ENDED"),
    closed: items.filter((item) => item.status === "DECLINED" || item.status === "WITHDRAWN"),
    hidden: hidden.map((row) => ({ name: row.displayName, handle: row.handle })),
  };
}

// ─── The pair's space ──────────────────────────────────────────────────────

/**
 * The pair's names, handles and time zones in one round trip (a nested
 * select takes one per member and relation; the space's budget is 8).
 */
async function pairOf(mentorId: string, menteeId: string) {
  const rows = await prisma.$queryRaw<{ id: string; timeZone: string; displayName: string | null; handle: string | null }[]>`
    SELECT u."id", u."timeZone", p."displayName", p."handle"
      FROM "User" u LEFT JOIN "Profile" p ON p."userId" = u."id"
     WHERE u."id" IN (${mentorId}, ${menteeId})`;
  return new Map(rows.map((row) => [row.id, row]));
}

type MessageCursor = { createdAt: Date; id: string };

/** The position of the oldest message shown, for "Show older messages". */
const olderCursor = (message: MessageCursor) => encodeCursor([message.createdAt, message.id]);

function fromOlderCursor(text: string | null | undefined): MessageCursor | null {
  return decodeCursor(text, { length: 2, maxLength: 200 }, ([at, id]) => {
    const createdAt = cursorDate(at);
    const lastId = cursorString(id, 64);
    return createdAt && lastId !== null ? { createdAt, id: lastId } : null;
  });
}

/**
 * The space as one of its members sees it: the newest messages (or, with
 * `before`, those written before a "Show older messages" cursor), the
 * schedule, the reflections, and the viewer's time zone for its dates.
 */
export async function getSpace(actor: MemberActor, id: string, options: { before?: string | null } = {}) {
  const before = fromOlderCursor(options.before);
  const row = await prisma.mentorship.findFirst({
    where: { id, ...visibleMentorshipsWhere(actor), status: { in: ["ACTIVE", "ENDED"] } },
    select: {
      ...factsSelect,
      areas: true,
      schedule: true,
      nextMeetingOn: true,
      endedAt: true,
      endedById: true,
      mentorReflection: true,
      menteeReflection: true,
      mentorShows: true,
      menteeShows: true,
      messages: {
        // Keyset on (createdAt, id), newest first, by the (mentorshipId, createdAt) index; one more to know whether there are older ones.
        where: before ? { OR: [{ createdAt: { lt: before.createdAt } }, { createdAt: before.createdAt, id: { lt: before.id } }] } : {},
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        take: MESSAGES_PAGE_SIZE + 1,
        select: { id: true, authorId: true, bodyHtml: true, createdAt: true },
      },
    },
  });
  if (!row || !canViewMentorship(actor, row)) return null;
  const side = sideOf(actor, row)!;
  const [mine, pair] = await Promise.all([latestAreas(actor.userId), pairOf(row.mentorId, row.menteeId)]);
  const mentor = pair.get(row.mentorId);
  const mentee = pair.get(row.menteeId);
  const names = new Map([
    [row.mentorId, mentor?.displayName ?? "Former member"],
    [row.menteeId, mentee?.displayName ?? "Former member"],
  ]);
  const shown = row.messages.slice(0, MESSAGES_PAGE_SIZE);
  const oldest = shown.at(-1);
  const zone = (side === "mentor" ? mentor : mentee)?.timeZone ?? "UTC";
  return {
    id: row.id,
    mentorId: row.mentorId,
    menteeId: row.menteeId,
    side,
    status: row.status,
    /** The viewer's time zone (User.timeZone), for the page's dates. */
    timeZone: isTimeZone(zone) ? zone : "UTC",
    areaNames: namesOf(mine.areas, row.areas),
    mentor: { name: names.get(row.mentorId)!, handle: mentor?.handle ?? null },
    mentee: { name: names.get(row.menteeId)!, handle: mentee?.handle ?? null },
    schedule: row.schedule,
    nextMeetingOn: row.nextMeetingOn ? row.nextMeetingOn.toISOString().slice(0, 10) : null,
    endedAt: row.endedAt?.toISOString() ?? null,
    endedByYou: row.endedById === actor.userId,
    reflections: {
      mentor: row.mentorReflection,
      mentee: row.menteeReflection,
    },
    yourReflection: side === "mentor" ? row.mentorReflection : row.menteeReflection,
    youShow: side === "mentor" ? row.mentorShows : row.menteeShows,
    otherShows: side === "mentor" ? row.menteeShows : row.mentorShows,
    canTakePart: canTakePart(actor, row),
    /** Whether this page is an older one (reached with "Show older messages"). */
    olderPage: before !== null,
    /** The cursor for the messages before these, when there are some. */
    olderThan: row.messages.length > MESSAGES_PAGE_SIZE && oldest ? olderCursor(oldest) : null,
    messages: shown
      .slice()
      .reverse()
      .map((message) => ({
        id: message.id,
        mine: message.authorId === actor.userId,
        authorName: names.get(message.authorId) ?? "Former member",
        bodyHtml: message.bodyHtml,
        createdAt: message.createdAt.toISOString(),
      })),
  };
}

const otherOf = (actor: MemberActor, facts: { mentorId: string; menteeId: string }) =>
  actor.userId === facts.mentorId ? facts.menteeId : facts.mentorId;

/** Writes in the space; the other member is told (and emailed like a reply, if they chose so). */
export async function postMessage(actor: MemberActor, id: string, body: string): Promise<Result<{ id: string }>> {
  const facts = await loadFacts(actor, id);
  if (!facts) return NOT_FOUND;
  if (!canTakePart(actor, facts)) return fail("conflict", "This mentorship has ended: its space is kept to read.");
  const bodyHtml = await renderPostBody(body);
  const created = await prisma.$transaction(async (tx) => {
    const message = await tx.mentorshipMessage.create({
      data: { mentorshipId: id, authorId: actor.userId, body, bodyHtml },
      select: { id: true, createdAt: true },
    });
    await tx.mentorship.update({ where: { id }, data: { lastMessageAt: message.createdAt }, select: { id: true } });
    await writeNotifications([{ userId: otherOf(actor, facts), kind: "MENTORING_MESSAGE", actorId: actor.userId, mentorshipId: id }], tx);
    return message;
  });
  return ok({ id: created.id });
}

/** The agreed schedule: words, a next meeting date, or both. */
export async function setSchedule(actor: MemberActor, id: string, input: { schedule?: string; nextMeetingOn?: string }): Promise<Result> {
  const facts = await loadFacts(actor, id);
  if (!facts) return NOT_FOUND;
  if (!canTakePart(actor, facts)) return fail("conflict", "This mentorship has ended.");
  await prisma.mentorship.update({
    where: { id },
    data: {
      schedule: input.schedule ?? "",
      nextMeetingOn: input.nextMeetingOn ? new Date(`${input.nextMeetingOn}T00:00:00Z`) : null,
    },
    select: { id: true },
  });
  return ok(null);
}

/** Either member ends it with a short reflection; the other is told and may add theirs. */
export async function endMentorship(actor: MemberActor, id: string, reflection: string, now = new Date()): Promise<Result> {
  const facts = await loadFacts(actor, id);
  if (!facts) return NOT_FOUND;
  const side = sideOf(actor, facts)!;
  const field = side === "mentor" ? "mentorReflection" : "menteeReflection";
  if (facts.status === "ENDED") {
    // Ended by the other: add one's own reflection.
    await prisma.mentorship.update({ where: { id }, data: { [field]: reflection }, select: { id: true } });
    return ok(null);
  }
  if (!canTakePart(actor, facts)) return fail("conflict", "This mentorship is not active.");
  const ended = await prisma.$transaction(async (tx) => {
    const changed = await tx.mentorship.updateMany({
      where: { id, status: "ACTIVE" },
      data: { status: "ENDED", endedAt: now, endedById: actor.userId, [field]: reflection },
    });
    if (changed.count === 0) return false;
    await writeNotifications([{ userId: otherOf(actor, facts), kind: "MENTORING_ENDED", actorId: actor.userId, mentorshipId: id }], tx);
    return true;
  });
  return ended ? ok(null) : fail("conflict", "This mentorship has already ended.");
}

/** Whether the member agrees to show the mentorship on both profiles (shown only when both agree). */
export async function setShownOnProfile(actor: MemberActor, id: string, show: boolean): Promise<Result> {
  const facts = await loadFacts(actor, id);
  if (!facts || (facts.status !== "ACTIVE" && facts.status !== "ENDED")) return NOT_FOUND;
  const side = sideOf(actor, facts)!;
  await prisma.mentorship.update({
    where: { id },
    data: side === "mentor" ? { mentorShows: show } : { menteeShows: show },
    select: { id: true },
  });
  return ok(null);
}

/** Mentorships a profile shows (to signed-in members): those both members agreed to show. */
export async function mentorshipsOnProfile(handle: string) {
  // One round trip: nested selects would take one per member and relation.
  const rows = await prisma.$queryRaw<{ asMentor: boolean; status: string; name: string; handle: string }[]>`
    SELECT m."mentorId" = o."userId" AS "asMentor", m."status"::text AS "status", p."displayName" AS "name", p."handle"
      FROM "Profile" o
      JOIN "Mentorship" m ON (m."mentorId" = o."userId" OR m."menteeId" = o."userId")
       AND m."mentorShows" AND m."menteeShows" AND m."status" IN ('ACTIVE', 'ENDED')
      JOIN "Profile" p ON p."userId" = CASE WHEN m."mentorId" = o."userId" THEN m."menteeId" ELSE m."mentorId" END
     WHERE o."handle" = ${handle}
     ORDER BY m."createdAt" DESC, m."id" DESC
     LIMIT 20`;
  return rows.map((row) => ({ asMentor: row.asMentor, active: row.status === "ACTIVE", name: row.name, handle: row.handle }));
}

// ─── Hiding members ────────────────────────────────────────────────────────

/**
 * Hide a member from one's suggestions and requests (and oneself from theirs).
 * A request or proposal still waiting between the two closes with it, in the
 * same transaction: withdrawn when the actor asked, declined otherwise. The
 * hidden member is told nothing (no notification, no email): they find the
 * request closed, as after any answer. An active mentorship is left as it is;
 * either member may end it.
 */
export async function hideMember(actor: MemberActor, handle: string, now = new Date()): Promise<Result<{ name: string }>> {
  const target = await prisma.profile.findUnique({ where: { handle }, select: { userId: true, displayName: true } });
  if (!target || target.userId === actor.userId) return fail("not-found", "That member does not exist.");
  const me = actor.userId;
  const them = target.userId;
  await prisma.$transaction(async (tx) => {
    await tx.mentoringBlock.createMany({ data: [{ userId: me, blockedId: them }], skipDuplicates: true });
    // By the (menteeId, status) index.
    await tx.mentorship.updateMany({ where: { menteeId: me, mentorId: them, status: "REQUESTED" }, data: { status: "WITHDRAWN" } });
    await tx.mentorship.updateMany({
      where: {
        OR: [
          { mentorId: me, menteeId: them, status: { in: ["REQUESTED", "PROPOSED"] } },
          { menteeId: me, mentorId: them, status: "PROPOSED" },
        ],
      },
      data: { status: "DECLINED", decidedAt: now },
    });
  });
  return ok({ name: target.displayName });
}

export async function unhideMember(actor: MemberActor, handle: string): Promise<Result<{ name: string }>> {
  const target = await prisma.profile.findUnique({ where: { handle }, select: { userId: true, displayName: true } });
  if (!target) return fail("not-found", "That member does not exist.");
  await prisma.mentoringBlock.deleteMany({ where: { userId: actor.userId, blockedId: target.userId } });
  return ok({ name: target.displayName });
}
