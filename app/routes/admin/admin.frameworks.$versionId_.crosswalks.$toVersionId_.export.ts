// GET /admin/frameworks/:versionId/crosswalks/:toVersionId/export?format=json|csv —
// the crosswalk between two versions as a download, in the format its import
// form accepts. Site administrators; and as for a framework's own document
// (decision 0016), a licensed version's areas leave only with someone allowed
// to download that version (canExportFrameworkVersion), checked for both sides.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { crosswalkToCsv } from "~/domain/competencies/crosswalk-file";
import { crosswalkDocument, getCrosswalkEditor } from "~/domain/competencies/crosswalks.server";
import { canExportFrameworkVersion } from "~/domain/competencies/policy";
import { getVersionRights, readerMemberships } from "~/domain/competencies/rights.server";
import { requireAdmin } from "~/utils/auth.server";
import { badRequest, forbidden, notFound, okOrThrow } from "~/utils/http.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireAdmin(request);
  const format = new URL(request.url).searchParams.get("format") ?? "json";
  if (format !== "json" && format !== "csv") throw badRequest("Choose format=json or format=csv.");
  const fromVersionId = params.versionId ?? "";
  const toVersionId = params.toVersionId ?? "";
  const [editor, fromRights, toRights, memberships] = await Promise.all([
    getCrosswalkEditor(fromVersionId, toVersionId),
    getVersionRights(fromVersionId),
    getVersionRights(toVersionId),
    readerMemberships(actor),
  ]);
  const value = okOrThrow(editor);
  if (!fromRights || !toRights) throw notFound("Framework version not found");
  if (!canExportFrameworkVersion(actor, fromRights, memberships) || !canExportFrameworkVersion(actor, toRights, memberships)) {
    throw forbidden("Only those allowed to download both framework versions can download their crosswalk.");
  }
  const document = crosswalkDocument(value);
  if (!document) throw notFound("There is no crosswalk between these versions yet.");
  const filename = `crosswalk-${value.from.frameworkSlug}-${value.from.version}-to-${value.to.frameworkSlug}-${value.to.version}`.replace(
    /[^A-Za-z0-9._-]+/g,
    "_",
  );
  const body = format === "json" ? `${JSON.stringify(document, null, 2)}\n` : crosswalkToCsv(document);
  return new Response(body, {
    headers: {
      "Content-Type": format === "json" ? "application/json; charset=utf-8" : "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}.${format}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
