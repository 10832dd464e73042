/**
 * Calendar dates ("2027-02-28") for the CHCP log: the credential's dates
 * and entries are days, not instants. "Today" and the moment a reminder is
 * due are read in the member's time zone. Pure functions, no clock: callers
 * pass `now` from app/utils/clock.server.ts.
 */

import { dayIn, wallClockMs } from "~/utils/zoned-dates";

/** A calendar date written YYYY-MM-DD. */
export type IsoDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function parts(date: IsoDate): [number, number, number] {
  const match = ISO_DATE.exec(date);
  if (!match) throw new Error(`Not a date: ${date}`);
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/** Whether `value` is a real calendar date written YYYY-MM-DD (no 31 April, no 29 February 2027). */
export function isIsoDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return year >= 1900 && year <= 2200 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * The same day `months` months later (or earlier), moved back to the month's
 * last day when that month is shorter: 31 August minus 6 months is 28 (or 29)
 * February; 29 February plus 12 months is 28 February.
 */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const [year, month, day] = parts(date);
  const index = year * 12 + (month - 1) + months;
  const newYear = Math.floor(index / 12);
  const newMonth = (index % 12) + 1;
  return `${pad(newYear, 4)}-${pad(newMonth)}-${pad(Math.min(day, daysInMonth(newYear, newMonth)))}`;
}

export const addYears = (date: IsoDate, years: number) => addMonths(date, years * 12);

export function addDays(date: IsoDate, days: number): IsoDate {
  const [year, month, day] = parts(date);
  return toIsoDate(new Date(Date.UTC(year, month - 1, day + days)));
}

/** A Date stored as a DATE column (midnight UTC) as YYYY-MM-DD. */
export function toIsoDate(value: Date): IsoDate {
  return value.toISOString().slice(0, 10);
}

/** YYYY-MM-DD as the Date Prisma writes to a DATE column. */
export function fromIsoDate(date: IsoDate): Date {
  const [year, month, day] = parts(date);
  return new Date(Date.UTC(year, month - 1, day));
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round((fromIsoDate(to).getTime() - fromIsoDate(from).getTime()) / 86_400_000);
}

/** A time zone the runtime knows, or UTC. */
export function safeTimeZone(timeZone: string | null | undefined): string {
  if (!timeZone) return "UTC";
  try {
    new Intl.DateTimeFormat("en-US", { timeZone });
    return timeZone;
  } catch {
    return "UTC";
  }
}

/** The wall-clock reading in `timeZone` at `instant`, as if it were UTC (the members' calendar, utils/zoned-dates.ts). */
const wallClock = (instant: Date, timeZone: string) => wallClockMs(instant, timeZone);

/** The date it is in `timeZone` at `now`. */
export function todayIn(timeZone: string, now: Date): IsoDate {
  return dayIn(safeTimeZone(timeZone), now);
}

/**
 * The instant the clocks in `timeZone` read `hour`:00 on `date`. In a
 * daylight-saving gap (the hour does not exist) it is the instant an hour
 * later by the clock, as calendars do.
 */
export function zonedInstant(date: IsoDate, hour: number, timeZone: string): Date {
  const zone = safeTimeZone(timeZone);
  const [year, month, day] = parts(date);
  const wanted = Date.UTC(year, month - 1, day, hour);
  // The offset at the first guess, then again at the result (it may differ across a change of offset).
  let guess = wanted - (wallClock(new Date(wanted), zone) - wanted);
  guess = wanted - (wallClock(new Date(guess), zone) - guess);
  return new Date(guess);
}
