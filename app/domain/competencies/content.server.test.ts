import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ContentError, loadAllFrameworks, loadFrameworkFromDirectory } from "./content.server";

const STARTER = path.resolve("content/frameworks/cme-commons-starter");
const temporary: string[] = [];

async function copyOfStarter() {
  const dir = await mkdtemp(path.join(tmpdir(), "cme-content-"));
  temporary.push(dir);
  await cp(STARTER, dir, { recursive: true });
  return dir;
}

async function edit(file: string, change: (text: string) => string) {
  await writeFile(file, change(await readFile(file, "utf8")));
}

afterEach(async () => {
  await Promise.all(temporary.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

describe("the starter framework in content/", () => {
  it("has the eight public area labels in order and the five Dreyfus stages", async () => {
    const [starter] = await loadAllFrameworks(path.resolve("content"));
    const doc = starter!.document;
    expect(doc.areas.map((area) => area.name)).toEqual([
      "Adult learning principles",
      "Educational interventions",
      "Measuring performance",
      "Collaboration",
      "Administration",
      "Leadership",
      "Self-assessment and lifelong learning",
      "Systems thinking",
    ]);
    expect(doc.stages.map((stage) => stage.name)).toEqual([
      "Novice",
      "Advanced beginner",
      "Competent",
      "Proficient",
      "Expert",
    ]);
    expect(doc.attribution).toMatch(/Alliance/);
    expect(doc.sourceUrl).toBe("https://www.acehp.org/Resource/Professional-Competencies");
  });

  it("says whose the order is, that the Alliance does not endorse it, and describes the stages as Dreyfus does (issue 18)", async () => {
    const [starter] = await loadAllFrameworks(path.resolve("content"));
    const doc = starter!.document;
    expect(doc.attribution).toMatch(/order and numbering of the areas are ours/);
    expect(doc.attribution).toMatch(/not affiliated with or endorsed by the Alliance/);
    // Proficient: sees the whole at once, but still decides deliberately (acting without deliberation is the expert).
    const proficient = doc.stages.find((stage) => stage.slug === "proficient")!.summary;
    expect(proficient).not.toMatch(/little deliberation/);
    expect(proficient).toMatch(/still thinks through how best to respond/);
    // Our own words, not close echoes of the Alliance's older example behaviours.
    const text = JSON.stringify(doc.areas);
    for (const echo of [
      "cites evidence on how clinicians learn and change",
      "compare current with desired practice",
      "keeping up with the continuing education literature",
      "multi-format or longitudinal",
      "clinical practice data to target needs",
      "build in interaction and practice",
    ]) {
      expect(text).not.toContain(echo);
    }
  });
});

describe("malformed content", () => {
  it("names the file and the missing descriptor", async () => {
    const dir = await copyOfStarter();
    const file = path.join(dir, "areas/04-collaboration.md");
    await edit(file, (text) => text.replace(/^ {2}expert:.*$/m, ""));
    const error = await loadFrameworkFromDirectory(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ContentError);
    expect((error as ContentError).file).toBe(file);
    expect((error as ContentError).message).toMatch(/no descriptor for stage\(s\): expert/);
  });

  it("names the file whose front matter is not YAML", async () => {
    const dir = await copyOfStarter();
    const file = path.join(dir, "areas/02-educational-interventions.md");
    await edit(file, (text) => text.replace("name: Educational interventions", "name: [unclosed"));
    const error = await loadFrameworkFromDirectory(dir).catch((e: unknown) => e);
    expect((error as ContentError).file).toBe(file);
    expect((error as ContentError).message).toMatch(/not valid YAML/);
  });

  it("names the framework file and the invalid field", async () => {
    const dir = await copyOfStarter();
    const file = path.join(dir, "framework.md");
    await edit(file, (text) => text.replace("slug: cme-commons-starter", "slug: Not A Slug"));
    const error = await loadFrameworkFromDirectory(dir).catch((e: unknown) => e);
    expect((error as ContentError).file).toBe(file);
    expect((error as ContentError).message).toMatch(/slug: must be lowercase/);
  });
});
