/**
 * Migrations without downloads: Prisma's own schema engine compiled to WASM
 * (`@prisma/schema-engine-wasm`), driven through the same driver adapter as the
 * app. It records applied migrations in `_prisma_migrations` exactly as
 * `prisma migrate deploy` does, so either tool can manage the same database.
 */
import { readFile, readdir } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
} from "@prisma/driver-adapter-utils";
import { PrismaPGlite } from "pglite-prisma-adapter";
import type { Database } from "./db.server";

type WasmGlue = typeof import("@prisma/schema-engine-wasm");
type SchemaEngine = import("@prisma/schema-engine-wasm").SchemaEngine;
type MigrationList = import("@prisma/schema-engine-wasm").MigrationList;

export const MIGRATIONS_DIR = path.resolve("prisma/migrations");
export const SCHEMA_PATH = path.resolve("prisma/schema.prisma");

let gluePromise: Promise<WasmGlue> | undefined;

/**
 * Instantiates the engine's WASM by hand, so that Node 20 needs no
 * `--experimental-wasm-modules` flag (the package's entry imports a .wasm file).
 */
function loadEngine(): Promise<WasmGlue> {
  gluePromise ??= (async () => {
    const require = createRequire(import.meta.url);
    const gluePath = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
    const glue = (await import(gluePath)) as WasmGlue & {
      __wbg_set_wasm(exports: WebAssembly.Exports): void;
    };
    const bytes = await readFile(path.join(path.dirname(gluePath), "schema_engine_bg.wasm"));
    const { instance } = await WebAssembly.instantiate(bytes, {
      "./schema_engine_bg.js": glue as unknown as WebAssembly.ModuleImports,
    });
    glue.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    return glue;
  })();
  return gluePromise;
}

/**
 * The stock adapters' `executeScript` is not safe for migrations (the PGlite one
 * does not await the script; the pg one splits on ";" and runs the pieces on a
 * pool). Route it to `Database.executeScript`, which sends the whole migration
 * as one simple query: PostgreSQL runs it in a single implicit transaction, so a
 * failing migration leaves nothing half-applied.
 */
function withAtomicScripts(
  factory: SqlMigrationAwareDriverAdapterFactory,
  executeScript: (sql: string) => Promise<void>,
  opened: SqlDriverAdapter[] = [],
): SqlMigrationAwareDriverAdapterFactory {
  const wrap = (adapter: SqlDriverAdapter): SqlDriverAdapter =>
    new Proxy(adapter, {
      get(target, property, receiver) {
        if (property === "executeScript") return executeScript;
        const value = Reflect.get(target, property, receiver) as unknown;
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => {
      const adapter = await factory.connect();
      opened.push(adapter);
      return wrap(adapter);
    },
    connectToShadowDb: async () => factory.connectToShadowDb(),
  };
}

async function newEngine(
  factory: SqlMigrationAwareDriverAdapterFactory,
  log: (message: string) => void = () => {},
): Promise<SchemaEngine> {
  const { SchemaEngine } = await loadEngine();
  const schema = await readFile(SCHEMA_PATH, "utf8");
  return SchemaEngine.new(
    { datamodels: [[SCHEMA_PATH, schema]] },
    (line: string) => log(line),
    bindMigrationAwareSqlAdapterFactory(factory),
  );
}

/** Reads prisma/migrations the way the Prisma CLI does. */
export async function readMigrations(dir = MIGRATIONS_DIR): Promise<MigrationList> {
  const lockfileContent = await readFile(path.join(dir, "migration_lock.toml"), "utf8").catch(() => null);
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const migrationDirectories = await Promise.all(
    entries
      .filter((entry) => entry.isDirectory())
      .map(async (entry) => ({
        path: entry.name,
        migrationFile: {
          path: "migration.sql",
          content: await readFile(path.join(dir, entry.name, "migration.sql"), "utf8").then(
            (value) => ({ tag: "ok" as const, value }),
            (error: Error) => ({ tag: "error" as const, value: error.message }),
          ),
        },
      })),
  );
  migrationDirectories.sort((a, b) => a.path.localeCompare(b.path));
  return {
    baseDir: dir,
    lockfile: { path: "migration_lock.toml", content: lockfileContent },
    shadowDbInitScript: "",
    migrationDirectories,
  };
}

export class MigrationError extends Error {
  constructor(
    message: string,
    readonly migrationName: string | null,
  ) {
    super(message);
    this.name = "MigrationError";
  }
}

function engineErrorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === "object" && error && "message" in error) return String(error.message);
  return String(error);
}

/**
 * Applies every pending migration. Each migration runs atomically; when one
 * fails, it is rolled back, its `_prisma_migrations` row is removed (the
 * database is as it was before it), and a MigrationError says which and why.
 */
export async function applyMigrations(
  database: Database,
  options: { dir?: string; log?: (message: string) => void } = {},
): Promise<string[]> {
  const migrations = await readMigrations(options.dir);
  let scriptError: unknown = null;
  // On PostgreSQL the engine connects with a pool of its own and holds the
  // migration advisory lock on it; ending that pool afterwards releases the
  // lock (otherwise a second run in the same process waits for it). PGlite's
  // adapter shares the app's one client, which must stay open.
  const opened: SqlDriverAdapter[] = [];
  const engine = await newEngine(
    withAtomicScripts(database.adapterFactory, async (sql) => {
      try {
        await database.executeScript(sql);
      } catch (error) {
        scriptError = error;
        throw error;
      }
    }, opened),
    options.log,
  );
  try {
    const { appliedMigrationNames } = await engine.applyMigrations({
      migrationsList: migrations,
      filters: { externalTables: [], externalEnums: [] },
    });
    return appliedMigrationNames;
  } catch (error) {
    const failed = await database.prisma
      .$queryRawUnsafe<{ migration_name: string; logs: string | null }[]>(
        `SELECT migration_name, logs FROM _prisma_migrations
          WHERE finished_at IS NULL AND rolled_back_at IS NULL`,
      )
      .catch(() => []);
    if (failed.length > 0) {
      await database.prisma.$executeRawUnsafe(
        `DELETE FROM _prisma_migrations WHERE finished_at IS NULL AND rolled_back_at IS NULL`,
      );
    }
    const name = failed[0]?.migration_name ?? null;
    const reason = scriptError ? engineErrorMessage(scriptError) : (failed[0]?.logs ?? engineErrorMessage(error));
    throw new MigrationError(
      name
        ? `Migration ${name} failed and was rolled back; the database is as it was before it.\n${reason}`
        : `Migrations could not be applied: ${reason}`,
      name,
    );
  } finally {
    engine.free();
    if (database.target.kind === "postgres") {
      await Promise.all(opened.map((adapter) => adapter.dispose().catch(() => {})));
    }
  }
}

/**
 * The SQL that takes a database built from the migration history to the
 * current schema, or null when they already match. A throw-away in-memory
 * PGlite serves as the shadow database that replays the history.
 */
export async function diffSchemaAgainstMigrations(dir = MIGRATIONS_DIR): Promise<string | null> {
  const shadow = new PGlite();
  try {
    const engine = await newEngine(new PrismaPGlite(shadow));
    try {
      const schema = await readFile(SCHEMA_PATH, "utf8");
      const result = await engine.diff({
        from: { tag: "migrations", ...(await readMigrations(dir)) },
        to: { tag: "schemaDatamodel", files: [{ path: SCHEMA_PATH, content: schema }] },
        script: true,
        exitCode: null,
        filters: { externalTables: [], externalEnums: [] },
      });
      const sql = (result.stdout ?? "").trim();
      return sql === "" || /^-- This is an empty migration\.?$/.test(sql) ? null : sql;
    } finally {
      engine.free();
    }
  } finally {
    await shadow.close();
  }
}
