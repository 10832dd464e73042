// GET /me/competencies.csv — the member's own submitted assessments as a CSV download: one row per
// area per assessment, oldest first. When the member has development goals, a second section follows
// after an empty line: a "Development goals" line, then the goals' own header and one row per goal
// (the records of /me/goals.csv), so the areas each goal addresses sit in the same file as the stages.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { exportAssessments, type ExportRow } from "~/domain/assessments/profile.server";
import { goalCsvRecords } from "~/domain/goals/export";
import { exportGoals } from "~/domain/goals/goals.server";
import { requireMember } from "~/utils/auth.server";
import { csvDocument, type CsvCell } from "~/utils/csv";

const COLUMNS: [header: string, value: (row: ExportRow) => CsvCell | null][] = [
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

/** The heading line of the goals section. */
const GOALS_SECTION = "Development goals";

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireMember(request);
  const [rows, goals] = await Promise.all([exportAssessments(actor), exportGoals(actor)]);
  const records: CsvCell[][] = [
    COLUMNS.map(([header]) => header),
    ...rows.map((row) => COLUMNS.map(([, value]) => value(row) ?? "")),
    ...(goals.length ? [[""], [GOALS_SECTION], ...goalCsvRecords(goals)] : []),
  ];
  // The byte-order mark lets Excel open accented names as UTF-8.
  return new Response(csvDocument(records, { bom: true }), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": 'attachment; filename="competency-assessments.csv"',
      "Cache-Control": "private, no-store",
    },
  });
}
