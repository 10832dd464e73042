import { describe, expect, it } from "vitest";
import { seed } from "../../prisma/seed";
import { routeArgs } from "../fixtures/route-args";
import { loader as areaLoader } from "~/routes/competencies/competencies.$area";
import { loader as listLoader } from "~/routes/competencies/competencies._index";

const args = (url: string, params: Record<string, string> = {}) => routeArgs(url, { params });

describe("competency framework routes", () => {
  it("/competencies lists every area of the current framework", async () => {
    await seed();
    const { framework, description, canonicalUrl } = await listLoader(args("/competencies?utm_source=x"));
    expect(framework.areas.map((a) => a.slug)).toContain("systems-thinking");
    expect(framework.areas).toHaveLength(8);
    // Search engines and link previews get a description and one address for the page.
    expect(description.length).toBeGreaterThan(40);
    expect(description.length).toBeLessThanOrEqual(160);
    expect(description).not.toMatch(/[<>]/);
    expect(canonicalUrl).toMatch(/^https?:\/\/[^/]+\/competencies$/);
  });

  it("/competencies/:area shows all five stages with descriptors and neighbours", async () => {
    await seed();
    const data = await areaLoader(args("/competencies/collaboration", { area: "collaboration" }));
    expect(data.area.name).toBe("Collaboration");
    expect(data.stages).toHaveLength(5);
    expect(data.stages.every((stage) => stage.descriptor.length > 20)).toBe(true);
    expect(data.previous?.slug).toBe("measuring-performance");
    expect(data.next?.slug).toBe("administration");
    expect(data.canonicalUrl).toMatch(/\/competencies\/collaboration$/);
    expect(data.description.length).toBeGreaterThan(40);
  });

  it("the last area leads on to the self-assessment", async () => {
    await seed();
    const { framework } = await listLoader(args("/competencies"));
    const last = framework.areas.at(-1)!.slug;
    const data = await areaLoader(args(`/competencies/${last}`, { area: last }));
    expect(data.next).toBeNull();
  });

  it("/competencies/:area answers 404 for an unknown area", async () => {
    await seed();
    const thrown = await areaLoader(args("/competencies/astrology", { area: "astrology" })).catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(Response);
    expect((thrown as Response).status).toBe(404);
  });
});
