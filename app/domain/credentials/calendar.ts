/**
 * Calendar dates ("2027-02-28") for the CHCP log: the credential's dates
 * and entries are days, not instants. "Today" and the moment a reminder is
 * due are read in the member's time zone. Pure functions, no clock: callers
 * pass `now` from app/utils/clock.server.ts.
 */

import { dateToDay, dayIn, dayToDate, hourOfDayIn, isCalendarDay, isTimeZone, type CalendarDay } from "~/utils/zoned-dates";

/** A calendar date written YYYY-MM-DD (the members' calendar day, utils/zoned-dates.ts). */
export type IsoDate = CalendarDay;

// The arithmetic is the members' calendar's, one implementation for goals, check-ins and the CHCP log.
export { addDays, addMonths, addYears, daysBetween, daysInMonth } from "~/utils/zoned-dates";

/** Whether `value` is a real calendar date written YYYY-MM-DD, in a plausible range (no 31 April, no 29 February 2027). */
export function isIsoDate(value: string): boolean {
  if (!isCalendarDay(value)) return false;
  const year = Number(value.slice(0, 4));
  return year >= 1900 && year <= 2200;
}

/** A Date stored as a DATE column (midnight UTC) as YYYY-MM-DD. */
export const toIsoDate = (value: Date): IsoDate => dateToDay(value);

/** YYYY-MM-DD as the Date Prisma writes to a DATE column. */
export function fromIsoDate(date: IsoDate): Date {
  if (!isCalendarDay(date)) throw new Error(`Not a date: ${date}`);
  return dayToDate(date);
}

/** A time zone the runtime knows, or UTC. */
export function safeTimeZone(timeZone: string | null | undefined): string {
  return timeZone && isTimeZone(timeZone) ? timeZone : "UTC";
}

/** The date it is in `timeZone` at `now`. */
export function todayIn(timeZone: string, now: Date): IsoDate {
  return dayIn(safeTimeZone(timeZone), now);
}

/**
 * The instant the clocks in `timeZone` read `hour`:00 on `date` (a reminder's
 * time); in a daylight-saving gap, as `hourOfDayIn` says.
 */
export function zonedInstant(date: IsoDate, hour: number, timeZone: string): Date {
  if (!isCalendarDay(date)) throw new Error(`Not a date: ${date}`);
  return hourOfDayIn(safeTimeZone(timeZone), date, hour);
}
