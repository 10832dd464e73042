import { mkdirSync } from "node:fs";
import { test, expect } from "./fixtures";
import { heading, screenshotsAtBothSizes, signUp } from "./people";

const PHONE = { width: 390, height: 844 };

test("on a phone, a member records their CHCP dates, logs entries (one from a completed pathway step) and sees Section 1 complete", async ({
  page,
  checkA11y,
  consoleErrors,
}) => {
  test.setTimeout(120_000);
  mkdirSync("/tmp/shots", { recursive: true });
  await signUp(page, "Casey Recert");
  await page.setViewportSize(PHONE);

  // A completed pathway step, to add later.
  await page.goto("/pathways/newcomer-onboarding/steps/cme-fundamentals");
  await page.getByLabel("Your reflection").fill("Wrote a glossary of accreditation terms.");
  await page.getByRole("button", { name: "Mark as complete" }).click();
  await expect(page.getByRole("heading", { name: "You completed this step" })).toBeVisible();

  // The log, before any dates.
  await page.goto("/me/chcp");
  await expect(heading(page)).toHaveText("Your CHCP® recertification log");
  await expect(page.getByText("The Alliance decides what counts.")).toBeVisible();
  await expect(page.getByRole("link", { name: "current requirements", exact: true })).toHaveAttribute("href", "https://www.acehp.org/Recognition/Recertification");
  await checkA11y();

  // The dates: a cycle start before the earned date is refused beside its field, the text kept.
  await page.getByRole("link", { name: "Record your CHCP dates" }).click();
  await expect(heading(page)).toHaveText("Record your CHCP dates");
  await page.getByLabel("Date you first earned the CHCP").fill("2023-03-01");
  await page.getByLabel("First day of your current cycle").fill("2022-03-01");
  await page.getByRole("button", { name: "Save dates" }).click();
  await expect(page.getByText("A cycle cannot start before you earned the credential.").first()).toBeVisible();
  await expect(page.getByLabel("First day of your current cycle")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Date you first earned the CHCP")).toHaveValue("2023-03-01");
  // The summary at the top links to the field.
  await expect(page.getByRole("link", { name: "A cycle cannot start before you earned the credential." })).toHaveAttribute(
    "href",
    `#${await page.getByLabel("First day of your current cycle").getAttribute("id")}`,
  );
  await checkA11y();
  await screenshotsAtBothSizes(page, "chcp-dates-error");
  await page.setViewportSize(PHONE);
  await page.getByLabel("First day of your current cycle").fill("2024-03-01");
  await page.getByRole("button", { name: "Save dates" }).click();
  await expect(page.getByRole("status").getByText("Your CHCP dates are saved. Your current cycle ends on March 1, 2027.")).toBeAttached();
  await expect(heading(page)).toHaveText("Your CHCP® recertification log");

  // One click from the completed step: the member chooses the kind and the hours.
  const fromPathways = page.getByRole("region", { name: "From your pathways" });
  await fromPathways.getByRole("link", { name: /^Add to log: / }).click();
  await expect(heading(page)).toHaveText("Add to your CHCP log");
  await expect(page.getByText("the site does not decide whether it counts")).toBeVisible();
  await expect(page.getByLabel("Description")).toHaveValue(/\(Newcomer onboarding, CME Commons pathway\)$/);
  await page.getByLabel("Kind of activity").selectOption({ label: "Informal education (hours)" });
  await page.getByRole("button", { name: "Add entry" }).click();
  // Hours are needed for education: said beside the field, nothing lost.
  const hours = page.getByLabel("Hours", { exact: true });
  await expect(hours).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByRole("link", { name: "Enter the hours of informal education." })).toHaveAttribute("href", `#${await hours.getAttribute("id")}`);
  await expect(page.getByLabel("Description")).toHaveValue(/CME Commons pathway\)$/);
  await checkA11y();
  await screenshotsAtBothSizes(page, "chcp-entry-from-step");
  await page.setViewportSize(PHONE);
  await hours.fill("1.5");
  await page.getByRole("button", { name: "Add entry" }).click();
  await expect(page.getByRole("status").getByText(/Added to your log: /)).toBeAttached();
  await expect(page.getByRole("region", { name: "From your pathways" }).getByText("No completed steps waiting.")).toBeVisible();

  // Section 1 is not complete yet, and says what is missing.
  const progress = page.getByRole("region", { name: "Progress this cycle" });
  await expect(progress).toContainText("20 hours of informal education: 1.5 hours logged, 18.5 hours to go");

  // A second entry from scratch completes Section 1.
  await page.getByRole("link", { name: "Add an entry" }).first().click();
  await page.getByLabel("Kind of activity").selectOption({ label: "Informal education (hours)" });
  await page.getByLabel("Date", { exact: true }).fill("2025-05-10");
  await page.getByLabel("Hours", { exact: true }).fill("18.5");
  await page.getByLabel("Description").fill("Annual conference education sessions");
  await page.getByLabel("Evidence (optional)").fill("https://example.org/attendance-certificate");
  await page.getByRole("button", { name: "Add entry" }).click();
  await expect(page.getByRole("status").getByText("Added to your log: Annual conference education sessions")).toBeAttached();
  await expect(progress.getByText("Complete in your log: 20 hours of informal education.")).toBeVisible();
  await expect(progress).toContainText("Not complete yet: 3 years of healthcare CPD work: nothing logged yet.");
  const entries = page.getByRole("region", { name: "Your entries this cycle" });
  await expect(entries.getByRole("link", { name: "https://example.org/attendance-certificate" })).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(0);
  await checkA11y();
  await screenshotsAtBothSizes(page, "chcp-log");
  await page.setViewportSize(PHONE);

  // Edit an entry: its date moved before the cycle, it is shown apart and no longer counted.
  await entries.getByRole("link", { name: "Edit “Annual conference education sessions”" }).click();
  await expect(heading(page)).toHaveText("Edit an entry of your CHCP log");
  await checkA11y();
  await page.getByLabel("Date", { exact: true }).fill("2023-05-10");
  await page.getByRole("button", { name: "Save entry" }).click();
  await expect(page.getByRole("region", { name: "Entries outside the current cycle" })).toContainText("Annual conference education sessions");
  await expect(progress).toContainText("18.5 hours to go");
  await page.getByRole("region", { name: "Entries outside the current cycle" }).getByRole("link", { name: /^Edit / }).click();
  await page.getByLabel("Date", { exact: true }).fill("2025-05-10");
  await page.getByRole("button", { name: "Save entry" }).click();
  await expect(progress.getByText("Complete in your log: 20 hours of informal education.")).toBeVisible();

  // Home and the competency profile show the progress.
  await page.goto("/home");
  const panel = page.getByRole("region", { name: "Your CHCP® recertification" });
  await expect(panel).toContainText("Complete in your log: 20 hours of informal education.");
  await expect(panel).toContainText("Still missing in your log: Section 2");
  await checkA11y();
  await page.goto("/me/competencies");
  await expect(page.getByRole("region", { name: "Your CHCP® recertification" })).toContainText("Section 2: healthcare CPD work");

  // The printable summary and the CSV carry the note that the Alliance decides.
  await page.goto("/me/chcp/summary");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Casey Recert");
  await expect(page.getByText("CME Commons is not affiliated with or endorsed by the Alliance.")).toBeVisible();
  await expect(page.getByRole("table", { name: "Entries toward Section 1: informal education or engagement" }).getByRole("row")).toHaveCount(3);
  await checkA11y();
  await screenshotsAtBothSizes(page, "chcp-summary");
  await page.emulateMedia({ media: "print" });
  await page.screenshot({ path: "/tmp/shots/chcp-summary-print.png", fullPage: true });
  await expect(page.getByRole("link", { name: "← Back to your CHCP log" })).toBeHidden();
  await page.emulateMedia({ media: "screen" });
  const csv = await page.request.get("/me/chcp.csv");
  expect(csv.headers()["content-type"]).toBe("text/csv; charset=utf-8");
  const text = await csv.text();
  expect(text).toContain("https://www.acehp.org/Recognition/Recertification");
  expect(text).toContain("Annual conference education sessions");

  // The refused saves (400) log their requests; nothing else may.
  const unexpected = consoleErrors.filter((message) => !/status of 400/.test(message));
  consoleErrors.splice(0, consoleErrors.length, ...unexpected);
});
