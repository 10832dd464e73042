/**
 * Association limits, choices and their words; zod-free, so pages can import
 * them without the validator (docs/decisions/0009). The form schemas live in
 * ./schemas, which re-exports all of this.
 */
import { slugify as slugifyText } from "~/utils/slug";
import type { AssociationRoleName } from "./policy";

export type JoinPolicyName = "OPEN" | "APPROVAL" | "INVITE";
export type CategoryVisibilityName = "PUBLIC" | "MEMBERS" | "ASSOCIATION";

export const NAME_MAX = 80;
export const SLUG_MIN = 3;
export const SLUG_MAX = 50;
export const DESCRIPTION_MAX = 5000;
export const WEBSITE_MAX = 200;
export const REQUEST_MESSAGE_MAX = 1000;
export const DECLINE_REASON_MAX = 1000;
export const INVITATION_LABEL_MAX = 80;
/** At most this many addresses in one invitation form (each gets its own link by email). */
export const INVITATION_BATCH_MAX = 50;

/**
 * The addresses typed in the invitation form: separated by commas, semicolons,
 * spaces or new lines, in lower case, each once, in the order given.
 */
export function splitAddresses(text: string): string[] {
  const seen = new Set<string>();
  for (const part of text.split(/[\s,;]+/)) {
    const address = part.trim().toLowerCase();
    if (address) seen.add(address);
  }
  return [...seen];
}
export const CATEGORY_NAME_MAX = 60;
export const CATEGORY_DESCRIPTION_MAX = 300;

/** Addresses taken by other pages (/associations/new) or by the site-wide forum (/forums/community). */
export const RESERVED_SLUGS: readonly string[] = ["community", "new"];

export const JOIN_POLICY_LABELS: Record<JoinPolicyName, string> = {
  OPEN: "Open: any member can join",
  APPROVAL: "By request: moderators approve each member",
  INVITE: "By invitation only",
};

export const JOIN_POLICY_OPTIONS = (Object.keys(JOIN_POLICY_LABELS) as JoinPolicyName[]).map((value) => ({
  value,
  label: JOIN_POLICY_LABELS[value],
}));

export const ROLE_LABELS: Record<AssociationRoleName, string> = {
  OWNER: "Owner",
  MODERATOR: "Moderator",
  MEMBER: "Member",
};

export const CATEGORY_VISIBILITY_LABELS: Record<CategoryVisibilityName, string> = {
  PUBLIC: "Everyone, including visitors",
  MEMBERS: "Signed-in members of CME Commons",
  ASSOCIATION: "Members of this association only",
};

/** The choices a forum offers: "association members only" exists only in an association's forum. */
export function categoryVisibilityOptions(isAssociationForum: boolean) {
  return (Object.keys(CATEGORY_VISIBILITY_LABELS) as CategoryVisibilityName[])
    .filter((value) => isAssociationForum || value !== "ASSOCIATION")
    .map((value) => ({ value, label: CATEGORY_VISIBILITY_LABELS[value] }));
}

export const INVITATION_DAY_CHOICES = [7, 14, 30] as const;
export const DEFAULT_INVITATION_DAYS = 14;

/** An association's (or a category's) slug from its name: "&" reads as "and" (app/utils/slug.ts). */
export function slugify(text: string, max = SLUG_MAX): string {
  return slugifyText(text, max, { ampersand: "and" });
}

/** What a category form did, for the notice shown after the redirect. */
export const CATEGORY_NOTICES = {
  "category-added": "The category was added at the end of the list.",
  "category-saved": "The category was saved. Its threads follow who can read it.",
  "category-moved": "The category was moved.",
  "category-deleted": "The category was deleted.",
} as const;
export type CategoryNotice = keyof typeof CATEGORY_NOTICES;
