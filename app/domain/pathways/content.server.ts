/**
 * Site pathways from content/pathways: a folder per pathway with pathway.md
 * (front matter: slug, title, kind, roleArchetypes, backgrounds; body: the
 * summary) and steps/NN-key.md (front matter: key, title, effortMinutes,
 * areas [{ area, stage }], resources [{ label, url }], tool; body: what to do,
 * why it matters, common pitfalls). Steps are ordered by file name.
 *
 * Seeding is idempotent by content hash. A changed pathway is updated in
 * place: steps are matched by key, so members' completions survive edits;
 * a step removed from the content is archived, never deleted.
 */
import { createHash } from "node:crypto";
import { readdir } from "node:fs/promises";
import path from "node:path";
import { ContentError, loadAllFrameworks, readMarkdown } from "~/domain/competencies/content.server";
import { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/utils/db.server";
import { renderMarkdown } from "~/utils/markdown.server";
import { syncEnrolmentCompletion } from "./pathways.server";
import { pathwayDocumentSchema, pathwayFrontMatterSchema, stepFrontMatterSchema, type PathwayDocument } from "./schemas";

export { ContentError };

export interface LoadedPathway {
  document: PathwayDocument;
  contentHash: string;
  /** The file each step came from, by step index (for error messages). */
  files: { pathway: string; steps: string[] };
}

export async function loadPathwayFromDirectory(dir: string): Promise<LoadedPathway> {
  const pathwayFile = path.join(dir, "pathway.md");
  const hash = createHash("sha256");
  const pathway = await readMarkdown(pathwayFile, pathwayFrontMatterSchema);
  hash.update(pathway.source);

  const stepsDir = path.join(dir, "steps");
  const stepFiles = (await readdir(stepsDir).catch(() => []))
    .filter((name) => name.endsWith(".md"))
    .sort();
  if (stepFiles.length === 0) throw new ContentError(stepsDir, ["no step files (steps/NN-key.md) found"]);

  const steps = [];
  const files: string[] = [];
  for (const name of stepFiles) {
    const file = path.join(stepsDir, name);
    const step = await readMarkdown(file, stepFrontMatterSchema);
    hash.update(`\0${name}\0`);
    hash.update(step.source);
    steps.push({ ...step.data, body: step.body });
    files.push(file);
  }

  const result = pathwayDocumentSchema.safeParse({ ...pathway.data, summary: pathway.body, steps });
  if (!result.success) {
    const first = result.error.issues[0]!;
    const [top, index] = first.path;
    const file = top === "steps" && typeof index === "number" ? (files[index] ?? pathwayFile) : pathwayFile;
    const problems = result.error.issues
      .filter((issue) => {
        const [t, i] = issue.path;
        const f = t === "steps" && typeof i === "number" ? (files[i] ?? pathwayFile) : pathwayFile;
        return f === file;
      })
      .map((issue) => `${issue.path.join(".") || "(document)"}: ${issue.message}`);
    throw new ContentError(file, problems);
  }
  return { document: result.data, contentHash: hash.digest("hex"), files: { pathway: pathwayFile, steps: files } };
}

/** Every pathway folder under content/pathways, in name order (none is fine). */
export async function loadAllPathways(contentDir: string): Promise<LoadedPathway[]> {
  const root = path.join(contentDir, "pathways");
  const entries = await readdir(root, { withFileTypes: true }).catch(() => []);
  const loaded = [];
  for (const entry of entries.filter((e) => e.isDirectory()).sort((a, b) => a.name.localeCompare(b.name))) {
    loaded.push(await loadPathwayFromDirectory(path.join(root, entry.name)));
  }
  const slugs = new Map<string, string>();
  for (const { document, files } of loaded) {
    const other = slugs.get(document.slug);
    if (other) throw new ContentError(files.pathway, [`slug "${document.slug}" is already used by ${other}`]);
    slugs.set(document.slug, files.pathway);
  }
  return loaded;
}

/**
 * Checks every step's areas and stages against the current framework version,
 * so a typo in an area slug stops the seed with the file's name.
 */
/**
 * The areas and stages the pathways in content/ are written for: those of the
 * frameworks in the same content folder (the starter framework), not the
 * site's current version. An administrator may make an imported framework
 * current; the seed, which every `npm start` and deploy runs, must not stop
 * because of it. Only a content folder without frameworks falls back to the
 * current version.
 */
async function knownAreas(contentDir: string): Promise<{ areas: Set<string>; stages: Set<string>; of: string } | null> {
  const frameworks = await loadAllFrameworks(contentDir);
  if (frameworks.length > 0) {
    return {
      areas: new Set(frameworks.flatMap(({ document }) => document.areas.map((area) => area.slug))),
      stages: new Set(frameworks.flatMap(({ document }) => document.stages.map((stage) => stage.slug))),
      of: "the frameworks in content/frameworks",
    };
  }
  const settings = await prisma.siteSettings.findUnique({
    where: { id: 1 },
    select: {
      currentFrameworkVersion: { select: { areas: { select: { slug: true } }, stages: { select: { slug: true } } } },
    },
  });
  const version = settings?.currentFrameworkVersion;
  if (!version) return null;
  return {
    areas: new Set(version.areas.map((area) => area.slug)),
    stages: new Set(version.stages.map((stage) => stage.slug)),
    of: "the current framework",
  };
}

async function checkAreas(pathways: LoadedPathway[], contentDir: string) {
  const known = await knownAreas(contentDir);
  if (!known) return;
  const { areas, stages, of } = known;
  for (const { document, files } of pathways) {
    document.steps.forEach((step, index) => {
      const problems = step.areas.flatMap((entry, areaIndex) => [
        ...(areas.has(entry.area)
          ? []
          : [`areas.${areaIndex}.area: "${entry.area}" is not an area of ${of} (${[...areas].join(", ")})`]),
        ...(stages.has(entry.stage)
          ? []
          : [`areas.${areaIndex}.stage: "${entry.stage}" is not a stage of ${of} (${[...stages].join(", ")})`]),
      ]);
      if (problems.length) throw new ContentError(files.steps[index]!, problems);
    });
  }
}

export type PathwaySeedOutcome = "created" | "updated" | "unchanged" | "skipped";

/**
 * Stores one content pathway, in one transaction. Same hash → unchanged.
 * A pathway with the same slug authored in the app (no content hash) is
 * left alone: the content never overwrites people's work.
 */
export async function savePathwayFromContent({ document, contentHash }: LoadedPathway): Promise<PathwaySeedOutcome> {
  return prisma.$transaction(async (tx) => {
    const existing = await tx.pathway.findUnique({
      where: { slug: document.slug },
      select: { id: true, contentHash: true },
    });
    if (existing && existing.contentHash === null) return "skipped";
    if (existing?.contentHash === contentHash) return "unchanged";

    const fields = {
      title: document.title,
      summary: document.summary,
      summaryHtml: renderMarkdown(document.summary),
      kind: document.kind,
      roleArchetypes: document.roleArchetypes,
      backgrounds: document.backgrounds,
      contentHash,
    };
    const pathway = existing
      ? await tx.pathway.update({ where: { id: existing.id }, data: fields, select: { id: true } })
      : await tx.pathway.create({
          data: { slug: document.slug, ...fields, status: "PUBLISHED", publishedAt: new Date() },
          select: { id: true },
        });

    const current = await tx.pathwayStep.findMany({ where: { pathwayId: pathway.id }, select: { id: true, key: true } });
    const idByKey = new Map(current.map((step) => [step.key, step.id]));
    const keep = new Set<string>();
    for (const [index, step] of document.steps.entries()) {
      const data = {
        position: index + 1,
        title: step.title,
        body: step.body,
        bodyHtml: renderMarkdown(step.body),
        resources: step.resources as Prisma.InputJsonValue,
        effortMinutes: step.effortMinutes,
        tool: step.tool,
        archivedAt: null,
      };
      const id = idByKey.get(step.key);
      const saved = id
        ? await tx.pathwayStep.update({ where: { id }, data, select: { id: true } })
        : await tx.pathwayStep.create({ data: { pathwayId: pathway.id, key: step.key, ...data }, select: { id: true } });
      keep.add(saved.id);
      await tx.pathwayStepArea.deleteMany({ where: { stepId: saved.id } });
      await tx.pathwayStepArea.createMany({
        data: step.areas.map((entry) => ({ stepId: saved.id, areaSlug: entry.area, stageSlug: entry.stage })),
      });
    }
    // Steps no longer in the content: archived (kept for the members who completed them), after the others.
    await tx.pathwayStep.updateMany({
      where: { pathwayId: pathway.id, id: { notIn: [...keep] }, archivedAt: null },
      data: { archivedAt: new Date() },
    });
    // Added or archived steps change who has finished the pathway.
    await syncEnrolmentCompletion(tx, { pathwayId: pathway.id });
    return existing ? "updated" : "created";
  });
}

/** Loads content/pathways and stores every pathway; one report line each. */
export async function seedPathways(contentDir: string): Promise<string[]> {
  const pathways = await loadAllPathways(contentDir);
  await checkAreas(pathways, contentDir);
  const report: string[] = [];
  for (const loaded of pathways) {
    const outcome = await savePathwayFromContent(loaded);
    report.push(
      `pathway ${loaded.document.slug}: ${outcome === "skipped" ? "skipped (a pathway authored in the app has this slug)" : outcome}`,
    );
  }
  return report;
}
