/**
 * Association forms and their words: one schema per form, shared by the
 * browser (Conform's client validation) and the server. The limits,
 * choices and labels are in ./constants (re-exported here).
 *
 * Form values arrive through Conform's `parseWithZod`, which turns empty
 * fields into `undefined`.
 */
import { z } from "zod";
import {
  CATEGORY_DESCRIPTION_MAX,
  CATEGORY_NAME_MAX,
  DECLINE_REASON_MAX,
  DESCRIPTION_MAX,
  INVITATION_BATCH_MAX,
  INVITATION_DAY_CHOICES,
  INVITATION_LABEL_MAX,
  NAME_MAX,
  REQUEST_MESSAGE_MAX,
  RESERVED_SLUGS,
  SLUG_MAX,
  SLUG_MIN,
  splitAddresses,
  WEBSITE_MAX,
  type CategoryVisibilityName,
} from "./constants";
import { singleLine } from "~/utils/text";

export * from "./constants";

const nameSchema = z
  .string({ error: "Enter the association’s name" })
  .overwrite(singleLine)
  .trim()
  .min(3, "Use at least 3 characters")
  .max(NAME_MAX, `Use at most ${NAME_MAX} characters`);

export const slugSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(SLUG_MIN, { error: `Use at least ${SLUG_MIN} characters`, abort: true })
  .max(SLUG_MAX, { error: `Use at most ${SLUG_MAX} characters`, abort: true })
  .regex(/^[a-z0-9-]+$/, { error: "Use only lowercase letters, numbers and hyphens", abort: true })
  .regex(/^[a-z0-9](.*[a-z0-9])?$/, { error: "Start and end with a letter or a number", abort: true })
  .refine((slug) => !slug.includes("--"), { error: "Use single hyphens", abort: true })
  .refine((slug) => !RESERVED_SLUGS.includes(slug), "That address is reserved: choose another");

const descriptionSchema = z
  .string({ error: "Say in a sentence or two what the association is for" })
  .trim()
  .min(10, "Write at least 10 characters")
  .max(DESCRIPTION_MAX, `Keep it under ${DESCRIPTION_MAX.toLocaleString("en-US")} characters`);

const websiteSchema = z
  .string()
  .trim()
  .max(WEBSITE_MAX, `Use at most ${WEBSITE_MAX} characters`)
  .refine((value) => {
    try {
      const url = new URL(value);
      return url.protocol === "https:" && url.hostname.includes(".");
    } catch {
      return false;
    }
  }, "Enter a full address starting with https://, for example https://example.org")
  .optional();

const joinPolicySchema = z.enum(["OPEN", "APPROVAL", "INVITE"], { error: "Choose how people join" });

/** Details an owner can edit later (the address is fixed: links and the forum use it). */
export const associationDetailsSchema = z.object({
  name: nameSchema,
  description: descriptionSchema,
  website: websiteSchema,
  joinPolicy: joinPolicySchema,
});
export type AssociationDetails = z.infer<typeof associationDetailsSchema>;

/** The create form: the details plus the address (empty → made from the name). */
export const createAssociationSchema = associationDetailsSchema.extend({ slug: slugSchema.optional() });
export type CreateAssociationInput = z.infer<typeof createAssociationSchema>;

export const joinRequestSchema = z.object({
  intent: z.literal("request"),
  message: z.string().trim().max(REQUEST_MESSAGE_MAX, `Keep it under ${REQUEST_MESSAGE_MAX} characters`).optional(),
});

export const decideRequestSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("approve"), requestId: z.string().min(1) }),
  z.object({
    intent: z.literal("decline"),
    requestId: z.string().min(1),
    reason: z.string().trim().max(DECLINE_REASON_MAX, `Keep it under ${DECLINE_REASON_MAX} characters`).optional(),
  }),
]);

const addressSchema = z.email().max(254);

/** The invitation form's addresses: none (a link to send yourself), or up to INVITATION_BATCH_MAX, each named when it is not an address. */
const invitationAddressesSchema = z
  .string()
  .max(INVITATION_BATCH_MAX * 260, `Enter at most ${INVITATION_BATCH_MAX} addresses at once`)
  .optional()
  .transform((text) => splitAddresses(text ?? ""))
  .superRefine((addresses, ctx) => {
    const bad = addresses.filter((address) => !addressSchema.safeParse(address).success);
    if (bad.length > 0) {
      const listed = bad.slice(0, 5).join(", ") + (bad.length > 5 ? ` and ${bad.length - 5} more` : "");
      ctx.addIssue({
        code: "custom",
        message:
          bad.length === 1
            ? `“${listed}” is not an email address: fix or remove it (for example name@example.org)`
            : `These are not email addresses: ${listed}. Fix or remove them (for example name@example.org)`,
      });
    }
    if (addresses.length > INVITATION_BATCH_MAX) {
      ctx.addIssue({
        code: "custom",
        message: `Enter at most ${INVITATION_BATCH_MAX} addresses at once (you entered ${addresses.length}); send the rest in another round`,
      });
    }
  });

export const invitationSchema = z.object({
  intent: z.literal("create"),
  emails: invitationAddressesSchema,
  label: z
    .string()
    .overwrite(singleLine)
    .trim()
    .max(INVITATION_LABEL_MAX, `Keep the note under ${INVITATION_LABEL_MAX} characters`)
    .optional(),
  days: z.coerce
    .number({ error: "Choose how long the link works" })
    .refine(
      (days) => (INVITATION_DAY_CHOICES as readonly number[]).includes(days),
      "Choose one of the periods offered",
    ),
});
export type InvitationInput = z.infer<typeof invitationSchema>;

const categoryFields = {
  name: z
    .string({ error: "Enter the category’s name" })
    .overwrite(singleLine)
    .trim()
    .min(2, "Use at least 2 characters")
    .max(CATEGORY_NAME_MAX, `Use at most ${CATEGORY_NAME_MAX} characters`),
  description: z
    .string()
    .trim()
    .max(CATEGORY_DESCRIPTION_MAX, `Keep it under ${CATEGORY_DESCRIPTION_MAX} characters`)
    .optional(),
  visibility: z.enum(["PUBLIC", "MEMBERS", "ASSOCIATION"], { error: "Choose who can read it" }),
};

export const createCategorySchema = z.object({ intent: z.literal("add-category"), ...categoryFields });
export const editCategorySchema = z.object({
  intent: z.literal("edit-category"),
  categoryId: z.string().min(1),
  ...categoryFields,
});
export type CategoryInput = { name: string; description?: string; visibility: CategoryVisibilityName };
