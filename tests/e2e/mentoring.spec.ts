// Mentoring, end to end: a newcomer asks for a mentor in two gap areas, sees a
// suggestion with its reason, sends a request; the mentor accepts from the
// page the emailed link opens; both write in their space; the newcomer shares
// a goal there, which the mentor reads; the newcomer ends it with a reflection.
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { AREAS, checkA11yOn, emailedLink, heading, screenshotsAtBothSizes, signUp, takeAssessment } from "./people";

/** Every area at Novice; targets above it in the first two areas (two gaps). */
async function assessAsNewcomer(page: Page) {
  await page.goto("/me/assessment");
  await page.getByRole("button", { name: /Start your baseline/ }).click();
  for (let area = 1; area <= AREAS; area++) {
    await expect(page.getByText(`Area ${area} of ${AREAS}`, { exact: true })).toBeVisible();
    await page.getByRole("radio", { name: "Novice", exact: true }).check();
    if (area <= 2) await page.getByLabel("Your target for your next review").selectOption({ label: "Competent" });
    await page.getByLabel("Evidence notes").fill("Started in meeting planning last spring.");
    await page.getByRole("button", { name: "Save and continue" }).click();
  }
  await page.getByRole("button", { name: "Submit assessment" }).click();
  await expect(heading(page)).toHaveText("Your competency profile");
}

test("a newcomer finds a mentor, they talk in their space, and the newcomer ends it with a reflection", async ({ people, page }) => {
  test.setTimeout(240_000);

  // The mentor offers in the first two areas, with room for two mentees.
  const mentor = await people.add();
  await signUp(mentor, "Morgan Mentor", "mentor");
  await takeAssessment(mentor, "Proficient", "Expert", "Ten years of accredited activities.");
  await mentor.goto("/settings/mentoring");
  const offer = mentor.getByRole("group", { name: "Offer to mentor" });
  await offer.getByRole("radio", { name: "On", exact: true }).check();
  await offer.getByRole("group", { name: "Areas you will mentor in" }).getByLabel("Adult learning principles").check();
  await offer.getByRole("group", { name: "Areas you will mentor in" }).getByLabel("Educational interventions").check();
  await offer.getByLabel("How many mentees at once").fill("2");
  await offer.getByLabel(/A short note/).fill("Happy to help newcomers from meeting planning.");
  await mentor.getByRole("button", { name: "Save mentoring settings" }).click();
  await expect(mentor.getByText("Saved your mentoring settings.")).toBeVisible();

  // The newcomer asks for a mentor: the two gap areas are ticked for them.
  await signUp(page, "Nia Newcomer", "newcomer");
  await assessAsNewcomer(page);
  await page.goto("/settings/mentoring");
  const ask = page.getByRole("group", { name: "Ask for a mentor" });
  const growIn = ask.getByRole("group", { name: "Areas you want to grow in" });
  await expect(growIn.getByLabel("Adult learning principles")).toBeChecked();
  await expect(growIn.getByLabel("Educational interventions")).toBeChecked();
  await expect(growIn.getByLabel("Leadership")).not.toBeChecked();
  await ask.getByRole("radio", { name: "On", exact: true }).check();
  await ask.getByLabel(/What you hope for/).fill("Learn how accreditation really works.");
  await screenshotsAtBothSizes(page, "mentoring-settings");
  await checkA11yOn(page);
  await page.getByRole("button", { name: "Save mentoring settings" }).click();
  await expect(page.getByText("Saved your mentoring settings.")).toBeVisible();

  // The suggestion and its reason, in words.
  await page.goto("/mentoring");
  const suggestion = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: "Morgan Mentor" }) });
  const reasons = suggestion.getByRole("list", { name: "Why Morgan Mentor" });
  await expect(reasons).toContainText("Stage 4 in Adult learning principles, where your target is 2 above your latest (stage 1)");
  await expect(reasons).toContainText("Stage 5 in Educational interventions");
  await expect(reasons).toContainText("Room for 2 more mentees");
  await screenshotsAtBothSizes(page, "mentoring-suggestions");
  await checkA11yOn(page);

  // The request, with its message.
  await suggestion.getByRole("link", { name: "Ask Morgan Mentor" }).click();
  await expect(heading(page)).toHaveText("Ask Morgan Mentor to mentor you");
  await checkA11yOn(page);
  await page.getByLabel("Your message").fill("Hello! I moved from meeting planning and would love a monthly call.");
  await page.getByRole("button", { name: "Send the request" }).click();
  await expect(heading(page)).toHaveText("Your request to Morgan Mentor");
  await expect(page.getByText("Waiting for an answer.")).toBeVisible();

  // The mentor opens the emailed link: the page only shows the request.
  const href = await emailedLink(mentor, "mentor-", /mentoring\/requests\//);
  await mentor.goto(href);
  await expect(heading(mentor)).toHaveText("Nia Newcomer asks you to be their mentor");
  await expect(mentor.getByText("Learn how accreditation really works.")).toBeVisible();
  await screenshotsAtBothSizes(mentor, "mentoring-request");
  await checkA11yOn(mentor);
  await mentor.getByLabel("A kind word (optional)").fill("Delighted to help!");
  await mentor.getByRole("button", { name: "Accept" }).click();
  await expect(heading(mentor)).toHaveText("Mentoring Nia Newcomer");

  // Both write in their space.
  await mentor.getByLabel("Your message").fill("Welcome! Shall we meet on **Tuesdays**?");
  await mentor.getByRole("button", { name: "Send", exact: true }).click();
  await expect(mentor.getByText("Shall we meet on")).toBeVisible();
  await page.goto("/mentoring");
  await page.getByRole("link", { name: "Morgan Mentor mentors you" }).click();
  await expect(heading(page)).toHaveText("Mentored by Morgan Mentor");
  await expect(page.locator("strong", { hasText: "Tuesdays" })).toBeVisible();
  await page.getByLabel("Your message").fill("Tuesdays work for me, thank you!");
  await page.getByRole("button", { name: "Send", exact: true }).click();
  await expect(page.getByText("Tuesdays work for me, thank you!")).toBeVisible();
  await page.getByText("Change the schedule").click();
  await page.getByLabel("What you agreed").fill("A call every other Tuesday");
  await page.getByRole("button", { name: "Save the schedule" }).click();
  await expect(page.getByText("A call every other Tuesday")).toBeVisible();

  // Shared goals: nothing shows until its owner shares it.
  const goals = page.getByRole("region", { name: "Shared goals" });
  await expect(goals).toContainText("You have not shared any goals here.");
  await expect(goals).toContainText("Morgan Mentor has not shared any goals here.");
  // The newcomer writes a goal with a progress note, then shares it with the space.
  const space = page.url();
  await page.goto("/me/goals/new");
  await page.getByLabel("What will you do?").fill("Write my first accredited activity application");
  await page.getByLabel("How will you know? (a measurable outcome)").fill("Application submitted with no requests for changes");
  await page.getByLabel("By when?").fill("2027-05-31");
  await page.getByRole("button", { name: "Save goal" }).click();
  await expect(heading(page)).toHaveText("Write my first accredited activity application");
  await page.getByLabel("Record progress").fill("Read the accreditation criteria twice.");
  await page.getByRole("button", { name: "Add progress note" }).click();
  await expect(page.getByText("Read the accreditation criteria twice.")).toBeVisible();
  await page.goto(space);
  await page.getByLabel("Share one of your goals with Morgan Mentor").selectOption({ label: "Write my first accredited activity application" });
  await page.getByRole("button", { name: "Share this goal" }).click();
  await expect(page.getByText("Shared: you both read it here now.")).toBeVisible();
  const mine = goals.getByRole("listitem").filter({ has: page.getByRole("heading", { name: "Write my first accredited activity application" }) });
  await expect(mine).toContainText("Application submitted with no requests for changes");
  await expect(mine).toContainText("May 31, 2027");
  await expect(mine).toContainText("In progress");
  await expect(mine).toContainText("Read the accreditation criteria twice.");
  await screenshotsAtBothSizes(page, "mentoring-space");
  await checkA11yOn(page);

  // The mentor reads it in the space; the goal's page says where it is shared.
  await mentor.reload();
  const theirs = mentor.getByRole("region", { name: "Shared goals" });
  await expect(theirs.getByRole("heading", { name: "Nia Newcomer’s goals" })).toBeVisible();
  await expect(theirs).toContainText("Write my first accredited activity application");
  await expect(theirs).toContainText("Read the accreditation criteria twice.");
  await expect(theirs.getByRole("button", { name: /Stop sharing/ })).toHaveCount(0);
  await screenshotsAtBothSizes(mentor, "mentoring-space-mentor");
  await mine.getByRole("link", { name: "Open your goal" }).click();
  await expect(page.getByText("with your mentorship with Morgan Mentor")).toBeVisible();
  await page.getByRole("link", { name: "Morgan Mentor" }).click();
  await expect(heading(page)).toHaveText("Mentored by Morgan Mentor");

  // The space is theirs: someone else gets "not found".
  const stranger = await people.add();
  await signUp(stranger, "Sam Stranger", "stranger");
  const response = await stranger.goto(new URL(page.url()).pathname);
  expect(response?.status()).toBe(404);

  // The newcomer ends it with a reflection; the mentor reads it.
  await page.getByLabel("A short reflection").fill("I learned how the accreditation criteria fit together.");
  await page.getByRole("button", { name: "End the mentorship" }).click();
  await expect(page.getByText("You ended this mentorship")).toBeVisible();
  await mentor.reload();
  await expect(mentor.getByText("Nia Newcomer ended this mentorship")).toBeVisible();
  await expect(mentor.getByText("I learned how the accreditation criteria fit together.")).toBeVisible();
});
