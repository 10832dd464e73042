/**
 * A member's profile page: the sections the viewer may see, the latest
 * self-assessed stages (assessments) and the statement the member features
 * (statements). It shows several contexts at once, so it sits above them all
 * (docs/architecture.md). Visibility rules live in members/policy; every read
 * here goes through them, and nothing reaches the caller unless a rule let it
 * through (never the email).
 */
import type {
  AccreditationSystem,
  Background,
  CareerLevel,
  OrganizationType,
  RoleArchetype,
  Visibility,
} from "~/generated/prisma/enums";
import { getCompetencySummaryForViewer, type CompetencySummary } from "~/domain/assessments/public-stages.server";
import type { Actor } from "~/domain/members/actor";
import { isProfileOwner, listedProfileWhere, photoPath, visibleSections, type ProfileSection } from "~/domain/members/policy";
import { sectionFieldsSelect } from "~/domain/members/profiles.server";
import { visibleStatementsWhere } from "~/domain/statements/policy";
import { prisma } from "~/utils/db.server";

export type ProfileView = {
  handle: string;
  displayName: string;
  /** The photo's address (large), or null: no photo, or not for this viewer (initials are shown). */
  photo: string | null;
  /** The viewer is this profile's owner (may edit it, sees every section). */
  isOwner: boolean;
  /** Each section is null when the viewer may not see it. */
  professional: {
    jobTitle: string | null;
    organization: string | null;
    organizationType: OrganizationType | null;
    roleArchetype: RoleArchetype | null;
    careerLevel: CareerLevel | null;
  } | null;
  background: {
    background: Background | null;
    yearsInField: number | null;
    credentials: string[];
    accreditationSystem: AccreditationSystem | null;
  } | null;
  about: { bioHtml: string | null } | null;
  /**
   * The latest self-assessed stage per area; null when the viewer may not see
   * it or there is no submitted assessment yet (for the owner: always the latter).
   */
  competencies: CompetencySummary | null;
  /** Who can see each section: for the owner only, null for everyone else. */
  visibility: Record<ProfileSection, Visibility> | null;
  /** "I stand behind…": the adopted statement the member features, if the viewer may see it. */
  featuredStatement: { id: string; title: string; version: number; textHtml: string } | null;
};

/** The featured statement as `actor` may see it: adopted and visible to them (same rule as every statement list). */
async function featuredStatementForViewer(actor: Actor, statementId: string | null) {
  if (!statementId) return null;
  const statement = await prisma.statement.findFirst({
    where: { AND: [{ id: statementId, status: "ADOPTED" }, visibleStatementsWhere(actor)] },
    select: { id: true, title: true, adoptedVersion: true },
  });
  if (!statement?.adoptedVersion) return null;
  const version = await prisma.statementVersion.findUnique({
    where: { statementId_number: { statementId, number: statement.adoptedVersion } },
    select: { textHtml: true },
  });
  if (!version) return null;
  return { id: statement.id, title: statement.title, version: statement.adoptedVersion, textHtml: version.textHtml };
}


/** The profile with `handle` as `actor` may see it, or null if there is no such member. */
export async function getProfileForViewer(actor: Actor, handle: string): Promise<ProfileView | null> {
  const row = await prisma.profile.findUnique({
    where: { handle: handle.toLowerCase(), AND: [listedProfileWhere(actor)] },
    select: { ...sectionFieldsSelect, userId: true, bioHtml: true, featuredStatementId: true, photoHash: true, photoVisibility: true },
  });
  if (!row) return null;
  const visible = visibleSections(actor, row);
  const isOwner = isProfileOwner(actor, row.userId);
  // No query at all unless the viewer may see the summary.
  const [competencies, featuredStatement] = await Promise.all([
    visible.competencies ? getCompetencySummaryForViewer(actor, row.userId, row.competencyVisibility) : null,
    featuredStatementForViewer(actor, row.featuredStatementId),
  ]);
  // Built field by field: nothing reaches the caller unless a rule let it through.
  return {
    handle: row.handle,
    displayName: row.displayName,
    photo: photoPath(actor, row, "large"),
    isOwner,
    professional: visible.professional
      ? {
          jobTitle: row.jobTitle,
          organization: row.organization,
          organizationType: row.organizationType,
          roleArchetype: row.roleArchetype,
          careerLevel: row.careerLevel,
        }
      : null,
    background: visible.background
      ? {
          background: row.background,
          yearsInField: row.yearsInField,
          credentials: row.credentials,
          accreditationSystem: row.accreditationSystem,
        }
      : null,
    about: visible.about ? { bioHtml: row.bioHtml } : null,
    competencies,
    visibility: isOwner
      ? {
          professional: row.professionalVisibility,
          background: row.backgroundVisibility,
          about: row.bioVisibility,
          competencies: row.competencyVisibility,
        }
      : null,
    featuredStatement,
  };
}
