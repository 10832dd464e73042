// Every date a signed-in member reads is written in their own time zone
// (decision 0023, "Dates shown in the reader's zone"): loaders format with
// readerTimeZone(actor), components with useTimeZone(), both through
// app/utils/zoned-dates.ts. This walks every route and component (and the formatters of domain code), so a new
// page is covered without anyone remembering: it fails when a file formats an
// instant in UTC (the UTC formatters of app/utils/dates.ts, toLocale…String,
// `timeZone: "UTC"`, getUTC…, an ISO string cut to its date) outside the
// allowlist below, each entry with its reason.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOTS = ["app/routes", "app/components"];
// Domain code writes text too (emails, labels it hands to pages): calendar
// days with formatDay/formatLongDay, instants in a zone. It also computes with
// UTC (periods, keys, "YYYY-MM-DD" values of @db.Date columns), so there only
// the formatters are looked for.
const DOMAIN_ROOTS = ["app/domain", "app/jobs"];

/** Files allowed to write UTC, and why. Keep it short: each entry is a page someone reads in UTC. */
const ALLOWED: Record<string, string> = {
  // The thread page's posts are HTML strings written by postHtml (decision 0012), the same string
  // for every reader of the thread (visitors included); per-reader dates in them would make the
  // string differ per reader. They stay UTC, labelled "UTC" (formatDateTimeUtc).
  "app/components/post.ts": "thread posts: one string for every reader (decision 0012), labelled UTC",
  // A CSV members' list downloaded for the association's officers: its file name carries the UTC day.
  "app/routes/associations/associations.$slug.members[.]csv.ts": "an export others read: file name dated in UTC",
  // Owned by the credentials work (not edited here). Their dates are calendar days (@db.Date,
  // "YYYY-MM-DD"), the same day in every zone; "today" is computed in the member's zone there.
  "app/routes/credentials/me.chcp.entries.new.tsx": "calendar days (credentials work)",
  "app/routes/credentials/me.chcp.summary.tsx": "calendar days (credentials work)",
  "app/routes/credentials/me.chcp._index.tsx": "calendar days (credentials work)",
  "app/routes/credentials/me.chcp.credential.tsx": "calendar days (credentials work)",
  // Owned by the mentoring work (not edited here): the next meeting is a calendar day (@db.Date).
  "app/routes/mentoring/mentoring.$id.tsx": "calendar day (mentoring work)",
};

const UTC_PATTERNS: { name: string; pattern: RegExp; formats: boolean }[] = [
  { name: "imports app/utils/dates.ts (formats in UTC)", pattern: /from\s+["'](?:~\/utils\/dates|(?:\.\.\/)+utils\/dates|\.\/dates)["']/, formats: true },
  { name: "formatDateTimeUtc", pattern: /\bformatDateTimeUtc\b/, formats: true },
  { name: "toLocaleDateString / toLocaleTimeString (the runtime's own zone)", pattern: /\.toLocale(?:Date|Time)String\(/, formats: true },
  { name: 'timeZone: "UTC"', pattern: /timeZone:\s*["']UTC["']/, formats: true },
  { name: "getUTC… on a date", pattern: /\.getUTC(?:FullYear|Month|Date|Day|Hours|Minutes)\(/, formats: false },
  { name: "an ISO string cut to its date or time", pattern: /toISOString\(\)\.slice\(/, formats: false },
  { name: "toUTCString", pattern: /\.toUTCString\(/, formats: true },
  { name: "a date formatter outside zoned-dates", pattern: /new Intl\.DateTimeFormat\(/, formats: true },
];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

/** Offences in one file's text: the pattern's name and the line. */
export function utcFormatting(source: string, { formattersOnly = false }: { formattersOnly?: boolean } = {}): string[] {
  const found: string[] = [];
  const patterns = UTC_PATTERNS.filter(({ formats }) => formats || !formattersOnly);
  source.split("\n").forEach((line, index) => {
    for (const { name, pattern } of patterns) if (pattern.test(line)) found.push(`${index + 1}: ${name}`);
  });
  return found;
}

const isDomain = (file: string) => DOMAIN_ROOTS.some((root) => file.startsWith(`${root}/`));
const offencesIn = (file: string) => utcFormatting(readFileSync(file, "utf8"), { formattersOnly: isDomain(file) });

describe("dates a member reads are in their own zone", () => {
  const files = [...ROOTS, ...DOMAIN_ROOTS].flatMap((root) => sourceFiles(root)).map((file) => file.split(path.sep).join("/"));

  it("walks the routes and components", () => {
    expect(files.length).toBeGreaterThan(100);
    expect(files).toContain("app/routes/discussions/notifications.tsx");
    expect(files).toContain("app/components/thread-list.tsx");
    expect(files).toContain("app/domain/assessments/reviewer-ratings.server.ts");
  });

  it("no route or component formats an instant in UTC outside the allowlist", () => {
    const offenders = files
      .filter((file) => !(file in ALLOWED))
      .flatMap((file) => offencesIn(file).map((offence) => `${file}:${offence}`));
    expect(offenders, "Format with app/utils/zoned-dates.ts in the reader's zone (readerTimeZone(actor) / useTimeZone())").toEqual([]);
  });

  it("every allowlisted file still exists and still needs its entry", () => {
    for (const file of Object.keys(ALLOWED)) {
      expect(files, file).toContain(file);
      expect(offencesIn(file), `${file} no longer formats in UTC: remove it from the allowlist`).not.toEqual([]);
    }
  });

  it("catches the ways a date is written in UTC", () => {
    expect(utcFormatting(`import { formatDate } from "~/utils/dates";`)).toHaveLength(1);
    expect(utcFormatting(`label: formatDateTimeUtc(at)`)).toHaveLength(1);
    expect(utcFormatting(`new Date(at).toLocaleDateString("en-US", { dateStyle: "medium" })`)).toHaveLength(1);
    expect(utcFormatting(`const day = at.toISOString().slice(0, 10);`)).toHaveLength(1);
    expect(utcFormatting(`formatDateIn(at, timeZone)`)).toEqual([]);
    expect(utcFormatting(`count.toLocaleString("en-US")`)).toEqual([]);
    // Domain code may compute with UTC; formatting is what it may not do.
    expect(utcFormatting(`const day = at.toISOString().slice(0, 10);`, { formattersOnly: true })).toEqual([]);
    expect(utcFormatting(`import { formatLongDate } from "~/utils/dates";`, { formattersOnly: true })).toHaveLength(1);
  });
});
