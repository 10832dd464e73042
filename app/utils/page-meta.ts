/**
 * What a public page tells search engines and link previews: a title, a short
 * description, its one canonical address and the Open Graph equivalents.
 * Client-safe (routes' `meta` functions run in the browser too).
 */
import type { MetaDescriptor } from "@remix-run/node";

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'", nbsp: " " };

/**
 * Plain text of sanitized HTML (a post, a summary), cut to about `max`
 * characters at a word boundary with an ellipsis: a meta description.
 */
export function describeHtml(html: string, max = 160): string {
  const text = html
    .replace(/<[^>]*>/g, " ")
    .replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (_, name: string) => ENTITIES[name]!)
    .replace(/\s+/g, " ")
    .trim();
  return shorten(text, max);
}

/** `text` within `max` characters, cut at a word boundary with an ellipsis when it is longer. */
export function shorten(text: string, max = 160): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(" ");
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,.;:–—-]+$/, "")}…`;
}

export interface PageMeta {
  title: string;
  description: string;
  /** The page's absolute address (the loader's `canonicalUrl`), or null when it has none to give. */
  url: string | null;
}

/** The title, description, canonical link and Open Graph tags of a public page. */
export function pageMeta({ title, description, url }: PageMeta): MetaDescriptor[] {
  return [
    { title },
    { name: "description", content: description },
    { property: "og:title", content: title },
    { property: "og:description", content: description },
    { property: "og:type", content: "website" },
    { property: "og:site_name", content: "CME Commons" },
    ...(url ? [{ property: "og:url", content: url }, { tagName: "link", rel: "canonical", href: url }] : []),
  ];
}
