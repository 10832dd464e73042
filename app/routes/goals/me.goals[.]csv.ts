// GET /me/goals.csv — the member's own development goals as a CSV download, oldest first: one row
// per goal, with its progress notes and links in a column each (the goals page links it; the same
// records are the goals section of /me/competencies.csv).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { goalCsvRecords } from "~/domain/goals/export";
import { exportGoals } from "~/domain/goals/goals.server";
import { requireMember } from "~/utils/auth.server";
import { csvDocument } from "~/utils/csv";

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireMember(request);
  const rows = await exportGoals(actor);
  // The byte-order mark lets Excel open accented text as UTF-8.
  return new Response(csvDocument(goalCsvRecords(rows), { bom: true }), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": 'attachment; filename="development-goals.csv"',
      "Cache-Control": "private, no-store",
    },
  });
}
