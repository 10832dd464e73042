// GET /me/goals.csv — the member's own development goals as a CSV download, oldest first: one row
// per goal, with its progress notes and links in a column each.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { exportGoals, type GoalExportRow } from "~/domain/goals/goals.server";
import { requireMember } from "~/utils/auth.server";
import { csvField } from "~/utils/csv";

const csvLine = (values: (string | null)[]) => values.map((value) => csvField(value ?? "")).join(",");

const COLUMNS: [header: string, value: (row: GoalExportRow) => string | null][] = [
  ["Goal ID", (row) => row.goalId],
  ["What", (row) => row.title],
  ["How you will know", (row) => row.outcome],
  ["By", (row) => row.dueOn],
  ["Status", (row) => row.status],
  ["Areas", (row) => row.areas],
  ["Started at", (row) => row.startedAt],
  ["Ended at", (row) => row.endedAt],
  ["Reflection", (row) => row.reflection],
  ["Progress notes", (row) => row.progressNotes.map((note) => `${note.at.slice(0, 10)}: ${note.note}`).join("\n")],
  ["Links", (row) => row.links.map((link) => `${link.kind}: ${link.label}${link.url && link.url !== link.label ? ` <${link.url}>` : ""}`).join("\n")],
];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireMember(request);
  const rows = await exportGoals(actor);
  const csv = [csvLine(COLUMNS.map(([header]) => header)), ...rows.map((row) => csvLine(COLUMNS.map(([, value]) => value(row))))]
    .map((record) => `${record}\r\n`)
    .join("");
  return new Response(`\uFEFF${csv}`, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": 'attachment; filename="development-goals.csv"',
      "Cache-Control": "private, no-store",
    },
  });
}
