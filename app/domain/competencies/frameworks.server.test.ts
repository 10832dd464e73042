import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { seed } from "../../../prisma/seed";
import { prisma } from "~/utils/db.server";
import {
  getCurrentFrameworkArea,
  getCurrentFrameworkCounts,
  getCurrentFrameworkOverview,
  saveFrameworkVersion,
} from "./frameworks.server";
import { makeFrameworkDocument } from "../../../tests/fixtures/framework-document";
import { createTestMember } from "../../../tests/fixtures/members";
import { expectOk } from "~/utils/result";

async function snapshot() {
  const [versions, stages, areas, descriptors] = await Promise.all([
    prisma.frameworkVersion.findMany({ select: { id: true, updatedAt: true, contentHash: true }, orderBy: { id: "asc" } }),
    prisma.proficiencyStage.findMany({ select: { id: true, updatedAt: true }, orderBy: { id: "asc" } }),
    prisma.competencyArea.findMany({ select: { id: true, updatedAt: true }, orderBy: { id: "asc" } }),
    prisma.stageDescriptor.findMany({ select: { id: true, text: true, updatedAt: true }, orderBy: { id: "asc" } }),
  ]);
  return { versions, stages, areas, descriptors };
}

describe("seeding content/", () => {
  it("loads the starter framework, and a second run changes nothing", async () => {
    await seed();
    const first = await snapshot();
    const second = await seed();
    expect(second.report).toEqual([
      "framework cme-commons-starter 2026.2: unchanged",
      "community forum: unchanged",
      "pathway career-growth: unchanged",
      "pathway chcp-preparation: unchanged",
      "pathway newcomer-onboarding: unchanged",
      "credential rules chcp 2024: valid",
    ]);
    expect(await snapshot()).toEqual(first);

    const overview = await getCurrentFrameworkOverview();
    expect(overview?.framework.name).toBe("CME Commons starter framework");
    expect(overview?.areas).toHaveLength(8);
    expect(overview?.stages).toHaveLength(5);
    const descriptorCount = await prisma.stageDescriptor.count({
      where: { area: { versionId: overview!.id } },
    });
    expect(descriptorCount).toBe(40);
  });

  it("counts the areas and stages of the version in use", async () => {
    await seed();
    expect(await getCurrentFrameworkCounts()).toEqual({ areas: 8, stages: 5 });
  });

  it("puts a new version number of the starter in use on a site where members assessed against the old one", async () => {
    await seed();
    const currentId = async () =>
      (await prisma.siteSettings.findUniqueOrThrow({ where: { id: 1 }, select: { currentFrameworkVersionId: true } }))
        .currentFrameworkVersionId!;
    const starterId = await currentId();
    const member = await createTestMember();
    const assessment = await prisma.assessment.create({
      data: { userId: member.userId, versionId: starterId, draftOwnerId: member.userId },
      select: { id: true },
    });
    // content/ as it would be after a correction: same framework, new version number.
    const contentDir = await mkdtemp(path.join(tmpdir(), "cme-content-"));
    try {
      await cp(path.resolve("content"), contentDir, { recursive: true });
      const file = path.join(contentDir, "frameworks/cme-commons-starter/framework.md");
      const text = (await readFile(file, "utf8")).replace(/^version: .*$/m, 'version: "2099.7"');
      await writeFile(file, text.replace("Sees a program or situation as a whole", "Sees any program or situation as a whole"));

      const { report } = await seed({ contentDir });
      expect(report[0]).toBe("framework cme-commons-starter 2099.7: created, now in use");
      const newId = await currentId();
      expect(newId).not.toBe(starterId);
      expect((await getCurrentFrameworkOverview())?.stages.find((stage) => stage.slug === "proficient")?.summary).toMatch(/^Sees any program/);
      // The member's assessment keeps the version it was taken against.
      expect(await prisma.assessment.findUniqueOrThrow({ where: { id: assessment.id }, select: { versionId: true } })).toEqual({
        versionId: starterId,
      });

      // Seeding the same content again changes nothing, and neither does the older content: an administrator's choice after a seed stays.
      expect((await seed({ contentDir })).report[0]).toBe("framework cme-commons-starter 2099.7: unchanged");
      await prisma.siteSettings.update({ where: { id: 1 }, data: { currentFrameworkVersionId: starterId } });
      expect((await seed({ contentDir })).report[0]).toBe("framework cme-commons-starter 2099.7: unchanged");
      expect(await currentId()).toBe(starterId);
    } finally {
      await prisma.assessment.delete({ where: { id: assessment.id } });
      await prisma.siteSettings.update({ where: { id: 1 }, data: { currentFrameworkVersionId: starterId } });
      await rm(contentDir, { recursive: true, force: true });
    }
  });

  it("never displaces another framework an administrator put in use", async () => {
    await seed();
    const settings = await prisma.siteSettings.findUniqueOrThrow({ where: { id: 1 }, select: { currentFrameworkVersionId: true } });
    const starterId = settings.currentFrameworkVersionId!;
    const { versionId: importedId } = expectOk(
      await saveFrameworkVersion(makeFrameworkDocument({ slug: "licensed-edition" }), "hash-l", { publish: true }),
    );
    await prisma.siteSettings.update({ where: { id: 1 }, data: { currentFrameworkVersionId: importedId } });
    const contentDir = await mkdtemp(path.join(tmpdir(), "cme-content-"));
    try {
      await cp(path.resolve("content"), contentDir, { recursive: true });
      const file = path.join(contentDir, "frameworks/cme-commons-starter/framework.md");
      await writeFile(file, (await readFile(file, "utf8")).replace(/^version: .*$/m, 'version: "2099.8"'));
      // The pathways name the starter's areas, which the imported edition does not have.
      await rm(path.join(contentDir, "pathways"), { recursive: true });
      expect((await seed({ contentDir })).report[0]).toBe("framework cme-commons-starter 2099.8: created");
      const after = await prisma.siteSettings.findUniqueOrThrow({ where: { id: 1 }, select: { currentFrameworkVersionId: true } });
      expect(after.currentFrameworkVersionId).toBe(importedId);
    } finally {
      await prisma.siteSettings.update({ where: { id: 1 }, data: { currentFrameworkVersionId: starterId } });
      await rm(contentDir, { recursive: true, force: true });
    }
  });

  it("renders area summaries to sanitized HTML at write time", async () => {
    await seed();
    const area = await getCurrentFrameworkArea("measuring-performance");
    expect(area?.summaryHtml).toMatch(/^<p>/);
    expect(area?.descriptors.map((d) => d.stage.name)).toEqual([
      "Novice",
      "Advanced beginner",
      "Competent",
      "Proficient",
      "Expert",
    ]);
  });

  it("finds no area outside the current framework version", async () => {
    await seed();
    const other = makeFrameworkDocument({
      slug: "other-framework",
      areas: [{ slug: "only-elsewhere", name: "Only elsewhere", position: 1, summary: "S", descriptors: { novice: "a", expert: "b" } }],
    });
    await saveFrameworkVersion(other, "hash-1", { publish: true });
    expect(await getCurrentFrameworkArea("only-elsewhere")).toBeNull();
    expect(await getCurrentFrameworkArea("leadership")).not.toBeNull();
  });

  it("rolls back a version whose descriptors cannot be written, leaving nothing half-saved", async () => {
    const broken = makeFrameworkDocument({
      slug: "broken-framework",
      // Bypasses the schema's check on purpose: "expert" has no descriptor.
      areas: [{ slug: "a", name: "A", position: 1, summary: "S", descriptors: { novice: "a" } }],
    });
    await expect(saveFrameworkVersion(broken, "hash-2", { publish: true })).rejects.toThrow();
    expect(await prisma.framework.count({ where: { slug: "broken-framework" } })).toBe(0);
  });
});
