/**
 * A radar chart of stages per competency area, drawn as plain SVG on the
 * server (no chart library, no client JavaScript), with the same data in a
 * table beside it. Three series — baseline, latest, target — differ in colour,
 * line style and point shape, so the chart reads without colour and in print.
 * Missing values (an unrated area, no target) leave a gap in that series'
 * line instead of a made-up point.
 */
import { useId } from "react";

export interface RadarStage {
  position: number;
  name: string;
}

export interface RadarArea {
  name: string;
  baseline: RadarStage | null;
  latest: RadarStage | null;
  target: RadarStage | null;
}

type SeriesKey = "baseline" | "latest" | "target";

const SERIES: Record<
  SeriesKey,
  { colour: string; dash?: string; width: number; marker: "square" | "circle" | "diamond"; style: string; fill?: string }
> = {
  // Stone 600: dashed, hollow squares.
  baseline: { colour: "#57534e", dash: "6 4", width: 2, marker: "square", style: "dashed line, square points" },
  // Brand 700: solid, filled circles, a light fill.
  latest: { colour: "#115e59", width: 2.5, marker: "circle", style: "solid line, round points", fill: "#115e59" },
  // Amber 700: dotted, hollow diamonds.
  target: { colour: "#b45309", dash: "0.5 5", width: 3, marker: "diamond", style: "dotted line, diamond points" },
};

const RADIUS = 100;
const LABEL_RADIUS = RADIUS + 12;
const FONT = 14;
const LINE_HEIGHT = 16;
const WRAP = 11;

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

function Marker({ kind, x, y, colour }: { kind: "square" | "circle" | "diamond"; x: number; y: number; colour: string }) {
  if (kind === "circle") return <circle cx={round(x)} cy={round(y)} r={4.5} fill={colour} stroke="#fff" strokeWidth={1.5} />;
  if (kind === "square") {
    return <rect x={round(x - 3.5)} y={round(y - 3.5)} width={7} height={7} fill="#fff" stroke={colour} strokeWidth={2} />;
  }
  const s = 5;
  return (
    <polygon
      points={`${round(x)},${round(y - s)} ${round(x + s)},${round(y)} ${round(x)},${round(y + s)} ${round(x - s)},${round(y)}`}
      fill="#fff"
      stroke={colour}
      strokeWidth={2}
    />
  );
}

function Series({ areas, series, stageCount }: { areas: RadarArea[]; series: SeriesKey; stageCount: number }) {
  const { colour, dash, width, marker, fill } = SERIES[series];
  const points = areas.map((area, index) => {
    const value = area[series]?.position;
    if (value == null) return null;
    return point(index, areas.length, (RADIUS * Math.min(Math.max(value, 0), stageCount)) / stageCount);
  });
  const complete = points.every((p) => p !== null);
  // With every value present, one closed shape; otherwise only the edges between two known points.
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
function Swatch({ series }: { series: SeriesKey }) {
  const { colour, dash, width, marker } = SERIES[series];
  return (
    <svg viewBox="0 0 36 12" width="36" height="12" aria-hidden="true" className="shrink-0">
      <line x1="2" y1="6" x2="34" y2="6" stroke={colour} strokeWidth={width} strokeDasharray={dash} strokeLinecap="round" />
      <Marker kind={marker} x={18} y={6} colour={colour} />
    </svg>
  );
}

function summarise(areas: RadarArea[], stages: string[], baselineIsLatest: boolean): string {
  const parts = [
    `A radar chart of ${areas.length} competency ${areas.length === 1 ? "area" : "areas"}, each on a scale of ${stages.length} stages, from ${stages[0] ?? "the first stage"} at the centre to ${stages.at(-1) ?? "the last stage"} at the edge.`,
    baselineIsLatest
      ? "It shows your latest stages (which are also your baseline) as a solid line and your targets as a dotted line."
      : "It shows your baseline as a dashed line, your latest stages as a solid line and your targets as a dotted line.",
  ];
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
  parts.push("The table beside the chart lists every value.");
  return parts.join(" ");
}

export function RadarChart({
  title,
  caption,
  areas,
  stages,
  labels,
  baselineIsLatest = false,
}: {
  /** The chart's accessible name. */
  title: string;
  /** The table's caption (say which assessments the columns come from). */
  caption: string;
  areas: RadarArea[];
  /** Stage names by position: stages[0] is stage 1 (the centre ring's first step). */
  stages: string[];
  /** Legend labels, for example "Baseline (January 5, 2026)". */
  labels: Record<SeriesKey, string>;
  /** With a single assessment the baseline line would hide under the latest one: leave it out of the drawing. */
  baselineIsLatest?: boolean;
}) {
  const id = useId();
  const titleId = `${id}-title`;
  const descId = `${id}-desc`;
  const stageCount = Math.max(stages.length, 1);
  const drawn: SeriesKey[] = baselineIsLatest ? ["target", "latest"] : ["baseline", "target", "latest"];
  const ring = (k: number) =>
    areas.length >= 3
      ? areas
          .map((_, index) => {
            const p = point(index, areas.length, (RADIUS * k) / stageCount);
            return `${round(p.x)},${round(p.y)}`;
          })
          .join(" ")
      : null;

  return (
    <div className="grid items-start gap-6 lg:grid-cols-2 print:grid-cols-[2fr_3fr] print:gap-4">
      <div className="mx-auto w-full max-w-md">
        <svg
          role="img"
          aria-labelledby={titleId}
          aria-describedby={descId}
          viewBox="-215 -170 430 340"
          width="100%"
          className="h-auto w-full overflow-visible"
          fontFamily="inherit"
        >
          <title id={titleId}>{title}</title>
          <desc id={descId}>{summarise(areas, stages, baselineIsLatest)}</desc>

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

          {/* Stage names up the first axis, with a white halo; the series are drawn over them. */}
          <g fontSize={11} fill="#44403c" stroke="#fff" strokeWidth={3} paintOrder="stroke" strokeLinejoin="round">
            {stages.map((name, index) => (
              <text key={index} x={5} y={round(-(RADIUS * (index + 1)) / stageCount + 11)}>
                {name}
              </text>
            ))}
          </g>

          {drawn.map((series) => (
            <Series key={series} areas={areas} series={series} stageCount={stageCount} />
          ))}

          {/* Area names around the edge. */}
          <g fontSize={FONT} fill="#1c1917" fontWeight={600}>
            {areas.map((area, index) => {
              const p = point(index, areas.length, LABEL_RADIUS);
              const lines = wrap(area.name);
              const anchor = p.cos > 0.3 ? "start" : p.cos < -0.3 ? "end" : "middle";
              // Above the chart the block grows upwards; beside it, it centres on the axis; below, it grows downwards.
              const firstY =
                p.sin < -0.3
                  ? p.y - (lines.length - 1) * LINE_HEIGHT
                  : p.sin > 0.3
                    ? p.y + FONT * 0.8
                    : p.y - ((lines.length - 1) * LINE_HEIGHT) / 2 + FONT * 0.35;
              return (
                <text key={area.name} textAnchor={anchor} x={round(p.x)} y={round(firstY)}>
                  {lines.map((line, lineIndex) => (
                    <tspan key={lineIndex} x={round(p.x)} dy={lineIndex === 0 ? 0 : LINE_HEIGHT}>
                      {line}
                    </tspan>
                  ))}
                </text>
              );
            })}
          </g>
        </svg>

        <ul className="mt-3 flex flex-wrap justify-center gap-x-5 gap-y-1 text-sm text-stone-700">
          {(["baseline", "latest", "target"] as const)
            .filter((series) => drawn.includes(series))
            .map((series) => (
              <li key={series} className="flex items-center gap-2">
                <Swatch series={series} />
                <span>
                  {labels[series]}
                  <span className="sr-only">: {SERIES[series].style}</span>
                </span>
              </li>
            ))}
        </ul>
      </div>

      <div className="overflow-x-auto print:overflow-visible">
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
