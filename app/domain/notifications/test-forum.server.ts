/**
 * Forum rows for integration tests (notifications, flags, search, feeds):
 * associations, forums, categories, threads and posts inserted directly, with
 * Thread.visibility and Thread.associationId kept consistent with the
 * category, as the threads code keeps them. Names carry a random run token:
 * the worker's database is shared by the test files it runs.
 */
import { renderMarkdown } from "~/utils/markdown.server";
import { prisma } from "~/utils/db.server";

const run = `f${Math.random().toString(36).slice(2, 8)}`;
let count = 0;
const next = () => `${run}-${++count}`;

export type Visibility = "PUBLIC" | "MEMBERS" | "ASSOCIATION";

export async function createAssociation(members: { userId: string; role?: "OWNER" | "MODERATOR" | "MEMBER" }[] = []) {
  const slug = next();
  const association = await prisma.association.create({
    data: {
      slug,
      name: `Association ${slug}`,
      description: "",
      descriptionHtml: "",
      memberCount: members.length,
      memberships: { create: members.map((m) => ({ userId: m.userId, role: m.role ?? "MEMBER" })) },
      forum: { create: { slug, name: `Forum ${slug}` } },
    },
    select: { id: true, slug: true, name: true, forum: { select: { id: true, slug: true } } },
  });
  return { id: association.id, slug: association.slug, name: association.name, forumId: association.forum!.id, forumSlug: association.forum!.slug };
}

export async function addMember(associationId: string, userId: string, role: "OWNER" | "MODERATOR" | "MEMBER" = "MEMBER") {
  await prisma.associationMembership.create({ data: { associationId, userId, role } });
}

/** A forum without an association (like the community forum). */
export async function createForum() {
  const slug = next();
  const forum = await prisma.forum.create({ data: { slug, name: `Forum ${slug}` }, select: { id: true, slug: true } });
  return { forumId: forum.id, forumSlug: forum.slug, id: null as string | null };
}

export type TestCategory = { id: string; slug: string; forumId: string; forumSlug: string; associationId: string | null; visibility: Visibility };

export async function createCategory(
  forum: { forumId: string; forumSlug: string; id: string | null },
  visibility: Visibility = "PUBLIC",
): Promise<TestCategory> {
  const slug = next();
  const category = await prisma.category.create({
    data: { forumId: forum.forumId, slug, name: `Category ${slug}`, position: count, visibility },
    select: { id: true },
  });
  return { id: category.id, slug, forumId: forum.forumId, forumSlug: forum.forumSlug, associationId: forum.id, visibility };
}

export async function createThread(
  category: TestCategory,
  options: { authorId: string | null; title?: string; body?: string; tags?: string[]; deleted?: boolean },
) {
  const title = options.title ?? `Thread ${next()}`;
  const body = options.body ?? "The opening post.";
  const thread = await prisma.thread.create({
    data: {
      forumId: category.forumId,
      categoryId: category.id,
      associationId: category.associationId,
      visibility: category.visibility,
      authorId: options.authorId,
      title,
      slug: title.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "thread",
      tags: options.tags ?? [],
      deletedAt: options.deleted ? new Date() : null,
      lastPosterId: options.authorId,
      posts: { create: { number: 1, authorId: options.authorId, body, bodyHtml: renderMarkdown(body) } },
    },
    select: { id: true, slug: true, title: true, posts: { select: { id: true } } },
  });
  return { id: thread.id, slug: thread.slug, title: thread.title, openingPostId: thread.posts[0]!.id };
}

export async function createReply(
  thread: { id: string },
  options: { authorId: string | null; body?: string; replyToNumber?: number; createdAt?: Date },
) {
  const body = options.body ?? "A reply.";
  return prisma.$transaction(async (tx) => {
    const updated = await tx.thread.update({
      where: { id: thread.id },
      data: { lastPostNumber: { increment: 1 }, replyCount: { increment: 1 }, lastPostAt: new Date(), lastPosterId: options.authorId },
      select: { lastPostNumber: true },
    });
    return tx.post.create({
      data: {
        threadId: thread.id,
        number: updated.lastPostNumber,
        authorId: options.authorId,
        body,
        bodyHtml: renderMarkdown(body),
        replyToNumber: options.replyToNumber ?? null,
        ...(options.createdAt ? { createdAt: options.createdAt } : {}),
      },
      select: { id: true, number: true },
    });
  });
}

export async function watchThread(userId: string, threadId: string) {
  await prisma.threadReader.upsert({
    where: { userId_threadId: { userId, threadId } },
    create: { userId, threadId, watching: true },
    update: { watching: true },
  });
}
