/**
 * Recommendations for a member: loads what `rankRecommendations` needs in a
 * fixed number of round trips (the catalogue, the member's state, and their
 * latest submitted assessment's gaps unless the caller already has them).
 */
import { computeGaps } from "~/domain/assessments/calculations";
import { frameworkTextVisibleSql } from "~/domain/competencies/rights.server";
import { recipientActor } from "~/domain/members/actor";
import { Prisma } from "~/generated/prisma/client";
import { BACKGROUND_LABELS, ROLE_ARCHETYPE_LABELS } from "~/domain/members/profile-options";
import { prisma } from "~/utils/db.server";
import {
  loadCatalogue,
  loadMemberState,
  listedOnly,
  summariseEnrolled,
  toListedPathway,
  type CataloguePathway,
  type ListedPathway,
  type EnrolledPathway,
  type MemberPathwayState,
} from "./pathways.server";
import { choosePathwayFocus, type PathwayFocus } from "./home-focus";
import { rankRecommendations, type RankGap, type Recommendations } from "./recommendations";

export type { Recommendations };

type LatestRow = {
  stageCount: number;
  areaSlug: string | null;
  areaName: string | null;
  position: number | null;
  stage: number | null;
  stageName: string | null;
  target: number | null;
  targetName: string | null;
};

/** The member's latest submitted assessment: its gaps, and each area's stage on a scale of `stageCount`. */
export type LatestAssessment = { hasAssessment: boolean; gaps: RankGap[]; stages: number[]; stageCount: number };

/**
 * The member's latest submitted assessment as gaps (target above the current
 * stage), in one round trip. `hasAssessment` is false when nothing is submitted.
 */
export async function loadLatestGaps(userId: string): Promise<LatestAssessment> {
  // The latest assessment by Assessment(userId, status, submittedAt).
  const rows = await prisma.$queryRaw<LatestRow[]>`
    WITH latest AS (
      SELECT "id", "versionId" FROM "Assessment"
       WHERE "userId" = ${userId} AND "status" = 'SUBMITTED'
       ORDER BY "submittedAt" DESC NULLS LAST, "createdAt" DESC, "id" DESC
       LIMIT 1
    )
    SELECT (SELECT count(*)::int FROM "ProficiencyStage" ps WHERE ps."versionId" = latest."versionId") AS "stageCount",
           ar."slug" AS "areaSlug",
           -- A licensed version's area names only while the member may read it (still in a licensee).
           CASE WHEN ${frameworkTextVisibleSql(recipientActor({ id: userId, role: "MEMBER" }), Prisma.sql`latest."versionId"`)}
                THEN ar."name" ELSE 'Area ' || ar."position" END AS "areaName",
           ar."position",
           s."position" AS "stage", s."name" AS "stageName", t."position" AS "target", t."name" AS "targetName"
      FROM latest
      LEFT JOIN "AssessmentAnswer" ans ON ans."assessmentId" = latest."id"
      LEFT JOIN "CompetencyArea" ar ON ar."id" = ans."areaId"
      LEFT JOIN "ProficiencyStage" s ON s."id" = ans."stageId"
      LEFT JOIN "ProficiencyStage" t ON t."id" = ans."targetStageId"`;
  if (rows.length === 0) return { hasAssessment: false, gaps: [], stages: [], stageCount: 0 };
  const names = new Map<number, string>();
  for (const row of rows) {
    if (row.stage !== null && row.stageName) names.set(row.stage, row.stageName);
    if (row.target !== null && row.targetName) names.set(row.target, row.targetName);
  }
  const ratings = rows.flatMap((row) =>
    row.areaSlug && row.areaName && row.position !== null
      ? [{ areaSlug: row.areaSlug, areaName: row.areaName, position: row.position, stage: row.stage, target: row.target }]
      : [],
  );
  const gaps = computeGaps(ratings).map((gap) => ({
    ...gap,
    stageName: names.get(gap.stage) ?? `Stage ${gap.stage}`,
    targetName: names.get(gap.target) ?? `Stage ${gap.target}`,
  }));
  return {
    hasAssessment: true,
    gaps,
    stages: ratings.flatMap((rating) => (rating.stage === null ? [] : [rating.stage])),
    stageCount: Number(rows[0]!.stageCount),
  };
}

function rank(catalogue: CataloguePathway[], state: MemberPathwayState, latest: { hasAssessment: boolean; gaps: RankGap[] }) {
  return rankRecommendations({
    hasAssessment: latest.hasAssessment,
    gaps: latest.gaps,
    roleArchetype: state.roleArchetype,
    roleLabel: state.roleArchetype && state.roleArchetype !== "OTHER" ? ROLE_ARCHETYPE_LABELS[state.roleArchetype] : null,
    background: state.background,
    backgroundLabel: state.background && state.background !== "OTHER" ? BACKGROUND_LABELS[state.background] : null,
    // Only published pathways are ever recommended.
    pathways: listedOnly(catalogue),
    completedStepIds: new Set(state.completions.keys()),
    enrolledPathwayIds: new Set(state.enrolments.keys()),
  });
}

/**
 * Suggested pathways and next steps. Pass `latest` when the page already
 * knows the member's gaps (the competency profile does): two round trips
 * instead of three. It may be a promise (the page's own query for them, still
 * running): the pathways load meanwhile.
 */
export async function getRecommendations(
  userId: string,
  latest?: { hasAssessment: boolean; gaps: RankGap[] } | Promise<{ hasAssessment: boolean; gaps: RankGap[] }>,
): Promise<Recommendations> {
  const [catalogue, state, known] = await Promise.all([
    loadCatalogue(userId),
    loadMemberState(userId),
    latest ?? loadLatestGaps(userId),
  ]);
  return rank(catalogue, state, known);
}

/**
 * The home page's pathway to focus on (./home-focus), "Your pathways" and
 * "Recommended next", in three round trips.
 */
export async function getHomePathways(
  userId: string,
): Promise<{ focus: PathwayFocus[]; enrolled: EnrolledPathway[]; recommendations: Recommendations; hasAssessment: boolean }> {
  const [catalogue, state, latest] = await Promise.all([loadCatalogue(userId), loadMemberState(userId), loadLatestGaps(userId)]);
  return {
    focus: choosePathwayFocus({
      pathways: listedOnly(catalogue),
      enrolments: state.enrolments,
      completedStepIds: new Set(state.completions.keys()),
      latestStages: latest.hasAssessment ? latest.stages : null,
      stageCount: latest.stageCount,
      holdsChcp: state.credentials.includes("CHCP"),
    }),
    enrolled: summariseEnrolled(catalogue, state),
    recommendations: rank(catalogue, state, latest),
    hasAssessment: latest.hasAssessment,
  };
}

/** /pathways for a member: every listed pathway with their progress, and suggestions (three round trips). */
export async function getPathwaysWithRecommendations(
  userId: string,
): Promise<{ pathways: ListedPathway[]; recommendations: Recommendations }> {
  const [catalogue, state, latest] = await Promise.all([loadCatalogue(userId), loadMemberState(userId), loadLatestGaps(userId)]);
  return {
    pathways: listedOnly(catalogue).map((pathway) => toListedPathway(pathway, state)),
    recommendations: rank(catalogue, state, latest),
  };
}
