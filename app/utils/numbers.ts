/**
 * Small counts as words for running text ("nine areas", "Five stages"),
 * client-safe. Counts that come from data (a framework's areas and stages)
 * then read like the rest of the sentence; past twelve, digits read better.
 */
const WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"];

export function countWord(n: number, options: { capitalized?: boolean } = {}): string {
  const word = Number.isInteger(n) && n >= 0 && n < WORDS.length ? WORDS[n]! : String(n);
  return options.capitalized ? word.charAt(0).toUpperCase() + word.slice(1) : word;
}
