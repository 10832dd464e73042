import { mkdirSync } from "node:fs";
import type { Page } from "@playwright/test";
import { test, expect } from "./fixtures";
import { signUp } from "./people";

async function startPlan(page: Page, title: string) {
  await page.goto("/me/plans");
  await page.getByLabel("Name of the plan").fill(title);
  await page.getByRole("button", { name: "Start a new plan" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
}

const GAP = "Only 40% of eligible adults are offered a statin.\n\nOur dashboard shows it has not moved in two years.";

test("a member drafts a mock activity over two visits, fixes the advice and prints the plan", async ({ page, checkA11y }) => {
  // A long journey with screenshots, on a shared two-core machine.
  test.setTimeout(90_000);
  mkdirSync("/tmp/shots", { recursive: true });

  await signUp(page, "Pat Planner");

  // Name the plan.
  await page.goto("/me/plans/new");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Name your plan");
  await checkA11y();
  await page.getByLabel("Name of the plan").fill("Statin webinar");
  await page.getByRole("button", { name: "Create plan" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Statin webinar");
  await expect(page.getByText("Not saved yet.")).toBeVisible();

  // First visit: some sections, each saved on its own, one objective that cannot be measured.
  const gapSection = page.getByRole("region", { name: "Gap and need" });
  await gapSection.getByLabel("Professional practice gap").fill(GAP);
  await gapSection.getByRole("checkbox", { name: "Performance", exact: true }).check();
  await expect(gapSection.getByText("Unsaved changes")).toBeVisible();
  await page.getByRole("button", { name: "Save gap and need" }).click();
  // Back at the section just saved, told so there.
  await expect(page).toHaveURL(/#gap-and-need$/);
  await expect(page.getByRole("heading", { level: 2, name: "Gap and need" })).toBeFocused();
  await expect(gapSection.getByText(/^✓ Gap and need saved on/)).toBeVisible();
  await expect(page.getByRole("status").getByText(/Gap and need saved on/)).toBeAttached();

  await page.getByLabel("Target audience").fill("Primary care physicians and nurse practitioners");
  await page.getByRole("button", { name: "Save audience" }).click();
  await expect(page.getByRole("region", { name: "Audience" }).getByText(/Audience saved on/)).toBeVisible();
  await page.getByLabel("Learning objectives").fill("Understand the guideline");
  await page.getByRole("button", { name: "Save objectives" }).click();
  await expect(page.getByRole("region", { name: "Objectives" }).getByText(/Objectives saved on/)).toBeVisible();
  await page.getByRole("radio", { name: "Internet live course" }).check();
  await page.getByRole("radio", { name: /Level 5 — Performance/ }).check();
  await page.getByRole("button", { name: "Save format and outcome level" }).click();
  await expect(page).toHaveURL(/#format$/);
  await page.getByRole("checkbox", { name: /Satisfaction survey/ }).check();
  await page.getByRole("button", { name: "Save evaluation" }).click();
  await expect(page.getByRole("region", { name: "Evaluation" }).getByText(/Evaluation saved on/)).toBeVisible();

  const suggestions = page.getByRole("complementary", { name: "Suggestions" });
  await expect(suggestions.getByRole("link", { name: /“Understand the guideline”/ })).toBeVisible();
  await expect(suggestions.getByRole("link", { name: /level 5 \(performance\)/ })).toBeVisible();
  await expect(suggestions).toContainText("These are not errors");
  await checkA11y();

  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: "/tmp/shots/planner-editor-390.png", fullPage: true });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: "/tmp/shots/planner-editor-390-top.png" });
  await page.screenshot({ path: "/tmp/shots/planner-editor-390-viewport.png" });
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: "/tmp/shots/planner-editor-desktop.png" });

  // Leave, then come back through the list: everything is as saved, and nothing asks about unsaved changes.
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
  await expect(page.getByText("Restored your unsaved changes")).toHaveCount(0);

  // Fix the objective and the evaluation: that advice goes away.
  await page.getByLabel("Learning objectives").fill("Apply the guideline to two patient cases");
  await page.getByRole("button", { name: "Save objectives" }).click();
  await expect(page.getByRole("region", { name: "Objectives" }).getByText(/Objectives saved on/)).toBeVisible();
  await page.getByRole("checkbox", { name: /Chart audit or performance data/ }).check();
  await page.getByRole("button", { name: "Save evaluation" }).click();
  await expect(page.getByRole("region", { name: "Evaluation" }).getByText(/Evaluation saved on/)).toBeVisible();
  await expect(page.getByLabel("Learning objectives")).toHaveValue("Apply the guideline to two patient cases");
  await expect(suggestions.getByRole("link", { name: /Understand the guideline/ })).toHaveCount(0);
  await expect(suggestions.getByRole("link", { name: /level 5 \(performance\)/ })).toHaveCount(0);
  await expect(suggestions.getByRole("link", { name: /No disclosure plan yet/ })).toBeVisible();

  // The other standards are advice too: say the activity is supported, then how the support is managed.
  const integrity = page.getByRole("region", { name: "Integrity and independence" });
  await expect(suggestions.getByRole("link", { name: /Standard 4 applies only if/ })).toBeVisible();
  await page.getByRole("radio", { name: /Supported by an ineligible company/ }).check();
  await page.getByRole("button", { name: "Save integrity and independence" }).click();
  await expect(integrity.getByText(/Integrity and independence saved on/)).toBeVisible();
  await expect(suggestions.getByRole("link", { name: /Standard 4 applies only if/ })).toHaveCount(0);
  await expect(suggestions.getByRole("link", { name: /written agreement/ })).toBeVisible();
  await page.getByLabel("Managing the support").fill("Letter of agreement signed before planning starts");
  await page.getByRole("button", { name: "Save integrity and independence" }).click();
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

test("what a member types is kept as a draft, and leaving asks first", async ({ page, checkA11y }) => {
  test.setTimeout(60_000);
  await signUp(page, "Dana Draft");
  await startPlan(page, "Draft plan");

  // Type without saving, then reload: the browser asks first, and the draft comes back.
  const gap = page.getByRole("region", { name: "Gap and need" });
  await gap.getByLabel("Professional practice gap").fill("Typed, never saved");
  await gap.getByRole("checkbox", { name: "Knowledge", exact: true }).check();
  await expect(gap.getByText("Unsaved changes")).toBeVisible();
  const asked = new Promise<string>((resolve) =>
    page.once("dialog", (dialog) => {
      resolve(dialog.type());
      void dialog.accept();
    }),
  );
  await page.reload();
  expect(await asked).toBe("beforeunload");
  await expect(gap.getByText("Restored your unsaved changes")).toBeVisible();
  await expect(gap.getByLabel("Professional practice gap")).toHaveValue("Typed, never saved");
  await expect(gap.getByRole("checkbox", { name: "Knowledge", exact: true })).toBeChecked();
  await checkA11y();
  await page.setViewportSize({ width: 390, height: 844 });
  await gap.scrollIntoViewIfNeeded();
  await page.screenshot({ path: "/tmp/shots/planner-draft-390.png" });
  await page.setViewportSize({ width: 1280, height: 900 });

  // Following a link asks too: stay, then leave.
  await page.getByRole("link", { name: "Print or save as PDF" }).click();
  const dialog = page.getByRole("dialog", { name: "Leave without saving?" });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText("Gap and need");
  await checkA11y();
  await page.screenshot({ path: "/tmp/shots/planner-leave-dialog.png" });
  await dialog.getByRole("button", { name: "Stay on this page" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Draft plan");
  await page.getByRole("link", { name: "Print or save as PDF" }).click();
  await page.getByRole("dialog", { name: "Leave without saving?" }).getByRole("button", { name: "Leave without saving" }).click();
  await expect(page.getByRole("button", { name: "Print" })).toBeVisible();
  await expect(page.getByRole("article")).not.toContainText("Typed, never saved");

  // Back at the plan: the draft is there; discarding it brings back what was saved (nothing).
  await page.goBack();
  await expect(gap.getByLabel("Professional practice gap")).toHaveValue("Typed, never saved");
  await gap.getByRole("button", { name: "Discard changes" }).click();
  await expect(gap.getByLabel("Professional practice gap")).toHaveValue("");
  await expect(gap.getByRole("checkbox", { name: "Knowledge", exact: true })).not.toBeChecked();
  await expect(gap.getByText("Restored your unsaved changes")).toHaveCount(0);

  // Once saved, the draft is gone: a reload shows the saved text and no notice.
  await gap.getByLabel("Professional practice gap").fill("Saved this time");
  await page.getByRole("button", { name: "Save gap and need" }).click();
  await expect(gap.getByText(/Gap and need saved on/)).toBeVisible();
  await page.reload();
  await expect(gap.getByLabel("Professional practice gap")).toHaveValue("Saved this time");
  await expect(gap.getByText("Restored your unsaved changes")).toHaveCount(0);
  // A draft made before the section was saved somewhere else says so when it comes back.
  await gap.getByLabel("Professional practice gap").fill("Draft from this browser");
  await expect.poll(() => page.evaluate(() => Object.keys(localStorage).some((key) => key.endsWith(":gap-and-need")))).toBe(true);
  const origin = new URL(page.url()).origin;
  const saved = await page.request.post(`${new URL(page.url()).pathname}?index`, {
    form: { intent: "gap-and-need", practiceGap: "Saved on another device" },
    headers: { Origin: origin },
    maxRedirects: 0,
  });
  expect(saved.status()).toBe(302);
  page.once("dialog", (dialog) => void dialog.accept());
  await page.reload();
  await expect(gap.getByText(/saved somewhere else after you made them/)).toBeVisible();
  await expect(gap.getByLabel("Professional practice gap")).toHaveValue("Draft from this browser");
  await gap.getByRole("button", { name: "Discard changes" }).click();
  await expect(gap.getByLabel("Professional practice gap")).toHaveValue("Saved on another device");

  // Nothing unsaved: links leave without asking.
  await page.getByRole("link", { name: "Print or save as PDF" }).click();
  await expect(page.getByRole("button", { name: "Print" })).toBeVisible();

  // Logging out leaves no draft behind for the next person at this computer.
  await page.goBack();
  await gap.getByLabel("How you know the gap exists").fill("Left for the next person?");
  const drafts = () => page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith("draft:")).length);
  await expect.poll(drafts).toBe(1);
  await page.getByRole("button", { name: "Log out" }).click();
  await page.getByRole("dialog", { name: "Leave without saving?" }).getByRole("button", { name: "Leave without saving" }).click();
  await expect(page.getByRole("link", { name: "Log in" }).first()).toBeVisible();
  expect(await drafts()).toBe(0);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("a section saves on its own and the page comes back to it, with what was typed", async ({ page }) => {
    test.setTimeout(60_000);
    await signUp(page, "Noel Nojs");
    await startPlan(page, "Plain HTML plan");

    const objectives = page.getByRole("region", { name: "Objectives" });
    await objectives.getByLabel("Learning objectives").fill("Know the standards\nList the five standards");
    await page.getByRole("button", { name: "Save objectives" }).click();
    await expect(page).toHaveURL(/#objectives$/);
    await expect(objectives.getByText(/^✓ Objectives saved on/)).toBeVisible();
    await expect(objectives.getByLabel("Learning objectives")).toHaveValue("Know the standards\nList the five standards");
    await expect(page.getByRole("complementary", { name: "Suggestions" })).toContainText("uses “know”");
    // The browser scrolled to the section saved.
    await expect(page.getByRole("heading", { level: 2, name: "Objectives" })).toBeInViewport();
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: "/tmp/shots/planner-nojs-saved-390.png" });
    await page.setViewportSize({ width: 1280, height: 900 });

    await page.getByRole("radio", { name: "Enduring material" }).check();
    await page.getByRole("button", { name: "Save format and outcome level" }).click();
    await expect(page).toHaveURL(/#format$/);
    await expect(page.getByRole("region", { name: "Format and outcome level" }).getByText(/Format and outcome level saved on/)).toBeVisible();
    await expect(page.getByRole("radio", { name: "Enduring material" })).toBeChecked();
    await expect(page.getByLabel("Learning objectives")).toHaveValue("Know the standards\nList the five standards");
    await page.screenshot({ path: "/tmp/shots/planner-nojs-saved-1280.png" });
  });
});
