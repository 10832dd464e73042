// GET /associations/:slug/insight.csv — the association's insight figures as a
// CSV download, for the same people and with the same figures withheld as the
// insight page.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { insightCsv } from "~/domain/insight/csv";
import { getAssociationInsight } from "~/domain/insight/insight.server";
import { requireMember } from "~/utils/auth.server";
import { failureResponse } from "~/utils/http.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireMember(request);
  const result = await getAssociationInsight(actor, params.slug ?? "");
  if (!result.ok) throw failureResponse(result);
  const insight = result.value;
  // The slug is lowercase letters, digits and hyphens: safe in a header as is.
  const filename = `insight-${insight.association.slug}-${insight.asOf}.csv`;
  return new Response(insightCsv(insight), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
