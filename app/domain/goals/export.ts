/**
 * The member's development goals as CSV records, with the one CSV writer
 * (app/utils/csv.ts): one record per goal, oldest first, its progress notes
 * (how many, and each dated) and what serves it in a column each. Written
 * alone as /me/goals.csv and as the goals section of /me/competencies.csv.
 */
import type { CsvCell } from "~/utils/csv";
import type { GoalExportRow } from "./goals.server";

const COLUMNS: [header: string, value: (row: GoalExportRow) => CsvCell][] = [
  ["Goal ID", (row) => row.goalId],
  ["What", (row) => row.title],
  ["How you will know", (row) => row.outcome],
  ["By", (row) => row.dueOn ?? ""],
  ["Status", (row) => row.status],
  ["Areas", (row) => row.areas],
  ["Started at", (row) => row.startedAt],
  ["Ended at", (row) => row.endedAt ?? ""],
  ["Reflection", (row) => row.reflection],
  ["Progress notes (count)", (row) => row.progressNotes.length],
  ["Progress notes", (row) => row.progressNotes.map((note) => `${note.at.slice(0, 10)}: ${note.note}`).join("\n")],
  ["Links", (row) => row.links.map((link) => `${link.kind}: ${link.label}${link.url && link.url !== link.label ? ` <${link.url}>` : ""}`).join("\n")],
];

/** The header record, then one record per goal. */
export function goalCsvRecords(rows: readonly GoalExportRow[]): CsvCell[][] {
  return [COLUMNS.map(([header]) => header), ...rows.map((row) => COLUMNS.map(([, value]) => value(row)))];
}
