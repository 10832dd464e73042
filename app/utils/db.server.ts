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
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaClient } from "~/generated/prisma/client";

export type DatabaseTarget =
  | { kind: "pglite"; /** null → in memory */ dataDir: string | null }
  | { kind: "postgres"; url: string; poolSize: number };

export interface Database {
  target: DatabaseTarget;
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

export function openDatabase(target: DatabaseTarget): Database {
  if (target.kind === "pglite") {
    // The constructor returns at once; every query waits until the database is ready.
    const releaseLock = target.dataDir ? lockDataDir(target.dataDir) : () => {};
    const client = new PGlite(target.dataDir ?? undefined);
    const adapterFactory = new PrismaPGlite(client);
    const prisma = new PrismaClient({ adapter: adapterFactory });
    return {
      target,
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
  });
  const prisma = new PrismaClient({ adapter: adapterFactory });
  return {
    target,
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
