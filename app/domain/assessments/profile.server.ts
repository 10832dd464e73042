/**
 * The member's competency profile: every submitted assessment, compared.
 * Baseline, previous and latest stages per area, targets, gaps, strengths,
 * change since last time, per-area history and evidence; and the same data
 * as flat rows for the CSV and JSON downloads.
 *
 * Drafts never count. Within one framework, areas are matched across versions
 * by slug and stages by position (1 = first stage). An assessment in another
 * framework counts only through a crosswalk into the latest assessment's
 * framework (competencies/crosswalk.ts: a split area gives each newer area the
 * older stage, a merge the lowest); without one nothing is guessed, and its
 * history is shown on its own, per framework.
 *
 * Queries are bounded whatever the number of assessments. The profile: two
 * at once — the member's profile, their submitted assessments (the rule of
 * `visibleAssessmentsWhere`, as SQL), all their answers and the latest
 * version's stage scale in one, their completed pathway steps in the other.
 * The downloads: the submitted assessments, then their answers.
 */
import { carryStages, type CarriedStage } from "~/domain/competencies/crosswalk";
import { crosswalksInto, type CrosswalkInto } from "~/domain/competencies/crosswalks.server";
import { frameworkTextVisibleSql } from "~/domain/competencies/rights.server";
import { withheldAreaKeys, withholdAreaSlugs } from "~/domain/competencies/withheld.server";
import { ANONYMOUS, readerTimeZone, type Actor } from "~/domain/members/actor";
import { canViewSection } from "~/domain/members/policy";
import { ROLE_ARCHETYPE_LABELS } from "~/domain/members/profile-options";
import { Prisma } from "~/generated/prisma/client";
import type { Visibility } from "~/generated/prisma/enums";
import { jsonColumn, prisma } from "~/utils/db.server";
import { computeChanges, computeGaps, computeStrengths, type AreaRating, type Change } from "./calculations";
import { assessmentOwnerId, profileAudience, visibleAssessmentsWhere, type ProfileViewer } from "./policy";
import { formatLongDateIn } from "~/utils/zoned-dates";

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

/** Internal: an assessment with the ids the crosswalk needs and whether the reader may read its version. */
type LoadedAssessment = AssessmentSummary & { frameworkId: string; versionId: string; readable: boolean };

export interface ProfileArea {
  slug: string;
  name: string;
  position: number;
  baseline: StageRef | null;
  previous: StageRef | null;
  latest: StageRef | null;
  target: StageRef | null;
  /**
   * This area in every assessment that rated it, oldest first: by slug in the
   * same framework, through a crosswalk from another framework.
   */
  history: HistoryEntry[];
  /** The target came from before the edition changed, through the crosswalk (the latest assessment set none). */
  targetCarried: boolean;
  /** From the latest assessment: sanitized HTML (rendered at write time) and links. */
  evidenceHtml: string;
  links: string[];
  /**
   * Evidence from the earlier assessments of the period (same framework),
   * newest first: only what the latest does not already say (a reassessment
   * starts from the previous evidence, so unchanged text is not repeated).
   */
  earlierEvidence: { assessmentId: string; submittedAt: string; submittedOn: string; evidenceHtml: string; links: string[] }[];
}

export interface HistoryEntry {
  assessmentId: string;
  submittedAt: string;
  submittedOn: string;
  stage: StageRef;
  /** "Framework name version" the assessment was taken against. */
  edition: string;
  /** The framework changed since the entry before it: the page marks it. */
  editionChanged: boolean;
  /** Carried through a crosswalk: merged when several older areas were combined (the lowest stage taken), with their names. */
  carried: { merged: boolean; fromAreas: string[] } | null;
}

/** Where the member's assessments moved to another framework, and the crosswalk that carried them (null: none, nothing carried). */
export interface EditionChange {
  /** The first assessment in the new framework. */
  assessmentId: string;
  submittedOn: string;
  from: string;
  to: string;
  crosswalk: { note: string | null } | null;
}

/** History in a framework no crosswalk carries into the latest one: shown per framework, as it was. */
export interface SeparateHistory {
  framework: string;
  areas: { slug: string; name: string; position: number; history: { assessmentId: string; submittedAt: string; submittedOn: string; stage: StageRef }[] }[];
}

export interface ProfileGap {
  areaSlug: string;
  areaName: string;
  size: number;
  stage: StageRef;
  target: StageRef;
}

/**
 * Who the profile is of. The name is always shown; the job title and role are
 * the profile's professional section, null unless the viewer may see it (the
 * member always; a share link's reader only when it is public).
 */
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
      /**
       * Framework of the latest assessment. `namesWithheld`: it is licensed and
       * the reader may not read it, so its areas go by number ("Area 3").
       */
      framework: { name: string; version: string; namesWithheld: boolean };
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
      /** Targets the previous assessment set that the latest stage meets or passes, in framework order. */
      targetsReached: { areaSlug: string; areaName: string; target: StageRef; stage: StageRef }[];
      /** Completed pathway steps, newest first, with the area slugs they build (evidence under those areas). */
      stepEvidence: StepEvidence[];
      /** Oldest first; empty when every assessment is in one framework. */
      editionChanges: EditionChange[];
      /** Frameworks without a crosswalk into the latest one. */
      separateHistories: SeparateHistory[];
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


/** A date as people read it on these pages ("November 23, 2026"), in UTC so server and browser agree. */

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
function findAnswerRows(assessmentIds: string[], evidence: "html" | "markdown", reader: Actor): Promise<AnswerRow[]> {
  if (assessmentIds.length === 0) return Promise.resolve([]);
  const evidenceColumn = evidence === "html" ? Prisma.sql`ans."evidenceHtml"` : Prisma.sql`ans."evidence"`;
  return prisma.$queryRaw<AnswerRow[]>`
    SELECT a."id" AS "assessmentId",
           f."name" AS "framework",
           v."version" AS "version",
           ar."slug" AS "areaSlug",
           CASE WHEN ${frameworkTextVisibleSql(reader, Prisma.sql`a."versionId"`)} THEN ar."name"
                ELSE 'Area ' || ar."position" END AS "areaName",
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

/** Rows grouped per assessment: its framework (when the rows carry it), and its answers by area slug. */
function groupByAssessment(rows: (Omit<AnswerRow, "framework" | "version"> & { framework?: string; version?: string })[]) {
  const byAssessment = new Map<string, { framework: string; version: string; answers: Map<string, AreaAnswer> }>();
  for (const row of rows) {
    let entry = byAssessment.get(row.assessmentId);
    if (!entry) {
      entry = { framework: row.framework ?? "", version: row.version ?? "", answers: new Map() };
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
  const { framework, stages, baseline, latest, previous, gaps, strengths, changes, targetsReached, stepEvidence } = profile;
  return {
    targetsReached,
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

type ProfileRow = {
  displayName: string | null;
  jobTitle: string | null;
  roleArchetype: keyof typeof ROLE_ARCHETYPE_LABELS | null;
  professionalVisibility: Visibility | null;
  assessments: JsonAssessment[] | string;
  answers: JsonAnswer[] | string;
  stages: string[] | string;
};

type JsonAssessment = {
  id: string;
  submittedAt: number | null;
  isBaseline: boolean;
  framework: string;
  version: string;
  frameworkId: string;
  versionId: string;
  readable: boolean;
};
type JsonAnswer = Omit<AnswerRow, "framework" | "version">;


/**
 * The submitted assessments a viewer may see, as SQL on an "Assessment" row
 * aliased `a`: exactly `visibleAssessmentsWhere(viewer)` and status SUBMITTED
 * (the owner's, for the member and for a share link's reviewer alike).
 */
function visibleSubmittedSql(viewer: ProfileViewer) {
  return Prisma.sql`a."userId" = ${assessmentOwnerId(viewer)} AND a."status" = 'SUBMITTED'`;
}

/**
 * The profile's data in one round trip: the member's profile, their
 * submitted assessments (oldest first, with framework and version), every
 * answer of those with its area and stages, and the stage scale of the
 * latest assessment's version — JSON aggregates over one WITH query, so the
 * cost does not grow with the number of assessments.
 */
async function loadProfileData(viewer: ProfileViewer, reader: Actor) {
  // Assessments by (userId, status, submittedAt); answers by AssessmentAnswer (assessmentId, areaId).
  const [row] = await prisma.$queryRaw<ProfileRow[]>`
    WITH submitted AS (
      SELECT a."id", a."submittedAt", a."createdAt", a."isBaseline", a."versionId"
        FROM "Assessment" a
       WHERE ${visibleSubmittedSql(viewer)}
    )
    SELECT pr."displayName", pr."jobTitle", pr."roleArchetype"::text AS "roleArchetype",
           pr."professionalVisibility"::text AS "professionalVisibility",
           COALESCE((
             SELECT json_agg(json_build_object(
                      'id', sub."id", 'submittedAt', floor(extract(epoch FROM sub."submittedAt") * 1000),
                      'isBaseline', sub."isBaseline", 'framework', f."name", 'version', v."version",
                      'frameworkId', f."id", 'versionId', v."id",
                      'readable', ${frameworkTextVisibleSql(reader, Prisma.sql`sub."versionId"`)})
                    ORDER BY sub."submittedAt", sub."createdAt", sub."id")
               FROM submitted sub
               JOIN "FrameworkVersion" v ON v."id" = sub."versionId"
               JOIN "Framework" f ON f."id" = v."frameworkId"), '[]') AS "assessments",
           COALESCE((
             SELECT json_agg(json_build_object(
                      'assessmentId', ans."assessmentId", 'areaSlug', ar."slug",
                      -- Area names only for a reader who may read the version (a licensed one: its licensees).
                      'areaName', CASE WHEN ${frameworkTextVisibleSql(reader, Prisma.sql`sub."versionId"`)} THEN ar."name"
                                       ELSE 'Area ' || ar."position" END,
                      'areaPosition', ar."position", 'stagePosition', st."position", 'stageName', st."name",
                      'targetPosition', tg."position", 'targetName', tg."name",
                      'evidence', ans."evidenceHtml", 'links', ans."links")
                    ORDER BY ar."position")
               FROM submitted sub
               JOIN "AssessmentAnswer" ans ON ans."assessmentId" = sub."id"
               JOIN "CompetencyArea" ar ON ar."id" = ans."areaId"
               LEFT JOIN "ProficiencyStage" st ON st."id" = ans."stageId"
               LEFT JOIN "ProficiencyStage" tg ON tg."id" = ans."targetStageId"), '[]') AS "answers",
           COALESCE((
             SELECT json_agg(ps."name" ORDER BY ps."position")
               FROM "ProficiencyStage" ps
              WHERE ps."versionId" = (SELECT sub."versionId" FROM submitted sub
                                       ORDER BY sub."submittedAt" DESC, sub."createdAt" DESC, sub."id" DESC LIMIT 1)), '[]') AS "stages"
      FROM (SELECT 1) AS one
      LEFT JOIN "Profile" pr ON pr."userId" = ${assessmentOwnerId(viewer)}`;
  return {
    profile:
      row?.displayName != null
        ? {
            displayName: row.displayName,
            jobTitle: row.jobTitle,
            roleArchetype: row.roleArchetype,
            // Never null on an existing profile (the column has a default); fail closed all the same.
            professionalVisibility: row.professionalVisibility ?? "PRIVATE",
          }
        : null,
    submitted: jsonColumn(row?.assessments ?? []),
    answers: jsonColumn(row?.answers ?? []),
    stages: jsonColumn(row?.stages ?? []).map((name) => ({ name })),
  };
}

// ─── Pathway steps as evidence ──────────────────────────────────────────────
// The competency profile shows the member's completed pathway steps under the
// areas they build: read here (the pathway tables, no pathways code), so that
// pathways, which recommends from assessments' gaps, stays above assessments.

export interface StepEvidence {
  stepId: string;
  title: string;
  pathwayTitle: string;
  pathwaySlug: string;
  /** ISO 8601, and as people read it. */
  completedAt: string;
  completedOn: string;
  reflectionHtml: string;
  evidenceUrl: string | null;
  areaSlugs: string[];
}

type EvidenceRow = {
  stepId: string;
  title: string;
  pathwayTitle: string;
  pathwaySlug: string;
  completedAt: Date;
  reflectionHtml: string;
  evidenceUrl: string | null;
  areaSlugs: string[] | null;
};

/**
 * The owner's completed steps (archived steps included: the work was done),
 * newest first, each with the area slugs it builds. One round trip.
 */
/** The owner's completed steps, dated in `timeZone` (the reader's; UTC by default). */
export async function listStepEvidence(ownerId: string, timeZone = "UTC"): Promise<StepEvidence[]> {
  // Uses StepCompletion(userId, stepId) and PathwayStepArea's primary key.
  const rows = await prisma.$queryRaw<EvidenceRow[]>`
    SELECT c."stepId", s."title", p."title" AS "pathwayTitle", p."slug" AS "pathwaySlug", c."completedAt",
           c."reflectionHtml", c."evidenceUrl",
           ARRAY(SELECT a."areaSlug" FROM "PathwayStepArea" a WHERE a."stepId" = s."id" ORDER BY a."areaSlug") AS "areaSlugs"
      FROM "StepCompletion" c
      JOIN "PathwayStep" s ON s."id" = c."stepId"
      JOIN "Pathway" p ON p."id" = s."pathwayId"
     WHERE c."userId" = ${ownerId}
     ORDER BY c."completedAt" DESC, c."id"
     LIMIT 500`;
  return rows.map((row) => ({
    stepId: row.stepId,
    title: row.title,
    pathwayTitle: row.pathwayTitle,
    pathwaySlug: row.pathwaySlug,
    completedAt: row.completedAt.toISOString(),
    completedOn: formatLongDateIn(row.completedAt, timeZone),
    reflectionHtml: row.reflectionHtml,
    evidenceUrl: row.evidenceUrl,
    areaSlugs: row.areaSlugs ?? [],
  }));
}

/** Completed steps grouped by the area slugs they build (a step building two areas shows under both). */
export function groupEvidenceByArea(evidence: StepEvidence[]): Record<string, StepEvidence[]> {
  const byArea: Record<string, StepEvidence[]> = {};
  for (const item of evidence) {
    for (const slug of item.areaSlugs) (byArea[slug] ??= []).push(item);
  }
  return byArea;
}

/**
 * Who reads the profile, for the framework rights (`canReadFrameworkText`):
 * the member themself, or for a share link whoever opened it — a visitor
 * unless the route passes the signed-in reader.
 */
function defaultReader(viewer: ProfileViewer): Actor {
  return viewer.kind === "share" ? ANONYMOUS : viewer;
}

/**
 * Everything /me/competencies and the review pack show, for the signed-in
 * member (or a share link's reviewer) only. Two queries at once: the profile
 * data, and the completed pathway steps.
 */
export async function getCompetencyProfile(actor: ProfileViewer, reader: Actor = defaultReader(actor)): Promise<CompetencyProfile> {
  const [{ profile, submitted, answers, stages }, stepEvidence] = await Promise.all([
    loadProfileData(actor, reader),
    // The owner's own completions only, whoever views (the member, or a reviewer through their share link).
    listStepEvidence(assessmentOwnerId(actor), readerTimeZone(reader)),
  ]);
  // Beyond the name, profile fields follow the profile's own section rule, as on /members/<handle>:
  // the member sees their own; a share link's reader only what a visitor sees.
  const professional =
    profile !== null && canViewSection(profileAudience(actor), assessmentOwnerId(actor), profile.professionalVisibility);
  const member: ProfileMember = {
    displayName: profile?.displayName ?? (actor.kind === "member" ? actor.displayName : "Former member"),
    roleLabel: professional && profile?.roleArchetype ? ROLE_ARCHETYPE_LABELS[profile.roleArchetype] : null,
    jobTitle: (professional && profile?.jobTitle) || null,
  };
  if (submitted.length === 0) return { kind: "empty", member };

  const grouped = groupByAssessment(answers);
  const loaded: LoadedAssessment[] = submitted.map((record) => {
    // submittedAt is always set on a submitted assessment; fall back defensively.
    const submittedAt = new Date(record.submittedAt ?? 0);
    return {
      id: record.id,
      submittedAt: submittedAt.toISOString(),
      submittedOn: formatLongDateIn(submittedAt, readerTimeZone(reader)),
      isBaseline: record.isBaseline,
      framework: record.framework,
      version: record.version,
      frameworkId: record.frameworkId,
      versionId: record.versionId,
      readable: Boolean(record.readable),
    };
  });
  const assessments: AssessmentSummary[] = loaded.map(({ frameworkId: _f, versionId: _v, readable: _r, ...summary }) => summary);
  const latestLoaded = loaded.at(-1)!;
  const latest = assessments.at(-1)!;
  const previous = assessments.length > 1 ? assessments.at(-2)! : null;
  // The first submitted assessment is the baseline; the flag says so, the order backs it up.
  const baseline = assessments.find((assessment) => assessment.isBaseline) ?? assessments[0]!;
  const stageName = (position: number) => stages[position - 1]?.name ?? `Stage ${position}`;

  // Assessments in other frameworks count only through a crosswalk into the latest one's (one more query, only then).
  const otherFrameworks = loaded.filter((assessment) => assessment.frameworkId !== latestLoaded.frameworkId).map((a) => a.frameworkId);
  const crosswalks = otherFrameworks.length ? await crosswalksInto(latestLoaded.versionId, otherFrameworks) : new Map<string, CrosswalkInto>();

  const answersOf = (id: string | undefined) => (id ? grouped.get(id)?.answers : undefined) ?? new Map<string, AreaAnswer>();
  const latestAnswers = answersOf(latest.id);
  type InLatestTerms = { stage: StageRef | null; target: StageRef | null; carried: CarriedStage | null };
  const termsCache = new Map<string, Map<string, InLatestTerms> | null>();
  /** An assessment's stages and targets by the latest version's area slugs; null when no crosswalk makes them comparable. */
  const inLatestTerms = (assessment: LoadedAssessment): Map<string, InLatestTerms> | null => {
    if (termsCache.has(assessment.id)) return termsCache.get(assessment.id)!;
    const own = answersOf(assessment.id);
    let terms: Map<string, InLatestTerms> | null;
    if (assessment.frameworkId === latestLoaded.frameworkId) {
      terms = new Map([...own].map(([slug, answer]) => [slug, { stage: answer.stage, target: answer.target, carried: null }]));
    } else {
      const crosswalk = crosswalks.get(assessment.frameworkId);
      if (!crosswalk) terms = null;
      else {
        const stagesCarried = carryStages(new Map([...own].map(([slug, answer]) => [slug, answer.stage?.position ?? null])), crosswalk.rules);
        const targetsCarried = carryStages(new Map([...own].map(([slug, answer]) => [slug, answer.target?.position ?? null])), crosswalk.rules);
        terms = new Map();
        for (const slug of new Set([...stagesCarried.keys(), ...targetsCarried.keys()])) {
          const stage = stagesCarried.get(slug);
          const target = targetsCarried.get(slug);
          terms.set(slug, {
            stage: stage ? { position: stage.stage, name: stageName(stage.stage) } : null,
            target: target ? { position: target.stage, name: stageName(target.stage) } : null,
            carried: stage ?? null,
          });
        }
      }
    }
    termsCache.set(assessment.id, terms);
    return terms;
  };
  const loadedById = new Map(loaded.map((assessment) => [assessment.id, assessment]));
  const termsOf = (summary: AssessmentSummary | null) => (summary ? inLatestTerms(loadedById.get(summary.id)!) : null);
  const baselineTerms = termsOf(baseline);
  const previousTerms = termsOf(previous);
  // Targets follow the crosswalk: on the first assessment after an edition change, a target left unset comes from the one before.
  const firstInItsFramework = loaded.filter((assessment) => assessment.frameworkId === latestLoaded.frameworkId).length === 1;
  const carriedTargets = firstInItsFramework && previous ? previousTerms : null;
  const editionOf = (assessment: LoadedAssessment) => `${assessment.framework} ${assessment.version}`;
  /** Older area names for a merge note: only as the reader may read them ("Area N" otherwise, from the query). */
  const areaNames = (assessment: LoadedAssessment, slugs: string[]) =>
    slugs.flatMap((slug) => answersOf(assessment.id).get(slug)?.name ?? []);

  /** An area's evidence in the earlier assessments of the latest framework, newest first, without repeats. */
  const earlierInFramework = loaded
    .filter((assessment) => assessment.id !== latest.id && assessment.frameworkId === latestLoaded.frameworkId)
    .reverse();
  const earlierEvidenceFor = (latestAnswer: AreaAnswer): ProfileArea["earlierEvidence"] => {
    const seenText = new Set([latestAnswer.evidence]);
    const seenLinks = new Set(latestAnswer.links);
    return earlierInFramework.flatMap((assessment) => {
        const own = answersOf(assessment.id).get(latestAnswer.slug);
        if (!own) return [];
        const evidenceHtml = own.evidence && !seenText.has(own.evidence) ? own.evidence : "";
        const links = own.links.filter((link) => !seenLinks.has(link));
        seenText.add(own.evidence);
        for (const link of own.links) seenLinks.add(link);
        if (!evidenceHtml && links.length === 0) return [];
        return [{ assessmentId: assessment.id, submittedAt: assessment.submittedAt, submittedOn: assessment.submittedOn, evidenceHtml, links }];
    });
  };

  const areas: ProfileArea[] = [...latestAnswers.values()]
    .sort((a, b) => a.position - b.position)
    .map((answer) => {
      let lastFramework: string | null = null;
      const history = loaded.flatMap((assessment): HistoryEntry[] => {
        const entry = inLatestTerms(assessment)?.get(answer.slug);
        if (!entry?.stage) return [];
        const editionChanged = lastFramework !== null && lastFramework !== assessment.frameworkId;
        lastFramework = assessment.frameworkId;
        return [
          {
            assessmentId: assessment.id,
            submittedAt: assessment.submittedAt,
            submittedOn: assessment.submittedOn,
            stage: entry.stage,
            edition: editionOf(assessment),
            editionChanged,
            carried: entry.carried ? { merged: entry.carried.merged, fromAreas: areaNames(assessment, entry.carried.from) } : null,
          },
        ];
      });
      const carriedTarget = answer.target ? null : (carriedTargets?.get(answer.slug)?.target ?? null);
      return {
        slug: answer.slug,
        name: answer.name,
        position: answer.position,
        baseline: baselineTerms?.get(answer.slug)?.stage ?? null,
        previous: previous ? (previousTerms?.get(answer.slug)?.stage ?? null) : null,
        latest: answer.stage,
        target: answer.target ?? carriedTarget,
        targetCarried: carriedTarget !== null,
        history,
        evidenceHtml: answer.evidence,
        links: answer.links,
        earlierEvidence: earlierEvidenceFor(answer),
      };
    });

  // Where the framework changed between one assessment and the next.
  const editionChanges: EditionChange[] = [];
  loaded.forEach((assessment, index) => {
    const before = loaded[index - 1];
    if (!before || before.frameworkId === assessment.frameworkId) return;
    // Only a change into the latest framework is carried; the crosswalk note shows when the reader may read both versions.
    const crosswalk = assessment.frameworkId === latestLoaded.frameworkId ? crosswalks.get(before.frameworkId) : undefined;
    editionChanges.push({
      assessmentId: assessment.id,
      submittedOn: assessment.submittedOn,
      from: editionOf(before),
      to: editionOf(assessment),
      crosswalk: crosswalk ? { note: before.readable && assessment.readable ? crosswalk.note : null } : null,
    });
  });

  // Frameworks nothing carries into the latest one: their history on its own, per framework, nothing guessed.
  const separate = new Map<string, { framework: string; areas: Map<string, SeparateHistory["areas"][number]> }>();
  for (const assessment of loaded) {
    if (inLatestTerms(assessment) !== null) continue;
    const group = separate.get(assessment.frameworkId) ?? { framework: assessment.framework, areas: new Map() };
    separate.set(assessment.frameworkId, group);
    for (const own of answersOf(assessment.id).values()) {
      if (!own.stage) continue;
      const area = group.areas.get(own.slug) ?? { slug: own.slug, name: own.name, position: own.position, history: [] };
      // The most recent assessment's name and position win (areas are listed as it had them).
      area.name = own.name;
      area.position = own.position;
      area.history.push({ assessmentId: assessment.id, submittedAt: assessment.submittedAt, submittedOn: assessment.submittedOn, stage: own.stage });
      group.areas.set(own.slug, area);
    }
  }
  const separateHistories: SeparateHistory[] = [...separate.values()].map((group) => ({
    framework: group.framework,
    areas: [...group.areas.values()].sort((a, b) => a.position - b.position),
  }));

  const latestRatings: AreaRating[] = areas.map((area) => ({
    areaSlug: area.slug,
    areaName: area.name,
    position: area.position,
    stage: area.latest?.position ?? null,
    target: area.target?.position ?? null,
  }));
  const previousRatings: AreaRating[] = previousTerms
    ? areas.flatMap((area) => {
        const entry = previousTerms.get(area.slug);
        return entry
          ? [{ areaSlug: area.slug, areaName: area.name, position: area.position, stage: entry.stage?.position ?? null, target: entry.target?.position ?? null }]
          : [];
      })
    : [];
  // Slugs of areas the reader may not read travel as opaque keys (an area read elsewhere in the profile is not withheld).
  const readSlugs = new Set(loaded.filter((a) => a.readable).flatMap((a) => [...answersOf(a.id).keys()]));
  const withheld = await withheldAreaKeys(
    loaded.filter((a) => !a.readable).flatMap((a) => [...answersOf(a.id).keys()].filter((slug) => !readSlugs.has(slug))),
  );
  return withholdAreaSlugs<CompetencyProfile>({
    kind: "profile",
    member,
    framework: { name: latest.framework, version: latest.version, namesWithheld: !latestLoaded.readable },
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
    changes: previous && previousTerms ? computeChanges(previousRatings, latestRatings) : [],
    targetsReached: areas.flatMap((area) => {
      const target = previousTerms?.get(area.slug)?.target;
      return target && area.latest && area.latest.position >= target.position
        ? [{ areaSlug: area.slug, areaName: area.name, target, stage: area.latest }]
        : [];
    }),
    stepEvidence,
    editionChanges,
    separateHistories,
  }, withheld);
}

/**
 * The member's submitted assessments as flat rows for the CSV and JSON
 * downloads: one row per area per assessment, oldest assessment first, areas
 * in framework order. Evidence is the Markdown the member wrote.
 */
export async function exportAssessments(actor: ProfileViewer, reader: Actor = defaultReader(actor)): Promise<ExportRow[]> {
  const submitted = await findSubmitted(actor);
  const grouped = groupByAssessment(
    await findAnswerRows(
      submitted.map((assessment) => assessment.id),
      "markdown",
      reader,
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
