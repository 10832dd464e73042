// POST /watch/category: start or stop watching a category (told about every
// new thread in it). Forms on the forum pages post here and come back.
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { setCategoryWatch } from "~/domain/notifications/watching.server";
import { requireMember, safeRedirect } from "~/utils/auth.server";
import { badRequest, failureResponse } from "~/utils/http.server";
import { readForm } from "~/utils/request-body.server";

const schema = z.object({
  categoryId: z.string().trim().min(1).max(100),
  watch: z.enum(["1", "0"]),
  redirectTo: z.string().optional(),
});

export async function loader(_: LoaderFunctionArgs) {
  return new Response("Use the Watch button on a category page.", { status: 405, headers: { Allow: "POST" } });
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireMember(request);
  const parsed = schema.safeParse(Object.fromEntries(await readForm(request)));
  if (!parsed.success) throw badRequest("Choose a category to watch.");
  const result = await setCategoryWatch(actor, parsed.data.categoryId, parsed.data.watch === "1");
  if (!result.ok) throw failureResponse(result);
  return redirect(safeRedirect(parsed.data.redirectTo, "/forums/community"));
}
