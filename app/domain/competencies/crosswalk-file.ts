/**
 * A crosswalk as a file, for export and import beside the framework: JSON
 * (the document below) or CSV (one line per area or stage line, and one for
 * the crosswalk's note). Areas are named by slug, stages by position, so a
 * file carries over to other versions of the same two frameworks.
 *
 * CSV columns: `type,from,to,note`, where type is
 *   crosswalk — the note (from and to empty),
 *   area      — an older area slug, a newer area slug, an optional note,
 *   stage     — an older stage position, a newer stage position.
 */
import { z } from "zod";
import { csvDocument } from "~/utils/csv";
import { CROSSWALK_LINE_NOTE_MAX, CROSSWALK_NOTE_MAX, MAX_CROSSWALK_FILE_BYTES } from "./crosswalk";
import { describeIssues, slugSchema } from "./schemas";

export { MAX_CROSSWALK_FILE_BYTES };
const MAX_LINES = 400;

const versionRefSchema = z.object({
  framework: slugSchema,
  version: z.union([z.string(), z.number()]).transform(String),
});

export const crosswalkDocumentSchema = z.object({
  /** Which versions it was exported from; checked against the page's pair when given. */
  from: versionRefSchema.optional(),
  to: versionRefSchema.optional(),
  note: z.string().trim().max(CROSSWALK_NOTE_MAX, `must be at most ${CROSSWALK_NOTE_MAX} characters`).optional(),
  areas: z
    .array(
      z.object({
        from: slugSchema,
        to: slugSchema,
        note: z.string().trim().max(CROSSWALK_LINE_NOTE_MAX, `must be at most ${CROSSWALK_LINE_NOTE_MAX} characters`).nullish(),
      }),
    )
    .max(MAX_LINES, `has more than ${MAX_LINES} lines`),
  stages: z
    .array(z.object({ from: z.number().int().min(1).max(20), to: z.number().int().min(1).max(20) }))
    .max(20)
    .default([]),
});

export type CrosswalkDocument = z.infer<typeof crosswalkDocumentSchema>;

// ─── CSV ────────────────────────────────────────────────────────────────────

export const CROSSWALK_CSV_COLUMNS = ["type", "from", "to", "note"] as const;


export function crosswalkToCsv(document: CrosswalkDocument): string {
  const rows: (string | number)[][] = [[...CROSSWALK_CSV_COLUMNS]];
  rows.push(["crosswalk", document.from ? `${document.from.framework}@${document.from.version}` : "", document.to ? `${document.to.framework}@${document.to.version}` : "", document.note ?? ""]);
  for (const line of document.areas) rows.push(["area", line.from, line.to, line.note ?? ""]);
  for (const line of document.stages) rows.push(["stage", line.from, line.to, ""]);
  return csvDocument(rows);
}

/** RFC 4180 records, or the line where the quoting broke. */
export function parseCsv(text: string): { ok: true; records: string[][] } | { ok: false; problem: string } {
  const records: string[][] = [];
  let record: string[] = [];
  let field = "";
  let quoted = false;
  let line = 1;
  const source = text.replace(/^\uFEFF/, "");
  for (let index = 0; index < source.length; index += 1) {
    const char = source[index]!;
    if (quoted) {
      if (char === '"' && source[index + 1] === '"') {
        field += '"';
        index += 1;
      } else if (char === '"') quoted = false;
      else {
        if (char === "\n") line += 1;
        field += char;
      }
    } else if (char === '"' && field === "") quoted = true;
    else if (char === ",") {
      record.push(field);
      field = "";
    } else if (char === "\n" || char === "\r") {
      if (char === "\r" && source[index + 1] === "\n") index += 1;
      record.push(field);
      records.push(record);
      record = [];
      field = "";
      line += 1;
    } else field += char;
  }
  if (quoted) return { ok: false, problem: `a quoted field opened on or before line ${line} is never closed` };
  if (field !== "" || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  return { ok: true, records: records.filter((cells) => cells.some((cell) => cell.trim() !== "")) };
}

/** The formula guard written by the export, taken off again. */
const unguard = (value: string) => value.trim().replace(/^'(?=[=+\-@\t\r])/, "");

const positionOf = (value: string) => (/^\d{1,2}$/.test(value.trim()) ? Number(value.trim()) : Number.NaN);

/**
 * A crosswalk file (JSON or CSV, told apart by its name) as a document, or
 * the problems found, each naming the line or field.
 */
export function parseCrosswalkFile(name: string, text: string): { ok: true; document: CrosswalkDocument } | { ok: false; problems: string[] } {
  if (Buffer.byteLength(text, "utf8") > MAX_CROSSWALK_FILE_BYTES) {
    return { ok: false, problems: [`${name}: is too large (the most is ${MAX_CROSSWALK_FILE_BYTES / 1000} kB).`] };
  }
  if (/\.json$/i.test(name)) {
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch (error) {
      return { ok: false, problems: [`${name}: is not valid JSON (${(error as Error).message}).`] };
    }
    const result = crosswalkDocumentSchema.safeParse(raw);
    return result.success ? { ok: true, document: result.data } : { ok: false, problems: describeIssues(result.error).map((line) => `${name}: ${line}`) };
  }
  if (!/\.csv$/i.test(name)) return { ok: false, problems: [`${name}: choose a .json or .csv file.`] };

  const parsed = parseCsv(text);
  if (!parsed.ok) return { ok: false, problems: [`${name}: ${parsed.problem}.`] };
  const [header, ...rows] = parsed.records;
  if (!header || header.map((cell) => cell.trim().toLowerCase()).join(",") !== CROSSWALK_CSV_COLUMNS.join(",")) {
    return { ok: false, problems: [`${name}: the first line must be the column names ${CROSSWALK_CSV_COLUMNS.join(",")}.`] };
  }
  const problems: string[] = [];
  const raw: { note?: string; areas: { from: string; to: string; note: string | null }[]; stages: { from: number; to: number }[] } = {
    areas: [],
    stages: [],
  };
  rows.forEach((cells, index) => {
    const where = `${name}: line ${index + 2}`;
    const [type = "", from = "", to = "", note = ""] = cells.map(unguard);
    if (type === "crosswalk") raw.note = note;
    else if (type === "area") raw.areas.push({ from, to, note: note || null });
    else if (type === "stage") {
      const stage = { from: positionOf(from), to: positionOf(to) };
      if (Number.isNaN(stage.from) || Number.isNaN(stage.to)) problems.push(`${where}: a stage line needs two stage numbers, like stage,5,4.`);
      else raw.stages.push(stage);
    } else problems.push(`${where}: the type must be crosswalk, area or stage (not "${type}").`);
  });
  if (problems.length) return { ok: false, problems };
  const result = crosswalkDocumentSchema.safeParse(raw);
  if (!result.success) return { ok: false, problems: describeIssues(result.error).map((line) => `${name}: ${line}`) };
  return { ok: true, document: result.data };
}

/** The crosswalk form's own fields (the area and stage choices are read by the route). */
export const crosswalkSaveSchema = z.object({
  intent: z.literal("save"),
  note: z.string().max(CROSSWALK_NOTE_MAX * 2).default(""),
});
