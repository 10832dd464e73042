import type { Page } from "@playwright/test";
import { test, expect } from "./fixtures";
import { checkA11yOn, completeSignUp, handleOf, heading, hydrated, signUp, unique } from "./people";

/** Makes a single-use invitation link on the association's invitations page; returns its path. */
async function makeInvitation(page: Page, slug: string) {
  await page.goto(`/associations/${slug}/invitations`);
  await expect(heading(page)).toHaveText("Invitation links");
  await page.getByRole("button", { name: "Make an invitation link" }).click();
  const status = page.getByRole("status").filter({ hasText: "Your link is ready" });
  await expect(status).toBeVisible();
  const href = await status.getByRole("link", { name: /\/invitations\// }).getAttribute("href");
  return new URL(href!).pathname;
}

/**
 * Decision 0012's guard, in the browser: a thread's posts are HTML strings, and
 * their links and small forms go through Remix (usePostMarkupNavigation), not
 * a page reload. `markDocument` tags the loaded page once React has hydrated
 * it; `sameDocument` tells whether that page is still the one shown.
 */
async function markDocument(page: Page) {
  await hydrated(page);
  await page.evaluate(() => {
    (window as unknown as { sameDocumentMark?: boolean }).sameDocumentMark = true;
  });
}
function sameDocument(page: Page) {
  return page.evaluate(() => (window as unknown as { sameDocumentMark?: boolean }).sameDocumentMark === true);
}

test("an association's members discuss a question: invitation, quote and mention, notification, flag, hiding, accepted answer", async ({
  page: owner,
  people,
  checkA11y,
}) => {
  // Four people, each in a browser of their own.
  test.setTimeout(180_000);
  const associationName = `Harbor CME Circle ${unique()}`;
  const title = "How do you measure practice change after a grand rounds series?";

  // 1. The owner signs up and creates an invitation-only association.
  await signUp(owner, "Olive Owner");
  await owner.goto("/associations/new");
  await expect(heading(owner)).toHaveText("Create an association");
  await owner.getByLabel("Name", { exact: true }).fill(associationName);
  await owner
    .getByLabel("Description")
    .fill("A circle for **CME coordinators** in harbor-side hospitals: we share outcomes tools and plans.");
  await owner.getByLabel("How do people join?").selectOption({ label: "By invitation only" });
  await owner.getByRole("button", { name: "Create the association" }).click();
  await expect(heading(owner)).toHaveText(associationName);
  await expect(owner.getByRole("status").filter({ hasText: "Your association is ready" })).toContainText("Your association is ready");
  await expect(owner.getByRole("link", { name: "1 member", exact: true })).toBeVisible();
  await expect(owner.getByText("You are the owner of this association.")).toBeVisible();
  await checkA11y();
  const slug = new URL(owner.url()).pathname.split("/")[2]!;

  // 2. An invitation link, shown once; a newcomer opens it, signs up on the way and accepts.
  const invitation = await makeInvitation(owner, slug);
  await owner.reload();
  await expect(heading(owner)).toHaveText("Invitation links");
  await expect(owner.getByRole("link", { name: /\/invitations\// })).toHaveCount(0);
  await expect(owner.getByText("Waiting to be used")).toBeVisible();

  const member = await people.add();
  await member.goto(invitation);
  await expect(heading(member)).toHaveText(`Join ${associationName}`);
  await member.getByRole("link", { name: "create a free account" }).click();
  await completeSignUp(member, "Mina Member");
  // Back on the invitation, now signed in.
  await expect(heading(member)).toHaveText(`Join ${associationName}`);
  await member.getByRole("button", { name: "Accept the invitation" }).click();
  await expect(heading(member)).toHaveText(associationName);
  await expect(member.getByRole("status").filter({ hasText: "You are now a member" })).toContainText("You are now a member");
  await expect(member.getByText("2 members", { exact: true })).toBeVisible();
  await expect(member.getByText("You are a member of this association.")).toBeVisible();
  const memberHandle = await handleOf(member);

  // The link worked once.
  await member.goto(invitation);
  await expect(heading(member)).toHaveText("This invitation has already been used");

  // 3. The member asks a question in the members-only category, with a tag and a competency area.
  await member.goto(`/associations/${slug}`);
  await expect(heading(member)).toHaveText(associationName);
  await member.getByRole("link", { name: "Members’ discussion" }).click();
  await expect(heading(member)).toHaveText("Members’ discussion");
  await member.getByRole("link", { name: "New thread" }).click();
  await expect(heading(member)).toHaveText("New thread");
  await expect(member.getByLabel("Category")).toHaveValue(/.+/);
  await member.getByLabel("Title").fill(title);
  await member.getByRole("radio", { name: /^Question/ }).check();
  await member
    .getByLabel("Your post")
    .fill("We run a six-month grand rounds series. Which follow-up survey questions showed you real practice change?");
  await member.getByLabel("Tags (optional)").fill("outcomes");
  await member.getByRole("checkbox", { name: "Measuring performance" }).check();
  await member.getByRole("button", { name: "Start thread" }).click();
  await expect(heading(member)).toHaveText(title);
  await expect(member.getByText("Question · not answered yet")).toBeVisible();
  const tags = member.getByRole("list", { name: "Tags" });
  await expect(tags.getByText("#outcomes")).toBeVisible();
  await expect(tags.getByRole("link", { name: "Measuring performance" })).toBeVisible();
  const threadPath = new URL(member.url()).pathname;

  // The association's forum lists it for the owner.
  await owner.goto(`/forums/${slug}`);
  await expect(heading(owner)).toHaveText(`${associationName} forum`);
  await expect(owner.getByRole("link", { name: title })).toBeVisible();
  await checkA11y();

  // 4. The owner quotes the question and mentions its author.
  await owner.getByRole("link", { name: title }).click();
  await expect(heading(owner)).toHaveText(title);
  await checkA11y();
  await test.step("posts as strings: a link inside a post navigates without a page reload", async () => {
    await markDocument(owner);
    await owner.getByRole("article", { name: "Post #1 by Mina Member" }).getByRole("link", { name: "Quote post #1" }).click();
    await expect(owner).toHaveURL(/quote=1/);
    expect(await sameDocument(owner), "the Quote link reloaded the page").toBe(true);
  });
  const reply = owner.getByLabel("Your reply");
  await expect(reply).toHaveValue(/^> \*\*Mina Member\*\* wrote in #1:/);
  await reply.press("ControlOrMeta+End");
  await reply.pressSequentially(`@${memberHandle} we ask the same three questions at 3 and 6 months.`);
  await owner.getByRole("button", { name: "Post reply" }).click();
  const ownerReply = owner.getByRole("article", { name: "Post #2 by Olive Owner" });
  await expect(ownerReply).toBeVisible();
  await expect(ownerReply.getByRole("link", { name: "In reply to #1" })).toBeVisible();
  await expect(ownerReply.getByRole("blockquote")).toContainText("Which follow-up survey questions");
  await expect(ownerReply.getByRole("link", { name: `@${memberHandle}` })).toHaveAttribute("href", `/members/${memberHandle}`);

  // 5. The member hears about it: the badge, the list, the post; then the badge is gone.
  await member.goto("/home");
  const account = member.getByRole("navigation", { name: "Your account" });
  await expect(account.getByRole("link", { name: /^Notifications\W+1 unread$/ })).toBeVisible();
  await account.getByRole("link", { name: /^Notifications/ }).click();
  await expect(heading(member)).toHaveText("Notifications");
  await expect(member.getByText("1 unread", { exact: true })).toBeVisible();
  const notification = member.getByRole("button", { name: `Olive Owner mentioned you in “${title}”` });
  await expect(notification).toBeVisible();
  await checkA11yOn(member);
  await member.setViewportSize({ width: 1280, height: 800 });
  await member.screenshot({ path: "/tmp/shots/e2e-notifications-1280.png", fullPage: true });
  await member.setViewportSize({ width: 360, height: 800 });
  await member.screenshot({ path: "/tmp/shots/e2e-notifications-360.png", fullPage: true });
  await member.setViewportSize({ width: 1280, height: 800 });
  await notification.click();
  await expect(heading(member)).toHaveText(title);
  await expect(member).toHaveURL(/#post-2$/);
  await expect(member.getByRole("article", { name: "Post #2 by Olive Owner" })).toBeVisible();
  await expect(account.getByRole("link", { name: "Notifications", exact: true })).toBeVisible();
  await member.goto("/notifications");
  await expect(member.getByText("You have no unread notifications.")).toBeVisible();
  await expect(member.getByRole("link", { name: `Olive Owner mentioned you in “${title}”` })).toBeVisible();

  // 6. A third member flags the owner's reply; the owner hides it from the moderation queue.
  const secondInvitation = await makeInvitation(owner, slug);
  const flagger = await people.add();
  await signUp(flagger, "Fay Flagger");
  await flagger.goto(secondInvitation);
  await expect(heading(flagger)).toHaveText(`Join ${associationName}`);
  await flagger.getByRole("button", { name: "Accept the invitation" }).click();
  await expect(flagger.getByText("3 members", { exact: true })).toBeVisible();
  await flagger.goto(threadPath);
  await expect(heading(flagger)).toHaveText(title);
  const flagged = flagger.getByRole("article", { name: "Post #2 by Olive Owner" });
  await test.step("posts as strings: a post's link to another page navigates without a page reload", async () => {
    await markDocument(flagger);
    await flagged.getByRole("link", { name: "Flag post #2" }).click();
    await expect(heading(flagger)).toHaveText("Flag post #2");
    expect(await sameDocument(flagger), "the Flag link reloaded the page").toBe(true);
  });
  await expect(flagger.getByRole("figure")).toContainText("we ask the same three questions");
  await flagger.getByRole("radio", { name: "Off topic" }).check();
  await flagger.getByLabel(/Note for the moderators/).fill("This answers a different question.");
  await flagger.getByRole("button", { name: "Send flag" }).click();
  await expect(flagger.getByRole("status").filter({ hasText: "Thank you. A moderator will look at the post." })).toContainText("Thank you. A moderator will look at the post.");
  await flagger.getByRole("link", { name: "Back to the thread" }).click();
  await expect(heading(flagger)).toHaveText(title);

  // The owner's header shows the waiting post: a badge on a desktop, and on a phone beside the Menu.
  await owner.goto(threadPath);
  const moderationBadge = owner.getByRole("banner").getByRole("link", { name: /^Moderation\b.*1 post waiting/ });
  await expect(moderationBadge).toBeVisible();
  const desktop = owner.viewportSize()!;
  // The narrowest phone the site supports: name, both badges and the Menu still fit on one row.
  await owner.setViewportSize({ width: 360, height: 740 });
  await expect(moderationBadge).toHaveAccessibleName("Moderation, 1 post waiting");
  expect(await owner.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
  expect((await owner.getByRole("banner").boundingBox())!.height).toBeLessThan(120);
  await owner.screenshot({ path: "test-results/e2e/moderation-badge-360.png" });
  await owner.setViewportSize(desktop);
  await moderationBadge.click();
  await expect(heading(owner)).toHaveText("Moderation queue");
  const queued = owner.getByRole("article", { name: `Post #2 in “${title}”` });
  await expect(queued).toContainText("Still visible");
  await expect(queued.getByRole("heading", { name: "1 flag" })).toBeVisible();
  await expect(queued).toContainText("Off topic from Fay Flagger");
  await expect(queued).toContainText("This answers a different question.");
  await checkA11y();
  await queued.getByLabel("Reason shown to the author (optional)").fill("Off topic for this question.");
  await queued.getByRole("button", { name: "Hide post" }).click();
  await expect(owner.getByRole("status").filter({ hasText: "The post is hidden and its author has been told." })).toContainText("The post is hidden and its author has been told.");
  await expect(owner.getByText("Nothing is waiting: no open flags in the forums you moderate.")).toBeVisible();

  await flagger.goto(threadPath);
  await expect(flagger.getByRole("article", { name: "Post #2 by Olive Owner" })).toContainText("Hidden by a moderator.");
  await expect(flagger.getByText("we ask the same three questions")).toHaveCount(0);

  // 7. The owner answers again; the question's author accepts that answer.
  await owner.goto(threadPath);
  await expect(heading(owner)).toHaveText(title);
  await expect(owner.getByRole("article", { name: "Post #2 by Olive Owner" })).toContainText("Off topic for this question.");
  await owner
    .getByLabel("Your reply")
    .fill("Ask at 3 months: *What have you changed in your practice since the series?* Then compare with the chart audit.");
  await owner.getByRole("button", { name: "Post reply" }).click();
  await expect(owner.getByRole("article", { name: "Post #3 by Olive Owner" })).toBeVisible();

  await member.goto(threadPath);
  await expect(heading(member)).toHaveText(title);
  await markDocument(member);
  await member.getByRole("button", { name: "Accept as answer (post #3)" }).click();
  const accepted = member.getByRole("region", { name: "Accepted answer" });
  await expect(accepted).toContainText("Then compare with the chart audit.");
  await expect(member.getByText("Question · answered")).toBeVisible();
  await expect(member.getByRole("article", { name: "Post #2 by Olive Owner" })).toContainText("Hidden by a moderator.");
  // The accepted answer comes before the posts.
  const acceptedBox = await accepted.boundingBox();
  const firstPostBox = await member.locator("#post-1").boundingBox();
  expect(acceptedBox!.y).toBeLessThan(firstPostBox!.y);
  // The member finds the answer helpful, from the keyboard: the count goes up and the focus stays on the button.
  const answer = member.locator("#post-3");
  await answer.getByRole("button", { name: "Helpful · 0 found this helpful", pressed: false }).focus();
  await member.keyboard.press("Enter");
  const marked = answer.getByRole("button", { name: "Helpful · 1 found this helpful", pressed: true });
  await expect(marked).toHaveAttribute("aria-pressed", "true");
  await expect(marked).toBeFocused();
  await test.step("posts as strings: a post's forms submit without a page reload", async () => {
    expect(await sameDocument(member), "Accept as answer or Helpful reloaded the page").toBe(true);
  });
  await checkA11yOn(member);
  await member.screenshot({ path: "/tmp/shots/e2e-thread-1280.png", fullPage: true });
  await member.setViewportSize({ width: 360, height: 800 });
  await member.screenshot({ path: "/tmp/shots/e2e-thread-360.png", fullPage: true });

  // The moderator's view of the same thread: the hidden text with its reason, and a Restore button.
  await owner.goto(threadPath);
  await expect(owner.getByRole("button", { name: "Restore post #2" })).toBeVisible();
  await owner.screenshot({ path: "/tmp/shots/e2e-thread-moderator-1280.png", fullPage: true });

  // 8. A visitor cannot see the members-only thread at all.
  const visitor = await people.add();
  const response = await visitor.goto(threadPath);
  expect(response!.status()).toBe(404);
  await expect(heading(visitor)).toHaveText("Page not found");
});
