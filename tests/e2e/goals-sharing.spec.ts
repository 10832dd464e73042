// Issue 21: who else sees a member's goals. Her invited reviewer sees them once she allows it and
// comments on one, and only she reads the comment; a share link made without "include my goals"
// shows none. Then the time-zone question on home answered without JavaScript: the choice is saved
// and a goal's "in N days" on home counts from the new zone's today.
import { expect, test } from "./fixtures";
import { heading, signUp, takeAssessment, completeSignUp, emailedLink, unique } from "./people";

const GOAL = "Run an outcomes evaluation of the grand rounds series";
const COMMENT = "Start with the three sessions that already have pre-tests.";

test("an invited reviewer sees the goals she allows and comments on one; a share link without her goals shows none", async ({
  page,
  people,
  checkA11y,
}) => {
  test.setTimeout(180_000);
  await signUp(page, "Rana Reviewee", "goal-reviewee");
  await takeAssessment(page, "Competent", "Advanced beginner", "Evaluated one session.");

  // A goal of hers.
  await page.goto("/me/goals/new");
  await page.getByLabel("What will you do?").fill(GOAL);
  await page.getByRole("button", { name: "Save goal" }).click();
  await expect(heading(page)).toHaveText(GOAL);
  const goalPath = new URL(page.url()).pathname;

  // She lets her reviewers see her goals, then invites one.
  await page.goto("/me/competencies/reviewers");
  await page.getByRole("radio", { name: "Yes, show them" }).check();
  await page.getByRole("region", { name: "Your goals and your reviewers" }).getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Your reviewers can now see your goals and comment on them.")).toBeVisible();
  const reviewerEmail = `goal-reviewer-${unique()}@example.org`;
  await page.getByLabel("Reviewer’s email address").fill(reviewerEmail);
  await page.getByRole("button", { name: "Send the invitation" }).click();
  await expect(page.getByText(reviewerEmail, { exact: true })).toBeVisible();

  // The reviewer accepts through the emailed link, signing up on the way.
  const reviewer = await people.add();
  await reviewer.goto(await emailedLink(reviewer, reviewerEmail, /\/review\//));
  await reviewer.getByRole("link", { name: "Create a free account" }).click();
  await completeSignUp(reviewer, "Omar Observer", "goal-reviewer-account");
  await expect(heading(reviewer)).toHaveText("Rate Rana Reviewee");
  const goals = reviewer.getByRole("region", { name: "Rana Reviewee’s development goals" });
  await expect(goals).toContainText(GOAL);
  await goals.getByLabel(`Comment on “${GOAL}”`).fill(COMMENT);
  await goals.getByRole("button", { name: `Send comment on “${GOAL}”` }).click();
  await expect(reviewer.getByText("Comment sent. Only Rana Reviewee reads it.")).toBeVisible();
  await expect(reviewer.getByText(COMMENT)).toBeVisible();

  // She reads it on her goal, under the reviewer's name.
  await page.goto(goalPath);
  const comments = page.getByRole("region", { name: "Comments from your reviewers" });
  await expect(comments).toContainText("Omar Observer");
  await expect(comments).toContainText(COMMENT);
  await checkA11y();

  // A share link made without "include my goals": the pack, and no goal.
  await page.goto("/me/competencies/share");
  await expect(page.getByLabel("Include my goals")).not.toBeChecked();
  await page.getByRole("button", { name: "Make a share link" }).click();
  const withoutGoals = await page.getByRole("status").getByRole("link").getAttribute("href");
  // With them, for comparison.
  await page.getByLabel("Include my goals").check();
  await page.getByRole("button", { name: "Make a share link" }).click();
  await expect(page.getByText("with your goals", { exact: false }).first()).toBeVisible();
  const withGoals = await page.getByRole("status").getByRole("link").getAttribute("href");
  expect(withGoals).not.toBe(withoutGoals);

  const visitor = await people.add();
  await visitor.goto(withoutGoals!);
  await expect(heading(visitor)).toContainText("Rana Reviewee");
  await expect(visitor.getByRole("region", { name: "Plan for the next period" })).toHaveCount(0);
  await expect(visitor.getByText(GOAL)).toHaveCount(0);
  await expect(visitor.getByText(COMMENT)).toHaveCount(0);
  await visitor.goto(withGoals!);
  await expect(visitor.getByRole("region", { name: "Plan for the next period" })).toContainText(GOAL);
  // The reviewer's comment is hers alone, even through a link with her goals.
  await expect(visitor.getByText(COMMENT)).toHaveCount(0);

});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the time-zone question on home is answered and saved, and home counts days in the new zone", async ({ page }) => {
    test.setTimeout(120_000);
    await signUp(page, "Nadia Noscript", "no-js-zone");
    const question = page.getByRole("region", { name: "Which time zone are you in?" });
    // Without JavaScript nothing is proposed: UTC until she chooses.
    await expect(question.getByLabel("Your time zone")).toHaveValue("UTC");

    // A goal due ten days from today (UTC): home counts "in 10 days".
    const today = new Date();
    const due = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() + 10)).toISOString().slice(0, 10);
    await page.goto("/me/goals/new");
    await page.getByLabel("What will you do?").fill("Publish the needs assessment summary");
    await page.getByLabel("By when?").fill(due);
    await page.getByRole("button", { name: "Save goal" }).click();
    await expect(heading(page)).toHaveText("Publish the needs assessment summary");
    await page.goto("/home");
    const goals = page.getByRole("region", { name: "Your goals" });
    await expect(goals).toContainText("(in 10 days)");

    // A zone whose calendar is on another day than UTC's right now: west of UTC before 11:00 UTC, east after.
    const west = new Date().getUTCHours() < 11;
    const zone = west ? "Pacific/Pago_Pago" : "Pacific/Kiritimati";
    await question.getByLabel("Your time zone").selectOption(zone);
    await question.getByRole("button", { name: "Save time zone" }).click();
    await expect(page).toHaveURL(/\/home$/);
    await expect(page.getByText(`Saved. Your dates are now on ${zone} time.`)).toBeVisible();
    // Asked once.
    await expect(page.getByRole("region", { name: "Which time zone are you in?" })).toHaveCount(0);
    await expect(goals).toContainText(west ? "(in 11 days)" : "(in 9 days)");
    await page.goto("/settings/time-zone");
    await expect(page.getByLabel("Your time zone")).toHaveValue(zone);
  });
});
