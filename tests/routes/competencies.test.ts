import { describe, expect, it } from "vitest";
import { seed } from "../../prisma/seed";
import { routeArgs } from "../fixtures/route-args";
import { loader as areaLoader } from "~/routes/competencies/competencies.$area";
import { loader as listLoader } from "~/routes/competencies/competencies._index";

const args = (url: string, params: Record<string, string> = {}) => routeArgs(url, { params });

describe("competency framework routes", () => {
  it("/competencies lists every area of the current framework", async () => {
    await seed();
    const { framework } = await listLoader();
    expect(framework.areas.map((a) => a.slug)).toContain("systems-thinking");
    expect(framework.areas).toHaveLength(8);
  });

  it("/competencies/:area shows all five stages with descriptors and neighbours", async () => {
    await seed();
    const data = await areaLoader(args("/competencies/collaboration", { area: "collaboration" }));
    expect(data.area.name).toBe("Collaboration");
    expect(data.stages).toHaveLength(5);
    expect(data.stages.every((stage) => stage.descriptor.length > 20)).toBe(true);
    expect(data.previous?.slug).toBe("measuring-performance");
    expect(data.next?.slug).toBe("administration");
  });

  it("/competencies/:area answers 404 for an unknown area", async () => {
    await seed();
    const thrown = await areaLoader(args("/competencies/astrology", { area: "astrology" })).catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(Response);
    expect((thrown as Response).status).toBe(404);
  });
});
