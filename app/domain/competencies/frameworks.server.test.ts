import { describe, expect, it } from "vitest";
import { seed } from "../../../prisma/seed";
import { prisma } from "~/utils/db.server";
import { getCurrentFrameworkArea, getCurrentFrameworkOverview, saveFrameworkVersion } from "./frameworks.server";
import { makeFrameworkDocument } from "../../../tests/fixtures/framework-document";

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
      "framework cme-commons-starter 2026.1: unchanged",
      "community forum: unchanged",
      "pathway career-growth: unchanged",
      "pathway chcp-preparation: unchanged",
      "pathway newcomer-onboarding: unchanged",
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
