// An association's mentoring program, end to end: the owner starts it and
// invites the members; two members opt in from the emailed invitation, one as
// a mentor, one as a mentee; the owner proposes the pair, withdraws the
// proposal and proposes them again; both accept from
// their emailed links; the owner sees the pair active, the counts withheld
// (fewer than five), and cannot open the pair's space.
import { expect, test } from "./fixtures";
import { checkA11yOn, createAssociationThroughForm, emailedLink, heading, screenshotsAtBothSizes, signUp, takeAssessment, unique } from "./people";

test("an owner runs a mentoring program: invites, two members opt in, a proposed pair both accept", async ({ people, page }) => {
  test.setTimeout(300_000);

  // The owner and the association.
  await signUp(page, "Olive Owner", "owner");
  const name = `Mentoring Circle ${unique()}`;
  const associationPath = await createAssociationThroughForm(page, name, {
    description: "Education professionals who help each other grow.",
    joinPolicy: "Open: any member can join",
  });

  // The mentor has assessed themselves and offers to mentor; both members join the association.
  const mentor = await people.add();
  const mentorEmail = await signUp(mentor, "Mara Mentor", "progmentor");
  await takeAssessment(mentor, "Proficient", "Expert", "Twelve years running accredited programs.");
  await mentor.goto("/settings/mentoring");
  const offer = mentor.getByRole("group", { name: "Offer to mentor" });
  await offer.getByRole("radio", { name: "On", exact: true }).check();
  await offer.getByRole("group", { name: "Areas you will mentor in" }).getByLabel("Adult learning principles").check();
  await mentor.getByRole("button", { name: "Save mentoring settings" }).click();
  await expect(mentor.getByText("Saved your mentoring settings.")).toBeVisible();
  const mentee = await people.add();
  const menteeEmail = await signUp(mentee, "Noor Newcomer", "progmentee");
  for (const member of [mentor, mentee]) {
    await member.goto(associationPath);
    await member.getByRole("button", { name: "Join the association" }).click();
    await expect(member.getByText("Welcome! You are now a member.")).toBeVisible();
  }

  // The owner starts the program and invites the members.
  await page.goto(associationPath);
  await page.getByRole("navigation", { name: "Run the association" }).getByRole("link", { name: "Mentoring program" }).click();
  await expect(heading(page)).toHaveText("Mentoring program");
  await page.getByLabel("Invitation").fill("Pair up with a colleague for six months:\nan hour a month, on what you choose.");
  await page.getByRole("button", { name: "Start the program" }).click();
  await expect(page.getByText("The program is open.")).toBeVisible();
  await page.getByRole("button", { name: "Send the invitations" }).click();
  await expect(page.getByText("Invitations are on their way")).toBeVisible();
  await expect(page.getByText("You can send them again from")).toBeVisible();

  // Each member opens the emailed invitation and opts in.
  for (const [member, email, role] of [
    [mentor, mentorEmail, "A mentor"],
    [mentee, menteeEmail, "A mentee"],
  ] as const) {
    // The invitation is written by a background job, with the site's configured address (localhost here): its path, on this server.
    const href = await emailedLink(member, email, /\/mentoring$/);
    await member.goto(new URL(href).pathname);
    await expect(heading(member)).toHaveText(`Mentoring in ${name}`);
    await expect(member.getByText("an hour a month, on what you choose.")).toBeVisible();
    await member.getByRole("group", { name: "Take part as" }).getByLabel(role).check();
    await member.getByRole("button", { name: "Take part" }).click();
    await expect(member.getByText("You take part in the program.")).toBeVisible();
  }
  await screenshotsAtBothSizes(mentee, "mentoring-program-member");
  await checkA11yOn(mentee);

  // The owner proposes the pair, with a note.
  await page.reload();
  // One participant on each side: the first choice after "Choose…".
  await expect(page.getByLabel("Mentee").getByRole("option", { name: /Noor Newcomer/ })).toHaveCount(1);
  await expect(page.getByLabel("Mentor").getByRole("option", { name: /Mara Mentor/ })).toHaveCount(1);
  await page.getByLabel("Mentee").selectOption({ index: 1 });
  await page.getByLabel("Mentor").selectOption({ index: 1 });
  await page.getByLabel("A note to both (optional)").fill("You both started in meeting planning.");
  await page.getByRole("button", { name: "Propose the pair" }).click();
  await expect(page.getByText("Proposed. Both members are told")).toBeVisible();
  const proposals = page.getByRole("region", { name: "Pairs you proposed" });
  await expect(proposals.getByText("Waiting for both to accept")).toBeVisible();

  // The owner withdraws it (the button names the pair for screen readers) and proposes the same pair
  // again: a withdrawn proposal blocks nothing.
  await proposals.getByRole("button", { name: "Withdraw proposal of Mara Mentor mentoring Noor Newcomer" }).click();
  await expect(page.getByText("Withdrew the proposal of Mara Mentor mentoring Noor Newcomer. Both have been told.")).toBeVisible();
  await expect(proposals.getByText(/^Withdrawn · proposed on/)).toBeVisible();
  await expect(proposals.getByRole("button", { name: /Withdraw proposal/ })).toHaveCount(0);
  await page.getByLabel("Mentee").selectOption({ index: 1 });
  await page.getByLabel("Mentor").selectOption({ index: 1 });
  await page.getByLabel("A note to both (optional)").fill("You both started in meeting planning.");
  await page.getByRole("button", { name: "Propose the pair" }).click();
  await expect(page.getByText("Proposed. Both members are told")).toBeVisible();
  await expect(proposals.getByText("Waiting for both to accept")).toBeVisible();

  // Both accept from their emailed links; the mentorship starts with the second.
  const mentorLink = await emailedLink(mentor, mentorEmail, /mentoring\/requests\//);
  await mentor.goto(mentorLink);
  await expect(heading(mentor)).toHaveText(`${name} proposes that you mentor Noor Newcomer`);
  await expect(mentor.getByText("You both started in meeting planning.")).toBeVisible();
  await screenshotsAtBothSizes(mentor, "mentoring-program-proposal");
  await checkA11yOn(mentor);
  await mentor.getByRole("button", { name: "Accept" }).click();
  await expect(mentor.getByText("The mentorship starts once the other member accepts too.")).toBeVisible();
  const menteeLink = await emailedLink(mentee, menteeEmail, /mentoring\/requests\//);
  await mentee.goto(menteeLink);
  await expect(heading(mentee)).toHaveText(`${name} proposes Mara Mentor as your mentor`);
  await mentee.getByRole("button", { name: "Accept" }).click();
  await expect(heading(mentee)).toHaveText("Mentored by Mara Mentor");
  const spacePath = new URL(mentee.url()).pathname;
  await mentee.getByLabel("Your message").fill("Thank you for taking me on!");
  await mentee.getByRole("button", { name: "Send", exact: true }).click();
  await expect(mentee.getByText("Thank you for taking me on!")).toBeVisible();

  // The owner sees the pair active and the counts withheld, and nothing the pair said.
  await page.reload();
  await expect(proposals.getByText("Accepted by both: active")).toBeVisible();
  const counts = page.getByRole("region", { name: "How the program is going" });
  await expect(counts.getByText("Fewer than 5")).toHaveCount(4);
  await expect(page.getByText("Thank you for taking me on!")).toHaveCount(0);
  await screenshotsAtBothSizes(page, "mentoring-program-owner");
  await checkA11yOn(page);
  const response = await page.goto(spacePath);
  expect(response?.status()).toBe(404);
});
