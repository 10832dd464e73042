/**
 * npm run admin:grant -- <email> — makes an existing account an administrator,
 * on the configured database (DATABASE_URL, or the embedded PGlite).
 */
import { closeDatabase, describeTarget, getDatabase } from "~/utils/db.server";

export type GrantOutcome = "granted" | "already-admin" | "no-account" | "unconfirmed";

/**
 * Only a confirmed account is made an administrator: until the sign-up link is
 * followed, whoever typed the address holds the password, and it may not be
 * the person the operator means.
 */
export async function grantAdmin(rawEmail: string): Promise<GrantOutcome> {
  const email = rawEmail.trim().toLowerCase();
  const { prisma } = getDatabase();
  const user = await prisma.user.findUnique({ where: { email }, select: { id: true, role: true, emailConfirmedAt: true } });
  if (!user) return "no-account";
  if (user.role === "ADMIN") return "already-admin";
  if (!user.emailConfirmedAt) return "unconfirmed";
  await prisma.user.update({ where: { id: user.id }, data: { role: "ADMIN" }, select: { id: true } });
  return "granted";
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const email = process.argv[2]?.trim().toLowerCase();
  if (!email) {
    console.error("Usage: npm run admin:grant -- <email>");
    process.exitCode = 1;
  } else {
    try {
      const where = describeTarget(getDatabase().target);
      const outcome = await grantAdmin(email);
      if (outcome === "no-account") {
        console.error(`✖ No account uses ${email} (${where}). Sign up first, then run this again.`);
        process.exitCode = 1;
      } else if (outcome === "unconfirmed") {
        console.error(
          `✖ ${email} has not confirmed its address yet (${where}). Follow the link in the sign-up email (or ask for a new one after logging in), then run this again.`,
        );
        process.exitCode = 1;
      } else if (outcome === "already-admin") {
        console.log(`${email} is already an administrator (${where}). Nothing changed.`);
      } else {
        console.log(`✔ ${email} is now an administrator (${where}).`);
      }
    } catch (error) {
      console.error(error);
      process.exitCode = 1;
    } finally {
      await closeDatabase();
    }
  }
  // The WASM engine keeps an idle timer alive for a while; nothing is pending.
  process.exit();
}
