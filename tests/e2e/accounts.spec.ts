import { test, expect } from "./fixtures";
import { emailedLink, followConfirmationLink } from "./people";

const uniqueEmail = () => `member-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.org`;

test("a newcomer signs up, onboards, edits their profile, logs out, logs in and resets the password", async ({
  page,
  checkA11y,
}) => {
  // The longest journey (five accessibility checks, three emails): near 30 s on a loaded 2-core machine.
  test.slow();
  const email = uniqueEmail();
  await page.goto("/");
  await page.getByRole("link", { name: "Sign up" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Create your account");
  await checkA11y();

  // Bad input: clear messages, typed values kept.
  await page.getByLabel("Your name").fill("Jo Newcomer");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("short");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("Use at least 10 characters")).toBeVisible();
  await expect(page.getByLabel("Email")).toHaveValue(email);

  await page.getByLabel("Password").fill("passw0rd123");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText(/most commonly used/)).toBeVisible();
  await expect(page.getByLabel("Your name")).toHaveValue("Jo Newcomer");

  await page.getByLabel("Password").fill("tidal marsh lantern 42");
  await page.getByRole("button", { name: "Create account" }).click();

  // The address is confirmed by email: the link in the outbox signs the newcomer in.
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Check your email to continue");
  await expect(page.getByText(email)).toBeVisible();
  await checkA11y();
  await followConfirmationLink(page, email);

  // First-run onboarding.
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Welcome to CME Commons");
  await checkA11y();
  await page.getByLabel("Which describes your work best?").selectOption({ label: "Program developer" });
  await page.getByLabel("What did you do before CME/CE?").selectOption({ label: "Meeting planning" });
  await page.getByRole("button", { name: "Save and continue" }).click();

  // Personal home says what to do next.
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Welcome, Jo Newcomer");
  await expect(page.getByRole("heading", { name: "Your next steps" })).toBeVisible();
  await checkA11y();

  // Edit the profile.
  await page.getByRole("link", { name: "Edit your profile" }).click();
  await expect(page.getByRole("heading", { name: "Your profile" })).toBeVisible();
  await page.getByLabel("Job title").fill("CME Coordinator");
  await page.getByLabel("Organization", { exact: true }).fill("Harbor Hospital");
  await page.getByRole("button", { name: "Save profile" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Jo Newcomer");
  await expect(page.getByText("CME Coordinator")).toBeVisible();
  await expect(page.getByText("Program developer")).toBeVisible();

  // Log out, log in.
  await page.getByRole("button", { name: "Log out" }).click();
  await expect(page.getByRole("link", { name: "Log in" })).toBeVisible();
  await page.getByRole("link", { name: "Log in" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Log in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("wrong password here");
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByText("That email and password do not match an account.")).toBeVisible();
  await page.getByLabel("Password").fill("tidal marsh lantern 42");
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Welcome, Jo Newcomer");
  await page.getByRole("button", { name: "Log out" }).click();

  // Forgot the password: the reset link arrives in the outbox.
  await page.getByRole("link", { name: "Log in" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Log in");
  await page.getByRole("link", { name: "Forgot your password?" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Reset your password");
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: /reset link/i }).click();
  await expect(page.getByText(/If an account exists/)).toBeVisible();
  const href = await emailedLink(page, email, /\/reset-password\//);
  await page.goto(href);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await page.getByLabel("New password", { exact: true }).fill("harbor lights at dawn");
  await page.getByLabel(/again|Confirm/i).fill("harbor lights at dawn");
  await page.getByRole("button", { name: /password/i }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Welcome, Jo Newcomer");

  // The link works once.
  await page.goto(href);
  await expect(page.getByText(/expired or was already used/)).toBeVisible();
});

test("sign-up with a taken address answers exactly as with a new one, and the owner is told by email", async ({ request, baseURL, page }) => {
  // Addresses of one length, so that not even the body's length differs.
  const address = () => `taken-${Date.now()}-${String(Math.floor(Math.random() * 1e6)).padStart(6, "0")}@example.org`;
  const signUp = (email: string) =>
    request.post("/signup.data", {
      headers: { Origin: baseURL! },
      form: { displayName: "Tess Taken", email, password: "tidal marsh lantern 42" },
    });
  const taken = address();
  expect((await signUp(taken)).status()).toBe(200);
  // The account exists once its confirmation email is written (just after the answer).
  await expect(async () => {
    await page.goto("/dev/outbox");
    await expect(page.getByRole("article").filter({ hasText: taken })).toHaveCount(1, { timeout: 1_000 });
  }).toPass({ timeout: 15_000 });

  const fresh = address();
  expect(fresh).toHaveLength(taken.length);
  const [forTaken, forNew] = [await signUp(taken), await signUp(fresh)];
  expect(forTaken.status()).toBe(forNew.status());
  // Every header the same, but the date and the Content-Security-Policy's per-response nonce.
  const headers = (response: typeof forTaken) =>
    Object.entries(response.headers())
      .filter(([name]) => name !== "date")
      .map(([name, value]) => [name, value.replace(/'nonce-[^']+'/g, "'nonce'")])
      .sort(([a], [b]) => a!.localeCompare(b!));
  expect(headers(forTaken)).toEqual(headers(forNew));
  expect((await forTaken.text()).replaceAll(taken, "<email>")).toBe((await forNew.text()).replaceAll(fresh, "<email>"));

  await expect(async () => {
    await page.goto("/dev/outbox");
    const toOwner = page.getByRole("article").filter({ hasText: taken });
    await expect(toOwner.filter({ hasText: "Someone tried to create a CME Commons account" })).toHaveCount(1, { timeout: 1_000 });
    await expect(toOwner.filter({ hasText: "Confirm your email address" })).toHaveCount(1, { timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
});

test("until the address is confirmed a member reads but cannot post, and can have the link sent again", async ({
  page,
  consoleErrors,
}) => {
  const email = uniqueEmail();
  await page.goto("/signup");
  await page.getByLabel("Your name").fill("Uma Unconfirmed");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("tidal marsh lantern 42");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Check your email to continue");

  // Logging in works; a reminder says what is missing.
  await page.getByRole("main").getByRole("link", { name: "Log in" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Log in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("tidal marsh lantern 42");
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Welcome to CME Commons");
  await expect(page.getByRole("complementary", { name: "Confirm your email address" })).toBeVisible();

  // Starting a thread is refused with the reason and a way to get the link again.
  await page.goto("/forums/community/new");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Please confirm your email address first");
  // The browser logs the 403 document: expected here, and only here.
  expect(consoleErrors.filter((text) => /status of 403/.test(text))).toHaveLength(1);
  consoleErrors.splice(consoleErrors.findIndex((text) => /status of 403/.test(text)), 1);
  await page.getByRole("button", { name: "Email me a new link" }).click();
  await expect(page.getByRole("status").filter({ hasText: `We've sent a new link to ${email}` })).toContainText(`We've sent a new link to ${email}`);

  // The newest link confirms the address and the reminder goes.
  await followConfirmationLink(page, email);
  await page.goto("/forums/community/new");
  await expect(page.getByRole("heading", { level: 1 })).not.toHaveText("Please confirm your email address first");
  await expect(page.getByRole("complementary", { name: "Confirm your email address" })).toHaveCount(0);
});

test("too many wrong passwords from one address: the page says when to try again", async ({ page }) => {
  await page.goto("/login");
  const email = uniqueEmail();
  for (let attempt = 0; attempt < 8; attempt++) {
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill("not the password");
    await page.getByRole("button", { name: "Log in" }).click();
    await expect(page.getByText("That email and password do not match an account.")).toBeVisible();
  }
  await page.getByLabel("Password").fill("not the password");
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Too many attempts");
  await expect(page.getByText(/Please try again in (a minute|\d+ minutes)\./)).toBeVisible();
});

test("requests from another site are refused", async ({ request }) => {
  const foreign = await request.post("/logout", { headers: { Origin: "https://evil.example" } });
  expect(foreign.status()).toBe(403);
  const anonymous = await request.post("/login", { form: { email: "a@b.org", password: "x" } });
  expect(anonymous.status()).toBe(403);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("sign-up errors come back from the server with the typed values kept", async ({ page }) => {
    await page.goto("/signup");
    await page.getByLabel("Your name").fill("No Script");
    await page.getByLabel("Email").fill("no-script@example.org");
    await page.getByLabel("Password").fill("password123");
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page.getByText(/most commonly used/)).toBeVisible();
    await expect(page.getByLabel("Your name")).toHaveValue("No Script");
    await expect(page.getByLabel("Email")).toHaveValue("no-script@example.org");
    await expect(page.getByLabel("Password")).toHaveValue("");
  });
});
