/**
 * The readable copy of a member's data download: the same content as the
 * JSON file, as one self-contained HTML page (no scripts, no outside files),
 * every value escaped. Sections follow the JSON's keys, in words.
 */
import { escapeHtml } from "~/utils/email-render";

/** "statementVersionsWritten" → "Statement versions written". */
function words(key: string): string {
  const spaced = key.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

function value(item: unknown): string {
  if (item === null || item === undefined || item === "") return `<span class="none">—</span>`;
  if (item instanceof Date) return escapeHtml(item.toISOString().replace("T", " ").slice(0, 16) + " UTC");
  if (typeof item === "boolean") return item ? "yes" : "no";
  if (typeof item === "string" || typeof item === "number") return `<span class="text">${escapeHtml(String(item))}</span>`;
  if (Array.isArray(item)) {
    if (item.length === 0) return `<span class="none">none</span>`;
    if (item.every((entry) => typeof entry !== "object" || entry === null || entry instanceof Date)) return item.map(value).join(", ");
    return `<ol>${item.map((entry) => `<li>${value(entry)}</li>`).join("")}</ol>`;
  }
  return `<dl>${Object.entries(item as Record<string, unknown>)
    .map(([key, entry]) => `<dt>${escapeHtml(words(key))}</dt><dd>${value(entry)}</dd>`)
    .join("")}</dl>`;
}

export function memberDataHtml(data: Record<string, unknown>, displayName: string): string {
  const { exportedAt, ...sections } = data;
  const body = Object.entries(sections)
    .map(([key, entry]) => {
      const count = Array.isArray(entry) ? ` (${entry.length})` : "";
      return `<section><h2>${escapeHtml(words(key))}${count}</h2>${value(entry)}</section>`;
    })
    .join("\n");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Your data on CME Commons</title>
<style>
body{font-family:system-ui,sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#1c1917}
h1{font-size:1.75rem}h2{font-size:1.25rem;border-bottom:1px solid #d6d3d1;padding-bottom:.25rem;margin-top:2rem}
dl{display:grid;grid-template-columns:minmax(8rem,auto) 1fr;gap:.25rem 1rem;margin:.5rem 0}
dt{font-weight:600}dd{margin:0}ol{padding-left:1.5rem}li{margin:.75rem 0}
.text{white-space:pre-wrap;overflow-wrap:anywhere}.none{color:#57534e}
@media (max-width:30rem){dl{grid-template-columns:1fr}dd{margin-bottom:.5rem}}
</style></head>
<body>
<h1>Your data on CME Commons</h1>
<p>Everything CME Commons holds about ${escapeHtml(displayName)}, as of ${value(exportedAt)}. The JSON file you can also download holds the same, for other programs.</p>
${body}
</body></html>
`;
}
