// POST /logout ends this session (deletes its row). GET never changes state.
import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { getActor } from "~/utils/auth.server";
import { clearedSessionCookie, invalidateSession } from "~/utils/session.server";

export async function loader() {
  return redirect("/");
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await getActor(request);
  if (actor.kind === "member") await invalidateSession(actor.sessionId);
  return redirect("/", { headers: { "Set-Cookie": clearedSessionCookie() } });
}
