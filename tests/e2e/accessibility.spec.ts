// The accessibility sweep over every page a visitor and a member can reach:
// starting from the front page and from the member's home, it follows every
// link on the site (each path once) and runs axe on each page it lands on,
// then checks the page reflows on a 360 px phone screen (no sideways page scroll).
// The pages are found by following links, and the route manifest then says
// which page routes none of them reached: a new page is swept as soon as
// something links to it, and a page the crawl does not reach fails the last
// check unless it is listed below with the reason.
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { Page } from "@playwright/test";
import { accessibilityViolations, expect, test } from "./fixtures";
import { heading, logInAsAdmin, signUp, unique } from "./people";

const buildDir = path.resolve(process.env.BUILD_DIR || "build");

/**
 * Page routes the crawl may not reach, and why. (Other journeys share the
 * worker's database, so one of these is sometimes reached through their data.)
 */
const NOT_CRAWLED: Record<string, string> = {
  "routes/accounts/reset-password.$token": "opened from an emailed link (accounts.spec checks it)",
  "routes/accounts/confirm-email_.$token": "opened from an emailed link",
  "routes/accounts/email.unsubscribe": "opened from an emailed link",
  "routes/accounts/confirm-email": "shown to a member whose address is not confirmed",
  "routes/accounts/welcome": "shown once, right after sign-up",
  "routes/associations/invitations.$token": "opened from a link the owner shares (discussions.spec checks it)",
  "routes/associations/associations.$slug.import.$id": "reached by uploading a member file (member-import.spec checks it)",
  "routes/competencies/review.$token": "opened from an emailed link",
  "routes/competencies/review.rate.$ratingId": "reached through a reviewer's emailed link",
  "routes/competencies/shared.$token": "opened from a link the member shares (competency-profile.spec checks it)",
  "routes/competencies/competencies.versions.$versionId": "a framework edition other than the site's default, once one is imported (licensed-framework.spec checks it)",
  "routes/competencies/me.competencies.pack": "needs a submitted assessment (competency-profile.spec checks it)",
  "routes/competencies/me.competencies.share": "needs a submitted assessment (competency-profile.spec checks it)",
  "routes/discussions/t.$threadId.posts.$number.flag": "offered on other members' posts only (discussions.spec checks it)",
  "routes/discussions/t.$threadId.posts.$number.history": "offered once a post has been edited",
  "routes/discussions/moderation": "for moderators of an association with something to moderate (discussions.spec checks it)",
  "routes/pathways/pathways.$slug_.edit": "for a pathway's authors",
  "routes/pathways/pathways.$slug_.edit_.steps.$stepId": "for a pathway's authors",
  "routes/pathways/pathways.$slug_.preview": "for a pathway's authors",
  "routes/statements/statements.$id.versions.$number": "offered once a statement has a second version",
  "routes/statements/statements.$id.suggestions": "offered once a statement is open for suggestions",
  "routes/statements/statements.$id.suggest": "offered once a statement is open for suggestions",
  "routes/admin/admin.frameworks.$versionId_.crosswalks.$toVersionId": "linked once versions of two frameworks exist (crosswalk.spec checks it)",
  "routes/credentials/me.chcp.entries.$entryId": "offered once the CHCP log has an entry (chcp.spec checks it)",
  "routes/site/dev.outbox": "a development tool, not a page of the site",
  "routes/accounts/logout": "a form's action, never a link",
  "routes/goals/me.goals.$goalId": "needs a goal the member wrote (goals.spec checks it)",
  "routes/goals/me.check-ins.$checkInId": "opened from an emailed link or home, 30 and 90 days after a commitment (goals.spec checks it)",
  "routes/accounts/sso.link": "reached after a provider signs in someone whose address has an account (sso.spec checks it)",
  "routes/accounts/sso.link_.$token": "opened from an emailed link (tests/routes/sso.test.ts checks it)",
  "routes/mentoring/mentoring.ask.$handle": "offered beside a suggested mentor, to a member asking for one (mentoring.spec checks it)",
  "routes/mentoring/mentoring.requests.$id": "opened from the emailed request or the mentoring page once a request exists (mentoring.spec checks it)",
  "routes/mentoring/mentoring.$id": "a pair's private space, once a request is accepted (mentoring.spec checks it)",
  "routes/associations/associations.$slug.mentoring._index": "linked once an owner starts a program (mentoring-programs.spec checks it)",
};

/** Links worth following: pages of this site, not downloads, feeds or the way out. */
function followable(href: string, origin: string): URL | null {
  let url: URL;
  try {
    url = new URL(href, origin);
  } catch {
    return null;
  }
  if (url.origin !== origin) return null;
  if (/\.(csv|json|html|ics|xml|atom|svg|png|ico|txt)$|\/export$|\/feed\b|^\/dev\/|^\/logout\b|^\/assets\//.test(url.pathname)) return null;
  return url;
}

const PHONE = { width: 360, height: 800 };

/**
 * How far the page is wider than a phone screen (WCAG 1.4.10, reflow): 0 when
 * everything reflows, wide tables scrolling inside their own box included.
 */
async function phoneOverflow(page: Page): Promise<number> {
  const size = page.viewportSize();
  await page.setViewportSize(PHONE);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  if (size) await page.setViewportSize(size);
  return overflow;
}

/**
 * Visits the `starts` and every page linked from what it reaches, each path
 * once. axe checks the first page of each route (not the twentieth area page
 * again), and links are followed from the first few pages of each route, so
 * an empty forum seen first does not hide the threads of the next one.
 */
async function crawl(page: Page, starts: string[], reached: Set<string>, problems: string[], within = "/") {
  const origin = new URL(page.url()).origin;
  const queue = [...starts];
  const seen = new Set<string>();
  const pagesOf = new Map<string, number>();
  while (queue.length > 0) {
    const address = queue.shift()!;
    const key = new URL(address, origin).pathname;
    if (seen.has(key)) continue;
    seen.add(key);
    const response = await page.goto(address);
    if (!response || !response.headers()["content-type"]?.startsWith("text/html")) continue;
    // The routes the page matched, from Remix's router once the page has hydrated.
    await page.waitForFunction(() => "__remixRouter" in window);
    const ids = await page.evaluate(() =>
      (window as unknown as { __remixRouter: { state: { matches: { route: { id: string } }[] } } }).__remixRouter.state.matches.map(
        (match) => match.route.id,
      ),
    );
    const leaf = ids.at(-1) ?? key;
    const pages = (pagesOf.get(leaf) ?? 0) + 1;
    pagesOf.set(leaf, pages);
    if (pages > 3) continue;
    for (const id of ids) reached.add(id);
    if (pages === 1) {
      for (const line of await accessibilityViolations(page)) problems.push(`${key}: ${line}`);
      const overflow = await phoneOverflow(page);
      if (overflow > 0) problems.push(`${key}: wider than a ${PHONE.width} px phone screen by ${overflow} px (content must reflow)`);
    }
    // An error page (the 404 included) is checked, and its links lead nowhere new.
    if (response.status() >= 400) continue;
    const hrefs = await page.locator("a[href]").evaluateAll((links) => links.map((link) => link.getAttribute("href") ?? ""));
    for (const href of hrefs) {
      const url = followable(href, origin);
      if (url && url.pathname.startsWith(within) && !seen.has(url.pathname)) queue.push(url.pathname + url.search);
    }
  }
}

test.describe("every page", () => {
  test.describe.configure({ timeout: 600_000 });

  test("passes axe (WCAG 2.2 AA, label in name included), for a visitor and for a member", async ({ page, browser, baseURL }) => {
    const reached = new Set<string>();
    const problems: string[] = [];

    await page.goto("/");
    // Search is a form, and a missing page is what a mistyped address shows.
    await crawl(page, ["/", "/search?q=outcomes", "/no-such-page"], reached, problems);

    // A member with an association, a thread and a reply, so the pages that show them have something to show.
    const member = await browser.newContext({ baseURL });
    const memberPage = await member.newPage();
    await signUp(memberPage, "Ada Sweep");
    await memberPage.goto("/associations/new");
    await memberPage.getByLabel("Name", { exact: true }).fill(`Sweep Circle ${unique()}`);
    await memberPage.getByLabel("Description").fill("Where the accessibility sweep finds an association to look at.");
    await memberPage.getByRole("button", { name: "Create the association" }).click();
    await expect(memberPage.getByRole("status").filter({ hasText: "Your association is ready" })).toBeVisible();
    await memberPage.goto(`/forums/${new URL(memberPage.url()).pathname.split("/")[2]}`);
    await memberPage.getByRole("link", { name: "New thread" }).click();
    await expect(heading(memberPage)).toHaveText("New thread");
    await memberPage.getByLabel("Category").selectOption({ index: 1 });
    await memberPage.getByLabel("Title").fill("What makes an outcomes survey worth answering?");
    await memberPage.getByLabel("Your post").fill("Short questions, sent **soon** after the activity. What works for you?");
    await memberPage.getByRole("button", { name: "Start thread" }).click();
    await expect(heading(memberPage)).toHaveText("What makes an outcomes survey worth answering?");
    // A draft self-assessment, a plan and a draft statement, so their pages are linked from the member's.
    await memberPage.goto("/me/assessment");
    await memberPage.getByRole("button", { name: "Start your baseline" }).click();
    await expect(heading(memberPage)).not.toHaveText("Your competency self-assessment");
    await memberPage.goto("/me/plans/new");
    await memberPage.getByLabel("Name of the plan").fill("Sweep webinar plan");
    await memberPage.getByRole("button", { name: "Create plan" }).click();
    await expect(heading(memberPage)).toHaveText("Sweep webinar plan");
    await memberPage.goto("/statements/new");
    await memberPage.getByLabel("Who is it for?").selectOption({ index: 1 });
    await memberPage.getByLabel("Title").fill("We plan education from practice gaps");
    await memberPage.getByLabel("The statement").fill("Every activity we accredit starts from a gap in practice that we can name.");
    await memberPage.getByRole("button", { name: "Save draft" }).click();
    await expect(heading(memberPage)).toHaveText("We plan education from practice gaps");
    // Starting a plan is a form too.
    await crawl(memberPage, ["/home", "/", "/search?q=outcomes", "/me/plans/new"], reached, problems);
    await member.close();

    // The site administrator's pages (the rest of the site was swept above).
    const admin = await browser.newContext({ baseURL });
    const adminPage = await admin.newPage();
    await logInAsAdmin(adminPage);
    await crawl(adminPage, ["/admin"], reached, problems, "/admin");
    await admin.close();

    expect(problems).toEqual([]);

    const build = await import(pathToFileURL(path.join(buildDir, "server/index.js")).href);
    const pages = Object.values(build.routes as Record<string, { id: string; module: Record<string, unknown> }>)
      .filter((route) => route.module.default)
      .map((route) => route.id);
    const unreached = pages.filter((id) => !reached.has(id) && !(id in NOT_CRAWLED));
    expect(unreached, "page routes the crawl did not reach (link them, or say why in NOT_CRAWLED)").toEqual([]);
  });
});
