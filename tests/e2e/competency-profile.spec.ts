import type { Page } from "@playwright/test";
import { test, expect } from "./fixtures";
import { AREAS, followConfirmationLink, takeAssessment } from "./people";


async function signUp(page: Page, name: string) {
  await page.goto("/signup");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Create your account");
  await page.getByLabel("Your name").fill(name);
  const email = `reviewee-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.org`;
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("quiet orchard morning");
  await page.getByRole("button", { name: "Create account" }).click();
  await followConfirmationLink(page, email);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Welcome to CME Commons");
  await page.getByRole("button", { name: "Skip for now" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Welcome, ${name}`);
}

test("baseline, reassessment, the change on the profile, CSV export and a revocable share link", async ({
  page,
  browser,
  checkA11y,
}) => {
  test.setTimeout(90_000);
  await signUp(page, "Robin Reviewee");
  await takeAssessment(page, "Competent", "Advanced beginner", "Baseline evidence");
  await takeAssessment(page, "Competent", "Competent", "Reassessment evidence");

  // The profile shows the change since the previous assessment, and the gap.
  await expect(page.getByText("+1 stage in Educational interventions")).toBeVisible();
  await expect(page.getByRole("img", { name: /./ }).first()).toBeVisible();
  await checkA11y();

  // CSV: one row per area per assessment, plus the header.
  const csv = await page.request.get("/me/competencies.csv");
  expect(csv.status()).toBe(200);
  expect(csv.headers()["content-type"]).toContain("text/csv");
  const rows = (await csv.text()).replace(/^\uFEFF/, "").trim().split(/\r\n/);
  expect(rows).toHaveLength(1 + AREAS * 2);

  // A share link works for someone who is not logged in…
  await page.getByRole("link", { name: "Share your review pack" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Share your review pack");
  await page.getByLabel("Who is it for? (optional)").fill("My manager");
  await page.getByRole("button", { name: "Make a share link" }).click();
  const url = await page.getByRole("status").getByRole("link").getAttribute("href");
  expect(url).toMatch(/\/shared\/[a-z2-7]{32}$/);
  // The link is shown once: a button copies it, and the form is empty for the next one.
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.getByRole("button", { name: "Copy link" }).click();
  await expect(page.getByText("Copied to the clipboard.")).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(url);
  await expect(page.getByLabel("Who is it for? (optional)")).toHaveValue("");

  const reviewer = await browser.newContext();
  const reviewerPage = await reviewer.newPage();
  const shared = await reviewerPage.goto(url!);
  expect(shared?.status()).toBe(200);
  expect(shared?.headers()["x-robots-tag"]).toContain("noindex");
  await expect(reviewerPage.getByRole("heading", { level: 1 })).toContainText("Robin Reviewee");
  await expect(reviewerPage.getByText("Reassessment evidence").first()).toBeVisible();

  // …until it is revoked: then it shows nothing.
  await page.getByRole("button", { name: /Revoke/ }).click();
  await expect(page.getByText("The link was revoked.")).toBeVisible();
  const gone = await reviewerPage.goto(url!);
  expect(gone?.status()).toBe(410);
  await expect(reviewerPage.getByRole("heading", { level: 1 })).toHaveText("This link was revoked");
  await expect(reviewerPage.getByText("Reassessment evidence")).toHaveCount(0);
  await reviewer.close();
});
