/**
 * Member profiles: the edit form and the directory (the profile page, which
 * shows the competency summary and featured statement too, is
 * pages/profile-page.server.ts).
 *
 * Visibility rules live in ./policy; every read here goes through them, and
 * every function returns only what the viewer may see (never the email).
 */
import { Prisma } from "~/generated/prisma/client";
import type { AccreditationSystem, OrganizationType, RoleArchetype, Visibility } from "~/generated/prisma/enums";
import { prisma } from "~/utils/db.server";
import { renderMarkdown } from "~/utils/markdown.server";
import { cursorString, decodeCursor, encodeCursor } from "~/utils/cursor";
import { failFields, type Result } from "~/utils/result";
import type { Actor, MemberActor } from "./actor";
import { listedProfileWhere, photoPath, sectionVisibleWhere, visibleSections } from "./policy";
import { mergeCredentials, splitStoredCredentials, type ProfileFormValue } from "./profile-schemas";

/** The identity, section fields and visibilities that the profile page and the edit form both read. */
export const sectionFieldsSelect = {
  handle: true,
  displayName: true,
  jobTitle: true,
  organization: true,
  organizationType: true,
  roleArchetype: true,
  careerLevel: true,
  professionalVisibility: true,
  background: true,
  yearsInField: true,
  credentials: true,
  accreditationSystem: true,
  backgroundVisibility: true,
  bioVisibility: true,
  competencyVisibility: true,
} as const;

// ─── Editing one's own profile ──────────────────────────────────────────────

/** The edit form's starting values: the member's own profile, Markdown source included. */
export async function getOwnProfileForEdit(userId: string) {
  const row = await prisma.profile.findUniqueOrThrow({
    where: { userId },
    select: { ...sectionFieldsSelect, bio: true, countInInsight: true, commitmentsInInsight: true },
  });
  const { chosen, other } = splitStoredCredentials(row.credentials);
  return {
    handle: row.handle,
    displayName: row.displayName,
    jobTitle: row.jobTitle ?? undefined,
    organization: row.organization ?? undefined,
    organizationType: row.organizationType ?? undefined,
    roleArchetype: row.roleArchetype ?? undefined,
    careerLevel: row.careerLevel ?? undefined,
    professionalVisibility: row.professionalVisibility,
    background: row.background ?? undefined,
    yearsInField: row.yearsInField ?? undefined,
    credentials: chosen,
    otherCredentials: other,
    accreditationSystem: row.accreditationSystem ?? undefined,
    backgroundVisibility: row.backgroundVisibility,
    bio: row.bio ?? undefined,
    bioVisibility: row.bioVisibility,
    competencyVisibility: row.competencyVisibility,
    countInInsight: row.countInInsight,
    commitmentsInInsight: row.commitmentsInInsight,
  };
}

const handleTaken = failFields({ handle: ["Another member already uses that handle. Try adding a word or a number."] });

/** Saves the member's own profile. A handle someone else has is a field error. */
export async function updateProfile(actor: MemberActor, input: ProfileFormValue): Promise<Result<{ handle: string }>> {
  const bio = input.bio?.trim() ? input.bio : null;
  const data = {
    handle: input.handle,
    displayName: input.displayName,
    jobTitle: input.jobTitle || null,
    organization: input.organization || null,
    organizationType: input.organizationType ?? null,
    roleArchetype: input.roleArchetype ?? null,
    careerLevel: input.careerLevel ?? null,
    professionalVisibility: input.professionalVisibility,
    background: input.background ?? null,
    yearsInField: input.yearsInField ?? null,
    credentials: mergeCredentials(input.credentials, input.otherCredentials),
    accreditationSystem: input.accreditationSystem ?? null,
    backgroundVisibility: input.backgroundVisibility,
    bio,
    bioHtml: bio ? renderMarkdown(bio) : null,
    bioVisibility: input.bioVisibility,
    competencyVisibility: input.competencyVisibility,
    countInInsight: input.countInInsight,
    commitmentsInInsight: input.commitmentsInInsight,
  } satisfies Prisma.ProfileUpdateInput;
  try {
    return await prisma.$transaction(async (tx) => {
      const holder = await tx.profile.findUnique({ where: { handle: data.handle }, select: { userId: true } });
      if (holder && holder.userId !== actor.userId) return handleTaken;
      const saved = await tx.profile.update({ where: { userId: actor.userId }, data, select: { handle: true } });
      return { ok: true as const, value: saved };
    });
  } catch (error) {
    // Two members claiming the same handle at the same moment: the unique index decides.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") return handleTaken;
    throw error;
  }
}

// ─── The directory ──────────────────────────────────────────────────────────

export const DIRECTORY_PAGE_SIZE = 20;
const DIRECTORY_PAGE_MAX = 50;

export type DirectoryFilters = {
  /** Part of a name or handle, any case. */
  q?: string;
  roleArchetype?: RoleArchetype;
  credential?: string;
  organizationType?: OrganizationType;
  accreditationSystem?: AccreditationSystem;
  /** The cursor from the previous page's `nextCursor`. */
  after?: string;
  limit?: number;
};

export type DirectoryItem = {
  handle: string;
  displayName: string;
  /** The photo's address (small), or null: initials. */
  photo: string | null;
  professional: { jobTitle: string | null; organization: string | null; roleArchetype: RoleArchetype | null } | null;
  background: { credentials: string[] } | null;
};

type Cursor = { displayName: string; userId: string };

function toCursor(cursor: Cursor): string {
  return encodeCursor([cursor.displayName, cursor.userId]);
}

/** The position a cursor points after, or null for anything that is not a cursor we made. */
function fromCursor(text: string | undefined): Cursor | null {
  return decodeCursor(text, { length: 2 }, ([name, id]) => {
    const displayName = cursorString(name);
    const userId = cursorString(id);
    return displayName !== null && userId !== null ? { displayName, userId } : null;
  });
}

/** Profiles whose name or handle contains `q`, any case (the directory's search, and finding a co-author). */
export function nameOrHandleWhere(q: string): Prisma.ProfileWhereInput {
  // Prisma passes `contains` to ILIKE as is: escape its wildcards so "%" and "_" are plain characters.
  const pattern = q.replace(/[\\%_]/g, "\\$&");
  return {
    OR: [
      { displayName: { contains: pattern, mode: "insensitive" } },
      { handle: { contains: pattern, mode: "insensitive" } },
    ],
  };
}

/**
 * Members matching the filters, by name (then id), a page at a time.
 * Names and handles are public, so anyone may search them; a filter on a
 * section's field only matches profiles whose section the actor may see.
 */
export async function searchDirectory(
  actor: Actor,
  filters: DirectoryFilters = {},
): Promise<{ items: DirectoryItem[]; nextCursor: string | null }> {
  const limit = Math.min(Math.max(Math.trunc(filters.limit ?? DIRECTORY_PAGE_SIZE), 1), DIRECTORY_PAGE_MAX);
  const conditions: Prisma.ProfileWhereInput[] = [listedProfileWhere(actor)];

  const q = filters.q?.trim();
  if (q) conditions.push(nameOrHandleWhere(q));
  if (filters.roleArchetype) {
    conditions.push({ roleArchetype: filters.roleArchetype }, sectionVisibleWhere(actor, "professional"));
  }
  if (filters.organizationType) {
    conditions.push({ organizationType: filters.organizationType }, sectionVisibleWhere(actor, "professional"));
  }
  if (filters.credential) {
    conditions.push({ credentials: { has: filters.credential } }, sectionVisibleWhere(actor, "background"));
  }
  if (filters.accreditationSystem) {
    conditions.push({ accreditationSystem: filters.accreditationSystem }, sectionVisibleWhere(actor, "background"));
  }
  // Keyset pagination on the (displayName, userId) index: rows after the cursor, never OFFSET.
  const cursor = fromCursor(filters.after);
  if (cursor) {
    conditions.push({
      OR: [
        { displayName: { gt: cursor.displayName } },
        { displayName: cursor.displayName, userId: { gt: cursor.userId } },
      ],
    });
  }

  const rows = await prisma.profile.findMany({
    where: { AND: conditions },
    orderBy: [{ displayName: "asc" }, { userId: "asc" }],
    take: limit + 1,
    select: {
      userId: true,
      handle: true,
      displayName: true,
      jobTitle: true,
      organization: true,
      roleArchetype: true,
      professionalVisibility: true,
      credentials: true,
      backgroundVisibility: true,
      bioVisibility: true,
      competencyVisibility: true,
      photoHash: true,
      photoVisibility: true,
    },
  });

  const page = rows.slice(0, limit);
  const last = page.at(-1);
  const items = page.map((row): DirectoryItem => {
    const visible = visibleSections(actor, row);
    return {
      handle: row.handle,
      displayName: row.displayName,
      photo: photoPath(actor, row, "small"),
      professional: visible.professional
        ? { jobTitle: row.jobTitle, organization: row.organization, roleArchetype: row.roleArchetype }
        : null,
      background: visible.background ? { credentials: row.credentials } : null,
    };
  });
  return {
    items,
    nextCursor: rows.length > limit && last ? toCursor({ displayName: last.displayName, userId: last.userId }) : null,
  };
}
