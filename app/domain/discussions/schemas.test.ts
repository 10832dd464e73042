import { describe, expect, it } from "vitest";
import { replySchema, splitTags, threadSchema } from "./schemas";

const valid = { categoryId: "c1", title: "How do you measure outcomes?", body: "Level 5 and up.", kind: "QUESTION" };

describe("threadSchema", () => {
  it.each([
    [{}, true],
    [{ title: "Hey" }, false],
    [{ title: "x".repeat(151) }, false],
    [{ title: "x".repeat(150) }, true],
    [{ body: "   " }, false],
    [{ body: "x".repeat(20_001) }, false],
    [{ kind: "POLL" }, false],
    [{ tags: "a, b, c, d, e" }, true],
    [{ tags: "a, b, c, d, e, f" }, false],
    [{ tags: "bad_tag!" }, false],
    [{ areaSlugs: ["educational-design"] }, true],
    [{ areaSlugs: ["<script>"] }, false],
  ])("%j → valid: %s", (change, ok) => {
    expect(threadSchema.safeParse({ ...valid, ...change }).success).toBe(ok);
  });

  it("normalises free tags to lowercase hyphenated words, without repeats", () => {
    expect(splitTags(" Moore Levels, PARS,pars ,, ")).toEqual(["moore-levels", "pars"]);
    expect(threadSchema.parse({ ...valid, tags: "PARS, Outcomes" }).tags).toEqual(["pars", "outcomes"]);
  });
});

describe("replySchema", () => {
  it("accepts a reply to a post number and rejects an empty reply", () => {
    expect(replySchema.parse({ body: "Agreed", replyToNumber: "12" })).toEqual({ body: "Agreed", replyToNumber: 12 });
    expect(replySchema.safeParse({ body: "" }).success).toBe(false);
  });
});
