import { describe, expect, it } from "vitest";
import { findMentions, linkMentions } from "./mentions";

describe("findMentions", () => {
  it.each([
    ["Thanks @ana-perez!", ["ana-perez"]],
    ["@Ana-Perez and @bob1 and @ana-perez again", ["ana-perez", "bob1"]],
    ["Write to ana@example.org", []],
    ["See https://example.org/@someone", []],
    ["Too short: @ab", []],
    ["Inline `@ana-perez` code", []],
    ["Double ``code with ` and @ana-perez`` then @bob1", ["bob1"]],
    ["```\n@ana-perez in a fence\n```\nafter @bob1", ["bob1"]],
    ["~~~md\n@ana-perez\n~~~", []],
    ["Text\n\n    @ana-perez indented code\n\n@bob1", ["bob1"]],
    ["(@ana-perez) and \"@bob1\"", ["ana-perez", "bob1"]],
  ])("%j → %j", (markdown, expected) => {
    expect(findMentions(markdown)).toEqual(expected);
  });
});

describe("linkMentions", () => {
  const existing = new Set(["ana-perez"]);

  it("links existing handles to their profiles", () => {
    expect(linkMentions("Hi @Ana-Perez.", existing)).toBe("Hi [@ana-perez](/members/ana-perez).");
  });

  it("leaves unknown handles as written", () => {
    expect(linkMentions("Hi @nobody-here", existing)).toBe("Hi @nobody-here");
  });

  it("leaves code alone", () => {
    const source = "`@ana-perez`\n\n```\n@ana-perez\n```\n";
    expect(linkMentions(source, existing)).toBe(source);
  });
});
