/**
 * Reading a member-import CSV (docs/decisions/0021): decoding the bytes
 * (UTF-8 with or without a byte-order mark, else Windows-1252, Excel's default
 * on Windows), parsing with papaparse (comma or semicolon, detected; Excel's
 * quoting), and checking every row. Pure: no database. Server code only
 * (papaparse stays off the client).
 *
 * Columns, matched by their header whatever the case, spaces or underscores:
 * email and name (required), role (MEMBER or MODERATOR, MEMBER when blank),
 * join date (YYYY-MM-DD) and external id (optional).
 */
import Papa from "papaparse";
import { z } from "zod";
import { csvDocument } from "~/utils/csv";

/** A 10,000-row file is about 1 MB; this leaves room for long names and ids. */
export const IMPORT_FILE_MAX_BYTES = 4 * 1024 * 1024;
export const IMPORT_MAX_ROWS = 20_000;

export const TEMPLATE_COLUMNS = ["email", "name", "role", "join date", "external id"] as const;

/** The template to download: the columns and two example lines. */
export function importTemplateCsv(): string {
  return csvDocument(
    [
      [...TEMPLATE_COLUMNS],
      ["ada.planner@example.org", "Ada Planner", "MEMBER", "2019-04-01", "M-1001"],
      ["sam.reviewer@example.org", "Sam Reviewer", "MODERATOR", "", "M-1002"],
    ],
    { bom: true },
  );
}

export type ImportRole = "MEMBER" | "MODERATOR";

export type ImportRow = {
  /** The line of the file the row starts on (the header is line 1). */
  line: number;
  email: string;
  name: string;
  role: ImportRole;
  /** YYYY-MM-DD, or null. */
  memberSince: string | null;
  externalId: string | null;
};

export type BadRow = { line: number; email: string; reason: string };

export type ReadFile =
  | { ok: true; encoding: "UTF-8" | "Windows-1252"; text: string }
  | { ok: false; problem: string };

export type ParsedFile =
  | { ok: true; delimiter: "," | ";"; rows: ImportRow[]; bad: BadRow[]; total: number }
  | { ok: false; problem: string };

/**
 * Windows-1252's characters at 0x80–0x9F (€ ‚ ƒ „ … † ‡ ˆ ‰ Š ‹ Œ Ž ' ' " " • – — ˜ ™ š › œ ž Ÿ;
 * five bytes are unassigned and stay as they are). Node 20's TextDecoder
 * ("windows-1252") decodes these bytes as Latin-1 control characters (fixed
 * in later Node versions), so they are mapped here after decoding.
 */
const WINDOWS_1252_HIGH =
  "\u20AC\u0081\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u008D\u017D\u008F" +
  "\u0090\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u009D\u017E\u0178";

function decodeWindows1252(bytes: Uint8Array): string {
  return new TextDecoder("windows-1252")
    .decode(bytes)
    .replace(/[\u0080-\u009F]/g, (c) => WINDOWS_1252_HIGH[c.charCodeAt(0) - 0x80]!);
}

/** UTF-8 (a byte-order mark is dropped) when the bytes are valid UTF-8, otherwise Windows-1252. */
export function decodeImportFile(bytes: Uint8Array): ReadFile {
  let text: string;
  let encoding: "UTF-8" | "Windows-1252";
  try {
    // ignoreBOM: false (the default) drops a leading byte-order mark.
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    encoding = "UTF-8";
  } catch {
    text = decodeWindows1252(bytes);
    encoding = "Windows-1252";
  }
  if (text.includes("\u0000")) return { ok: false, problem: "This file is not a CSV text file (it holds binary data). Save it from your spreadsheet as CSV and try again." };
  if (text.trim() === "") return { ok: false, problem: "This file is empty." };
  return { ok: true, encoding, text };
}

const COLUMN_NAMES: Record<string, keyof Omit<ImportRow, "line">> = {
  email: "email",
  emailaddress: "email",
  name: "name",
  fullname: "name",
  role: "role",
  joindate: "memberSince",
  joined: "memberSince",
  joinedon: "memberSince",
  membersince: "memberSince",
  externalid: "externalId",
  memberid: "externalId",
  externalmemberid: "externalId",
};

const normaliseHeader = (header: string) => header.toLowerCase().replace(/[\s_\-.]+/g, "");

const emailSchema = z.email().max(254);
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function checkDate(value: string, today: string): string | null {
  const match = ISO_DATE.exec(value);
  if (!match) return `the join date “${value}” is not a date written YYYY-MM-DD`;
  const date = new Date(`${value}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) return `the join date “${value}” does not exist`;
  if (value > today) return `the join date ${value} is in the future`;
  if (value < "1900-01-01") return `the join date ${value} is before 1900`;
  return null;
}

function checkRole(value: string): { role: ImportRole } | { reason: string } {
  const role = value.trim().toUpperCase();
  if (role === "" || role === "MEMBER") return { role: "MEMBER" };
  if (role === "MODERATOR") return { role: "MODERATOR" };
  if (role === "OWNER") return { reason: "ownership is never imported: hand it over on the members page" };
  return { reason: `unknown role “${value.trim()}” (use MEMBER or MODERATOR, or leave it empty)` };
}

/**
 * Parses the text and checks every row: a bad email, a missing name, an
 * unknown role (OWNER included), a bad date, an email or external id already
 * on an earlier line. Good rows keep their order; bad rows say their line and
 * why. A file that cannot be read at all (no email column, too many rows)
 * is refused as a whole.
 */
export function parseImportFile(text: string, today = new Date().toISOString().slice(0, 10)): ParsedFile {
  const records: { line: number; cells: string[] }[] = [];
  let lineAt = 1;
  let cursor = 0;
  let tooMany = false;
  let delimiter = ",";
  Papa.parse<string[]>(text, {
    delimitersToGuess: [",", ";"],
    skipEmptyLines: "greedy",
    step: (result, parser) => {
      const end = result.meta.cursor;
      // The row starts on the first line after the previous row's end that holds something.
      let start = cursor;
      while (start < end && (text[start] === "\n" || text[start] === "\r")) {
        if (text[start] === "\n") lineAt += 1;
        start += 1;
      }
      const line = lineAt;
      for (let i = start; i < end; i++) if (text[i] === "\n") lineAt += 1;
      cursor = end;
      delimiter = result.meta.delimiter;
      records.push({ line, cells: result.data });
      if (records.length > IMPORT_MAX_ROWS + 1) {
        tooMany = true;
        parser.abort();
      }
    },
  });
  if (tooMany) return { ok: false, problem: `This file has more than ${IMPORT_MAX_ROWS.toLocaleString("en")} members. Split it into smaller files.` };
  const [header, ...data] = records;
  if (!header) return { ok: false, problem: "This file is empty." };
  const columns = header.cells.map((cell) => COLUMN_NAMES[normaliseHeader(cell)] ?? null);
  if (!columns.includes("email")) {
    return {
      ok: false,
      problem: "The first line must name the columns, with at least “email” and “name” (download the template to see them).",
    };
  }
  if (!columns.includes("name")) return { ok: false, problem: "The first line names no “name” column (download the template to see them)." };

  const rows: ImportRow[] = [];
  const bad: BadRow[] = [];
  const emailLines = new Map<string, number>();
  const externalLines = new Map<string, number>();
  for (const { line, cells } of data) {
    const value = (field: keyof Omit<ImportRow, "line">) => {
      const index = columns.indexOf(field);
      return index === -1 ? "" : (cells[index] ?? "").trim();
    };
    const rawEmail = value("email");
    const email = rawEmail.toLowerCase();
    const reject = (reason: string) => bad.push({ line, email: rawEmail, reason });
    if (!email) {
      reject("the email is missing");
      continue;
    }
    if (!emailSchema.safeParse(email).success) {
      reject(`“${rawEmail}” is not an email address`);
      continue;
    }
    const earlier = emailLines.get(email);
    if (earlier !== undefined) {
      reject(`the same email as line ${earlier}`);
      continue;
    }
    emailLines.set(email, line);
    const name = value("name").replace(/\s+/g, " ");
    if (!name) {
      reject("the name is missing");
      continue;
    }
    if (name.length > 80) {
      reject("the name is longer than 80 characters");
      continue;
    }
    const role = checkRole(value("role"));
    if ("reason" in role) {
      reject(role.reason);
      continue;
    }
    const memberSince = value("memberSince") || null;
    const dateProblem = memberSince ? checkDate(memberSince, today) : null;
    if (dateProblem) {
      reject(dateProblem);
      continue;
    }
    const externalId = value("externalId") || null;
    if (externalId && externalId.length > 100) {
      reject("the external id is longer than 100 characters");
      continue;
    }
    if (externalId) {
      const sameId = externalLines.get(externalId);
      if (sameId !== undefined) {
        reject(`the external id “${externalId}” is also on line ${sameId}`);
        continue;
      }
      externalLines.set(externalId, line);
    }
    rows.push({ line, email, name, role: role.role, memberSince, externalId });
  }
  return { ok: true, delimiter: delimiter === ";" ? ";" : ",", rows, bad, total: data.length };
}
