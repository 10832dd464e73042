// GET /me/competencies.json — the member's own submitted assessments as a JSON
// download: one row per area per assessment, oldest first (the same rows as the CSV).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { exportAssessments } from "~/domain/assessments/profile.server";
import { requireMember } from "~/utils/auth.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireMember(request);
  const rows = await exportAssessments(actor);
  const body = JSON.stringify({ exportedAt: new Date().toISOString(), rows }, null, 2);
  return new Response(body, {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": 'attachment; filename="competency-assessments.json"',
      "Cache-Control": "private, no-store",
    },
  });
}
