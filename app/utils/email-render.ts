/**
 * The look of community emails, as plain text and as simple HTML. Pure
 * functions, no database: the digest and notification emails build their
 * content with these, and so do the invitation and rating-request emails
 * of associations and assessments (which is why it lives below them all).
 *
 * Plain text is wrapped at 72 characters (URLs are never broken). HTML uses
 * inline styles only (mail clients drop style sheets), a 600-pixel column
 * that shrinks on phones, no images, and escapes everything it is given.
 */

export const TEXT_WIDTH = 72;

const FONT = "-apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif";
export const COLORS = {
  text: "#1c1917",
  muted: "#57534e",
  quiet: "#44403c",
  link: "#115e59",
  border: "#e7e5e4",
  page: "#f5f5f4",
} as const;

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/**
 * Wraps each line at `width` characters on spaces, keeping a line's leading
 * indentation on its continuation lines. Words longer than the width (URLs)
 * get a line of their own and are never cut.
 */
export function wrapText(text: string, width = TEXT_WIDTH): string {
  return text
    .split("\n")
    .map((line) => {
      if (line.length <= width) return line;
      const indent = /^\s*(?:[-*] |> )?/.exec(line)![0];
      const continuation = " ".repeat(indent.length);
      const words = line.slice(indent.length).split(/\s+/).filter(Boolean);
      const lines: string[] = [];
      let current = "";
      for (const word of words) {
        if (current === "") current = indent + word;
        else if (current.length + 1 + word.length > width) {
          lines.push(current);
          current = continuation + word;
        } else current += ` ${word}`;
      }
      if (current) lines.push(current);
      return lines.join("\n");
    })
    .join("\n");
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " };

/**
 * The readable text of a post's sanitized HTML: paragraphs are separated
 * by a blank line, list items start with a dash, tags go, entities are
 * decoded. (Its output is text, to be escaped again wherever it is put into
 * HTML.)
 */
export function textFromHtml(html: string): string {
  // Line breaks in HTML source are spaces, except inside <pre>.
  const flowed = html
    .split(/(<pre[\s>][\s\S]*?<\/pre>)/i)
    .map((part, index) => (index % 2 === 1 ? part : part.replace(/\s*\n\s*/g, " ")))
    .join("");
  return flowed
    .replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/gi, "")
    .replace(/<br\s*\/?>/gi, "\n")
    .replace(/<\/(p|ul|ol|blockquote|h[1-6]|pre|table)>/gi, "\n\n")
    .replace(/<\/(div|li|tr)>/gi, "\n")
    .replace(/<li[^>]*>/gi, "- ")
    .replace(/<[^>]*>/g, "")
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (match, entity: string) => {
      if (entity.startsWith("#x") || entity.startsWith("#X")) return String.fromCodePoint(parseInt(entity.slice(2), 16));
      if (entity.startsWith("#")) return String.fromCodePoint(Number(entity.slice(1)));
      return ENTITIES[entity.toLowerCase()] ?? match;
    })
    .replace(/[ \t]+/g, " ")
    .replace(/ *\n */g, "\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

/** At most `max` characters, cut at a word boundary with an ellipsis; line breaks become spaces unless kept. */
export function shorten(text: string, max: number, options: { keepLines?: boolean } = {}): string {
  const flat = options.keepLines ? text.trim() : text.replace(/\s+/g, " ").trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  const space = cut.lastIndexOf(" ");
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** "Ann", "Ann and Bob", "Ann, Bob and 3 others". */
export function nameList(names: string[], total: number): string {
  const others = total - names.length;
  if (others > 0) return `${names.join(", ")} and ${others} ${others === 1 ? "other" : "others"}`;
  if (names.length <= 1) return names[0] ?? "";
  return `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
}

export const plural = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;

// ─── HTML pieces (arguments are escaped here unless named …Html) ────────────

export const html = {
  heading: (text: string) =>
    `<h1 style="margin:0 0 8px;font-size:22px;line-height:1.3;font-weight:bold;color:${COLORS.text};">${escapeHtml(text)}</h1>`,
  subheading: (text: string) =>
    `<h2 style="margin:28px 0 12px;padding-bottom:4px;border-bottom:1px solid ${COLORS.border};font-size:18px;line-height:1.3;font-weight:bold;color:${COLORS.text};">${escapeHtml(text)}</h2>`,
  paragraph: (text: string, style = "") =>
    `<p style="margin:0 0 12px;${style}">${escapeHtml(text).replace(/\n/g, "<br>")}</p>`,
  /** A paragraph of HTML built by the caller from escaped pieces. */
  paragraphHtml: (innerHtml: string, style = "") => `<p style="margin:0 0 12px;${style}">${innerHtml}</p>`,
  link: (url: string, text: string, style = "") =>
    `<a href="${escapeHtml(url)}" style="color:${COLORS.link};text-decoration:underline;${style}">${escapeHtml(text)}</a>`,
  button: (url: string, text: string) =>
    `<p style="margin:16px 0 4px;"><a href="${escapeHtml(url)}" style="display:inline-block;padding:10px 18px;border-radius:6px;background-color:${COLORS.link};color:#ffffff;font-weight:bold;text-decoration:none;">${escapeHtml(text)}</a></p>`,
  quote: (text: string) =>
    `<blockquote style="margin:12px 0;padding:4px 0 4px 14px;border-left:3px solid ${COLORS.border};color:${COLORS.quiet};">${escapeHtml(
      text,
    )
      .split(/\n{2,}/)
      .map((paragraph) => `<p style="margin:0 0 10px;">${paragraph.replace(/\n/g, "<br>")}</p>`)
      .join("")}</blockquote>`,
};

/** A complete HTML email: a hidden preview line, the site name, the content card, the footer. */
export function htmlDocument(options: { title: string; preheader: string; bodyHtml: string; footerHtml: string }): string {
  return [
    "<!DOCTYPE html>",
    '<html lang="en">',
    "<head>",
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="color-scheme" content="light">',
    `<title>${escapeHtml(options.title)}</title>`,
    "</head>",
    `<body style="margin:0;padding:0;background-color:${COLORS.page};">`,
    `<div style="display:none;max-height:0;overflow:hidden;mso-hide:all;">${escapeHtml(options.preheader)}</div>`,
    `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background-color:${COLORS.page};">`,
    '<tr><td align="center" style="padding:24px 10px;">',
    '<table role="presentation" width="600" cellpadding="0" cellspacing="0" border="0" style="width:100%;max-width:600px;">',
    `<tr><td style="padding:0 4px 12px;font-family:${FONT};font-size:15px;font-weight:bold;color:${COLORS.link};">CME Commons</td></tr>`,
    `<tr><td style="padding:24px 20px;background-color:#ffffff;border:1px solid ${COLORS.border};border-radius:8px;font-family:${FONT};font-size:16px;line-height:1.5;color:${COLORS.text};word-wrap:break-word;overflow-wrap:anywhere;">`,
    options.bodyHtml,
    "</td></tr>",
    `<tr><td style="padding:16px 4px;font-family:${FONT};font-size:13px;line-height:1.5;color:${COLORS.muted};">`,
    options.footerHtml,
    "</td></tr>",
    "</table>",
    "</td></tr>",
    "</table>",
    "</body>",
    "</html>",
  ].join("\n");
}

/** Why the member gets the email, and how to change or stop it: the last lines of every community email. */
export function communityFooter(options: { reason: string; settingsUrl: string; unsubscribeUrl: string }) {
  const text = wrapText(
    [
      "-- ",
      options.reason,
      "",
      `Choose how often we email you: ${options.settingsUrl}`,
      `Unsubscribe from all community emails (one click): ${options.unsubscribeUrl}`,
    ].join("\n"),
  );
  const footerHtml = [
    html.paragraph(options.reason, "margin:0 0 8px;"),
    `<p style="margin:0;">${html.link(options.settingsUrl, "Choose how often we email you", `color:${COLORS.muted};`)} · ${html.link(
      options.unsubscribeUrl,
      "Unsubscribe from all community emails",
      `color:${COLORS.muted};`,
    )}</p>`,
  ].join("");
  return { text, footerHtml };
}
