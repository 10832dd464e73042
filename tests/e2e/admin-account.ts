/**
 * Run by the e2e fixture after the seed, before the server starts (the
 * embedded database has one user at a time): a site administrator for the
 * journeys that need one, signed in with E2E_ADMIN below.
 */
import { createAccount } from "~/domain/members/accounts.server";
import { closeDatabase, getDatabase } from "~/utils/db.server";
import { hashPassword } from "~/utils/password.server";
import { E2E_ADMIN } from "./admin-credentials";

const { prisma } = getDatabase();
const existing = await prisma.user.findUnique({ where: { email: E2E_ADMIN.email }, select: { id: true } });
const userId =
  existing?.id ??
  (await createAccount({
    email: E2E_ADMIN.email,
    passwordHash: await hashPassword(E2E_ADMIN.password),
    displayName: E2E_ADMIN.name,
    emailConfirmedAt: new Date(),
  }));
if (!userId) throw new Error("could not create the e2e administrator");
await prisma.user.update({ where: { id: userId }, data: { role: "ADMIN", onboardedAt: new Date() }, select: { id: true } });
await closeDatabase();
