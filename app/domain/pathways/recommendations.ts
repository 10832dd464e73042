/**
 * Ranking pathways and next steps for a member, from their gaps (latest
 * assessment: target above current stage), their role and background, and
 * what they have already done. Pure and client-safe; every suggestion says why.
 *
 * Rules:
 * - A step helps with a gap area when it builds that area toward a stage above
 *   the member's current one (or toward an unknown stage). Its weight is the
 *   size of that gap; the member's largest gap is named as such.
 * - Pathways matching the member's role archetype or background get a boost.
 * - No assessment yet: onboarding pathways come first ("take a baseline").
 * - Never a completed step, never a pathway with every step completed; pathway
 *   suggestions leave out pathways the member is already enrolled in (their
 *   steps can still be suggested).
 */
import type { Background, PathwayKind, RoleArchetype } from "~/generated/prisma/enums";

export interface RankGap {
  areaSlug: string;
  areaName: string;
  /** Stage positions (1 = first stage). */
  stage: number;
  target: number;
  stageName: string;
  targetName: string;
}

export interface RankStep {
  id: string;
  key: string;
  title: string;
  position: number;
  effortMinutes: number;
  areas: { areaSlug: string; areaName: string; stagePosition: number | null }[];
}

export interface RankPathway {
  id: string;
  slug: string;
  title: string;
  kind: PathwayKind;
  roleArchetypes: RoleArchetype[];
  backgrounds: Background[];
  /** Current steps, in order. */
  steps: RankStep[];
}

export interface RankInput {
  /** False when the member has not submitted any assessment. */
  hasAssessment: boolean;
  gaps: RankGap[];
  roleArchetype: RoleArchetype | null;
  roleLabel: string | null;
  background: Background | null;
  backgroundLabel: string | null;
  pathways: RankPathway[];
  completedStepIds: ReadonlySet<string>;
  enrolledPathwayIds: ReadonlySet<string>;
}

export interface PathwaySuggestion {
  slug: string;
  title: string;
  kind: PathwayKind;
  reason: string;
  completed: number;
  total: number;
}

export interface StepSuggestion {
  key: string;
  title: string;
  pathwaySlug: string;
  pathwayTitle: string;
  effortMinutes: number;
  reason: string;
}

export interface Recommendations {
  /** The member has not taken a baseline: the page should point to /me/assessment too. */
  needsBaseline: boolean;
  pathways: PathwaySuggestion[];
  steps: StepSuggestion[];
}

const gapSize = (gap: RankGap) => gap.target - gap.stage;

/** The member's gaps a step helps with, largest first. */
function gapsBuiltBy(step: RankStep, gaps: Map<string, RankGap>): RankGap[] {
  return step.areas
    .flatMap((area) => {
      const gap = gaps.get(area.areaSlug);
      if (!gap) return [];
      // A step aimed at a stage the member has already reached does not close the gap.
      if (area.stagePosition !== null && area.stagePosition <= gap.stage) return [];
      return [gap];
    })
    .sort((a, b) => gapSize(b) - gapSize(a) || a.areaName.localeCompare(b.areaName));
}

/**
 * How well a step's level suits the member in a gap area: best when it aims at
 * the very next stage, fine within the target, a stretch beyond it.
 */
function fit(step: RankStep, gap: RankGap): number {
  const stage = step.areas.find((area) => area.areaSlug === gap.areaSlug)?.stagePosition ?? null;
  if (stage === null) return 0;
  if (stage > gap.target) return -4;
  return stage === gap.stage + 1 ? 4 : 2;
}

function describeGap(gap: RankGap, largest: RankGap | undefined): string {
  return gap.areaSlug === largest?.areaSlug
    ? `${gap.areaName}, your largest gap (${gap.stageName} now, aiming for ${gap.targetName})`
    : `${gap.areaName} (${gap.stageName} now, aiming for ${gap.targetName})`;
}

export function rankRecommendations(input: RankInput, limits = { pathways: 3, steps: 3 }): Recommendations {
  const gaps = [...input.gaps].sort((a, b) => gapSize(b) - gapSize(a) || a.areaName.localeCompare(b.areaName));
  const largest = gaps[0];
  const gapsByArea = new Map(gaps.map((gap) => [gap.areaSlug, gap]));
  const needsBaseline = !input.hasAssessment;

  type Scored<T> = { item: T; score: number; order: number };
  const pathwayScores: Scored<PathwaySuggestion>[] = [];
  const stepScores: Scored<StepSuggestion>[] = [];

  input.pathways.forEach((pathway, pathwayIndex) => {
    const remaining = pathway.steps.filter((step) => !input.completedStepIds.has(step.id));
    if (remaining.length === 0) return;
    const enrolled = input.enrolledPathwayIds.has(pathway.id);
    const roleMatch = input.roleArchetype !== null && pathway.roleArchetypes.includes(input.roleArchetype);
    const backgroundMatch = input.background !== null && pathway.backgrounds.includes(input.background);

    // Steps: each remaining step that builds a gap area.
    const built = new Map<string, RankGap>();
    let pathwayFit = 0;
    for (const step of remaining) {
      const helps = gapsBuiltBy(step, gapsByArea);
      for (const gap of helps) built.set(gap.areaSlug, gap);
      if (helps[0]) pathwayFit += fit(step, helps[0]);
      if (needsBaseline) continue;
      const best = helps[0];
      if (!best) continue;
      stepScores.push({
        item: {
          key: step.key,
          title: step.title,
          pathwaySlug: pathway.slug,
          pathwayTitle: pathway.title,
          effortMinutes: step.effortMinutes,
          reason: `Builds ${describeGap(best, largest)}.`,
        },
        // Bigger gaps first; then steps of pathways already under way; then earlier steps.
        score: gapSize(best) * 10 + (best === largest ? 5 : 0) + fit(step, best) + (enrolled ? 3 : 0) + Math.min(helps.length - 1, 2),
        order: pathwayIndex * 1000 + step.position,
      });
    }
    if (needsBaseline && pathway.kind === "ONBOARDING") {
      const first = remaining[0]!;
      stepScores.push({
        item: {
          key: first.key,
          title: first.title,
          pathwaySlug: pathway.slug,
          pathwayTitle: pathway.title,
          effortMinutes: first.effortMinutes,
          reason: `The next step of ${pathway.title}, a good place to start while you have no baseline yet.`,
        },
        score: 10 + (enrolled ? 3 : 0),
        order: pathwayIndex * 1000 + first.position,
      });
    }

    // Pathways: only those the member has not enrolled in.
    if (enrolled) return;
    const builtGaps = [...built.values()].sort((a, b) => gapSize(b) - gapSize(a) || a.areaName.localeCompare(b.areaName));
    const reasons: string[] = [];
    let score = 0;
    if (needsBaseline && pathway.kind === "ONBOARDING") {
      reasons.push("You have not taken a baseline self-assessment yet: this is the place to start");
      score += 20;
    }
    const top = builtGaps[0];
    if (top) {
      const more = builtGaps.length - 1;
      reasons.push(`Builds ${describeGap(top, largest)}${more > 0 ? `, and ${more} other gap ${more === 1 ? "area" : "areas"} of yours` : ""}`);
      score += gapSize(top) * 10 + (top === largest ? 5 : 0) + builtGaps.length * 2 + Math.max(-10, Math.min(pathwayFit, 20));
    }
    if (roleMatch && input.roleLabel) {
      reasons.push(`${reasons.length ? "suited" : "Suited"} to your role as ${article(input.roleLabel)} ${lowerFirst(input.roleLabel)}`);
      score += 6;
    }
    if (backgroundMatch && input.backgroundLabel) {
      reasons.push(
        `${reasons.length ? "written" : "Written"} with people coming from ${lowerFirst(input.backgroundLabel)} work in mind`,
      );
      score += 4;
    }
    if (score === 0) return;
    pathwayScores.push({
      item: {
        slug: pathway.slug,
        title: pathway.title,
        kind: pathway.kind,
        reason: `${joinReasons(reasons)}.`,
        completed: pathway.steps.length - remaining.length,
        total: pathway.steps.length,
      },
      score,
      order: pathwayIndex,
    });
  });

  const byScore = <T>(list: Scored<T>[]) => list.sort((a, b) => b.score - a.score || a.order - b.order);
  // At most two steps from one pathway, so the list shows some variety.
  const perPathway = new Map<string, number>();
  const steps = byScore(stepScores)
    .filter(({ item }) => {
      const count = perPathway.get(item.pathwaySlug) ?? 0;
      perPathway.set(item.pathwaySlug, count + 1);
      return count < 2;
    })
    .slice(0, limits.steps)
    .map(({ item }) => item);
  return { needsBaseline, pathways: byScore(pathwayScores).slice(0, limits.pathways).map(({ item }) => item), steps };
}

const joinReasons = (reasons: string[]) => reasons.join("; ");
const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);

const article = (word: string) => (/^[aeiou]/i.test(word) ? "an" : "a");
