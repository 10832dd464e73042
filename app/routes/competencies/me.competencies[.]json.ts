// GET /me/competencies.json — the member's own submitted assessments as a JSON
// download: one row per area per assessment, oldest first (the same rows as the CSV), then the
// member's development goals (as /me/goals.csv) and commitments to change with their check-ins.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { exportAssessments } from "~/domain/assessments/profile.server";
import { exportCommitments } from "~/domain/goals/commitments.server";
import { exportGoals } from "~/domain/goals/goals.server";
import { requireMember } from "~/utils/auth.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireMember(request);
  const [rows, goals, commitments] = await Promise.all([exportAssessments(actor), exportGoals(actor), exportCommitments(actor.userId)]);
  const body = JSON.stringify({ exportedAt: new Date().toISOString(), rows, goals, commitments }, null, 2);
  return new Response(body, {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": 'attachment; filename="competency-assessments.json"',
      "Cache-Control": "private, no-store",
    },
  });
}
