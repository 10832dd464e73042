import { describe, expect, it } from "vitest";
import {
  addDays,
  addMonths,
  addYears,
  dayIn,
  daysBetween,
  daysInMonth,
  formatCalendarMonth,
  formatDateIn,
  formatDateTimeForReader,
  formatDateTimeIn,
  formatDay,
  formatLongDateIn,
  formatLongDay,
  formatMonthIn,
  formatTimeIn,
  hourOfDayIn,
  isCalendarDay,
  isTimeZone,
  startOfDayIn,
} from "./zoned-dates";

describe("calendar days", () => {
  it.each([
    ["2026-01-31", 30, "2026-03-02"],
    ["2026-01-31", 1, "2026-02-01"],
    ["2028-02-28", 1, "2028-02-29"],
    ["2028-02-29", 1, "2028-03-01"],
    ["2027-02-28", 1, "2027-03-01"],
    ["2028-01-30", 30, "2028-02-29"],
    ["2026-12-31", 1, "2027-01-01"],
    ["2026-11-15", 90, "2027-02-13"],
    ["2028-03-07", -7, "2028-02-29"],
    ["2026-03-07", -7, "2026-02-28"],
  ])("%s plus %i days is %s", (day, days, expected) => {
    expect(addDays(day, days)).toBe(expected);
    expect(daysBetween(day, expected)).toBe(days);
  });

  it("knows real days from impossible ones", () => {
    expect(isCalendarDay("2028-02-29")).toBe(true);
    expect(isCalendarDay("2027-02-29")).toBe(false);
    expect(isCalendarDay("2100-02-29")).toBe(false);
    expect(isCalendarDay("2000-02-29")).toBe(true);
    expect(isCalendarDay("2026-04-31")).toBe(false);
    expect(isCalendarDay("2026-4-3")).toBe(false);
  });
});

describe("months on the calendar", () => {
  it.each([
    // Month ends: the month's last day when the target month is shorter.
    ["2027-01-31", 1, "2027-02-28"],
    ["2028-01-31", 1, "2028-02-29"],
    ["2027-03-31", 1, "2027-04-30"],
    ["2027-08-31", -6, "2027-02-28"],
    ["2028-08-31", -6, "2028-02-29"],
    ["2027-05-31", -3, "2027-02-28"],
    ["2027-12-31", -3, "2027-09-30"],
    ["2026-11-30", 3, "2027-02-28"],
    // Across years, both ways.
    ["2027-03-15", -6, "2026-09-15"],
    ["2026-12-15", 1, "2027-01-15"],
    ["2027-01-15", -1, "2026-12-15"],
    ["2027-01-15", -25, "2024-12-15"],
    // Leap days: February 29 only in leap years (2100 is not one, 2000 was).
    ["2028-02-29", 12, "2029-02-28"],
    ["2028-02-29", 48, "2032-02-29"],
    ["2099-02-28", 12, "2100-02-28"],
    ["1999-03-29", 11, "2000-02-29"],
    ["2027-06-10", 0, "2027-06-10"],
  ])("%s plus %i months is %s", (day, months, expected) => {
    expect(addMonths(day, months)).toBe(expected);
    expect(isCalendarDay(addMonths(day, months))).toBe(true);
  });

  it("adds whole years, February 29 going to February 28 when the year has none", () => {
    expect(addYears("2024-02-29", 3)).toBe("2027-02-28");
    expect(addYears("2024-02-29", 4)).toBe("2028-02-29");
    expect(addYears("2027-07-31", -3)).toBe("2024-07-31");
  });

  it("knows each month's length", () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((month) => daysInMonth(2027, month))).toEqual([31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]);
    expect([2028, 2100, 2000].map((year) => daysInMonth(year, 2))).toEqual([29, 28, 29]);
  });
});

describe("days in a time zone", () => {
  const instant = new Date("2026-03-01T10:30:00Z");

  it.each([
    ["UTC", "2026-03-01"],
    ["Pacific/Auckland", "2026-03-01"], // 23:30 there
    ["Pacific/Kiritimati", "2026-03-02"], // UTC+14
    ["America/Los_Angeles", "2026-03-01"],
    ["Pacific/Pago_Pago", "2026-02-28"], // UTC−11: still the last day of February
  ])("at 10:30 UTC on March 1 it is %s … %s", (zone, day) => {
    expect(dayIn(zone, instant)).toBe(day);
  });

  it("finds when a day starts, in zones ahead of and behind UTC", () => {
    expect(startOfDayIn("UTC", "2026-03-31").toISOString()).toBe("2026-03-31T00:00:00.000Z");
    expect(startOfDayIn("Europe/Paris", "2026-07-01").toISOString()).toBe("2026-06-30T22:00:00.000Z");
    expect(startOfDayIn("Europe/Paris", "2026-01-01").toISOString()).toBe("2025-12-31T23:00:00.000Z");
    expect(startOfDayIn("America/New_York", "2028-02-29").toISOString()).toBe("2028-02-29T05:00:00.000Z");
    expect(startOfDayIn("Asia/Kolkata", "2026-12-31").toISOString()).toBe("2026-12-30T18:30:00.000Z");
  });

  it("starts a day on the right side of a daylight-saving change", () => {
    // Europe/London moves to summer time at 01:00 UTC on March 29, 2026: the day still starts at midnight, GMT.
    expect(startOfDayIn("Europe/London", "2026-03-29").toISOString()).toBe("2026-03-29T00:00:00.000Z");
    expect(startOfDayIn("Europe/London", "2026-03-30").toISOString()).toBe("2026-03-29T23:00:00.000Z");
    // America/Santiago skips midnight when summer time begins (September 6, 2026): the day starts at 01:00 there.
    const santiago = startOfDayIn("America/Santiago", "2026-09-06");
    expect(dayIn("America/Santiago", santiago)).toBe("2026-09-06");
    expect(dayIn("America/Santiago", new Date(santiago.getTime() - 1000))).toBe("2026-09-05");
  });

  it("counts 30 days on the member's calendar, not in UTC", () => {
    // Written just after midnight on February 1 in Auckland, when it is still January 31 in UTC.
    const written = new Date("2026-01-31T11:30:00Z"); // 00:30 on February 1 in Auckland
    expect(dayIn("UTC", written)).toBe("2026-01-31");
    expect(dayIn("Pacific/Auckland", written)).toBe("2026-02-01");
    expect(addDays(dayIn("Pacific/Auckland", written), 30)).toBe("2026-03-03");
    expect(addDays(dayIn("UTC", written), 30)).toBe("2026-03-02");
    // In a leap year the same note lands a day earlier.
    expect(addDays(dayIn("Pacific/Auckland", new Date("2028-01-31T11:30:00Z")), 30)).toBe("2028-03-02");
  });

  it("accepts IANA zones and refuses anything else", () => {
    expect(isTimeZone("Europe/Paris")).toBe(true);
    expect(isTimeZone("UTC")).toBe(true);
    expect(isTimeZone("Mars/Olympus")).toBe(false);
    expect(isTimeZone("")).toBe(false);
  });

  it("finds the instant a wall-clock hour happens on a day, daylight saving and leap days included", () => {
    expect(hourOfDayIn("UTC", "2027-02-28", 9).toISOString()).toBe("2027-02-28T09:00:00.000Z");
    expect(hourOfDayIn("Europe/Paris", "2027-02-28", 9).toISOString()).toBe("2027-02-28T08:00:00.000Z");
    expect(hourOfDayIn("Europe/Paris", "2027-07-01", 9).toISOString()).toBe("2027-07-01T07:00:00.000Z");
    expect(hourOfDayIn("Pacific/Auckland", "2028-02-29", 9).toISOString()).toBe("2028-02-28T20:00:00.000Z");
    // March 14, 2027: New York springs forward at 02:00; 09:00 is already daylight time.
    expect(hourOfDayIn("America/New_York", "2027-03-14", 9).toISOString()).toBe("2027-03-14T13:00:00.000Z");
    // 02:00 does not exist that day: the offset before the jump, 01:00 standard time.
    expect(hourOfDayIn("America/New_York", "2027-03-14", 2).toISOString()).toBe("2027-03-14T06:00:00.000Z");
  });
});

describe("times as a member's clocks read them", () => {
  it.each([
    ["2026-11-30T23:30:00Z", "UTC", "Nov 30, 2026, 11:30 PM", "November 30, 2026"],
    ["2026-11-30T23:30:00Z", "Pacific/Auckland", "Dec 1, 2026, 12:30 PM", "December 1, 2026"],
    ["2026-12-01T03:05:00Z", "America/Los_Angeles", "Nov 30, 2026, 7:05 PM", "November 30, 2026"],
    // Summer time in Paris (UTC+2) and the first hour after clocks went back (UTC+1).
    ["2026-10-24T22:15:00Z", "Europe/Paris", "Oct 25, 2026, 12:15 AM", "October 25, 2026"],
    ["2026-10-25T01:30:00Z", "Europe/Paris", "Oct 25, 2026, 2:30 AM", "October 25, 2026"],
  ])("%s in %s reads %s", (instant, zone, time, day) => {
    expect(formatDateTimeIn(instant, zone)).toBe(time);
    expect(formatLongDateIn(new Date(instant), zone)).toBe(day);
    // The same text as Intl writes in that zone.
    expect(formatDateTimeIn(instant, zone)).toBe(
      new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: zone }).format(new Date(instant)).replace(/\u202f/g, " "),
    );
  });
});

describe("dates as the reader reads them", () => {
  // Half past eleven at night in UTC is already tomorrow in Auckland and still this afternoon in Los Angeles.
  it.each([
    ["2026-12-07T23:30:00Z", "UTC", "Dec 7, 2026", "11:30 PM"],
    ["2026-12-07T23:30:00Z", "Pacific/Auckland", "Dec 8, 2026", "12:30 PM"],
    ["2026-12-07T23:30:00Z", "America/Los_Angeles", "Dec 7, 2026", "3:30 PM"],
    ["2026-12-07T00:30:00Z", "Pacific/Auckland", "Dec 7, 2026", "1:30 PM"],
    ["2026-12-07T00:30:00Z", "America/Los_Angeles", "Dec 6, 2026", "4:30 PM"],
    // Across the date line: two days apart at the same instant.
    ["2026-12-07T10:30:00Z", "Pacific/Kiritimati", "Dec 8, 2026", "12:30 AM"],
    ["2026-12-07T10:30:00Z", "Pacific/Pago_Pago", "Dec 6, 2026", "11:30 PM"],
  ])("%s in %s is %s, %s", (instant, timeZone, date, time) => {
    expect(formatDateIn(instant, timeZone)).toBe(date);
    expect(formatDateTimeIn(new Date(instant), timeZone)).toBe(`${date}, ${time}`);
  });

  it("follows a daylight-saving change: Los Angeles skips 2 AM on March 8, 2026", () => {
    expect(formatDateTimeIn("2026-03-08T09:30:00Z", "America/Los_Angeles")).toBe("Mar 8, 2026, 1:30 AM");
    expect(formatDateTimeIn("2026-03-08T10:30:00Z", "America/Los_Angeles")).toBe("Mar 8, 2026, 3:30 AM");
    expect(formatTimeIn("2026-03-08T09:30:00Z", "America/Los_Angeles")).toBe("01:30");
    expect(formatTimeIn("2026-03-08T10:30:00Z", "America/Los_Angeles")).toBe("03:30");
  });

  it("follows a daylight-saving change: Auckland reads 2:30 AM twice on April 5, 2026", () => {
    expect(formatDateTimeIn("2026-04-04T13:30:00Z", "Pacific/Auckland")).toBe("Apr 5, 2026, 2:30 AM");
    expect(formatDateTimeIn("2026-04-04T14:30:00Z", "Pacific/Auckland")).toBe("Apr 5, 2026, 2:30 AM");
    expect(formatDateIn("2026-04-04T11:30:00Z", "Pacific/Auckland")).toBe("Apr 5, 2026");
  });

  it("writes seconds when asked, and says UTC only to a reader in UTC", () => {
    expect(formatDateTimeIn("2026-12-07T23:30:09Z", "Pacific/Auckland", { seconds: true })).toBe("Dec 8, 2026, 12:30:09 PM");
    expect(formatDateTimeForReader("2026-12-07T23:30:09Z", "UTC", { seconds: true })).toBe("Dec 7, 2026, 11:30:09 PM UTC");
    expect(formatDateTimeForReader("2026-12-07T23:30:09Z", "America/Los_Angeles")).toBe("Dec 7, 2026, 3:30 PM");
  });

  it("writes the month and the long date of the reader's day", () => {
    expect(formatMonthIn("2026-11-30T20:00:00Z", "Pacific/Auckland")).toBe("December 2026");
    expect(formatMonthIn("2026-11-30T20:00:00Z", "America/Los_Angeles")).toBe("November 2026");
    expect(formatLongDateIn("2026-12-31T23:00:00Z", "Pacific/Auckland")).toBe("January 1, 2027");
  });

  it("writes a calendar day as the same day in every zone", () => {
    expect(formatDay("2026-03-08")).toBe("Mar 8, 2026");
    expect(formatLongDay(new Date("2026-03-08T00:00:00Z"))).toBe("March 8, 2026");
    expect(formatLongDay("2028-02-29")).toBe("February 29, 2028");
    expect(formatCalendarMonth("2026-03")).toBe("March 2026");
  });
});
