import { test, expect } from "./fixtures";

const uniqueEmail = () => `member-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.org`;

test("a newcomer signs up, onboards, edits their profile, logs out, logs in and resets the password", async ({
  page,
  checkA11y,
}) => {
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

  // First-run onboarding.
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Welcome to CME Commons");
  await checkA11y();
  await page.getByLabel("Which describes your work best?").selectOption({ label: "Program developer" });
  await page.getByLabel("What did you do before CME?").selectOption({ label: "Meeting planning" });
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
  await page.goto("/dev/outbox");
  const link = page.getByRole("link", { name: /\/reset-password\// }).first();
  const href = await link.getAttribute("href");
  await page.goto(href!);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await page.getByLabel("New password", { exact: true }).fill("harbor lights at dawn");
  await page.getByLabel(/again|Confirm/i).fill("harbor lights at dawn");
  await page.getByRole("button", { name: /password/i }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Welcome, Jo Newcomer");

  // The link works once.
  await page.goto(href!);
  await expect(page.getByText(/expired or was already used/)).toBeVisible();
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
