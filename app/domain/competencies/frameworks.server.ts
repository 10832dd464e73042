/**
 * Competency frameworks as versioned data: framework → version → stages and
 * areas → one descriptor per (area, stage).
 */
import type { Prisma, PrismaClient } from "~/generated/prisma/client";
import { prisma } from "~/utils/db.server";
import { renderMarkdown } from "~/utils/markdown.server";
import type { MemberActor } from "~/domain/members/actor";
import { fail, failFields, ok, type FieldErrors, type Result } from "~/utils/result";
import { applyRights } from "./licences.server";
import { siteDefaultVersionId } from "./rights.server";
import type { FrameworkDocument, RightsFormInput } from "./schemas";

/** Thrown inside the save's transaction to roll it back: the rights given at import could not be applied. */
class RightsRefused extends Error {
  constructor(readonly fieldErrors: FieldErrors) {
    super("The framework's rights could not be applied.");
  }
}

export type SaveOutcome = "created" | "updated" | "unchanged";

/** Thrown inside the save's transaction to roll it back: a version assessments were taken against is frozen. */
class VersionInUse extends Error {}

/**
 * Stores a framework version from its document, in one transaction.
 * Unchanged content (same hash) is left alone, so running the seed twice
 * changes nothing. Refused ("conflict") when the content of a version that
 * assessments were taken against changed: it needs a new version number.
 */
export async function saveFrameworkVersion(
  document: FrameworkDocument,
  contentHash: string,
  options: { publish: boolean; client?: PrismaClient; rights?: { input: RightsFormInput; by: MemberActor } },
): Promise<Result<{ outcome: SaveOutcome; versionId: string }>> {
  const client = options.client ?? prisma;
  const withRights = async (tx: Prisma.TransactionClient, result: { outcome: SaveOutcome; versionId: string }) => {
    if (options.rights) {
      const fieldErrors = await applyRights(tx, result.versionId, options.rights.input, options.rights.by);
      if (fieldErrors) throw new RightsRefused(fieldErrors);
    }
    return result;
  };
  const saving = client.$transaction(async (tx): Promise<{ outcome: SaveOutcome; versionId: string }> => {
    const framework = await tx.framework.upsert({
      where: { slug: document.slug },
      create: { slug: document.slug, name: document.name, publisher: document.publisher },
      update: {},
      select: { id: true, name: true, publisher: true },
    });
    if (framework.name !== document.name || framework.publisher !== document.publisher) {
      await tx.framework.update({
        where: { id: framework.id },
        data: { name: document.name, publisher: document.publisher },
      });
    }

    const existing = await tx.frameworkVersion.findUnique({
      where: { frameworkId_version: { frameworkId: framework.id, version: document.version } },
      select: { id: true, contentHash: true },
    });
    if (existing?.contentHash === contentHash) return withRights(tx, { outcome: "unchanged", versionId: existing.id });
    if (existing && (await tx.assessment.count({ where: { versionId: existing.id } })) > 0) {
      throw new VersionInUse();
    }
    // Content of an existing version changed at its source: rebuild its areas
    // and stages. (Versions that assessments point at are protected by the
    // assessments' foreign keys, which refuse the delete.)
    if (existing) await tx.frameworkVersion.delete({ where: { id: existing.id } });

    const version = await tx.frameworkVersion.create({
      data: {
        frameworkId: framework.id,
        version: document.version,
        status: options.publish ? "PUBLISHED" : "DRAFT",
        introduction: document.introduction,
        introductionHtml: renderMarkdown(document.introduction),
        attribution: document.attribution,
        sourceUrl: document.sourceUrl ?? null,
        releasedOn: document.releasedOn ?? null,
        contentHash,
      },
      select: { id: true },
    });
    const stages = await tx.proficiencyStage.createManyAndReturn({
      data: document.stages.map((stage, index) => ({
        versionId: version.id,
        position: index + 1,
        slug: stage.slug,
        name: stage.name,
        summary: stage.summary,
      })),
      select: { id: true, slug: true },
    });
    const areas = await tx.competencyArea.createManyAndReturn({
      data: document.areas.map((area) => ({
        versionId: version.id,
        position: area.position,
        slug: area.slug,
        name: area.name,
        summary: area.summary,
        summaryHtml: renderMarkdown(area.summary),
      })),
      select: { id: true, slug: true },
    });
    const areaIds = new Map(areas.map((area) => [area.slug, area.id]));
    await tx.stageDescriptor.createMany({
      data: document.areas.flatMap((area) =>
        stages.map((stage) => ({
          areaId: areaIds.get(area.slug)!,
          stageId: stage.id,
          text: area.descriptors[stage.slug]!,
        })),
      ),
    });
    return withRights(tx, { outcome: existing ? "updated" : "created", versionId: version.id });
  });
  try {
    return ok(await saving);
  } catch (error) {
    if (error instanceof RightsRefused) return failFields(error.fieldErrors);
    if (!(error instanceof VersionInUse)) throw error;
    return fail(
      "conflict",
      `Framework ${document.slug} version ${document.version} has changed, but assessments were taken against it and it can no longer change. ` +
        "Give the new content a new version number.",
    );
  }
}

/** Makes a version the one /competencies shows and new assessments use, if none is set yet. */
export async function ensureCurrentFrameworkVersion(versionId: string, client: PrismaClient = prisma) {
  await client.siteSettings.upsert({
    where: { id: 1 },
    create: { id: 1, currentFrameworkVersionId: versionId },
    update: {},
  });
  await client.siteSettings.updateMany({
    where: { id: 1, currentFrameworkVersionId: null },
    data: { currentFrameworkVersionId: versionId },
  });
}

/**
 * After the seed created a new version of a framework from content/: if the
 * version in use is an earlier version of that same framework, the new one
 * takes its place (the content moved on, for example to correct its text).
 * Assessments keep the version they were taken against. A version of another
 * framework (an edition an administrator imported and chose) is left in use,
 * and so is whatever an administrator chooses after this seed.
 */
export async function supersedeCurrentFrameworkVersion(versionId: string, client: PrismaClient = prisma) {
  const [settings, version] = await Promise.all([
    client.siteSettings.findUnique({
      where: { id: 1 },
      select: { currentFrameworkVersion: { select: { id: true, frameworkId: true } } },
    }),
    client.frameworkVersion.findUnique({ where: { id: versionId }, select: { frameworkId: true } }),
  ]);
  const current = settings?.currentFrameworkVersion;
  if (!version || !current || current.id === versionId || current.frameworkId !== version.frameworkId) return false;
  await client.siteSettings.update({ where: { id: 1 }, data: { currentFrameworkVersionId: versionId } });
  return true;
}

const versionHeaderSelect = {
  id: true,
  version: true,
  introductionHtml: true,
  attribution: true,
  sourceUrl: true,
  releasedOn: true,
  framework: { select: { name: true, publisher: true } },
} as const;

/**
 * The site's default framework version, with its areas and stages, for the
 * public /competencies. Only an open version: a licensed one is never shown there.
 */
export async function getCurrentFrameworkOverview() {
  const settings = await prisma.siteSettings.findUnique({
    where: { id: 1 },
    select: {
      currentFrameworkVersion: {
        select: {
          rights: true,
          ...versionHeaderSelect,
          stages: { orderBy: { position: "asc" }, select: { slug: true, name: true, summary: true } },
          areas: {
            orderBy: { position: "asc" },
            select: { slug: true, name: true, position: true, summaryHtml: true },
          },
        },
      },
    },
  });
  const version = settings?.currentFrameworkVersion;
  if (!version || version.rights !== "OPEN") return null;
  const { rights: _rights, ...overview } = version;
  return overview;
}

/**
 * How many areas and stages the version in use has, for pages that talk about
 * the framework ("nine areas and five stages"): an imported edition may have
 * a different number of either. Null when no version is in use.
 */
export async function getCurrentFrameworkCounts(): Promise<{ areas: number; stages: number } | null> {
  const settings = await prisma.siteSettings.findUnique({
    where: { id: 1 },
    select: { currentFrameworkVersion: { select: { rights: true, _count: { select: { areas: true, stages: true } } } } },
  });
  const version = settings?.currentFrameworkVersion;
  const counts = version?.rights === "OPEN" ? version._count : undefined;
  return counts ? { areas: counts.areas, stages: counts.stages } : null;
}

/** One area of the current framework version with every stage's descriptor, or null. */
export async function getCurrentFrameworkArea(areaSlug: string) {
  const area = await prisma.competencyArea.findFirst({
    where: { slug: areaSlug, version: { currentOf: { some: { id: 1 } }, rights: "OPEN" } },
    select: {
      slug: true,
      name: true,
      position: true,
      summaryHtml: true,
      version: {
        select: {
          ...versionHeaderSelect,
          areas: { orderBy: { position: "asc" }, select: { slug: true, name: true, position: true } },
        },
      },
      descriptors: {
        orderBy: { stage: { position: "asc" } },
        select: { text: true, stage: { select: { slug: true, name: true, position: true, summary: true } } },
      },
    },
  });
  return area;
}

// ─── The framework version a person may use ─────────────────────────────────

/**
 * The site's default framework version (open, published), null before one is
 * chosen. Which versions a given person may use — their associations'
 * choices, licensed ones included — is `versionsForPerson` in
 * rights.server.ts; queries that need the default inside one round trip use
 * `siteDefaultVersionIdSql` from there.
 */
export async function currentFrameworkVersionId(
  client: Pick<Prisma.TransactionClient, "siteSettings"> = prisma,
): Promise<string | null> {
  return siteDefaultVersionId(client);
}

/**
 * Area slugs of the site's default (open) version, in order, with names: what
 * thread and statement area tags name, shown to everyone.
 */
export async function currentAreas(): Promise<{ slug: string; name: string }[]> {
  return prisma.competencyArea.findMany({
    where: { version: { currentOf: { some: { id: 1 } }, rights: "OPEN" } },
    orderBy: { position: "asc" },
    select: { slug: true, name: true },
  });
}
