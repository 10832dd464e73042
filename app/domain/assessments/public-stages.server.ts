/**
 * The competency summary a member may show on their profile: the stage they
 * gave themselves in each area in their LATEST SUBMITTED self-assessment.
 *
 * Nothing else ever leaves here: no targets, evidence, links, earlier
 * assessments or drafts, and no ids. Who may see it is the profile's
 * "competencies" section (Profile.competencyVisibility, see
 * app/domain/members/policy.ts); the assessments themselves stay private.
 *
 * One round trip when allowed (none when not): the latest submitted
 * assessment, its framework, its rated areas and the size of its stage scale,
 * in one joined query.
 */
import type { Actor } from "~/domain/members/actor";
import { frameworkTextVisibleSql } from "~/domain/competencies/rights.server";
import { canViewCompetencySummary } from "~/domain/members/policy";
import { Prisma } from "~/generated/prisma/client";
import type { Visibility } from "~/generated/prisma/enums";
import { prisma } from "~/utils/db.server";

export interface CompetencySummary {
  /** When the latest assessment was submitted. */
  submittedOn: Date;
  /** The framework version that assessment was taken against (pinned). */
  framework: { name: string; version: string };
  /** Areas the member rated, in framework order. */
  areas: {
    name: string;
    position: number;
    stage: { name: string; position: number };
    /** How many stages the scale has (the stage's position is out of this). */
    stageCount: number;
  }[];
}

type SummaryRow = {
  submittedAt: Date;
  frameworkName: string;
  version: string;
  stageCount: number;
  areaName: string | null;
  areaPosition: number | null;
  stageName: string | null;
  stagePosition: number | null;
};

/**
 * The owner's latest self-assessed stages as `actor` may see them, or null
 * when the actor may not see them or the owner has submitted no assessment.
 */
export async function getCompetencySummaryForViewer(
  actor: Actor,
  ownerUserId: string,
  visibility: Visibility,
): Promise<CompetencySummary | null> {
  if (!canViewCompetencySummary(actor, ownerUserId, visibility)) return null;

  // The latest submitted assessment (the (userId, status, submittedAt) index;
  // same tie-break as the member's own profile), then a row per rated answer.
  // LEFT JOINs keep one row when no area was rated, so the date still shows.
  // Drafts never match, however recent: only SUBMITTED rows are candidates.
  const rows = await prisma.$queryRaw<SummaryRow[]>`
    WITH latest AS (
      SELECT a."id", a."versionId", a."submittedAt"
        FROM "Assessment" a
       WHERE a."userId" = ${ownerUserId}
         AND a."status" = 'SUBMITTED'
         AND a."submittedAt" IS NOT NULL
       ORDER BY a."submittedAt" DESC, a."createdAt" DESC, a."id" DESC
       LIMIT 1
    )
    SELECT l."submittedAt" AS "submittedAt",
           f."name" AS "frameworkName",
           v."version" AS "version",
           (SELECT count(*)::int FROM "ProficiencyStage" ps WHERE ps."versionId" = l."versionId") AS "stageCount",
           -- Area names only for a viewer who may read the version (a licensed one: its licensees).
           CASE WHEN ${frameworkTextVisibleSql(actor, Prisma.sql`l."versionId"`)} THEN ar."name"
                ELSE 'Area ' || ar."position" END AS "areaName",
           ar."position" AS "areaPosition",
           s."name" AS "stageName",
           s."position" AS "stagePosition"
      FROM latest l
      JOIN "FrameworkVersion" v ON v."id" = l."versionId"
      JOIN "Framework" f ON f."id" = v."frameworkId"
      LEFT JOIN "AssessmentAnswer" ans ON ans."assessmentId" = l."id" AND ans."stageId" IS NOT NULL
      LEFT JOIN "CompetencyArea" ar ON ar."id" = ans."areaId"
      LEFT JOIN "ProficiencyStage" s ON s."id" = ans."stageId"
     ORDER BY ar."position" ASC`;

  const first = rows[0];
  if (!first) return null;
  const areas: CompetencySummary["areas"] = [];
  for (const row of rows) {
    if (row.areaName === null || row.areaPosition === null || row.stageName === null || row.stagePosition === null) {
      continue;
    }
    areas.push({
      name: row.areaName,
      position: row.areaPosition,
      stage: { name: row.stageName, position: row.stagePosition },
      stageCount: row.stageCount,
    });
  }
  // Built field by field: only what the summary promises reaches the caller.
  return {
    submittedOn: first.submittedAt,
    framework: { name: first.frameworkName, version: first.version },
    areas,
  };
}
