/**
 * Who may see which part of a member's profile. Pure and client-safe.
 *
 * Name, handle and avatar are always public (they attribute community posts);
 * email is never shown to anyone but its owner. The rest of a profile is in
 * four sections, each with its own visibility:
 *   PUBLIC  → everyone, visitors included
 *   MEMBERS → signed-in members
 *   PRIVATE → only the owner
 * The owner always sees everything. Admins get no extra view of private data.
 *
 * The "competencies" section is the member's latest self-assessed stage per
 * area, nothing else (app/domain/assessments/public-stages.server.ts). Targets,
 * evidence, history and drafts are never part of a profile, whatever the
 * setting: they stay under the assessments' own policy.
 *
 * Every predicate has a matching where-builder so that the profile page and
 * every list, search and filter agree on what is visible.
 */
import type { Prisma } from "~/generated/prisma/client";
import type { Visibility } from "~/generated/prisma/enums";
import type { Actor } from "./actor";

export const PROFILE_SECTIONS = ["professional", "background", "about", "competencies"] as const;
export type ProfileSection = (typeof PROFILE_SECTIONS)[number];

/** The Profile column holding each section's visibility. */
export const SECTION_VISIBILITY_FIELD = {
  professional: "professionalVisibility",
  background: "backgroundVisibility",
  about: "bioVisibility",
  competencies: "competencyVisibility",
} as const satisfies Record<ProfileSection, keyof Prisma.ProfileWhereInput>;

export type SectionVisibilities = {
  professionalVisibility: Visibility;
  backgroundVisibility: Visibility;
  bioVisibility: Visibility;
  competencyVisibility: Visibility;
};

export function isProfileOwner(actor: Actor, ownerId: string): boolean {
  return actor.kind === "member" && actor.userId === ownerId;
}

/** The visibilities a non-owner actor is let in by (the owner is let in by all). */
function audienceVisibilities(actor: Actor): Visibility[] {
  return actor.kind === "member" ? ["PUBLIC", "MEMBERS"] : ["PUBLIC"];
}

export function canViewSection(actor: Actor, ownerId: string, visibility: Visibility): boolean {
  return isProfileOwner(actor, ownerId) || audienceVisibilities(actor).includes(visibility);
}

/**
 * A member's competency summary on their profile (latest self-assessed stage
 * per area): the "competencies" section's rule, named so it can be found.
 */
export function canViewCompetencySummary(actor: Actor, ownerId: string, visibility: Visibility): boolean {
  return canViewSection(actor, ownerId, visibility);
}

export function visibleSections(
  actor: Actor,
  profile: { userId: string } & SectionVisibilities,
): Record<ProfileSection, boolean> {
  return {
    professional: canViewSection(actor, profile.userId, profile.professionalVisibility),
    background: canViewSection(actor, profile.userId, profile.backgroundVisibility),
    about: canViewSection(actor, profile.userId, profile.bioVisibility),
    competencies: canViewSection(actor, profile.userId, profile.competencyVisibility),
  };
}

/**
 * Profiles whose `section` the actor may see: the where-clause twin of
 * `canViewSection`. AND it with every filter on that section's fields, so a
 * filter can never reveal a value the actor may not see.
 */
/**
 * Which profiles exist for this actor at all (directory, profile page). An
 * account whose address is not confirmed yet is shown to its owner only: until
 * the confirmation link is followed anyone could have typed that address, and
 * an unconfirmed account expires (maintenance.server.ts) if it never is.
 */
export function listedProfileWhere(actor: Actor): Prisma.ProfileWhereInput {
  const confirmed: Prisma.ProfileWhereInput = { user: { emailConfirmedAt: { not: null } } };
  return actor.kind === "member" ? { OR: [confirmed, { userId: actor.userId }] } : confirmed;
}

export function sectionVisibleWhere(actor: Actor, section: ProfileSection): Prisma.ProfileWhereInput {
  const byAudience: Prisma.ProfileWhereInput = {
    [SECTION_VISIBILITY_FIELD[section]]: { in: audienceVisibilities(actor) },
  };
  return actor.kind === "member" ? { OR: [byAudience, { userId: actor.userId }] } : byAudience;
}

/**
 * Profile photos. The member chooses who sees theirs: PUBLIC (everyone) or
 * MEMBERS (signed-in members, the default). Whoever may not see it sees the
 * initials instead. One rule for every place a photo appears (profile,
 * directory, association lists, posts, the header) and for the address that
 * serves it: `photoPath` is the only way a page gets a photo's address.
 */
export const PHOTO_VISIBILITIES = ["PUBLIC", "MEMBERS"] as const satisfies readonly Visibility[];
export type PhotoVisibility = (typeof PHOTO_VISIBILITIES)[number];

/** The sizes stored for each photo, in pixels (square): small for avatars, large for the profile page. */
export const PHOTO_SIZES = { small: 96, large: 320 } as const;
export type PhotoSize = keyof typeof PHOTO_SIZES;

export type PhotoFields = { userId: string; handle: string; photoHash: string | null; photoVisibility: Visibility };

export function canViewPhoto(actor: Actor, profile: Pick<PhotoFields, "userId" | "photoVisibility">): boolean {
  return canViewSection(actor, profile.userId, profile.photoVisibility);
}

/**
 * The photo's version in its address: its content hash and its visibility, so
 * that changing either changes the address (a cached copy is never reused for
 * a new audience). "p" public, "m" members.
 */
export function photoVersion(photoHash: string, visibility: Visibility): string {
  return `${photoHash}${visibility === "PUBLIC" ? "p" : "m"}`;
}

/** The address of a photo this actor may see, or null (no photo, or not theirs to see: show initials). */
export function photoPath(actor: Actor, profile: PhotoFields, size: PhotoSize): string | null {
  if (!profile.photoHash || !canViewPhoto(actor, profile)) return null;
  return `/photos/${profile.handle}/${size}-${photoVersion(profile.photoHash, profile.photoVisibility)}.webp`;
}
