/**
 * The one CSV writer (RFC 4180) for every download: the insight figures, the
 * crosswalk file, the member list and the member-import template.
 */
export type CsvCell = string | number;

/**
 * One field: quoted when it holds a quote, comma, semicolon or line break,
 * quotes doubled. Text a spreadsheet would run as a formula (starting with
 * = + - @, a tab or a carriage return) gets a leading apostrophe so it opens as
 * text (OWASP "CSV injection"); numbers are written as numbers.
 */
export function csvField(value: CsvCell): string {
  if (typeof value === "number") return String(value);
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",;\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One record, ending in CRLF. */
export function csvRecord(cells: readonly CsvCell[]): string {
  return `${cells.map(csvField).join(",")}\r\n`;
}

/** A whole file: records in order; with `bom`, a byte-order mark first so Excel reads UTF-8. */
export function csvDocument(rows: readonly (readonly CsvCell[])[], { bom = false } = {}): string {
  return `${bom ? "\uFEFF" : ""}${rows.map(csvRecord).join("")}`;
}
