/**
 * The CHCP® recertification rules as data (content/credentials/chcp-*.json,
 * read by rules.server.ts) and what follows from them: progress toward each
 * section, and what is still missing. Pure and client-safe. The rules only
 * add up what the member logged: the member decides what each entry is, and
 * the Alliance's current requirements decide what counts.
 */

export const ENTRY_KINDS = ["EDUCATION", "VOLUNTEERING", "MEMBERSHIP", "PUBLICATION", "PRESENTATION", "WORK_PERIOD"] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];

/** What an entry of a kind is measured in: hours, years, or nothing (a publication is one publication). */
export type KindUnit = "hours" | "years" | "none";
export type Measure = "hours" | "years" | "entries";

export interface KindRule {
  kind: EntryKind;
  label: string;
  unit: KindUnit;
  hint: string;
}

/** One way to complete a section: enough of the given kinds. */
export interface SectionOption {
  key: string;
  label: string;
  kinds: EntryKind[];
  measure: Measure;
  minimum: number;
}

export interface SectionRule {
  key: string;
  title: string;
  summary: string;
  /** The section is complete when any one of these is met. */
  options: SectionOption[];
}

export interface CredentialRules {
  credential: "chcp";
  version: string;
  effectiveFrom: string;
  name: string;
  certifyingBody: string;
  /** The certifying body's page with the current requirements. */
  source: string;
  cycleYears: number;
  remindMonthsBefore: number[];
  kinds: KindRule[];
  sections: SectionRule[];
}

/** The part of an entry progress needs. */
export interface CountedEntry {
  kind: EntryKind;
  hours: number | null;
  years: number | null;
}

export interface OptionProgress {
  key: string;
  label: string;
  measure: Measure;
  minimum: number;
  logged: number;
  met: boolean;
  /** How much more is needed (0 when met). */
  missing: number;
}

export interface SectionProgress {
  key: string;
  title: string;
  summary: string;
  complete: boolean;
  options: OptionProgress[];
  /** In words: what is missing, or which option is met. */
  status: string;
}

/** Two decimals at most, no float noise (0.1 + 0.2). */
export const roundAmount = (value: number) => Math.round(value * 100) / 100;

export function formatAmount(value: number, measure: Measure): string {
  const amount = roundAmount(value);
  if (measure === "hours") return `${amount} ${amount === 1 ? "hour" : "hours"}`;
  if (measure === "years") return `${amount} ${amount === 1 ? "year" : "years"}`;
  return `${amount} ${amount === 1 ? "entry" : "entries"}`;
}

function amountOf(entry: CountedEntry, measure: Measure): number {
  if (measure === "entries") return 1;
  return (measure === "hours" ? entry.hours : entry.years) ?? 0;
}

const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);

/** "20 hours of informal education: 12.5 hours logged, 7.5 to go" */
export function optionText(option: OptionProgress): string {
  if (option.logged === 0) return `${lowerFirst(option.label)}: nothing logged yet`;
  if (option.met) return `${lowerFirst(option.label)}: ${formatAmount(option.logged, option.measure)} logged`;
  return `${lowerFirst(option.label)}: ${formatAmount(option.logged, option.measure)} logged, ${formatAmount(option.missing, option.measure)} to go`;
}

/** Progress toward each section from the entries of the current cycle. */
export function sectionProgress(rules: CredentialRules, entries: CountedEntry[]): SectionProgress[] {
  return rules.sections.map((section) => {
    const options = section.options.map((option): OptionProgress => {
      const logged = roundAmount(
        entries.filter((entry) => option.kinds.includes(entry.kind)).reduce((sum, entry) => sum + amountOf(entry, option.measure), 0),
      );
      const met = logged >= option.minimum;
      return { key: option.key, label: option.label, measure: option.measure, minimum: option.minimum, logged, met, missing: met ? 0 : roundAmount(option.minimum - logged) };
    });
    const metOption = options.find((option) => option.met);
    const status = metOption
      ? `Complete in your log: ${lowerFirst(metOption.label)}.`
      : options.length === 1
        ? `Not complete yet: ${optionText(options[0]!)}.`
        : `Not complete yet. Any one of these completes it: ${options.map(optionText).join("; ")}.`;
    return { key: section.key, title: section.title, summary: section.summary, complete: Boolean(metOption), options, status };
  });
}

/** The section(s) an entry of this kind is logged toward (for grouping the log and the CSV). */
export function sectionOfKind(rules: CredentialRules, kind: EntryKind): SectionRule | undefined {
  return rules.sections.find((section) => section.options.some((option) => option.kinds.includes(kind)));
}

export function kindRule(rules: CredentialRules, kind: EntryKind): KindRule {
  return rules.kinds.find((rule) => rule.kind === kind) ?? { kind, label: kind, unit: "none", hint: "" };
}
