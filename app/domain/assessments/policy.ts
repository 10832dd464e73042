/**
 * Who may see an assessment. Assessments (drafts, answers, evidence, targets)
 * are private to their member, except through a share link the member made
 * for a reviewer (read-only, submitted assessments only, until it expires or
 * is revoked).
 */
import { ANONYMOUS, type Actor, type MemberActor } from "~/domain/members/actor";

/** A reviewer holding a valid share link: sees the owner's submitted assessments, read-only. */
export type ShareViewer = { kind: "share"; ownerId: string };
export type AssessmentViewer = Actor | ShareViewer;
/** Viewers who can be shown a whole competency profile. */
export type ProfileViewer = MemberActor | ShareViewer;

export function assessmentOwnerId(viewer: ProfileViewer): string {
  return viewer.kind === "share" ? viewer.ownerId : viewer.userId;
}

/**
 * Who a competency profile's viewer is to the rest of the member's profile
 * (job title, role…), for the profile's own section rules
 * (`visibleSections` in ~/domain/members/policy): a share link grants its
 * reader the competency data only, so for everything else they are a visitor.
 */
export function profileAudience(viewer: ProfileViewer): Actor {
  return viewer.kind === "share" ? ANONYMOUS : viewer;
}

export function canViewAssessment(viewer: AssessmentViewer, assessment: { userId: string; status?: string }): boolean {
  if (viewer.kind === "member") return viewer.userId === assessment.userId;
  if (viewer.kind === "share") return viewer.ownerId === assessment.userId && assessment.status === "SUBMITTED";
  return false;
}

/** The where-clause that matches exactly the assessments `canViewAssessment` allows. */
export function visibleAssessmentsWhere(viewer: AssessmentViewer) {
  if (viewer.kind === "member") return { userId: viewer.userId };
  if (viewer.kind === "share") return { userId: viewer.ownerId, status: "SUBMITTED" as const };
  return { id: { in: [] as string[] } };
}
