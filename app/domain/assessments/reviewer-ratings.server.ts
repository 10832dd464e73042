/**
 * Reviewer ratings: a member invites a reviewer by email; the reviewer (signed
 * in, and not the member) opens the single-use link, which claims the
 * invitation for them and opens a rating form over the same framework areas.
 * Submitted ratings are shown to the member beside their self-ratings,
 * labelled with the reviewer's name and date, and never averaged with them.
 *
 * Who sees what: the invitations and submitted ratings are the reviewee's
 * (their profile and pack); a rating form is its reviewer's only, and shows
 * the reviewee's name and the framework, never their self-ratings or
 * evidence. Everyone else gets "not found".
 *
 * Only the hash of an invitation token is stored (the invitation's id).
 */
import { currentFrameworkVersionId } from "~/domain/competencies/frameworks.server";
import { hiddenAreaName } from "~/domain/competencies/policy";
import { canReadVersionText, frameworkTextVisibleSql } from "~/domain/competencies/rights.server";
import { withheldAreaKeys } from "~/domain/competencies/withheld.server";
import { Prisma } from "~/generated/prisma/client";
import { readerTimeZone, type MemberActor } from "~/domain/members/actor";
import { jsonColumn, prisma } from "~/utils/db.server";
import { escapeHtml } from "~/utils/email-render";
import { sendEmail } from "~/utils/email.server";
import { writeNotifications } from "~/utils/notify.server";
import { generateToken, hashToken } from "~/utils/session.server";
import { fail, failFields, ok, type Failure, type FieldErrors, type Result } from "~/utils/result";
import {
  REVIEWER_COMMENT_MAX,
  REVIEWER_INVITATION_DAYS,
  type InvitationState,
  type InviteReviewerInput,
} from "./reviewer-options";
import { formatLongDateIn, formatLongDateForReader } from "~/utils/zoned-dates";
import { NOT_OBSERVED } from "./constants";

const DAY_MS = 24 * 60 * 60 * 1000;
const TOKEN_PATTERN = /^[a-z2-7]{32}$/;

/** Why an invitation link cannot be claimed (410), the case named in `why`. */
const UNUSABLE = {
  used: "Each invitation link works once, for the reviewer who opened it first, and this one has been used.",
  revoked: "The member who sent this invitation has withdrawn it.",
  expired: "Invitation links work for a limited time, and this one has run out.",
  unknown: "This invitation link does not work: it may be mistyped, or no longer exist.",
} as const;

function unusable(why: keyof typeof UNUSABLE): Failure {
  return fail("gone", UNUSABLE[why], { why });
}

const noRating = () => fail("not-found", "There is no such rating for you to fill in.");
const alreadySubmitted = () =>
  fail("conflict", "This rating has already been sent, so it can no longer be changed.", { why: "already-submitted" });

// ─── Invitations (the reviewee's side) ───────────────────────────────────────

export async function inviteReviewer(
  actor: MemberActor,
  input: InviteReviewerInput,
  site: string,
  now = new Date(),
): Promise<Result<{ id: string; expiresAt: Date }>> {
  const email = input.email.trim().toLowerCase();
  const self = await prisma.user.findUnique({ where: { id: actor.userId }, select: { email: true } });
  if (self?.email === email) {
    return failFields({ email: ["That is your own address: invite someone else to rate you"] });
  }
  const token = generateToken();
  const id = hashToken(token);
  const expiresAt = new Date(now.getTime() + REVIEWER_INVITATION_DAYS * DAY_MS);
  const message = input.message.trim();
  await prisma.reviewerInvitation.create({
    data: { id, revieweeId: actor.userId, email, message, expiresAt },
    select: { id: true },
  });

  // After the write: the email only goes out for an invitation that exists.
  const url = `${site}/review/${token}`;
  const name = actor.displayName;
  const until = formatLongDateForReader(expiresAt, "UTC");
  const text = [
    `${name} has asked you to rate them on CME Commons, against the same competency areas they rate themselves on.`,
    ...(message ? ["", `Their message: ${message}`] : []),
    "",
    `Open this link to give your rating (you will need to sign in or create a free account):`,
    url,
    "",
    `The link works once, until ${until}. If you were not expecting this, you can ignore this email.`,
  ].join("\n");
  const html = [
    `<p>${escapeHtml(name)} has asked you to rate them on CME Commons, against the same competency areas they rate themselves on.</p>`,
    message ? `<blockquote>${escapeHtml(message)}</blockquote>` : "",
    `<p><a href="${escapeHtml(url)}">Give your rating</a> (you will need to sign in or create a free account).</p>`,
    `<p>The link works once, until ${escapeHtml(until)}. If you were not expecting this, you can ignore this email.</p>`,
  ].join("");
  await sendEmail({ to: email, subject: `${name} asks for your rating on CME Commons`, text, html });
  return ok({ id, expiresAt });
}

function invitationState(
  invitation: { acceptedAt: Date | null; revokedAt: Date | null; expiresAt: Date; rating: { submittedAt: Date | null } | null },
  now: Date,
): InvitationState {
  if (invitation.rating?.submittedAt) return "rated";
  if (invitation.revokedAt) return "revoked";
  if (invitation.acceptedAt) return "accepted";
  if (invitation.expiresAt <= now) return "expired";
  return "pending";
}

/** The member's invitations, newest first (never their tokens). */
export async function listInvitations(actor: MemberActor, now = new Date()) {
  const invitations = await prisma.reviewerInvitation.findMany({
    // Uses the (revieweeId, createdAt) index.
    where: { revieweeId: actor.userId },
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
    take: 50,
    select: {
      id: true,
      email: true,
      createdAt: true,
      expiresAt: true,
      acceptedAt: true,
      revokedAt: true,
      rating: { select: { reviewerName: true, submittedAt: true } },
    },
  });
  return invitations.map((invitation) => ({
    id: invitation.id,
    email: invitation.email,
    createdAt: invitation.createdAt,
    expiresAt: invitation.expiresAt,
    reviewerName: invitation.rating?.reviewerName ?? null,
    submittedAt: invitation.rating?.submittedAt ?? null,
    state: invitationState(invitation, now),
  }));
}

/**
 * Withdraws one of the member's own invitations that has not been rated yet
 * (pending or accepted): its link and any rating form stop working. Someone
 * else's id changes nothing.
 */
export async function revokeInvitation(actor: MemberActor, invitationId: string, now = new Date()) {
  const { count } = await prisma.reviewerInvitation.updateMany({
    where: {
      id: invitationId,
      revieweeId: actor.userId,
      revokedAt: null,
      OR: [{ rating: { is: null } }, { rating: { is: { submittedAt: null } } }],
    },
    data: { revokedAt: now },
  });
  return count === 1;
}

// ─── Accepting (the reviewer's side) ─────────────────────────────────────────

/** The framework version the reviewee rates themselves against (latest submitted, else the current one). */
async function versionFor(revieweeId: string, tx: Pick<typeof prisma, "assessment" | "siteSettings"> = prisma) {
  const latest = await tx.assessment.findFirst({
    // Uses the (userId, status, submittedAt) index.
    where: { userId: revieweeId, status: "SUBMITTED" },
    orderBy: [{ submittedAt: "desc" }, { createdAt: "desc" }],
    select: { versionId: true },
  });
  if (latest) return latest.versionId;
  return currentFrameworkVersionId(tx);
}

export interface InvitationPreview {
  revieweeName: string;
  message: string;
  /** The framework the rating will be against, and how many areas it has. */
  framework: { name: string; version: string; areaCount: number } | null;
  expiresAt: Date;
}

/**
 * What a reviewer who is not signed in is told before signing in or up: who
 * asked, their message, what they will be asked to do and until when the link
 * works. Nothing of the reviewee's assessments. Refused as `acceptInvitation`
 * would refuse it (unknown, withdrawn, used, expired), and it claims nothing.
 */
export async function previewInvitation(token: string, now = new Date()): Promise<Result<InvitationPreview>> {
  if (!TOKEN_PATTERN.test(token)) return unusable("unknown");
  const invitation = await prisma.reviewerInvitation.findUnique({
    where: { id: hashToken(token) },
    select: { revieweeId: true, message: true, acceptedAt: true, revokedAt: true, expiresAt: true },
  });
  if (!invitation) return unusable("unknown");
  if (invitation.revokedAt) return unusable("revoked");
  if (invitation.acceptedAt) return unusable("used");
  if (invitation.expiresAt <= now) return unusable("expired");
  const [profile, versionId] = await Promise.all([
    prisma.profile.findUnique({ where: { userId: invitation.revieweeId }, select: { displayName: true } }),
    versionFor(invitation.revieweeId),
  ]);
  const version = versionId
    ? await prisma.frameworkVersion.findUnique({
        where: { id: versionId },
        select: { version: true, framework: { select: { name: true } }, _count: { select: { areas: true } } },
      })
    : null;
  return ok({
    revieweeName: profile?.displayName ?? "A member",
    message: invitation.message,
    framework: version ? { name: version.framework.name, version: version.version, areaCount: version._count.areas } : null,
    expiresAt: invitation.expiresAt,
  });
}

/**
 * Claims the invitation for the signed-in reviewer (single use: the first
 * member to open it, other than the reviewee) and creates their rating draft.
 * The same reviewer opening it again just gets their rating back.
 */
export async function acceptInvitation(
  reviewer: MemberActor,
  token: string,
  now = new Date(),
): Promise<Result<{ ratingId: string }>> {
  if (!TOKEN_PATTERN.test(token)) return unusable("unknown");
  const id = hashToken(token);
  return prisma.$transaction(async (tx) => {
    const invitation = await tx.reviewerInvitation.findUnique({
      where: { id },
      select: { revieweeId: true, reviewerId: true, acceptedAt: true, revokedAt: true, expiresAt: true, rating: { select: { id: true } } },
    });
    if (!invitation) return unusable("unknown");
    if (invitation.revokedAt) return unusable("revoked");
    if (invitation.revieweeId === reviewer.userId) {
      return fail(
        "forbidden",
        "This is an invitation you sent. Give the link to your reviewer; they answer it with their own account.",
        { why: "own-invitation" },
      );
    }
    if (invitation.acceptedAt) {
      if (invitation.reviewerId === reviewer.userId && invitation.rating) return ok({ ratingId: invitation.rating.id });
      return unusable("used");
    }
    if (invitation.expiresAt <= now) return unusable("expired");

    // The claim itself is conditional, so two reviewers opening the link at once cannot both win.
    const { count } = await tx.reviewerInvitation.updateMany({
      where: { id, acceptedAt: null, revokedAt: null, expiresAt: { gt: now }, revieweeId: { not: reviewer.userId } },
      data: { acceptedAt: now, reviewerId: reviewer.userId },
    });
    if (count !== 1) return unusable("used");
    const versionId = await versionFor(invitation.revieweeId, tx);
    if (!versionId) throw new Error("No framework version to rate against");
    const rating = await tx.reviewerRating.create({
      data: {
        invitationId: id,
        revieweeId: invitation.revieweeId,
        reviewerId: reviewer.userId,
        reviewerName: reviewer.displayName,
        versionId,
      },
      select: { id: true },
    });
    return ok({ ratingId: rating.id });
  });
}

// ─── The rating form (the reviewer's side) ───────────────────────────────────

/** The rating, if this actor is its reviewer and the invitation still stands. */
function findOwnRating(reviewer: MemberActor, ratingId: string) {
  return prisma.reviewerRating.findFirst({
    where: { id: ratingId, reviewerId: reviewer.userId, invitation: { revokedAt: null } },
    select: { id: true, versionId: true, submittedAt: true, revieweeId: true },
  });
}

/**
 * What the reviewer's form shows: the reviewee's name, the areas and stages
 * (with descriptors) of the version, and the reviewer's own answers so far.
 * Never the reviewee's self-ratings or evidence.
 */
export async function getRatingForm(reviewer: MemberActor, ratingId: string) {
  const rating = await findOwnRating(reviewer, ratingId);
  if (!rating) return null;
  const [reviewee, stages, areas, answers, readable] = await Promise.all([
    prisma.profile.findUnique({ where: { userId: rating.revieweeId }, select: { displayName: true } }),
    prisma.proficiencyStage.findMany({
      where: { versionId: rating.versionId },
      orderBy: { position: "asc" },
      select: { id: true, slug: true, name: true, position: true },
    }),
    prisma.competencyArea.findMany({
      where: { versionId: rating.versionId },
      orderBy: { position: "asc" },
      select: { id: true, slug: true, name: true, position: true, summaryHtml: true, descriptors: { select: { stageId: true, text: true } } },
    }),
    prisma.reviewerRatingAnswer.findMany({
      where: { ratingId: rating.id },
      select: { areaId: true, stageId: true, comment: true },
    }),
    // A licensed version's text only for a reviewer who may read it.
    canReadVersionText(reviewer, rating.versionId),
  ]);
  const stageSlugById = new Map(stages.map((stage) => [stage.id, stage.slug]));
  const answerByArea = new Map(answers.map((answer) => [answer.areaId, answer]));
  const formKey = await areaFormKeys(areas, readable);
  return {
    id: rating.id,
    /** For the server (the reviewee's goals, when shared with reviewers); not for the page. */
    revieweeId: rating.revieweeId,
    revieweeName: reviewee?.displayName ?? "Former member",
    submittedAt: rating.submittedAt,
    stages: stages.map(({ slug, name, position }) => ({ slug, name, position })),
    areas: areas.map((area) => {
      const answer = answerByArea.get(area.id);
      const descriptors = new Map(readable ? area.descriptors.map((descriptor) => [descriptor.stageId, descriptor.text]) : []);
      return {
        slug: formKey(area.slug),
        name: readable ? area.name : hiddenAreaName(area.position),
        summaryHtml: readable ? area.summaryHtml : "",
        descriptors: Object.fromEntries(stages.map((stage) => [stage.slug, descriptors.get(stage.id) ?? ""])),
        stage: answer ? (answer.stageId ? (stageSlugById.get(answer.stageId) ?? null) : NOT_OBSERVED) : null,
        comment: answer?.comment ?? "",
      };
    }),
  };
}
export type RatingForm = NonNullable<Awaited<ReturnType<typeof getRatingForm>>>;

/**
 * How the form names each area: its slug, or for a reviewer who may not read
 * the version an opaque key (withheld.server.ts), so the slug is not in the page.
 */
async function areaFormKeys(areas: { slug: string }[], readable: boolean): Promise<(slug: string) => string> {
  if (readable) return (slug) => slug;
  const keys = await withheldAreaKeys(areas.map((area) => area.slug));
  return (slug) => keys.get(slug) ?? slug;
}

/** `areaSlug`: the area as the form names it (`RatingForm`'s `slug`). */
export type RatingAnswerInput = { areaSlug: string; stage: string | null; comment: string };

/**
 * Saves the reviewer's answers (areas left unrated are skipped). With
 * `submit`, every area must be rated, and the rating becomes read-only.
 */
export async function saveRating(
  reviewer: MemberActor,
  ratingId: string,
  answers: RatingAnswerInput[],
  options: { submit?: boolean; now?: Date } = {},
): Promise<Result<{ submitted: boolean }>> {
  const rating = await findOwnRating(reviewer, ratingId);
  if (!rating) return noRating();
  if (rating.submittedAt) return alreadySubmitted();
  const [areas, stages, readable] = await Promise.all([
    prisma.competencyArea.findMany({ where: { versionId: rating.versionId }, orderBy: { position: "asc" }, select: { id: true, slug: true, name: true, position: true } }),
    prisma.proficiencyStage.findMany({ where: { versionId: rating.versionId }, select: { id: true, slug: true } }),
    canReadVersionText(reviewer, rating.versionId),
  ]);
  const stageIdBySlug = new Map(stages.map((stage) => [stage.slug, stage.id]));
  const inputByKey = new Map(answers.map((answer) => [answer.areaSlug, answer]));
  const formKey = await areaFormKeys(areas, readable);
  const fieldErrors: FieldErrors = {};
  // stageId null: "I haven't observed this" (an answer too: the rating can be sent with it).
  const rows: { areaId: string; stageId: string | null; comment: string }[] = [];
  for (const area of areas) {
    const key = formKey(area.slug);
    const input = inputByKey.get(key);
    const comment = (input?.comment ?? "").trim();
    const areaName = readable ? area.name : hiddenAreaName(area.position);
    const notObserved = input?.stage === NOT_OBSERVED;
    const stageId = input?.stage && !notObserved ? stageIdBySlug.get(input.stage) : undefined;
    if (input?.stage && !notObserved && !stageId) fieldErrors[`stage-${key}`] = [`Choose one of the stages offered for ${areaName}`];
    else if (!stageId && !notObserved && comment) {
      fieldErrors[`stage-${key}`] = [`Choose a stage for ${areaName}, or say you haven’t observed it, so that your comment is kept`];
    } else if (!stageId && !notObserved && options.submit) {
      fieldErrors[`stage-${key}`] = [`Choose a stage for ${areaName}, or say you haven’t observed it`];
    }
    // After the stage, so the error summary lists an area's messages in the order of its fields.
    if (comment.length > REVIEWER_COMMENT_MAX) {
      fieldErrors[`comment-${key}`] = [`Keep the comment on ${areaName} under ${REVIEWER_COMMENT_MAX} characters`];
    }
    if (stageId || notObserved) rows.push({ areaId: area.id, stageId: stageId ?? null, comment });
  }
  if (Object.keys(fieldErrors).length) return failFields(fieldErrors);

  const now = options.now ?? new Date();
  return prisma.$transaction(async (tx) => {
    // Claims the draft first: a rating submitted meanwhile (another tab) is not changed.
    const { count } = await tx.reviewerRating.updateMany({
      where: { id: rating.id, reviewerId: reviewer.userId, submittedAt: null },
      data: options.submit ? { submittedAt: now, reviewerName: reviewer.displayName } : { reviewerName: reviewer.displayName },
    });
    if (count !== 1) return alreadySubmitted();
    if (options.submit) {
      await writeNotifications([{ userId: rating.revieweeId, kind: "REVIEWER_RATING", actorId: reviewer.userId }], tx);
    }
    await tx.reviewerRatingAnswer.deleteMany({ where: { ratingId: rating.id, areaId: { notIn: rows.map((row) => row.areaId) } } });
    for (const row of rows) {
      await tx.reviewerRatingAnswer.upsert({
        where: { ratingId_areaId: { ratingId: rating.id, areaId: row.areaId } },
        create: { ratingId: rating.id, ...row },
        update: { stageId: row.stageId, comment: row.comment },
        select: { id: true },
      });
    }
    return ok({ submitted: Boolean(options.submit) });
  });
}

/** Saves the answers and submits: every area rated, then read-only. */
export function submitRating(reviewer: MemberActor, ratingId: string, answers: RatingAnswerInput[], now = new Date()) {
  return saveRating(reviewer, ratingId, answers, { submit: true, now });
}

// ─── Shown to the reviewee ───────────────────────────────────────────────────

export interface ReviewerRatingColumn {
  id: string;
  reviewerName: string;
  submittedAt: string;
  submittedOn: string;
  /** "<name>, <date>": how the column is labelled. */
  label: string;
  /** Stage per area slug, for the areas the reviewer rated (areas are matched across versions by slug). */
  stages: Record<string, { name: string; position: number }>;
  /** The reviewer's comment per area slug, for the areas they commented on. */
  comments: Record<string, string>;
  /** Areas the reviewer said they have not observed. */
  notObserved: string[];
  /** Every area the reviewer answered, in framework order, as the member may read it ("Area 3" when withheld). */
  areas: { slug: string; name: string; position: number }[];
}

type RatingAnswerRow = {
  areaSlug: string;
  areaName: string;
  areaPosition: number;
  stageName: string | null;
  stagePosition: number | null;
  comment: string;
  readable: boolean;
};

type RatingRow = {
  id: string;
  reviewerName: string;
  submittedAt: Date;
  answers: RatingAnswerRow[] | string;
};

/**
 * The member's submitted reviewer ratings, oldest first, for their own profile
 * and pack only (callers pass the signed-in member). One query, each rating's
 * answers (area, stage or none, comment) aggregated beside it: bounded
 * whatever the number of ratings.
 */
export async function getReviewerRatingsForProfile(reviewee: MemberActor): Promise<ReviewerRatingColumn[]> {
  const readable = frameworkTextVisibleSql(reviewee, Prisma.sql`r."versionId"`);
  // Uses the (revieweeId, submittedAt) index; answers by (ratingId, areaId).
  const ratings = await prisma.$queryRaw<RatingRow[]>`
    SELECT r."id", r."reviewerName", r."submittedAt",
           COALESCE((SELECT json_agg(json_build_object(
                              'areaSlug', ar."slug",
                              'areaName', CASE WHEN ${readable} THEN ar."name" ELSE 'Area ' || ar."position" END,
                              'areaPosition', ar."position",
                              'stageName', st."name", 'stagePosition', st."position",
                              'comment', ans."comment", 'readable', ${readable})
                            ORDER BY ar."position")
                       FROM "ReviewerRatingAnswer" ans
                       JOIN "CompetencyArea" ar ON ar."id" = ans."areaId"
                       LEFT JOIN "ProficiencyStage" st ON st."id" = ans."stageId"
                      WHERE ans."ratingId" = r."id"), '[]') AS "answers"
      FROM "ReviewerRating" r
      JOIN "ReviewerInvitation" i ON i."id" = r."invitationId"
     WHERE r."revieweeId" = ${reviewee.userId} AND r."submittedAt" IS NOT NULL AND i."revokedAt" IS NULL
     ORDER BY r."submittedAt" ASC, r."id" ASC
     LIMIT 20`;
  const answersOf = new Map(ratings.map((rating) => [rating.id, jsonColumn(rating.answers)]));
  // Areas of a version the member may no longer read go by the keys their profile uses for them.
  const withheld = await withheldAreaKeys(
    [...answersOf.values()].flat().flatMap((answer) => (answer.readable ? [] : [answer.areaSlug])),
  );
  const keyOf = (answer: RatingAnswerRow) => withheld.get(answer.areaSlug) ?? answer.areaSlug;
  return ratings.map((rating) => {
    const submittedAt = rating.submittedAt ?? new Date(0);
    // The member reads their own profile: in their zone.
    const submittedOn = formatLongDateIn(submittedAt, readerTimeZone(reviewee));
    const answers = answersOf.get(rating.id) ?? [];
    return {
      id: rating.id,
      reviewerName: rating.reviewerName,
      submittedAt: submittedAt.toISOString(),
      submittedOn,
      label: `${rating.reviewerName}, ${submittedOn}`,
      stages: Object.fromEntries(
        answers.flatMap((answer) =>
          answer.stageName !== null && answer.stagePosition !== null
            ? [[keyOf(answer), { name: answer.stageName, position: answer.stagePosition }]]
            : [],
        ),
      ),
      comments: Object.fromEntries(answers.flatMap((answer) => (answer.comment ? [[keyOf(answer), answer.comment]] : []))),
      notObserved: answers.flatMap((answer) => (answer.stageName === null ? [keyOf(answer)] : [])),
      areas: answers.map((answer) => ({ slug: keyOf(answer), name: answer.areaName, position: answer.areaPosition })),
    };
  });
}
