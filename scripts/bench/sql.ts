/**
 * SQL text for bulk loading: literals and multi-row VALUES lists, plus the
 * connections the loader writes through ("lanes": several pg connections on
 * PostgreSQL so the server's cores share the work; PGlite's single session).
 */
import pg from "pg";
import type { Database } from "~/utils/db.server";

/** A timestamp (ms since the epoch), written as a UTC literal. */
export type Ts = { readonly ts: number };
export const ts = (ms: number | null): Ts | null => (ms === null ? null : { ts: ms });

export type Value = string | number | boolean | null | Ts | readonly string[];

const quote = (text: string) => `'${text.replace(/'/g, "''")}'`;

/** A SQL literal (standard_conforming_strings: only single quotes need doubling). */
export function lit(value: Value): string {
  if (value === null) return "NULL";
  if (typeof value === "number") return String(value);
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (typeof value === "string") return quote(value);
  if (Array.isArray(value)) return value.length === 0 ? "'{}'" : `ARRAY[${value.map(quote).join(",")}]::text[]`;
  // Timestamp columns are TIMESTAMP(3) in UTC; a zone in the literal is ignored.
  return quote(new Date((value as Ts).ts).toISOString());
}

export const row = (values: Value[]) => `(${values.map(lit).join(",")})`;

/** INSERT INTO "Table" ("a","b") VALUES (...),(...); — empty string when there are no rows. */
export function insert(table: string, columns: string[], rows: Value[][]): string {
  if (rows.length === 0) return "";
  return `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(",")}) VALUES\n${rows.map(row).join(",\n")};\n`;
}

/** Where the loader writes: `lanes` sessions that may run at the same time. */
export interface Bulk {
  kind: "postgres" | "pglite";
  lanes: number;
  /** Runs a multi-statement script (one implicit transaction) on a lane. */
  exec(lane: number, sql: string): Promise<void>;
  query<T>(sql: string): Promise<T[]>;
  close(): Promise<void>;
}

export async function openBulk(database: Database, lanes: number): Promise<Bulk> {
  if (database.target.kind === "pglite") {
    return {
      kind: "pglite",
      lanes: 1,
      exec: (_lane, sql) => database.executeScript(sql),
      query: <T>(sql: string) => database.prisma.$queryRawUnsafe<T[]>(sql),
      close: async () => {},
    };
  }
  const url = database.target.url;
  const clients = await Promise.all(
    Array.from({ length: Math.max(1, lanes) }, async () => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      // A benchmark load: losing the last moments of it in a crash is fine.
      await client.query("SET synchronous_commit = off");
      return client;
    }),
  );
  return {
    kind: "postgres",
    lanes: clients.length,
    exec: async (lane, sql) => {
      await clients[lane]!.query(sql);
    },
    query: async <T>(sql: string) => (await clients[0]!.query(sql)).rows as T[],
    close: async () => {
      await Promise.all(clients.map((client) => client.end()));
    },
  };
}

/**
 * Runs tasks on every lane until none are left. A task makes its SQL only
 * when a lane takes it, so memory holds a batch per lane, not the data set.
 */
export async function runTasks(bulk: Bulk, tasks: (() => string)[], onDone?: (done: number) => void): Promise<void> {
  let next = 0;
  let done = 0;
  await Promise.all(
    Array.from({ length: bulk.lanes }, async (_, lane) => {
      while (next < tasks.length) {
        const sql = tasks[next++]!();
        if (sql) await bulk.exec(lane, sql);
        onDone?.(++done);
      }
    }),
  );
}

/** Splits items into batches of `size`. */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  const batches: T[][] = [];
  for (let i = 0; i < items.length; i += size) batches.push(items.slice(i, i + size));
  return batches;
}
