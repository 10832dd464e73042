/**
 * Reads framework versions from content/: a folder per framework with
 * framework.md (front matter: identity, stages; body: introduction) and
 * areas/NN-slug.md (front matter: slug, name, position, descriptors; body: summary).
 */
import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import matter from "gray-matter";
import type { z } from "zod";
import {
  areaFrontMatterSchema,
  describeIssues,
  frameworkDocumentSchema,
  frameworkFrontMatterSchema,
  type FrameworkDocument,
} from "./schemas";

export class ContentError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`${file}:\n${problems.map((problem) => `  - ${problem}`).join("\n")}`);
    this.name = "ContentError";
  }
}

export interface LoadedFramework {
  document: FrameworkDocument;
  contentHash: string;
}

/** Reads a Markdown file with front matter, validated by `schema`; problems name the file. Shared by every content loader. */
export async function readMarkdown<T extends z.ZodType>(file: string, schema: T) {
  const source = await readFile(file, "utf8");
  let parsed: matter.GrayMatterFile<string>;
  try {
    parsed = matter(source);
  } catch (error) {
    throw new ContentError(file, [`front matter is not valid YAML: ${(error as Error).message.split("\n")[0]}`]);
  }
  const result = schema.safeParse(parsed.data);
  if (!result.success) throw new ContentError(file, describeIssues(result.error));
  return { data: result.data as z.infer<T>, body: parsed.content.trim(), source };
}

export async function loadFrameworkFromDirectory(dir: string): Promise<LoadedFramework> {
  const frameworkFile = path.join(dir, "framework.md");
  const hash = createHash("sha256");
  const framework = await readMarkdown(frameworkFile, frameworkFrontMatterSchema);
  hash.update(framework.source);

  const areasDir = path.join(dir, "areas");
  const areaFiles = (await readdir(areasDir).catch(() => []))
    .filter((name) => name.endsWith(".md"))
    .sort();
  if (areaFiles.length === 0) throw new ContentError(areasDir, ["no area files (areas/NN-slug.md) found"]);

  const areas = [];
  for (const name of areaFiles) {
    const file = path.join(areasDir, name);
    const area = await readMarkdown(file, areaFrontMatterSchema);
    hash.update(area.source);
    areas.push({ ...area.data, summary: area.body, file });
  }

  const result = frameworkDocumentSchema.safeParse({
    ...framework.data,
    introduction: framework.body,
    areas: areas.map(({ file: _file, ...area }) => area),
  });
  if (!result.success) {
    // Point each problem at the file it comes from.
    const byFile = new Map<string, string[]>();
    for (const issue of result.error.issues) {
      const [first, index] = issue.path;
      const file =
        first === "areas" && typeof index === "number" ? (areas[index]?.file ?? frameworkFile) : frameworkFile;
      const list = byFile.get(file) ?? [];
      list.push(`${issue.path.join(".") || "(document)"}: ${issue.message}`);
      byFile.set(file, list);
    }
    const [file, problems] = [...byFile.entries()][0]!;
    throw new ContentError(file, problems);
  }
  return { document: result.data, contentHash: hash.digest("hex") };
}

/** Every framework folder under content/frameworks, in name order. */
export async function loadAllFrameworks(contentDir: string): Promise<LoadedFramework[]> {
  const root = path.join(contentDir, "frameworks");
  const entries = await readdir(root, { withFileTypes: true }).catch(() => []);
  const loaded = [];
  for (const entry of entries.filter((e) => e.isDirectory()).sort((a, b) => a.name.localeCompare(b.name))) {
    loaded.push(await loadFrameworkFromDirectory(path.join(root, entry.name)));
  }
  return loaded;
}
