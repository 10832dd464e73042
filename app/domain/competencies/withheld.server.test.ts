import { afterEach, describe, expect, it } from "vitest";
import { forgetSigningKey } from "~/utils/signing-key.server";
import { forgetWithheldAreaKey, withheldAreaKeys, withholdAreaSlugs } from "./withheld.server";

afterEach(() => {
  delete process.env.SESSION_SECRET;
  forgetSigningKey();
  forgetWithheldAreaKey();
});

describe("withheld area keys", () => {
  it("give each slug the same opaque key every time, a different one per slug, none spelling the slug", async () => {
    const first = await withheldAreaKeys(["needs-assessment", "outcomes-measurement"]);
    const again = await withheldAreaKeys(["outcomes-measurement"]);
    expect(first.get("outcomes-measurement")).toBe(again.get("outcomes-measurement"));
    expect(first.get("needs-assessment")).not.toBe(first.get("outcomes-measurement"));
    for (const key of first.values()) {
      expect(key).toMatch(/^area-[a-z2-7]{16}$/);
      expect(key).not.toMatch(/needs|outcomes/);
    }
  });

  it("depend on the site's key: another secret, other keys", async () => {
    process.env.SESSION_SECRET = "one secret for this test only, long enough";
    const one = (await withheldAreaKeys(["needs-assessment"])).get("needs-assessment");
    forgetWithheldAreaKey();
    process.env.SESSION_SECRET = "another secret for this test only, long too";
    const two = (await withheldAreaKeys(["needs-assessment"])).get("needs-assessment");
    expect(one).not.toBe(two);
  });
});

describe("withholdAreaSlugs", () => {
  const keys = new Map([["needs-assessment", "area-k1"]]);

  it("replaces slugs in slug properties and record keys at any depth, and nothing else", () => {
    const data = {
      areas: [{ slug: "needs-assessment", name: "Area 1", note: "needs-assessment" }, { slug: "open-area", name: "Open" }],
      gaps: [{ areaSlug: "needs-assessment", size: 2 }],
      steps: [{ areaSlugs: ["needs-assessment", "open-area"] }],
      ratings: [{ stages: { "needs-assessment": { position: 2 }, "open-area": { position: 3 } } }],
      when: new Date(0),
    };
    const withheld = withholdAreaSlugs(data, keys);
    expect(withheld).toEqual({
      areas: [{ slug: "area-k1", name: "Area 1", note: "needs-assessment" }, { slug: "open-area", name: "Open" }],
      gaps: [{ areaSlug: "area-k1", size: 2 }],
      steps: [{ areaSlugs: ["area-k1", "open-area"] }],
      ratings: [{ stages: { "area-k1": { position: 2 }, "open-area": { position: 3 } } }],
      when: new Date(0),
    });
    // The input is left as it was.
    expect(data.areas[0]!.slug).toBe("needs-assessment");
  });
});
