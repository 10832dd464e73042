import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { LABEL_RADIUS, RADIUS, RadarChart, type RadarArea } from "./radar-chart";

const STAGES = ["Novice", "Advanced beginner", "Competent", "Proficient", "Expert"];
const stage = (position: number) => ({ position, name: STAGES[position - 1]! });
const NAMES = [
  "Educational needs assessment and gap analysis",
  "Learning science",
  "Outcomes measurement and evaluation",
  "Partnership and collaboration across professions",
  "Accreditation standards",
  "Leadership",
];
// Every area rated at the outer ring: the data reaches as far out as it can.
const areas: RadarArea[] = NAMES.map((name, index) => ({
  slug: `area-${index}`,
  name,
  baseline: stage(5),
  latest: stage(5),
  target: stage(5),
}));

function render(reviewers = [] as Parameters<typeof RadarChart>[0]["reviewers"]) {
  return renderToStaticMarkup(
    <RadarChart
      title="Stages by area"
      caption="Stages by area"
      areas={areas}
      stages={STAGES}
      labels={{ baseline: "Baseline", latest: "Latest", target: "Target" }}
      reviewers={reviewers}
    />,
  );
}

const group = (markup: string, attribute: string) => {
  const start = markup.indexOf(attribute);
  expect(start).toBeGreaterThan(-1);
  return { start, markup: markup.slice(start, markup.indexOf("</g>", start)) };
};

describe("the radar chart", () => {
  it("puts every area name outside the outer ring, inside the viewBox, and over the data", () => {
    const markup = render();
    const [left, top, width, height] = /viewBox="([^"]+)"/.exec(markup)![1]!.split(" ").map(Number) as [number, number, number, number];
    const labels = group(markup, 'data-labels="areas"');
    const positions = [...labels.markup.matchAll(/<tspan x="([-\d.]+)" dy="([-\d.]+)"/g)];
    const firstLines = [...labels.markup.matchAll(/<text[^>]* x="([-\d.]+)" y="([-\d.]+)"/g)];
    expect(firstLines).toHaveLength(NAMES.length);
    for (const [, x, y] of firstLines) {
      const distance = Math.hypot(Number(x), Number(y));
      expect(distance).toBeGreaterThan(RADIUS);
      expect(Number(x)).toBeGreaterThanOrEqual(left);
      expect(Number(x)).toBeLessThanOrEqual(left + width);
      expect(Number(y)).toBeGreaterThanOrEqual(top);
      expect(Number(y)).toBeLessThanOrEqual(top + height);
    }
    expect(positions.length).toBeGreaterThan(NAMES.length); // long names wrap
    expect(LABEL_RADIUS).toBeGreaterThan(RADIUS);
    // Labels are drawn after the data, so no line covers them.
    const data = group(markup, 'data-series="data"');
    expect(data.start).toBeLessThan(labels.start);
    expect(data.start).toBeLessThan(group(markup, 'data-labels="rings"').start);
  });

  it("draws each reviewer as a series of its own, named in the legend with its line in words", () => {
    const without = render();
    const markup = render([
      { id: "r1", label: "Dr Ada Reviewer, January 5, 2026", stages: { "area-0": stage(3), "area-1": stage(4), "area-2": stage(2) } },
      { id: "r2", label: "Sam Peer, February 9, 2026", stages: { "area-0": stage(2) } },
    ]);
    // The first reviewer's three consecutive areas: two edges and three triangle points, in their own colour.
    expect(markup.match(/stroke="#6d28d9"/g)?.length).toBeGreaterThanOrEqual(4);
    // The second rated one area only: a point (a cross), no made-up line.
    expect(markup).toContain('stroke="#075985"');
    expect(without).not.toContain('stroke="#6d28d9"');
    const legend = /<ul aria-label="Legend"[^>]*>(.*?)<\/ul>/.exec(markup)![1]!.replace(/<[^>]+>/g, "|");
    expect(legend).toContain("Reviewer: Dr Ada Reviewer, January 5, 2026");
    expect(legend).toContain(": dash-dot line, triangle points");
    expect(legend).toContain("Reviewer: Sam Peer, February 9, 2026");
    expect(legend).toContain(": long-dashed line, cross points");
    expect(markup).toMatch(/<desc[^>]*>[^<]*the ratings of 2 reviewers, each as a line of its own/);
  });
});
