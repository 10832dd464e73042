// The pages of a post's tools (/t/:threadId/posts/:number/flag|hide|delete):
// the post, authorised for the tool, or why not (not found, forbidden).
import type { MemberActor } from "~/domain/members/actor";
import { fail, ok, type Result } from "~/utils/result";
import { findPostTools } from "./posts.server";

export type PostTool = "flag" | "hide" | "delete";

const REFUSALS: Record<PostTool, string> = {
  flag: "You can't flag this post: it is your own, or it is hidden or deleted.",
  hide: "Only the forum's moderators can hide a post, and only one that is showing.",
  delete: "Only the post's author and the forum's moderators can delete it.",
};

const NO_SUCH_POST = fail("not-found", "No such post");

export async function authorizePostTool(
  actor: MemberActor,
  params: { threadId?: string; number?: string },
  tool: PostTool,
): Promise<Result<NonNullable<Awaited<ReturnType<typeof findPostTools>>>>> {
  if (!/^\d{1,9}$/.test(params.number ?? "")) return NO_SUCH_POST;
  const found = await findPostTools(actor, params.threadId ?? "", Number(params.number));
  if (!found || found.post.state === "deleted") return NO_SUCH_POST;
  if (!found.can[tool]) return fail("forbidden", REFUSALS[tool]);
  return ok(found);
}
