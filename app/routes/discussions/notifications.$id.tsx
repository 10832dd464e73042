// POST /notifications/:id: marks one of the member's notifications read and
// goes to what it is about. GET changes nothing: it shows the list.
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { markRead } from "~/domain/notifications/notifications.server";
import { requireMember } from "~/utils/auth.server";
import { failureResponse } from "~/utils/http.server";

export async function loader(_: LoaderFunctionArgs) {
  return redirect("/notifications");
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireMember(request);
  const result = await markRead(actor, params.id ?? "");
  if (!result.ok) throw failureResponse(result);
  return redirect(result.value.href ?? "/notifications");
}
