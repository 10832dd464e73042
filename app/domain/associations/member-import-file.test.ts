import { describe, expect, it } from "vitest";
import { decodeImportFile, importTemplateCsv, parseImportFile } from "./member-import-file";

const bytes = (text: string) => new TextEncoder().encode(text);

describe("decodeImportFile", () => {
  it("reads UTF-8 with a byte-order mark, dropping the mark", () => {
    const read = decodeImportFile(bytes("\uFEFFemail,name\nzoë@example.org,Zoë"));
    expect(read).toEqual({ ok: true, encoding: "UTF-8", text: "email,name\nzoë@example.org,Zoë" });
  });

  it("reads Windows-1252 (Excel on Windows) when the bytes are not UTF-8", () => {
    // "Zoë Müller" in Windows-1252: ë = 0xEB, ü = 0xFC; and a curly quote 0x92.
    const file = new Uint8Array([...bytes("email;name\nzoe@example.org;Zo"), 0xeb, ...bytes(" M"), 0xfc, ...bytes("ller"), 0x92, 0x80]);
    const read = decodeImportFile(file);
    expect(read).toEqual({ ok: true, encoding: "Windows-1252", text: "email;name\nzoe@example.org;Zoë Müller\u2019\u20AC" });
  });

  it("refuses empty and binary files", () => {
    expect(decodeImportFile(bytes("  \n")).ok).toBe(false);
    expect(decodeImportFile(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00])).ok).toBe(false);
  });
});

describe("parseImportFile", () => {
  it("detects semicolons and reads Excel's quoting, with line numbers across quoted line breaks", () => {
    const text = [
      "Email;Name;Role;Join date;External ID",
      'ada@example.org;"Planner; Ada";moderator;2019-04-01;M-1',
      '"bo@example.org";"Bo ""the"" Reviewer";;;',
      "",
      'cy@example.org;"Cy',
      'Two-lines";MEMBER;;M-3',
      "not-an-email;Dee;;;",
    ].join("\r\n");
    const parsed = parseImportFile(text, "2026-12-07");
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.delimiter).toBe(";");
    expect(parsed.total).toBe(4);
    expect(parsed.rows).toEqual([
      { line: 2, email: "ada@example.org", name: "Planner; Ada", role: "MODERATOR", memberSince: "2019-04-01", externalId: "M-1" },
      { line: 3, email: "bo@example.org", name: 'Bo "the" Reviewer', role: "MEMBER", memberSince: null, externalId: null },
      { line: 5, email: "cy@example.org", name: "Cy Two-lines", role: "MEMBER", memberSince: null, externalId: "M-3" },
    ]);
    expect(parsed.bad).toEqual([{ line: 7, email: "not-an-email", reason: "“not-an-email” is not an email address" }]);
  });

  it("detects commas, and names every bad row with its line and reason", () => {
    const text = [
      "email,name,role,join date,external id",
      "one@example.org,One,MEMBER,,X1",
      "ONE@example.org,One again,,,",
      "two@example.org,Two,OWNER,,",
      "three@example.org,Three,chair,,",
      "four@example.org,,,,",
      "five@example.org,Five,,31/12/2020,",
      "six@example.org,Six,,2030-01-01,",
      "seven@example.org,Seven,,,X1",
      ",No email,,,",
    ].join("\n");
    const parsed = parseImportFile(text, "2026-12-07");
    if (!parsed.ok) throw new Error(parsed.problem);
    expect(parsed.delimiter).toBe(",");
    expect(parsed.rows.map((row) => row.email)).toEqual(["one@example.org"]);
    expect(parsed.bad.map((row) => [row.line, row.reason])).toEqual([
      [3, "the same email as line 2"],
      [4, "ownership is never imported: hand it over on the members page"],
      [5, "unknown role “chair” (use MEMBER or MODERATOR, or leave it empty)"],
      [6, "the name is missing"],
      [7, "the join date “31/12/2020” is not a date written YYYY-MM-DD"],
      [8, "the join date 2030-01-01 is in the future"],
      [9, "the external id “X1” is also on line 2"],
      [10, "the email is missing"],
    ]);
  });

  it("refuses a file without the email and name columns", () => {
    expect(parseImportFile("mail,who\na@example.org,A")).toMatchObject({ ok: false });
    expect(parseImportFile("email,who\na@example.org,A")).toMatchObject({ ok: false });
  });

  it("reads its own template", () => {
    const parsed = parseImportFile(importTemplateCsv().replace(/^\uFEFF/, ""), "2026-12-07");
    expect(parsed.ok && parsed.rows.map((row) => [row.email, row.role])).toEqual([
      ["ada.planner@example.org", "MEMBER"],
      ["sam.reviewer@example.org", "MODERATOR"],
    ]);
  });
});
