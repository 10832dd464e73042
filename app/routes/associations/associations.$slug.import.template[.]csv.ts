// GET /associations/:slug/import/template.csv — the member-import template:
// the column names and two example lines, for the association's owner.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { importTemplateCsv } from "~/domain/associations/member-import-file";
import { findAssociation } from "~/domain/associations/memberships.server";
import { canImportMembers } from "~/domain/associations/policy";
import { requireMember } from "~/utils/auth.server";
import { failureResponse } from "~/utils/http.server";
import { fail } from "~/utils/result";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireMember(request);
  const found = await findAssociation(actor, params.slug ?? "");
  if (!found) throw failureResponse(fail("not-found", "We couldn't find that association."));
  if (!canImportMembers(actor, found.membership)) throw failureResponse(fail("forbidden", "Only the association's owner imports members."));
  return new Response(importTemplateCsv(), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="members-template.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
}
