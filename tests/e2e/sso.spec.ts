// Single sign-on through a real OpenID Connect provider (oidc-provider on
// 127.0.0.1, tests/setup/oidc-provider.ts): an administrator adds it, tied to
// an association; a person signs in with it for the first time and lands in
// that association; someone whose address already has an account connects it
// only after confirming with their password.
import type { BrowserContext, Page } from "@playwright/test";
import { slugify } from "~/utils/slug";
import { startOidcProvider, type TestProvider } from "../setup/oidc-provider";
import { expect, test } from "./fixtures";
import { createAssociationThroughForm, followConfirmationLink, heading, hydrated, logInAsAdmin, PASSWORD, screenshotsAtBothSizes, unique } from "./people";

let idp: TestProvider;
const PROVIDER = `Lakeside Society ${unique().slice(-6)}`;
const slug = slugify(PROVIDER, 40);

test.beforeAll(async ({ server }) => {
  idp = await startOidcProvider({
    clients: [{ clientId: "cme-commons", clientSecret: "e2e-client-secret", redirectUris: [`${server.baseURL}/sso/${slug}/callback`] }],
    accounts: [],
  });
});

test.afterAll(async () => {
  await idp?.stop();
});

test.describe.configure({ mode: "serial" });

/** The provider's development page asks Google Fonts for a font: answered empty here (the tests make no outside requests). */
async function noOutsideRequests(context: BrowserContext) {
  await context.route(/^https:\/\/fonts\.googleapis\.com\//, (route) => route.fulfill({ status: 200, contentType: "text/css", body: "" }));
}

/** Signs in as `login` on the provider's own (development) sign-in page. */
async function signInAtProvider(page: Page, login: string) {
  await expect(page).toHaveURL(new RegExp(`^${idp.issuer}/`));
  await page.getByPlaceholder("Enter any login").fill(login);
  await page.getByPlaceholder("and password").fill("anything");
  await page.getByRole("button", { name: "Sign-in" }).click();
  // Back on this site: let React hydrate before the next click or navigation (one made while it
  // hydrates interrupts it, and React logs an error).
  await page.waitForURL((url) => !url.href.startsWith(idp.issuer));
  await hydrated(page);
}

test("a person signs in through their association's provider for the first time and lands in the association", async ({ page, baseURL, people }) => {
  // The administrator makes the association and adds the provider, tied to it.
  await logInAsAdmin(page);
  const associationPath = await createAssociationThroughForm(page, `Lakeside CME ${unique()}`, {
    description: "Members sign in with the society's own accounts.",
    joinPolicy: "By invitation only",
  });
  const associationSlug = associationPath.split("/")[2]!;
  await page.goto("/admin");
  await page.getByRole("link", { name: "Single sign-on" }).click();
  await expect(heading(page)).toHaveText("Single sign-on");
  await page.getByLabel("Display name").fill(PROVIDER);
  await page.getByLabel("Issuer URL").fill(idp.issuer);
  await page.getByLabel("Client ID").fill("cme-commons");
  await page.getByLabel("Client secret").fill("e2e-client-secret");
  await page.getByLabel("Association (optional)").fill(associationSlug);
  await page.getByRole("button", { name: "Add provider" }).click();
  await expect(page.getByRole("status").filter({ hasText: `${PROVIDER} was added` })).toBeVisible();
  const listed = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: PROVIDER }) });
  await expect(listed).toContainText(`${baseURL}/sso/${slug}/callback`);
  await screenshotsAtBothSizes(page, "sso-admin");

  // A person who has never been here signs in with the provider from the association's page.
  const email = `pat-${unique()}@example.org`;
  idp.accounts.set("pat", { sub: "pat", email, email_verified: true, name: "Pat Okafor" });
  const pat = await people.add();
  await noOutsideRequests(pat.context());
  await pat.goto(`/login?redirectTo=${encodeURIComponent(associationPath)}`);
  await screenshotsAtBothSizes(pat, "sso-login");
  await pat.getByRole("link", { name: `Sign in with ${PROVIDER}` }).click();
  await signInAtProvider(pat, "pat");
  await expect(heading(pat)).toContainText("Welcome to CME Commons");
  await pat.getByRole("button", { name: "Skip for now" }).click();
  await expect(heading(pat)).toHaveText(/^Lakeside CME/);
  await expect(pat.getByText("You are a member of this association.")).toBeVisible();
  await hydrated(pat);

  // Settings → Account shows the provider, which cannot be removed while it is the only way in.
  await pat.goto("/settings/account");
  const methods = pat.getByRole("region", { name: "How you sign in" });
  await expect(methods.getByText(PROVIDER)).toBeVisible();
  await expect(methods.getByText("No password yet")).toBeVisible();
  await expect(methods.getByRole("button", { name: `Remove ${PROVIDER}` })).toHaveCount(0);
  await expect(pat.getByRole("link", { name: `Confirm with ${PROVIDER}` })).toBeVisible();
  await screenshotsAtBothSizes(pat, "sso-settings");
});

test("an existing account is connected only after its owner confirms with their password", async ({ people }) => {
  const member = await people.add();
  await noOutsideRequests(member.context());
  const email = `robin-${unique()}@example.org`;
  await member.goto("/signup");
  await member.getByLabel("Your name").fill("Robin Existing");
  await member.getByLabel("Email").fill(email);
  await member.getByLabel("Password").fill(PASSWORD);
  await member.getByRole("button", { name: "Create account" }).click();
  await followConfirmationLink(member, email);
  await member.getByRole("button", { name: "Skip for now" }).click();
  await expect(heading(member)).toHaveText("Welcome, Robin Existing");
  // Logged out (a new visit in the same browser).
  await member.context().clearCookies();

  idp.accounts.set("robin", { sub: "robin", email, email_verified: true, name: "Robin at the society" });
  await member.goto("/login");
  await member.getByRole("link", { name: `Sign in with ${PROVIDER}` }).click();
  await signInAtProvider(member, "robin");
  await expect(heading(member)).toHaveText(`Connect ${PROVIDER} to your account`);
  await screenshotsAtBothSizes(member, "sso-link");
  await member.getByLabel("Your CME Commons password").fill("not the password at all");
  await member.getByRole("button", { name: `Connect ${PROVIDER} and sign in` }).click();
  await expect(member.getByText("That is not the password of this account.")).toBeVisible();
  await member.getByLabel("Your CME Commons password").fill(PASSWORD);
  await member.getByRole("button", { name: `Connect ${PROVIDER} and sign in` }).click();
  await expect(heading(member)).toHaveText("Welcome, Robin Existing");

  // Now it is one way in among two, and can be removed.
  await member.goto("/settings/account");
  await member.getByRole("button", { name: `Remove ${PROVIDER}` }).click();
  await expect(member.getByRole("status").filter({ hasText: `${PROVIDER} was removed` })).toBeVisible();
  await expect(member.getByRole("link", { name: `Connect ${PROVIDER}` })).toBeVisible();
});
