// GET /admin/frameworks/:versionId/export — a framework version as a JSON
// download, in the format the import form accepts: site administrators, and
// for a licensed version its licensees' owners (canExportFrameworkVersion).
// A member who may not read the version: 404; one who may read but not download: 403.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { exportFrameworkVersion } from "~/domain/competencies/import.server";
import { canExportFrameworkVersion, canReadFrameworkText } from "~/domain/competencies/policy";
import { getVersionRights, readerMemberships } from "~/domain/competencies/rights.server";
import { requireMember } from "~/utils/auth.server";
import { forbidden, notFound } from "~/utils/http.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireMember(request);
  const [rights, memberships] = await Promise.all([getVersionRights(params.versionId ?? ""), readerMemberships(actor)]);
  if (!rights || !canReadFrameworkText(actor, rights, memberships)) throw notFound("Framework version not found");
  if (!canExportFrameworkVersion(actor, rights, memberships)) throw forbidden("Only site administrators and the licensees' owners can download a framework.");
  const document = await exportFrameworkVersion(params.versionId ?? "");
  if (!document) throw notFound("Framework version not found");
  // Slugs are [a-z0-9-] and versions are trimmed text: keep the file name to safe characters.
  const filename = `${document.slug}-${document.version}`.replace(/[^A-Za-z0-9._-]+/g, "_");
  return new Response(`${JSON.stringify(document, null, 2)}\n`, {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}.json"`,
      "Cache-Control": "private, no-store",
    },
  });
}
