import { describe, expect, it } from "vitest";
import { escapeHtml, markup, trustedHtml } from "./html";

describe("escapeHtml", () => {
  it.each([
    ["plain text", "plain text"],
    [`<script>alert("x")</script>`, "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"],
    ["Tom & Jerry's", "Tom &amp; Jerry&#39;s"],
    ["", ""],
  ])("%s", (input, expected) => {
    expect(escapeHtml(input)).toBe(expected);
  });
});

describe("markup", () => {
  it("escapes interpolated text, in content and in attributes", () => {
    const name = `<img src=x onerror="alert(1)">`;
    expect(markup`<a title="${name}">${name}</a>`.html).toBe(
      '<a title="&lt;img src=x onerror=&quot;alert(1)&quot;&gt;">&lt;img src=x onerror=&quot;alert(1)&quot;&gt;</a>',
    );
  });

  it("writes nested markup and trusted HTML as they are", () => {
    const inner = markup`<em>${"a<b"}</em>`;
    expect(markup`<p>${inner}${trustedHtml("<strong>ok</strong>")}</p>`.html).toBe("<p><em>a&lt;b</em><strong>ok</strong></p>");
  });

  it("writes nothing for null, undefined and booleans, numbers as text, and each item of an array", () => {
    expect(markup`[${null}${undefined}${false}${true}${0}${[1, "<", markup`<br>`]}]`.html).toBe("[01&lt;<br>]");
  });
});
