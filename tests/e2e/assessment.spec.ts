import { test, expect } from "./fixtures";
import { followConfirmationLink, formChecksReady } from "./people";

const uniqueEmail = () => `assessor-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.org`;
const AREAS = 8;

test("a new member takes a baseline self-assessment from start to submission", async ({ page, checkA11y }) => {
  // Sign up and skip onboarding.
  await page.goto("/signup");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Create your account");
  await page.getByLabel("Your name").fill("Sam Assessor");
  const email = uniqueEmail();
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("quiet orchard morning");
  await page.getByRole("button", { name: "Create account" }).click();
  await followConfirmationLink(page, email);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Welcome to CME Commons");
  await page.getByRole("button", { name: "Skip for now" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Welcome, Sam Assessor");

  // The assessment home explains it and offers the baseline.
  await page.goto("/me/assessment");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your competency self-assessment");
  await page.getByRole("button", { name: "Start your baseline" }).click();

  for (let area = 1; area <= AREAS; area++) {
    // Wait for this step's page before touching its form.
    await expect(page.getByText(`Area ${area} of ${AREAS}`, { exact: true })).toBeVisible();
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    if (area === 1) {
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Adult learning principles");
      await expect(page.getByRole("progressbar")).toHaveAttribute("value", "1");
      await checkA11y();
      // Saving without a stage explains what is missing, in the page once its check has loaded.
      await formChecksReady(page);
      await page.getByRole("button", { name: "Save and continue" }).click();
      await expect(page.getByText("Choose the stage that describes you today")).toBeVisible();
      await page.getByLabel("Your target for your next review").selectOption({ label: "Proficient" });
      await page.getByLabel("Evidence notes").fill("Redesigned our grand rounds around **case discussion**.");
    }
    await page.getByRole("radio", { name: "Competent", exact: true }).check();
    await page.getByRole("button", { name: "Save and continue" }).click();
  }

  // Review every answer, then submit.
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Review your self-assessment");
  const first = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: /Adult learning principles/ }) });
  await expect(first).toContainText("Competent");
  await expect(first).toContainText("Proficient");
  await expect(first.getByText("case discussion")).toBeVisible();
  await page.getByRole("button", { name: "Submit assessment" }).click();
  await expect(page).toHaveURL(/\/me\/competencies/);
});
