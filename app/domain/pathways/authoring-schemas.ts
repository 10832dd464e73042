/**
 * Forms for authoring pathways (details, one step, publishing), shared by the
 * browser and the server. Client-safe; pages import what they show from the
 * zod-free ./authoring-constants and load these schemas lazily.
 *
 * Form values arrive through Conform's `parseWithZod`, which turns empty
 * fields into `undefined` and numbers typed as text into numbers. The areas
 * and stages a step may name come from the current framework version, which
 * only the server knows: the schema checks their shape, the domain checks
 * that they exist.
 */
import { z } from "zod";
import { Background, PathwayKind, RoleArchetype } from "~/generated/prisma/enums";
import {
  BODY_MAX,
  EFFORT_MAX,
  parseResourceLines,
  RESERVED_SLUGS,
  RESOURCES_MAX,
  SLUG_MAX,
  SLUG_MIN,
  SUMMARY_MAX,
  TITLE_MAX,
  TITLE_MIN,
} from "./authoring-constants";
import { singleLine } from "~/utils/text";

// Limits, labels and resource lines live in the zod-free
// ./authoring-constants (pages import them from there).
export * from "./authoring-constants";

const title = z
  .string({ error: "Enter a title" })
  .overwrite(singleLine)
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
