/** Assessment step form: shared by the browser and the server. */
import { z } from "zod";

export const MAX_LINKS = 5;

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
