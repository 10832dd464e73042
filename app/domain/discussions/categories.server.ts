/**
 * A forum's categories: add, edit (name, description, visibility), move up or
 * down, and delete while empty. The community forum's categories are the
 * site administrators'; an association forum's are its owner's (and the
 * administrators').
 *
 * Threads carry a copy of their category's visibility: changing it updates
 * every thread of the category in the same transaction. "Association members
 * only" exists only in association forums.
 */
import type { Actor } from "~/domain/members/actor";
import { FORBIDDEN, getMembership } from "~/domain/associations/memberships.server";
import { canManageCategories } from "~/domain/associations/policy";
import { fail, ok, type Failure, type Result } from "~/utils/result";
import {
  type CategoryInput,
  type CategoryNotice,
  type CategoryVisibilityName,
} from "~/domain/associations/schemas";
import { createCategorySchema, editCategorySchema } from "~/domain/associations/schemas";
import { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/utils/db.server";
import { slugify } from "~/utils/slug";
import { COMMUNITY_FORUM_SLUG } from "./community.server";

const FORUM_NOT_FOUND = fail("not-found", "We couldn't find that forum.");
const CATEGORY_NOT_FOUND = fail("not-found", "That category no longer exists.");
const ASSOCIATION_ONLY = "Only an association’s forum can keep a category to its members";

type ForumRef = { id: string; slug: string; name: string; associationId: string | null };

/** The forum, if the actor may manage its categories. */
async function authorizeForum(actor: Actor, forumId: string): Promise<Result<ForumRef>> {
  const forum = await prisma.forum.findUnique({
    where: { id: forumId },
    select: { id: true, slug: true, name: true, associationId: true },
  });
  if (!forum) return FORUM_NOT_FOUND;
  const membership = await getMembership(actor, forum.associationId);
  if (!canManageCategories(actor, forum, membership)) return FORBIDDEN;
  return ok(forum);
}

/** The forum's categories in order, with their thread counts (deleted threads included: they still belong). */
export async function listForumCategories(forumId: string) {
  const rows = await prisma.category.findMany({
    // Uses the (forumId, position) index.
    where: { forumId },
    orderBy: [{ position: "asc" }, { id: "asc" }],
    select: {
      id: true,
      slug: true,
      name: true,
      description: true,
      visibility: true,
      _count: { select: { threads: true } },
    },
  });
  return rows.map(({ _count, ...category }) => ({ ...category, threadCount: _count.threads }));
}

function checkVisibility(forum: ForumRef, visibility: CategoryVisibilityName): Result {
  if (visibility === "ASSOCIATION" && forum.associationId === null) {
    return fail("invalid", "Please choose who can read it.", { fieldErrors: { visibility: [ASSOCIATION_ONLY] } });
  }
  return ok(null);
}

/** Adds a category at the end. Its address comes from the name (made unique within the forum). */
export async function createCategory(
  actor: Actor,
  forumId: string,
  input: CategoryInput,
): Promise<Result<{ id: string; slug: string }>> {
  const found = await authorizeForum(actor, forumId);
  if (!found.ok) return found;
  const forum = found.value;
  const visibility = checkVisibility(forum, input.visibility);
  if (!visibility.ok) return visibility;
  const base = slugify(input.name, 40, { ampersand: "and" }) || "category";

  // Two submissions at once (a double click without JavaScript) can pick the
  // same address: the loser tries again with the winner's row in view.
  for (let attempt = 0; ; attempt++) {
    try {
      return await insertCategory(forumId, base, input);
    } catch (error) {
      if (attempt < 2 && error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") continue;
      throw error;
    }
  }
}

/** Addresses a category may not take: they are pages of the forum (/forums/:forum/new). */
const RESERVED_CATEGORY_SLUGS = new Set(["new"]);

async function insertCategory(forumId: string, base: string, input: CategoryInput) {
  return prisma.$transaction(async (tx) => {
    const siblings = await tx.category.findMany({
      where: { forumId },
      select: { slug: true, position: true },
    });
    const taken = new Set([...RESERVED_CATEGORY_SLUGS, ...siblings.map((sibling) => sibling.slug)]);
    let slug = base;
    for (let n = 2; taken.has(slug); n++) slug = `${base}-${n}`;
    const position = Math.max(0, ...siblings.map((sibling) => sibling.position)) + 1;
    const category = await tx.category.create({
      data: {
        forumId,
        slug,
        name: input.name,
        description: input.description ?? "",
        visibility: input.visibility,
        position,
      },
      select: { id: true, slug: true },
    });
    return ok(category);
  });
}

async function findCategory(categoryId: string) {
  return prisma.category.findUnique({
    where: { id: categoryId },
    select: { id: true, forumId: true, visibility: true, position: true },
  });
}

/**
 * Edits a category. A new visibility is copied onto all its threads in the
 * same transaction, so lists, counts, search and feeds follow at once.
 */
export async function updateCategory(
  actor: Actor,
  categoryId: string,
  input: CategoryInput,
): Promise<Result<{ threadsUpdated: number }>> {
  const category = await findCategory(categoryId);
  if (!category) return CATEGORY_NOT_FOUND;
  const found = await authorizeForum(actor, category.forumId);
  if (!found.ok) return found;
  const visibility = checkVisibility(found.value, input.visibility);
  if (!visibility.ok) return visibility;

  return prisma.$transaction(async (tx) => {
    await tx.category.update({
      where: { id: categoryId },
      data: { name: input.name, description: input.description ?? "", visibility: input.visibility },
      select: { id: true },
    });
    // Every thread, whatever it had: a thread moved in from elsewhere may carry an old copy.
    const { count } = await tx.thread.updateMany({
      where: { categoryId, visibility: { not: input.visibility } },
      data: { visibility: input.visibility },
    });
    return ok({ threadsUpdated: count });
  });
}

/** Swaps a category with its neighbour above or below. At either end, nothing moves. */
export async function moveCategory(
  actor: Actor,
  categoryId: string,
  direction: "up" | "down",
): Promise<Result<{ moved: boolean }>> {
  const category = await findCategory(categoryId);
  if (!category) return CATEGORY_NOT_FOUND;
  const found = await authorizeForum(actor, category.forumId);
  if (!found.ok) return found;

  return prisma.$transaction(async (tx) => {
    // Renumber 1…n first, so equal or missing positions can never stall a move.
    const ordered = await tx.category.findMany({
      where: { forumId: category.forumId },
      orderBy: [{ position: "asc" }, { id: "asc" }],
      select: { id: true, position: true },
    });
    const index = ordered.findIndex((row) => row.id === categoryId);
    const other = direction === "up" ? index - 1 : index + 1;
    if (index < 0 || other < 0 || other >= ordered.length) return ok({ moved: false });
    const ids = ordered.map((row) => row.id);
    [ids[index], ids[other]] = [ids[other]!, ids[index]!];
    for (const [position, id] of ids.entries()) {
      if (ordered[position]?.id !== id || ordered[position]?.position !== position + 1) {
        await tx.category.update({ where: { id }, data: { position: position + 1 }, select: { id: true } });
      }
    }
    return ok({ moved: true });
  });
}

/** Deletes a category that has no threads (deleted ones included). */
export async function deleteCategory(actor: Actor, categoryId: string): Promise<Result<{ deleted: boolean }>> {
  const category = await findCategory(categoryId);
  if (!category) return ok({ deleted: false });
  const found = await authorizeForum(actor, category.forumId);
  if (!found.ok) return found;
  const threads = await prisma.thread.count({ where: { categoryId } });
  if (threads > 0) return fail("conflict", "Only an empty category can be deleted: this one still has threads.");
  try {
    const { count } = await prisma.category.deleteMany({ where: { id: categoryId } });
    return ok({ deleted: count === 1 });
  } catch (error) {
    // A thread was started in it meanwhile (threads keep their category: the delete is refused).
    if (
      typeof error === "object" &&
      error !== null &&
      "code" in error &&
      (error as { code: string }).code === "P2003"
    ) {
      return fail("conflict", "Only an empty category can be deleted: a thread was just started in it.");
    }
    throw error;
  }
}

/** The community forum (site administrators manage it at /admin/community). */
export async function getCommunityForum() {
  return prisma.forum.findUnique({
    where: { slug: COMMUNITY_FORUM_SLUG },
    select: { id: true, slug: true, name: true, associationId: true },
  });
}

// ─── The category forms (shared by association settings and /admin/community) ─

/** What a category form's submission came to: a notice to show, or errors for the form it came from. */
export type CategoryFormResult =
  | { ok: true; done: CategoryNotice }
  | (Failure & {
      /** "add" or the id of the category whose form was sent. */
      formId: string;
      message: string;
      fieldErrors: Record<string, string[]>;
      values: { name: string; description: string; visibility: string };
    });

const CATEGORY_INTENTS = new Set(["add-category", "edit-category", "move-category", "delete-category"]);

export function isCategoryIntent(intent: FormDataEntryValue | null): boolean {
  return typeof intent === "string" && CATEGORY_INTENTS.has(intent);
}

function textOf(value: FormDataEntryValue | undefined): string {
  return typeof value === "string" ? value : "";
}

/** Runs one category form of the forum (add, edit, move, delete), authorising it again. */
export async function runCategoryForm(actor: Actor, forumId: string, formData: FormData): Promise<CategoryFormResult> {
  const form = Object.fromEntries(formData);
  const intent = form.intent;
  const categoryId = textOf(form.categoryId);
  const formId = intent === "add-category" ? "add" : categoryId;
  const values = {
    name: textOf(form.name),
    description: textOf(form.description),
    visibility: textOf(form.visibility),
  };
  const failed = (outcome: Failure): CategoryFormResult => ({
    ok: false,
    reason: outcome.reason,
    formId,
    message: outcome.message,
    fieldErrors: outcome.fieldErrors ?? {},
    values,
  });

  if (intent !== "add-category") {
    const inForum = await prisma.category.findFirst({ where: { id: categoryId, forumId }, select: { id: true } });
    if (!inForum) return failed(CATEGORY_NOT_FOUND);
  }
  if (intent === "add-category" || intent === "edit-category") {
    const parsed = (intent === "add-category" ? createCategorySchema : editCategorySchema).safeParse(form);
    if (!parsed.success) {
      const fieldErrors: Record<string, string[]> = {};
      for (const issue of parsed.error.issues) {
        const key = String(issue.path[0] ?? "form");
        (fieldErrors[key] ??= []).push(issue.message);
      }
      return failed(fail("invalid", "Please correct the category.", { fieldErrors }));
    }
    const input = { name: parsed.data.name, description: parsed.data.description, visibility: parsed.data.visibility };
    if (intent === "add-category") {
      const result = await createCategory(actor, forumId, input);
      return result.ok ? { ok: true, done: "category-added" } : failed(result);
    }
    const result = await updateCategory(actor, categoryId, input);
    return result.ok ? { ok: true, done: "category-saved" } : failed(result);
  }
  if (intent === "move-category") {
    const direction = form.direction === "up" ? "up" : "down";
    const result = await moveCategory(actor, categoryId, direction);
    return result.ok ? { ok: true, done: "category-moved" } : failed(result);
  }
  if (intent === "delete-category") {
    const result = await deleteCategory(actor, categoryId);
    return result.ok ? { ok: true, done: "category-deleted" } : failed(result);
  }
  return failed(fail("invalid", "That form was not recognised."));
}
