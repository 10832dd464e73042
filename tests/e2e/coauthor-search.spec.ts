import { test, expect } from "./fixtures";
import { checkA11yOn, heading, signUp, unique } from "./people";

test("an author finds a co-author by name without JavaScript, and the co-author is told", async ({ page: coauthor, people }) => {
  test.setTimeout(120_000);
  const tag = unique().replace(/\D/g, "").slice(-6);
  const coauthorName = `Bea Quillfeather ${tag}`;
  const title = `What a CME planner is ${tag}`;

  await signUp(coauthor, coauthorName);

  const author = await people.add();
  await signUp(author, "Ada Author");
  await author.goto("/statements/new");
  await author.getByLabel("Who is it for?").selectOption({ label: "Community-wide" });
  await author.getByLabel("Title").fill(title);
  await author.getByLabel("The statement").fill("We plan education that changes what clinicians do.");
  await author.getByRole("button", { name: "Save draft" }).click();
  await expect(heading(author)).toHaveText(title);
  const statementPath = new URL(author.url()).pathname;

  const search = async (page: typeof author) => {
    const panel = page.getByRole("region", { name: "Co-authors" });
    await panel.getByLabel("Find a co-author by name or handle").fill(`quillfeather ${tag}`);
    await panel.getByRole("button", { name: "Search" }).click();
    const matches = page.getByRole("list", { name: `Members matching “quillfeather ${tag}”` });
    await expect(matches.getByRole("link", { name: coauthorName })).toBeVisible();
    return matches;
  };
  await search(author);
  await checkA11yOn(author);
  await author.getByRole("region", { name: "Co-authors" }).screenshot({ path: "test-results/e2e/coauthor-search-1280.png" });

  // The same with JavaScript switched off: the search and the button are plain forms.
  const plain = await people.add({ javaScriptEnabled: false, storageState: await author.context().storageState() });
  await plain.goto(statementPath);
  const matches = await search(plain);
  await matches.getByRole("button", { name: `Add as co-author ${coauthorName}` }).click();
  await expect(plain.getByText("Co-authors updated.")).toBeVisible();
  await expect(plain.getByRole("region", { name: "Co-authors" }).getByRole("button", { name: `Remove ${coauthorName}` })).toBeVisible();

  // The new co-author hears of it, and the notification opens the statement.
  await coauthor.goto("/notifications");
  await coauthor.getByRole("button", { name: `Ada Author made you a co-author of the statement “${title}”` }).click();
  await expect(heading(coauthor)).toHaveText(title);
});
