/**
 * What the pathway authoring pages need at render time: limits, the kind and
 * status labels, and resources written one per line.
 * Zod-free, so pages can import it without the validator
 * (docs/decisions/0009); authoring-schemas.ts re-exports all of this.
 */
import type { PathwayKind } from "~/generated/prisma/enums";
import type { Option } from "~/domain/members/profile-options";

export const TITLE_MIN = 3;
export const TITLE_MAX = 120;
export const SLUG_MIN = 3;
export const SLUG_MAX = 60;
export const SUMMARY_MAX = 2000;
export const BODY_MAX = 20_000;
export const RESOURCES_MAX = 10;
export const RESOURCE_LABEL_MAX = 120;
export const EFFORT_MAX = 6000;

/** Words that are pages of their own under /pathways/. */
export const RESERVED_SLUGS = new Set(["new"]);

export const PATHWAY_KIND_LABELS: Record<PathwayKind, string> = {
  ONBOARDING: "Onboarding",
  CAREER: "Career growth",
  CREDENTIAL: "Credential preparation",
};
export const PATHWAY_KIND_OPTIONS: Option<PathwayKind>[] = Object.entries(PATHWAY_KIND_LABELS).map(
  ([value, label]) => ({ value: value as PathwayKind, label }),
);

export const PATHWAY_STATUS_LABELS = { DRAFT: "Draft", PUBLISHED: "Published" } as const;

export type Resource = { label: string; url: string };

/** Resources are written one per line: "Label | https://…". Blank lines are ignored. */
export function parseResourceLines(text: string | undefined): { resources: Resource[]; problems: string[] } {
  const resources: Resource[] = [];
  const problems: string[] = [];
  const lines = (text ?? "").split(/\r?\n/);
  lines.forEach((raw, index) => {
    const line = raw.trim();
    if (!line) return;
    const where = `Line ${index + 1}`;
    const bar = line.lastIndexOf("|");
    if (bar < 0) {
      problems.push(`${where}: write a label, then a bar, then the address, like “Guide | https://example.org/guide”`);
      return;
    }
    const label = line.slice(0, bar).trim().replace(/\s+/g, " ");
    const url = line.slice(bar + 1).trim();
    if (!label) problems.push(`${where}: add a label before the bar`);
    else if (label.length > RESOURCE_LABEL_MAX) problems.push(`${where}: keep the label to ${RESOURCE_LABEL_MAX} characters`);
    else if (!isHttpsUrl(url)) problems.push(`${where}: the address must be a full web address starting with https://`);
    else resources.push({ label, url });
  });
  if (resources.length > RESOURCES_MAX) problems.push(`List at most ${RESOURCES_MAX} resources`);
  return { resources, problems };
}

/** Stored resources back into the form's lines. */
export function formatResourceLines(resources: readonly Resource[]): string {
  return resources.map((resource) => `${resource.label} | ${resource.url}`).join("\n");
}

function isHttpsUrl(text: string): boolean {
  if (/\s/.test(text)) return false;
  try {
    const url = new URL(text);
    return url.protocol === "https:" && url.hostname.includes(".");
  } catch {
    return false;
  }
}
