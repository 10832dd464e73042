/**
 * The insight's figures as a CSV download: the same aggregated, suppressed
 * figures as the page, one figure per line ("tidy" rows: section, item,
 * period, measure, value), so a spreadsheet can filter and pivot them.
 */
import { sortByShown, type Distribution } from "./distribution";
import type { AssociationInsight } from "./insight.server";
import { contributorsNeeded, SUPPRESSED_TEXT } from "./policy";
import { csvDocument, type CsvCell } from "~/utils/csv";

export const CSV_COLUMNS = ["Section", "Area or pathway", "Period", "Measure", "Value"] as const;

type Cell = CsvCell;

const STAGES_SECTION = "Self-assessed stages";

function distributionRows(area: string, period: string, figure: Distribution): Cell[][] {
  if (!figure.shown) return [];
  return [
    [STAGES_SECTION, area, period, "Members counted", figure.members],
    ...figure.stages.map((stage): Cell[] => [STAGES_SECTION, area, period, `Stage ${stage.position}: ${stage.name}`, stage.members]),
    [STAGES_SECTION, area, period, "Median stage", figure.median.label],
    [STAGES_SECTION, area, period, "Median stage (position)", figure.median.value],
  ];
}

/** The areas withheld for a period, named together on one line (as the page names them once). */
function withheldRow(areas: { name: string }[], period: string): Cell[][] {
  return areas.length ? [[STAGES_SECTION, areas.map((area) => area.name).join("; "), period, "All figures", SUPPRESSED_TEXT]] : [];
}

/**
 * The self-assessment figures by the page's rule: how many members
 * contribute; while too few do, one line saying so and no area; otherwise the
 * areas that can be shown, and the withheld ones on one line per period.
 */
function stageRows(insight: AssociationInsight): Cell[][] {
  if (!insight.framework) return [];
  const latest = `Latest (${insight.asOf})`;
  const earlier = `Twelve months earlier (${insight.comparedWith})`;
  const rows: Cell[][] = [[STAGES_SECTION, "", latest, "Members contributing", insight.contributors.now]];
  const needed = contributorsNeeded(insight.contributors.now);
  if (needed > 0) {
    rows.push([STAGES_SECTION, "", latest, "All figures", `${SUPPRESSED_TEXT}: ${needed} more contributing members needed`]);
    return rows;
  }
  const { shown, withheld, compared, notCompared } = sortByShown(insight.areas);
  for (const area of shown) rows.push(...distributionRows(area.name, latest, area.now));
  rows.push(...withheldRow(withheld, latest));
  for (const area of compared) {
    rows.push(...distributionRows(area.name, earlier, area.then));
    rows.push([STAGES_SECTION, area.name, `${insight.comparedWith} to ${insight.asOf}`, "Change in median (stages)", area.change ?? ""]);
  }
  rows.push(...withheldRow(notCompared, earlier));
  return rows;
}

/** The whole CSV, header first, lines ending in CRLF, with a byte-order mark so Excel reads UTF-8. */
export function insightCsv(insight: AssociationInsight): string {
  const rows: Cell[][] = stageRows(insight);
  // Assessments in other frameworks: compared through a crosswalk, or not counted (docs/decisions/0017).
  for (const other of insight.otherFrameworks) {
    rows.push([
      "Other frameworks",
      other.framework,
      `${insight.comparedWith} to ${insight.asOf}`,
      "How its assessments count",
      other.crosswalked ? "Compared through the crosswalk" : "Not counted: no crosswalk, comparison not available",
    ]);
  }
  for (const pathway of insight.pathways) {
    const kind = pathway.own ? "The association’s pathway" : "Other pathway";
    rows.push(["Pathways", pathway.title, "", `Members enrolled (${kind.toLowerCase()})`, pathway.enrolled]);
    rows.push(["Pathways", pathway.title, "", `Members who completed it (${kind.toLowerCase()})`, pathway.completed]);
  }
  for (const figure of insight.commitments) {
    rows.push([
      "Commitments to change",
      figure.title,
      "90 days",
      "Carried out (% of answered, not counting no longer relevant)",
      figure.carriedOutPercent ?? SUPPRESSED_TEXT,
    ]);
  }
  for (const month of insight.activity) {
    rows.push(["Forum activity", "", month.month, "Threads started", month.threads]);
    rows.push(["Forum activity", "", month.month, "Replies", month.replies]);
    rows.push(["Forum activity", "", month.month, "Active members", month.activeMembers]);
  }
  return csvDocument([[...CSV_COLUMNS], ...rows], { bom: true });
}
