import { describe, expect, it } from "vitest";
import { renderMarkdown, resanitizeStoredHtml } from "./markdown.server";

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

  describe("images (issue 17: no image tells another host who reads what)", () => {
    it("makes an image from another host a link saying what it is and where it comes from", () => {
      expect(renderMarkdown("![Attendance by month](https://example.org/c.png)")).toBe(
        '<p><a href="https://example.org/c.png" rel="nofollow ugc noopener noreferrer">Image from example.org: Attendance by month</a></p>',
      );
      expect(renderMarkdown('<img src="https://Stats.Example.org:8443/a.png?x=1&y=2" title="Q3">')).toBe(
        '<a href="https://stats.example.org:8443/a.png?x=1&amp;y=2" rel="nofollow ugc noopener noreferrer" title="Q3">Image from stats.example.org</a>',
      );
      expect(renderMarkdown("![chart](http://example.org/c.png)")).toBe(
        '<p><a href="http://example.org/c.png" rel="nofollow ugc noopener noreferrer">Image from example.org: chart</a></p>',
      );
    });

    it("writes an image inside a link as plain words, so no link is nested in another", () => {
      expect(renderMarkdown("[![Build <b>status</b>](https://ci.example/badge.svg)](https://example.org/project)")).toBe(
        '<p><a href="https://example.org/project" rel="nofollow ugc noopener">Image from ci.example: Build &lt;b&gt;status&lt;/b&gt;</a></p>',
      );
      expect(renderMarkdown("[**see ![chart](https://img.example/c.png)**](https://example.org/)")).toBe(
        '<p><a href="https://example.org/" rel="nofollow ugc noopener"><strong>see Image from img.example: chart</strong></a></p>',
      );
      expect(renderMarkdown("[![local](/favicon.svg)](https://example.org/)")).toBe(
        '<p><a href="https://example.org/" rel="nofollow ugc noopener">local</a></p>',
      );
    });

    it("names the host the image really comes from", () => {
      expect(renderMarkdown("![x](https://trusted.example@tracker.example/p.png)")).toContain(">Image from tracker.example: x</a>");
    });

    it("escapes hostile alt text", () => {
      const html = renderMarkdown('<img src="https://example.org/a.png" alt="&quot;><script>alert(1)</script><b onmouseover=x>">');
      expect(html).toBe(
        '<a href="https://example.org/a.png" rel="nofollow ugc noopener noreferrer">Image from example.org: "&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;b onmouseover=x&gt;</a>',
      );
      expect(renderMarkdown("![<img src=x onerror=alert(1)>](https://example.org/a.png)")).not.toMatch(/<img|<b\b/);
    });

    it("makes only absolute http(s) addresses links, and shows nothing for any other image", () => {
      const sources = [
        "![x](https://example.org/x.png)",
        "![x](javascript:alert(1))",
        '<img src="javascript:alert(1)" alt="x">',
        "![x](data:image/png;base64,iVBORw0KGgo=)",
        '<img src="data:image/svg+xml,<svg onload=alert(1)>" alt="x">',
        "![x](//evil.example/x.png)",
        '<img src="https:\\\\evil.example/x.png" alt="x">',
        "![x](/favicon.svg)",
        '<img src="settings/account" alt="x">',
      ];
      expect(Object.fromEntries(sources.map((source) => [source, renderMarkdown(source)]))).toEqual({
        "![x](https://example.org/x.png)":
          '<p><a href="https://example.org/x.png" rel="nofollow ugc noopener noreferrer">Image from example.org: x</a></p>',
        "![x](javascript:alert(1))": "<p></p>",
        '<img src="javascript:alert(1)" alt="x">': "",
        "![x](data:image/png;base64,iVBORw0KGgo=)": "<p></p>",
        '<img src="data:image/svg+xml,<svg onload=alert(1)>" alt="x">': "",
        "![x](//evil.example/x.png)": "<p></p>",
        '<img src="https:\\\\evil.example/x.png" alt="x">': "",
        "![x](/favicon.svg)": "<p></p>",
        '<img src="settings/account" alt="x">': "",
      });
    });
  });

  it("brings HTML stored under earlier rules in line, exactly as renderMarkdown writes it today", () => {
    // What the renderer stored before issue 17.
    const stored = '<p>See <img src="https://example.org/c.png" alt="chart" /> and <a href="/members/ana" rel="nofollow ugc noopener">@ana</a></p>';
    expect(resanitizeStoredHtml(stored)).toBe(
      '<p>See <a href="https://example.org/c.png" rel="nofollow ugc noopener noreferrer">Image from example.org: chart</a> and <a href="/members/ana" rel="nofollow ugc noopener">@ana</a></p>',
    );
    expect(resanitizeStoredHtml('<p><img src="https://example.org/c.png" alt="chart" /></p>')).toBe(renderMarkdown("![chart](https://example.org/c.png)"));
  });

  it("changes nothing else when HTML it wrote is sanitized again", () => {
    const source = [
      "# Title", "Some **bold**, *em*, ~~gone~~ & `a < b` — \"quotes\" 'n' <https://example.org/?a=1&b=2>",
      "> quoted\n> text", "1. one\n2. two", "| a | b |\n|:-|-:|\n| 1 | 2 |", "```js\nif (a < b && c) {}\n```",
      "[link](https://example.org \"title\") ![pic](https://example.org/p.png \"t\")", "line  \nbreak\n\n---",
    ].join("\n\n");
    const html = renderMarkdown(source);
    expect(resanitizeStoredHtml(html)).toBe(html);
  });

  it("demotes top-level headings below the page's own h1", () => {
    expect(renderMarkdown("# Title")).toBe("<h2>Title</h2>");
  });
});
