import type { Page } from "@playwright/test";
import { test, expect } from "./fixtures";
import { checkA11yOn, formChecksReady, handleOf, heading, signUp, unique } from "./people";

async function endorse(page: Page, statementPath: string, title: string, note: string) {
  await page.goto(statementPath);
  await expect(heading(page)).toHaveText(title);
  await page.getByLabel("A note with your signature (optional)").fill(note);
  await page.getByRole("button", { name: "Sign version 2" }).click();
  await expect(page.getByText("You signed this version.").or(page.getByText(/adopted/i).first())).toBeVisible();
}

test("a statement is proposed, revised by a second member, signed by three and adopted, then featured on a profile", async ({
  page: authorPage,
  people,
  checkA11y,
}) => {
  test.setTimeout(240_000);
  const title = `Who CME professionals are ${unique()}`;
  const firstText = "CME professionals design education that helps clinicians keep learning.";
  const revisedText = "CME professionals design education that changes practice and improves patient care.";

  // 1. Ada proposes a community-wide statement that adopts itself at three signatures, and opens it.
  await signUp(authorPage, "Ada Author");
  await authorPage.goto("/statements/new");
  await expect(heading(authorPage)).toHaveText("Propose a statement");
  await authorPage.getByLabel("Who is it for?").selectOption({ label: "Community-wide" });
  await authorPage.getByLabel("Title").fill(title);
  await authorPage.getByLabel("The statement").fill(firstText);
  await authorPage.getByLabel("Rationale (optional)").fill("We should say who we are, in our own words.");
  await authorPage.getByLabel(/Adopt automatically at this many endorsements/).fill("3");
  await authorPage.getByRole("button", { name: "Save draft" }).click();
  await expect(heading(authorPage)).toHaveText(title);
  const statementPath = new URL(authorPage.url()).pathname;
  await authorPage.getByRole("button", { name: "Open for revisions and endorsements" }).click();
  await expect(authorPage.getByRole("link", { name: /Suggestions \(0 waiting\)/ })).toBeVisible();

  // 2. Ben suggests a revision; the form starts from the current text.
  const ben = await people.add();
  await signUp(ben, "Ben Reviser");
  const benHandle = await handleOf(ben);
  await ben.goto(statementPath);
  await expect(heading(ben)).toHaveText(title);
  await ben.getByRole("link", { name: "Suggest a revision" }).click();
  await expect(heading(ben)).toHaveText("Suggest a revision");
  const textArea = ben.getByLabel("Your revision of the text");
  await expect(textArea).toHaveValue(firstText);
  await textArea.fill(revisedText);
  await ben.getByLabel(/What did you change, and why/).fill("Names the outcome we work for");
  await ben.getByRole("button", { name: "Suggest this revision" }).click();
  await expect(heading(ben)).toHaveText("Suggested revisions");
  await expect(ben.getByRole("status").filter({ hasText: "your suggestion was sent" })).toContainText("your suggestion was sent");
  const mine = ben.getByRole("article", { name: /Suggestion by Ben Reviser/ });
  await expect(mine.getByRole("deletion").first()).toContainText("helps clinicians");
  await expect(mine.getByRole("insertion").first()).toBeVisible();
  await checkA11yOn(ben);

  // 3. Ada reviews the word diff and accepts it: version 2, crediting Ben.
  await authorPage.goto(`${statementPath}/suggestions`);
  await expect(heading(authorPage)).toHaveText("Suggested revisions");
  const suggestion = authorPage.getByRole("article", { name: /Suggestion by Ben Reviser/ });
  await expect(suggestion).toContainText("Names the outcome we work for");
  await expect(suggestion.getByRole("insertion").first()).toContainText(/changes|practice|patient/);
  await checkA11y();
  await suggestion.getByRole("button", { name: /Accept as version 2/ }).click();
  await expect(heading(authorPage)).toHaveText(`Version 2 of “${title}”`);
  await expect(authorPage.getByRole("status").filter({ hasText: "it is now version 2" })).toContainText("it is now version 2");
  const contributors = authorPage.getByRole("region", { name: "Contributors" });
  await expect(contributors.getByRole("link", { name: "Ben Reviser" })).toHaveAttribute("href", `/members/${benHandle}`);
  await expect(contributors.getByRole("link", { name: "Ada Author" })).toBeVisible();
  const changes = authorPage.getByRole("region", { name: "What changed since version 1" });
  await expect(changes.getByRole("deletion").first()).toBeVisible();
  await expect(changes.getByRole("insertion").first()).toBeVisible();
  await checkA11y();

  // The history lists both versions, the newest first.
  await authorPage.getByRole("link", { name: "All versions" }).click();
  await expect(heading(authorPage)).toHaveText("Versions of the text");
  await expect(authorPage.getByRole("heading", { level: 2 }).first()).toContainText("Version 2");

  // 4. Ben, Cleo and Dev sign version 2; the third signature adopts it.
  const cleo = await people.add();
  await signUp(cleo, "Cleo Signer");
  const dev = await people.add();
  await signUp(dev, "Dev Signer");
  await endorse(ben, statementPath, title, "Proud to sign this.");
  await endorse(cleo, statementPath, title, "");
  await endorse(dev, statementPath, title, "Yes.");

  await authorPage.goto(statementPath);
  await expect(heading(authorPage)).toHaveText(title);
  await expect(authorPage.getByText(/Adopted/).first()).toBeVisible();
  await checkA11y();

  // The version page lists its signatories.
  await authorPage.goto(`${statementPath}/versions/2`);
  const signed = authorPage.getByRole("region", { name: /Signed by \(3\)/ });
  for (const name of ["Ben Reviser", "Cleo Signer", "Dev Signer"]) {
    await expect(signed.getByRole("link", { name })).toBeVisible();
  }

  // 5. Ben features the adopted statement on his profile.
  await ben.goto(statementPath);
  await expect(heading(ben)).toHaveText(title);
  await ben.getByRole("button", { name: "Feature on my profile" }).click();
  await expect(ben.getByRole("button", { name: "Remove from my profile" })).toBeVisible();
  await ben.goto(`/members/${benHandle}`);
  await expect(heading(ben)).toHaveText("Ben Reviser");
  await expect(ben.getByText(/I stand behind/)).toBeVisible();
  await expect(ben.getByRole("link", { name: title })).toBeVisible();
});

test("adopting asks for confirmation, names the signatures, and waits for a first one", async ({ page, checkA11y }) => {
  test.slow();
  await signUp(page, "Olu Owner");
  await page.goto("/associations/new");
  const name = `Adoption Circle ${unique()}`;
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByLabel("Description").fill("Where statements are adopted with care.");
  await page.getByRole("button", { name: "Create the association" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Your association is ready" })).toBeVisible();

  const title = `We adopt with care ${unique()}`;
  await page.goto("/statements/new");
  await page.getByLabel("Who is it for?").selectOption({ label: name });
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("The statement").fill("Our members decide together what we stand for.");
  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(heading(page)).toHaveText(title);
  await page.getByRole("button", { name: "Open for revisions and endorsements" }).click();

  // Nobody has signed yet: the owner is told so, and no Adopt button is offered.
  const adoption = page.getByRole("region", { name: "Adopt version 1" });
  await expect(adoption).toContainText("Nobody has signed version 1 yet");
  await expect(page.getByRole("button", { name: "Adopt version 1" })).toHaveCount(0);

  await page.getByRole("button", { name: "Sign version 1" }).click();
  await expect(page.getByText("You signed this version.")).toBeVisible();
  await expect(adoption).toContainText("1 member has signed version 1");

  // Without the box ticked, nothing is adopted and the box says why (in the page once its check has
  // loaded; the server answers the same without JavaScript: tests/routes/statements.test.ts).
  await formChecksReady(page);
  await adoption.getByRole("button", { name: "Adopt version 1" }).click();
  const confirm = page.getByLabel("I confirm: adopt version 1 with 1 signature.");
  await expect(confirm).toHaveAttribute("aria-invalid", "true");
  await expect(adoption).toContainText("Tick the box to confirm the adoption");
  await expect(page.getByText("Status: Open")).toBeVisible();
  await checkA11y();

  await confirm.check();
  await adoption.getByRole("button", { name: "Adopt version 1" }).click();
  await expect(page.getByRole("status").filter({ hasText: "The statement is adopted" })).toBeVisible();
  await expect(page.getByText("Status: Adopted")).toBeVisible();
  // Adopted: nobody is offered to sign it or adopt it again.
  await expect(page.getByRole("button", { name: /^Sign version/ })).toHaveCount(0);
  await expect(page.getByRole("region", { name: "Adopt version 1" })).toHaveCount(0);
});

test.describe("on a 360 px phone", () => {
  test.use({ viewport: { width: 360, height: 740 } });

  test("the statements page fits the screen for a member of an association with a long name", async ({ page }) => {
    await signUp(page, "Lena Longname");
    await page.goto("/associations/new");
    // 80 characters, the longest name allowed: the Scope filter lists it.
    const name = `Regional Alliance of Interprofessional Continuing Education Coordinators ${unique().slice(-7)}`.slice(0, 80);
    await page.getByLabel("Name", { exact: true }).fill(name);
    await page.getByLabel("Description").fill("Coordinators who plan accredited education across the region.");
    await page.getByRole("button", { name: "Create the association" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Your association is ready" })).toContainText("Your association is ready");
    await page.goto("/statements");
    await expect(page.getByLabel("Scope").getByRole("option", { name })).toBeAttached();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });
});
