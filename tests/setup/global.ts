// Runs once per vitest run, in the main process: names this run's databases
// and removes them afterwards.
import { dropPostgresDatabases, testDbKind } from "./test-databases";

export default function setup() {
  const runId = `${Date.now().toString(36)}${process.pid.toString(36)}`;
  process.env.CME_TEST_RUN_ID = runId;
  if (testDbKind() !== "postgres") return;
  return async () => {
    await dropPostgresDatabases(`cme_t_${runId}_`);
  };
}
