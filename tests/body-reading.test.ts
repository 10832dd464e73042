// Every action reads its body through the one reader (readForm, app/utils/
// request-body.server.ts), which limits its size, refuses what is not a form
// and cleans every text field once (no NUL, no control characters). A route or
// domain module that read a body itself would skip all three: this scan fails
// for it, so a new action cannot forget.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const APP = path.resolve("app");
const READER = path.join(APP, "utils/request-body.server.ts");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return name === "generated" ? [] : sourceFiles(full);
    return /\.(ts|tsx)$/.test(name) && !/\.test\.tsx?$/.test(name) ? [full] : [];
  });
}

const OWN_READING = /\brequest\.(formData|json|text|arrayBuffer|blob)\(|\bunstable_parseMultipartFormData\b|\brequest\.body\b/;

describe("request bodies", () => {
  it("are read by readForm alone", () => {
    const offenders = sourceFiles(APP)
      .filter((file) => file !== READER && OWN_READING.test(readFileSync(file, "utf8")))
      .map((file) => path.relative(APP, file));
    expect(offenders).toEqual([]);
  });
});
