import { describe, expect, it } from "vitest";
import { escapeHtml, htmlDocument, nameList, shorten, textFromHtml, wrapText } from "./email-render";

describe("plain text", () => {
  it("wraps long lines at 72 characters, keeping list indentation and never breaking URLs", () => {
    const url = `https://cme.example/email/unsubscribe?token=${"x".repeat(80)}`;
    const text = wrapText(
      [
        "* A thread title that is long enough to need wrapping onto a second line of the email",
        `Unsubscribe: ${url}`,
        "short",
      ].join("\n"),
    );
    const lines = text.split("\n");
    for (const line of lines) if (!line.includes(url)) expect(line.length).toBeLessThanOrEqual(72);
    expect(lines[0]).toMatch(/^\* A thread title/);
    expect(lines[1]).toMatch(/^ {2}\S/); // the continuation lines up under the title
    expect(lines).toContain(url);
    expect(lines.at(-1)).toBe("short");
  });

  it.each([
    ["<p>One &amp; two</p><p>Three</p>", "One & two\n\nThree"],
    ["<ul><li>First</li><li>Second</li></ul>", "- First\n- Second"],
    ["<p>Intro</p>\n<ul>\n<li>First</li>\n<li>Second</li>\n</ul>\n<p>After\nwrapped</p>", "Intro\n\n- First\n- Second\n\nAfter wrapped"],
    ["<pre><code>line 1\nline 2</code></pre>", "line 1\nline 2"],
    ["<p>Line<br>break &lt;b&gt; &#39;q&#39; &#x2764;</p>", "Line\nbreak <b> 'q' ❤"],
    ['<p><a href="https://x.example">a link</a> <code>code</code></p>', "a link code"],
  ])("turns post HTML %s into text", (html, text) => {
    expect(textFromHtml(html)).toBe(text);
  });

  it("shortens at a word boundary with an ellipsis", () => {
    expect(shorten("one two three four five", 14)).toBe("one two three…");
    expect(shorten("short", 14)).toBe("short");
  });

  it.each([
    [["Ann"], 1, "Ann"],
    [["Ann", "Bob"], 2, "Ann and Bob"],
    [["Ann", "Bob", "Cy"], 3, "Ann, Bob and Cy"],
    [["Ann", "Bob", "Cy"], 4, "Ann, Bob, Cy and 1 other"],
    [["Ann", "Bob", "Cy"], 7, "Ann, Bob, Cy and 4 others"],
  ])("lists %j of %i people", (names, total, expected) => {
    expect(nameList(names, total)).toBe(expected);
  });
});

describe("HTML", () => {
  it("escapes the title and preview text it is given", () => {
    const html = htmlDocument({ title: "<b>&", preheader: '"><script>', bodyHtml: "<p>body</p>", footerHtml: "" });
    expect(html).toContain("<title>&#60;b&#62;&#38;</title>");
    expect(html).not.toContain("<script>");
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe("&#60;a href=&#34;x&#34;&#62;&#39;&#38;&#39;&#60;/a&#62;");
  });
});
