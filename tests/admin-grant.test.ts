// npm run admin:grant: who can be made an administrator from the command line.
import { describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { grantAdmin } from "../scripts/admin-grant";
import { createTestMember } from "./fixtures/members";

const roleOf = async (userId: string) => (await prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { role: true } })).role;

describe("admin:grant", () => {
  it("makes a confirmed account an administrator, once, whatever the address's case", async () => {
    const member = await createTestMember();
    expect(await grantAdmin(`  ${member.email.toUpperCase()} `)).toBe("granted");
    expect(await roleOf(member.userId)).toBe("ADMIN");
    expect(await grantAdmin(member.email)).toBe("already-admin");
  });

  it("refuses an account whose address is not confirmed, and an unknown address", async () => {
    const pending = await createTestMember({ confirmed: false });
    expect(await grantAdmin(pending.email)).toBe("unconfirmed");
    expect(await roleOf(pending.userId)).toBe("MEMBER");
    expect(await grantAdmin("nobody-at-all@example.org")).toBe("no-account");
  });
});
