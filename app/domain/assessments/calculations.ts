/**
 * Pure calculations behind the competency profile: gaps, strengths and change
 * between assessments. Stages are compared by their position (1 = first stage).
 * Client-safe.
 */

export interface AreaRating {
  areaSlug: string;
  areaName: string;
  position: number;
  /** Position of the current stage, or null if the area was not rated. */
  stage: number | null;
  /** Position of the target stage, or null if none was set. */
  target: number | null;
}

export interface Gap {
  areaSlug: string;
  areaName: string;
  stage: number;
  target: number;
  size: number;
}

/** Areas whose target is above the current stage, largest gap first (then framework order). */
export function computeGaps(ratings: AreaRating[]): Gap[] {
  return ratings
    .filter((r): r is AreaRating & { stage: number; target: number } => r.stage !== null && r.target !== null && r.target > r.stage)
    .map((r) => ({ areaSlug: r.areaSlug, areaName: r.areaName, stage: r.stage, target: r.target, size: r.target - r.stage }))
    .sort((a, b) => b.size - a.size || a.areaName.localeCompare(b.areaName));
}

/**
 * Strengths: the areas rated at the member's highest stage, provided that
 * stage is at least the middle of the scale (no "strengths" at Novice).
 */
export function computeStrengths(ratings: AreaRating[], stageCount: number): AreaRating[] {
  const rated = ratings.filter((r) => r.stage !== null);
  if (rated.length === 0) return [];
  const best = Math.max(...rated.map((r) => r.stage!));
  if (best < Math.ceil(stageCount / 2)) return [];
  return rated.filter((r) => r.stage === best).sort((a, b) => a.position - b.position);
}

export interface Change {
  areaSlug: string;
  areaName: string;
  from: number;
  to: number;
  delta: number;
  /** For example "+1 stage in Educational interventions". */
  summary: string;
}

/** Per-area change between two assessments (matched by area slug), biggest moves first. */
export function computeChanges(previous: AreaRating[], latest: AreaRating[]): Change[] {
  const before = new Map(previous.map((r) => [r.areaSlug, r.stage]));
  const changes: Change[] = [];
  for (const r of latest) {
    const from = before.get(r.areaSlug);
    if (from == null || r.stage === null || from === r.stage) continue;
    const delta = r.stage - from;
    const stages = Math.abs(delta) === 1 ? "stage" : "stages";
    changes.push({
      areaSlug: r.areaSlug,
      areaName: r.areaName,
      from,
      to: r.stage,
      delta,
      summary: `${delta > 0 ? "+" : "−"}${Math.abs(delta)} ${stages} in ${r.areaName}`,
    });
  }
  return changes.sort((a, b) => Math.abs(b.delta) - Math.abs(a.delta) || a.areaName.localeCompare(b.areaName));
}
