// GET /associations/:slug/members.csv — the member list as CSV, for the
// association's owner (emails only of members who allow it).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { exportMembers } from "~/domain/associations/member-export.server";
import { requireMember } from "~/utils/auth.server";
import { failureResponse } from "~/utils/http.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireMember(request);
  const result = await exportMembers(actor, params.slug ?? "");
  if (!result.ok) throw failureResponse(result);
  const today = new Date().toISOString().slice(0, 10);
  // The slug is lowercase letters, digits and hyphens: safe in a header as is.
  return new Response(result.value.csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="members-${result.value.slug}-${today}.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
}
