import { mkdirSync } from "node:fs";
import { test, expect } from "./fixtures";
import { followConfirmationLink } from "./people";

const uniqueEmail = () => `planner-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.org`;
const GAP = "Only 40% of eligible adults are offered a statin.\n\nOur dashboard shows it has not moved in two years.";

test("a member drafts a mock activity over two visits, fixes the advice and prints the plan", async ({ page, checkA11y }) => {
  // A long journey with screenshots, on a shared two-core machine.
  test.setTimeout(90_000);
  mkdirSync("/tmp/shots", { recursive: true });

  // Sign up and skip onboarding.
  await page.goto("/signup");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Create your account");
  await page.getByLabel("Your name").fill("Pat Planner");
  const email = uniqueEmail();
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("quiet orchard morning");
  await page.getByRole("button", { name: "Create account" }).click();
  await followConfirmationLink(page, email);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Welcome to CME Commons");
  await page.getByRole("button", { name: "Skip for now" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Welcome, Pat Planner");

  // Name the plan.
  await page.goto("/me/plans/new");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Name your plan");
  await checkA11y();
  await page.getByLabel("Name of the plan").fill("Statin webinar");
  await page.getByRole("button", { name: "Create plan" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Statin webinar");
  await expect(page.getByText("Not saved yet.")).toBeVisible();

  // First visit: some fields, one objective that cannot be measured.
  await page.getByLabel("Professional practice gap").fill(GAP);
  await page.getByRole("checkbox", { name: "Performance", exact: true }).check();
  await page.getByLabel("Target audience").fill("Primary care physicians and nurse practitioners");
  await page.getByLabel("Learning objectives").fill("Understand the guideline");
  await page.getByRole("radio", { name: "Internet live course" }).check();
  await page.getByRole("radio", { name: /Level 5 — Performance/ }).check();
  await page.getByRole("checkbox", { name: /Satisfaction survey/ }).check();
  await page.getByRole("button", { name: "Save", exact: true }).click();

  await expect(page.getByRole("status").getByText(/Saved on/)).toBeVisible();
  const suggestions = page.getByRole("complementary", { name: "Suggestions" });
  await expect(suggestions.getByRole("link", { name: /“Understand the guideline”/ })).toBeVisible();
  await expect(suggestions.getByRole("link", { name: /level 5 \(performance\)/ })).toBeVisible();
  await expect(suggestions).toContainText("These are not errors");
  await checkA11y();

  await page.setViewportSize({ width: 360, height: 800 });
  await page.screenshot({ path: "/tmp/shots/planner-editor-360.png", fullPage: true });
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.screenshot({ path: "/tmp/shots/planner-editor-desktop.png" });

  // Leave, then come back through the list: everything is as typed.
  await page.goto("/home");
  await page.goto("/me/plans");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your activity plans");
  await checkA11y();
  await page.getByRole("link", { name: "Statin webinar" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Statin webinar");
  await expect(page.getByLabel("Professional practice gap")).toHaveValue(GAP);
  await expect(page.getByLabel("Target audience")).toHaveValue("Primary care physicians and nurse practitioners");
  await expect(page.getByLabel("Learning objectives")).toHaveValue("Understand the guideline");
  await expect(page.getByRole("checkbox", { name: "Performance", exact: true })).toBeChecked();
  await expect(page.getByRole("radio", { name: /Level 5 — Performance/ })).toBeChecked();
  await expect(page.getByText(/^Last saved/)).toBeVisible();

  // Fix the objective and the evaluation: that advice goes away.
  await page.getByLabel("Learning objectives").fill("Apply the guideline to two patient cases");
  await page.getByRole("checkbox", { name: /Chart audit or performance data/ }).check();
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByRole("status").getByText(/Saved on/)).toBeVisible();
  await expect(page.getByLabel("Learning objectives")).toHaveValue("Apply the guideline to two patient cases");
  await expect(suggestions.getByRole("link", { name: /Understand the guideline/ })).toHaveCount(0);
  await expect(suggestions.getByRole("link", { name: /level 5 \(performance\)/ })).toHaveCount(0);
  await expect(suggestions.getByRole("link", { name: /No disclosure plan yet/ })).toBeVisible();

  // The other standards are advice too: say the activity is supported, then how the support is managed.
  await expect(suggestions.getByRole("link", { name: /Standard 4 applies only if/ })).toBeVisible();
  await page.getByRole("radio", { name: /Supported by an ineligible company/ }).check();
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByRole("status").getByText(/Saved on/)).toBeVisible();
  await expect(suggestions.getByRole("link", { name: /Standard 4 applies only if/ })).toHaveCount(0);
  await expect(suggestions.getByRole("link", { name: /written agreement/ })).toBeVisible();
  await page.getByLabel("Managing the support").fill("Letter of agreement signed before planning starts");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByRole("status").getByText(/Saved on/)).toBeVisible();
  await expect(suggestions.getByRole("link", { name: /written agreement/ })).toHaveCount(0);

  // The print view: a clean document with everything filled in.
  await page.getByRole("link", { name: "Print or save as PDF" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Statin webinar");
  await expect(page.getByRole("button", { name: "Print" })).toBeVisible();
  const plan = page.getByRole("article");
  await expect(plan).toContainText("Prepared by Pat Planner");
  await expect(plan).toContainText("Only 40% of eligible adults are offered a statin.");
  await expect(plan.getByRole("listitem").filter({ hasText: "Apply the guideline to two patient cases" })).toBeVisible();
  await expect(plan).toContainText("Internet live course");
  await expect(plan).toContainText("Level 5 — Performance");
  await expect(plan).toContainText("Chart audit or performance data");
  await expect(plan).toContainText("Supported by an ineligible company");
  await expect(plan).toContainText("Letter of agreement signed before planning starts");
  await checkA11y();
  await page.screenshot({ path: "/tmp/shots/planner-print.png", fullPage: true });
  await page.emulateMedia({ media: "print" });
  await expect(page.getByRole("button", { name: "Print" })).toBeHidden();
  await page.screenshot({ path: "/tmp/shots/planner-print-media.png", fullPage: true });
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the worksheet saves, keeps what was typed and shows the suggestions", async ({ page }) => {
    test.setTimeout(60_000);
    await page.goto("/signup");
    await page.getByLabel("Your name").fill("Noel Nojs");
    const email = uniqueEmail();
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill("quiet orchard morning");
    await page.getByRole("button", { name: "Create account" }).click();
    await followConfirmationLink(page, email);
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Welcome to CME Commons");

    await page.goto("/me/plans");
    await page.getByLabel("Name of the plan").fill("Plain HTML plan");
    await page.getByRole("button", { name: "Start a new plan" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Plain HTML plan");

    await page.getByLabel("Learning objectives").fill("Know the standards\nList the five standards");
    await page.getByRole("radio", { name: "Enduring material" }).check();
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await expect(page.getByText(/Saved on/)).toBeVisible();
    await expect(page.getByLabel("Learning objectives")).toHaveValue("Know the standards\nList the five standards");
    await expect(page.getByRole("radio", { name: "Enduring material" })).toBeChecked();
    await expect(page.getByRole("complementary", { name: "Suggestions" })).toContainText("uses “know”");
  });
});
