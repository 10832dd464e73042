// Issue 18 §7: a crosswalk from the starter framework lets a member's profile
// show one history across the two. An administrator imports a second
// framework (three areas, two stages) and maps the starter's areas and stages
// onto it; a member who assessed against the starter moves to the second
// framework with their association, and their profile shows one history with
// the change of edition marked.
import type { Page } from "@playwright/test";
import { makeFrameworkDocument } from "../fixtures/framework-document";
import { test, expect } from "./fixtures";
import { checkA11yOn, createAssociationThroughForm, heading, logInAsAdmin, signUp, unique } from "./people";

const run = unique().replace(/\D/g, "").slice(-8);
const FRAMEWORK = `Second edition ${run}`;
const STARTER = "CME Commons starter framework 2026.2";

const document = makeFrameworkDocument({
  slug: `second-edition-${run}`,
  name: FRAMEWORK,
  areas: [
    { slug: "learning-science", name: "Learning science", position: 1, summary: "How people learn.", descriptors: { novice: "Follows guidance.", expert: "Shapes practice." } },
    { slug: "partnership", name: "Partnership", position: 2, summary: "Working with others.", descriptors: { novice: "Joins in.", expert: "Leads coalitions." } },
    { slug: "operations", name: "Operations", position: 3, summary: "Running the office.", descriptors: { novice: "Keeps records.", expert: "Designs systems." } },
  ],
});

async function shoot(page: Page, name: string) {
  await page.setViewportSize({ width: 360, height: 800 });
  await page.screenshot({ path: test.info().outputPath(`${name}-360.png`), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 720 });
}

async function answerEveryArea(page: Page, count: number, stage: string) {
  for (let area = 1; area <= count; area++) {
    await expect(page.getByText(`Area ${area} of ${count}`, { exact: true })).toBeVisible();
    await page.getByRole("radio", { name: stage, exact: true }).check();
    await page.getByRole("button", { name: "Save and continue" }).click();
  }
  await page.getByRole("button", { name: "Submit assessment" }).click();
  await expect(heading(page)).toHaveText("Your competency profile");
}

test("a crosswalk from the starter framework lets a member's profile show one history across the two", async ({ people }) => {
  test.setTimeout(240_000);
  // The refused save (400) logs its request; nothing else may.
  people.allow(400);
  // A member's baseline against the starter framework (the site default).
  const member = await people.add();
  await signUp(member, "Cato Crosswalk");
  await member.goto("/me/assessment");
  await member.getByRole("button", { name: "Start your baseline" }).click();
  await answerEveryArea(member, 8, "Competent");

  // The administrator imports the second framework and publishes it.
  const admin = await people.add();
  await logInAsAdmin(admin);
  await admin.goto("/admin/frameworks");
  await admin.getByLabel("Framework files").setInputFiles({
    name: "second.json",
    mimeType: "application/json",
    buffer: Buffer.from(JSON.stringify(document)),
  });
  await admin.getByRole("button", { name: "Import as draft" }).click();
  await expect(heading(admin)).toHaveText(FRAMEWORK);
  await admin.getByRole("button", { name: "Publish" }).click();
  await expect(admin.getByText("Published. This version can no longer change")).toBeVisible();

  // From the starter's page, a crosswalk to the second framework.
  await admin.goto("/admin/frameworks");
  await admin.getByRole("link", { name: "Preview CME Commons starter framework version 2026.2" }).click();
  await admin.getByText("Define a crosswalk from this version").click();
  await admin.getByRole("link", { name: `To ${FRAMEWORK} 1.0` }).click();
  await expect(heading(admin)).toHaveText(`From ${STARTER} to ${FRAMEWORK} 1.0`);
  await admin.getByLabel("Note shown with the crosswalk").fill("Matched area by area by the framework editors.");
  await admin.getByRole("group", { name: "1. Adult learning principles" }).getByRole("checkbox", { name: "1. Learning science" }).check();
  await admin.getByRole("group", { name: "4. Collaboration" }).getByRole("checkbox", { name: "2. Partnership" }).check();
  await admin.getByRole("group", { name: "6. Leadership" }).getByRole("checkbox", { name: "2. Partnership" }).check();
  // Five stages onto two: refused until each older stage has a newer one, keeping what was ticked.
  await admin.getByRole("button", { name: "Save the crosswalk" }).click();
  await expect(admin.getByText(/The scales differ \(5 stages and 2\): say which newer stage/)).toBeVisible();
  await expect(admin.getByRole("group", { name: "6. Leadership" }).getByRole("checkbox", { name: "2. Partnership" })).toBeChecked();
  for (const [position, name] of [[1, "Novice"], [2, "Advanced beginner"]] as const) {
    await admin.getByLabel(`Older stage ${position}, ${name}, counts as`).selectOption({ label: "1. Novice" });
  }
  for (const [position, name] of [[3, "Competent"], [4, "Proficient"], [5, "Expert"]] as const) {
    await admin.getByLabel(`Older stage ${position}, ${name}, counts as`).selectOption({ label: "2. Expert" });
  }
  await admin.getByRole("button", { name: "Save the crosswalk" }).click();
  await expect(admin.getByText("The crosswalk was saved.")).toBeVisible();
  await expect(admin.getByText(/Last saved by Ada Administrator/)).toBeVisible();
  const csv = await admin.request.get(
    (await admin.getByRole("link", { name: "Download as CSV" }).getAttribute("href"))!,
  );
  expect(await csv.text()).toContain("area,leadership,partnership,");
  await checkA11yOn(admin);
  await shoot(admin, "admin-crosswalk");

  // The member starts an association on the second framework and reassesses against it.
  const associationName = `Second Edition Society ${run}`;
  const slug = (
    await createAssociationThroughForm(member, associationName, {
      description: "A society that moved to the second edition.",
      joinPolicy: "Open: any member can join",
    })
  ).split("/")[2]!;
  await member.goto(`/associations/${slug}/settings`);
  await member.getByRole("radio", { name: new RegExp(`${FRAMEWORK}, version 1.0`) }).check();
  await member.getByRole("button", { name: "Save framework" }).click();
  await expect(member.getByText("The framework was saved.")).toBeVisible();
  await member.goto("/me/assessment");
  await member.getByRole("button", { name: "Start your reassessment" }).click();
  await answerEveryArea(member, 3, "Expert");

  // One history across the two, with the change of edition marked.
  const main = member.getByRole("main");
  const change = main.getByRole("region", { name: "Your history crosses a change of framework" });
  await expect(change).toContainText(`instead of the ${STARTER}`);
  await expect(change).toContainText("through the crosswalk");
  await expect(change).toContainText("Matched area by area by the framework editors.");
  const learning = main.getByRole("table", { name: "Learning science" });
  await expect(learning.getByRole("row")).toHaveCount(4);
  await expect(learning.getByRole("rowheader", { name: `Edition changed: now ${FRAMEWORK} 1.0` })).toBeVisible();
  await expect(learning).toContainText(`From Adult learning principles in ${STARTER}`);
  const partnership = main.getByRole("table", { name: "Partnership" });
  await expect(partnership).toContainText("Lowest of Collaboration and Leadership, merged in the newer edition");
  // Operations had no line: only its own assessment, nothing guessed.
  await expect(main.getByRole("table", { name: "Operations" }).getByRole("row")).toHaveCount(2);
  await expect(main.getByRole("heading", { name: /^History in the / })).toHaveCount(0);
  await checkA11yOn(member);
  await shoot(member, "profile-across-editions");
});
