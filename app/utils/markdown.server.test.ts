import { describe, expect, it } from "vitest";
import { renderMarkdown } from "./markdown.server";

describe("renderMarkdown", () => {
  it.each([
    ["script tags", "hello <script>alert(1)</script>", /<script/i],
    ["event handlers", '<img src="https://x.test/a.png" onerror="alert(1)">', /onerror/i],
    ["iframes", '<iframe src="https://evil.test"></iframe>', /<iframe/i],
    ["javascript: links", "[click](javascript:alert(1))", /javascript:/i],
    ["javascript: links in HTML", '<a href="javascript:alert(1)">x</a>', /javascript:/i],
    ["images over plain http", "![pic](http://example.com/a.png)", /<img/i],
    ["style attributes", '<p style="position:fixed">x</p>', /style=/i],
  ])("removes %s", (_label, source, forbidden) => {
    expect(renderMarkdown(source)).not.toMatch(forbidden);
  });

  it("renders ordinary Markdown", () => {
    const html = renderMarkdown("Some **bold** text\n\n- one\n- two");
    expect(html).toContain("<strong>bold</strong>");
    expect(html).toContain("<li>one</li>");
  });

  it("marks links as user content", () => {
    expect(renderMarkdown("[site](https://example.org)")).toBe(
      '<p><a href="https://example.org" rel="nofollow ugc noopener">site</a></p>',
    );
  });

  it("keeps images served over https", () => {
    expect(renderMarkdown("![chart](https://example.org/c.png)")).toContain('<img src="https://example.org/c.png" alt="chart"');
  });

  it("demotes top-level headings below the page's own h1", () => {
    expect(renderMarkdown("# Title")).toBe("<h2>Title</h2>");
  });
});
