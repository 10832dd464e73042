/**
 * A suggestion's reason in words (pure, client-safe): the mentor's latest
 * stage in the areas the member asked about, shared associations, role and
 * room. No score: the data are self-assessed stages, and a number with
 * decimals would pretend to more than that.
 */
export type SuggestionFacts = {
  /** Areas the mentor offers and rated above the member, named as the member sees them. */
  areas: { name: string; stage: number; menteeStage: number | null; target: number | null }[];
  sharedAssociations: string[];
  /** The mentor's role, when their professional section is visible to members. */
  roleLabel: string | null;
  sameRole: boolean;
  placesLeft: number;
};

function areaPhrase(area: SuggestionFacts["areas"][number]): string {
  const where =
    area.menteeStage !== null && area.target !== null
      ? `, where your target is ${area.target - area.menteeStage} above your latest (stage ${area.menteeStage})`
      : "";
  return `Stage ${area.stage} in ${area.name}${where}`;
}

export function suggestionReason(facts: SuggestionFacts): string[] {
  const lines = facts.areas.map(areaPhrase);
  if (facts.sharedAssociations.length > 0) {
    const names = facts.sharedAssociations;
    const list = names.length <= 2 ? names.join(" and ") : `${names.slice(0, 2).join(", ")} and ${names.length - 2} more`;
    lines.push(`Also in ${list}`);
  }
  if (facts.roleLabel) lines.push(facts.sameRole ? `${facts.roleLabel}, like you` : facts.roleLabel);
  lines.push(facts.placesLeft === 1 ? "Room for 1 more mentee" : `Room for ${facts.placesLeft} more mentees`);
  return lines;
}
