// Issue 21: from a gap, a development goal; a pathway step linked, progress recorded; achieved with a
// commitment to change; with the clock moved forward, the 30-day check-in answered from the emailed
// link; the outcome on the profile and in the review pack.
import { expect, test } from "./fixtures";
import { emailedLink, formChecksReady, heading, PASSWORD, screenshotsAtBothSizes, signUp, takeAssessment } from "./people";

test("from a gap to a goal, a commitment and its 30-day check-in", async ({ page, checkA11y, moveClock }) => {
  test.setTimeout(180_000);
  const email = await signUp(page, "Gita Goalsetter", "goals");

  // Asked once: the time zone, proposed from the browser (Playwright's is UTC); she chooses Paris.
  await expect(page.getByRole("heading", { name: "Which time zone are you in?" })).toBeVisible();
  await page.getByLabel("Your time zone").selectOption("Europe/Paris");
  await page.getByRole("button", { name: "Save time zone" }).click();
  await expect(heading(page)).toHaveText("Welcome, Gita Goalsetter");
  await expect(page.getByRole("heading", { name: "Which time zone are you in?" })).toHaveCount(0);
  await expect(page.getByText("No goal due in the next 30 days.")).toBeVisible();

  // A gap: Educational interventions at Advanced beginner, aiming for Expert.
  await takeAssessment(page, "Competent", "Advanced beginner", "Planned two grand rounds.");
  // A pathway she follows, so a step can serve the goal.
  await page.goto("/pathways/newcomer-onboarding");
  await page.getByRole("button", { name: "Enrol in this pathway" }).click();
  await expect(page.getByRole("status").filter({ hasText: "You are enrolled" })).toBeVisible();

  // From the gap on the profile, write a goal; no outcome yet: advice, not refusal.
  await page.goto("/me/competencies");
  await page.getByRole("link", { name: "Write a goal for Educational interventions" }).click();
  await expect(heading(page)).toHaveText("Write a development goal");
  await expect(page.getByText("From your gap in Educational interventions")).toBeVisible();
  await expect(page.getByRole("checkbox", { name: /Educational interventions/ })).toBeChecked();
  // The form's own check answers the empty form in the page once it has loaded (formChecksReady).
  await formChecksReady(page);
  await page.getByRole("button", { name: "Save goal" }).click();
  await expect(page.getByText("⚠ Say what you will do")).toBeVisible();
  await page.getByLabel("What will you do?").fill("Design a case-based workshop for the spring series");
  await page.getByRole("button", { name: "Save goal" }).click();
  await expect(heading(page)).toHaveText("Design a case-based workshop for the spring series");
  const suggestions = page.getByRole("complementary", { name: "Suggestions" });
  await expect(suggestions).toContainText("No measurable outcome yet");
  await expect(suggestions).toContainText("No date yet");

  // Edit: a measurable outcome and a date; the advice goes.
  await page.getByText("Edit this goal").click();
  await page.getByLabel("How will you know? (a measurable outcome)").fill("3 sessions delivered, each with a pre/post knowledge check");
  await page.getByLabel("By when?").fill("2027-06-30");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Goal updated.")).toBeVisible();
  await expect(page.getByRole("complementary", { name: "Suggestions" })).toHaveCount(0);
  await expect(page.getByText("Due June 30, 2027")).toBeVisible();

  // Link a pathway step; record progress.
  await page.getByLabel("Step", { exact: true }).selectOption({ label: "Newcomer onboarding: Understand the fundamentals of CME" });
  await page.getByRole("button", { name: "Link a pathway step" }).click();
  await expect(page.getByRole("link", { name: "Newcomer onboarding: Understand the fundamentals of CME" })).toBeVisible();
  await page.getByLabel("Record progress").fill("Drafted the first case with two colleagues.");
  await page.getByRole("button", { name: "Add progress note" }).click();
  await expect(page.getByText("Drafted the first case with two colleagues.")).toBeVisible();
  await checkA11y();
  await screenshotsAtBothSizes(page, "goal");

  // Achieved, with a commitment to change.
  await page.getByRole("radio", { name: /Achieved/ }).check();
  await page.getByLabel("Reflection", { exact: true }).fill("Cases kept people talking; the knowledge checks showed where.");
  await page.getByLabel(/Your commitment to change/).fill("Open every session I plan with a patient case.");
  await page.getByRole("button", { name: "Close goal" }).click();
  await expect(page.getByText("We will ask how your commitment is going in 30 and in 90 days.")).toBeVisible();
  await expect(page.getByText("Development goal · Achieved")).toBeVisible();

  // Thirty-one days later, the check-in email has come; its link opens the one-question page.
  await moveClock(31);
  const link = await emailedLink(page, email, /\/me\/check-ins\//);
  await page.goto(link);
  // A month on, her session has expired (the housekeeping ran on the moved clock): she logs in and lands on the question.
  await expect(heading(page)).toHaveText("Log in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(heading(page)).toHaveText("30 days on: how is it going?");
  await expect(page.getByText("Open every session I plan with a patient case.")).toBeVisible();
  await formChecksReady(page);
  await page.getByRole("button", { name: "Save my answer" }).click();
  await expect(page.getByText("Choose one answer")).toBeVisible();
  await page.getByRole("radio", { name: /Partly/ }).check();
  await page.getByLabel("What got in the way? (optional)").fill("Two sessions were cancelled.");
  await checkA11y();
  await screenshotsAtBothSizes(page, "check-in");
  await page.getByRole("button", { name: "Save my answer" }).click();

  // The profile shows the commitment and its outcome; the goal is no longer beside the gap.
  await expect(heading(page)).toHaveText("Your competency profile");
  const commitments = page.getByRole("region", { name: "Commitments to change" });
  await expect(commitments).toContainText("Open every session I plan with a patient case.");
  await expect(commitments).toContainText("After 30 days: Partly");
  await expect(commitments).toContainText("What got in the way: Two sessions were cancelled.");
  await expect(page.getByRole("region", { name: "Development goals" })).toContainText("Design a case-based workshop for the spring series");

  // The review pack: the plan for the next period, with the commitment and how it went.
  await page.getByRole("link", { name: "Open your review pack" }).click();
  const plan = page.getByRole("region", { name: "Plan for the next period" });
  await expect(plan).toContainText("Design a case-based workshop for the spring series");
  await expect(plan).toContainText("Cases kept people talking");
  await expect(plan).toContainText("After 30 days: Partly");
  await screenshotsAtBothSizes(page, "pack-plan");
});
