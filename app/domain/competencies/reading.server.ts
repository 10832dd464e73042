/**
 * Reading one published framework version whole (stages, areas, each area's
 * descriptors) on its own page: an open version for everyone, a licensed one
 * for its licensees' members and site administrators (the where-builder in
 * rights.server.ts, the same rule as every other page). Anyone else is told
 * whose it is, never shown its text.
 */
import type { Actor } from "~/domain/members/actor";
import { prisma } from "~/utils/db.server";
import { fail, ok } from "~/utils/result";
import { readableFrameworkVersionsWhere } from "./rights.server";

const NOT_FOUND = "There is no published framework version at this address.";

function listNames(names: string[]): string {
  if (names.length <= 1) return names[0] ?? "";
  return `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
}

/** A published version with all its text, when `actor` may read it. */
export async function readFrameworkVersion(actor: Actor, versionId: string) {
  const published = { id: versionId, status: "PUBLISHED" } as const;
  const [header, version] = await Promise.all([
    // What anyone may know about it: its name, its rights and its licensees.
    prisma.frameworkVersion.findFirst({
      where: published,
      select: {
        version: true,
        framework: { select: { name: true } },
        licences: { orderBy: { association: { name: "asc" } }, select: { association: { select: { name: true } } } },
      },
    }),
    prisma.frameworkVersion.findFirst({
      where: { AND: [published, readableFrameworkVersionsWhere(actor)] },
      select: {
        id: true,
        version: true,
        rights: true,
        rightsAttribution: true,
        introductionHtml: true,
        attribution: true,
        sourceUrl: true,
        releasedOn: true,
        framework: { select: { name: true, publisher: true } },
        licences: { orderBy: { association: { name: "asc" } }, select: { association: { select: { name: true, slug: true } } } },
        stages: { orderBy: { position: "asc" }, select: { id: true, slug: true, name: true, summary: true, position: true } },
        areas: {
          orderBy: { position: "asc" },
          select: { slug: true, name: true, position: true, summaryHtml: true, descriptors: { select: { stageId: true, text: true } } },
        },
        currentOf: { select: { id: true } },
      },
    }),
  ]);
  if (!header) return fail("not-found", NOT_FOUND);
  if (!version) {
    const licensees = listNames(header.licences.map((licence) => licence.association.name));
    return fail(
      "forbidden",
      `${header.framework.name}, version ${header.version}, is licensed to ${licensees}. Its area names and descriptions are shown only to their members.`,
    );
  }
  const { stages, areas, licences, currentOf, ...rest } = version;
  return ok({
    ...rest,
    isSiteDefault: currentOf.length > 0,
    licensees: licences.map((licence) => licence.association),
    stages: stages.map(({ id: _id, ...stage }) => stage),
    areas: areas.map(({ descriptors, ...area }) => {
      const byStage = new Map(descriptors.map((descriptor) => [descriptor.stageId, descriptor.text]));
      return { ...area, descriptors: stages.map((stage) => ({ stageSlug: stage.slug, text: byStage.get(stage.id) ?? "" })) };
    }),
  });
}

export type ReadableFrameworkVersion = Extract<Awaited<ReturnType<typeof readFrameworkVersion>>, { ok: true }>["value"];

/** The page where a version is read: the public framework page for the site's default, else its own. */
export function frameworkVersionPath(version: { id: string; isSiteDefault: boolean }): string {
  return version.isSiteDefault ? "/competencies" : `/competencies/versions/${version.id}`;
}
