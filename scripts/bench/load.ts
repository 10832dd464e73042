/**
 * One scenario under load: autocannon at a fixed concurrency for a fixed
 * time, against the server running in its own process. Latency is recorded
 * for every response (autocannon's own histogram keeps only 2xx, and a reply
 * is a 302), and every response's X-DB-Queries header is read.
 */
import autocannon from "autocannon";

export type ScenarioRequest = {
  method: "GET" | "POST";
  path: string;
  body?: string;
  headers?: Record<string, string>;
};

export type LoadOptions = {
  baseUrl: string;
  connections: number;
  /** Load for this long (in-flight requests at the end are abandoned)… */
  seconds?: number;
  /** …or send exactly this many requests and wait for every answer (the write scenario: nothing in flight when it stops). */
  amount?: number;
  /** …or load until this settles (at most `seconds`, default 600): the inbound phase loads a page while mail is processed. */
  until?: Promise<unknown>;
  requests: ScenarioRequest[];
  headers: Record<string, string>;
  /** When set, every request takes its path from here (spreads concurrent connections over paths). */
  rotate?: () => string;
  /** Called for each response with its status and headers (lower-case names). */
  onResponse?: (status: number, headers: Record<string, string>) => void;
};

export type LoadStats = {
  seconds: number;
  /** Requests written to the server, and responses received. */
  sent: number;
  requests: number;
  requestsPerSecond: number;
  latencyMs: { p50: number; p95: number; p99: number; max: number; mean: number };
  /** Responses by status class, e.g. { "2xx": 1200, "3xx": 0 }. */
  statuses: Record<string, number>;
  /** Connection errors and timeouts. */
  transportErrors: number;
  /** Database round trips per request, from X-DB-Queries (null when the server does not send it). */
  dbQueries: { median: number; max: number; mean: number } | null;
};

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;

export async function runLoad(options: LoadOptions): Promise<LoadStats> {
  const latencies: number[] = [];
  const queries: number[] = [];
  const statuses: Record<string, number> = {};
  const lowerCase = (headers: Record<string, unknown>) =>
    Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), String(value)]));

  const started = performance.now();
  const instance = autocannon({
    url: options.baseUrl,
    connections: options.connections,
    ...(options.amount !== undefined ? { amount: options.amount } : { duration: options.seconds ?? (options.until ? 600 : 10) }),
    headers: options.headers,
    // Autocannon's default 10 s: a slow page is measured, not dropped.
    timeout: 30,
    requests: options.requests.map((request) => ({
      method: request.method,
      path: request.path,
      body: request.body,
      headers: { ...options.headers, ...request.headers },
      ...(options.rotate ? { setupRequest: (built: { path?: string }) => ({ ...built, path: options.rotate!() }) } : {}),
      onResponse: (status: number, _body: string, _context: unknown, headers: Record<string, unknown>) => {
        const lower = lowerCase(headers ?? {});
        const count = lower["x-db-queries"];
        if (count !== undefined && count !== "") queries.push(Number(count));
        options.onResponse?.(status, lower);
      },
    })),
  });
  instance.on("response", (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
    latencies.push(responseTime);
    const key = `${Math.floor(statusCode / 100)}xx`;
    statuses[key] = (statuses[key] ?? 0) + 1;
  });
  if (options.until) void options.until.finally(() => instance.stop());
  const result = await instance;
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  queries.sort((a, b) => a - b);
  const mean = (values: number[]) => (values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length);
  return {
    seconds: round(seconds, 1),
    sent: result.requests.sent,
    requests: latencies.length,
    requestsPerSecond: round(latencies.length / (options.amount !== undefined || options.until ? seconds : (options.seconds ?? seconds)), 1),
    latencyMs: {
      p50: round(percentile(latencies, 50)),
      p95: round(percentile(latencies, 95)),
      p99: round(percentile(latencies, 99)),
      max: round(latencies[latencies.length - 1] ?? 0),
      mean: round(mean(latencies)),
    },
    statuses,
    transportErrors: result.errors + result.timeouts,
    dbQueries:
      queries.length === 0
        ? null
        : { median: percentile(queries, 50), max: queries[queries.length - 1]!, mean: round(mean(queries), 1) },
  };
}
