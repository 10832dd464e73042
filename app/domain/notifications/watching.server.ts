/**
 * Watching a category: its watchers hear about every new thread in it.
 * (Threads are watched through ThreadReader.watching, set by the threads code
 * when a member posts or presses "Watch".)
 */
import { visibleCategoriesWhere } from "~/domain/discussions/policy";
import type { MemberActor } from "~/domain/members/actor";
import { prisma } from "~/utils/db.server";
import { fail, ok, type Result } from "~/utils/result";

/** Start or stop watching a category the member can see; "not found" for one they cannot. */
export async function setCategoryWatch(
  actor: MemberActor,
  categoryId: string,
  watch: boolean,
): Promise<Result<null>> {
  const category = await prisma.category.findFirst({
    where: { id: categoryId, ...visibleCategoriesWhere(actor) },
    select: { id: true },
  });
  if (!category) return fail("not-found", "That category does not exist.");
  const key = { userId: actor.userId, categoryId: category.id };
  if (watch) {
    await prisma.categoryWatch.upsert({ where: { userId_categoryId: key }, create: key, update: {} });
  } else {
    await prisma.categoryWatch.deleteMany({ where: key });
  }
  return ok(null);
}

/** Whether the member watches a category (for the Watch / Stop watching button). */
export async function isWatchingCategory(userId: string, categoryId: string): Promise<boolean> {
  const row = await prisma.categoryWatch.findUnique({
    where: { userId_categoryId: { userId, categoryId } },
    select: { categoryId: true },
  });
  return row !== null;
}
