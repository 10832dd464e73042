// /settings/password and /settings/account: what the member is told after
// changing their password or deleting their account, and what is refused.
import { describe, expect, it } from "vitest";
import { action as passwordAction } from "~/routes/accounts/settings.password";
import { action as accountAction } from "~/routes/accounts/settings.account";
import { prisma } from "~/utils/db.server";
import { flashOf } from "../fixtures/flash";
import { signUpConfirmed } from "../fixtures/members";
import { routeArgs } from "../fixtures/route-args";

const run = Math.random().toString(36).slice(2, 8);
const PASSWORD = "correct horse battery staple";

async function member(name: string) {
  const result = await signUpConfirmed({ email: `${run}-${name}@example.org`, password: PASSWORD, displayName: `Settings ${name}` });
  if (!result.ok) throw new Error("sign-up failed");
  return { userId: result.value.userId, cookie: `cme_session=${result.value.token}` };
}

describe("changing the password", () => {
  it("refuses a wrong current password with a field error and no message", async () => {
    const { cookie } = await member("wrong");
    const form = { currentPassword: "not my password", password: "a brand new passphrase", confirmPassword: "a brand new passphrase" };
    const result = await passwordAction(routeArgs("/settings/password", { cookie, form }));
    expect(result).not.toBeInstanceOf(Response);
    expect(result).toMatchObject({ status: "error", error: { currentPassword: [expect.any(String)] } });
  });

  it("changes it and says so on the page it returns to", async () => {
    const { cookie } = await member("right");
    const form = { currentPassword: PASSWORD, password: "a brand new passphrase", confirmPassword: "a brand new passphrase" };
    const response = await passwordAction(routeArgs("/settings/password", { cookie, form }));
    expect(response).toBeInstanceOf(Response);
    expect((response as Response).headers.get("Location")).toBe("/settings/password");
    expect(await flashOf(response as Response)).toBe("Your password was changed. You were logged out everywhere else.");
  });
});

describe("deleting the account", () => {
  it("needs the password and the box ticked; then deletes, logs out and says goodbye on the front page", async () => {
    const { userId, cookie } = await member("delete");
    const unticked = await accountAction(routeArgs("/settings/account", { cookie, form: { password: PASSWORD } }));
    expect(unticked).toMatchObject({ status: "error", error: { confirm: [expect.any(String)] } });
    expect(await prisma.user.count({ where: { id: userId } })).toBe(1);

    const response = await accountAction(routeArgs("/settings/account", { cookie, form: { password: PASSWORD, confirm: "on" } }));
    expect(response).toBeInstanceOf(Response);
    expect((response as Response).headers.get("Location")).toBe("/");
    expect(await flashOf(response as Response)).toMatch(/^Your account and your personal data have been deleted\./);
    expect((response as Response).headers.getSetCookie().some((value) => /^cme_session=;/.test(value))).toBe(true);
    expect(await prisma.user.count({ where: { id: userId } })).toBe(0);
  });
});
