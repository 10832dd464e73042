// Issue 20: email-first participation. A member gets a notification email in
// the outbox, answers it through the inbound SMTP listener (with quoted
// history and a signature) and only the new text appears on the thread, its
// watcher notified; the same through the provider webhook; and a thread
// started by mail to the member's personal posting address for a category.
import type { Page } from "@playwright/test";
import nodemailer from "nodemailer";
import { expect, test } from "./fixtures";
import { checkA11yOn, heading, screenshotsAtBothSizes, signUp, unique } from "./people";

const REPLY_DOMAIN = "reply.e2e.test";
const SECRET = "e2e-inbound-webhook-secret";

test.use({
  serverEnv: {
    REPLY_DOMAIN,
    INBOUND_WEBHOOK_SECRET: SECRET,
    SMTP_INBOUND_PORT: "free",
    // Background jobs every second, and immediate emails after a second instead of two minutes.
    JOB_INTERVAL_SECONDS: "1",
    NOTIFICATION_EMAIL_DELAY_SECONDS: "1",
  },
});

const CRLF = "\r\n";

/** A reply as a mail client writes it: the new text, a signature, the quoted email. */
function replyMessage(options: { from: string; to: string; subject: string; text: string }) {
  const body = [
    options.text,
    "",
    "-- ",
    "Bea Bennett",
    "Education lead, Riverside Hospital",
    "Sent from my phone",
    "",
    `On Mon, 7 Dec 2026 at 09:12, CME Commons <no-reply@cme-commons.local> wrote:`,
    "> Ada Author replied in a thread you watch.",
    ">",
    "> Read it and reply: http://localhost/t/x",
  ].join(CRLF);
  return [
    `From: Bea Bennett <${options.from}>`,
    `To: ${options.to}`,
    `Subject: ${options.subject}`,
    `Message-ID: <${unique()}@mail.example.net>`,
    `Date: ${new Date().toUTCString()}`,
    "MIME-Version: 1.0",
    'Content-Type: text/plain; charset="utf-8"',
    "",
    body,
  ].join(CRLF);
}

/** The Reply-To of the newest email of `kind` to `email`, read in the outbox's headers. */
async function replyToAddress(page: Page, email: string) {
  let address = "";
  await expect(async () => {
    await page.goto("/dev/outbox");
    const message = page.getByRole("article").filter({ hasText: email }).filter({ hasText: "notification" }).first();
    await message.getByText(/^Headers/).click({ timeout: 1_000 });
    address = (await message.getByText(new RegExp(`^reply\\+[a-z2-7]{32}@${REPLY_DOMAIN.replace(/\./g, "\\.")}$`)).first().textContent({ timeout: 1_000 })) ?? "";
    expect(address).toMatch(/^reply\+/);
  }).toPass({ timeout: 30_000 });
  return address;
}

test("reply by email (SMTP and webhook) and start a thread by email", async ({ page: author, people, server }) => {
  test.setTimeout(180_000);
  const title = `Follow-up surveys that learners answer ${unique()}`;
  await signUp(author, "Ada Author");
  const replier = await people.add();
  const replierEmail = await signUp(replier, "Bea Bennett");

  // Bea wants an email for each reply.
  await replier.goto("/settings/email");
  await replier.getByRole("radio", { name: "An email for each mention and reply" }).check();
  await replier.getByRole("button", { name: "Save email settings" }).click();
  await expect(replier.getByText(/Saved\./)).toBeVisible();

  // Ada starts a thread; Bea watches it; Ada replies.
  await author.goto("/forums/community/new");
  await author.getByLabel("Category").selectOption({ label: "Needs assessment and outcomes" });
  await author.getByLabel("Title").fill(title);
  await author.getByLabel("Your post").fill("Which follow-up questions do your learners actually answer?");
  await author.getByRole("button", { name: "Start thread" }).click();
  await expect(heading(author)).toHaveText(title);
  const threadPath = new URL(author.url()).pathname;
  await replier.goto(threadPath);
  await replier.getByRole("button", { name: "Watch this thread" }).click();
  await expect(replier.getByRole("button", { name: "Stop watching this thread" })).toBeVisible();
  await author.getByLabel("Your reply").fill("We ask two questions at six weeks.");
  await author.getByRole("button", { name: "Post reply" }).click();
  await expect(author.getByText("We ask two questions at six weeks.")).toBeVisible();

  // The notification email waits in the outbox, with Bea's reply address.
  const address = await replyToAddress(replier, replierEmail);

  await test.step("a reply through the SMTP listener: only the new text is posted, and the watcher is told", async () => {
    const smtp = nodemailer.createTransport({ host: "127.0.0.1", port: server.smtpPort!, secure: false, ignoreTLS: true });
    await smtp.sendMail({
      envelope: { from: replierEmail, to: address },
      raw: replyMessage({ from: replierEmail, to: address, subject: `Re: ${title}`, text: "We also ask one open question, and **everyone** answers it." }),
    });
    await expect(async () => {
      await author.goto(threadPath);
      await expect(author.getByRole("article", { name: /Post #3 by Bea Bennett/ })).toBeVisible({ timeout: 1_000 });
    }).toPass({ timeout: 30_000 });
    const post = author.getByRole("article", { name: /Post #3 by Bea Bennett/ });
    await expect(post.getByText("everyone")).toHaveCount(1);
    await expect(post).not.toContainText("Riverside Hospital");
    await expect(post).not.toContainText("wrote:");
    await expect(post).not.toContainText("Sent from my phone");
    await author.goto("/notifications");
    await expect(author.getByRole("button", { name: `Bea Bennett replied in “${title}”` })).toBeVisible();
  });

  await test.step("a reply through the provider webhook", async () => {
    const refused = await author.request.post("/email/inbound", {
      headers: { "Content-Type": "message/rfc822" },
      data: replyMessage({ from: replierEmail, to: address, subject: `Re: ${title}`, text: "No secret." }),
    });
    expect(refused.status()).toBe(401);
    const taken = await author.request.post("/email/inbound", {
      headers: { "Content-Type": "message/rfc822", Authorization: `Bearer ${SECRET}` },
      data: replyMessage({ from: replierEmail, to: address, subject: `Re: ${title}`, text: "And through the webhook, a last thought." }),
    });
    expect(taken.status()).toBe(202);
    await expect(async () => {
      await author.goto(threadPath);
      await expect(author.getByRole("article", { name: /Post #4 by Bea Bennett/ })).toContainText("And through the webhook, a last thought.", { timeout: 1_000 });
    }).toPass({ timeout: 30_000 });
    await expect(author.getByText("No secret.")).toHaveCount(0);
  });

  await test.step("a thread started by mail to a personal posting address", async () => {
    await replier.goto("/forums/community/needs-and-outcomes");
    await replier.getByText("Post by email").click();
    const postingAddress = (await replier.getByRole("link", { name: /^post\+/ }).textContent())!;
    expect(postingAddress).toMatch(new RegExp(`^post\\+[a-z2-7]{32}@${REPLY_DOMAIN.replace(/\./g, "\\.")}$`));
    await checkA11yOn(replier);
    await screenshotsAtBothSizes(replier, "category-post-by-email");
    const newTitle = `Started by email ${unique()}`;
    const smtp = nodemailer.createTransport({ host: "127.0.0.1", port: server.smtpPort!, secure: false, ignoreTLS: true });
    await smtp.sendMail({
      envelope: { from: replierEmail, to: postingAddress },
      raw: replyMessage({ from: replierEmail, to: postingAddress, subject: newTitle, text: "Has anyone measured outcomes of a podcast series?" }),
    });
    await expect(async () => {
      await replier.goto("/forums/community/needs-and-outcomes");
      await expect(replier.getByRole("link", { name: newTitle })).toBeVisible({ timeout: 1_000 });
    }).toPass({ timeout: 30_000 });
    await replier.getByRole("link", { name: newTitle }).click();
    await expect(heading(replier)).toHaveText(newTitle);
    await expect(replier.getByRole("article", { name: /Post #1 by Bea Bennett/ })).toContainText("Has anyone measured outcomes of a podcast series?");
  });

  await test.step("Settings → Email: mailing-list mode and stopping the reply addresses", async () => {
    await replier.goto("/settings/email");
    await replier.getByRole("checkbox", { name: /Send me every new post/ }).check();
    await replier.getByRole("button", { name: "Save mailing-list mode" }).click();
    await expect(replier.getByText("Mailing-list mode is on")).toBeVisible();
    await expect(replier.getByRole("checkbox", { name: /Send me every new post/ })).toBeChecked();
    await replier.getByRole("button", { name: "Stop all my reply addresses" }).click();
    await expect(replier.getByText(/reply and posting address we sent you before now is stopped/)).toBeVisible();
    await checkA11yOn(replier);
    await screenshotsAtBothSizes(replier, "settings-email-by-email");
  });
});
