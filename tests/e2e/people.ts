// Helpers for journeys with several people (the people fixture gives each a browser context of their own).
import type { Page } from "@playwright/test";
import { E2E_ADMIN } from "./admin-credentials";
import { accessibilityViolations, expect } from "./fixtures";

export const PASSWORD = "harbor lights at dawn";
export const unique = () => `${Date.now()}-${Math.floor(Math.random() * 1e6)}`;
export const heading = (page: Page) => page.getByRole("heading", { level: 1 });

/** Once React has hydrated the page (the root marks the document): in-page handlers are attached. */
export const hydrated = (page: Page) => page.locator("html[data-hydrated]").waitFor({ state: "attached" });

/**
 * Once hydrated and every form's own check has loaded (app/components/ui/lazy-validation.ts marks the
 * document): an incomplete form submitted now is answered in the page. Before that it goes to the
 * server, whose refusal (right, as without JavaScript) is a 400 the console fixture counts.
 */
export async function formChecksReady(page: Page) {
  await hydrated(page);
  await page.locator('html:not([data-form-checks="loading"])').waitFor({ state: "attached" });
}

/** The same accessibility check as the checkA11y fixture, on another person's page. */
export async function checkA11yOn(page: Page) {
  expect(await accessibilityViolations(page)).toEqual([]);
}

/**
 * The newest link matching `path` in an email to `email`, read at /dev/outbox.
 * The server writes sign-up and reset emails just after answering, so the
 * outbox is read again until the email is there.
 */
export async function emailedLink(page: Page, email: string, path: RegExp) {
  let href: string | null = null;
  await expect(async () => {
    await page.goto("/dev/outbox");
    const message = page.getByRole("article").filter({ hasText: email });
    href = await message.getByRole("link", { name: path }).first().getAttribute("href", { timeout: 1_000 });
    expect(href).toBeTruthy();
  }).toPass({ timeout: 15_000 });
  return href!;
}

/**
 * Follows the confirmation link sign-up emailed to `email` (emailedLink),
 * opened and confirmed. Lands where the link leads (the welcome questions, for a new member).
 */
export async function followConfirmationLink(page: Page, email: string) {
  const href = await emailedLink(page, email, /\/confirm-email\//);
  await page.goto(href);
  await expect(heading(page)).toHaveText("Confirm your email address");
  await page.getByRole("button", { name: "Confirm and continue" }).click();
  // The confirmation is done once the page has moved on (a navigation started now would cancel it).
  await expect(heading(page)).not.toHaveText("Confirm your email address");
}

/** Fills the sign-up form (already open), confirms the address from the outbox and skips the onboarding questions; returns the address. */
export async function completeSignUp(page: Page, name: string, emailPrefix = "member"): Promise<string> {
  const email = `${emailPrefix}-${unique()}@example.org`;
  await expect(heading(page)).toHaveText("Create your account");
  await page.getByLabel("Your name").fill(name);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(heading(page)).toHaveText("Check your email to continue");
  await followConfirmationLink(page, email);
  await expect(heading(page)).toContainText("Welcome to CME Commons");
  await page.getByRole("button", { name: "Skip for now" }).click();
  return email;
}

/** Signs up from the sign-up page and lands on the personal home; returns the address. */
export async function signUp(page: Page, name: string, emailPrefix = "member"): Promise<string> {
  await page.goto("/signup");
  const email = await completeSignUp(page, name, emailPrefix);
  await expect(heading(page)).toHaveText(`Welcome, ${name}`);
  return email;
}

/** Creates an association through its form, as the signed-in `page`, and returns its page's path. */
export async function createAssociationThroughForm(
  page: Page,
  name: string,
  options: { description: string; joinPolicy: "Open: any member can join" | "By request: moderators approve each member" | "By invitation only" },
) {
  await page.goto("/associations/new");
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByLabel("Description").fill(options.description);
  await page.getByLabel("How do people join?").selectOption({ label: options.joinPolicy });
  await page.getByRole("button", { name: "Create the association" }).click();
  await expect(heading(page)).toHaveText(name);
  return new URL(page.url()).pathname;
}

/** Logs in as the site administrator every end-to-end server starts with. */
export async function logInAsAdmin(page: Page) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(E2E_ADMIN.email);
  await page.getByLabel("Password").fill(E2E_ADMIN.password);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(heading(page)).not.toHaveText("Log in");
}

/** The member's @handle, read from the profile link in their account menu. */
export async function handleOf(page: Page) {
  const href = await page
    .getByRole("navigation", { name: "Your account" })
    .getByRole("link", { name: /Your profile/ })
    .getAttribute("href");
  return href!.replace("/members/", "");
}

/** The starter framework's number of areas (what a whole assessment steps through). */
export const AREAS = 8;

/** Takes a whole assessment, rating every area `stage` except Educational interventions (area 2). */
export async function takeAssessment(page: Page, stage: string, area2Stage: string, evidence: string) {
  await page.goto("/me/assessment");
  await page.getByRole("button", { name: /Start your (baseline|reassessment)/ }).click();
  for (let area = 1; area <= AREAS; area++) {
    await expect(page.getByText(`Area ${area} of ${AREAS}`, { exact: true })).toBeVisible();
    await page.getByRole("radio", { name: area === 2 ? area2Stage : stage, exact: true }).check();
    if (area === 2) await page.getByLabel("Your target for your next review").selectOption({ label: "Expert" });
    await page.getByLabel("Evidence notes").fill(evidence);
    await page.getByRole("button", { name: "Save and continue" }).click();
  }
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Review your self-assessment");
  await page.getByRole("button", { name: "Submit assessment" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your competency profile");
}

/** Full-page screenshots at a desktop and a phone size, in /tmp/shots (to look at), then back to the desktop size. */
export async function screenshotsAtBothSizes(page: Page, name: string) {
  for (const [width, height] of [
    [1280, 900],
    [390, 844],
  ] as const) {
    await page.setViewportSize({ width, height });
    await page.screenshot({ path: `/tmp/shots/${name}-${width}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}
