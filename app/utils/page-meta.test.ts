import { describe, expect, it } from "vitest";
import { describeHtml, pageMeta, shorten } from "./page-meta";

describe("page meta", () => {
  it("describes sanitized HTML as plain text, entities decoded, within the length", () => {
    expect(describeHtml("<p>Grand rounds &amp; <strong>case</strong> discussion.</p>\n<p>Second.</p>")).toBe(
      "Grand rounds & case discussion. Second.",
    );
    const long = describeHtml(`<p>${"word ".repeat(100)}</p>`);
    expect(long.length).toBeLessThanOrEqual(160);
    expect(long.endsWith("word…")).toBe(true);
  });

  it("cuts at a word boundary, never mid-word when a space is near", () => {
    expect(shorten("short", 10)).toBe("short");
    expect(shorten("alpha beta gamma delta", 14)).toBe("alpha beta…");
  });

  it("gives a canonical link and Open Graph tags only with an address", () => {
    const tags = pageMeta({ title: "T", description: "D", url: "https://example.org/x" });
    expect(tags).toContainEqual({ tagName: "link", rel: "canonical", href: "https://example.org/x" });
    expect(tags).toContainEqual({ property: "og:description", content: "D" });
    expect(pageMeta({ title: "T", description: "D", url: null }).some((tag) => "rel" in tag)).toBe(false);
  });
});
