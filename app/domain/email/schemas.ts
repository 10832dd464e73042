/** The email preferences form: shared by the browser (Conform) and the server. */
import { z } from "zod";
import { EMAIL_FREQUENCIES } from "./constants";

export * from "./constants";

export const emailPreferencesSchema = z.object({
  frequency: z.enum(EMAIL_FREQUENCIES, { error: "Choose how often we may email you" }),
});

/** Mailing-list mode (Settings → Email): a checkbox, "on" when ticked. */
export const mailingListSchema = z.object({
  mailingList: z
    .literal("on", { error: "Tick the box or leave it empty" })
    .optional()
    .transform((value) => value === "on"),
});
