import { test, expect } from "./fixtures";
import { hydrated } from "./people";

test("a visitor learns what the platform is and reaches the framework", async ({ page, checkA11y }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("healthcare CPD professionals");
  await expect(page.getByRole("heading", { name: "Who it is for" })).toBeVisible();
  await checkA11y();
  await page.getByRole("link", { name: "Explore the competency framework" }).click();
  await expect(page).toHaveURL(/\/competencies$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("CME Commons starter framework");
});

test("the front page promises nothing that is missing, and each of its links leads to a working part", async ({ page, request }) => {
  await page.goto("/");
  await expect(page.getByRole("main")).not.toContainText(/on the way|coming soon|not (yet )?available|planned for/i);
  const features = page.getByRole("region", { name: "What you can do here" });
  // The counts and the time come from the framework in use: the starter has eight areas and five stages.
  await expect(features).toContainText("eight areas of the work, each across five stages");
  await expect(features).toContainText("about 40 minutes");
  const hrefs = await page.getByRole("main").getByRole("link").evaluateAll((links) => links.map((link) => link.getAttribute("href")!));
  expect(hrefs).toEqual(
    expect.arrayContaining([
      "/signup", "/competencies", "/me/assessment", "/me/competencies", "/pathways", "/me/plans",
      "/forums/community", "/members", "/associations", "/statements", "/pathways/newcomer-onboarding",
    ]),
  );
  for (const href of new Set(hrefs)) {
    const response = await request.get(href, { maxRedirects: 0 });
    // Open parts answer; a member's own pages send a visitor to log in and come back.
    if (response.status() === 200) continue;
    expect(response.status(), href).toBe(302);
    expect(response.headers().location, href).toBe(`/login?redirectTo=${encodeURIComponent(href)}`);
  }
});

test("the framework page lists all eight areas and the five stages", async ({ page, checkA11y }) => {
  await page.goto("/competencies");
  const areas = page.getByRole("region", { name: "Eight competency areas" }).getByRole("heading", { level: 3 });
  await expect(areas).toHaveCount(8);
  for (const name of ["Adult learning principles", "Measuring performance", "Systems thinking"]) {
    await expect(page.getByRole("link", { name })).toBeVisible();
  }
  const stages = page.getByRole("region", { name: "Five stages of proficiency" }).getByRole("heading", { level: 3 });
  await expect(stages).toHaveText(["Novice", "Advanced beginner", "Competent", "Proficient", "Expert"]);
  await expect(page.getByRole("complementary", { name: "About this framework" })).toContainText("Alliance");
  await checkA11y();
});

test("an area page shows every stage's descriptor and links to its neighbours", async ({ page, checkA11y }) => {
  await page.goto("/competencies");
  await page.getByRole("link", { name: "Collaboration" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Collaboration");
  await expect(page.getByText("Area 4 of 8")).toBeVisible();
  const stages = page.getByRole("region", { name: "What each stage looks like" }).getByRole("listitem");
  await expect(stages).toHaveCount(5);
  await expect(stages.first()).toContainText("Novice");
  await expect(stages.last()).toContainText("Expert");
  await checkA11y();
  await page.getByRole("link", { name: /Next area: Administration/ }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Administration");
});

test("keyboard users can skip straight to the content", async ({ page }) => {
  await page.goto("/competencies");
  // A hash change while React is still hydrating makes it re-render on the client (and log it).
  await hydrated(page);
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to main content" });
  await expect(skip).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("main")).toBeFocused();
});

test("the main menu marks the current section and moves between pages without reloading them", async ({ page }) => {
  await page.goto("/competencies");
  await hydrated(page);
  const menu = page.getByRole("navigation", { name: "Main" });
  await expect(menu.getByRole("link", { name: "Competencies" })).toHaveAttribute("aria-current", "page");
  // A marker on the window survives a client-side navigation, not a page load.
  await page.evaluate(() => ((window as unknown as { stayed?: boolean }).stayed = true));
  await menu.getByRole("link", { name: "Pathways" }).click();
  await expect(page).toHaveURL(/\/pathways$/);
  await expect(menu.getByRole("link", { name: "Pathways" })).toHaveAttribute("aria-current", "page");
  await expect(menu.getByRole("link", { name: "Competencies" })).not.toHaveAttribute("aria-current", "page");
  expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);
});

test("an unknown URL shows the 404 page with status 404", async ({ page, checkA11y }) => {
  const response = await page.goto("/no/such/page");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Page not found");
  await expect(page.getByRole("link", { name: "Go to the home page" })).toBeVisible();
  await checkA11y();
});

test("pages carry an enforced CSP with a fresh nonce on every response", async ({ page, request }) => {
  const first = await request.get("/competencies");
  const second = await request.get("/competencies");
  const csp = first.headers()["content-security-policy"];
  expect(csp).toMatch(/script-src[^;]*'nonce-[A-Za-z0-9+/=]+'/);
  expect(csp).toContain("frame-ancestors 'none'");
  expect(first.headers()["content-security-policy-report-only"]).toBeUndefined();
  expect(first.headers()["x-content-type-options"]).toBe("nosniff");
  expect(first.headers()["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  const nonce = (h: string) => /'nonce-([^']+)'/.exec(h)![1]!;
  expect(nonce(second.headers()["content-security-policy"]!)).not.toBe(nonce(csp!));
  // 128 bits each, never repeated (the server cuts them from a pool refilled every 256 responses).
  const seen = new Set<string>();
  for (let i = 0; i < 300; i++) {
    const value = nonce((await request.get("/livez")).headers()["content-security-policy"]!)!;
    expect(value).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    seen.add(value);
  }
  expect(seen.size).toBe(300);
  // The hydrated page runs its scripts under that policy with no violation
  // (the fixture fails the test on any console error).
  await page.goto("/competencies");
  await page.getByRole("link", { name: "Leadership" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Leadership");
});

test("the health endpoint reports the database", async ({ request }) => {
  const response = await request.get("/healthz");
  expect(response.status()).toBe(200);
  expect(await response.json()).toMatchObject({ status: "ok", database: "ok" });
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the framework can be browsed", async ({ page }) => {
    await page.goto("/competencies");
    await page.getByRole("link", { name: "Leadership" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Leadership");
    await expect(page.getByRole("region", { name: "What each stage looks like" }).getByRole("listitem")).toHaveCount(5);
  });
});

test.describe("on a 360 px phone", () => {
  test.use({ viewport: { width: 360, height: 740 } });

  for (const url of ["/", "/competencies", "/competencies/educational-interventions", "/missing"]) {
    test(`${url} fits the screen without sideways scrolling`, async ({ page }) => {
      await page.goto(url);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
    });
  }
});
