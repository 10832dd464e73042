/**
 * An association's insight, for its owner and moderators (and site
 * administrators): how its members rate themselves per competency area, how
 * that moved over twelve months, which pathways they follow, and how busy its
 * forum is.
 *
 * Anonymity is built in, not bolted on:
 * - Self-assessed stages are counted in SQL (GROUP BY area and stage); no
 *   member's rating, id or name ever leaves the database, so neither the page
 *   data nor the CSV can hold one.
 * - Contributors are the association's CURRENT members whose profile lets
 *   their assessments count (Profile.countInInsight) and who have a submitted
 *   assessment; a member who left, or opted out, drops out of every figure.
 * - Each figure (an area now, the same area twelve months ago) is shown only
 *   when at least INSIGHT_MIN_GROUP members contribute to it (./policy).
 *
 * A member's stage in an area is the stage in their latest submitted
 * assessment. Assessments are pinned to the framework version they were taken
 * against: within the current framework, areas are matched to the current
 * version's by slug and stages by position (1 = first stage), so a new version
 * keeps the figures. An assessment in another framework counts only through a
 * crosswalk into the current one (split: each newer area gets the stage;
 * merge: the lowest), and the page says so; without a crosswalk it is not
 * counted, and the page says the comparison is not available. (A stage beyond
 * the current scale is not counted.)
 *
 * Round trips, whatever the number of members: the association with the
 * viewer's membership (1), then the stages, the pathways, the forum
 * activity and the commitments' outcomes (4, in parallel).
 */
import { withheldAreaKeys, withholdAreaSlugs } from "~/domain/competencies/withheld.server";
import type { AssociationRoleName, Membership } from "~/domain/associations/policy";
import { FORBIDDEN, NOT_FOUND } from "~/domain/associations/memberships.server";
import type { Result } from "~/utils/result";
import type { Actor } from "~/domain/members/actor";
import { associationVersionIdSql, frameworkTextVisibleSql } from "~/domain/competencies/rights.server";
import { Prisma } from "~/generated/prisma/client";
import { jsonColumn, prisma } from "~/utils/db.server";
import { buildDistribution, medianChange, type Distribution, type StageRef } from "./distribution";
import { canViewInsight, isLargeEnough } from "./policy";

export const ACTIVITY_MONTHS = 12;
/** Pathways listed at most (the association's own first, then the most followed). */
export const PATHWAYS_MAX = 40;

export interface AreaInsight {
  slug: string;
  name: string;
  position: number;
  /** Latest self-assessed stages of today's contributors. */
  now: Distribution;
  /** The same contributors' latest stages as of twelve months ago. */
  then: Distribution;
  /** Median now minus median then, when both figures are shown. */
  change: number | null;
}

export interface PathwayFigure {
  slug: string;
  title: string;
  /** The association's own pathway. */
  own: boolean;
  /** Current members of the association enrolled in it, and how many of them completed it. */
  enrolled: number;
  completed: number;
}

/**
 * Commitments to change made on a pathway's steps, followed up at 90 days:
 * the share carried out ("done") among those answered, leaving out those the
 * member called no longer relevant. Only members who opted in count
 * (Profile.commitmentsInInsight); withheld (null) below INSIGHT_MIN_GROUP members.
 */
export interface CommitmentFigure {
  slug: string;
  title: string;
  /** Percent, rounded; null when fewer than INSIGHT_MIN_GROUP members make it up. */
  carriedOutPercent: number | null;
  /** How many answered check-ins the share is of; null when withheld. */
  answered: number | null;
}

export interface MonthActivity {
  /** "2026-03" (UTC). */
  month: string;
  threads: number;
  replies: number;
  /** Distinct people who posted (threads or replies) that month. */
  activeMembers: number;
}

export interface AssociationInsight {
  association: { slug: string; name: string };
  /** The current framework version (its areas are the rows), or null when none is set. */
  framework: { name: string; version: string; stages: StageRef[] } | null;
  /** The day the figures are for, and the day twelve months earlier they are compared with (ISO dates). */
  asOf: string;
  comparedWith: string;
  /**
   * How many members' self-assessments the figures count (current members who
   * allow it, with a submitted assessment in the current framework or one
   * crosswalked into it), today and twelve months ago.
   */
  contributors: { now: number; then: number };
  areas: AreaInsight[];
  /** Frameworks other than the current one that counted assessments were in, and whether a crosswalk compares them. */
  otherFrameworks: OtherFramework[];
  pathways: PathwayFigure[];
  /** Per pathway with any opted-in member's 90-day answer, most answered first. */
  commitments: CommitmentFigure[];
  /** The last twelve calendar months (UTC), oldest first, the current one included. */
  activity: MonthActivity[];
}

/** Twelve months before `now` (same day and time, UTC). */
export function twelveMonthsBefore(now: Date): Date {
  const then = new Date(now);
  then.setUTCFullYear(then.getUTCFullYear() - 1);
  return then;
}

/** The first instant of the month `offset` months from `date`'s month (UTC). */
function monthStart(date: Date, offset = 0): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + offset, 1));
}

const monthKey = (date: Date) => `${date.getUTCFullYear()}-${String(date.getUTCMonth() + 1).padStart(2, "0")}`;

/** A timestamp parameter compared with Prisma's `timestamp(3)` columns, which hold UTC. */
const utc = (date: Date) => date.toISOString();

// ─── Stages per area ────────────────────────────────────────────────────────

type StageCountRow = {
  framework: string;
  version: string;
  areaSlug: string;
  areaName: string;
  areaPosition: number;
  /** Whether the viewer may read the version (else the area goes by number, and its slug by a key). */
  readable: boolean;
  stagePosition: number;
  stageName: string;
  now: number;
  then: number;
  contributorsNow: number;
  contributorsThen: number;
  otherFrameworks: OtherFramework[] | string | null;
};

/**
 * A framework other than the current one that counted assessments were taken
 * in: compared through a crosswalk, or not counted at all (nothing guessed).
 */
export interface OtherFramework {
  framework: string;
  crosswalked: boolean;
  /** The crosswalk's note, when the viewer may read both versions. */
  note: string | null;
  /** Some contributors' assessments of twelve months ago, or of now, were in it. */
  inThen: boolean;
  inNow: boolean;
}

/**
 * Each contributor's latest assessment submitted by `at` (DISTINCT ON, on the
 * Assessment (userId, status, submittedAt) index). A fragment of
 * `stageCounts`, which defines the `contributors` it joins.
 */
function latestSubmittedBy(at: Date) {
  return Prisma.sql`
      SELECT DISTINCT ON (a."userId") a."id"
        FROM "Assessment" a
        JOIN contributors c ON c."userId" = a."userId"
       WHERE a."status" = 'SUBMITTED'
         AND a."submittedAt" IS NOT NULL
         AND a."submittedAt" <= (${utc(at)}::timestamptz AT TIME ZONE 'UTC')
       ORDER BY a."userId", a."submittedAt" DESC, a."createdAt" DESC, a."id" DESC`;
}

/**
 * One row per (current area, current stage): how many contributors are at
 * that stage now and were twelve months ago. Aggregated in the database; the
 * latest assessment per member is picked there too (`latestSubmittedBy`).
 */
function stageCounts(actor: Actor, associationId: string, now: Date, then: Date) {
  return prisma.$queryRaw<StageCountRow[]>`
    WITH current_version AS (
      -- The version the association's members assess against (its choice, else the site default).
      SELECT v."id", v."version", v."frameworkId", f."name", ${frameworkTextVisibleSql(actor, Prisma.sql`v."id"`)} AS "readable"
        FROM "FrameworkVersion" v
        JOIN "Framework" f ON f."id" = v."frameworkId"
       WHERE v."id" = ${associationVersionIdSql(associationId)}
    ),
    crosswalk AS (
      -- For each other framework, the crosswalk into the current one (competencies/crosswalks.server.ts
      -- crosswalksInto: the one into this very version first, then the most recently saved).
      SELECT DISTINCT ON (fv."frameworkId") cw."id", fv."frameworkId" AS "fromFrameworkId", cw."note",
             ${frameworkTextVisibleSql(actor, Prisma.sql`fv."id"`)} AS "fromReadable",
             EXISTS (SELECT 1 FROM "CrosswalkStageLink" sl WHERE sl."crosswalkId" = cw."id") AS "hasStageLines"
        FROM "FrameworkCrosswalk" cw
        JOIN "FrameworkVersion" fv ON fv."id" = cw."fromVersionId"
        JOIN "FrameworkVersion" tv ON tv."id" = cw."toVersionId"
        JOIN current_version cv ON tv."frameworkId" = cv."frameworkId" AND fv."frameworkId" <> cv."frameworkId"
       ORDER BY fv."frameworkId", (cw."toVersionId" = cv."id") DESC, cw."updatedAt" DESC
    ),
    contributors AS (
      -- Current members who let their assessments count (AssociationMembership primary key, Profile primary key).
      SELECT m."userId"
        FROM "AssociationMembership" m
        JOIN "Profile" p ON p."userId" = m."userId"
       WHERE m."associationId" = ${associationId}
         AND p."countInInsight"
    ),
    latest_now AS (${latestSubmittedBy(now)}),
    latest_then AS (${latestSubmittedBy(then)}),
    picked AS (
      SELECT ln."id", true AS "isNow", a."versionId" FROM latest_now ln JOIN "Assessment" a ON a."id" = ln."id"
      UNION ALL
      SELECT lt."id", false AS "isNow", a."versionId" FROM latest_then lt JOIN "Assessment" a ON a."id" = lt."id"
    ),
    rated AS (
      SELECT pk."id", pk."isNow", av."frameworkId", ar."slug", s."position"
        FROM picked pk
        JOIN "FrameworkVersion" av ON av."id" = pk."versionId"
        JOIN "AssessmentAnswer" ans ON ans."assessmentId" = pk."id"
        JOIN "CompetencyArea" ar ON ar."id" = ans."areaId"
        JOIN "ProficiencyStage" s ON s."id" = ans."stageId"
    ),
    carried AS (
      -- The same framework: areas by slug and stages by position, whatever the version.
      SELECT r."id", r."isNow", r."slug", r."position"
        FROM rated r JOIN current_version cv ON cv."frameworkId" = r."frameworkId"
      UNION ALL
      -- Another framework, only through its crosswalk (competencies/crosswalk.ts): each newer area gets the
      -- lowest stage carried into it (a split repeats a stage, a merge takes the lowest); stages through the
      -- stage lines when there are any. Areas without a line carry nothing.
      SELECT r."id", r."isNow", ta."slug", min(CASE WHEN cw."hasStageLines" THEN sl."toPosition" ELSE r."position" END)
        FROM rated r
        JOIN crosswalk cw ON cw."fromFrameworkId" = r."frameworkId"
        JOIN "CrosswalkAreaLink" l ON l."crosswalkId" = cw."id"
        JOIN "CompetencyArea" fa ON fa."id" = l."fromAreaId" AND fa."slug" = r."slug"
        JOIN "CompetencyArea" ta ON ta."id" = l."toAreaId"
        LEFT JOIN "CrosswalkStageLink" sl ON sl."crosswalkId" = cw."id" AND sl."fromPosition" = r."position"
       WHERE NOT cw."hasStageLines" OR sl."toPosition" IS NOT NULL
       GROUP BY r."id", r."isNow", ta."slug"
    ),
    counted AS (
      -- Contributors: one picked assessment per member and period, counted when it carried a stage.
      SELECT count(DISTINCT c."id") FILTER (WHERE c."isNow")::int AS "now",
             count(DISTINCT c."id") FILTER (WHERE NOT c."isNow")::int AS "then"
        FROM carried c
    ),
    counts AS (
      SELECT c."slug", c."position",
             count(*) FILTER (WHERE c."isNow")::int AS "now",
             count(*) FILTER (WHERE NOT c."isNow")::int AS "then"
        FROM carried c
       GROUP BY c."slug", c."position"
    ),
    sources AS (
      -- Which frameworks the counted assessments were taken in, and how each is compared: names only, no counts.
      SELECT json_agg(json_build_object(
               'framework', sf."name",
               'crosswalked', cw."id" IS NOT NULL,
               'note', CASE WHEN cw."fromReadable" AND cv."readable" THEN cw."note" END,
               'inThen', src."inThen", 'inNow', src."inNow")
             ORDER BY sf."name") AS "sources"
        FROM (SELECT sv."frameworkId", bool_or(NOT pk."isNow") AS "inThen", bool_or(pk."isNow") AS "inNow"
                FROM picked pk JOIN "FrameworkVersion" sv ON sv."id" = pk."versionId"
               GROUP BY sv."frameworkId") src
        JOIN "Framework" sf ON sf."id" = src."frameworkId"
        JOIN current_version cv ON cv."frameworkId" <> src."frameworkId"
        LEFT JOIN crosswalk cw ON cw."fromFrameworkId" = src."frameworkId"
    )
    SELECT cv."name" AS "framework", cv."version",
           ca."slug" AS "areaSlug",
           CASE WHEN cv."readable" THEN ca."name" ELSE 'Area ' || ca."position" END AS "areaName",
           cv."readable" AS "readable",
           ca."position" AS "areaPosition",
           ps."position" AS "stagePosition", ps."name" AS "stageName",
           coalesce(c."now", 0) AS "now", coalesce(c."then", 0) AS "then",
           (SELECT "now" FROM counted) AS "contributorsNow", (SELECT "then" FROM counted) AS "contributorsThen",
           (SELECT "sources" FROM sources) AS "otherFrameworks"
      FROM current_version cv
      JOIN "CompetencyArea" ca ON ca."versionId" = cv."id"
      JOIN "ProficiencyStage" ps ON ps."versionId" = cv."id"
      LEFT JOIN counts c ON c."slug" = ca."slug" AND c."position" = ps."position"
     ORDER BY ca."position", ps."position"`;
}

function toAreas(rows: StageCountRow[]) {
  const first = rows[0];
  if (!first) return { framework: null, contributors: { now: 0, then: 0 }, areas: [], otherFrameworks: [] as OtherFramework[] };
  const stages = [
    ...new Map(rows.map((row) => [row.stagePosition, { position: row.stagePosition, name: row.stageName }])).values(),
  ].sort((a, b) => a.position - b.position);
  const byArea = new Map<string, { slug: string; name: string; position: number; now: number[]; then: number[] }>();
  for (const row of rows) {
    let area = byArea.get(row.areaSlug);
    if (!area) {
      area = { slug: row.areaSlug, name: row.areaName, position: row.areaPosition, now: [], then: [] };
      byArea.set(row.areaSlug, area);
    }
    const index = stages.findIndex((stage) => stage.position === row.stagePosition);
    area.now[index] = Number(row.now);
    area.then[index] = Number(row.then);
  }
  const areas: AreaInsight[] = [...byArea.values()].map((area) => {
    const now = buildDistribution(stages, area.now);
    const then = buildDistribution(stages, area.then);
    return { slug: area.slug, name: area.name, position: area.position, now, then, change: medianChange(then, now) };
  });
  return {
    framework: { name: first.framework, version: first.version, stages },
    contributors: { now: Number(first.contributorsNow), then: Number(first.contributorsThen) },
    areas,
    otherFrameworks: jsonColumn(first.otherFrameworks ?? []),
  };
}

// ─── Commitments to change ──────────────────────────────────────────────────

type CommitmentRow = { slug: string; title: string; members: number; answered: number; done: number };

/**
 * 90-day check-ins answered by the association's current members who opted
 * in, per pathway of the step the commitment was made on (CheckIn by its
 * commitment, Commitment(pathwayId) index). Counted in SQL: no member's answer leaves the database.
 */
function commitmentCounts(associationId: string) {
  return prisma.$queryRaw<CommitmentRow[]>`
    SELECT p."slug", p."title",
           count(DISTINCT c."userId")::int AS "members",
           count(*) FILTER (WHERE ci."answer" <> 'NO_LONGER_RELEVANT')::int AS "answered",
           count(*) FILTER (WHERE ci."answer" = 'DONE')::int AS "done"
      FROM "AssociationMembership" m
      JOIN "Profile" pr ON pr."userId" = m."userId" AND pr."commitmentsInInsight"
      JOIN "Commitment" c ON c."userId" = m."userId" AND c."pathwayId" IS NOT NULL
      JOIN "CheckIn" ci ON ci."commitmentId" = c."id" AND ci."afterDays" = 90 AND ci."answer" IS NOT NULL
      JOIN "Pathway" p ON p."id" = c."pathwayId"
     WHERE m."associationId" = ${associationId}
     GROUP BY p."id", p."slug", p."title"
     ORDER BY 4 DESC, p."title"
     LIMIT ${PATHWAYS_MAX}`;
}

function toCommitmentFigures(rows: CommitmentRow[]): CommitmentFigure[] {
  return rows.map((row) => {
    const shown = isLargeEnough(Number(row.members)) && Number(row.answered) > 0;
    return {
      slug: row.slug,
      title: row.title,
      carriedOutPercent: shown ? Math.round((100 * Number(row.done)) / Number(row.answered)) : null,
      answered: shown ? Number(row.answered) : null,
    };
  });
}

// ─── Pathways ───────────────────────────────────────────────────────────────

type PathwayRow = { slug: string; title: string; own: boolean; enrolled: number; completed: number };

/**
 * Pathways the association's current members follow, with how many of them
 * enrolled and completed: the association's own (published, or with
 * enrolments) first, then other published pathways with at least one of its
 * members enrolled, the most followed first.
 */
function pathwayCounts(associationId: string) {
  return prisma.$queryRaw<PathwayRow[]>`
    WITH counts AS (
      -- Members' enrolments, on the PathwayEnrolment (userId, pathwayId) key.
      SELECT e."pathwayId", count(*)::int AS "enrolled", count(e."completedAt")::int AS "completed"
        FROM "AssociationMembership" m
        JOIN "PathwayEnrolment" e ON e."userId" = m."userId"
       WHERE m."associationId" = ${associationId}
       GROUP BY e."pathwayId"
    )
    SELECT p."slug", p."title",
           coalesce(p."associationId" = ${associationId}, false) AS "own",
           coalesce(c."enrolled", 0) AS "enrolled", coalesce(c."completed", 0) AS "completed"
      FROM "Pathway" p
      LEFT JOIN counts c ON c."pathwayId" = p."id"
     WHERE (p."associationId" = ${associationId} AND (p."status" = 'PUBLISHED' OR c."enrolled" > 0))
        OR (p."status" = 'PUBLISHED' AND c."enrolled" > 0)
     ORDER BY 3 DESC, 4 DESC, p."title", p."id"
     LIMIT ${PATHWAYS_MAX}`;
}

// ─── Forum activity ─────────────────────────────────────────────────────────

type ActivityRow = { month: string; threads: number; replies: number; activeMembers: number };

/**
 * Threads started, replies and distinct posters per month in the
 * association's forum, from `from` (a month's first instant) up to `until`.
 * Deleted threads and deleted or hidden posts do not count; nor do deleted
 * accounts as active members (their posts have no author).
 */
function forumActivity(associationId: string, from: Date, until: Date) {
  return prisma.$queryRaw<ActivityRow[]>`
    SELECT to_char(date_trunc('month', p."createdAt"), 'YYYY-MM') AS "month",
           count(*) FILTER (WHERE p."number" = 1)::int AS "threads",
           count(*) FILTER (WHERE p."number" > 1)::int AS "replies",
           count(DISTINCT p."authorId")::int AS "activeMembers"
      -- The association's threads (Thread associationId index), their posts by (threadId, number).
      FROM "Thread" t
      JOIN "Post" p ON p."threadId" = t."id"
     WHERE t."associationId" = ${associationId}
       AND t."deletedAt" IS NULL
       AND p."deletedAt" IS NULL
       AND p."hiddenAt" IS NULL
       AND p."createdAt" >= (${utc(from)}::timestamptz AT TIME ZONE 'UTC')
       AND p."createdAt" < (${utc(until)}::timestamptz AT TIME ZONE 'UTC')
     GROUP BY 1
     ORDER BY 1`;
}

function toMonths(rows: ActivityRow[], from: Date): MonthActivity[] {
  const byMonth = new Map(rows.map((row) => [row.month, row]));
  return Array.from({ length: ACTIVITY_MONTHS }, (_, index) => {
    const month = monthKey(monthStart(from, index));
    const row = byMonth.get(month);
    return {
      month,
      threads: Number(row?.threads ?? 0),
      replies: Number(row?.replies ?? 0),
      activeMembers: Number(row?.activeMembers ?? 0),
    };
  });
}

// ─── The dashboard ──────────────────────────────────────────────────────────

type HeadRow = { id: string; slug: string; name: string; role: AssociationRoleName | null };

/**
 * The association at `slug` and the actor's membership of it, in one round
 * trip (what findAssociation in the associations domain does in two: this
 * page's budget counts them), or null when there is no such association.
 */
async function findAssociationForInsight(actor: Actor, slug: string) {
  if (!/^[a-z0-9-]{1,60}$/.test(slug)) return null;
  const userId = actor.kind === "member" ? actor.userId : null;
  // Unique lookups: Association.slug and the (associationId, userId) primary key.
  const [row] = await prisma.$queryRaw<HeadRow[]>`
    SELECT a."id", a."slug", a."name", m."role"::text AS "role"
      FROM "Association" a
      LEFT JOIN "AssociationMembership" m ON m."associationId" = a."id" AND m."userId" = ${userId}
     WHERE a."slug" = ${slug}`;
  if (!row) return null;
  const membership: Membership = row.role ? { role: row.role } : null;
  return { association: { id: row.id, slug: row.slug, name: row.name }, membership };
}

/**
 * The insight for the association at `slug`, if `actor` may see it: 404 for
 * no such association, 403 for anyone but its owner, its moderators and site
 * administrators. `now` is for tests.
 */
export async function getAssociationInsight(
  actor: Actor,
  slug: string,
  options: { now?: Date } = {},
): Promise<Result<AssociationInsight>> {
  const found = await findAssociationForInsight(actor, slug);
  if (!found) return NOT_FOUND;
  if (!canViewInsight(actor, found.membership)) return FORBIDDEN;
  const { association } = found;

  const now = options.now ?? new Date();
  const then = twelveMonthsBefore(now);
  const from = monthStart(now, -(ACTIVITY_MONTHS - 1));
  const until = monthStart(now, 1);
  const [stageRows, pathways, activityRows, commitmentRows] = await Promise.all([
    stageCounts(actor, association.id, now, then),
    pathwayCounts(association.id),
    forumActivity(association.id, from, until),
    commitmentCounts(association.id),
  ]);
  const { framework, contributors, areas: readAreas, otherFrameworks } = toAreas(stageRows);
  const areas = withholdAreaSlugs(readAreas, await withheldAreaKeys(stageRows.flatMap((row) => (row.readable ? [] : [row.areaSlug]))));
  return {
    ok: true,
    value: {
      association: { slug: association.slug, name: association.name },
      framework,
      asOf: now.toISOString().slice(0, 10),
      comparedWith: then.toISOString().slice(0, 10),
      contributors,
      areas,
      otherFrameworks,
      pathways: pathways.map((row) => ({
        slug: row.slug,
        title: row.title,
        own: Boolean(row.own),
        enrolled: Number(row.enrolled),
        completed: Number(row.completed),
      })),
      commitments: toCommitmentFigures(commitmentRows),
      activity: toMonths(activityRows, from),
    },
  };
}
