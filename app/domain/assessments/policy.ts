/**
 * Who may see an assessment. Assessments (drafts, answers, evidence, targets)
 * are private to their member; a later feature adds reviewer share links.
 */
import type { Actor } from "~/domain/members/actor";

export function canViewAssessment(actor: Actor, assessment: { userId: string }): boolean {
  return actor.kind === "member" && actor.userId === assessment.userId;
}

/** The where-clause that matches exactly the assessments `canViewAssessment` allows. */
export function visibleAssessmentsWhere(actor: Actor) {
  return actor.kind === "member" ? { userId: actor.userId } : { id: { in: [] as string[] } };
}
