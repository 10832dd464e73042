// Member import (issue 22): an owner downloads the template, uploads a CSV
// saved by Excel on Windows (semicolons, quoting, Windows-1252) with one bad
// row, sees the dry run, confirms, and watches the import finish; an invited
// person follows the emailed link, creates an account and lands in the
// association with the role the file gave them. The owner then exports the
// member list.
import { expect, test } from "./fixtures";
import { createAssociationThroughForm, emailedLink, followConfirmationLink, heading, PASSWORD, screenshotsAtBothSizes, signUp, unique } from "./people";

/** Windows-1252 bytes of a string whose characters are all in Latin-1 (é = 0xE9). */
const windows1252 = (text: string) => Buffer.from(text, "latin1");

test("an owner imports members from a CSV; an invited person joins through the emailed link", async ({ page, people, checkA11y, consoleErrors }) => {
  test.setTimeout(120_000);
  await signUp(page, "Olga Owner");
  const name = `Import Society ${unique()}`;
  const path = await createAssociationThroughForm(page, name, { description: "Planners who import.", joinPolicy: "By invitation only" });
  await page.getByRole("link", { name: "Import members" }).click();
  await expect(heading(page)).toHaveText("Import members");
  const template = await page.request.get(`${path}/import/template.csv`);
  expect(template.headers()["content-type"]).toBe("text/csv; charset=utf-8");
  expect((await template.text()).split("\r\n")[0]).toBe("\uFEFFemail,name,role,join date,external id");

  const invitee = `invitee-${unique()}@example.org`;
  const other = `other-${unique()}@example.org`;
  const file = [
    "Email;Name;Role;Join date;External id",
    `${invitee};"Renée Importée";MODERATOR;2019-04-01;M-1`,
    `${other};"Planner; Pat";;;M-2`,
    "not an address;Broken Row;;;M-3",
  ].join("\r\n");
  await page.getByLabel("CSV file").setInputFiles({ name: "members.csv", mimeType: "text/csv", buffer: windows1252(file) });
  await page.getByRole("button", { name: "Check the file" }).click();

  await expect(heading(page)).toHaveText("Check before importing");
  await expect(page.getByText("read as Windows-1252 with semicolons")).toBeVisible();
  const counts = page.getByRole("region", { name: "What this file will do" });
  await expect(counts.getByText("will be invited (no account here yet)")).toContainText("2");
  await expect(counts.getByText("bad row, skipped (listed below)")).toContainText("1");
  const bad = page.getByRole("table", { name: "Bad rows, by line of the file" });
  await expect(bad.getByRole("row")).toHaveCount(2);
  await expect(bad.getByRole("row").nth(1)).toContainText("4");
  await expect(bad.getByRole("row").nth(1)).toContainText("“not an address” is not an email address");
  await checkA11y();
  await screenshotsAtBothSizes(page, "member-import-dry-run");

  await page.getByRole("button", { name: "Confirm and import" }).click();
  await expect(page.getByText("The import has started.")).toBeVisible();
  // The page refreshes itself while the import runs.
  await expect(heading(page)).toHaveText("Import finished", { timeout: 30_000 });
  await expect(page.getByText("All rows done")).toBeVisible();
  await expect(page.getByRole("region", { name: "Summary" }).getByText("invited (no account here yet)")).toContainText("2");
  await checkA11y();
  await screenshotsAtBothSizes(page, "member-import-summary");

  // The invited person: the emailed link, a new account, back to the invitation, and in.
  const guest = await people.add();
  const link = await emailedLink(guest, invitee, /\/invitations\//);
  await guest.goto(link);
  await expect(heading(guest)).toHaveText(`Join ${name}`);
  await guest.getByRole("link", { name: "create a free account" }).click();
  await guest.getByLabel("Your name").fill("Renée Importée");
  await guest.getByLabel("Email").fill(invitee);
  await guest.getByLabel("Password").fill(PASSWORD);
  await guest.getByRole("button", { name: "Create account" }).click();
  await expect(heading(guest)).toHaveText("Check your email to continue");
  await followConfirmationLink(guest, invitee);
  await guest.getByRole("button", { name: "Skip for now" }).click();
  await expect(heading(guest)).toHaveText(`Join ${name}`);
  await guest.getByRole("button", { name: "Accept the invitation" }).click();
  await expect(heading(guest)).toHaveText(name);

  // The owner's member list: the new moderator with the file's member id and join date, and no email (not allowed).
  const list = await page.request.get(`${path}/members.csv`);
  const rows = (await list.text()).split("\r\n");
  expect(rows).toContainEqual(expect.stringMatching(/^Renée Importée,[a-z0-9-]+,MODERATOR,2019-04-01,M-1,$/));
  expect(consoleErrors).toEqual([]);
});
