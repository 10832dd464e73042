/**
 * The member's time zone: asked once (proposed from the browser, UTC until
 * they choose), changed in Settings → Time zone. Due dates, reminders and
 * "in 30 days" are computed in it (app/utils/zoned-dates.ts).
 */
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

/** Saves the member's choice (the caller validated it); false when the account no longer exists. */
export async function setTimeZone(userId: string, timeZone: string, now: Date): Promise<boolean> {
  if (!isTimeZone(timeZone)) return false;
  const { count } = await prisma.user.updateMany({ where: { id: userId }, data: { timeZone, timeZoneConfirmedAt: now } });
  return count === 1;
}
