// GET /healthz — 200 when the app can reach its database, 503 otherwise.
// For load balancers and orchestrators; no secrets in the answer.
import { prisma } from "~/utils/db.server";

export async function loader() {
  const started = performance.now();
  try {
    await prisma.$queryRaw`SELECT 1`;
    const ms = Math.round(performance.now() - started);
    return new Response(JSON.stringify({ status: "ok", database: "ok", ms }), {
      headers: { "Content-Type": "application/json", "Cache-Control": "no-store" },
    });
  } catch (error) {
    console.error("healthz: database check failed", error);
    return new Response(JSON.stringify({ status: "error", database: "unreachable" }), {
      status: 503,
      headers: { "Content-Type": "application/json", "Cache-Control": "no-store" },
    });
  }
}
