import { hasWordChanges, wordDiff } from "~/domain/statements/diff";

const insClass = "[del+&]:ml-1 rounded-sm bg-emerald-50 text-emerald-900 underline decoration-2 underline-offset-2";
const delClass = "rounded-sm bg-red-50 text-red-900 line-through decoration-2";

/**
 * The word-level changes from `before` to `after`, inline in one readable
 * block: added words underlined (<ins>), removed words struck through
 * (<del>), so the difference never rests on colour alone; screen readers
 * hear "added:" / "removed:" before each change.
 */
export function WordDiff({
  before,
  after,
  beforeLabel = "the earlier text",
  afterLabel = "the new text",
  className = "",
}: {
  before: string;
  after: string;
  /** What `before` is, for the legend ("version 2"). */
  beforeLabel?: string;
  /** What `after` is ("this suggestion"). */
  afterLabel?: string;
  className?: string;
}) {
  const segments = wordDiff(before, after);
  const changed = hasWordChanges(segments);
  return (
    <div className={className}>
      <p className="text-sm text-stone-700">
        {changed ? (
          <>
            Changes from {beforeLabel} to {afterLabel}:{" "}
            <span className={insClass}>underlined words</span> were added,{" "}
            <span className={delClass}>struck-through words</span> were removed.
          </>
        ) : (
          <>No words differ between {beforeLabel} and {afterLabel}.</>
        )}
      </p>
      <div className="mt-2 whitespace-pre-wrap break-words rounded-md border border-stone-200 bg-white p-3 leading-relaxed text-stone-900">
        {segments.length === 0 ? (
          <span className="text-stone-600 italic">(empty)</span>
        ) : (
          segments.map((segment, index) =>
            segment.kind === "added" ? (
              <ins key={index} className={insClass}>
                <span className="sr-only">added: </span>
                {segment.text}
              </ins>
            ) : segment.kind === "removed" ? (
              <del key={index} className={delClass}>
                <span className="sr-only">removed: </span>
                {segment.text}
              </del>
            ) : (
              <span key={index}>{segment.text}</span>
            ),
          )
        )}
      </div>
    </div>
  );
}
