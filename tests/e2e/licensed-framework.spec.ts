// Issue 18 §6: an administrator imports a licensed framework version for one
// association, its owner chooses it, a member takes an assessment against it,
// and a visitor and a non-member see no area name or descriptor anywhere.
import type { Page } from "@playwright/test";
import { makeFrameworkDocument } from "../fixtures/framework-document";
import { accessibilityViolations, test, expect } from "./fixtures";
import { createAssociationThroughForm, handleOf, heading, logInAsAdmin, signUp, unique } from "./people";

const run = unique().replace(/\D/g, "");
const AREA = `Licensedarea${run}`;
const DESCRIPTOR = `Licenseddescriptor${run}`;
const FRAMEWORK = `Licensed edition ${run}`;

const document = makeFrameworkDocument({
  slug: `licensed-${run}`,
  name: FRAMEWORK,
  areas: [
    { slug: "first", name: AREA, position: 1, summary: `About ${AREA}.`, descriptors: { novice: DESCRIPTOR, expert: `${DESCRIPTOR} later` } },
    { slug: "second", name: `${AREA} two`, position: 2, summary: "More.", descriptors: { novice: DESCRIPTOR, expert: DESCRIPTOR } },
  ],
});

async function shoot(page: Page, name: string) {
  await page.setViewportSize({ width: 360, height: 800 });
  await page.screenshot({ path: test.info().outputPath(`${name}-360.png`), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 720 });
}

/** The whole document, the page's loader data included (streamed into it for hydration). */
async function expectNoLicensedText(page: Page) {
  const text = await page.content();
  expect(text).not.toContain(AREA);
  expect(text).not.toContain(DESCRIPTOR);
}

test("a licensed framework stays with its licensee's members", async ({ page: owner, people, checkA11y }) => {
  test.setTimeout(240_000);
  // The refused import (400), the visitor's refused framework page (403) and the refused download (404)
  // log their requests; nothing else may.
  people.allow(400, 403);
  const associationName = `Licence Holders ${run}`;
  // The owner creates the association; a member joins it.
  await signUp(owner, "Olive Owner");
  const slug = (
    await createAssociationThroughForm(owner, associationName, {
      description: "A society that holds a licence to a framework.",
      joinPolicy: "Open: any member can join",
    })
  ).split("/")[2]!;

  const member = await people.add();
  await signUp(member, "Lena Licensee");
  await member.goto(`/associations/${slug}`);
  await member.getByRole("button", { name: "Join the association" }).click();
  await expect(member.getByText("You are a member of this association.")).toBeVisible();
  const memberHandle = await handleOf(member);

  // The administrator imports the version as licensed to that association, and publishes it.
  const admin = await people.add();
  await logInAsAdmin(admin);
  await admin.goto("/admin/frameworks");
  await admin.getByLabel("Framework files").setInputFiles({
    name: "licensed.json",
    mimeType: "application/json",
    buffer: Buffer.from(JSON.stringify(document)),
  });
  // Licensed without a licensee or a confirmation is refused, field by field.
  await admin.getByRole("radio", { name: /Licensed to particular associations/ }).check();
  await admin.getByRole("button", { name: "Import as draft" }).click();
  await expect(admin.getByText("Choose the association or associations holding the licence")).toBeVisible();
  await expect(admin.getByRole("radio", { name: /Licensed to particular associations/ })).toBeChecked();
  await admin.getByLabel("Framework files").setInputFiles({
    name: "licensed.json",
    mimeType: "application/json",
    buffer: Buffer.from(JSON.stringify(document)),
  });
  await admin.getByRole("checkbox", { name: associationName }).check();
  await admin.getByLabel("Licence notice").fill("Used under licence by the association, for its members only.");
  await admin.getByRole("checkbox", { name: /I confirm that the associations chosen hold the rights/ }).check();
  await shoot(admin, "admin-import");
  await admin.getByRole("button", { name: "Import as draft" }).click();
  await expect(heading(admin)).toHaveText(FRAMEWORK);
  await expect(admin.getByText(`Licensed to ${associationName}`)).toBeVisible();
  await expect(admin.getByText(/Rights confirmed by Ada Administrator/)).toBeVisible();
  await admin.getByRole("button", { name: "Publish" }).click();
  await expect(admin.getByText("Published. This version can no longer change")).toBeVisible();
  // It can't become everyone's default.
  await expect(admin.getByRole("button", { name: "Use for new assessments" })).toHaveCount(0);

  // The owner chooses it for the association's members.
  await owner.goto(`/associations/${slug}/settings`);
  await owner.getByRole("radio", { name: new RegExp(`${FRAMEWORK}, version 1.0`) }).check();
  await owner.getByRole("button", { name: "Save framework" }).click();
  await expect(owner.getByText("The framework was saved.")).toBeVisible();
  await expect(owner.getByRole("radio", { name: new RegExp(`${FRAMEWORK}, version 1.0`) })).toBeChecked();
  await shoot(owner, "association-framework");
  await checkA11y();

  // The member reads it first, on its own page, from the framework page's list of licensed editions.
  await member.goto("/competencies");
  await member.getByRole("region", { name: "Licensed frameworks" }).getByRole("link", { name: new RegExp(FRAMEWORK) }).click();
  await expect(heading(member)).toHaveText(FRAMEWORK);
  await expect(member.getByRole("heading", { name: AREA, exact: true })).toBeVisible();
  await expect(member.getByText(`${DESCRIPTOR} later`)).toBeVisible();
  await expect(member.getByText(/Its text is for their members/)).toBeVisible();
  const versionPath = new URL(member.url()).pathname;
  await shoot(member, "licensed-version-page");
  expect(await accessibilityViolations(member)).toEqual([]);

  // The member takes an assessment against it, reading its text.
  await member.goto("/me/assessment");
  await expect(member.getByRole("link", { name: "Browse the competency areas" })).toHaveAttribute("href", versionPath);
  await member.getByRole("button", { name: "Start your baseline" }).click();
  for (let area = 1; area <= 2; area++) {
    await expect(member.getByText(`Area ${area} of 2`, { exact: true })).toBeVisible();
    if (area === 1) {
      await expect(heading(member)).toContainText(AREA);
      await expect(member.getByText(DESCRIPTOR, { exact: true })).toBeVisible();
    }
    await member.getByRole("radio", { name: "Novice", exact: true }).check();
    await member.getByLabel("Evidence notes").fill(`My own evidence ${run}`);
    await member.getByRole("button", { name: "Save and continue" }).click();
  }
  await member.getByRole("button", { name: "Submit assessment" }).click();
  await expect(heading(member)).toHaveText("Your competency profile");
  await expect(member.getByRole("main")).toContainText(AREA);
  await member.getByRole("link", { name: "Share your review pack" }).click();
  await member.getByRole("button", { name: "Make a share link" }).click();
  const shareUrl = (await member.getByRole("status").getByRole("link").getAttribute("href"))!;

  // A visitor: the framework page names the licensed edition and its licensee, never its text…
  const visitor = await people.add();
  await visitor.goto("/competencies");
  const licensed = visitor.getByRole("region", { name: "Licensed frameworks" });
  await expect(licensed).toContainText(FRAMEWORK);
  await expect(licensed).toContainText(associationName);
  await expectNoLicensedText(visitor);
  await shoot(visitor, "competencies-licensed");
  // Its page tells a visitor whose it is, and nothing of its text.
  await licensed.getByRole("link", { name: new RegExp(FRAMEWORK) }).click();
  await expect(visitor.getByText(new RegExp(`is licensed to ${associationName}`))).toBeVisible();
  await expectNoLicensedText(visitor);
  // …and the share link shows the member's stages and evidence without it.
  await visitor.goto(shareUrl);
  await expect(visitor.getByText(`My own evidence ${run}`).first()).toBeVisible();
  await expect(visitor.getByRole("cell", { name: "Novice" }).first()).toBeVisible();
  await expect(visitor.getByRole("row", { name: /^Area 1 Novice/ }).first()).toBeVisible();
  await expect(visitor.getByText(/its area names and descriptions are shown only to their members/)).toBeVisible();
  await expectNoLicensedText(visitor);
  const data = await visitor.request.get(`${shareUrl}.data`);
  expect(await data.text()).not.toContain(AREA);
  await shoot(visitor, "shared-pack");

  // A signed-in non-member: the same.
  const stranger = await people.add();
  await signUp(stranger, "Nico Nonmember");
  for (const path of [shareUrl, "/competencies", `/members/${memberHandle}`]) {
    await stranger.goto(path);
    await expectNoLicensedText(stranger);
  }
  const strangerData = await stranger.request.get(`${shareUrl}.data`);
  expect(await strangerData.text()).not.toContain(AREA);
  // Downloading it is for administrators and the licensee's owners.
  const refused = await stranger.request.get(`/admin/frameworks/${new URL(admin.url()).pathname.split("/")[3]}/export`, { maxRedirects: 0 });
  expect(refused.status()).toBe(404);
});
