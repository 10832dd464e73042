import { describe, expect, it } from "vitest";
import { addMonths, addYears, daysBetween, isIsoDate, safeTimeZone, todayIn, zonedInstant } from "./calendar";

describe("calendar dates", () => {
  it.each([
    ["2027-08-31", -6, "2027-02-28"],
    ["2028-08-31", -6, "2028-02-29"],
    ["2028-08-29", -6, "2028-02-29"],
    ["2027-05-31", -3, "2027-02-28"],
    ["2027-12-31", -3, "2027-09-30"],
    ["2027-03-15", -6, "2026-09-15"],
    ["2027-01-31", 1, "2027-02-28"],
    ["2026-11-30", 3, "2027-02-28"],
  ])("%s plus %i months is %s (the month's last day when it is shorter)", (date, months, expected) => {
    expect(addMonths(date, months)).toBe(expected);
  });

  it("moves 29 February to 28 February after a whole cycle of years", () => {
    expect(addYears("2024-02-29", 3)).toBe("2027-02-28");
    expect(addYears("2024-02-29", 4)).toBe("2028-02-29");
  });

  it.each([
    ["2027-02-29", false],
    ["2028-02-29", true],
    ["2027-04-31", false],
    ["2027-4-3", false],
    ["1850-01-01", false],
    ["2027-12-31", true],
  ])("%s is a real date: %s", (value, expected) => {
    expect(isIsoDate(value)).toBe(expected);
  });

  it("counts days across a leap day", () => {
    expect(daysBetween("2028-02-28", "2028-03-01")).toBe(2);
    expect(daysBetween("2027-03-01", "2027-02-28")).toBe(-1);
  });

  it("reads today in the member's time zone", () => {
    const instant = new Date("2027-01-01T03:00:00Z");
    expect(todayIn("UTC", instant)).toBe("2027-01-01");
    expect(todayIn("America/Los_Angeles", instant)).toBe("2026-12-31");
    expect(todayIn("Pacific/Auckland", new Date("2026-12-31T12:00:00Z"))).toBe("2027-01-01");
    expect(todayIn("Not/AZone", instant)).toBe("2027-01-01");
    expect(safeTimeZone("Not/AZone")).toBe("UTC");
  });

  it("finds the instant a wall-clock hour happens in a time zone, daylight saving included", () => {
    expect(zonedInstant("2027-02-28", 9, "UTC").toISOString()).toBe("2027-02-28T09:00:00.000Z");
    // Paris: UTC+1 in winter, UTC+2 in summer.
    expect(zonedInstant("2027-02-28", 9, "Europe/Paris").toISOString()).toBe("2027-02-28T08:00:00.000Z");
    expect(zonedInstant("2027-07-01", 9, "Europe/Paris").toISOString()).toBe("2027-07-01T07:00:00.000Z");
    // Auckland is ahead of UTC: 09:00 there is the evening before in UTC.
    expect(zonedInstant("2028-02-29", 9, "Pacific/Auckland").toISOString()).toBe("2028-02-28T20:00:00.000Z");
    expect(zonedInstant("2027-03-14", 9, "America/New_York").toISOString()).toBe("2027-03-14T13:00:00.000Z");
  });
});
