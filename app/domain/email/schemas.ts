/** The email preferences form: shared by the browser (Conform) and the server. */
import { z } from "zod";
import { EMAIL_FREQUENCIES } from "./constants";

export * from "./constants";

export const emailPreferencesSchema = z.object({
  frequency: z.enum(EMAIL_FREQUENCIES, { error: "Choose how often we may email you" }),
});
