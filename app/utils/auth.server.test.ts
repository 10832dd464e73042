import { describe, expect, it } from "vitest";
import { safeRedirect } from "./auth.server";

describe("safeRedirect", () => {
  it.each([
    ["/members", "/members"],
    ["/pathways/x?tab=1#step", "/pathways/x?tab=1#step"],
  ])("keeps a path on this site: %s", (to, expected) => {
    expect(safeRedirect(to)).toBe(expected);
  });

  it.each([
    "https://evil.example/",
    "//evil.example",
    "/\\evil.example",
    "/\t/evil.example",
    "/\n/evil.example",
    "/%09/evil.example".replace("%09", "\t"),
    "\\/evil.example",
    "javascript:alert(1)",
    "members",
    "",
  ])("refuses %j and falls back", (to) => {
    expect(safeRedirect(to)).toBe("/home");
  });

  it("falls back for missing values", () => {
    expect(safeRedirect(null)).toBe("/home");
    expect(safeRedirect(undefined, "/")).toBe("/");
  });
});
