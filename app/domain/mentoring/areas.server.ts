/**
 * The areas of a member's latest submitted self-assessment, as that member
 * may see them: what Settings → Mentoring offers to choose from (mentor in
 * these, grow in these) and how a request names its areas to each side.
 *
 * A licensed version the member may no longer read names its areas by number
 * ("Area 3") and its slugs travel as opaque keys (app/domain/competencies/
 * withheld.server.ts): `toSlug` maps a key the form sends back to its slug.
 */
import { computeGaps } from "~/domain/assessments/calculations";
import { frameworkTextVisibleSql } from "~/domain/competencies/rights.server";
import { withheldAreaKeys } from "~/domain/competencies/withheld.server";
import { recipientActor } from "~/domain/members/actor";
import { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/utils/db.server";

export type MemberArea = {
  /** What forms send: the slug, or its opaque key when the name is withheld. */
  value: string;
  slug: string;
  name: string;
  position: number;
  stage: number | null;
  target: number | null;
};

type Row = {
  slug: string;
  name: string;
  readable: boolean;
  position: number;
  stage: number | null;
  target: number | null;
};

/** One round trip: the latest submitted assessment's areas, in framework order. */
export async function latestAreas(userId: string): Promise<{ hasAssessment: boolean; areas: MemberArea[]; gapSlugs: string[] }> {
  const reader = recipientActor({ id: userId, role: "MEMBER" });
  const rows = await prisma.$queryRaw<Row[]>`
    WITH latest AS (
      SELECT "id", "versionId" FROM "Assessment"
       WHERE "userId" = ${userId} AND "status" = 'SUBMITTED'
       ORDER BY "submittedAt" DESC NULLS LAST, "createdAt" DESC, "id" DESC
       LIMIT 1
    )
    SELECT ar."slug", ar."position",
           ${frameworkTextVisibleSql(reader, Prisma.sql`latest."versionId"`)} AS "readable",
           ar."name", s."position" AS "stage", t."position" AS "target"
      FROM latest
      JOIN "CompetencyArea" ar ON ar."versionId" = latest."versionId"
      LEFT JOIN "AssessmentAnswer" ans ON ans."assessmentId" = latest."id" AND ans."areaId" = ar."id"
      LEFT JOIN "ProficiencyStage" s ON s."id" = ans."stageId"
      LEFT JOIN "ProficiencyStage" t ON t."id" = ans."targetStageId"
     ORDER BY ar."position"`;
  if (rows.length === 0) return { hasAssessment: false, areas: [], gapSlugs: [] };
  const withheld = rows.filter((row) => !row.readable).map((row) => row.slug);
  const keys = await withheldAreaKeys(withheld);
  const areas = rows.map((row) => ({
    value: row.readable ? row.slug : (keys.get(row.slug) ?? row.slug),
    slug: row.slug,
    name: row.readable ? row.name : `Area ${row.position}`,
    position: row.position,
    stage: row.stage,
    target: row.target,
  }));
  const gapSlugs = computeGaps(
    areas.map((area) => ({ areaSlug: area.slug, areaName: area.name, position: area.position, stage: area.stage, target: area.target })),
  ).map((gap) => gap.areaSlug);
  return { hasAssessment: true, areas, gapSlugs };
}

/** The slugs of the chosen form values, keeping only the member's own areas. */
export function toSlugs(areas: readonly MemberArea[], values: readonly string[] | undefined): string[] {
  const byValue = new Map(areas.map((area) => [area.value, area.slug]));
  return [...new Set((values ?? []).flatMap((value) => (byValue.has(value) ? [byValue.get(value)!] : [])))];
}

/** Names of `slugs` as the member sees them (their latest assessment), in its order; unknown slugs are left out. */
export function namesOf(areas: readonly MemberArea[], slugs: readonly string[]): string[] {
  const wanted = new Set(slugs);
  return areas.filter((area) => wanted.has(area.slug)).map((area) => area.name);
}
