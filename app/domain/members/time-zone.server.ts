/**
 * The member's time zone: asked once (proposed from the browser, UTC until
 * they choose), changed in Settings → Time zone. Due dates, reminders and
 * "in 30 days" are computed in it (app/utils/zoned-dates.ts).
 */
import type { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/utils/db.server";
import { isTimeZone } from "~/utils/zoned-dates";

/** Every IANA zone this server knows, UTC first (the choices of the time-zone forms). */
export function timeZoneChoices(): string[] {
  const zones = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
  return ["UTC", ...zones.filter((zone) => zone !== "UTC")];
}

/** The member's time zone and whether they chose it; UTC for an unknown member or a zone this runtime no longer knows. */
export async function getTimeZoneSetting(userId: string): Promise<{ timeZone: string; confirmed: boolean }> {
  const user = await prisma.user.findUnique({ where: { id: userId }, select: { timeZone: true, timeZoneConfirmedAt: true } });
  const timeZone = user && isTimeZone(user.timeZone) ? user.timeZone : "UTC";
  return { timeZone, confirmed: Boolean(user?.timeZoneConfirmedAt) };
}

export async function getTimeZone(userId: string): Promise<string> {
  return (await getTimeZoneSetting(userId)).timeZone;
}

/**
 * Saves the member's choice (the caller validated it), in the caller's
 * transaction when given one, and says which zone it replaces; null when the
 * account no longer exists. What is scheduled on the member's calendar moves
 * with it in the same transaction: goals/time-zone.server.ts.
 */
export async function setTimeZone(
  userId: string,
  timeZone: string,
  now: Date,
  db: Pick<Prisma.TransactionClient, "user"> = prisma,
): Promise<{ previous: string } | null> {
  if (!isTimeZone(timeZone)) return null;
  const user = await db.user.findUnique({ where: { id: userId }, select: { timeZone: true } });
  if (!user) return null;
  await db.user.update({ where: { id: userId }, data: { timeZone, timeZoneConfirmedAt: now }, select: { id: true } });
  return { previous: isTimeZone(user.timeZone) ? user.timeZone : "UTC" };
}
