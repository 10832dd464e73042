// An unexpected console.error fails the test. A test that expects one spies
// on console.error itself (vi.spyOn(console, "error").mockImplementation(...)).
import { afterEach, beforeEach, vi } from "vitest";

let calls: unknown[][] = [];
const original = console.error;

beforeEach(() => {
  calls = [];
  console.error = (...args: unknown[]) => {
    calls.push(args);
    original(...args);
  };
});

afterEach(() => {
  const unexpected = vi.isMockFunction(console.error) ? [] : calls;
  console.error = original;
  if (unexpected.length > 0) {
    throw new Error(`Unexpected console.error: ${unexpected.map((args) => args.map(String).join(" ")).join("\n")}`);
  }
});
