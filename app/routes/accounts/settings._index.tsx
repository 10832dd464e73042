// /settings opens on the profile page.
import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { requireMember } from "~/utils/auth.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireMember(request);
  return redirect("/settings/profile");
}
