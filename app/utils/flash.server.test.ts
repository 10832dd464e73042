import { describe, expect, it } from "vitest";
import { flashOf } from "../../tests/fixtures/flash";
import { FLASH_COOKIE, readFlash, redirectWithFlash } from "./flash.server";

describe("flash messages", () => {
  it("ride on a redirect, in a cookie of their own", async () => {
    const response = await redirectWithFlash("/somewhere", "It worked.");
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/somewhere");
    // Nobody may keep it: every response that sets a cookie is private, no-store (cache-policy.test.ts).
    const cookie = response.headers.getSetCookie().find((value) => value.startsWith(`${FLASH_COOKIE}=`));
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).toMatch(/Path=\//);
    expect(await flashOf(response)).toBe("It worked.");
  });

  it("are read once: reading clears the cookie", async () => {
    const response = await redirectWithFlash("/", "Saved.");
    const cookie = response.headers.getSetCookie()[0]!.split(";")[0]!;
    const { flash, headers } = await readFlash(new Request("http://localhost/", { headers: { Cookie: `other=1; ${cookie}` } }));
    expect(flash).toEqual({ id: expect.any(String), message: "Saved." });
    const cleared = headers!.getSetCookie()[0]!;
    expect(cleared).toMatch(new RegExp(`^${FLASH_COOKIE}=;`));
    expect(cleared).toMatch(/Max-Age=0/i);
  });

  it("can name the part of the page they are about", async () => {
    const response = await redirectWithFlash("/plan#audience", { message: "Audience saved.", at: "audience" });
    expect(response.headers.get("Location")).toBe("/plan#audience");
    const cookie = response.headers.getSetCookie()[0]!.split(";")[0]!;
    const { flash } = await readFlash(new Request("http://localhost/plan", { headers: { Cookie: cookie } }));
    expect(flash).toEqual({ id: expect.any(String), message: "Audience saved.", at: "audience" });
  });

  it("cost nothing when there is none, and ignore a cookie that is not a message", async () => {
    expect(await readFlash(new Request("http://localhost/"))).toEqual({ flash: null, headers: null });
    const forged = await readFlash(new Request("http://localhost/", { headers: { Cookie: `${FLASH_COOKIE}=bm90IGpzb24` } }));
    expect(forged.flash).toBeNull();
    expect(forged.headers).not.toBeNull();
  });

  it("are signed when SESSION_SECRET is set, and a changed value is refused", async () => {
    const before = process.env.SESSION_SECRET;
    process.env.SESSION_SECRET = "a long and random secret for this test only";
    try {
      const response = await redirectWithFlash("/", "Signed.");
      expect(await flashOf(response)).toBe("Signed.");
      const [value] = response.headers.getSetCookie()[0]!.split(";");
      const tampered = value!.replace(/.(\.[^.]*)$/, (match, rest: string) => (match[0] === "A" ? "B" : "A") + rest);
      const { flash } = await readFlash(new Request("http://localhost/", { headers: { Cookie: tampered } }));
      expect(flash).toBeNull();
    } finally {
      if (before === undefined) delete process.env.SESSION_SECRET;
      else process.env.SESSION_SECRET = before;
    }
  });
});
