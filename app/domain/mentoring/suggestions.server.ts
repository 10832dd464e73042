/**
 * Suggested mentors for a member looking for one, in a fixed number of round
 * trips whatever the population: the member's preference and latest areas,
 * then one query that finds, filters and orders the mentors.
 *
 * Never suggested: anyone not offering, paused, at capacity, hidden by either
 * side, already asked (waiting, active) or who already declined this member's
 * request (a proposal either of them declined does not count here).
 * Only the stages a mentor consented to show (the areas they offer) ever
 * leave the query, and only in the areas the member asked about, named as the
 * member sees them (a licensed area they may not read stays "Area 3").
 */
import { Prisma } from "~/generated/prisma/client";
import type { RoleArchetype } from "~/generated/prisma/enums";
import { ROLE_ARCHETYPE_LABELS } from "~/domain/members/profile-options";
import { prisma } from "~/utils/db.server";
import { latestAreas } from "./areas.server";
import { PROPOSAL_DECLINED_DAYS, SUGGESTIONS_SHOWN } from "./constants";
import { suggestionReason } from "./reasons";

/**
 * What the rule is asked for. A member asking (and the suggestions they
 * see): a proposal an association made does not count against them, declined
 * or not. An association proposing the pair (and each member accepting the
 * proposal, `except` being the proposal itself): a proposal of the same pair
 * that one of them declined in the last PROPOSAL_DECLINED_DAYS days does
 * (docs/decisions/0026, addendum).
 */
export type AvailabilityFor = { kind: "ask" } | { kind: "propose"; now: Date; except?: string };
export const FOR_ASKING: AvailabilityFor = { kind: "ask" };

/**
 * The parts of the rule below, each true or false for a mentor's preference
 * row `p` and `menteeId`: named so that a refusal can say which one failed
 * (`programs.server.ts`) without writing the rule again.
 *
 * Between the two: a hide either way, or a request, proposal or mentorship
 * waiting or active, or a member's request the mentor declined, blocks
 * everything. A declined proposal blocks only proposals, for
 * PROPOSAL_DECLINED_DAYS days. A withdrawn one, and an ended mentorship,
 * block nothing.
 */
export function availabilityClausesSql(menteeId: string, purpose: AvailabilityFor = FOR_ASKING) {
  const except = purpose.kind === "propose" && purpose.except ? Prisma.sql`AND pm."id" <> ${purpose.except}` : Prisma.empty;
  const declinedSince = purpose.kind === "propose" ? new Date(purpose.now.getTime() - PROPOSAL_DECLINED_DAYS * 86_400_000) : null;
  return {
    offering: Prisma.sql`p."offering"`,
    notPaused: Prisma.sql`p."offerPausedAt" IS NULL`,
    confirmed: Prisma.sql`EXISTS (SELECT 1 FROM "User" mu WHERE mu."id" = p."userId" AND mu."emailConfirmedAt" IS NOT NULL)`,
    // By the (mentorId, status) index.
    nothingBetween: Prisma.sql`NOT EXISTS (SELECT 1 FROM "MentoringBlock" b
                     WHERE (b."userId" = ${menteeId} AND b."blockedId" = p."userId")
                        OR (b."userId" = p."userId" AND b."blockedId" = ${menteeId}))
    AND NOT EXISTS (SELECT 1 FROM "Mentorship" pm
                     WHERE pm."mentorId" = p."userId" AND pm."menteeId" = ${menteeId} ${except}
                       AND (pm."status" IN ('PROPOSED', 'REQUESTED', 'ACTIVE')
                            OR (pm."status" = 'DECLINED' AND pm."proposedByAssociationId" IS NULL)))`,
    notDeclinedLately: declinedSince
      ? Prisma.sql`NOT EXISTS (SELECT 1 FROM "Mentorship" pm
                     WHERE pm."mentorId" = p."userId" AND pm."menteeId" = ${menteeId} ${except}
                       AND pm."status" = 'DECLINED' AND pm."proposedByAssociationId" IS NOT NULL
                       AND coalesce(pm."decidedAt", pm."updatedAt") > ${declinedSince})`
      : Prisma.sql`TRUE`,
    hasRoom: Prisma.sql`(SELECT count(*) FROM "Mentorship" am WHERE am."mentorId" = p."userId" AND am."status" = 'ACTIVE') < p."capacity"`,
  };
}

/**
 * The condition a mentor's preference row `p` meets to be suggested to, or
 * asked by, `menteeId`, or proposed to them: the one rule suggestions,
 * requests and proposals share.
 */
export function availableMentorSql(menteeId: string, purpose: AvailabilityFor = FOR_ASKING): Prisma.Sql {
  const clause = availabilityClausesSql(menteeId, purpose);
  return Prisma.sql`${clause.offering} AND ${clause.notPaused} AND p."userId" <> ${menteeId}
    AND ${clause.confirmed} AND (${clause.nothingBetween}) AND (${clause.notDeclinedLately}) AND ${clause.hasRoom}`;
}

export type Suggestion = {
  handle: string;
  displayName: string;
  note: string;
  reasons: string[];
};

export type Suggestions =
  | { kind: "not-seeking" }
  | { kind: "paused" }
  | { kind: "no-assessment" }
  | { kind: "no-areas" }
  | { kind: "suggestions"; areaNames: string[]; items: Suggestion[] };

type Row = {
  userId: string;
  handle: string;
  displayName: string;
  offerNote: string;
  capacity: number;
  active: number;
  areas: { slug: string; stage: number }[];
  shared: string[] | null;
  roleArchetype: RoleArchetype | null;
  roleVisible: boolean;
};

/** What a member looking for a mentor sees, best first (at most SUGGESTIONS_SHOWN). */
export async function suggestMentors(menteeId: string): Promise<Suggestions> {
  const [preference, latest, me] = await Promise.all([
    prisma.mentoringPreference.findUnique({
      where: { userId: menteeId },
      select: { seeking: true, seekPausedAt: true, seekAreas: true },
    }),
    latestAreas(menteeId),
    prisma.profile.findUnique({ where: { userId: menteeId }, select: { roleArchetype: true } }),
  ]);
  if (!preference?.seeking) return { kind: "not-seeking" };
  if (preference.seekPausedAt) return { kind: "paused" };
  if (!latest.hasAssessment) return { kind: "no-assessment" };
  const wanted = new Set(preference.seekAreas.length > 0 ? preference.seekAreas : latest.gapSlugs);
  const seek = latest.areas.filter((area) => wanted.has(area.slug));
  if (seek.length === 0) return { kind: "no-areas" };

  const slugs = seek.map((area) => area.slug);
  const stages = seek.map((area) => area.stage ?? 0);
  const myRole = me?.roleArchetype && me.roleArchetype !== "OTHER" ? me.roleArchetype : null;
  // Candidates (by the GIN index on offerAreas), their latest assessments, the
  // stages they consented to show above the member's, shared associations.
  // Candidates first (by the preference indexes), then per candidate, by
  // index: their latest assessment's stages in the offered areas asked about,
  // above the member's; the associations both belong to. LATERAL keeps the
  // plan a walk over the candidates, whatever the planner's statistics say
  // (PGlite has no autovacuum to keep them).
  const query = Prisma.sql`
    WITH seek AS (
      SELECT * FROM unnest(${slugs}::text[], ${stages}::int[]) AS s("slug", "stage")
    ),
    open AS MATERIALIZED (
      SELECT p."userId", p."capacity", p."offerAreas", p."offerNote",
             (SELECT count(*)::int FROM "Mentorship" am WHERE am."mentorId" = p."userId" AND am."status" = 'ACTIVE') AS "active"
        FROM "MentoringPreference" p
       WHERE p."offerAreas" && ${slugs}::text[] AND ${availableMentorSql(menteeId)}
    )
    SELECT o."userId", pr."handle", pr."displayName", o."offerNote", o."capacity", o."active",
           r."areas", sh."names" AS "shared",
           pr."roleArchetype", (pr."professionalVisibility" <> 'PRIVATE') AS "roleVisible"
      FROM open o
      JOIN "Profile" pr ON pr."userId" = o."userId"
      CROSS JOIN LATERAL (
        SELECT json_agg(json_build_object('slug', ar."slug", 'stage', st."position") ORDER BY ar."slug") AS "areas",
               count(*)::int AS "covered"
          FROM (SELECT a."id" FROM "Assessment" a
                 WHERE a."userId" = o."userId" AND a."status" = 'SUBMITTED'
                 ORDER BY a."submittedAt" DESC NULLS LAST, a."createdAt" DESC, a."id" DESC
                 LIMIT 1) l
          JOIN "AssessmentAnswer" ans ON ans."assessmentId" = l."id"
          JOIN "CompetencyArea" ar ON ar."id" = ans."areaId"
          JOIN "ProficiencyStage" st ON st."id" = ans."stageId"
          JOIN seek ON seek."slug" = ar."slug"
         WHERE ar."slug" = ANY (o."offerAreas") AND st."position" > seek."stage"
      ) r
      LEFT JOIN LATERAL (
        SELECT array_agg(asn."name" ORDER BY asn."name") AS "names"
          FROM "AssociationMembership" mine
          JOIN "AssociationMembership" om ON om."associationId" = mine."associationId" AND om."userId" = o."userId"
          JOIN "Association" asn ON asn."id" = mine."associationId"
         WHERE mine."userId" = ${menteeId}
      ) sh ON TRUE
     WHERE r."covered" > 0
     ORDER BY r."covered" DESC,
              coalesce(cardinality(sh."names"), 0) DESC,
              (pr."roleArchetype" IS NOT DISTINCT FROM ${myRole}::"RoleArchetype" AND ${myRole}::"RoleArchetype" IS NOT NULL
               AND pr."professionalVisibility" <> 'PRIVATE') DESC,
              o."active" ASC, pr."displayName" ASC, o."userId" ASC
     LIMIT ${SUGGESTIONS_SHOWN}`;
  const rows = await prisma.$queryRaw<Row[]>(query);

  const bySlug = new Map(seek.map((area) => [area.slug, area]));
  return {
    kind: "suggestions",
    areaNames: seek.map((area) => area.name),
    items: rows.map((row) => {
      const role = row.roleVisible && row.roleArchetype && row.roleArchetype !== "OTHER" ? row.roleArchetype : null;
      return {
        handle: row.handle,
        displayName: row.displayName,
        note: row.offerNote,
        reasons: suggestionReason({
          areas: row.areas
            .flatMap((area) => {
              const mine = bySlug.get(area.slug);
              return mine ? [{ name: mine.name, position: mine.position, stage: area.stage, menteeStage: mine.stage, target: mine.target }] : [];
            })
            .sort((a, b) => a.position - b.position),
          sharedAssociations: row.shared ?? [],
          roleLabel: role ? ROLE_ARCHETYPE_LABELS[role] : null,
          sameRole: role !== null && role === myRole,
          placesLeft: Math.max(row.capacity - row.active, 0),
        }),
      };
    }),
  };
}

/** Whether `mentorId` may be asked by `menteeId` now: the same rule as the suggestions. */
export async function isAvailableMentor(
  menteeId: string,
  mentorId: string,
  db: Prisma.TransactionClient | typeof prisma = prisma,
  purpose: AvailabilityFor = FOR_ASKING,
): Promise<boolean> {
  const rows = await db.$queryRaw<{ ok: number }[]>`
    SELECT 1 AS "ok" FROM "MentoringPreference" p WHERE p."userId" = ${mentorId} AND ${availableMentorSql(menteeId, purpose)}`;
  return rows.length > 0;
}
