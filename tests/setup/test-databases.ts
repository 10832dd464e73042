/**
 * Test databases. Every vitest worker and every Playwright worker gets its own:
 * an in-memory (or temporary-folder) PGlite, or a database of its own on the
 * PostgreSQL server named by TEST_DATABASE_URL.
 */
import pg from "pg";

export type TestDbKind = "pglite" | "postgres";

export function testDbKind(): TestDbKind {
  const kind = process.env.TEST_DB ?? "pglite";
  if (kind !== "pglite" && kind !== "postgres") throw new Error(`TEST_DB must be pglite or postgres, not ${kind}`);
  if (kind === "postgres" && !process.env.TEST_DATABASE_URL) {
    throw new Error("TEST_DB=postgres needs TEST_DATABASE_URL (a postgresql:// URL whose user may create databases)");
  }
  return kind;
}

/** The URL of database `name` on TEST_DATABASE_URL's server. */
export function postgresUrlFor(name: string): string {
  const url = new URL(process.env.TEST_DATABASE_URL!);
  url.pathname = `/${name}`;
  return url.toString();
}

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Creates an empty database on the test server (dropping any leftover of that name). */
export async function createPostgresDatabase(name: string): Promise<string> {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`unsafe database name ${name}`);
  await admin(async (client) => {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await client.query(`CREATE DATABASE "${name}"`);
  });
  return postgresUrlFor(name);
}

export async function dropPostgresDatabases(prefix: string): Promise<void> {
  if (!/^[a-z0-9_]+$/.test(prefix)) throw new Error(`unsafe prefix ${prefix}`);
  await admin(async (client) => {
    const { rows } = await client.query<{ datname: string }>(
      "SELECT datname FROM pg_database WHERE datname LIKE $1",
      [`${prefix}%`],
    );
    for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  });
}

/** A brand-new empty database (not migrated), closed and dropped by the returned dispose(). */
export async function openScratchDatabase() {
  const { openDatabase } = await import("~/utils/db.server");
  if (testDbKind() === "pglite") {
    const database = openDatabase({ kind: "pglite", dataDir: null });
    return { database, dispose: () => database.close() };
  }
  const name = `cme_t_${process.env.CME_TEST_RUN_ID}_s${Math.random().toString(36).slice(2, 10)}`;
  const url = await createPostgresDatabase(name);
  const database = openDatabase({ kind: "postgres", url, poolSize: 2 });
  return {
    database,
    dispose: async () => {
      await database.close();
      await admin((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    },
  };
}
