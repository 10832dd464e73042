/**
 * Crosswalks between versions of two different frameworks (issue 18 §7):
 * administrators define, import and export them here; the competency profile
 * reads them (`crosswalksInto`) to carry a member's history across an edition
 * change, with the rules in crosswalk.ts. Insight applies the same rules in
 * SQL (`crosswalkedStagesSql`).
 */
import type { MemberActor } from "~/domain/members/actor";
import { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/utils/db.server";
import { fail, failFields, ok, type Result } from "~/utils/result";
import { crosswalkProblems, type CrosswalkLinesInput, type CrosswalkRules } from "./crosswalk";
import type { CrosswalkDocument } from "./crosswalk-file";

export interface CrosswalkSideDetails {
  id: string;
  frameworkId: string;
  frameworkSlug: string;
  frameworkName: string;
  version: string;
  rights: "OPEN" | "LICENSED";
  areas: { id: string; slug: string; name: string; position: number }[];
  stages: { position: number; name: string }[];
}

const sideSelect = {
  id: true,
  version: true,
  rights: true,
  framework: { select: { id: true, slug: true, name: true } },
  areas: { orderBy: { position: "asc" }, select: { id: true, slug: true, name: true, position: true } },
  stages: { orderBy: { position: "asc" }, select: { position: true, name: true } },
} satisfies Prisma.FrameworkVersionSelect;

type SideRow = Prisma.FrameworkVersionGetPayload<{ select: typeof sideSelect }>;

const toSide = (row: SideRow): CrosswalkSideDetails => ({
  id: row.id,
  frameworkId: row.framework.id,
  frameworkSlug: row.framework.slug,
  frameworkName: row.framework.name,
  version: row.version,
  rights: row.rights,
  areas: row.areas,
  stages: row.stages,
});

export interface CrosswalkEditor {
  from: CrosswalkSideDetails;
  to: CrosswalkSideDetails;
  crosswalk: {
    id: string;
    note: string;
    savedBy: string | null;
    updatedAt: Date;
    areaLinks: { fromAreaId: string; toAreaId: string; note: string | null }[];
    stageLinks: { from: number; to: number }[];
  } | null;
}

const SAME_FRAMEWORK = "Both versions belong to the same framework: its versions already match areas by slug and stages by position, so no crosswalk is needed.";

/** The two versions (areas and stages) and the crosswalk between them when there is one. Two queries at once. */
export async function getCrosswalkEditor(fromVersionId: string, toVersionId: string): Promise<Result<CrosswalkEditor>> {
  const [sides, crosswalk] = await Promise.all([
    prisma.frameworkVersion.findMany({ where: { id: { in: [fromVersionId, toVersionId] } }, select: sideSelect }),
    // The (fromVersionId, toVersionId) unique index.
    prisma.frameworkCrosswalk.findUnique({
      where: { fromVersionId_toVersionId: { fromVersionId, toVersionId } },
      select: {
        id: true,
        note: true,
        updatedAt: true,
        savedBy: { select: { profile: { select: { displayName: true } } } },
        areaLinks: { select: { fromAreaId: true, toAreaId: true, note: true } },
        stageLinks: { orderBy: { fromPosition: "asc" }, select: { fromPosition: true, toPosition: true } },
      },
    }),
  ]);
  const from = sides.find((side) => side.id === fromVersionId);
  const to = sides.find((side) => side.id === toVersionId);
  if (!from || !to || fromVersionId === toVersionId) return fail("not-found", "Framework version not found");
  if (from.framework.id === to.framework.id) return fail("invalid", SAME_FRAMEWORK);
  return ok({
    from: toSide(from),
    to: toSide(to),
    crosswalk: crosswalk
      ? {
          id: crosswalk.id,
          note: crosswalk.note,
          savedBy: crosswalk.savedBy?.profile?.displayName ?? null,
          updatedAt: crosswalk.updatedAt,
          areaLinks: crosswalk.areaLinks,
          stageLinks: crosswalk.stageLinks.map((line) => ({ from: line.fromPosition, to: line.toPosition })),
        }
      : null,
  });
}

const sideForCheck = (side: CrosswalkSideDetails) => ({ frameworkId: side.frameworkId, areas: side.areas, stageCount: side.stages.length });

/**
 * Creates or replaces the crosswalk between two versions, in one transaction:
 * its note, every area line and the stage lines. Site administrators only.
 */
export async function saveCrosswalk(
  admin: MemberActor,
  fromVersionId: string,
  toVersionId: string,
  input: CrosswalkLinesInput,
): Promise<Result<{ crosswalkId: string }>> {
  if (admin.role !== "ADMIN") return fail("forbidden", "Only site administrators can change crosswalks.");
  const editor = await getCrosswalkEditor(fromVersionId, toVersionId);
  if (!editor.ok) return editor;
  const { from, to } = editor.value;
  const problems = crosswalkProblems(sideForCheck(from), sideForCheck(to), input);
  if (problems) return failFields(problems);
  const crosswalkId = await prisma.$transaction(async (tx) => {
    const saved = await tx.frameworkCrosswalk.upsert({
      where: { fromVersionId_toVersionId: { fromVersionId, toVersionId } },
      create: { fromVersionId, toVersionId, note: input.note.trim(), savedById: admin.userId },
      update: { note: input.note.trim(), savedById: admin.userId },
      select: { id: true },
    });
    await tx.crosswalkAreaLink.deleteMany({ where: { crosswalkId: saved.id } });
    await tx.crosswalkStageLink.deleteMany({ where: { crosswalkId: saved.id } });
    await tx.crosswalkAreaLink.createMany({
      data: input.areaLinks.map((line) => ({
        crosswalkId: saved.id,
        fromAreaId: line.fromAreaId,
        toAreaId: line.toAreaId,
        note: line.note?.trim() || null,
      })),
    });
    if (input.stageLinks.length) {
      await tx.crosswalkStageLink.createMany({
        data: input.stageLinks.map((line) => ({ crosswalkId: saved.id, fromPosition: line.from, toPosition: line.to })),
      });
    }
    return saved.id;
  });
  return ok({ crosswalkId });
}

/**
 * A crosswalk file's lines in terms of the two versions: slugs to area ids.
 * Refused ("invalid", with the problems as the `file` field's errors) when
 * the file names other versions or areas these versions don't have. The note
 * of the form wins when the file has none.
 */
export function documentToLines(
  document: CrosswalkDocument,
  from: CrosswalkSideDetails,
  to: CrosswalkSideDetails,
  fallbackNote: string,
): Result<CrosswalkLinesInput> {
  const problems: string[] = [];
  if (document.from && (document.from.framework !== from.frameworkSlug)) {
    problems.push(`The file maps from the framework "${document.from.framework}", not ${from.frameworkSlug}.`);
  }
  if (document.to && (document.to.framework !== to.frameworkSlug)) {
    problems.push(`The file maps to the framework "${document.to.framework}", not ${to.frameworkSlug}.`);
  }
  const fromIds = new Map(from.areas.map((area) => [area.slug, area.id]));
  const toIds = new Map(to.areas.map((area) => [area.slug, area.id]));
  const unknownFrom = [...new Set(document.areas.map((line) => line.from).filter((slug) => !fromIds.has(slug)))];
  const unknownTo = [...new Set(document.areas.map((line) => line.to).filter((slug) => !toIds.has(slug)))];
  if (unknownFrom.length) problems.push(`Not areas of ${from.frameworkName} ${from.version}: ${unknownFrom.join(", ")}.`);
  if (unknownTo.length) problems.push(`Not areas of ${to.frameworkName} ${to.version}: ${unknownTo.join(", ")}.`);
  if (problems.length) return failFields({ file: problems });
  return ok({
    note: document.note || fallbackNote,
    areaLinks: document.areas.map((line) => ({ fromAreaId: fromIds.get(line.from)!, toAreaId: toIds.get(line.to)!, note: line.note ?? null })),
    stageLinks: document.stages,
  });
}

/** The saved crosswalk between two versions as a file's document, or null when there is none. */
export function crosswalkDocument(editor: CrosswalkEditor): CrosswalkDocument | null {
  const { from, to, crosswalk } = editor;
  if (!crosswalk) return null;
  const fromSlug = new Map(from.areas.map((area) => [area.id, area]));
  const toSlug = new Map(to.areas.map((area) => [area.id, area]));
  const areas = crosswalk.areaLinks
    .map((line) => ({ from: fromSlug.get(line.fromAreaId)!, to: toSlug.get(line.toAreaId)!, note: line.note }))
    .sort((a, b) => a.from.position - b.from.position || a.to.position - b.to.position)
    .map((line) => ({ from: line.from.slug, to: line.to.slug, ...(line.note ? { note: line.note } : {}) }));
  return {
    from: { framework: from.frameworkSlug, version: from.version },
    to: { framework: to.frameworkSlug, version: to.version },
    note: crosswalk.note,
    areas,
    stages: crosswalk.stageLinks,
  };
}

/** The crosswalks from and into a version, for its page. */
export async function listCrosswalksOfVersion(versionId: string) {
  // FrameworkCrosswalk (fromVersionId, toVersionId) unique index and the toVersionId index.
  const rows = await prisma.frameworkCrosswalk.findMany({
    where: { OR: [{ fromVersionId: versionId }, { toVersionId: versionId }] },
    orderBy: { updatedAt: "desc" },
    take: 50,
    select: {
      fromVersionId: true,
      toVersionId: true,
      fromVersion: { select: { version: true, framework: { select: { name: true } } } },
      toVersion: { select: { version: true, framework: { select: { name: true } } } },
      _count: { select: { areaLinks: true } },
    },
  });
  return rows.map((row) => ({
    fromVersionId: row.fromVersionId,
    toVersionId: row.toVersionId,
    from: `${row.fromVersion.framework.name} ${row.fromVersion.version}`,
    to: `${row.toVersion.framework.name} ${row.toVersion.version}`,
    lines: row._count.areaLinks,
  }));
}

/** Versions of other frameworks a version could be crosswalked to or from, for its page. */
export async function crosswalkPartners(versionId: string) {
  const version = await prisma.frameworkVersion.findUnique({ where: { id: versionId }, select: { frameworkId: true } });
  if (!version) return [];
  const rows = await prisma.frameworkVersion.findMany({
    where: { frameworkId: { not: version.frameworkId } },
    orderBy: [{ framework: { name: "asc" } }, { createdAt: "desc" }],
    take: 50,
    select: { id: true, version: true, framework: { select: { name: true } } },
  });
  return rows.map((row) => ({ id: row.id, label: `${row.framework.name} ${row.version}` }));
}

// ─── Reading crosswalks for the profile ─────────────────────────────────────

export interface CrosswalkInto {
  /** The older framework it carries from. */
  fromFrameworkId: string;
  fromLabel: string;
  note: string;
  rules: CrosswalkRules;
}

/**
 * For a newer version and the frameworks a member's older assessments were
 * taken in, the crosswalk that carries each of those frameworks into the
 * newer version's framework, by framework id. A crosswalk is between two
 * versions, but versions of one framework match by slug and position, so a
 * crosswalk from any version of the older framework to any version of the
 * newer one is used: the one into this very version first, then the most
 * recently saved. One query.
 */
export async function crosswalksInto(toVersionId: string, fromFrameworkIds: readonly string[]): Promise<Map<string, CrosswalkInto>> {
  const wanted = [...new Set(fromFrameworkIds)];
  if (wanted.length === 0) return new Map();
  const rows = await prisma.frameworkCrosswalk.findMany({
    where: {
      fromVersion: { frameworkId: { in: wanted } },
      toVersion: { framework: { versions: { some: { id: toVersionId } } } },
    },
    orderBy: { updatedAt: "desc" },
    take: 50,
    select: {
      toVersionId: true,
      note: true,
      fromVersion: { select: { frameworkId: true, version: true, framework: { select: { name: true } } } },
      toVersion: { select: { _count: { select: { stages: true } } } },
      areaLinks: { select: { fromArea: { select: { slug: true } }, toArea: { select: { slug: true } } } },
      stageLinks: { select: { fromPosition: true, toPosition: true } },
    },
  });
  const byFramework = new Map<string, CrosswalkInto & { exact: boolean }>();
  for (const row of rows) {
    const exact = row.toVersionId === toVersionId;
    const known = byFramework.get(row.fromVersion.frameworkId);
    if (known && (known.exact || !exact)) continue;
    byFramework.set(row.fromVersion.frameworkId, {
      exact,
      fromFrameworkId: row.fromVersion.frameworkId,
      fromLabel: `${row.fromVersion.framework.name} ${row.fromVersion.version}`,
      note: row.note,
      rules: {
        areaLinks: row.areaLinks.map((line) => ({ from: line.fromArea.slug, to: line.toArea.slug })),
        stageLinks: row.stageLinks.map((line) => ({ from: line.fromPosition, to: line.toPosition })),
        toStageCount: row.toVersion._count.stages,
      },
    });
  }
  return new Map([...byFramework].map(([id, { exact: _exact, ...crosswalk }]) => [id, crosswalk]));
}
