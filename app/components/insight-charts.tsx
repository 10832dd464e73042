/**
 * The association insight's charts: plain SVG drawn on the server (no chart
 * library, no client JavaScript), each with a title and a description for
 * screen readers and a table with the same figures beside it. Series differ
 * in shape and fill as well as colour, and every bar carries its number as
 * text, so the charts read without colour and in print. A withheld figure is
 * not drawn: the page names the withheld areas once, together.
 *
 * The components only draw what they are given: suppression and the figures
 * themselves come from app/domain/insight.
 */
import { useId, type ReactNode } from "react";
import { describeChange, type Distribution, type StageRef } from "~/domain/insight/distribution";
import { formatCalendarMonth } from "~/utils/zoned-dates";

const BRAND = "#115e59"; // brand-700
const BRAND_LIGHT = "#d5ece9"; // brand-100
const STONE = "#57534e"; // stone-600
const GRID = "#d6d3d1"; // stone-300
const INK = "#1c1917"; // stone-900
const AMBER = "#b45309"; // amber-700

const round = (n: number) => Math.round(n * 10) / 10;

/** Splits text into lines of at most `width` characters (at spaces). */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  for (const word of text.split(/\s+/)) {
    const last = lines.at(-1);
    if (last !== undefined && `${last} ${word}`.length <= width) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines;
}

/** A "nice" top for an axis: 1, 2 or 5 times a power of ten, at least `max` (and at least 1). */
function niceMax(max: number): number {
  if (max <= 1) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  for (const step of [1, 2, 5, 10]) if (step * power >= max) return step * power;
  return 10 * power;
}

const plural = (n: number, one: string, many: string) => `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;

/** The shared frame: an SVG image with its accessible name and description. */
function Svg({
  title,
  description,
  viewBox,
  className = "h-auto w-full",
  children,
}: {
  title: string;
  description: string;
  viewBox: string;
  className?: string;
  children: ReactNode;
}) {
  const id = useId();
  return (
    <svg
      role="img"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-desc`}
      viewBox={viewBox}
      width="100%"
      className={className}
      fontFamily="inherit"
    >
      <title id={`${id}-title`}>{title}</title>
      <desc id={`${id}-desc`}>{description}</desc>
      {children}
    </svg>
  );
}

/** A table that may be wider than a phone: it scrolls on its own, and keyboard users can scroll it too. */
function TableScroller({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div
      role="region"
      aria-label={label}
      tabIndex={0}
      className="relative mt-4 overflow-x-auto rounded-md print:overflow-visible"
    >
      {children}
    </div>
  );
}

const tableClass = "w-full border-collapse text-left text-xs sm:text-sm print:text-xs";
const captionClass = "mb-2 text-left text-sm font-semibold text-stone-800 sm:text-base";
const thClass = "py-2 pr-2 font-semibold sm:pr-3";
const tdClass = "py-2 pr-2 tabular-nums sm:pr-3";

/**
 * The table beside a chart, with the same figures: a scrolling region named
 * `label`, a caption and one header cell per column. The body is
 * `FigureRow`s.
 */
export function FigureTable({
  label,
  caption,
  columns,
  children,
}: {
  label: string;
  caption: ReactNode;
  columns: ReactNode[];
  children: ReactNode;
}) {
  return (
    <TableScroller label={label}>
      <table className={tableClass}>
        <caption className={captionClass}>{caption}</caption>
        <thead>
          <tr className="border-b-2 border-stone-300">
            {columns.map((column, index) => (
              <th key={index} scope="col" className={thClass}>
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </TableScroller>
  );
}

/** A row of a `FigureTable`: its header cell, then its `FigureCell`s. */
export function FigureRow({
  header,
  alignTop = true,
  children,
}: {
  header: ReactNode;
  alignTop?: boolean;
  children: ReactNode;
}) {
  return (
    <tr className={alignTop ? "border-b border-stone-200 align-top" : "border-b border-stone-200"}>
      <th scope="row" className={`${thClass} font-medium`}>
        {header}
      </th>
      {children}
    </tr>
  );
}

export function FigureCell({ colSpan, children }: { colSpan?: number; children: ReactNode }) {
  return (
    <td colSpan={colSpan} className={tdClass}>
      {children}
    </td>
  );
}

// ─── Stages in one area ─────────────────────────────────────────────────────

/**
 * Columns, one per stage, with the number of members at each stage written
 * above its column and the stage number below; a triangle under the axis
 * marks the median (between two columns when it falls between two stages).
 */
export function StageColumns({ areaName, figure }: { areaName: string; figure: Extract<Distribution, { shown: true }> }) {
  const width = 260;
  const left = 10;
  const top = 22;
  const plot = 86;
  const slot = (width - 2 * left) / figure.stages.length;
  const barWidth = Math.min(36, slot * 0.7);
  const max = Math.max(...figure.stages.map((stage) => stage.members), 1);
  const x = (position: number) => left + slot * (position - 0.5);
  const axisY = top + plot;
  const medianX = x(figure.median.value);
  const description =
    `${plural(figure.members, "member", "members")} counted. ` +
    figure.stages.map((stage) => `${stage.name}: ${stage.members}`).join("; ") +
    `. Median: ${figure.median.label}.`;
  return (
    <Svg title={`Self-assessed stages in ${areaName}`} description={description} viewBox={`0 0 ${width} 158`}>
      <line x1={left} x2={width - left} y1={axisY} y2={axisY} stroke={STONE} strokeWidth={1} />
      {figure.stages.map((stage) => {
        const height = (plot - 4) * (stage.members / max);
        return (
          <g key={stage.position}>
            {stage.members > 0 ? (
              <rect
                x={round(x(stage.position) - barWidth / 2)}
                y={round(axisY - height)}
                width={round(barWidth)}
                height={round(height)}
                fill={BRAND}
              />
            ) : null}
            <text x={round(x(stage.position))} y={round(axisY - height - 5)} textAnchor="middle" fontSize={13} fill={INK}>
              {stage.members}
            </text>
            <text x={round(x(stage.position))} y={axisY + 16} textAnchor="middle" fontSize={12} fill={STONE}>
              {stage.position}
            </text>
          </g>
        );
      })}
      <polygon
        points={`${round(medianX)},${axisY + 22} ${round(medianX - 6)},${axisY + 32} ${round(medianX + 6)},${axisY + 32}`}
        fill={AMBER}
      />
      <text
        x={round(Math.min(Math.max(medianX, 30), width - 30))}
        y={axisY + 44}
        textAnchor="middle"
        fontSize={12}
        fill={INK}
      >
        median
      </text>
    </Svg>
  );
}

/** Stage numbers and names, for the column charts' axes. */
export function StageKey({ stages }: { stages: StageRef[] }) {
  return (
    <div className="mt-2 flex flex-wrap gap-x-2 text-sm text-stone-700">
      <p>Stages:</p>
      <ol className="flex flex-wrap gap-x-3">
        {stages.map((stage) => (
          <li key={stage.position} className="whitespace-nowrap">
            {stage.position} {stage.name}
          </li>
        ))}
      </ol>
    </div>
  );
}

// ─── Median then and now ────────────────────────────────────────────────────

/** An area with both medians shown (the page names the others). */
export interface ChangeRow {
  name: string;
  then: Extract<Distribution, { shown: true }>;
  now: Extract<Distribution, { shown: true }>;
  change: number;
}

/**
 * One line per area on the stage scale: a hollow square at the median twelve
 * months ago, a filled circle at today's, joined by a line.
 */
export function MedianChangeChart({ rows, stages }: { rows: ChangeRow[]; stages: StageRef[] }) {
  const width = 340;
  const left = 16;
  const right = width - 16;
  const count = Math.max(stages.length, 2);
  const x = (position: number) => left + ((right - left) * (position - 1)) / (count - 1);
  const laid: { name: string; then: number; now: number; lines: string[]; y: number; text: string }[] = [];
  let y = 34;
  for (const row of rows) {
    const lines = wrap(row.name, 40);
    const text = `${row.name}: median from ${row.then.median.label} to ${row.now.median.label} (${describeChange(row.change).toLowerCase()}).`;
    laid.push({ name: row.name, then: x(row.then.median.value), now: x(row.now.median.value), lines, y, text });
    y += lines.length * 15 + 34;
  }
  return (
    <div>
      <Svg
        title="Median self-assessed stage per area, twelve months ago and now"
        description={laid.map((row) => row.text).join(" ")}
        viewBox={`0 0 ${width} ${y}`}
        className="h-auto w-full max-w-md"
      >
        {stages.map((stage) => (
          <text key={stage.position} x={round(x(stage.position))} y={14} textAnchor="middle" fontSize={12} fill={STONE}>
            {stage.position}
          </text>
        ))}
        {laid.map(({ name, then, now, lines, y: rowY }) => {
          const trackY = rowY + lines.length * 15 + 6;
          return (
            <g key={name}>
              <text x={left - 8} y={rowY} fontSize={13} fontWeight={600} fill={INK}>
                {lines.map((line, index) => (
                  <tspan key={index} x={left - 8} dy={index === 0 ? 0 : 15}>
                    {line}
                  </tspan>
                ))}
              </text>
              <line x1={left} x2={right} y1={trackY} y2={trackY} stroke={GRID} strokeWidth={2} />
              {stages.map((stage) => (
                <line
                  key={stage.position}
                  x1={round(x(stage.position))}
                  x2={round(x(stage.position))}
                  y1={trackY - 4}
                  y2={trackY + 4}
                  stroke={GRID}
                  strokeWidth={1.5}
                />
              ))}
              <line x1={round(then)} x2={round(now)} y1={trackY} y2={trackY} stroke={BRAND} strokeWidth={3} />
              <rect x={round(then - 5)} y={trackY - 5} width={10} height={10} fill="#fff" stroke={STONE} strokeWidth={2} />
              <circle cx={round(now)} cy={trackY} r={6} fill={BRAND} stroke="#fff" strokeWidth={1.5} />
            </g>
          );
        })}
      </Svg>
      <ul className="mt-2 flex flex-wrap gap-x-5 gap-y-1 text-sm text-stone-700">
        <li className="flex items-center gap-2">
          <svg viewBox="0 0 14 14" width="14" height="14" aria-hidden="true" className="shrink-0">
            <rect x="2" y="2" width="10" height="10" fill="#fff" stroke={STONE} strokeWidth="2" />
          </svg>
          Median twelve months ago<span className="sr-only">: hollow square</span>
        </li>
        <li className="flex items-center gap-2">
          <svg viewBox="0 0 14 14" width="14" height="14" aria-hidden="true" className="shrink-0">
            <circle cx="7" cy="7" r="6" fill={BRAND} />
          </svg>
          Median now<span className="sr-only">: filled circle</span>
        </li>
      </ul>
    </div>
  );
}

// ─── Pathways ───────────────────────────────────────────────────────────────

export interface PathwayBar {
  title: string;
  enrolled: number;
  completed: number;
}

/**
 * A bar per pathway: its whole length is the members enrolled (light), the
 * dark part those who completed it, with both numbers written beside it.
 */
export function PathwayBars({ pathways }: { pathways: PathwayBar[] }) {
  const width = 340;
  const barMax = 170;
  const max = Math.max(...pathways.map((p) => p.enrolled), 1);
  let y = 4;
  const laid = pathways.map((pathway) => {
    const lines = wrap(pathway.title, 44);
    const top = y;
    y += lines.length * 15 + 30;
    return { pathway, lines, top };
  });
  const description = pathways
    .map((p) => `${p.title}: ${plural(p.enrolled, "member", "members")} enrolled, ${p.completed} completed.`)
    .join(" ");
  return (
    <div>
      <Svg title="Members enrolled in and completing each pathway" description={description} viewBox={`0 0 ${width} ${y}`} className="h-auto w-full max-w-md">
        {laid.map(({ pathway, lines, top }) => {
          const barY = top + lines.length * 15 + 4;
          const enrolledWidth = (barMax * pathway.enrolled) / max;
          const completedWidth = (barMax * pathway.completed) / max;
          return (
            <g key={`${pathway.title}-${top}`}>
              <text x={0} y={top + 12} fontSize={13} fontWeight={600} fill={INK}>
                {lines.map((line, index) => (
                  <tspan key={index} x={0} dy={index === 0 ? 0 : 15}>
                    {line}
                  </tspan>
                ))}
              </text>
              {pathway.enrolled > 0 ? (
                <rect x={0} y={barY} width={round(enrolledWidth)} height={16} fill={BRAND_LIGHT} stroke={BRAND} strokeWidth={1} />
              ) : null}
              {pathway.completed > 0 ? (
                <rect x={0} y={barY} width={round(completedWidth)} height={16} fill={BRAND} />
              ) : null}
              <text x={round(enrolledWidth + 6)} y={barY + 12.5} fontSize={12} fill={INK}>
                {pathway.enrolled} enrolled · {pathway.completed} completed
              </text>
            </g>
          );
        })}
      </Svg>
      <ul className="mt-2 flex flex-wrap gap-x-5 gap-y-1 text-sm text-stone-700">
        <li className="flex items-center gap-2">
          <svg viewBox="0 0 24 12" width="24" height="12" aria-hidden="true" className="shrink-0">
            <rect x="0.5" y="0.5" width="23" height="11" fill={BRAND_LIGHT} stroke={BRAND} />
          </svg>
          Enrolled<span className="sr-only">: the whole bar, light</span>
        </li>
        <li className="flex items-center gap-2">
          <svg viewBox="0 0 24 12" width="24" height="12" aria-hidden="true" className="shrink-0">
            <rect width="24" height="12" fill={BRAND} />
          </svg>
          Completed<span className="sr-only">: the dark part of the bar</span>
        </li>
      </ul>
    </div>
  );
}

// ─── Forum activity ─────────────────────────────────────────────────────────

export interface ActivityMonth {
  /** "2026-03". */
  month: string;
  threads: number;
  replies: number;
  activeMembers: number;
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const monthName = (key: string) => MONTHS[Number(key.slice(5, 7)) - 1] ?? key;

/** "March 2026" from "2026-03". */
export function monthLabel(key: string): string {
  return formatCalendarMonth(key);
}

/**
 * Per month: a solid column for threads started and a hollow, outlined one
 * for replies, with a dashed line and diamond points for active members.
 */
export function ActivityChart({ months }: { months: ActivityMonth[] }) {
  const width = 360;
  const left = 30;
  const right = width - 6;
  const top = 10;
  const plot = 150;
  const axisY = top + plot;
  const max = niceMax(Math.max(...months.map((m) => Math.max(m.threads, m.replies, m.activeMembers)), 0));
  const slot = (right - left) / Math.max(months.length, 1);
  const bar = Math.min(10, slot * 0.35);
  const y = (value: number) => axisY - (plot * value) / max;
  const centre = (index: number) => left + slot * (index + 0.5);
  const ticks = [0, max / 2, max].filter((tick, index, all) => Number.isInteger(tick) && all.indexOf(tick) === index);
  const line = months.map((m, index) => `${round(centre(index))},${round(y(m.activeMembers))}`).join(" ");
  const totals = months.reduce(
    (sum, m) => ({ threads: sum.threads + m.threads, replies: sum.replies + m.replies }),
    { threads: 0, replies: 0 },
  );
  const busiest = months.reduce<ActivityMonth | null>(
    (best, m) => (m.threads + m.replies > (best ? best.threads + best.replies : 0) ? m : best),
    null,
  );
  const first = months[0];
  const last = months.at(-1);
  const description =
    first && last
      ? `From ${monthLabel(first.month)} to ${monthLabel(last.month)}: ${plural(totals.threads, "thread", "threads")} started and ${plural(totals.replies, "reply", "replies")}.` +
        (busiest ? ` The busiest month was ${monthLabel(busiest.month)}, with ${busiest.threads} threads, ${busiest.replies} replies and ${busiest.activeMembers} active members.` : " No posts yet.")
      : "No months to show.";
  return (
    <div>
      <Svg
        title="Forum activity per month: threads started, replies and active members"
        description={description}
        viewBox={`0 0 ${width} ${axisY + 34}`}
        className="h-auto w-full max-w-lg"
      >
        {ticks.map((tick) => (
          <g key={tick}>
            <line x1={left} x2={right} y1={round(y(tick))} y2={round(y(tick))} stroke={tick === 0 ? STONE : GRID} strokeWidth={1} />
            <text x={left - 5} y={round(y(tick) + 4)} textAnchor="end" fontSize={11} fill={STONE}>
              {tick}
            </text>
          </g>
        ))}
        {months.map((m, index) => {
          const cx = centre(index);
          return (
            <g key={m.month}>
              {m.threads > 0 ? (
                <rect x={round(cx - bar - 1)} y={round(y(m.threads))} width={round(bar)} height={round(axisY - y(m.threads))} fill={BRAND} />
              ) : null}
              {m.replies > 0 ? (
                <rect
                  x={round(cx + 1)}
                  y={round(y(m.replies))}
                  width={round(bar)}
                  height={round(axisY - y(m.replies))}
                  fill="#fff"
                  stroke={BRAND}
                  strokeWidth={1.5}
                />
              ) : null}
              <text x={round(cx)} y={axisY + 14} textAnchor="middle" fontSize={11} fill={INK}>
                {monthName(m.month)}
              </text>
              {index === 0 || m.month.endsWith("-01") ? (
                <text x={round(cx)} y={axisY + 27} textAnchor="middle" fontSize={9.5} fill={STONE}>
                  {m.month.slice(0, 4)}
                </text>
              ) : null}
            </g>
          );
        })}
        <polyline points={line} fill="none" stroke={AMBER} strokeWidth={2} strokeDasharray="5 3" />
        {months.map((m, index) => {
          const cx = round(centre(index));
          const cy = round(y(m.activeMembers));
          return (
            <polygon
              key={m.month}
              points={`${cx},${round(cy - 4.5)} ${round(cx + 4.5)},${cy} ${cx},${round(cy + 4.5)} ${round(cx - 4.5)},${cy}`}
              fill="#fff"
              stroke={AMBER}
              strokeWidth={2}
            />
          );
        })}
      </Svg>
      <ul className="mt-2 flex flex-wrap gap-x-5 gap-y-1 text-sm text-stone-700">
        <li className="flex items-center gap-2">
          <svg viewBox="0 0 12 14" width="12" height="14" aria-hidden="true" className="shrink-0">
            <rect width="12" height="14" fill={BRAND} />
          </svg>
          Threads started<span className="sr-only">: solid columns</span>
        </li>
        <li className="flex items-center gap-2">
          <svg viewBox="0 0 12 14" width="12" height="14" aria-hidden="true" className="shrink-0">
            <rect x="0.75" y="0.75" width="10.5" height="12.5" fill="#fff" stroke={BRAND} strokeWidth="1.5" />
          </svg>
          Replies<span className="sr-only">: outlined columns</span>
        </li>
        <li className="flex items-center gap-2">
          <svg viewBox="0 0 30 12" width="30" height="12" aria-hidden="true" className="shrink-0">
            <line x1="1" x2="29" y1="6" y2="6" stroke={AMBER} strokeWidth="2" strokeDasharray="5 3" />
            <polygon points="15,1.5 19.5,6 15,10.5 10.5,6" fill="#fff" stroke={AMBER} strokeWidth="2" />
          </svg>
          Active members<span className="sr-only">: dashed line with diamond points</span>
        </li>
      </ul>
    </div>
  );
}
