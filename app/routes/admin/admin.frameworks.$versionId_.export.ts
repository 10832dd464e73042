// GET /admin/frameworks/:versionId/export — a framework version as a JSON
// download, in the format the import form accepts. An open version: anyone
// signed in; a licensed one: site administrators and its licensees' owners
// (canExportFrameworkVersion). Anyone else: 404.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { exportFrameworkVersion } from "~/domain/competencies/import.server";
import { canExportFrameworkVersion } from "~/domain/competencies/policy";
import { getVersionRights, readerMemberships } from "~/domain/competencies/rights.server";
import { requireMember } from "~/utils/auth.server";
import { notFound } from "~/utils/http.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireMember(request);
  const [rights, memberships] = await Promise.all([getVersionRights(params.versionId ?? ""), readerMemberships(actor)]);
  if (!rights || !canExportFrameworkVersion(actor, rights, memberships)) throw notFound("Framework version not found");
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
