/**
 * Calendar days in a member's time zone. Goals' dates, check-ins "in 30
 * days" and reminders "a week before" are about days on the member's
 * calendar, not about 24-hour periods in UTC: a commitment written at 23:30
 * in Auckland on March 1 is due on March 31 in Auckland, and its reminder
 * goes out when that day starts there.
 *
 * A calendar day travels as "YYYY-MM-DD" (what `<input type="date">` sends,
 * and what a `@db.Date` column holds, read back as UTC midnight). Arithmetic
 * on days is done on UTC midnights, where every day has 24 hours; only
 * "which day is it there?" and "when does that day start there?" consult the
 * time zone (Intl, so daylight-saving changes are the zone database's).
 */

import { formatDate, formatDateTime, formatLongDate, formatMonth } from "./dates";

export type CalendarDay = string;

const DAY_MS = 24 * 60 * 60 * 1000;
const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether `value` names a real calendar day ("2027-02-29" does not). */
export function isCalendarDay(value: string): value is CalendarDay {
  const match = DAY_PATTERN.exec(value);
  if (!match) return false;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** The day as the UTC midnight a `@db.Date` column stores. */
export const dayToDate = (day: CalendarDay): Date => new Date(`${day}T00:00:00.000Z`);

/** A `@db.Date` value (UTC midnight) back to its day. */
export const dateToDay = (date: Date): CalendarDay => date.toISOString().slice(0, 10);

/** `day` plus `days` calendar days (negative to go back); month ends and leap years as the calendar has them. */
export function addDays(day: CalendarDay, days: number): CalendarDay {
  return dateToDay(new Date(dayToDate(day).getTime() + days * DAY_MS));
}

/** How many days `month` (1–12) of `year` has. */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * The same day `months` months later (or earlier, when negative), moved back
 * to the month's last day when that month is shorter: August 31 minus 6
 * months is February 28 (29 in a leap year); February 29 plus 12 months is
 * February 28.
 */
export function addMonths(day: CalendarDay, months: number): CalendarDay {
  const date = dayToDate(day);
  const index = date.getUTCFullYear() * 12 + date.getUTCMonth() + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  const clamped = Math.min(date.getUTCDate(), daysInMonth(year, month));
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(clamped).padStart(2, "0")}`;
}

/** `addMonths` by whole years: February 29 plus 3 years is February 28. */
export const addYears = (day: CalendarDay, years: number): CalendarDay => addMonths(day, years * 12);

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: CalendarDay, to: CalendarDay): number {
  return Math.round((dayToDate(to).getTime() - dayToDate(from).getTime()) / DAY_MS);
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterFor(timeZone: string) {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The wall-clock reading in `timeZone` at `instant`, as if it were UTC (ms). */
export function wallClockMs(instant: Date, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(instant)) {
    if (part.type !== "literal") parts[part.type] = Number(part.value);
  }
  return Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour! % 24, parts.minute!, parts.second!);
}

/** The calendar day it is in `timeZone` at `instant`. */
export function dayIn(timeZone: string, instant: Date): CalendarDay {
  return dateToDay(new Date(wallClockMs(instant, timeZone)));
}

/**
 * The instant `day` begins in `timeZone`. On a day whose midnight does not
 * exist there (a daylight-saving jump at midnight), the first instant that
 * belongs to the day.
 */
export function startOfDayIn(timeZone: string, day: CalendarDay): Date {
  const midnight = dayToDate(day).getTime();
  // Guess with the offset at UTC midnight, then correct with the offset at the guess (twice covers a change in between).
  let guess = midnight;
  for (let i = 0; i < 3; i++) {
    const offset = wallClockMs(new Date(guess), timeZone) - guess;
    const next = midnight - offset;
    if (next === guess) break;
    guess = next;
  }
  // A skipped midnight: step forward to the first minute that reads as `day`.
  while (dayIn(timeZone, new Date(guess)) < day) guess += 60_000;
  while (dayIn(timeZone, new Date(guess - 60_000)) === day) guess -= 60_000;
  return new Date(guess);
}

/*
 * Formatting for the reader. Every date a signed-in member reads is written
 * by these, in the member's zone (`readerTimeZone(actor)` on the server,
 * `useTimeZone()` in components; UTC for visitors), by the loader or by a
 * component from the zone the root loader hands over: server render and
 * hydration write the same text, never in the browser's own zone.
 * tests/dates-in-reader-zone.test.ts fails when a route or component
 * formats an instant in UTC outside its short allowlist.
 */

/** "Nov 23, 2026, 2:05 PM" (or with seconds "…2:05:09 PM") as the clocks in `timeZone` read at `instant`. */
export function formatDateTimeIn(instant: Date | string, timeZone: string, options?: { seconds?: boolean }): string {
  return formatDateTime(wallClockMs(new Date(instant), timeZone), options);
}

/**
 * `formatDateTimeIn`, marked " UTC" when the zone is UTC (visitors, and
 * members who have not chosen a zone): "Nov 23, 2026, 2:05 PM UTC".
 */
export function formatDateTimeForReader(instant: Date | string, timeZone: string, options?: { seconds?: boolean }): string {
  const text = formatDateTimeIn(instant, timeZone, options);
  return timeZone === "UTC" ? `${text} UTC` : text;
}

/** "Nov 23, 2026": the day it is in `timeZone` at `instant`. */
export function formatDateIn(instant: Date | string, timeZone: string): string {
  return formatDate(dayToDate(dayIn(timeZone, new Date(instant))));
}

/** "November 2026": the month it is in `timeZone` at `instant`. */
export function formatMonthIn(instant: Date | string, timeZone: string): string {
  return formatMonth(dayToDate(dayIn(timeZone, new Date(instant))));
}

/** "14:05": the 24-hour clock in `timeZone` at `instant`. */
export function formatTimeIn(instant: Date | string, timeZone: string): string {
  return new Date(wallClockMs(new Date(instant), timeZone)).toISOString().slice(11, 16);
}

/**
 * A calendar day ("YYYY-MM-DD", or a `@db.Date` value) as "Nov 23, 2026":
 * a day is the same day in every zone, so no zone is consulted.
 */
export function formatDay(day: CalendarDay | Date): string {
  return formatDate(dayValue(day));
}
const dayValue = (day: CalendarDay | Date): Date => (typeof day === "string" ? (isCalendarDay(day) ? dayToDate(day) : new Date(day)) : day);

/** A calendar month ("YYYY-MM") as "November 2026" (no zone: see `formatDay`). */
export function formatCalendarMonth(month: string): string {
  return formatMonth(dayToDate(`${month}-01`));
}

/** A calendar day as "November 23, 2026" (no zone: see `formatDay`). */
export function formatLongDay(day: CalendarDay | Date): string {
  return formatLongDate(dayValue(day));
}

/** "November 23, 2026": the day it is in `timeZone` at `instant`. */
export function formatLongDateIn(instant: Date | string, timeZone: string): string {
  return formatLongDate(dayToDate(dayIn(timeZone, new Date(instant))));
}

/**
 * `formatLongDateIn`, marked " (UTC)" when the zone is UTC (visitors, and
 * members who have not chosen a zone): pages reached by a link, such as an
 * invitation, are often read signed out, and a day differs across zones.
 */
export function formatLongDateForReader(instant: Date | string, timeZone: string): string {
  const text = formatLongDateIn(instant, timeZone);
  return timeZone === "UTC" ? `${text} (UTC)` : text;
}

/**
 * The instant the clocks in `timeZone` read `hour`:00 on `day`. In a
 * daylight-saving gap (the hour does not exist there) it is the instant the
 * offset before the jump gives: 02:00 on a spring-forward night in New York
 * is 01:00 standard time, the last hour before the clocks jump.
 */
export function hourOfDayIn(timeZone: string, day: CalendarDay, hour: number): Date {
  const wanted = dayToDate(day).getTime() + hour * 3_600_000;
  // The offset at the first guess, then again at the result (it may differ across a change of offset).
  let guess = wanted - (wallClockMs(new Date(wanted), timeZone) - wanted);
  guess = wanted - (wallClockMs(new Date(guess), timeZone) - guess);
  return new Date(guess);
}

/** Whether `timeZone` is an IANA zone this runtime knows. */
export function isTimeZone(timeZone: string): boolean {
  if (!timeZone || timeZone.length > 64) return false;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** The day of the week of `day`: 0 for Monday … 6 for Sunday. */
export function weekdayOf(day: CalendarDay): number {
  return (dayToDate(day).getUTCDay() + 6) % 7;
}

/*
 * Calendar days in British words, as emails write them ("Monday 23
 * November"). A day is the same day in every zone (see `formatDay`): the
 * caller finds it in the reader's zone first (`dayIn`).
 */
const britishDay = new Intl.DateTimeFormat("en-GB", { weekday: "long", day: "numeric", month: "long", timeZone: "UTC" });
const britishDayMonth = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", timeZone: "UTC" });
const britishDayMonthYear = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });

/** A calendar day as "Monday 23 November". */
export const formatWeekdayDayMonth = (day: CalendarDay): string => britishDay.format(dayToDate(day));

/** A calendar day as "23 November". */
export const formatDayMonth = (day: CalendarDay): string => britishDayMonth.format(dayToDate(day));

/** A calendar day as "23 November 2026". */
export const formatDayMonthYear = (day: CalendarDay): string => britishDayMonthYear.format(dayToDate(day));
