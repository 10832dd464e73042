// The pages of a post's tools (/t/:threadId/posts/:number/flag|hide|delete):
// the post, authorised for the tool, or the 404/403 the route throws.
import type { MemberActor } from "~/domain/members/actor";
import { forbidden, notFound } from "~/utils/http.server";
import { findPostTools } from "./posts.server";

export type PostTool = "flag" | "hide" | "delete";

const REFUSALS: Record<PostTool, string> = {
  flag: "You can't flag this post: it is your own, or it is hidden or deleted.",
  hide: "Only the forum's moderators can hide a post, and only one that is showing.",
  delete: "Only the post's author and the forum's moderators can delete it.",
};

export async function requirePostTool(actor: MemberActor, params: { threadId?: string; number?: string }, tool: PostTool) {
  if (!/^\d{1,9}$/.test(params.number ?? "")) throw notFound("No such post");
  const found = await findPostTools(actor, params.threadId ?? "", Number(params.number));
  if (!found || found.post.state === "deleted") throw notFound("No such post");
  if (!found.can[tool]) throw forbidden(REFUSALS[tool]);
  return found;
}
