import { describe, expect, it } from "vitest";
import { makeFrameworkDocument } from "../../../tests/fixtures/framework-document";
import { describeIssues, frameworkDocumentSchema, slugSchema } from "./schemas";

const validDocument = makeFrameworkDocument();

describe("slugSchema", () => {
  it.each([
    ["adult-learning", true],
    ["area2", true],
    ["Adult", false],
    ["two--hyphens", false],
    ["-leading", false],
    ["with space", false],
    ["", false],
  ])("%s → %s", (value, ok) => {
    expect(slugSchema.safeParse(value).success).toBe(ok);
  });
});

describe("frameworkDocumentSchema", () => {
  it("accepts a complete document and turns numeric versions into text", () => {
    const parsed = frameworkDocumentSchema.parse({ ...validDocument, version: 2 });
    expect(parsed.version).toBe("2");
  });

  it.each([
    ["a missing stage descriptor", { areas: [{ ...validDocument.areas[0], descriptors: { novice: "a" } }] }, /no descriptor for stage\(s\): expert/],
    ["an unknown stage descriptor", { areas: [{ ...validDocument.areas[0], descriptors: { novice: "a", expert: "b", guru: "c" } }] }, /unknown stage\(s\): guru/],
    ["duplicate area slugs", { areas: [validDocument.areas[0], { ...validDocument.areas[1], slug: "one" }] }, /duplicate area slug "one"/],
    ["duplicate positions", { areas: [validDocument.areas[0], { ...validDocument.areas[1], position: 1 }] }, /duplicate area position "1"/],
    ["a single stage", { stages: [validDocument.stages[0]] }, /at least two stages/],
    ["no areas", { areas: [] }, /at least one area/],
    ["a bad source URL", { sourceUrl: "not a url" }, /sourceUrl/],
  ])("rejects %s", (_label, override, message) => {
    const result = frameworkDocumentSchema.safeParse({ ...validDocument, ...override });
    expect(result.success).toBe(false);
    expect(describeIssues(result.error!).join("\n")).toMatch(message);
  });
});
