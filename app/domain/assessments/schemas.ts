/** Assessment forms: shared by the browser and the server. */
import { z } from "zod";
import { MAX_LINKS } from "./constants";

export { MAX_LINKS };

export const stepSchema = z.object({
  intent: z.enum(["save", "back", "review"]).default("save"),
  stage: z.string({ error: "Choose the stage that describes you today" }).min(1, "Choose the stage that describes you today"),
  target: z.string().optional(),
  evidence: z.string().max(5000, "Keep evidence notes under 5,000 characters").optional(),
  links: z
    .string()
    .optional()
    .transform((value) =>
      (value ?? "")
        .split(/\s+/)
        .map((link) => link.trim())
        .filter(Boolean),
    )
    .pipe(
      z
        .array(z.url({ protocol: /^https$/, error: "Each link must be a full web address starting with https://" }))
        .max(MAX_LINKS, `Add at most ${MAX_LINKS} links`),
    ),
});

export type StepInput = z.infer<typeof stepSchema>;

const HTTPS_ONLY = "Each link must be a full web address starting with https://";

/**
 * The step form (/me/assessment/step/:step): the domain's step schema, with
 * links held to https: the domain's own check still lets http:// through.
 */
export const stepFormSchema = stepSchema.refine(
  (value) => !Array.isArray(value.links) || value.links.every((link) => /^https:\/\//i.test(link)),
  { path: ["links"], message: HTTPS_ONLY },
);
export type StepFormInput = z.input<typeof stepFormSchema>;
export type StepFormOutput = z.output<typeof stepFormSchema>;

const CONFIRM_DISCARD = "Tick “Yes, discard this draft” if you are sure";

/** Discarding a draft (/me/assessment/review): the box must be ticked. */
export const discardDraftSchema = z.object({
  intent: z.literal("discard"),
  confirm: z.literal("yes", { error: CONFIRM_DISCARD }),
});
