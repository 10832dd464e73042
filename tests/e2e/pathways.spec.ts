import { test, expect } from "./fixtures";
import { followConfirmationLink } from "./people";

const uniqueEmail = () => `newcomer-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.org`;
const AREAS = 8;
const MEASURING_PERFORMANCE = 3;

test("a newcomer takes a baseline, follows the recommended onboarding pathway and sees progress at home", async ({
  page,
  checkA11y,
}) => {
  // A long journey: sign-up, an eight-area assessment, then the pathway.
  test.setTimeout(180_000);
  // Sign up, and say where they come from.
  await page.goto("/signup");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Create your account");
  await page.getByLabel("Your name").fill("Nia Newcomer");
  const email = uniqueEmail();
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("quiet orchard morning");
  await page.getByRole("button", { name: "Create account" }).click();
  await followConfirmationLink(page, email);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Welcome to CME Commons");
  await page.getByLabel("What did you do before CME/CE?").selectOption({ label: "Meeting planning" });
  await page.getByRole("button", { name: "Save and continue" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Welcome, Nia Newcomer");

  // Before any assessment, home points to the baseline and to onboarding.
  const recommended = page.getByRole("region", { name: "Recommended next" });
  await expect(recommended).toContainText("You have not taken a baseline yet");
  await expect(recommended.getByRole("link", { name: "Newcomer onboarding" })).toBeVisible();

  // Baseline: Novice everywhere, aiming one stage up, and much higher in Measuring performance.
  await page.goto("/me/assessment");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your competency self-assessment");
  await page.getByRole("button", { name: "Start your baseline" }).click();
  for (let area = 1; area <= AREAS; area++) {
    await expect(page.getByText(`Area ${area} of ${AREAS}`, { exact: true })).toBeVisible();
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await page.getByRole("radio", { name: "Novice", exact: true }).check();
    await page
      .getByLabel("Your target for your next review")
      .selectOption({ label: area === MEASURING_PERFORMANCE ? "Proficient" : "Advanced beginner" });
    await page.getByRole("button", { name: "Save and continue" }).click();
  }
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Review your self-assessment");
  await page.getByRole("button", { name: "Submit assessment" }).click();
  await expect(page).toHaveURL(/\/me\/competencies/);

  // Home now recommends onboarding, saying why.
  await page.goto("/home");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Welcome, Nia Newcomer");
  const onboarding = recommended.getByRole("listitem").filter({ has: page.getByRole("link", { name: "Newcomer onboarding" }) });
  await expect(onboarding).toContainText("Builds Measuring performance, your largest gap (Novice now, aiming for Proficient)");
  await onboarding.getByRole("link", { name: "Newcomer onboarding" }).click();

  // The pathway page: enrol.
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Newcomer onboarding");
  await expect(page.getByText("0 of 5 steps completed")).toBeVisible();
  await checkA11y();
  await page.getByRole("button", { name: "Enrol in this pathway" }).click();
  await expect(page.getByRole("status").filter({ hasText: "You are enrolled" })).toContainText("You are enrolled");

  await page.setViewportSize({ width: 360, height: 800 });
  await page.screenshot({ path: "/tmp/shots/pathway-360.png", fullPage: true });
  await page.setViewportSize({ width: 1280, height: 720 });

  // Step 1: read it and complete it with a reflection.
  await page.getByRole("link", { name: "Understand the fundamentals of CME" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Understand the fundamentals of CME");
  await expect(page.getByRole("heading", { name: "What to do" })).toBeVisible();
  await checkA11y();
  await page.setViewportSize({ width: 360, height: 800 });
  await page.screenshot({ path: "/tmp/shots/step-360.png", fullPage: true });
  await page.setViewportSize({ width: 1280, height: 720 });

  // A reflection is required.
  await page.getByRole("button", { name: "Mark as complete" }).click();
  await expect(page.getByText("Write a sentence or two about what you did or learned")).toBeVisible();
  await page.getByLabel("Your reflection").fill("Wrote a glossary: the gap is the *what*, the need is the *why*.");
  await page.getByLabel("Evidence link (optional)").fill("https://example.org/my-glossary");
  await page.getByRole("button", { name: "Mark as complete" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Step completed: 1 of 5 steps" })).toContainText("Step completed: 1 of 5 steps");
  await expect(page.getByRole("heading", { name: "You completed this step" })).toBeVisible();

  // Step 2, through the "next" link.
  await page.getByRole("navigation", { name: "Steps of this pathway" }).getByRole("link", { name: /Next: Join professional communities/ }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Join professional communities");
  await page.getByLabel("Your reflection").fill("Joined the Alliance and introduced myself in the forum.");
  await page.getByRole("button", { name: "Mark as complete" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Step completed: 2 of 5 steps" })).toContainText("Step completed: 2 of 5 steps");

  // Undo, then complete again.
  await page.getByRole("button", { name: "Undo completion" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Your completion was undone" })).toContainText("Your completion was undone");
  await expect(page.getByRole("heading", { name: "Complete this step" })).toBeVisible();
  await page.getByLabel("Your reflection").fill("Joined the Alliance, and a study group here.");
  await page.getByRole("button", { name: "Mark as complete" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Step completed: 2 of 5 steps" })).toContainText("Step completed: 2 of 5 steps");

  // Step 5: the mock-activity planner, over two visits, printed, then attached as evidence.
  await page.goto("/pathways/newcomer-onboarding");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Newcomer onboarding");
  await page.getByRole("link", { name: "Draft a mock CME activity" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Draft a mock CME activity");
  await page.getByRole("link", { name: "Open the activity planner" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Name your plan");
  await page.getByLabel("Name of the plan").fill("Grand rounds on sepsis bundles");
  await page.getByRole("button", { name: "Create plan" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Grand rounds on sepsis bundles");
  // The worksheet saves one section at a time.
  await page.getByLabel("Professional practice gap").fill("Sepsis bundles are completed within three hours for only half of patients.");
  await page.getByRole("button", { name: "Save gap and need" }).click();
  await expect(page.getByRole("region", { name: "Gap and need" }).getByText(/Gap and need saved on/)).toBeVisible();
  await page.getByLabel("Learning objectives").fill("Understand sepsis");
  await page.getByRole("button", { name: "Save objectives" }).click();
  await expect(page.getByRole("region", { name: "Objectives" }).getByText(/Objectives saved on/)).toBeVisible();
  await expect(page.getByRole("complementary", { name: "Suggestions" }).getByRole("link", { name: /“Understand sepsis”/ })).toBeVisible();

  // Another day: the plan is where it was left.
  await page.goto("/home");
  await page.goto("/me/plans");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your activity plans");
  await page.getByRole("link", { name: "Grand rounds on sepsis bundles" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Grand rounds on sepsis bundles");
  await expect(page.getByLabel("Professional practice gap")).toHaveValue(
    "Sepsis bundles are completed within three hours for only half of patients.",
  );
  await page.getByLabel("Learning objectives").fill("List the three elements of the one-hour sepsis bundle");
  await page.getByRole("button", { name: "Save objectives" }).click();
  await expect(page.getByRole("region", { name: "Objectives" }).getByText(/Objectives saved on/)).toBeVisible();
  await page.getByRole("link", { name: "Print or save as PDF" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Grand rounds on sepsis bundles");
  await expect(page.getByText("List the three elements of the one-hour sepsis bundle")).toBeVisible();
  await page.goBack();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Grand rounds on sepsis bundles");
  await page.getByRole("link", { name: "Back to the step to attach this plan" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Draft a mock CME activity");
  await page.getByLabel("Your reflection").fill("Planned a grand-rounds session from a real gap in our sepsis data.");
  const attach = page.getByLabel("Attach a plan (optional)");
  const planOption = attach.getByRole("option", { name: /^Grand rounds on sepsis bundles/ });
  await attach.selectOption(await planOption.getAttribute("value"));
  await page.getByRole("button", { name: "Mark as complete" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Step completed: 3 of 5 steps" })).toContainText("Step completed: 3 of 5 steps");
  await expect(page.getByRole("link", { name: "Grand rounds on sepsis bundles" })).toBeVisible();

  // Home shows the progress, in words and as a bar.
  await page.goto("/home");
  const yours = page.getByRole("region", { name: "Your pathways" });
  await expect(yours).toContainText("3 of 5 steps");
  await expect(yours.getByRole("progressbar", { name: "Newcomer onboarding: your progress" })).toHaveAttribute("aria-valuenow", "3");
  await expect(yours.getByRole("link", { name: "Review sample CME activities" })).toBeVisible();
  await checkA11y();

  // The completed steps are evidence on the competency profile.
  await page.goto("/me/competencies");
  const evidence = page.getByRole("region", { name: "Evidence" });
  await expect(evidence.getByText("Understand the fundamentals of CME").first()).toBeVisible();
  await expect(evidence.getByText("Joined the Alliance, and a study group here.").first()).toBeVisible();
});
