/**
 * The site's one anonymity rule for counts about people: a figure about fewer
 * than SMALLEST_GROUP_SHOWN members is withheld, because a small number can
 * point at a person. Association insight and mentoring programs both use it.
 * Pure, safe on the client.
 */

/** The smallest group whose figure may be shown. */
export const SMALLEST_GROUP_SHOWN = 5;

/** Whether a figure built from `count` members may be shown. */
export function isShownGroup(count: number): boolean {
  return Number.isInteger(count) && count >= SMALLEST_GROUP_SHOWN;
}
