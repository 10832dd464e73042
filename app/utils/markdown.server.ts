/**
 * Markdown → sanitized HTML, rendered once at write time and stored beside the
 * source. Nothing rendered here can run script: no <script>, no event
 * handlers, no iframes, no javascript: URLs; links get rel="nofollow ugc
 * noopener"; images only over https.
 */
import { Marked } from "marked";
import sanitizeHtml from "sanitize-html";

const marked = new Marked({ gfm: true, breaks: false, async: false });

const sanitizeOptions: sanitizeHtml.IOptions = {
  allowedTags: [
    "p", "br", "hr", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "code",
    "ul", "ol", "li", "strong", "em", "del", "a", "img",
    "table", "thead", "tbody", "tr", "th", "td",
  ],
  allowedAttributes: {
    a: ["href", "title", "rel"],
    img: ["src", "alt", "title"],
    ol: ["start"],
    th: ["align"],
    td: ["align"],
    code: ["class"],
  },
  allowedSchemes: ["http", "https", "mailto"],
  allowedSchemesByTag: { img: ["https"] },
  allowedClasses: { code: [/^language-[\w-]+$/] },
  allowProtocolRelative: false,
  // Images only from absolute https addresses: a relative or schemeless src
  // would load from this site with the reader's cookies. Drop the whole tag.
  exclusiveFilter: (frame) => frame.tag === "img" && !/^https:\/\/[^/]/i.test(frame.attribs.src ?? ""),
  transformTags: {
    // Headings inside user content never compete with the page's own h1.
    h1: "h2",
    a: (tagName, attribs) => ({
      tagName,
      attribs: { ...attribs, rel: "nofollow ugc noopener" },
    }),
  },
};

export function renderMarkdown(source: string): string {
  const html = marked.parse(source) as string;
  return sanitizeHtml(html, sanitizeOptions).trim();
}
