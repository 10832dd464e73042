/**
 * Stage distributions built from per-stage counts, never from individual
 * ratings: the database hands over "how many members at each stage", and this
 * module turns that into a figure that is either shown whole (counts, group
 * size and median) or withheld whole. Pure, safe on the client.
 */
import { isLargeEnough } from "./policy";

export interface StageRef {
  /** 1 = the first stage of the scale. */
  position: number;
  name: string;
}

export interface Median {
  /** A stage position, or halfway between two (2.5) when an even-sized group splits there. */
  value: number;
  /** "Competent", or "Between Advanced beginner and Competent". */
  label: string;
}

export type Distribution =
  | {
      shown: true;
      /** How many members the figure counts. */
      members: number;
      /** One entry per stage of the scale, in order, zeros included. */
      stages: { position: number; name: string; members: number }[];
      median: Median;
    }
  /** Fewer members than the threshold: nothing about the group is given, not even its size. */
  | { shown: false };

type Shown = Extract<Distribution, { shown: true }>;

/**
 * The median stage position of a group from its per-stage counts
 * (`counts[i]` = members at stage i + 1), or null for an empty group. For an
 * even group whose two middle members sit at different stages, the value lies
 * halfway between them.
 */
export function medianFromCounts(counts: readonly number[]): number | null {
  const total = counts.reduce((sum, n) => sum + n, 0);
  if (total === 0) return null;
  // 1-based ranks of the middle member(s).
  const lowRank = Math.floor((total + 1) / 2);
  const highRank = Math.ceil((total + 1) / 2);
  const positionAt = (rank: number) => {
    let seen = 0;
    for (let i = 0; i < counts.length; i++) {
      seen += counts[i]!;
      if (seen >= rank) return i + 1;
    }
    return counts.length;
  };
  return (positionAt(lowRank) + positionAt(highRank)) / 2;
}

/** A median value as people read it, with the scale's stage names. */
export function medianLabel(value: number, stages: readonly StageRef[]): string {
  const name = (position: number) => stages.find((stage) => stage.position === position)?.name ?? `Stage ${position}`;
  if (Number.isInteger(value)) return name(value);
  return `Between ${name(Math.floor(value))} and ${name(Math.ceil(value))}`;
}

/**
 * The figure for one group: shown when enough members contribute, withheld
 * otherwise. `counts[i]` is the number of members at `stages[i]`.
 */
export function buildDistribution(stages: readonly StageRef[], counts: readonly number[]): Distribution {
  const members = counts.reduce((sum, n) => sum + n, 0);
  const median = medianFromCounts(counts);
  if (!isLargeEnough(members) || median === null) return { shown: false };
  return {
    shown: true,
    members,
    stages: stages.map((stage, index) => ({ position: stage.position, name: stage.name, members: counts[index] ?? 0 })),
    median: { value: median, label: medianLabel(median, stages) },
  };
}

/** How far the median moved (positive: up the scale), when both figures are shown; null otherwise. */
export function medianChange(then: Distribution, now: Distribution): number | null {
  if (!then.shown || !now.shown) return null;
  return now.median.value - then.median.value;
}

/** "Up 1 stage", "Down half a stage", "No change". */
export function describeChange(change: number): string {
  if (change === 0) return "No change";
  const size = Math.abs(change);
  const amount =
    size === 0.5 ? "half a stage" : size === 1 ? "1 stage" : `${Number.isInteger(size) ? size : size.toFixed(1)} stages`;
  return `${change > 0 ? "Up" : "Down"} ${amount}`;
}

/**
 * Which areas' figures can be shown, and which are withheld, so a page (and
 * its CSV) shows the first and names the others together, once:
 * `shown` have today's figure, `withheld` do not; `compared` have both
 * today's and last year's (a change), `notCompared` today's only.
 */
export function sortByShown<A extends { now: Distribution; then: Distribution; change: number | null }>(areas: readonly A[]) {
  const shown = areas.filter((area): area is A & { now: Shown } => area.now.shown);
  return {
    shown,
    withheld: areas.filter((area) => !area.now.shown),
    compared: shown.filter((area): area is A & { now: Shown; then: Shown; change: number } => area.then.shown && area.change !== null),
    notCompared: shown.filter((area) => !area.then.shown || area.change === null),
  };
}

/** "A, B, and C": area names as one list in a sentence. */
export function nameList(names: readonly string[]): string {
  return new Intl.ListFormat("en-US", { type: "conjunction" }).format(names);
}
