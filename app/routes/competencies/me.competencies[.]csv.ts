// GET /me/competencies.csv — the member's own submitted assessments as a CSV
// download: one row per area per assessment, oldest first.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { exportAssessments, type ExportRow } from "~/domain/assessments/profile.server";
import { requireMember } from "~/utils/auth.server";

const COLUMNS: [header: string, value: (row: ExportRow) => string | number | null][] = [
  ["Assessment ID", (row) => row.assessmentId],
  ["Submitted at", (row) => row.submittedAt],
  ["Baseline", (row) => (row.baseline ? "yes" : "no")],
  ["Framework", (row) => row.framework],
  ["Version", (row) => row.version],
  ["Area position", (row) => row.areaPosition],
  ["Area", (row) => row.area],
  ["Stage position", (row) => row.stagePosition],
  ["Stage", (row) => row.stage],
  ["Target position", (row) => row.targetPosition],
  ["Target", (row) => row.target],
  ["Evidence (Markdown)", (row) => row.evidence],
  ["Links", (row) => row.links],
];

/**
 * One CSV field (RFC 4180): quoted when it holds a quote, comma or line break,
 * quotes doubled. A field a spreadsheet would run as a formula (starting with
 * = + - @, or a tab or carriage return) gets a leading apostrophe, so it opens
 * as text (OWASP "CSV injection").
 */
function field(value: string | number | null): string {
  let text = value === null ? "" : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const line = (values: (string | number | null)[]) => values.map(field).join(",");

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireMember(request);
  const rows = await exportAssessments(actor);
  const csv = [line(COLUMNS.map(([header]) => header)), ...rows.map((row) => line(COLUMNS.map(([, value]) => value(row))))]
    .map((record) => `${record}\r\n`)
    .join("");
  // The byte-order mark lets Excel open accented names as UTF-8.
  return new Response(`\uFEFF${csv}`, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": 'attachment; filename="competency-assessments.csv"',
      "Cache-Control": "private, no-store",
    },
  });
}
