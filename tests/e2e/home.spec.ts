// Home moves with the member: the next step first, done items ticked, and what waits for an association's owner.
import { test, expect } from "./fixtures";
import { createAssociationThroughForm, heading, screenshotsAtBothSizes, signUp, unique } from "./people";

test("home shows a newcomer the next step, ticks what is done, and shows an owner the join request waiting", async ({
  page: owner,
  people,
  checkA11y,
}) => {
  test.slow();
  const associationName = `Harbor Planners ${unique()}`;
  // A newcomer: nothing done yet, the profile first, the newcomer pathway still to do with its progress.
  await signUp(owner, "Hana Home");
  const next = owner.getByRole("region", { name: "Your next steps" });
  await expect(owner.getByText("Zero of four done. Here is what to do next.")).toBeVisible();
  await expect(next.getByRole("heading", { level: 3 }).first()).toHaveText("Next step");
  await expect(next.getByRole("heading", { level: 4 }).first()).toHaveText("Complete your profile");
  await expect(next.getByRole("heading", { name: "Start Newcomer onboarding" })).toBeVisible();
  await expect(next.getByRole("progressbar", { name: "Newcomer onboarding: steps done" })).toHaveAttribute("aria-valuenow", "0");
  await expect(next.getByText(/^Done/)).toHaveCount(0);
  await checkA11y();
  await screenshotsAtBothSizes(owner, "home-newcomer");

  // She creates an association that approves each member: it is done, and she runs it.
  const slug = (
    await createAssociationThroughForm(owner, associationName, {
      description: "Hospital CME planners on the harbor side, comparing notes.",
      joinPolicy: "By request: moderators approve each member",
    })
  ).split("/")[2]!;

  // Someone asks to join.
  const asker = await people.add();
  await signUp(asker, "Ari Asker");
  await asker.goto(`/associations/${slug}`);
  await asker.getByRole("button", { name: "Ask to join" }).click();
  await expect(asker.getByRole("status").first()).toBeVisible();

  // The owner's home: the association step ticked (in words, not only a mark), the request waiting, insight linked.
  await owner.goto("/home");
  await expect(owner.getByText("One of four done. Here is what to do next.")).toBeVisible();
  const done = owner.getByRole("group").filter({ hasText: "Done (1)" });
  await done.getByText("Done (1)").click();
  await expect(done.getByText("Done: You belong to one association")).toBeVisible();
  const run = owner.getByRole("region", { name: "Associations you run" });
  await expect(run.getByRole("heading", { name: associationName })).toBeVisible();
  await expect(run.getByText("You are its owner.")).toBeVisible();
  await expect(run.getByText("No flagged posts waiting")).toBeVisible();
  await expect(run.getByRole("link", { name: "Insight into its members" })).toHaveAttribute("href", `/associations/${slug}/insight`);
  await checkA11y();
  await screenshotsAtBothSizes(owner, "home-owner");
  await run.getByRole("link", { name: "One join request waiting" }).click();
  await expect(heading(owner)).toHaveText("Join requests");
  await expect(owner.getByRole("button", { name: "Approve Ari Asker" })).toBeVisible();
});
