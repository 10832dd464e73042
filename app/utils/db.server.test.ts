import { describe, expect, it } from "vitest";
import { Prisma } from "~/generated/prisma/client";
import { isWriteConflict } from "./db.server";

const known = (code: string, meta?: Record<string, unknown>) =>
  new Prisma.PrismaClientKnownRequestError("failed", { code, clientVersion: "test", meta });

describe("isWriteConflict", () => {
  it("recognises a transaction ended by a concurrent one, and nothing else", () => {
    expect(isWriteConflict(known("P2034"))).toBe(true);
    expect(isWriteConflict(known("P2010", { code: "40P01" }))).toBe(true);
    expect(isWriteConflict(known("P2010", { code: "40001" }))).toBe(true);
    expect(isWriteConflict(known("P2010", { code: "23505" }))).toBe(false);
    expect(isWriteConflict(known("P2002"))).toBe(false);
    expect(isWriteConflict(new Error("deadlock detected"))).toBe(false);
    expect(isWriteConflict(undefined)).toBe(false);
  });
});
