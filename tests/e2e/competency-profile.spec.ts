import type { Page } from "@playwright/test";
import { test, expect } from "./fixtures";
import { E2E_ADMIN } from "./admin-credentials";
import { AREAS, emailedLink, followConfirmationLink, logInAsAdmin, takeAssessment } from "./people";


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

test("the review pack's chart has a name and plots a reviewer's rating, named in its legend", async ({ page, browser, baseURL, checkA11y }) => {
  test.setTimeout(120_000);
  await signUp(page, "Rowan Rated");
  await takeAssessment(page, "Competent", "Advanced beginner", "Baseline evidence");

  // The site administrator is asked to rate Rowan, and rates every area Proficient.
  await page.goto("/me/competencies/reviewers");
  await page.getByLabel("Reviewer’s email address").fill(E2E_ADMIN.email);
  await page.getByRole("button", { name: "Send the invitation" }).click();
  const reviewer = await browser.newContext({ baseURL });
  try {
    const reviewerPage = await reviewer.newPage();
    await logInAsAdmin(reviewerPage);
    await reviewerPage.goto(await emailedLink(reviewerPage, E2E_ADMIN.email, /\/review\//));
    await expect(reviewerPage.getByRole("heading", { level: 1 })).toHaveText("Rate Rowan Rated");
    const areas = reviewerPage.getByRole("group");
    await expect(areas).toHaveCount(AREAS);
    for (let area = 0; area < AREAS; area++) await areas.nth(area).getByRole("radio", { name: /^Proficient/ }).check();
    await reviewerPage.getByRole("button", { name: "Send your rating" }).click();
    await expect(reviewerPage.getByText("Thank you: your rating was sent.")).toBeVisible();
  } finally {
    await reviewer.close();
  }

  await page.goto("/me/competencies/pack");
  const chart = page.getByRole("img", { name: "Rowan Rated: stages in each competency area, baseline, latest and target, and reviewer ratings" });
  await expect(chart).toBeVisible();
  const legend = page.getByRole("list", { name: "Legend" });
  await expect(legend.getByRole("listitem")).toHaveText([
    /^Latest \(also the baseline\)/,
    /^Target/,
    new RegExp(`^Reviewer: ${E2E_ADMIN.name}, .+: dash-dot line, triangle points$`),
  ]);
  // The reviewer's stages are written out on the page too, area by area.
  await expect(page.getByRole("region", { name: "Reviewer ratings" })).toContainText("Proficient");
  await checkA11y();

  // On paper (an A4 page's width) the chart takes most of the width, and starts on the first page beside the summary.
  await page.setViewportSize({ width: 718, height: 1000 });
  await page.emulateMedia({ media: "print" });
  const pack = (await page.getByRole("article", { name: /Rowan Rated/ }).boundingBox())!;
  const drawn = (await chart.boundingBox())!;
  expect(drawn.width).toBeGreaterThan(pack.width * 0.7);
  expect(drawn.y - pack.y).toBeLessThan(400);
});
