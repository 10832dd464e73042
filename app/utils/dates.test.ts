import { describe, expect, it } from "vitest";
import { formatDate, formatDateTime, formatLongDate, formatMonth } from "./dates";

const intl = (options: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat("en-US", { ...options, timeZone: "UTC" });
const medium = intl({ dateStyle: "medium" });
const long = intl({ dateStyle: "long" });
const mediumShort = intl({ dateStyle: "medium", timeStyle: "short" });
const mediumMedium = intl({ dateStyle: "medium", timeStyle: "medium" });
const month = intl({ month: "long", year: "numeric" });
// ICU may put a narrow no-break space before AM/PM; the site writes a plain one.
const plain = (text: string) => text.replace(/\u202f/g, " ");

describe("dates", () => {
  it("writes what Intl writes for en-US in UTC, at every hour, on month ends and across years", () => {
    const samples: Date[] = [];
    for (let day = 0; day < 800; day += 7) {
      for (const minutes of [0, 5, 59, 60 * 11 + 59, 60 * 12, 60 * 12 + 1, 60 * 23 + 59]) {
        samples.push(new Date(Date.UTC(2025, 0, 1 + day) + minutes * 60_000 + (day % 60) * 1000));
      }
    }
    samples.push(new Date("2024-02-29T00:00:00Z"), new Date("1999-12-31T23:59:59Z"), new Date("2026-11-23T14:05:00Z"));
    for (const date of samples) {
      expect(formatDate(date)).toBe(medium.format(date));
      expect(formatLongDate(date)).toBe(long.format(date));
      expect(formatDateTime(date)).toBe(plain(mediumShort.format(date)));
      expect(formatDateTime(date, { seconds: true })).toBe(plain(mediumMedium.format(date)));
      expect(formatMonth(date)).toBe(month.format(date));
    }
  });

  it("takes a Date, an ISO string or a timestamp, and reads them in UTC", () => {
    expect(formatDateTime("2026-11-23T14:05:00.000Z")).toBe("Nov 23, 2026, 2:05 PM");
    expect(formatDateTime(Date.UTC(2026, 0, 3, 0, 5))).toBe("Jan 3, 2026, 12:05 AM");
    expect(formatLongDate(new Date("2026-11-23T23:59:00-05:00"))).toBe("November 24, 2026");
    expect(formatMonth("2026-03-01T00:00:00Z")).toBe("March 2026");
  });
});
