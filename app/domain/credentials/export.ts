/**
 * The CHCP log as a CSV download, grouped by section: the entries of the
 * current cycle under each section, then those outside the cycle, then the
 * progress of each section, with the note that the Alliance's current
 * requirements are the authority. Written with the insight's CSV writer
 * (quoting and formula escaping in one place).
 */
import { csvRecord, type CsvCell as Cell } from "~/utils/csv";
import type { ChcpLog, EntryView } from "./chcp.server";
import { sectionOfKind } from "./rules";

export const CHCP_CSV_COLUMNS = ["Section", "Date", "Kind", "Hours", "Years", "Description", "Evidence", "Counted this cycle", "From pathway step"] as const;

export function authorityNote(log: Pick<ChcpLog, "rules">): string {
  return `The Alliance for Continuing Education in the Health Professions sets the CHCP recertification requirements; its current requirements (${log.rules.source}) are the authority, not this file. CME Commons is not affiliated with or endorsed by the Alliance.`;
}

export function chcpCsv(log: ChcpLog, member: string): string {
  const note = (text: string): Cell[] => ["Note", "", "", "", "", text, "", "", ""];
  const row = (entry: EntryView, section: string, counted: string): Cell[] => [
    section,
    entry.occurredOn,
    entry.kindLabel,
    entry.hours ?? "",
    entry.years ?? "",
    entry.description,
    entry.evidence,
    counted,
    entry.fromStep ? `${entry.fromStep.title} (${entry.fromStep.pathwayTitle})` : "",
  ];
  const rows: Cell[][] = [
    note(authorityNote(log)),
    note(
      log.credential
        ? `CHCP log of ${member}: cycle from ${log.credential.cycleStartOn} to ${log.credential.expiresOn} (first earned ${log.credential.earnedOn}). Rules as read by CME Commons: version ${log.rules.version}.`
        : `CHCP log of ${member}: no cycle dates recorded, so every entry is counted.`,
    ),
  ];
  for (const section of log.sections) for (const entry of section.entries) rows.push(row(entry, section.title, "Yes"));
  for (const entry of log.outside) rows.push(row(entry, sectionOfKind(log.rules, entry.kind)?.title ?? "", "No: outside the current cycle"));
  for (const section of log.progress) rows.push([section.title, "", "Progress", "", "", section.status, "", "", ""]);
  return `\uFEFF${csvRecord([...CHCP_CSV_COLUMNS])}${rows.map(csvRecord).join("")}`;
}
