/**
 * A radar chart of stages per competency area, drawn as plain SVG on the
 * server (no chart library, no client JavaScript), with the same data in a
 * table beside it. Its series — baseline, latest, target, and each
 * reviewer's rating — differ in colour, line style and point shape, and the
 * legend names each in words, so the chart reads without colour and in print.
 * Labels sit outside the outer ring (the viewBox is sized to hold them) or
 * over the data with a halo, so no line covers a label.
 * Missing values (an unrated area, no target) leave a gap in that series'
 * line instead of a made-up point.
 */
import { Fragment, useId } from "react";

export interface RadarStage {
  position: number;
  name: string;
}

export interface RadarArea {
  /** Matches the keys of a reviewer's `stages`. */
  slug: string;
  name: string;
  baseline: RadarStage | null;
  latest: RadarStage | null;
  target: RadarStage | null;
}

/** A reviewer's rating as one more series: their stage per area slug (an area they did not rate is left out). */
export interface RadarReviewer {
  id: string;
  /** "<name>, <date>". */
  label: string;
  stages: Record<string, RadarStage>;
}

type SeriesKey = "baseline" | "latest" | "target";
type MarkerKind = "square" | "circle" | "diamond" | "triangle" | "cross" | "triangle-down" | "plus";

interface SeriesStyle {
  colour: string;
  dash?: string;
  width: number;
  marker: MarkerKind;
  /** The line and points in words, for screen readers (the legend's swatch is hidden from them). */
  style: string;
  fill?: string;
}

const SERIES: Record<SeriesKey, SeriesStyle> = {
  // Stone 600: dashed, hollow squares.
  baseline: { colour: "#57534e", dash: "6 4", width: 2, marker: "square", style: "dashed line, square points" },
  // Brand 700: solid, filled circles, a light fill.
  latest: { colour: "#115e59", width: 2.5, marker: "circle", style: "solid line, round points", fill: "#115e59" },
  // Amber 700: dotted, hollow diamonds.
  target: { colour: "#b45309", dash: "0.5 5", width: 3, marker: "diamond", style: "dotted line, diamond points" },
};

/** Reviewers' series, in turn (a fifth reviewer takes the first style again; the legend still names each). */
const REVIEWER_STYLES: SeriesStyle[] = [
  // Violet 700: dash-dot, triangles.
  { colour: "#6d28d9", dash: "10 3 2 3", width: 2, marker: "triangle", style: "dash-dot line, triangle points" },
  // Sky 800: long dashes, crosses.
  { colour: "#075985", dash: "12 5", width: 2, marker: "cross", style: "long-dashed line, cross points" },
  // Rose 700: short dashes, upside-down triangles.
  { colour: "#be123c", dash: "3 3", width: 2, marker: "triangle-down", style: "short-dashed line, upside-down triangle points" },
  // Lime 800: dash-dot-dot, plus signs.
  { colour: "#3f6212", dash: "8 3 2 3 2 3", width: 2, marker: "plus", style: "dash-dot-dot line, plus-sign points" },
];

const reviewerStyle = (index: number) => REVIEWER_STYLES[index % REVIEWER_STYLES.length]!;

/** The outer ring's radius: the last stage. Everything else is laid out around it. */
export const RADIUS = 120;
/** Area names start this far from the centre: clear of the outer ring and of any point on it. */
export const LABEL_RADIUS = RADIUS + 14;
const FONT = 13;
const LINE_HEIGHT = 15;
const WRAP = 13;
/** A generous width per character, so the viewBox always holds the labels. */
const CHAR_WIDTH = FONT * 0.62;
const MARGIN = 6;

/** Splits an area name into short lines (at spaces and after hyphens). */
function wrap(text: string, width = WRAP): string[] {
  const words = text.replace(/-(?=\S)/g, "- ").split(/\s+/);
  const lines: string[] = [];
  for (const word of words) {
    const last = lines.at(-1);
    const joined = last === undefined ? word : last.endsWith("-") ? `${last}${word}` : `${last} ${word}`;
    if (last !== undefined && joined.length <= width) lines[lines.length - 1] = joined;
    else lines.push(word);
  }
  return lines;
}

function point(index: number, count: number, radius: number) {
  const angle = -Math.PI / 2 + (2 * Math.PI * index) / count;
  return { x: Math.cos(angle) * radius, y: Math.sin(angle) * radius, cos: Math.cos(angle), sin: Math.sin(angle) };
}

const round = (n: number) => Math.round(n * 10) / 10;

function Marker({ kind, x, y, colour }: { kind: MarkerKind; x: number; y: number; colour: string }) {
  const [px, py] = [round(x), round(y)];
  if (kind === "circle") return <circle cx={px} cy={py} r={4.5} fill={colour} stroke="#fff" strokeWidth={1.5} />;
  if (kind === "square") {
    return <rect x={round(x - 3.5)} y={round(y - 3.5)} width={7} height={7} fill="#fff" stroke={colour} strokeWidth={2} />;
  }
  if (kind === "cross" || kind === "plus") {
    const s = 4.5;
    const d =
      kind === "cross"
        ? `M${round(x - s)},${round(y - s)}L${round(x + s)},${round(y + s)}M${round(x - s)},${round(y + s)}L${round(x + s)},${round(y - s)}`
        : `M${round(x - s)},${py}L${round(x + s)},${py}M${px},${round(y - s)}L${px},${round(y + s)}`;
    return <path d={d} stroke={colour} strokeWidth={2.5} strokeLinecap="round" />;
  }
  const s = 5;
  const points =
    kind === "diamond"
      ? [[x, y - s], [x + s, y], [x, y + s], [x - s, y]]
      : kind === "triangle"
        ? [[x, y - s], [x + s, y + s * 0.8], [x - s, y + s * 0.8]]
        : [[x, y + s], [x + s, y - s * 0.8], [x - s, y - s * 0.8]];
  return (
    <polygon points={points.map(([a, b]) => `${round(a!)},${round(b!)}`).join(" ")} fill="#fff" stroke={colour} strokeWidth={2} />
  );
}

/** One series: a closed shape when every area has a value, else only the edges between two known points. */
function Series({ values, style, stageCount }: { values: (number | null)[]; style: SeriesStyle; stageCount: number }) {
  const { colour, dash, width, marker, fill } = style;
  const points = values.map((value, index) =>
    value == null ? null : point(index, values.length, (RADIUS * Math.min(Math.max(value, 0), stageCount)) / stageCount),
  );
  const complete = points.every((p) => p !== null);
  const path = complete
    ? `M${points.map((p) => `${round(p!.x)},${round(p!.y)}`).join("L")}Z`
    : points
        .map((p, index) => {
          const next = points[(index + 1) % points.length];
          return p && next && points.length > 1 ? `M${round(p.x)},${round(p.y)}L${round(next.x)},${round(next.y)}` : "";
        })
        .join("");
  return (
    <g>
      {path ? (
        <path
          d={path}
          fill={complete && fill ? fill : "none"}
          fillOpacity={complete && fill ? 0.12 : undefined}
          stroke={colour}
          strokeWidth={width}
          strokeDasharray={dash}
          strokeLinecap="round"
          strokeLinejoin="round"
        />
      ) : null}
      {points.map((p, index) => (p ? <Marker key={index} kind={marker} x={p.x} y={p.y} colour={colour} /> : null))}
    </g>
  );
}

/** A short line and marker in a series' style, for the legend. */
function Swatch({ style }: { style: SeriesStyle }) {
  const { colour, dash, width, marker } = style;
  return (
    <svg viewBox="0 0 40 12" width="40" height="12" aria-hidden="true" className="shrink-0">
      <line x1="2" y1="6" x2="38" y2="6" stroke={colour} strokeWidth={width} strokeDasharray={dash} strokeLinecap="round" />
      <Marker kind={marker} x={20} y={6} colour={colour} />
    </svg>
  );
}

/** Where an area's name goes: outside the outer ring, anchored away from the chart. */
function areaLabel(index: number, count: number, name: string) {
  const p = point(index, count, LABEL_RADIUS);
  const lines = wrap(name);
  const anchor: "start" | "end" | "middle" = p.cos > 0.3 ? "start" : p.cos < -0.3 ? "end" : "middle";
  // Above the chart the block grows upwards; beside it, it centres on the axis; below, it grows downwards.
  const firstY =
    p.sin < -0.3
      ? p.y - (lines.length - 1) * LINE_HEIGHT
      : p.sin > 0.3
        ? p.y + FONT * 0.8
        : p.y - ((lines.length - 1) * LINE_HEIGHT) / 2 + FONT * 0.35;
  const width = Math.max(...lines.map((line) => line.length)) * CHAR_WIDTH;
  const left = anchor === "start" ? p.x : anchor === "end" ? p.x - width : p.x - width / 2;
  const box = { left, right: left + width, top: firstY - FONT, bottom: firstY + (lines.length - 1) * LINE_HEIGHT + FONT * 0.3 };
  return { x: p.x, y: firstY, anchor, lines, box };
}

function summarise(areas: RadarArea[], stages: string[], baselineIsLatest: boolean, reviewers: RadarReviewer[]): string {
  const parts = [
    `A radar chart of ${areas.length} competency ${areas.length === 1 ? "area" : "areas"}, each on a scale of ${stages.length} stages, one ring per stage, from ${stages[0] ?? "the first stage"} on the innermost ring to ${stages.at(-1) ?? "the last stage"} on the outer ring.`,
    baselineIsLatest
      ? "It shows your latest stages (which are also your baseline) as a solid line and your targets as a dotted line."
      : "It shows your baseline as a dashed line, your latest stages as a solid line and your targets as a dotted line.",
  ];
  if (reviewers.length) {
    parts.push(
      reviewers.length === 1
        ? `It also shows the rating by ${reviewers[0]!.label} as a line of its own.`
        : `It also shows the ratings of ${reviewers.length} reviewers, each as a line of its own; the legend names each line.`,
    );
  }
  const rated = areas.filter((area) => area.latest);
  if (rated.length) {
    const best = Math.max(...rated.map((area) => area.latest!.position));
    const top = rated.filter((area) => area.latest!.position === best);
    parts.push(`Your highest latest stage is ${top[0]!.latest!.name}, in ${top.map((area) => area.name).join(", ")}.`);
  }
  const aiming = areas.filter((area) => area.latest && area.target && area.target.position > area.latest.position);
  parts.push(
    aiming.length
      ? `Your target is above your latest stage in ${aiming.length} of ${areas.length} areas.`
      : "No target is above your latest stage.",
  );
  parts.push(
    reviewers.length
      ? "The table beside the chart lists your values, and the reviewer ratings section lists the reviewers’, area by area."
      : "The table beside the chart lists every value.",
  );
  return parts.join(" ");
}

export function RadarChart({
  title,
  caption,
  areas,
  stages,
  labels,
  baselineIsLatest = false,
  reviewers = [],
}: {
  /** The chart's accessible name. */
  title: string;
  /** The table's caption (say which assessments the columns come from). */
  caption: string;
  areas: RadarArea[];
  /** Stage names by position: stages[0] is stage 1 (the innermost ring). */
  stages: string[];
  /** Legend labels, for example "Baseline (January 5, 2026)". */
  labels: Record<SeriesKey, string>;
  /** With a single assessment the baseline line would hide under the latest one: leave it out of the drawing. */
  baselineIsLatest?: boolean;
  /** Submitted reviewer ratings, each drawn as its own series (never averaged); their table is elsewhere on the page. */
  reviewers?: RadarReviewer[];
}) {
  const id = useId();
  const titleId = `${id}-title`;
  const descId = `${id}-desc`;
  const stageCount = Math.max(stages.length, 1);
  const own: SeriesKey[] = baselineIsLatest ? ["latest", "target"] : ["baseline", "latest", "target"];
  const ring = (k: number) =>
    areas.length >= 3
      ? areas
          .map((_, index) => {
            const p = point(index, areas.length, (RADIUS * k) / stageCount);
            return `${round(p.x)},${round(p.y)}`;
          })
          .join(" ")
      : null;
  const areaLabels = areas.map((area, index) => areaLabel(index, areas.length, area.name));
  // The viewBox holds the outer ring and every label, with a margin: nothing is cut off or drawn over.
  const bounds = areaLabels.reduce(
    (box, label) => ({
      left: Math.min(box.left, label.box.left),
      right: Math.max(box.right, label.box.right),
      top: Math.min(box.top, label.box.top),
      bottom: Math.max(box.bottom, label.box.bottom),
    }),
    { left: -RADIUS - 8, right: RADIUS + 8, top: -RADIUS - 8, bottom: RADIUS + 8 },
  );
  const viewBox = [bounds.left - MARGIN, bounds.top - MARGIN, bounds.right - bounds.left + 2 * MARGIN, bounds.bottom - bounds.top + 2 * MARGIN]
    .map(round)
    .join(" ");
  const valuesOf = (series: SeriesKey) => areas.map((area) => area[series]?.position ?? null);
  const legend = [
    ...own.map((series) => ({ key: series, label: labels[series], style: SERIES[series] })),
    ...reviewers.map((reviewer, index) => ({ key: reviewer.id, label: `Reviewer: ${reviewer.label}`, style: reviewerStyle(index) })),
  ];

  return (
    <div className="grid items-start gap-6 lg:grid-cols-[3fr_2fr] print:grid-cols-1 print:gap-3">
      {/* In print the chart takes most of the page's width, its table below it. */}
      <div className="mx-auto w-full max-w-xl print:max-w-[15cm] print:break-inside-avoid">
        <svg
          role="img"
          aria-labelledby={titleId}
          aria-describedby={descId}
          viewBox={viewBox}
          width="100%"
          className="h-auto w-full"
          fontFamily="inherit"
        >
          <title id={titleId}>{title}</title>
          <desc id={descId}>{summarise(areas, stages, baselineIsLatest, reviewers)}</desc>

          {/* Rings: one per stage, polygons when there are enough axes, circles otherwise. */}
          <g fill="none" stroke="#d6d3d1" strokeWidth={1}>
            {stages.map((_, index) => {
              const points = ring(index + 1);
              return points ? (
                <polygon key={index} points={points} />
              ) : (
                <circle key={index} r={(RADIUS * (index + 1)) / stageCount} />
              );
            })}
          </g>
          {/* Axes, one per area. */}
          <g stroke="#a8a29e" strokeWidth={1}>
            {areas.map((_, index) => {
              const p = point(index, areas.length, RADIUS);
              return <line key={index} x1={0} y1={0} x2={round(p.x)} y2={round(p.y)} />;
            })}
          </g>

          {/* The data, under every label: baseline and target, the reviewers, then the latest stages on top. */}
          <g data-series="data">
            {own
              .filter((series) => series !== "latest")
              .map((series) => (
                <Series key={series} values={valuesOf(series)} style={SERIES[series]} stageCount={stageCount} />
              ))}
            {reviewers.map((reviewer, index) => (
              <Series
                key={reviewer.id}
                values={areas.map((area) => reviewer.stages[area.slug]?.position ?? null)}
                style={reviewerStyle(index)}
                stageCount={stageCount}
              />
            ))}
            <Series values={valuesOf("latest")} style={SERIES.latest} stageCount={stageCount} />
          </g>

          {/* Ring numbers up the first axis, over the data with a white halo (the key below names them). */}
          <g data-labels="rings" fontSize={11} fill="#44403c" stroke="#fff" strokeWidth={3} paintOrder="stroke" strokeLinejoin="round">
            {stages.map((_, index) => (
              <text key={index} x={4} y={round(-(RADIUS * (index + 1)) / stageCount + 10)}>
                {index + 1}
              </text>
            ))}
          </g>

          {/* Area names outside the outer ring. */}
          <g data-labels="areas" fontSize={FONT} fill="#1c1917" fontWeight={600}>
            {areaLabels.map((label, index) => (
              <text key={index} textAnchor={label.anchor} x={round(label.x)} y={round(label.y)}>
                {label.lines.map((line, lineIndex) => (
                  <tspan key={lineIndex} x={round(label.x)} dy={lineIndex === 0 ? 0 : LINE_HEIGHT}>
                    {line}
                  </tspan>
                ))}
              </text>
            ))}
          </g>
        </svg>

        <p className="mt-2 text-center text-sm text-stone-700 print:text-xs">
          Rings from the centre:{" "}
          {stages.map((name, index) => (
            <Fragment key={index}>
              <span className="whitespace-nowrap">
                {index + 1} {name}
              </span>
              {index < stages.length - 1 ? " · " : ""}
            </Fragment>
          ))}
        </p>
        <ul aria-label="Legend" className="mt-2 flex flex-wrap justify-center gap-x-5 gap-y-1 text-sm text-stone-700 print:text-xs">
          {legend.map((item) => (
            <li key={item.key} className="flex items-center gap-2">
              <Swatch style={item.style} />
              <span>
                {item.label}
                <span className="sr-only">: {item.style.style}</span>
              </span>
            </li>
          ))}
        </ul>
      </div>

      <div className="relative overflow-x-auto print:overflow-visible">
        <table className="w-full border-collapse text-left text-xs sm:text-sm print:text-xs">
          <caption className="mb-2 text-left font-semibold text-stone-800">{caption}</caption>
          <thead>
            <tr className="border-b-2 border-stone-300">
              <th scope="col" className="py-2 pr-1.5 sm:pr-3 font-semibold">
                Area
              </th>
              <th scope="col" className="py-2 pr-1.5 sm:pr-3 font-semibold">
                Baseline
              </th>
              <th scope="col" className="py-2 pr-1.5 sm:pr-3 font-semibold">
                Latest
              </th>
              <th scope="col" className="py-2 font-semibold">
                Target
              </th>
            </tr>
          </thead>
          <tbody>
            {areas.map((area) => (
              <tr key={area.name} className="border-b border-stone-200 align-top">
                <th scope="row" className="py-2 pr-1.5 sm:pr-3 font-medium">
                  {area.name}
                </th>
                <td className="py-2 pr-1.5 sm:pr-3">{area.baseline?.name ?? <span className="text-stone-500">Not rated</span>}</td>
                <td className="py-2 pr-1.5 sm:pr-3">{area.latest?.name ?? <span className="text-stone-500">Not rated</span>}</td>
                <td className="py-2">{area.target?.name ?? <span className="text-stone-500">No target</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
