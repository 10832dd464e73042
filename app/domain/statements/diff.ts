/**
 * Word-level differences between two versions of a statement's text
 * (client-safe: used by the suggestion, version and conflict pages).
 */
import { diffWords } from "diff";

export type DiffSegment = { kind: "same" | "added" | "removed"; text: string };

/**
 * The words of `after` compared with `before`, in reading order: unchanged
 * runs, removed runs (only in `before`) and added runs (only in `after`).
 * A replaced word comes out as its removal followed by its addition.
 * Changes of whitespace alone (an extra space, a re-wrapped line) are not
 * reported as changes; the unchanged runs carry `after`'s spacing.
 */
export function wordDiff(before: string, after: string): DiffSegment[] {
  if (before === after) return before === "" ? [] : [{ kind: "same", text: after }];
  const segments: DiffSegment[] = [];
  for (const change of diffWords(before, after)) {
    if (change.value === "") continue;
    const kind: DiffSegment["kind"] = change.added ? "added" : change.removed ? "removed" : "same";
    const last = segments.at(-1);
    // Adjacent runs of the same kind read better as one.
    if (last && last.kind === kind) last.text += change.value;
    else segments.push({ kind, text: change.value });
  }
  return segments;
}

/** Whether a diff has any added or removed words. */
export function hasWordChanges(segments: DiffSegment[]): boolean {
  return segments.some((segment) => segment.kind !== "same");
}
