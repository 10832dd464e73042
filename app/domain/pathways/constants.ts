/**
 * What the pathway pages show at render time: the kinds and their headings,
 * the reflection limit, effort and progress as people read them. Zod-free, so
 * pages can import it without the validator (docs/decisions/0009); schemas.ts
 * re-exports all of this.
 */
import type { PathwayKind } from "~/generated/prisma/enums";

export const PATHWAY_KINDS = ["ONBOARDING", "CAREER", "CREDENTIAL"] as const satisfies readonly PathwayKind[];

/** Headings of the /pathways groups, in the order they are shown. */
export const PATHWAY_KIND_LABELS: Record<PathwayKind, string> = {
  ONBOARDING: "Getting started",
  CAREER: "Career growth",
  CREDENTIAL: "Credentials",
};

/** The longest reflection the "complete this step" form takes. */
export const REFLECTION_MAX = 1000;

/** Effort as people read it: "about 45 minutes", "about 2 hours", "about 1½ hours". */
export function formatEffort(minutes: number): string {
  if (minutes < 60) return `about ${Math.max(5, Math.round(minutes / 5) * 5)} minutes`;
  const halfHours = Math.round(minutes / 30);
  const whole = Math.floor(halfHours / 2);
  const half = halfHours % 2 === 1;
  if (whole === 1 && !half) return "about 1 hour";
  return `about ${whole}${half ? "½" : ""} hours`;
}

/** "2 of 5 steps" */
export function progressText(completed: number, total: number): string {
  return `${completed} of ${total} ${total === 1 ? "step" : "steps"}`;
}
