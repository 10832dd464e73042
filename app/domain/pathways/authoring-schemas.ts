/**
 * Forms for authoring pathways (details, one step, publishing), shared by the
 * browser and the server. Client-safe.
 *
 * Form values arrive through Conform's `parseWithZod`, which turns empty
 * fields into `undefined` and numbers typed as text into numbers. The areas
 * and stages a step may name come from the current framework version, which
 * only the server knows: the schema checks their shape, the domain checks
 * that they exist.
 */
import { z } from "zod";
import { Background, PathwayKind, RoleArchetype } from "~/generated/prisma/enums";
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

/** Lowercase letters, digits and single hyphens: "Planning a CME activity!" → "planning-a-cme-activity". */
export function slugify(text: string, max = SLUG_MAX): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, max)
    .replace(/-+$/, "");
}

const title = z
  .string({ error: "Enter a title" })
  .trim()
  .min(TITLE_MIN, `Use at least ${TITLE_MIN} characters`)
  .max(TITLE_MAX, `Use at most ${TITLE_MAX} characters`);

export const slugSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(SLUG_MIN, { error: `Use at least ${SLUG_MIN} characters`, abort: true })
  .max(SLUG_MAX, { error: `Use at most ${SLUG_MAX} characters`, abort: true })
  .regex(/^[a-z0-9-]+$/, { error: "Use only lowercase letters, numbers and hyphens", abort: true })
  .regex(/^[a-z0-9](.*[a-z0-9])?$/, { error: "Start and end with a letter or a number", abort: true })
  .refine((slug) => !RESERVED_SLUGS.has(slug), "That address is taken by another page: choose another");

const chooseOne = { error: "Choose one of the options in the list" };

/** A pathway's details: the create form and the details form on the edit page. */
export const pathwayDetailsSchema = z.object({
  title,
  /** Optional when creating: made from the title. */
  slug: slugSchema.optional(),
  summary: z
    .string({ error: "Say in a sentence or two who the pathway is for and where it leads" })
    .trim()
    .min(10, "Say in a sentence or two who the pathway is for and where it leads")
    .max(SUMMARY_MAX, `Keep the summary to ${SUMMARY_MAX.toLocaleString("en-US")} characters or fewer`),
  kind: z.enum(PathwayKind, { error: "Choose what kind of pathway this is" }),
  roleArchetypes: z.array(z.enum(RoleArchetype, chooseOne)).default([]),
  backgrounds: z.array(z.enum(Background, chooseOne)).default([]),
});
export type PathwayDetailsInput = z.output<typeof pathwayDetailsSchema>;

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

/** Stored resources, read defensively (the column is JSON). */
export const storedResourcesSchema = z
  .array(z.object({ label: z.string(), url: z.string() }))
  .catch([]);

/**
 * One step. Areas arrive as one select per area of the current framework,
 * named `areas.<area-slug>`, whose value is the stage the step builds toward
 * (empty: the step does not build that area).
 */
export const stepFormSchema = z.object({
  title,
  body: z
    .string({ error: "Describe what to do, why it matters and the common pitfalls" })
    .trim()
    .min(20, "Describe what to do, why it matters and the common pitfalls (at least 20 characters)")
    .max(BODY_MAX, `Keep the step to ${BODY_MAX.toLocaleString("en-US")} characters or fewer`),
  resources: z
    .string()
    .max(RESOURCES_MAX * 400, "That is too long")
    .optional()
    .transform((text, ctx) => {
      const { resources, problems } = parseResourceLines(text);
      for (const message of problems) ctx.addIssue({ code: "custom", message });
      return resources;
    }),
  effortMinutes: z
    .number({ error: "Enter the time it takes in minutes, like 30" })
    .int("Enter a whole number of minutes")
    .min(1, "Enter at least 1 minute")
    .max(EFFORT_MAX, `Enter at most ${EFFORT_MAX.toLocaleString("en-US")} minutes (100 hours)`),
  areas: z
    .record(z.string(), z.string().optional())
    .optional()
    .transform((record) =>
      Object.entries(record ?? {})
        .filter((entry): entry is [string, string] => typeof entry[1] === "string" && entry[1] !== "")
        .map(([areaSlug, stageSlug]) => ({ areaSlug, stageSlug })),
    )
    .pipe(z.array(z.object({ areaSlug: z.string(), stageSlug: z.string() })).min(1, "Choose at least one competency area this step builds")),
});
export type StepFormInput = z.output<typeof stepFormSchema>;

export const moveSchema = z.object({
  stepId: z.string().min(1),
  direction: z.enum(["up", "down"]),
});
