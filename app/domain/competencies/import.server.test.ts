import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { signUpConfirmed } from "../../../tests/fixtures/members";
import { prisma } from "~/utils/db.server";
import { seed } from "../../../prisma/seed";
import { makeFrameworkDocument } from "../../../tests/fixtures/framework-document";
import { loadFrameworkFromDirectory } from "./content.server";
import {
  exportFrameworkVersion,
  importFrameworkVersion,
  listFrameworkVersions,
  parseFrameworkUpload,
  publishFrameworkVersion,
  setCurrentFrameworkVersion,
  type UploadedFile,
} from "./import.server";

const STARTER = path.resolve("content/frameworks/cme-commons-starter");

/** The starter framework's files as a browser would upload them (names without folders). */
async function starterUpload(): Promise<UploadedFile[]> {
  const areas = (await readdir(path.join(STARTER, "areas"))).filter((name) => name.endsWith(".md")).sort();
  return [
    { name: "framework.md", text: await readFile(path.join(STARTER, "framework.md"), "utf8") },
    ...(await Promise.all(
      areas.map(async (name) => ({ name, text: await readFile(path.join(STARTER, "areas", name), "utf8") })),
    )),
  ];
}

const uniqueSlug = () => `demo-${crypto.randomUUID().slice(0, 8)}`;

async function rowCounts() {
  const [frameworks, versions, areas, stages, descriptors] = await Promise.all([
    prisma.framework.count(),
    prisma.frameworkVersion.count(),
    prisma.competencyArea.count(),
    prisma.proficiencyStage.count(),
    prisma.stageDescriptor.count(),
  ]);
  return { frameworks, versions, areas, stages, descriptors };
}

async function currentVersionId() {
  return (await prisma.siteSettings.findUnique({ where: { id: 1 } }))?.currentFrameworkVersionId ?? null;
}

/** Tests that switch the version in use put the starter back, for the tests that follow. */
let restoreCurrent: string | null = null;
afterEach(async () => {
  if (restoreCurrent) await prisma.siteSettings.update({ where: { id: 1 }, data: { currentFrameworkVersionId: restoreCurrent } });
  restoreCurrent = null;
});

async function draftAssessmentOn(versionId: string) {
  const result = await signUpConfirmed({
    email: `${crypto.randomUUID()}@example.org`,
    password: "quiet orchard morning",
    displayName: "Import Tester",
  });
  if (!result.ok) throw new Error("sign-up failed");
  const userId = result.value.userId;
  return prisma.assessment.create({ data: { userId, versionId, draftOwnerId: userId }, select: { id: true } });
}

describe("parseFrameworkUpload", () => {
  it("reads the starter content uploaded as Markdown, to the same document the seed reads", async () => {
    const result = parseFrameworkUpload(await starterUpload());
    if (!result.ok) throw new Error(result.problems.join("\n"));
    const fromDisk = await loadFrameworkFromDirectory(STARTER);
    expect(result.document).toEqual(fromDisk.document);
    expect(result.document.areas).toHaveLength(8);
    expect(result.contentHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("reads a JSON document, and the same content hashes the same as JSON or Markdown", async () => {
    const markdown = parseFrameworkUpload(await starterUpload());
    if (!markdown.ok) throw new Error(markdown.problems.join("\n"));
    const json = parseFrameworkUpload([{ name: "starter.json", text: JSON.stringify(markdown.document) }]);
    if (!json.ok) throw new Error(json.problems.join("\n"));
    expect(json.document).toEqual(markdown.document);
    expect(json.contentHash).toBe(markdown.contentHash);
  });

  it("lists every problem at once, each with its file name, and saves nothing", async () => {
    await seed();
    const before = await rowCounts();
    const files = await starterUpload();
    // One area loses a descriptor, another has broken YAML, a third has no summary.
    files[1]!.text = files[1]!.text.replace(/^ {2}expert: .*\n/m, "");
    files[2]!.text = files[2]!.text.replace("position: 2", "position: [2");
    files[3]!.text = files[3]!.text.replace(/(\n---\n)[\s\S]*$/, "$1");
    const result = parseFrameworkUpload(files);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^01-adult-learning-principles\.md: descriptors: .*no descriptor for stage\(s\): expert/),
        expect.stringMatching(/^02-educational-interventions\.md: front matter is not valid YAML/),
        expect.stringMatching(/^03-measuring-performance\.md: summary: is empty/),
      ]),
    );
    expect(result.problems).toHaveLength(3);
    expect(await rowCounts()).toEqual(before);
  });

  it("reports a missing framework.md, bad JSON, mixed formats, wrong file types, size and emptiness", async () => {
    const files = await starterUpload();
    expect(parseFrameworkUpload(files.slice(1))).toEqual({
      ok: false,
      problems: [expect.stringMatching(/^framework\.md is missing/)],
    });
    expect(parseFrameworkUpload([{ name: "f.json", text: "{ nope" }])).toEqual({
      ok: false,
      problems: [expect.stringMatching(/^f\.json: is not valid JSON/)],
    });
    const schemaProblems = parseFrameworkUpload([{ name: "f.json", text: JSON.stringify({ slug: "Bad Slug", stages: [] }) }]);
    expect(schemaProblems.ok).toBe(false);
    if (!schemaProblems.ok) {
      expect(schemaProblems.problems.length).toBeGreaterThan(3);
      expect(schemaProblems.problems).toContain("f.json: slug: must be lowercase letters, digits and single hyphens (like adult-learning)");
    }
    const mixed = parseFrameworkUpload([...files, { name: "f.json", text: "{}" }, { name: "notes.txt", text: "hi" }]);
    expect(mixed).toEqual({
      ok: false,
      problems: [
        "notes.txt: is neither a Markdown (.md) nor a JSON (.json) file.",
        expect.stringMatching(/^The upload mixes JSON and Markdown files/),
      ],
    });
    expect(parseFrameworkUpload([{ name: "big.json", text: "x".repeat(1_000_001) }])).toEqual({
      ok: false,
      problems: [expect.stringMatching(/^big\.json: is too large/)],
    });
    expect(parseFrameworkUpload([])).toEqual({ ok: false, problems: [expect.stringMatching(/^No files were uploaded/)] });
  });
});

describe("importing, publishing and exporting versions", () => {
  it("exports a version as JSON that imports back to an equal document", async () => {
    await seed();
    const starter = await prisma.frameworkVersion.findFirstOrThrow({
      where: { framework: { slug: "cme-commons-starter" } },
      select: { id: true },
    });
    const exported = await exportFrameworkVersion(starter.id);
    const reimported = parseFrameworkUpload([{ name: "export.json", text: JSON.stringify(exported, null, 2) }]);
    if (!reimported.ok) throw new Error(reimported.problems.join("\n"));
    const original = await loadFrameworkFromDirectory(STARTER);
    expect(reimported.document).toEqual(original.document);
    expect(await exportFrameworkVersion("no-such-version")).toBeNull();
  });

  it("imports as a draft, replaces an unused draft, and refuses to touch a published version", async () => {
    const slug = uniqueSlug();
    const first = await importFrameworkVersion(makeFrameworkDocument({ slug }), "hash-1");
    if (!first.ok) throw new Error(first.problems.join("\n"));
    expect(await prisma.frameworkVersion.findUniqueOrThrow({ where: { id: first.versionId }, select: { status: true } })).toEqual({
      status: "DRAFT",
    });

    const again = await importFrameworkVersion(makeFrameworkDocument({ slug, introduction: "Edited" }), "hash-2");
    if (!again.ok) throw new Error(again.problems.join("\n"));
    expect(again.outcome).toBe("updated");

    expect(await publishFrameworkVersion(again.versionId)).toEqual({ ok: true });
    expect(await publishFrameworkVersion(again.versionId)).toMatchObject({ ok: false, reason: "conflict" });
    const refused = await importFrameworkVersion(makeFrameworkDocument({ slug, introduction: "Sneaky" }), "hash-3");
    expect(refused).toMatchObject({ ok: false, reason: "conflict", problems: [expect.stringMatching(/already exists and is published/)] });
    const stored = await prisma.frameworkVersion.findUniqueOrThrow({
      where: { id: again.versionId },
      select: { introduction: true, status: true },
    });
    expect(stored).toEqual({ introduction: "Edited", status: "PUBLISHED" });
  });

  it("refuses to replace a draft version that assessments were taken against", async () => {
    const slug = uniqueSlug();
    const imported = await importFrameworkVersion(makeFrameworkDocument({ slug }), "hash-1");
    if (!imported.ok) throw new Error(imported.problems.join("\n"));
    await draftAssessmentOn(imported.versionId);
    const refused = await importFrameworkVersion(makeFrameworkDocument({ slug, introduction: "Changed" }), "hash-2");
    expect(refused).toMatchObject({ ok: false, reason: "conflict", problems: [expect.stringMatching(/assessments were taken against it/)] });
    expect(await prisma.frameworkVersion.count({ where: { id: imported.versionId, introduction: "Intro" } })).toBe(1);
  });

  it("uses only published versions for new assessments, and leaves started assessments on theirs", async () => {
    await seed();
    restoreCurrent = await currentVersionId();
    const started = await draftAssessmentOn(restoreCurrent!);

    const imported = await importFrameworkVersion(makeFrameworkDocument({ slug: uniqueSlug() }), "hash-1");
    if (!imported.ok) throw new Error(imported.problems.join("\n"));
    expect(await setCurrentFrameworkVersion(imported.versionId)).toMatchObject({
      ok: false,
      reason: "conflict",
      problems: [expect.stringMatching(/Only a published version/)],
    });
    expect(await currentVersionId()).toBe(restoreCurrent);
    expect(await setCurrentFrameworkVersion("no-such-version")).toMatchObject({ ok: false, reason: "not-found" });

    await publishFrameworkVersion(imported.versionId);
    expect(await setCurrentFrameworkVersion(imported.versionId)).toEqual({ ok: true });
    expect(await currentVersionId()).toBe(imported.versionId);
    expect(await prisma.assessment.findUniqueOrThrow({ where: { id: started.id }, select: { versionId: true } })).toEqual({
      versionId: restoreCurrent,
    });

    const listed = await listFrameworkVersions();
    expect(listed.find((v) => v.id === imported.versionId)).toMatchObject({
      status: "PUBLISHED",
      areaCount: 2,
      assessmentCount: 0,
      isCurrent: true,
    });
    expect(listed.find((v) => v.id === restoreCurrent)).toMatchObject({ isCurrent: false, areaCount: 8 });
    expect(listed.find((v) => v.id === restoreCurrent)!.assessmentCount).toBeGreaterThanOrEqual(1);
  });
});
