import { describe, expect, it } from "vitest";
import { cursorDate, cursorString, decodeCursor, encodeCursor } from "./cursor";

const readPair = ([at, id]: unknown[]) => {
  const date = cursorDate(at);
  const text = cursorString(id, 40);
  return date && text ? { at: date, id: text } : null;
};

describe("keyset cursors", () => {
  it("round-trips a sort key, dates included", () => {
    const at = new Date("2025-03-04T05:06:07.089Z");
    const cursor = encodeCursor([at, "c123"]);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor, { length: 2 }, readPair)).toEqual({ at, id: "c123" });
  });

  it("keeps numbers, booleans and nulls", () => {
    const cursor = encodeCursor([1, "x", true, null]);
    expect(decodeCursor(cursor, { length: 4 }, (parts) => parts)).toEqual([1, "x", true, null]);
  });

  it.each([
    ["nothing", null],
    ["empty", ""],
    ["not base64url JSON", "%%%"],
    ["not an array", Buffer.from('{"a":1}').toString("base64url")],
    ["the wrong length", encodeCursor(["2025-01-01T00:00:00.000Z", "a", "b"])],
    ["a part the reader refuses", encodeCursor(["not a date", "a"])],
    ["an id too long", encodeCursor([new Date(0), "x".repeat(41)])],
  ])("is null for %s", (_, text) => {
    expect(decodeCursor(text, { length: 2 }, readPair)).toBeNull();
  });

  it("is null past maxLength", () => {
    const cursor = encodeCursor([new Date(0), "a"]);
    expect(decodeCursor(cursor, { length: 2, maxLength: cursor.length - 1 }, readPair)).toBeNull();
    expect(decodeCursor(cursor, { length: 2, maxLength: cursor.length }, readPair)).not.toBeNull();
  });
});
