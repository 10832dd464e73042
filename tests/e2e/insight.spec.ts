import { test, expect } from "./fixtures";
import { createAssociationThroughForm, heading, signUp, unique } from "./people";

test("an association's owner opens its insight: too few contributors are told once, a plain member finds no way in", async ({
  page: owner,
  people,
  checkA11y,
}) => {
  test.setTimeout(90_000);
  // The member's refused insight page (403) logs its document request; nothing else may.
  people.allow(403);
  const associationName = `Insight Circle ${unique()}`;

  await signUp(owner, "Ines Owner");
  const slug = (
    await createAssociationThroughForm(owner, associationName, {
      description: "A circle for planners who like to know how the group is doing.",
      joinPolicy: "Open: any member can join",
    })
  ).split("/")[2]!;

  // From the association page, through the "run the association" links.
  await owner.getByRole("navigation", { name: "Run the association" }).getByRole("link", { name: "Insight" }).click();
  await expect(heading(owner)).toHaveText(`Insight: ${associationName}`);
  // Nobody has assessed themselves yet: the page says so once, with how many more are needed, and shows no area.
  const tooFew = owner.getByRole("region", { name: "Self-assessed stages: not enough members yet" });
  await expect(tooFew).toContainText("No member’s self-assessment counts towards these figures yet.");
  await expect(tooFew).toContainText("5 more are needed");
  await expect(owner.getByRole("region", { name: "Self-assessed stages per area, as a table" })).toHaveCount(0);
  await expect(owner.getByText("Not enough members to show without identifying anyone")).toHaveCount(0);
  await expect(owner.getByRole("table", { name: "Forum activity per month" }).getByRole("row")).toHaveCount(13);
  await expect(owner.getByRole("link", { name: "Download these figures (CSV)" })).toHaveAttribute(
    "href",
    `/associations/${slug}/insight.csv`,
  );
  await checkA11y();

  // A plain member sees no link, and the page itself is refused.
  const member = await people.add();
  await signUp(member, "Milo Member");
  await member.goto(`/associations/${slug}`);
  await member.getByRole("button", { name: "Join the association" }).click();
  await expect(member.getByText("You are a member of this association.")).toBeVisible();
  await expect(member.getByRole("link", { name: "Insight" })).toHaveCount(0);
  const refused = await member.goto(`/associations/${slug}/insight`);
  expect(refused?.status()).toBe(403);
  await expect(heading(member)).toHaveText("Not allowed");
});
