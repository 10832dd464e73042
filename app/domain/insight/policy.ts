/**
 * Who may see an association's insight, and the rule that keeps it
 * anonymous. Pure, safe on the client.
 *
 * - The association's owner and moderators see its insight, and so do site
 *   administrators (the same people who run the association).
 * - A figure built from members' self-assessments is shown only when at least
 *   INSIGHT_MIN_GROUP members contribute to it; otherwise it is left out and
 *   not even its group size is given. The number of contributors as a whole
 *   is given, so the page can say how many more are needed.
 */
import { canModerateAssociation, type Membership } from "~/domain/associations/policy";
import type { Actor } from "~/domain/members/actor";
import { isShownGroup, SMALLEST_GROUP_SHOWN } from "~/utils/small-groups";

/** The smallest group whose self-assessed stages may be shown together (the site's one rule, utils/small-groups.ts). */
export const INSIGHT_MIN_GROUP = SMALLEST_GROUP_SHOWN;

/** Why a figure is withheld: said once, with the withheld areas listed together (page and CSV alike). */
export const SUPPRESSED_TEXT = "Not enough members to show without identifying anyone";

/** See the association's insight dashboard and download its figures. */
export function canViewInsight(actor: Actor, membership: Membership): boolean {
  return canModerateAssociation(actor, membership);
}

/** Whether a figure built from `contributors` members' self-assessments may be shown. */
export const isLargeEnough: (contributors: number) => boolean = isShownGroup;

/** How many more contributors the self-assessment figures need before any can be shown (0 when there are enough). */
export function contributorsNeeded(contributors: number): number {
  return Math.max(INSIGHT_MIN_GROUP - contributors, 0);
}
