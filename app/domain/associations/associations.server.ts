/**
 * Associations: create one (its owner membership and its forum with starter
 * categories, in one transaction), edit its details and the directory. (The
 * association page, which shows its forum and statements too, is
 * pages/association-page.server.ts.)
 */
import type { Actor, MemberActor } from "~/domain/members/actor";
import { isUniqueViolation, prisma } from "~/utils/db.server";
import { renderMarkdown } from "~/utils/markdown.server";
import { cursorString, decodeCursor, encodeCursor } from "~/utils/cursor";
import { authorizeAssociation } from "./memberships.server";
import { canManageAssociation } from "./policy";
import { fail, ok, type Result } from "~/utils/result";
import {
  slugify,
  slugSchema,
  type AssociationDetails,
  type CreateAssociationInput,
  type JoinPolicyName,
} from "./schemas";

/** The two categories every new association forum starts with. */
export const STARTER_CATEGORIES = [
  {
    slug: "announcements",
    name: "Announcements",
    description: "News from the association, readable by everyone.",
    visibility: "PUBLIC",
    position: 1,
  },
  {
    slug: "members",
    name: "Members’ discussion",
    description: "Conversations among the association’s members. Only members can read them.",
    visibility: "ASSOCIATION",
    position: 2,
  },
] as const;

export const DIRECTORY_PAGE_SIZE = 20;

// ─── Creating and editing ───────────────────────────────────────────────────

/** Free for a new association: no association and no forum uses it, and it is not reserved. */
async function slugTaken(slug: string): Promise<boolean> {
  const [association, forum] = await Promise.all([
    prisma.association.findUnique({ where: { slug }, select: { id: true } }),
    prisma.forum.findUnique({ where: { slug }, select: { id: true } }),
  ]);
  return association !== null || forum !== null;
}

const SLUG_TAKEN = "That address is already in use: choose another";

/**
 * Creates the association with the actor as its owner (member count 1), and
 * its forum (same address and name) with the starter categories.
 */
export async function createAssociation(
  actor: MemberActor,
  input: CreateAssociationInput,
): Promise<Result<{ slug: string }>> {
  const slug = input.slug ?? slugify(input.name);
  const checked = slugSchema.safeParse(slug);
  if (!checked.success) {
    const message = checked.error.issues[0]?.message ?? "Choose another address";
    return fail("invalid", "Please correct the address.", {
      fieldErrors: {
        slug: [input.slug ? message : `We could not make an address from the name (${message.toLowerCase()}): type one`],
      },
    });
  }
  if (await slugTaken(slug)) return fail("invalid", "Please choose another address.", { fieldErrors: { slug: [SLUG_TAKEN] } });

  const description = input.description;
  try {
    await prisma.$transaction(async (tx) => {
      const association = await tx.association.create({
        data: {
          slug,
          name: input.name,
          description,
          descriptionHtml: renderMarkdown(description),
          website: input.website ?? null,
          joinPolicy: input.joinPolicy,
          memberCount: 1,
          memberships: { create: { userId: actor.userId, role: "OWNER" } },
        },
        select: { id: true },
      });
      await tx.forum.create({
        data: {
          slug,
          name: input.name,
          associationId: association.id,
          categories: { create: STARTER_CATEGORIES.map((category) => ({ ...category })) },
        },
        select: { id: true },
      });
    });
  } catch (error) {
    // Someone took the address between the check and the write.
    if (isUniqueViolation(error)) return fail("invalid", "Please choose another address.", { fieldErrors: { slug: [SLUG_TAKEN] } });
    throw error;
  }
  return ok({ slug });
}

/** What the settings page starts from: the editable details and the forum whose categories it manages. */
export async function getAssociationSettings(associationId: string) {
  const row = await prisma.association.findUniqueOrThrow({
    where: { id: associationId },
    select: {
      name: true,
      description: true,
      website: true,
      joinPolicy: true,
      forum: { select: { id: true, slug: true } },
    },
  });
  const { forum, ...details } = row;
  return { details, forum };
}

/** Edits the details and join policy (owners and admins). The forum keeps the association's name. */
export async function updateAssociation(actor: Actor, slug: string, input: AssociationDetails): Promise<Result> {
  const found = await authorizeAssociation(actor, slug, canManageAssociation);
  if (!found.ok) return found;
  const { id } = found.value.association;
  await prisma.$transaction([
    prisma.association.update({
      where: { id },
      data: {
        name: input.name,
        description: input.description,
        descriptionHtml: renderMarkdown(input.description),
        website: input.website ?? null,
        joinPolicy: input.joinPolicy,
      },
      select: { id: true },
    }),
    prisma.forum.updateMany({ where: { associationId: id }, data: { name: input.name } }),
  ]);
  return ok(null);
}

// ─── The directory ──────────────────────────────────────────────────────────

export type DirectoryEntry = {
  slug: string;
  name: string;
  summary: string;
  memberCount: number;
  joinPolicy: JoinPolicyName;
};

const directorySelect = {
  id: true,
  slug: true,
  name: true,
  descriptionHtml: true,
  memberCount: true,
  joinPolicy: true,
} as const;

/** A short plain-text summary from the rendered description (for lists). */
export function summarize(html: string, max = 180): string {
  const text = html
    .replace(/<[^>]*>/g, " ")
    .replace(/&nbsp;/g, " ")
    .replace(/&amp;/g, "&")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, " ")
    .trim();
  return text.length <= max ? text : `${text.slice(0, max - 1).replace(/\s+\S*$/, "")}…`;
}

function toEntry(row: {
  slug: string;
  name: string;
  descriptionHtml: string;
  memberCount: number;
  joinPolicy: JoinPolicyName;
}) {
  return {
    slug: row.slug,
    name: row.name,
    summary: summarize(row.descriptionHtml),
    memberCount: row.memberCount,
    joinPolicy: row.joinPolicy,
  };
}

type DirectoryCursor = { name: string; id: string };

function toCursor(cursor: DirectoryCursor): string {
  return encodeCursor([cursor.name, cursor.id]);
}

function fromCursor(text: string | null | undefined): DirectoryCursor | null {
  return decodeCursor(text, { length: 2 }, ([name, id]) => {
    const lastName = cursorString(name);
    const lastId = cursorString(id);
    return lastName !== null && lastId !== null ? { name: lastName, id: lastId } : null;
  });
}

/** Every association by name (then id), a page at a time, on the (name, id) index. */
export async function listAssociations(after: string | null | undefined, limit = DIRECTORY_PAGE_SIZE) {
  const cursor = fromCursor(after);
  const rows = await prisma.association.findMany({
    where: cursor ? { OR: [{ name: { gt: cursor.name } }, { name: cursor.name, id: { gt: cursor.id } }] } : {},
    orderBy: [{ name: "asc" }, { id: "asc" }],
    take: limit + 1,
    select: directorySelect,
  });
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map(toEntry),
    nextCursor: rows.length > limit && last ? toCursor({ name: last.name, id: last.id }) : null,
  };
}

/** The actor's own associations (with their role), by name. */
export async function listMyAssociations(actor: Actor, limit = 50) {
  if (actor.kind !== "member") return [];
  // Uses the (userId, associationId) index.
  const rows = await prisma.associationMembership.findMany({
    where: { userId: actor.userId },
    orderBy: { association: { name: "asc" } },
    take: limit,
    select: { role: true, association: { select: directorySelect } },
  });
  return rows.map((row) => ({ ...toEntry(row.association), role: row.role }));
}
