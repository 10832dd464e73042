// Issue 24 §1–2: the reviewer's path, from the emailed link to the member reading the comments.
import { test, expect } from "./fixtures";
import { AREAS, checkA11yOn, completeSignUp, emailedLink, heading, signUp, takeAssessment, unique } from "./people";

test("a signed-out reviewer is told what is asked, signs up, rates with one area not observed and a comment; the member reads it beside their own stage", async ({
  page,
  people,
  checkA11y,
}) => {
  test.setTimeout(180_000);
  // The one 400 is the incomplete rating the reviewer sends on purpose.
  people.allow(400);
  // The member takes their baseline, then invites a reviewer by email.
  await signUp(page, "Mira Member");
  await takeAssessment(page, "Competent", "Competent", "Ran the needs assessment for the cardiology series");
  await page.goto("/me/competencies/reviewers");
  const reviewerEmail = `reviewer-${unique()}@example.org`;
  await page.getByLabel("Reviewer’s email address").fill(reviewerEmail);
  await page.getByLabel("Message (optional)").fill("Before my annual review, please");
  await page.getByRole("button", { name: "Send the invitation" }).click();
  await expect(page.getByText(reviewerEmail, { exact: true })).toBeVisible();

  // The reviewer opens the emailed link signed out: who asks, their message, what happens, before any sign-in.
  const reviewer = await people.add();
  const link = await emailedLink(reviewer, reviewerEmail, /\/review\//);
  await reviewer.goto(link);
  await expect(heading(reviewer)).toHaveText("Mira Member asks for your rating");
  await expect(reviewer.getByText("Before my annual review, please")).toBeVisible();
  await expect(reviewer.getByText(`For each of the ${AREAS} competency areas`)).toBeVisible();
  await checkA11yOn(reviewer);
  await reviewer.getByRole("link", { name: "Create a free account" }).click();
  await completeSignUp(reviewer, "Reza Reviewer", "reviewer-account");
  // Back through the link, straight to the rating form.
  await expect(heading(reviewer)).toHaveText("Rate Mira Member");

  // Sending with nothing chosen: one summary at the top, focused, each message a link to its area.
  await reviewer.getByRole("button", { name: "Send your rating" }).click();
  const summary = reviewer.getByRole("heading", { name: `There are ${AREAS} problems` });
  await expect(summary).toBeVisible();
  await expect(reviewer.locator("#rating-errors")).toBeFocused();
  await reviewer.getByRole("link", { name: /^Choose a stage for .+, or say you haven’t observed it$/ }).first().click();
  await expect(reviewer.getByRole("radio").first()).toBeFocused();
  await checkA11yOn(reviewer);

  // Area 1 one stage above the member's own, with a comment; area 2 not observed; the rest as the member rated.
  const areas = reviewer.getByRole("group");
  await areas.nth(0).getByRole("radio", { name: /^Proficient/ }).check();
  await areas.nth(0).getByLabel("Comment (optional)").fill("Leads the planning committee with a clear eye on outcomes.");
  await areas.nth(1).getByRole("radio", { name: /^I haven’t observed this/ }).check();
  for (let index = 2; index < AREAS; index++) await areas.nth(index).getByRole("radio", { name: /^Competent/ }).check();
  await reviewer.getByRole("button", { name: "Send your rating" }).click();
  await expect(reviewer.getByText("Thank you: your rating was sent.")).toBeVisible();

  // The member sees the comment beside their own stage, the difference in words, and the area not observed.
  await page.goto("/me/competencies");
  const ratings = page.getByRole("region", { name: "Reviewer ratings" });
  await expect(ratings.getByText(/a different stage from yours in 1 of the 7 areas rated on both sides/)).toBeVisible();
  const first = ratings.getByRole("listitem").filter({ hasText: "Leads the planning committee" });
  await expect(first.getByText("Your latest stage")).toBeVisible();
  await expect(first.getByText("Competent", { exact: true })).toBeVisible();
  await expect(first.getByText("Proficient", { exact: true })).toBeVisible();
  await expect(first.getByText("1 stage above yours")).toBeVisible();
  await expect(ratings.getByText("Not observed")).toHaveCount(1);
  await checkA11y();

  // The printed pack carries the same comment.
  await page.goto("/me/competencies/pack");
  await expect(page.getByText("Leads the planning committee with a clear eye on outcomes.")).toBeVisible();
  await expect(page.getByText("1 stage above the self-rating")).toBeVisible();
  // Her reassessment starts from the baseline's evidence, which she may keep, edit or replace.
  await page.goto("/me/assessment");
  await page.getByRole("button", { name: /Start your reassessment/ }).click();
  await expect(page.getByText(/carried over from your assessment of/)).toBeVisible();
  await expect(page.getByLabel("Evidence notes")).toHaveValue("Ran the needs assessment for the cardiology series");
  await expect(page.getByRole("radio", { checked: true })).toHaveCount(0);

});
