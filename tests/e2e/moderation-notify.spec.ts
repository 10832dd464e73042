import { test, expect } from "./fixtures";
import { checkA11yOn, createAssociationThroughForm, heading, signUp, unique } from "./people";

test("a flag notifies the moderators and shows in their badge", async ({ page: owner, people, checkA11y }) => {
  test.setTimeout(120_000);
  const associationName = `Lakeside CME Planners ${unique()}`;
  const title = "Which needs assessment sources do you trust?";

  // The owner creates an open association and starts a thread in its forum.
  await signUp(owner, "Nadia Owner");
  const associationPath = await createAssociationThroughForm(owner, associationName, {
    description: "Planners of accredited education around the lake.",
    joinPolicy: "Open: any member can join",
  });
  // Nothing waits yet: the queue is linked for the owner, with nothing to count.
  const runIt = owner.getByRole("navigation", { name: "Run the association" });
  await expect(runIt.getByRole("link", { name: "Moderation queue", exact: true })).toBeVisible();

  await owner.getByRole("link", { name: "Members’ discussion" }).click();
  await owner.getByRole("link", { name: "New thread" }).click();
  await owner.getByLabel("Title").fill(title);
  await owner.getByLabel("Your post").fill("We use chart audits and learner surveys. What else has worked for you?");
  await owner.getByRole("button", { name: "Start thread" }).click();
  await expect(heading(owner)).toHaveText(title);
  const threadPath = new URL(owner.url()).pathname;

  // A member joins and flags the opening post.
  const member = await people.add();
  await signUp(member, "Milo Member");
  await member.goto(associationPath);
  await member.getByRole("button", { name: "Join the association" }).click();
  await expect(member.getByText("You are a member of this association.")).toBeVisible();
  // Members do not see the queue's link.
  await expect(member.getByRole("link", { name: /^Moderation queue/ })).toHaveCount(0);
  await member.goto(threadPath);
  await member.getByRole("article", { name: "Post #1 by Nadia Owner" }).getByRole("link", { name: "Flag post #1" }).click();
  await expect(heading(member)).toHaveText("Flag post #1");
  await member.getByRole("radio", { name: "Off topic" }).check();
  await member.getByRole("button", { name: "Send flag" }).click();
  await expect(member.getByRole("status").filter({ hasText: "Thank you." })).toBeVisible();
  // The member who flagged is not told about their own flag.
  await member.goto("/notifications");
  await expect(member.getByText(/flagged post/)).toHaveCount(0);

  // The owner's header counts the waiting post, and a notification leads to the queue.
  await owner.goto("/home");
  const banner = owner.getByRole("banner");
  await expect(banner.getByRole("link", { name: /^Moderation\b.*1 post waiting/ })).toBeVisible();
  await expect(banner.getByRole("link", { name: /^Notifications\W+1 unread$/ })).toBeVisible();
  await owner.goto("/notifications");
  const notification = owner.getByRole("button", {
    name: `Milo Member flagged post #1 in “${title}”: it waits in the moderation queue`,
  });
  await expect(notification).toBeVisible();
  await checkA11y();
  await notification.click();
  await expect(heading(owner)).toHaveText("Moderation queue");
  await expect(owner.getByRole("article", { name: `Post #1 in “${title}”` })).toContainText("Off topic from Milo Member");

  // The association page counts it too, and links the queue.
  await owner.goto(associationPath);
  const queueLink = owner
    .getByRole("navigation", { name: "Run the association" })
    .getByRole("link", { name: "Moderation queue: 1 post waiting" });
  await expect(queueLink).toBeVisible();
  await checkA11yOn(owner);
  await owner.screenshot({ path: "test-results/e2e/association-moderation-1280.png" });
  await owner.setViewportSize({ width: 390, height: 844 });
  await owner.screenshot({ path: "test-results/e2e/association-moderation-390.png" });
  await queueLink.click();
  await expect(heading(owner)).toHaveText("Moderation queue");
});
