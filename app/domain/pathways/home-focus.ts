/**
 * Which pathways the home page puts forward, and in what order: a simple rule
 * from the member's latest self-assessment, their pathway progress and their
 * profile's credentials. Pure, so its cases are tested as a table.
 *
 * - "Ready" in an area means at or above the middle stage of the scale
 *   (Competent on the five Dreyfus stages; stage 2 of 4 on a four-stage scale).
 * - The onboarding pathway comes first for a newcomer: a member with no
 *   assessment yet, or whose latest assessment has fewer than half of its
 *   areas ready. It stays first, after the baseline too, until it is finished.
 * - Career pathways fit once the onboarding pathway is finished, or when at
 *   least half of the areas are ready.
 * - Credential preparation (CHCP®) fits when most areas (more than half) are
 *   ready, no onboarding is still in progress, and the profile does not
 *   already list the CHCP credential.
 * - A pathway the member enrolled in is always shown until it is finished;
 *   a finished one is listed as done.
 */
export type FocusPathwayKind = "ONBOARDING" | "CAREER" | "CREDENTIAL" | "ASSOCIATION";

export interface FocusInput {
  /** Published pathways, in catalogue order. */
  pathways: { id: string; slug: string; title: string; kind: FocusPathwayKind | string; steps: { id: string; key: string; title: string }[] }[];
  enrolments: Map<string, { completedAt: Date | null }>;
  completedStepIds: Set<string>;
  /** Stage positions (1 = first) of the latest assessment's areas, or null without one. */
  latestStages: number[] | null;
  stageCount: number;
  holdsChcp: boolean;
}

export type FocusReason = "newcomer" | "enrolled" | "career-ready" | "credential-ready";

export interface PathwayFocus {
  slug: string;
  title: string;
  kind: string;
  completed: number;
  total: number;
  enrolled: boolean;
  finished: boolean;
  next: { key: string; title: string } | null;
  reason: FocusReason;
}

/** The middle stage of a scale of `stageCount` stages (3 of 5, 2 of 4). */
export const readyStage = (stageCount: number) => Math.max(1, Math.ceil(stageCount / 2));

/** The share of areas at or above the middle stage, 0 without an assessment. */
export function readyShare(stages: number[] | null, stageCount: number): number {
  if (!stages || stages.length === 0) return 0;
  return stages.filter((stage) => stage >= readyStage(stageCount)).length / stages.length;
}

/** The pathways home puts forward: unfinished ones first (newcomer, then career, then credential), finished ones last. */
export function choosePathwayFocus(input: FocusInput): PathwayFocus[] {
  const share = readyShare(input.latestStages, input.stageCount);
  const describe = (pathway: FocusInput["pathways"][number], reason: FocusReason): PathwayFocus => {
    const enrolment = input.enrolments.get(pathway.id);
    const next = pathway.steps.find((step) => !input.completedStepIds.has(step.id));
    return {
      slug: pathway.slug,
      title: pathway.title,
      kind: pathway.kind,
      completed: pathway.steps.filter((step) => input.completedStepIds.has(step.id)).length,
      total: pathway.steps.length,
      enrolled: Boolean(enrolment),
      finished: Boolean(enrolment?.completedAt),
      next: next ? { key: next.key, title: next.title } : null,
      reason,
    };
  };
  const onboarding = input.pathways.filter((pathway) => pathway.kind === "ONBOARDING");
  const onboardingFinished = onboarding.some((pathway) => input.enrolments.get(pathway.id)?.completedAt);
  const onboardingUnderWay = onboarding.some((pathway) => {
    const enrolment = input.enrolments.get(pathway.id);
    return enrolment && !enrolment.completedAt;
  });
  const newcomer = input.latestStages === null || share < 0.5;

  const picked: PathwayFocus[] = [];
  for (const kind of ["ONBOARDING", "CAREER", "CREDENTIAL"] as const) {
    for (const pathway of input.pathways.filter((p) => p.kind === kind)) {
      const enrolment = input.enrolments.get(pathway.id);
      if (enrolment) {
        picked.push(describe(pathway, kind === "ONBOARDING" && newcomer ? "newcomer" : "enrolled"));
        continue;
      }
      if (kind === "ONBOARDING" && newcomer && !onboardingFinished) picked.push(describe(pathway, "newcomer"));
      if (kind === "CAREER" && (onboardingFinished || share >= 0.5)) picked.push(describe(pathway, "career-ready"));
      if (kind === "CREDENTIAL" && share > 0.5 && !onboardingUnderWay && !input.holdsChcp) picked.push(describe(pathway, "credential-ready"));
    }
  }
  // Stable: unfinished first, each group in the order above.
  return [...picked.filter((p) => !p.finished), ...picked.filter((p) => p.finished)];
}
