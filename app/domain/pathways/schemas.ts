/**
 * Pathways as documents and as forms: the content files' front matter
 * (content/pathways/<slug>/pathway.md and steps/NN-key.md), a step's
 * resources, the step-completion form, and the labels people read.
 * Client-safe: shared by the seed, the domain and the route modules; pages
 * import what they show from the zod-free ./constants.
 */
import { z } from "zod";
import { PATHWAY_KINDS, REFLECTION_MAX } from "./constants";
import type { RoleArchetype } from "~/generated/prisma/enums";

// Kinds, labels and formatting live in the zod-free ./constants (pages import them from there).
export * from "./constants";

const ROLE_ARCHETYPES = [
  "ACCREDITATION_SPECIALIST",
  "PROGRAM_DEVELOPER",
  "MEDICAL_EDUCATION_TECHNOLOGIST",
  "ACADEMIC_CME_LEADER",
  "OUTCOMES_EVALUATION",
  "GRANTS_COMMERCIAL_SUPPORT",
  "OTHER",
] as const satisfies readonly RoleArchetype[];
const BACKGROUNDS = ["CLINICAL", "ADMINISTRATIVE", "MEETING_PLANNING", "EDUCATION", "OTHER"] as const;

export const slugSchema = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "must be lowercase letters, digits and single hyphens (like join-a-community)");

const httpsUrl = z
  .string()
  .trim()
  .max(500, "must be at most 500 characters")
  .refine((value) => {
    try {
      return new URL(value).protocol === "https:";
    } catch {
      return false;
    }
  }, "must be a full web address starting with https://");

/** A step's resource link, as stored in PathwayStep.resources. */
export const resourceSchema = z.object({
  label: z.string().trim().min(1, "is required").max(160),
  url: httpsUrl,
});
export type Resource = z.infer<typeof resourceSchema>;

/** The stored resources column, read defensively: anything malformed is left out. */
export function readResources(value: unknown): Resource[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item) => {
    const parsed = resourceSchema.safeParse(item);
    return parsed.success ? [parsed.data] : [];
  });
}

export const pathwayFrontMatterSchema = z.object({
  slug: slugSchema,
  title: z.string().trim().min(1, "is required").max(120),
  kind: z.enum(PATHWAY_KINDS, { error: "must be ONBOARDING, CAREER or CREDENTIAL" }),
  roleArchetypes: z.array(z.enum(ROLE_ARCHETYPES)).default([]),
  backgrounds: z.array(z.enum(BACKGROUNDS)).default([]),
});

export const stepFrontMatterSchema = z.object({
  key: slugSchema,
  title: z.string().trim().min(1, "is required").max(160),
  effortMinutes: z.number().int().min(5, "must be at least 5 minutes").max(6000),
  areas: z
    .array(z.object({ area: slugSchema, stage: slugSchema }))
    .min(1, "needs at least one competency area the step builds"),
  resources: z.array(resourceSchema).max(12).default([]),
  tool: z.enum(["ACTIVITY_PLANNER"]).nullable().default(null),
});

export const pathwayDocumentSchema = pathwayFrontMatterSchema
  .extend({
    summary: z.string().trim().min(1, "is required (the body of pathway.md)"),
    steps: z
      .array(stepFrontMatterSchema.extend({ body: z.string().trim().min(1, "is required (the body of the step file)") }))
      .min(1, "needs at least one step"),
  })
  .superRefine((doc, ctx) => {
    const seen = new Set<string>();
    doc.steps.forEach((step, index) => {
      if (seen.has(step.key)) ctx.addIssue({ code: "custom", path: ["steps", index, "key"], message: `duplicate step key "${step.key}"` });
      seen.add(step.key);
      const areas = new Set<string>();
      step.areas.forEach((entry, areaIndex) => {
        if (areas.has(entry.area)) {
          ctx.addIssue({ code: "custom", path: ["steps", index, "areas", areaIndex], message: `area "${entry.area}" is listed twice` });
        }
        areas.add(entry.area);
      });
    });
  });

export type PathwayDocument = z.infer<typeof pathwayDocumentSchema>;

/** The "complete this step" form. */
export const completionSchema = z.object({
  intent: z.literal("complete"),
  reflection: z
    .string({ error: "Write a sentence or two about what you did or learned" })
    .trim()
    .min(1, "Write a sentence or two about what you did or learned")
    .max(REFLECTION_MAX, `Keep your reflection under ${REFLECTION_MAX} characters`),
  evidenceUrl: z
    .string()
    .trim()
    .max(500, "Keep the link under 500 characters")
    .refine((value) => {
      try {
        return new URL(value).protocol === "https:";
      } catch {
        return false;
      }
    }, "Enter a full web address starting with https://")
    .optional(),
  activityPlanId: z.string().trim().max(64).optional(),
});
export type CompletionInput = z.infer<typeof completionSchema>;
