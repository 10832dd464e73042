/**
 * Single sign-on forms: one schema per form, shared by the browser
 * (Conform's client validation) and the server. Empty fields arrive as
 * `undefined` (Conform's `parseWithZod`).
 */
import { z } from "zod";

export const DISPLAY_NAME_MAX = 60;
export const CLIENT_ID_MAX = 200;
export const CLIENT_SECRET_MAX = 500;
export const ISSUER_MAX = 300;

/** Provider slugs that would clash with the routes under /sso. */
export const RESERVED_PROVIDER_SLUGS = ["link"];

export const providerSchema = z.object({
  displayName: z
    .string({ error: "Enter the name members will see, such as your association's name" })
    .trim()
    .min(2, "Enter at least 2 characters")
    .max(DISPLAY_NAME_MAX, `At most ${DISPLAY_NAME_MAX} characters`),
  issuerUrl: z
    .string({ error: "Enter the provider's issuer URL" })
    .trim()
    .max(ISSUER_MAX, `At most ${ISSUER_MAX} characters`)
    .refine((value) => URL.canParse(value), "Enter a full URL, such as https://login.example.org"),
  clientId: z.string({ error: "Enter the client ID the provider gave you" }).trim().max(CLIENT_ID_MAX, `At most ${CLIENT_ID_MAX} characters`),
  clientSecret: z
    .string({ error: "Enter the client secret the provider gave you" })
    .max(CLIENT_SECRET_MAX, `At most ${CLIENT_SECRET_MAX} characters`),
  /** The association whose members sign in this way (they join it on first sign-in); none when empty. */
  associationSlug: z.string().trim().max(100).optional(),
});
export type ProviderInput = z.infer<typeof providerSchema>;

export const removeProviderSchema = z.object({ providerId: z.string().min(1).max(40) });

/** Linking a provider identity to an existing account with its password. */
export const confirmLinkSchema = z.object({
  password: z.string({ error: "Enter your CME Commons password" }).max(200),
});
