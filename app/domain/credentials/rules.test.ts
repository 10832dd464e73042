import path from "node:path";
import { describe, expect, it } from "vitest";
import { sectionProgress, type CountedEntry } from "./rules";
import { chcpRules, loadRuleSets, parseCredentialRules, RulesError } from "./rules.server";

const rules = chcpRules("2027-01-01");
const entry = (kind: CountedEntry["kind"], amount: { hours?: number; years?: number } = {}): CountedEntry => ({
  kind,
  hours: amount.hours ?? null,
  years: amount.years ?? null,
});
const byKey = (entries: CountedEntry[]) => Object.fromEntries(sectionProgress(rules, entries).map((section) => [section.key, section]));

describe("the CHCP rule set in content/credentials", () => {
  it("states the three-year cycle and the two sections, with the Alliance's page as the source", () => {
    expect(rules.cycleYears).toBe(3);
    expect(rules.source).toBe("https://www.acehp.org/Recognition/Recertification");
    expect(rules.sections.map((section) => section.options.map((option) => [option.kinds.join("+"), option.measure, option.minimum]))).toEqual([
      [
        ["EDUCATION", "hours", 20],
        ["VOLUNTEERING", "hours", 30],
        ["MEMBERSHIP", "years", 1],
        ["PUBLICATION+PRESENTATION", "entries", 1],
      ],
      [["WORK_PERIOD", "years", 3]],
    ]);
    expect(rules.remindMonthsBefore).toEqual([6, 3]);
  });

  it("completes Section 1 by any one of its options, and says what is missing otherwise", () => {
    expect(byKey([entry("EDUCATION", { hours: 12.5 })])["section-1"]).toMatchObject({
      complete: false,
      status: expect.stringContaining("20 hours of informal education: 12.5 hours logged, 7.5 hours to go"),
    });
    expect(byKey([entry("EDUCATION", { hours: 12.5 }), entry("EDUCATION", { hours: 7.5 })])["section-1"]!.complete).toBe(true);
    expect(byKey([entry("VOLUNTEERING", { hours: 29.75 })])["section-1"]!.complete).toBe(false);
    expect(byKey([entry("MEMBERSHIP", { years: 1 })])["section-1"]!.complete).toBe(true);
    expect(byKey([entry("PRESENTATION")])["section-1"]!.complete).toBe(true);
    expect(byKey([entry("PRESENTATION")])["section-2"]).toMatchObject({ complete: false, status: "Not complete yet: 3 years of healthcare CPD work: nothing logged yet." });
  });

  it("adds hours without float noise", () => {
    const section = byKey([0.1, 0.2, 19.7].map((hours) => entry("EDUCATION", { hours })))["section-1"]!;
    expect(section.options[0]).toMatchObject({ logged: 20, met: true, missing: 0 });
  });

  it("refuses a malformed rule file, naming the file and the problem", () => {
    const good = loadRuleSets(path.resolve("content/credentials"))[0]!;
    expect(() => parseCredentialRules("{", "chcp-x.json")).toThrow(RulesError);
    expect(() => parseCredentialRules(JSON.stringify({ ...good, cycleYears: 0 }), "chcp-x.json")).toThrow(/chcp-x.json: cycleYears/);
    const wrongMeasure = structuredClone(good);
    wrongMeasure.sections[1]!.options[0]!.measure = "hours";
    expect(() => parseCredentialRules(JSON.stringify(wrongMeasure), "chcp-x.json")).toThrow(/WORK_PERIOD is measured in years/);
  });
});
