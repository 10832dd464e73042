/**
 * Markdown → sanitized HTML, rendered once at write time and stored beside the
 * source. Nothing rendered here can run script: no <script>, no event
 * handlers, no iframes, no javascript: URLs; links get rel="nofollow ugc
 * noopener". No image loads by itself: one from another host becomes a link
 * (see imageAsLink), any other is dropped.
 */
import { Marked, type Token, type Tokens } from "marked";
import sanitizeHtml from "sanitize-html";

const marked = new Marked({ gfm: true, breaks: false, async: false, walkTokens: imagesInLinksAsText });

const LINK_REL = "nofollow ugc noopener";
/** Opening an image from another host need not tell that host where the reader came from. */
const IMAGE_LINK_REL = `${LINK_REL} noreferrer`;

const sanitizeOptions: sanitizeHtml.IOptions = {
  allowedTags: [
    "p", "br", "hr", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "code",
    "ul", "ol", "li", "strong", "em", "del", "a",
    "table", "thead", "tbody", "tr", "th", "td",
  ],
  allowedAttributes: {
    a: ["href", "title", "rel"],
    ol: ["start"],
    th: ["align"],
    td: ["align"],
    code: ["class"],
  },
  allowedSchemes: ["http", "https", "mailto"],
  allowedClasses: { code: [/^language-[\w-]+$/] },
  allowProtocolRelative: false,
  transformTags: {
    // Headings inside user content never compete with the page's own h1.
    h1: "h2",
    // An image link keeps its rel when stored HTML is sanitized again (resanitizeStoredHtml).
    a: (tagName, attribs) => ({
      tagName,
      attribs: { ...attribs, rel: attribs.rel === IMAGE_LINK_REL ? IMAGE_LINK_REL : LINK_REL },
    }),
    img: imageAsLink,
  },
};

/**
 * An image from another host would tell that host who reads what, and when
 * (issue 17). It becomes a link the reader may choose to open, saying what it
 * is and where it comes from: "Image from example.org: the alt text". Any
 * other source is dropped, as it always was: a relative or schemeless src
 * would load from this site with the reader's cookies, and data:,
 * protocol-relative or javascript: sources have no place in a post. (img is
 * not an allowed tag: what stays "img" here is discarded.)
 */
function imageAsLink(_tagName: string, attribs: sanitizeHtml.Attributes): sanitizeHtml.Tag {
  const url = outsideUrl(attribs.src ?? "");
  if (!url) return { tagName: "img", attribs: {} };
  return {
    tagName: "a",
    attribs: {
      href: url.href,
      rel: IMAGE_LINK_REL,
      ...(attribs.title ? { title: attribs.title } : {}),
    },
    text: imageLabel(url, attribs.alt ?? ""),
  };
}

/** What stands in for an image: "Image from example.org: the alt text". */
function imageLabel(url: URL | null, rawAlt: string): string {
  const alt = rawAlt.replace(/\s+/g, " ").trim();
  if (!url) return alt;
  return alt ? `Image from ${url.hostname}: ${alt}` : `Image from ${url.hostname}`;
}

/**
 * A Markdown image inside a link (`[![badge](img)](page)`) cannot become a
 * link of its own: a link inside a link is not valid HTML, and browsers split
 * it in two. There it becomes the same words as plain text, and the outer
 * link is the one the reader follows.
 */
function imagesInLinksAsText(token: Token): void {
  if (token.type !== "link") return;
  const link = token as Tokens.Link;
  link.tokens = link.tokens.map(function replace(child: Token): Token {
    if (child.type === "image") {
      const image = child as Tokens.Image;
      return { type: "text", raw: image.raw, text: imageLabel(outsideUrl(image.href), image.text), escaped: false };
    }
    if ("tokens" in child && Array.isArray(child.tokens)) child.tokens = child.tokens.map(replace);
    return child;
  });
}

/** An absolute http(s) address with a host, or null. */
function outsideUrl(src: string): URL | null {
  const trimmed = src.trim();
  if (!/^https?:\/\/[^/\\]/i.test(trimmed)) return null;
  try {
    const url = new URL(trimmed);
    return url.hostname ? url : null;
  } catch {
    return null;
  }
}

export function renderMarkdown(source: string): string {
  const html = marked.parse(source) as string;
  return sanitizeHtml(html, sanitizeOptions).trim();
}

/**
 * HTML that renderMarkdown stored earlier, under today's rules: an image from
 * another host comes out as the same link renderMarkdown now writes, and
 * everything else as it was (mention links included, which depend on the
 * handles that existed when it was written). Idempotent.
 */
export function resanitizeStoredHtml(html: string): string {
  return sanitizeHtml(html, sanitizeOptions).trim();
}
