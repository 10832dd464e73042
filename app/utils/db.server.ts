/**
 * The database: PostgreSQL semantics everywhere, through Prisma 7 driver adapters.
 *
 * - `DATABASE_URL` unset → embedded PGlite persisted in `PGLITE_DATA_DIR`
 *   (default `./data/pglite`), one instance per process.
 * - `DATABASE_URL=postgresql://…` → a PostgreSQL server through `@prisma/adapter-pg`
 *   with a connection pool (`DATABASE_POOL_SIZE`, default 10).
 *
 * The rest of the app imports `prisma` from here; scripts and tests use
 * `openDatabase` to get a private handle on a chosen target.
 */
import { mkdirSync, readFileSync, unlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { AsyncLocalStorage } from "node:async_hooks";
import { createHash } from "node:crypto";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { Prisma, PrismaClient } from "~/generated/prisma/client";

export type DatabaseTarget =
  | { kind: "pglite"; /** null → in memory */ dataDir: string | null }
  | { kind: "postgres"; url: string; poolSize: number };

export interface Database {
  target: DatabaseTarget;
  /** Database round trips made through the Prisma client so far (for tests and the benchmark). */
  readonly stats: { queries: number };
  prisma: PrismaClient;
  /** The adapter factory the client uses, for the schema engine. */
  adapterFactory: SqlMigrationAwareDriverAdapterFactory;
  /**
   * Runs a multi-statement SQL script as one unit (simple query protocol:
   * PostgreSQL runs the statements in one implicit transaction).
   */
  executeScript(sql: string): Promise<void>;
  close(): Promise<void>;
}

const COUNTED = new Set(["queryRaw", "executeRaw"]);

/**
 * Per-request query counting for the benchmark: server.mjs runs each request
 * inside this scope when BENCH_QUERY_LOG=1 and reports the count in an
 * X-DB-Queries header. Kept on globalThis so that server.mjs (outside the
 * build) and the build share one instance.
 */
const globalForScope = globalThis as unknown as { __cmeQueryScope?: AsyncLocalStorage<{ queries: number }> };
export const requestQueryScope = (globalForScope.__cmeQueryScope ??= new AsyncLocalStorage<{ queries: number }>());

/**
 * Wraps a driver adapter factory so that every query the client sends (inside
 * transactions too) increments `stats.queries`.
 */
function countingFactory<T extends SqlMigrationAwareDriverAdapterFactory>(factory: T, stats: { queries: number }): T {
  const wrap = <O extends object>(target: O): O =>
    new Proxy(target, {
      get(object, property, receiver) {
        const value = Reflect.get(object, property, receiver) as unknown;
        if (typeof value !== "function") return value;
        return (...args: unknown[]) => {
          if (COUNTED.has(String(property))) {
            stats.queries++;
            const scope = requestQueryScope.getStore();
            if (scope) scope.queries++;
          }
          const result = (value as (...a: unknown[]) => unknown).apply(object, args);
          // Transactions are adapters too: count their queries as well.
          return property === "startTransaction" && result instanceof Promise
            ? result.then((tx: object) => wrap(tx))
            : result;
        };
      },
    });
  return new Proxy(factory, {
    get(object, property, receiver) {
      const value = Reflect.get(object, property, receiver) as unknown;
      if (property === "connect" && typeof value === "function") {
        return async () => wrap(await (value as () => Promise<object>).call(object));
      }
      return typeof value === "function" ? value.bind(object) : value;
    },
  });
}

/**
 * Whether a transaction failed because a concurrent one touched the same rows
 * (PostgreSQL's serialization failure or deadlock, which Prisma reports as
 * P2034, or inside a raw query as P2010 with the SQLSTATE): the caller should
 * answer "changed meanwhile" (409), not 500.
 */
export function isWriteConflict(error: unknown): boolean {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError)) return false;
  if (error.code === "P2034") return true;
  const sqlState = (error.meta as { code?: unknown } | undefined)?.code;
  return error.code === "P2010" && (sqlState === "40001" || sqlState === "40P01");
}

/**
 * A json / json_agg column of a raw query: PostgreSQL's driver parses it,
 * PGlite's may hand it over as text.
 */
/** Prisma's unique-constraint error (P2002), from a write that raced another. */
export function isUniqueViolation(error: unknown): boolean {
  return (
    typeof error === "object" && error !== null && "code" in error && (error as { code: unknown }).code === "P2002"
  );
}

export function jsonColumn<T>(value: T | string): T {
  return typeof value === "string" ? (JSON.parse(value) as T) : value;
}

/**
 * Runs a side effect after the caller's transaction committed (notifications,
 * emails): its failure is logged and never fails what was already saved.
 */
export async function afterCommit(label: string, effect: () => Promise<void>) {
  try {
    await effect();
  } catch (error) {
    console.warn(`${label} failed after the post was saved`, error);
  }
}

export function describeTarget(target: DatabaseTarget): string {
  if (target.kind === "pglite") {
    return target.dataDir ? `PGlite at ${target.dataDir}` : "PGlite in memory";
  }
  const url = new URL(target.url);
  return `PostgreSQL ${url.host}${url.pathname}`;
}

export function databaseTargetFromEnv(
  env: NodeJS.ProcessEnv = process.env,
): DatabaseTarget {
  const url = env.DATABASE_URL?.trim();
  if (url) {
    if (!/^postgres(ql)?:\/\//.test(url)) {
      throw new Error(
        `DATABASE_URL must be a postgresql:// URL (or unset for the embedded database); got "${url.split(":")[0]}:…"`,
      );
    }
    const poolSize = Number(env.DATABASE_POOL_SIZE ?? 10);
    return { kind: "postgres", url, poolSize: Number.isFinite(poolSize) && poolSize > 0 ? poolSize : 10 };
  }
  const dataDir = env.PGLITE_DATA_DIR?.trim() || "./data/pglite";
  return { kind: "pglite", dataDir: dataDir === "memory://" ? null : path.resolve(dataDir) };
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * PGlite is a single-process database: two processes writing one folder would
 * corrupt it. A lock file beside the folder holds the owner's pid; a lock left
 * by a process that no longer exists (killed, crashed) is taken over, so no
 * manual repair is ever needed.
 */
function lockDataDir(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const lockFile = `${dataDir}.lock`;
  for (;;) {
    try {
      writeFileSync(lockFile, String(process.pid), { flag: "wx" });
      return () => {
        try {
          if (readFileSync(lockFile, "utf8").trim() === String(process.pid)) unlinkSync(lockFile);
        } catch {
          // Already gone.
        }
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const owner = Number(readFileSync(lockFile, "utf8").trim());
      if (owner === process.pid || (owner > 0 && processIsAlive(owner))) {
        throw new Error(
          `The embedded database at ${dataDir} is in use by process ${owner} (is the server running?). ` +
            "Stop it first, or set DATABASE_URL to a PostgreSQL server, which several processes can share.",
        );
      }
      unlinkSync(lockFile);
    }
  }
}

/**
 * Named prepared statements: each connection parses a query once and, after a
 * few runs, PostgreSQL reuses its plan. Unnamed statements were parsed and
 * planned on every run, which was most of the database's CPU on a page
 * (issue 9). The name is a digest of the SQL text, so the same text always
 * gets the same name; the number of texts is bounded by the app's queries
 * (an `IN` list makes one text per list length). Behind a connection pooler
 * in transaction mode, enable its prepared-statement support (PgBouncer ≥ 1.21:
 * `max_prepared_statements`).
 */
const statementNames = new Map<string, string>();
function preparedStatementName(query: { sql: string }): string {
  let name = statementNames.get(query.sql);
  if (name === undefined) {
    name = `cme_${createHash("sha1").update(query.sql).digest("base64url").slice(0, 22)}`;
    if (statementNames.size < 10_000) statementNames.set(query.sql, name);
  }
  return name;
}

export function openDatabase(target: DatabaseTarget): Database {
  if (target.kind === "pglite") {
    // The constructor returns at once; every query waits until the database is ready.
    const releaseLock = target.dataDir ? lockDataDir(target.dataDir) : () => {};
    const client = new PGlite(target.dataDir ?? undefined);
    const stats = { queries: 0 };
    const adapterFactory = new PrismaPGlite(client);
    const prisma = new PrismaClient({ adapter: countingFactory(adapterFactory, stats) });
    return {
      target,
      stats,
      prisma,
      adapterFactory,
      executeScript: async (sql) => {
        await client.exec(sql);
      },
      close: async () => {
        await prisma.$disconnect();
        if (!client.closed) await client.close();
        releaseLock();
      },
    };
  }
  const adapterFactory = new PrismaPg({
    connectionString: target.url,
    max: target.poolSize,
    // Short OLTP queries: JIT compilation (tens of ms) and parallel workers
    // cost more than they save here, and parallel plans compete with other
    // requests for the same cores.
    options: "-c jit=off -c max_parallel_workers_per_gather=0",
  }, { statementNameGenerator: preparedStatementName });
  const stats = { queries: 0 };
  const prisma = new PrismaClient({ adapter: countingFactory(adapterFactory, stats) });
  return {
    target,
    stats,
    prisma,
    adapterFactory,
    executeScript: async (sql) => {
      // A dedicated connection so that the whole script is one simple query.
      const client = new pg.Client({ connectionString: target.url });
      await client.connect();
      try {
        await client.query(sql);
      } finally {
        await client.end();
      }
    },
    close: async () => {
      await prisma.$disconnect();
    },
  };
}

// One database per process, kept across dev-server module reloads.
const globalForDb = globalThis as unknown as { __cmeDb?: Database };

export function getDatabase(): Database {
  globalForDb.__cmeDb ??= openDatabase(databaseTargetFromEnv());
  return globalForDb.__cmeDb;
}

/** Closes the process's database, if one was opened. Safe to call twice. */
export async function closeDatabase(): Promise<void> {
  const open = globalForDb.__cmeDb;
  if (!open) return;
  globalForDb.__cmeDb = undefined;
  await open.close();
}

/**
 * The process's Prisma client, opened on first use (so importing this module
 * never touches the database by itself).
 */
export const prisma: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, property) {
    const client = getDatabase().prisma;
    const value = Reflect.get(client, property, client) as unknown;
    return typeof value === "function" ? value.bind(client) : value;
  },
});

/** Runs `fn` and reports how many database round trips it made (this process's database). */
export async function countQueries<T>(fn: () => Promise<T>): Promise<{ result: T; queries: number }> {
  const { stats } = getDatabase();
  const before = stats.queries;
  const result = await fn();
  return { result, queries: stats.queries - before };
}
