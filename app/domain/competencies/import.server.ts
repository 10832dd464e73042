/**
 * Administrators' framework versions: import from uploaded files (the content/
 * Markdown format, or one JSON document), preview, publish, choose the version
 * new assessments use, and export any version as JSON.
 *
 * A version that is published or that assessments were taken against never
 * changes: a changed framework needs a new version number.
 */
import { createHash } from "node:crypto";
import matter from "gray-matter";
import { z } from "zod";
import { prisma } from "~/utils/db.server";
import type { MemberActor } from "~/domain/members/actor";
import { saveFrameworkVersion } from "./frameworks.server";
import {
  areaFrontMatterSchema,
  describeIssues,
  frameworkDocumentSchema,
  frameworkFrontMatterSchema,
  type FrameworkDocument,
  type RightsFormInput,
} from "./schemas";

import { MAX_UPLOAD_FILE_BYTES, MAX_UPLOAD_FILES } from "./import-limits";
import { fail, type FailReason, type Failure } from "~/utils/result";
export { MAX_UPLOAD_FILE_BYTES, MAX_UPLOAD_FILES };

export interface UploadedFile {
  name: string;
  text: string;
}

export type UploadResult =
  | { ok: true; document: FrameworkDocument; contentHash: string }
  | { ok: false; problems: string[] };

/** A refusal with the problems to list (the message is them in one line). */
export type ImportFailure = Failure & { problems: string[] };
export type ActionResult<T = object> = ({ ok: true } & T) | ImportFailure;

const refuse = (reason: FailReason, problems: string[]): ImportFailure => ({ ...fail(reason, problems.join(" ")), problems });

// ─── Parsing uploads ─────────────────────────────────────────────────────────

/** Front matter and body of one Markdown file, or the reason it can't be read. */
export function parseFrontMatter(source: string): { ok: true; data: unknown; body: string } | { ok: false; problem: string } {
  try {
    // Passing options (even empty) stops gray-matter caching every upload in memory.
    const parsed = matter(source, {});
    return { ok: true, data: parsed.data, body: parsed.content.trim() };
  } catch (error) {
    return { ok: false, problem: `front matter is not valid YAML: ${(error as Error).message.split("\n")[0]}` };
  }
}

/** The text below a file's front matter. */
const bodySchema = (what: string) => z.string().trim().min(1, `is empty: write the ${what} below the front matter`);
const frameworkFileSchema = frameworkFrontMatterSchema.extend({ introduction: bodySchema("introduction") });
const areaFileSchema = areaFrontMatterSchema.extend({ summary: bodySchema("area's summary") });

const isJson = (name: string) => /\.json$/i.test(name);
const isMarkdown = (name: string) => /\.(md|markdown)$/i.test(name);
const baseName = (name: string) => name.split(/[\\/]/).pop() ?? name;

/** "file: where: what" lines for a failed parse. */
function inFile(file: string, lines: string[]) {
  return lines.map((line) => `${file}: ${line}`);
}

/**
 * Reads an upload: either one .json file holding a framework document, or
 * Markdown files in the content/ format (framework.md plus one file per area).
 * Every problem found is listed; nothing is saved here.
 */
export function parseFrameworkUpload(files: UploadedFile[]): UploadResult {
  const problems: string[] = [];
  const named = files.filter((file) => file.name.trim() !== "" || file.text !== "");
  if (named.length === 0) return { ok: false, problems: ["No files were uploaded. Choose framework.md and its area files, or one .json file."] };
  if (named.length > MAX_UPLOAD_FILES) {
    problems.push(`Too many files: ${named.length} were uploaded, the most is ${MAX_UPLOAD_FILES}.`);
  }
  for (const file of named) {
    const bytes = Buffer.byteLength(file.text, "utf8");
    if (bytes > MAX_UPLOAD_FILE_BYTES) {
      problems.push(`${file.name}: is too large (${Math.ceil(bytes / 1000)} kB; the most is ${MAX_UPLOAD_FILE_BYTES / 1000} kB).`);
    }
    if (!isJson(file.name) && !isMarkdown(file.name)) {
      problems.push(`${file.name}: is neither a Markdown (.md) nor a JSON (.json) file.`);
    }
  }
  const json = named.filter((file) => isJson(file.name));
  const markdown = named.filter((file) => isMarkdown(file.name));
  if (json.length > 0 && markdown.length > 0) {
    problems.push("The upload mixes JSON and Markdown files. Upload either one .json file, or framework.md with its area files.");
  } else if (json.length > 1) {
    problems.push(`Upload one JSON file at a time (${json.length} were uploaded: ${json.map((f) => f.name).join(", ")}).`);
  }
  if (problems.length > 0) return { ok: false, problems };

  const parsed = json.length === 1 ? parseJsonFile(json[0]!) : parseMarkdownFiles(markdown);
  if (!parsed.ok) return parsed;
  return { ok: true, document: parsed.document, contentHash: hashDocument(parsed.document) };
}

function parseJsonFile(file: UploadedFile): UploadResult | { ok: true; document: FrameworkDocument } {
  let raw: unknown;
  try {
    raw = JSON.parse(file.text);
  } catch (error) {
    return { ok: false, problems: [`${file.name}: is not valid JSON (${(error as Error).message}).`] };
  }
  const result = frameworkDocumentSchema.safeParse(raw);
  if (!result.success) return { ok: false, problems: inFile(file.name, describeIssues(result.error)) };
  return { ok: true, document: result.data };
}

function parseMarkdownFiles(files: UploadedFile[]): UploadResult | { ok: true; document: FrameworkDocument } {
  const problems: string[] = [];
  const frameworkFiles = files.filter((file) => baseName(file.name).toLowerCase() === "framework.md");
  const areaFiles = files.filter((file) => !frameworkFiles.includes(file)).sort((a, b) => a.name.localeCompare(b.name));

  if (frameworkFiles.length === 0) {
    problems.push("framework.md is missing: it holds the framework's name, version, stages and introduction.");
  } else if (frameworkFiles.length > 1) {
    problems.push(`Upload one framework.md (${frameworkFiles.length} were uploaded).`);
  }
  if (areaFiles.length === 0) problems.push("No area files were uploaded (one Markdown file per competency area, such as 01-adult-learning.md).");

  // Each file on its own: YAML, then its front matter and body.
  let framework: z.infer<typeof frameworkFileSchema> | null = null;
  if (frameworkFiles.length === 1) {
    const file = frameworkFiles[0]!;
    const read = parseFrontMatter(file.text);
    if (!read.ok) problems.push(`${file.name}: ${read.problem}`);
    else {
      const result = frameworkFileSchema.safeParse({ ...(asRecord(read.data)), introduction: read.body });
      if (result.success) framework = result.data;
      else problems.push(...inFile(file.name, describeIssues(result.error)));
    }
  }
  const areas: { file: string; data: z.infer<typeof areaFileSchema> }[] = [];
  for (const file of areaFiles) {
    const read = parseFrontMatter(file.text);
    if (!read.ok) {
      problems.push(`${file.name}: ${read.problem}`);
      continue;
    }
    const result = areaFileSchema.safeParse({ ...(asRecord(read.data)), summary: read.body });
    if (result.success) areas.push({ file: file.name, data: result.data });
    else problems.push(...inFile(file.name, describeIssues(result.error)));
  }

  // Then the files together: every area describes every stage, no duplicates.
  if (framework) {
    const { introduction, ...frontMatter } = framework;
    const result = frameworkDocumentSchema.safeParse({
      ...frontMatter,
      introduction,
      areas: areas.map((area) => area.data),
    });
    if (!result.success) {
      for (const issue of result.error.issues) {
        const [first, index, ...rest] = issue.path;
        if (first === "areas" && typeof index === "number" && areas[index]) {
          problems.push(`${areas[index].file}: ${rest.length > 0 ? rest.join(".") : "(area)"}: ${issue.message}`);
        } else if (first === "areas") {
          problems.push(`Area files: ${issue.message}`);
        } else {
          problems.push(`${frameworkFiles[0]!.name}: ${issue.path.join(".") || "(document)"}: ${issue.message}`);
        }
      }
    } else if (problems.length === 0) {
      return { ok: true, document: result.data };
    }
  }
  return { ok: false, problems: [...new Set(problems)] };
}

function asRecord(value: unknown): Record<string, unknown> {
  return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** The same content hashes the same, whether it came as JSON or Markdown. */
function hashDocument(document: FrameworkDocument): string {
  return createHash("sha256").update(stableStringify(toJsonDocument(document))).digest("hex");
}

function stableStringify(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableStringify(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/** A document as plain JSON: the release date as YYYY-MM-DD, optional fields left out when empty. */
function toJsonDocument(document: FrameworkDocument) {
  return {
    slug: document.slug,
    name: document.name,
    version: document.version,
    publisher: document.publisher,
    ...(document.releasedOn ? { releasedOn: document.releasedOn.toISOString().slice(0, 10) } : {}),
    attribution: document.attribution,
    ...(document.sourceUrl ? { sourceUrl: document.sourceUrl } : {}),
    stages: document.stages.map(({ slug, name, summary }) => ({ slug, name, summary })),
    introduction: document.introduction,
    areas: document.areas.map(({ slug, name, position, summary, descriptors }) => ({
      slug,
      name,
      position,
      summary,
      descriptors,
    })),
  };
}

// ─── Import, publish, choose ─────────────────────────────────────────────────

/**
 * Saves an uploaded document as a DRAFT version. A draft of the same
 * framework and version that nobody has used is replaced; a published (or
 * retired) version, or one that assessments use, is never overwritten.
 */
export async function importFrameworkVersion(
  document: FrameworkDocument,
  contentHash: string,
  rights?: { input: RightsFormInput; by: MemberActor },
): Promise<ActionResult<{ versionId: string; outcome: "created" | "updated" | "unchanged" }>> {
  const existing = await prisma.frameworkVersion.findFirst({
    where: { version: document.version, framework: { slug: document.slug } },
    select: { status: true, _count: { select: { assessments: true } } },
  });
  const refused = (why: string): ActionResult<never> =>
    refuse("conflict", [
      `${document.name} version ${document.version} already exists and ${why}, so it can't be replaced. ` +
        "Give the new content a new version number (the version field in framework.md or the JSON).",
    ]);
  if (existing && existing.status !== "DRAFT") {
    return refused(existing.status === "PUBLISHED" ? "is published" : "has been retired");
  }
  if (existing && existing._count.assessments > 0) return refused("assessments were taken against it");
  const saved = await saveFrameworkVersion(document, contentHash, { publish: false, rights });
  if (saved.ok) return { ok: true, ...saved.value };
  // The rights given could not be applied: errors beside their fields.
  if (saved.fieldErrors) return { ...saved, problems: Object.values(saved.fieldErrors).flat() };
  return refused("assessments were taken against it");
}

/** Publishes a draft: from now on it can't change, and it can be chosen for new assessments. */
export async function publishFrameworkVersion(versionId: string): Promise<ActionResult> {
  const { count } = await prisma.frameworkVersion.updateMany({
    where: { id: versionId, status: "DRAFT" },
    data: { status: "PUBLISHED" },
  });
  if (count === 1) return { ok: true };
  const version = await prisma.frameworkVersion.findUnique({ where: { id: versionId }, select: { status: true } });
  if (!version) return refuse("not-found", ["That framework version doesn't exist."]);
  return refuse("conflict", [`This version is already ${version.status.toLowerCase()}.`]);
}

/**
 * Chooses the version that new assessments use (and /competencies shows).
 * Only published versions can be chosen. Assessments already started, drafts
 * included, keep the version they were started with.
 */
export async function setCurrentFrameworkVersion(versionId: string): Promise<ActionResult> {
  return prisma.$transaction(async (tx) => {
    const version = await tx.frameworkVersion.findUnique({ where: { id: versionId }, select: { status: true, rights: true } });
    if (!version) return refuse("not-found", ["That framework version doesn't exist."]);
    if (version.rights !== "OPEN") {
      return refuse("conflict", [
        "A licensed version can't be the site's default: everyone would see it. Its licensees choose it in their association's settings.",
      ]);
    }
    if (version.status !== "PUBLISHED") {
      return refuse("conflict", ["Only a published version can be used for new assessments. Publish this version first."]);
    }
    await tx.siteSettings.upsert({
      where: { id: 1 },
      create: { id: 1, currentFrameworkVersionId: versionId },
      update: { currentFrameworkVersionId: versionId },
    });
    return { ok: true as const };
  });
}

// ─── Reading ─────────────────────────────────────────────────────────────────

/** Every framework version, newest first within each framework, for the admin page. */
export async function listFrameworkVersions() {
  const [versions, settings] = await Promise.all([
    prisma.frameworkVersion.findMany({
      orderBy: [{ framework: { name: "asc" } }, { createdAt: "desc" }],
      select: {
        id: true,
        version: true,
        status: true,
        createdAt: true,
        rights: true,
        framework: { select: { name: true, slug: true } },
        licences: { orderBy: { association: { name: "asc" } }, select: { association: { select: { name: true } } } },
        _count: { select: { areas: true, assessments: true } },
      },
    }),
    prisma.siteSettings.findUnique({ where: { id: 1 }, select: { currentFrameworkVersionId: true } }),
  ]);
  return versions.map((version) => ({
    id: version.id,
    frameworkName: version.framework.name,
    frameworkSlug: version.framework.slug,
    version: version.version,
    status: version.status,
    createdAt: version.createdAt,
    areaCount: version._count.areas,
    assessmentCount: version._count.assessments,
    rights: version.rights,
    licensees: version.licences.map((licence) => licence.association.name),
    isCurrent: version.id === settings?.currentFrameworkVersionId,
  }));
}

/** One version with everything a reviewer reads before publishing it, or null. */
export async function getFrameworkVersionPreview(versionId: string) {
  const [version, settings] = await Promise.all([
    prisma.frameworkVersion.findUnique({
      where: { id: versionId },
      select: {
        id: true,
        version: true,
        status: true,
        introductionHtml: true,
        attribution: true,
        sourceUrl: true,
        releasedOn: true,
        framework: { select: { name: true, publisher: true } },
        stages: { orderBy: { position: "asc" }, select: { slug: true, name: true, summary: true, position: true } },
        areas: {
          orderBy: { position: "asc" },
          select: {
            slug: true,
            name: true,
            position: true,
            summaryHtml: true,
            descriptors: { orderBy: { stage: { position: "asc" } }, select: { text: true, stage: { select: { slug: true } } } },
          },
        },
        _count: { select: { assessments: true } },
      },
    }),
    prisma.siteSettings.findUnique({ where: { id: 1 }, select: { currentFrameworkVersionId: true } }),
  ]);
  if (!version) return null;
  const { _count, ...rest } = version;
  return { ...rest, assessmentCount: _count.assessments, isCurrent: version.id === settings?.currentFrameworkVersionId };
}

/** Any version as a framework document (plain JSON), ready to import elsewhere; null if unknown. */
export async function exportFrameworkVersion(versionId: string) {
  const version = await prisma.frameworkVersion.findUnique({
    where: { id: versionId },
    select: {
      version: true,
      introduction: true,
      attribution: true,
      sourceUrl: true,
      releasedOn: true,
      framework: { select: { slug: true, name: true, publisher: true } },
      stages: { orderBy: { position: "asc" }, select: { slug: true, name: true, summary: true } },
      areas: {
        orderBy: { position: "asc" },
        select: {
          slug: true,
          name: true,
          position: true,
          summary: true,
          descriptors: { orderBy: { stage: { position: "asc" } }, select: { text: true, stage: { select: { slug: true } } } },
        },
      },
    },
  });
  if (!version) return null;
  return toJsonDocument({
    slug: version.framework.slug,
    name: version.framework.name,
    version: version.version,
    publisher: version.framework.publisher,
    releasedOn: version.releasedOn ?? undefined,
    attribution: version.attribution,
    sourceUrl: version.sourceUrl ?? undefined,
    stages: version.stages,
    introduction: version.introduction,
    areas: version.areas.map(({ descriptors, ...area }) => ({
      ...area,
      descriptors: Object.fromEntries(descriptors.map((descriptor) => [descriptor.stage.slug, descriptor.text])),
    })),
  });
}

export type FrameworkJson = NonNullable<Awaited<ReturnType<typeof exportFrameworkVersion>>>;
