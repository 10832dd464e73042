import { describe, expect, it } from "vitest";
import { hasWordChanges, wordDiff, type DiffSegment } from "./diff";

const same = (text: string): DiffSegment => ({ kind: "same", text });
const added = (text: string): DiffSegment => ({ kind: "added", text });
const removed = (text: string): DiffSegment => ({ kind: "removed", text });

/** The text a reader reconstructs from the diff: the old one (without additions) or the new one (without removals). */
const rebuild = (segments: DiffSegment[], side: "before" | "after") =>
  segments
    .filter((segment) => segment.kind === "same" || segment.kind === (side === "before" ? "removed" : "added"))
    .map((segment) => segment.text)
    .join("");

const words = (text: string) => text.replace(/\s+/g, "");

describe("wordDiff", () => {
  const cases: { name: string; before: string; after: string; expected: DiffSegment[] }[] = [
    { name: "identical texts", before: "We teach.", after: "We teach.", expected: [same("We teach.")] },
    {
      name: "an inserted word",
      before: "We teach.",
      after: "We teach well.",
      expected: [same("We teach "), added("well"), same(".")],
    },
    {
      name: "a deleted word",
      before: "We teach well.",
      after: "We teach.",
      expected: [same("We teach"), removed(" well"), same(".")],
    },
    {
      name: "a replaced word: removal first, then addition",
      before: "We teach adults.",
      after: "We teach clinicians.",
      expected: [same("We teach "), removed("adults"), added("clinicians"), same(".")],
    },
    {
      name: "punctuation changes on their own",
      before: "Learning, always.",
      after: "Learning; always!",
      expected: [same("Learning"), removed(","), added(";"), same(" always"), removed("."), added("!")],
    },
    {
      name: "Markdown markup is compared as written",
      before: "We **value** evidence.",
      after: "We *value* evidence.",
      expected: [same("We *"), removed("*"), same("value*"), removed("*"), same(" evidence.")],
    },
    {
      name: "a Markdown list item added",
      before: "- one\n- two",
      after: "- one\n- two\n- three",
      expected: [same("- one\n- two\n"), added("- three")],
    },
    {
      name: "whitespace-only changes are not changes (the new spacing is shown)",
      before: "We  teach.\n",
      after: "We teach.",
      expected: [same("We teach.")],
    },
    { name: "empty before: everything added", before: "", after: "A new text.", expected: [added("A new text.")] },
    { name: "empty after: everything removed", before: "An old text.", after: "", expected: [removed("An old text.")] },
    { name: "both empty", before: "", after: "", expected: [] },
  ];

  it.each(cases)("$name", ({ before, after, expected }) => {
    expect(wordDiff(before, after)).toEqual(expected);
  });

  it.each(cases.filter((c) => !c.name.startsWith("whitespace")))(
    "keeps every word of both texts: $name",
    ({ before, after }) => {
      const segments = wordDiff(before, after);
      // The new text exactly; the old one word for word (its spacing next to a change may differ).
      expect(rebuild(segments, "after")).toBe(after);
      expect(words(rebuild(segments, "before"))).toBe(words(before));
    },
  );

  it("never emits two neighbouring segments of the same kind or empty segments", () => {
    const segments = wordDiff(
      "Continuing education professionals design learning that changes practice.",
      "CME professionals plan and evaluate learning that measurably improves patient care.",
    );
    for (const [index, segment] of segments.entries()) {
      expect(segment.text).not.toBe("");
      if (index > 0) expect(segments[index - 1]!.kind).not.toBe(segment.kind);
    }
  });
});

describe("hasWordChanges", () => {
  it.each([
    { before: "a b", after: "a b", expected: false },
    { before: "a  b", after: "a b", expected: false },
    { before: "a b", after: "a c", expected: true },
    { before: "", after: "new", expected: true },
  ])("$before → $after: $expected", ({ before, after, expected }) => {
    expect(hasWordChanges(wordDiff(before, after))).toBe(expected);
  });
});
