/**
 * @handle mentions in Markdown, outside code. Pure and client-safe: the
 * server looks the handles up and links only those that exist.
 */

/** Same shape as a profile handle: 3–30 lowercase letters, digits and hyphens. */
const MENTION = /(^|[^\w@/.:-])@([a-zA-Z0-9](?:[a-zA-Z0-9-]{1,28}[a-zA-Z0-9]))(?![\w@-])/g;

type Segment = { text: string; code: boolean };

/**
 * Splits Markdown into code (fenced blocks, indented blocks, inline code
 * spans) and the rest, so mentions inside code are left alone.
 */
export function splitCode(markdown: string): Segment[] {
  const segments: Segment[] = [];
  const push = (text: string, code: boolean) => {
    if (!text) return;
    const last = segments[segments.length - 1];
    if (last && last.code === code) last.text += text;
    else segments.push({ text, code });
  };
  const lines = markdown.split(/(?<=\n)/);
  let fence: string | null = null;
  let previousBlank = true;
  let inIndented = false;
  let prose = "";
  const flushProse = () => {
    splitInlineCode(prose).forEach((s) => push(s.text, s.code));
    prose = "";
  };
  for (const line of lines) {
    const content = line.replace(/\r?\n$/, "");
    if (fence) {
      push(line, true);
      if (new RegExp(`^ {0,3}${fence[0]}{${fence.length},}\\s*$`).test(content)) fence = null;
      previousBlank = false;
      continue;
    }
    const opening = /^ {0,3}(`{3,}|~{3,})/.exec(content);
    if (opening) {
      flushProse();
      fence = opening[1]!;
      push(line, true);
      continue;
    }
    const blank = content.trim() === "";
    if (/^(?: {4}|\t)/.test(content) && !blank && (previousBlank || inIndented)) {
      flushProse();
      inIndented = true;
      push(line, true);
      previousBlank = false;
      continue;
    }
    if (!blank) inIndented = false;
    prose += line;
    previousBlank = blank;
  }
  flushProse();
  return segments;
}

/** Inline code spans: a run of N backticks closed by the next run of exactly N. */
function splitInlineCode(text: string): Segment[] {
  const segments: Segment[] = [];
  let index = 0;
  let plainStart = 0;
  while (index < text.length) {
    if (text[index] !== "`") {
      index += 1;
      continue;
    }
    let run = 1;
    while (text[index + run] === "`") run += 1;
    const ticks = "`".repeat(run);
    let search = index + run;
    let close = -1;
    while (search < text.length) {
      const found = text.indexOf(ticks, search);
      if (found === -1) break;
      let after = found + run;
      if (text[after] === "`") {
        while (text[after] === "`") after += 1;
        search = after;
        continue;
      }
      close = found;
      break;
    }
    if (close === -1) {
      index += run;
      continue;
    }
    segments.push({ text: text.slice(plainStart, index), code: false });
    segments.push({ text: text.slice(index, close + run), code: true });
    index = close + run;
    plainStart = index;
  }
  segments.push({ text: text.slice(plainStart), code: false });
  return segments.filter((s) => s.text);
}

/** The distinct handles mentioned outside code, lowercase, in order of first mention. */
export function findMentions(markdown: string): string[] {
  const handles = new Set<string>();
  for (const segment of splitCode(markdown)) {
    if (segment.code) continue;
    for (const match of segment.text.matchAll(MENTION)) handles.add(match[2]!.toLowerCase());
  }
  return [...handles];
}

/**
 * The Markdown with each mention of an existing handle turned into a link to
 * the profile. Unknown handles and anything inside code stay as written.
 */
export function linkMentions(markdown: string, existing: ReadonlySet<string>): string {
  return splitCode(markdown)
    .map((segment) =>
      segment.code
        ? segment.text
        : segment.text.replace(MENTION, (whole, before: string, handle: string) => {
            const lower = handle.toLowerCase();
            return existing.has(lower) ? `${before}[@${lower}](/members/${lower})` : whole;
          }),
    )
    .join("");
}
