/**
 * The one clock that the job runner and every date computation about goals,
 * check-ins, reminders and credentials read. In production it is the system
 * clock. Tests move it forward instead of waiting:
 *
 * - in-process tests (vitest) call `setClockOffset` / `resetClock`;
 * - end-to-end tests start the server with `CLOCK_OFFSET_MS` set, and a
 *   server started with `TEST_CLOCK=1` also reads the offset from
 *   `CLOCK_OFFSET_FILE` on every call, so a running server can be moved
 *   (see tests/e2e/fixtures.ts). Neither exists in production.
 */
import { readFileSync } from "node:fs";

let offsetMs = Number(process.env.CLOCK_OFFSET_MS ?? 0) || 0;

function fileOffset(): number {
  const file = process.env.TEST_CLOCK === "1" ? process.env.CLOCK_OFFSET_FILE : undefined;
  if (!file) return 0;
  try {
    return Number(readFileSync(file, "utf8").trim()) || 0;
  } catch {
    return 0;
  }
}

/** The current instant, as this application sees it. */
export function now(): Date {
  return new Date(Date.now() + offsetMs + fileOffset());
}

/** Tests only: moves the clock by `ms` from the real time. */
export function setClockOffset(ms: number) {
  offsetMs = ms;
}

/** Tests only: back to the real time. */
export function resetClock() {
  offsetMs = 0;
}
