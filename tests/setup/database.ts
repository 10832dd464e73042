// Runs in each worker before its test files: points the app's database module
// at this worker's own database and migrates it.
import { beforeAll } from "vitest";
import { createPostgresDatabase, testDbKind } from "./test-databases";

const kind = testDbKind();
const worker = process.env.VITEST_POOL_ID ?? "0";
const globalForTests = globalThis as unknown as { __cmeTestDbReady?: Promise<void> };

beforeAll(async () => {
  globalForTests.__cmeTestDbReady ??= (async () => {
    if (kind === "postgres") {
      process.env.DATABASE_URL = await createPostgresDatabase(`cme_t_${process.env.CME_TEST_RUN_ID}_w${worker}`);
    } else {
      delete process.env.DATABASE_URL;
      process.env.PGLITE_DATA_DIR = "memory://";
    }
    const { getDatabase } = await import("~/utils/db.server");
    const { applyMigrations } = await import("~/utils/migrations.server");
    await applyMigrations(getDatabase());
  })();
  await globalForTests.__cmeTestDbReady;
});
