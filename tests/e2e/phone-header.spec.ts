// The header on a phone (issue 24 §11): one row with the site name, the
// badges and a "Menu" disclosure that holds the sections and the account
// links; it opens from the keyboard, with or without JavaScript. From the
// `md` breakpoint up the links show as before. A member who opens `/` lands
// on their own home.
import type { Page } from "@playwright/test";
import { accessibilityViolations, expect, test } from "./fixtures";
import { heading, signUp } from "./people";

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };

const header = (page: Page) => page.getByRole("banner");
const menu = (page: Page) => header(page).getByText("Menu", { exact: true });

async function headerHeight(page: Page) {
  const box = await header(page).boundingBox();
  return box!.height;
}

/** Opens the menu from the keyboard: focus on its summary, then Enter. */
async function openMenuWithKeyboard(page: Page) {
  await menu(page).focus();
  await page.keyboard.press("Enter");
  await expect(header(page).getByRole("navigation", { name: "Main" })).toBeVisible();
}

test.describe("on a phone, with JavaScript", () => {
  test.use({ viewport: PHONE });

  test("the signed-in header is one short row, and the Menu opens the links and closes on navigation", async ({ page }) => {
    await signUp(page, "Pat Phone");
    // One row: the site name, the notifications badge and the Menu control.
    expect(await headerHeight(page)).toBeLessThan(120);
    await expect(header(page).getByRole("link", { name: "CME Commons" })).toBeVisible();
    await expect(header(page).getByRole("link", { name: /^Notifications/ })).toBeVisible();
    // The sections are behind the Menu until it is opened.
    await expect(header(page).getByRole("link", { name: "Statements" })).toBeHidden();
    await expect(header(page).getByRole("link", { name: "Settings" })).toBeHidden();
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.screenshot({ path: "test-results/e2e/phone-header-390-closed.png" });

    await openMenuWithKeyboard(page);
    await expect(header(page).getByRole("link", { name: "Statements" })).toBeVisible();
    await expect(header(page).getByRole("navigation", { name: "Your account" }).getByRole("link", { name: "Settings" })).toBeVisible();
    await expect(header(page).getByRole("button", { name: "Log out" })).toBeVisible();
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.screenshot({ path: "test-results/e2e/phone-header-390-open.png" });

    // Escape closes it and leaves focus on the control.
    await page.keyboard.press("Escape");
    await expect(header(page).getByRole("link", { name: "Statements" })).toBeHidden();
    await expect(menu(page)).toBeFocused();

    // Following a link from the menu: the next page opens with the menu closed.
    await expect(page.locator("html[data-hydrated]")).toBeAttached();
    await openMenuWithKeyboard(page);
    await header(page).getByRole("link", { name: "Statements" }).click();
    await expect(page).toHaveURL(/\/statements$/);
    await expect(header(page).getByRole("link", { name: "Statements" })).toBeHidden();
  });

  test("a visitor's header is one short row too, with Log in beside the Menu", async ({ page }) => {
    await page.goto("/");
    expect(await headerHeight(page)).toBeLessThan(120);
    await expect(header(page).getByRole("link", { name: "Log in" })).toBeVisible();
    await expect(header(page).getByRole("link", { name: "Pathways" })).toBeHidden();
    await openMenuWithKeyboard(page);
    await expect(header(page).getByRole("link", { name: "Pathways" })).toBeVisible();
    await expect(header(page).getByRole("link", { name: "Sign up" })).toBeVisible();
    expect(await accessibilityViolations(page)).toEqual([]);
  });
});

test.describe("on a phone, without JavaScript", () => {
  test.use({ viewport: PHONE, javaScriptEnabled: false });

  test("the Menu still opens from the keyboard and shows the links", async ({ page }) => {
    await signUp(page, "Nia Nojs");
    expect(await headerHeight(page)).toBeLessThan(120);
    await expect(header(page).getByRole("link", { name: "My competencies" })).toBeHidden();
    await openMenuWithKeyboard(page);
    await expect(header(page).getByRole("link", { name: "My competencies" })).toBeVisible();
    await expect(header(page).getByRole("link", { name: "Community" })).toBeVisible();
    await header(page).getByRole("link", { name: "Community" }).click();
    await expect(page).toHaveURL(/\/forums\/community$/);
  });
});

test.describe("on a desktop", () => {
  test.use({ viewport: DESKTOP });

  test("the sections and account links show without a menu", async ({ page }) => {
    await signUp(page, "Dee Desk");
    await expect(menu(page)).toBeHidden();
    const main = header(page).getByRole("navigation", { name: "Main" });
    for (const name of ["Home", "Competencies", "Pathways", "Community", "Associations", "Members", "Statements"]) {
      await expect(main.getByRole("link", { name, exact: true })).toBeVisible();
    }
    // Signed in, "Home" is the member's own home, and marked as the current page there.
    await expect(page).toHaveURL(/\/home$/);
    await expect(main.getByRole("link", { name: "Home", exact: true })).toHaveAttribute("aria-current", "page");
    const account = header(page).getByRole("navigation", { name: "Your account" });
    for (const name of ["My home", "My competencies", "Notifications", "Settings"]) {
      await expect(account.getByRole("link", { name, exact: true })).toBeVisible();
    }
    await expect(account.getByRole("button", { name: "Log out" })).toBeVisible();
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.screenshot({ path: "test-results/e2e/phone-header-1280.png" });
  });
});

test("a signed-in member who opens / lands on their own home", async ({ page }) => {
  await signUp(page, "Hal Home");
  await page.goto("/");
  await expect(page).toHaveURL(/\/home$/);
  await expect(heading(page)).toHaveText("Welcome, Hal Home");
  // The site name leads there too.
  await header(page).getByRole("link", { name: "CME Commons" }).click();
  await expect(heading(page)).toHaveText("Welcome, Hal Home");
});
