/**
 * The member's competency profile: every submitted assessment, compared.
 * Baseline, previous and latest stages per area, targets, gaps, strengths,
 * change since last time, per-area history and evidence; and the same data
 * as flat rows for the CSV and JSON downloads.
 *
 * Drafts never count. Areas are matched across framework versions by slug, and
 * stages are compared by position (1 = first stage).
 *
 * Queries are bounded whatever the number of assessments: the member's profile
 * and their submitted assessments (filtered by `visibleAssessmentsWhere`), then
 * one joined query for all their answers, one for the latest version's
 * stage scale and one for their completed pathway steps — 5 round trips (2
 * when there is nothing yet).
 */
import { ROLE_ARCHETYPE_LABELS } from "~/domain/members/profile-options";
import { listStepEvidence, type StepEvidence } from "~/domain/pathways/pathways.server";
import { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/utils/db.server";
import { computeChanges, computeGaps, computeStrengths, type AreaRating, type Change } from "./calculations";
import { assessmentOwnerId, visibleAssessmentsWhere, type ProfileViewer } from "./policy";

export interface StageRef {
  position: number;
  name: string;
}

export interface AssessmentSummary {
  id: string;
  /** ISO 8601. */
  submittedAt: string;
  /** For people, for example "November 23, 2026" (UTC, so server and browser agree). */
  submittedOn: string;
  isBaseline: boolean;
  framework: string;
  version: string;
}

export interface ProfileArea {
  slug: string;
  name: string;
  position: number;
  baseline: StageRef | null;
  previous: StageRef | null;
  latest: StageRef | null;
  target: StageRef | null;
  /** This area (matched by slug) in every assessment that rated it, oldest first. */
  history: { assessmentId: string; submittedAt: string; submittedOn: string; stage: StageRef }[];
  /** From the latest assessment: sanitized HTML (rendered at write time) and links. */
  evidenceHtml: string;
  links: string[];
}

export interface ProfileGap {
  areaSlug: string;
  areaName: string;
  size: number;
  stage: StageRef;
  target: StageRef;
}

export interface ProfileMember {
  displayName: string;
  roleLabel: string | null;
  jobTitle: string | null;
}

export type CompetencyProfile =
  | { kind: "empty"; member: ProfileMember }
  | {
      kind: "profile";
      member: ProfileMember;
      /** Framework of the latest assessment. */
      framework: { name: string; version: string };
      /** Stage names by position (index 0 = stage 1) in the latest assessment's version. */
      stages: string[];
      /** Oldest first. */
      assessments: AssessmentSummary[];
      baseline: AssessmentSummary;
      previous: AssessmentSummary | null;
      latest: AssessmentSummary;
      /** The latest assessment's areas, in framework order. */
      areas: ProfileArea[];
      gaps: ProfileGap[];
      strengths: { areaSlug: string; areaName: string; stage: StageRef }[];
      /** Empty when there is no previous assessment. */
      changes: Change[];
      /** Completed pathway steps, newest first, with the area slugs they build (evidence under those areas). */
      stepEvidence: StepEvidence[];
    };

export interface ExportRow {
  assessmentId: string;
  submittedAt: string;
  baseline: boolean;
  framework: string;
  version: string;
  areaPosition: number;
  area: string;
  stagePosition: number | null;
  stage: string | null;
  targetPosition: number | null;
  target: string | null;
  /** As the member wrote it (Markdown). */
  evidence: string;
  /** Evidence links joined by a space. */
  links: string;
}

const dateFormat = new Intl.DateTimeFormat("en-US", { dateStyle: "long", timeZone: "UTC" });

/** A date as people read it on these pages ("November 23, 2026"), in UTC so server and browser agree. */
export const formatDay = (date: Date) => dateFormat.format(date);

/** The actor's submitted assessments, oldest first. The policy's where-clause decides which are visible. */
function findSubmitted(actor: ProfileViewer) {
  return prisma.assessment.findMany({
    where: { AND: [visibleAssessmentsWhere(actor), { status: "SUBMITTED" }] },
    // Uses the (userId, status, submittedAt) index.
    orderBy: [{ submittedAt: "asc" }, { createdAt: "asc" }, { id: "asc" }],
    select: { id: true, submittedAt: true, isBaseline: true, versionId: true },
  });
}

type AnswerRow = {
  assessmentId: string;
  framework: string;
  version: string;
  areaSlug: string | null;
  areaName: string | null;
  areaPosition: number | null;
  stagePosition: number | null;
  stageName: string | null;
  targetPosition: number | null;
  targetName: string | null;
  evidence: string | null;
  links: string[] | null;
};

/**
 * Every answer of the given assessments, with its area, stages, version and
 * framework, in one round trip (Prisma without relation joins would make one
 * query per relation). The ids come from `findSubmitted`, which applied the
 * policy; the status check here is a second lock on the same door. One row
 * per assessment even when it has no answers (LEFT JOIN), so its framework is
 * always known.
 */
function findAnswerRows(assessmentIds: string[], evidence: "html" | "markdown"): Promise<AnswerRow[]> {
  if (assessmentIds.length === 0) return Promise.resolve([]);
  const evidenceColumn = evidence === "html" ? Prisma.sql`ans."evidenceHtml"` : Prisma.sql`ans."evidence"`;
  return prisma.$queryRaw<AnswerRow[]>`
    SELECT a."id" AS "assessmentId",
           f."name" AS "framework",
           v."version" AS "version",
           ar."slug" AS "areaSlug",
           ar."name" AS "areaName",
           ar."position" AS "areaPosition",
           s."position" AS "stagePosition",
           s."name" AS "stageName",
           t."position" AS "targetPosition",
           t."name" AS "targetName",
           ${evidenceColumn} AS "evidence",
           ans."links" AS "links"
      FROM "Assessment" a
      JOIN "FrameworkVersion" v ON v."id" = a."versionId"
      JOIN "Framework" f ON f."id" = v."frameworkId"
      LEFT JOIN "AssessmentAnswer" ans ON ans."assessmentId" = a."id"
      LEFT JOIN "CompetencyArea" ar ON ar."id" = ans."areaId"
      LEFT JOIN "ProficiencyStage" s ON s."id" = ans."stageId"
      LEFT JOIN "ProficiencyStage" t ON t."id" = ans."targetStageId"
     WHERE a."id" IN (${Prisma.join(assessmentIds)})
       AND a."status" = 'SUBMITTED'
     ORDER BY ar."position" ASC`;
}

const stageRef = (position: number | null, name: string | null): StageRef | null =>
  position === null || name === null ? null : { position, name };

type AreaAnswer = {
  slug: string;
  name: string;
  position: number;
  stage: StageRef | null;
  target: StageRef | null;
  evidence: string;
  links: string[];
};

/** Rows grouped per assessment: its framework, and its answers by area slug. */
function groupByAssessment(rows: AnswerRow[]) {
  const byAssessment = new Map<string, { framework: string; version: string; answers: Map<string, AreaAnswer> }>();
  for (const row of rows) {
    let entry = byAssessment.get(row.assessmentId);
    if (!entry) {
      entry = { framework: row.framework, version: row.version, answers: new Map() };
      byAssessment.set(row.assessmentId, entry);
    }
    if (row.areaSlug === null || row.areaName === null || row.areaPosition === null) continue;
    entry.answers.set(row.areaSlug, {
      slug: row.areaSlug,
      name: row.areaName,
      position: row.areaPosition,
      stage: stageRef(row.stagePosition, row.stageName),
      target: stageRef(row.targetPosition, row.targetName),
      evidence: row.evidence ?? "",
      links: row.links ?? [],
    });
  }
  return byAssessment;
}

function ratings(answers: Iterable<AreaAnswer>): AreaRating[] {
  return Array.from(answers, (answer) => ({
    areaSlug: answer.slug,
    areaName: answer.name,
    position: answer.position,
    stage: answer.stage?.position ?? null,
    target: answer.target?.position ?? null,
  }));
}

/** The part of a profile a review pack shows (no per-area history, no assessment list). */
export function toReviewPack(profile: Extract<CompetencyProfile, { kind: "profile" }>) {
  const { framework, stages, baseline, latest, previous, gaps, strengths, changes, stepEvidence } = profile;
  return {
    framework,
    stages,
    baseline,
    latest,
    previous,
    gaps,
    strengths,
    changes,
    stepEvidence,
    areas: profile.areas.map(({ history: _history, ...area }) => area),
  };
}

export type ReviewPack = ReturnType<typeof toReviewPack>;

/** Everything /me/competencies and the review pack show, for the signed-in member only. */
export async function getCompetencyProfile(actor: ProfileViewer): Promise<CompetencyProfile> {
  const [profile, submitted] = await Promise.all([
    prisma.profile.findUnique({
      where: { userId: assessmentOwnerId(actor) },
      select: { displayName: true, jobTitle: true, roleArchetype: true },
    }),
    findSubmitted(actor),
  ]);
  const member: ProfileMember = {
    displayName: profile?.displayName ?? (actor.kind === "member" ? actor.displayName : "Former member"),
    roleLabel: profile?.roleArchetype ? ROLE_ARCHETYPE_LABELS[profile.roleArchetype] : null,
    jobTitle: profile?.jobTitle || null,
  };
  const latestRecord = submitted.at(-1);
  if (!latestRecord) return { kind: "empty", member };

  const [rows, stages, stepEvidence] = await Promise.all([
    findAnswerRows(
      submitted.map((assessment) => assessment.id),
      "html",
    ),
    prisma.proficiencyStage.findMany({
      where: { versionId: latestRecord.versionId },
      orderBy: { position: "asc" },
      select: { name: true },
    }),
    // The owner's own completions only, whoever views (the member, or a reviewer through their share link).
    listStepEvidence(assessmentOwnerId(actor)),
  ]);
  const grouped = groupByAssessment(rows);

  const assessments: AssessmentSummary[] = submitted.map((record) => {
    const entry = grouped.get(record.id);
    // submittedAt is always set on a submitted assessment; fall back defensively.
    const submittedAt = record.submittedAt ?? new Date(0);
    return {
      id: record.id,
      submittedAt: submittedAt.toISOString(),
      submittedOn: formatDay(submittedAt),
      isBaseline: record.isBaseline,
      framework: entry?.framework ?? "",
      version: entry?.version ?? "",
    };
  });
  const latest = assessments.at(-1)!;
  const previous = assessments.length > 1 ? assessments.at(-2)! : null;
  // The first submitted assessment is the baseline; the flag says so, the order backs it up.
  const baseline = assessments.find((assessment) => assessment.isBaseline) ?? assessments[0]!;

  const answersOf = (assessment: AssessmentSummary | null) =>
    assessment ? (grouped.get(assessment.id)?.answers ?? new Map<string, AreaAnswer>()) : new Map<string, AreaAnswer>();
  const latestAnswers = answersOf(latest);
  const baselineAnswers = answersOf(baseline);
  const previousAnswers = answersOf(previous);
  const stageName = (position: number) => stages[position - 1]?.name ?? `Stage ${position}`;

  const areas: ProfileArea[] = [...latestAnswers.values()]
    .sort((a, b) => a.position - b.position)
    .map((answer) => ({
      slug: answer.slug,
      name: answer.name,
      position: answer.position,
      baseline: baselineAnswers.get(answer.slug)?.stage ?? null,
      previous: previous ? (previousAnswers.get(answer.slug)?.stage ?? null) : null,
      latest: answer.stage,
      target: answer.target,
      history: assessments.flatMap((assessment) => {
        const stage = answersOf(assessment).get(answer.slug)?.stage;
        return stage
          ? [{ assessmentId: assessment.id, submittedAt: assessment.submittedAt, submittedOn: assessment.submittedOn, stage }]
          : [];
      }),
      evidenceHtml: answer.evidence,
      links: answer.links,
    }));

  const latestRatings = ratings(areas.map((area) => latestAnswers.get(area.slug)!));
  return {
    kind: "profile",
    member,
    framework: { name: latest.framework, version: latest.version },
    stages: stages.map((stage) => stage.name),
    assessments,
    baseline,
    previous,
    latest,
    areas,
    gaps: computeGaps(latestRatings).map((gap) => ({
      areaSlug: gap.areaSlug,
      areaName: gap.areaName,
      size: gap.size,
      stage: { position: gap.stage, name: stageName(gap.stage) },
      target: { position: gap.target, name: stageName(gap.target) },
    })),
    strengths: computeStrengths(latestRatings, stages.length).map((strength) => ({
      areaSlug: strength.areaSlug,
      areaName: strength.areaName,
      stage: { position: strength.stage!, name: stageName(strength.stage!) },
    })),
    changes: previous ? computeChanges(ratings(previousAnswers.values()), latestRatings) : [],
    stepEvidence,
  };
}

/**
 * The member's submitted assessments as flat rows for the CSV and JSON
 * downloads: one row per area per assessment, oldest assessment first, areas
 * in framework order. Evidence is the Markdown the member wrote.
 */
export async function exportAssessments(actor: ProfileViewer): Promise<ExportRow[]> {
  const submitted = await findSubmitted(actor);
  const grouped = groupByAssessment(
    await findAnswerRows(
      submitted.map((assessment) => assessment.id),
      "markdown",
    ),
  );
  return submitted.flatMap((record) => {
    const entry = grouped.get(record.id);
    if (!entry) return [];
    const submittedAt = (record.submittedAt ?? new Date(0)).toISOString();
    return [...entry.answers.values()]
      .sort((a, b) => a.position - b.position)
      .map((answer) => ({
        assessmentId: record.id,
        submittedAt,
        baseline: record.isBaseline,
        framework: entry.framework,
        version: entry.version,
        areaPosition: answer.position,
        area: answer.name,
        stagePosition: answer.stage?.position ?? null,
        stage: answer.stage?.name ?? null,
        targetPosition: answer.target?.position ?? null,
        target: answer.target?.name ?? null,
        evidence: answer.evidence,
        links: answer.links.join(" "),
      }));
  });
}
