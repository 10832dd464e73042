// GET /livez — 200 while the process can answer requests; touches nothing
// else. A liveness probe for orchestrators (/healthz is the readiness probe,
// with the database), and the benchmark's ceiling: a route through the same
// server and Remix handler that does no work of its own.
export function loader() {
  return new Response("ok", { headers: { "Content-Type": "text/plain", "Cache-Control": "no-store" } });
}
