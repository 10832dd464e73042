/**
 * The shape of a competency framework version as a document: what content/
 * holds as Markdown with front matter, and what import/export use as JSON.
 */
import { z } from "zod";

export const slugSchema = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "must be lowercase letters, digits and single hyphens (like adult-learning)");

export const stageSchema = z.object({
  slug: slugSchema,
  name: z.string().trim().min(1, "is required").max(60),
  summary: z.string().trim().min(1, "is required").max(400),
});

export const frameworkFrontMatterSchema = z.object({
  slug: slugSchema,
  name: z.string().trim().min(1, "is required").max(120),
  version: z.union([z.string(), z.number()]).transform(String).pipe(z.string().trim().min(1).max(40)),
  publisher: z.string().trim().min(1, "is required").max(120),
  releasedOn: z.coerce.date().optional(),
  attribution: z.string().trim().min(1, "is required (say whose framework this is and where it comes from)").max(1000),
  sourceUrl: z.url().optional(),
  stages: z.array(stageSchema).min(2, "needs at least two stages").max(10),
});

export const areaFrontMatterSchema = z.object({
  slug: slugSchema,
  name: z.string().trim().min(1, "is required").max(120),
  position: z.number().int().positive(),
  descriptors: z.record(z.string(), z.string().trim().min(1, "must not be empty").max(600)),
});

export const frameworkDocumentSchema = frameworkFrontMatterSchema
  .extend({
    introduction: z.string().trim().min(1, "is required"),
    areas: z
      .array(
        areaFrontMatterSchema.extend({
          summary: z.string().trim().min(1, "is required"),
        }),
      )
      .min(1, "needs at least one area"),
  })
  .superRefine((doc, ctx) => {
    const stageSlugs = doc.stages.map((stage) => stage.slug);
    reportDuplicates(stageSlugs, ["stages"], "stage slug", ctx);
    reportDuplicates(doc.areas.map((area) => area.slug), ["areas"], "area slug", ctx);
    reportDuplicates(doc.areas.map((area) => String(area.position)), ["areas"], "area position", ctx);
    doc.areas.forEach((area, index) => {
      const keys = Object.keys(area.descriptors);
      const missing = stageSlugs.filter((slug) => !keys.includes(slug));
      const unknown = keys.filter((key) => !stageSlugs.includes(key));
      if (missing.length > 0) {
        ctx.addIssue({
          code: "custom",
          path: ["areas", index, "descriptors"],
          message: `area "${area.slug}" has no descriptor for stage(s): ${missing.join(", ")}`,
        });
      }
      if (unknown.length > 0) {
        ctx.addIssue({
          code: "custom",
          path: ["areas", index, "descriptors"],
          message: `area "${area.slug}" describes unknown stage(s): ${unknown.join(", ")}`,
        });
      }
    });
  });

function reportDuplicates(values: string[], path: (string | number)[], label: string, ctx: z.RefinementCtx) {
  const seen = new Set<string>();
  for (const value of values) {
    if (seen.has(value)) ctx.addIssue({ code: "custom", path, message: `duplicate ${label} "${value}"` });
    seen.add(value);
  }
}

export type FrameworkDocument = z.infer<typeof frameworkDocumentSchema>;

/** Readable "where: what" lines for a failed parse. */
export function describeIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => {
    const where = issue.path.length > 0 ? issue.path.join(".") : "(document)";
    return `${where}: ${issue.message}`;
  });
}

// ─── Rights ──────────────────────────────────────────────────────────────────

/**
 * A version's rights as an administrator sets them (import form, version
 * page): open, or licensed to at least one association with an attribution
 * and the administrator's confirmation that the licensees hold the rights.
 */
export const rightsFormSchema = z
  .object({
    rights: z.enum(["OPEN", "LICENSED"], { message: "Choose whether the framework is open or licensed" }),
    licenseeIds: z.array(z.string().min(1)).max(50, "Choose at most 50 associations").default([]),
    rightsAttribution: z.string().trim().max(1000, "Keep the notice under 1,000 characters").default(""),
    confirmRights: z.literal("on").optional(),
  })
  .superRefine((value, ctx) => {
    if (value.rights !== "LICENSED") return;
    if (value.licenseeIds.length === 0) {
      ctx.addIssue({ code: "custom", path: ["licenseeIds"], message: "Choose the association or associations holding the licence" });
    }
    if (!value.rightsAttribution) {
      ctx.addIssue({ code: "custom", path: ["rightsAttribution"], message: "Say whose text this is and under what licence it is used" });
    }
    if (!value.confirmRights) {
      ctx.addIssue({ code: "custom", path: ["confirmRights"], message: "Confirm that the licensees hold the rights to this text" });
    }
  });

export type RightsFormInput = z.infer<typeof rightsFormSchema>;

/** The rights fields of a submitted form, ready for `rightsFormSchema`. */
export function rightsFormValues(formData: FormData) {
  return {
    // The form offers Open checked; a request without the field (an older client) imports an open version.
    rights: formData.get("rights") ?? "OPEN",
    licenseeIds: formData.getAll("licenseeIds").filter((value): value is string => typeof value === "string"),
    rightsAttribution: formData.get("rightsAttribution") ?? "",
    confirmRights: formData.get("confirmRights") ?? undefined,
  };
}
