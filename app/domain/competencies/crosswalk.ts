/**
 * How a member's stages carry from one framework edition to another, so that
 * every page (profile, review pack, insight) computes the same. Pure and
 * client-safe; crosswalks.server.ts loads and saves crosswalks, and insight
 * applies the same rules in SQL.
 *
 * - Within one framework, versions match implicitly: areas by slug, stages by
 *   position. No crosswalk is needed or used.
 * - Between two frameworks, only an explicit crosswalk carries anything:
 *   - an older area linked to several newer ones (a split) gives each of them
 *     its stage;
 *   - several older areas linked to one newer area (a merge) give it the
 *     lowest of their stages, and the result says it was merged;
 *   - stages go through the crosswalk's stage lines when it has them, else by
 *     position, and a stage beyond the newer scale is not carried;
 *   - an older area with no line, or a stage with no counterpart, carries
 *     nothing: nothing is guessed.
 */

export interface CrosswalkRules {
  /** One line per (older area slug, newer area slug). */
  areaLinks: readonly { from: string; to: string }[];
  /** Older stage position → newer stage position (1 = first). Empty: by position. */
  stageLinks: readonly { from: number; to: number }[];
  /** How many stages the newer scale has. */
  toStageCount: number;
}

/** A newer area's stage, carried from the older edition. */
export interface CarriedStage {
  /** Position on the newer scale. */
  stage: number;
  /** The older areas (slugs) whose stages were used, in the order of the lines. */
  from: string[];
  /** Several older areas reached this one: the lowest of their stages was taken. */
  merged: boolean;
}

/** An older stage's position on the newer scale, or null when it has no counterpart. */
export function carryStagePosition(position: number, rules: Pick<CrosswalkRules, "stageLinks" | "toStageCount">): number | null {
  if (rules.stageLinks.length > 0) {
    const line = rules.stageLinks.find((link) => link.from === position);
    return line && line.to >= 1 && line.to <= rules.toStageCount ? line.to : null;
  }
  return position >= 1 && position <= rules.toStageCount ? position : null;
}

/**
 * The stages of an older assessment (older area slug → stage position, or
 * null when unrated) carried to the newer edition's areas through a
 * crosswalk. Newer areas nothing reaches are absent from the result.
 */
export function carryStages(
  stages: ReadonlyMap<string, number | null>,
  rules: CrosswalkRules,
): Map<string, CarriedStage> {
  const carried = new Map<string, CarriedStage>();
  for (const link of rules.areaLinks) {
    const old = stages.get(link.from);
    if (old === undefined || old === null) continue;
    const stage = carryStagePosition(old, rules);
    if (stage === null) continue;
    const entry = carried.get(link.to);
    if (!entry) {
      carried.set(link.to, { stage, from: [link.from], merged: false });
    } else if (!entry.from.includes(link.from)) {
      entry.from.push(link.from);
      entry.merged = true;
      entry.stage = Math.min(entry.stage, stage);
    }
  }
  return carried;
}

// ─── Checking a crosswalk against its two versions ──────────────────────────

export interface CrosswalkSide {
  frameworkId: string;
  areas: readonly { id: string; slug: string }[];
  stageCount: number;
}

export interface CrosswalkLinesInput {
  note: string;
  areaLinks: readonly { fromAreaId: string; toAreaId: string; note?: string | null }[];
  stageLinks: readonly { from: number; to: number }[];
}

export const CROSSWALK_NOTE_MAX = 1000;
export const CROSSWALK_LINE_NOTE_MAX = 300;
/** The largest crosswalk file (JSON or CSV) an administrator may upload. */
export const MAX_CROSSWALK_FILE_BYTES = 200_000;

/**
 * What is wrong with a crosswalk between two versions, as field errors
 * (`note`, `areas`, `stages`), or null. The form and both import formats are
 * checked here, so they refuse the same things.
 */
export function crosswalkProblems(
  from: CrosswalkSide,
  to: CrosswalkSide,
  input: CrosswalkLinesInput,
): Record<string, string[]> | null {
  const errors: Record<string, string[]> = {};
  const add = (field: string, message: string) => (errors[field] ??= []).push(message);
  if (from.frameworkId === to.frameworkId) {
    add("areas", "Both versions belong to the same framework: its versions already match areas by slug, so no crosswalk is needed.");
  }
  const note = input.note.trim();
  if (!note) add("note", "Say in a sentence or two how the editions were matched; members and association leaders see it.");
  if (note.length > CROSSWALK_NOTE_MAX) add("note", `Keep the note to ${CROSSWALK_NOTE_MAX} characters.`);

  const fromIds = new Set(from.areas.map((area) => area.id));
  const toIds = new Set(to.areas.map((area) => area.id));
  const seen = new Set<string>();
  if (input.areaLinks.length === 0) add("areas", "Link at least one area of the older version to an area of the newer one.");
  for (const link of input.areaLinks) {
    if (!fromIds.has(link.fromAreaId) || !toIds.has(link.toAreaId)) {
      add("areas", "A line names an area that is not in these versions.");
      break;
    }
    const key = `${link.fromAreaId}→${link.toAreaId}`;
    if (seen.has(key)) {
      add("areas", "The same two areas are linked twice.");
      break;
    }
    seen.add(key);
    if ((link.note ?? "").length > CROSSWALK_LINE_NOTE_MAX) {
      add("areas", `Keep each area's note to ${CROSSWALK_LINE_NOTE_MAX} characters.`);
      break;
    }
  }

  const scalesDiffer = from.stageCount !== to.stageCount;
  if (input.stageLinks.length > 0 || scalesDiffer) {
    const covered = new Set<number>();
    for (const link of input.stageLinks) {
      if (!Number.isInteger(link.from) || link.from < 1 || link.from > from.stageCount) {
        add("stages", `Stage ${link.from} is not on the older scale, which has ${from.stageCount} stages.`);
      } else if (!Number.isInteger(link.to) || link.to < 1 || link.to > to.stageCount) {
        add("stages", `Stage ${link.to} is not on the newer scale, which has ${to.stageCount} stages.`);
      } else if (covered.has(link.from)) {
        add("stages", `Older stage ${link.from} is mapped twice.`);
      } else covered.add(link.from);
    }
    const missing = Array.from({ length: from.stageCount }, (_, index) => index + 1).filter((position) => !covered.has(position));
    if (!errors.stages && missing.length > 0) {
      add(
        "stages",
        scalesDiffer
          ? `The scales differ (${from.stageCount} stages and ${to.stageCount}): say which newer stage each older stage counts as (missing: ${missing.join(", ")}).`
          : `Map every older stage, or none to match them by position (missing: ${missing.join(", ")}).`,
      );
    }
  }
  return Object.keys(errors).length ? errors : null;
}
