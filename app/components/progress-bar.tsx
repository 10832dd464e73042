/**
 * A labelled progress bar: the text ("2 of 5 steps") is always visible, and
 * the bar is exposed to assistive technology as a progressbar with its values.
 */
import { useId } from "react";

export function ProgressBar({
  value,
  max,
  label,
  text,
  className = "",
}: {
  value: number;
  max: number;
  /** What is measured, for screen readers: "Newcomer onboarding progress". */
  label: string;
  /** The visible text, for example "2 of 5 steps". */
  text: string;
  className?: string;
}) {
  const id = useId();
  const percent = max > 0 ? Math.round((Math.min(value, max) / max) * 100) : 0;
  return (
    <div className={className}>
      <p id={`${id}-text`} className="text-sm font-medium text-stone-700">
        {text}
      </p>
      <div
        role="progressbar"
        aria-label={label}
        aria-describedby={`${id}-text`}
        aria-valuemin={0}
        aria-valuemax={max}
        aria-valuenow={Math.min(value, max)}
        aria-valuetext={text}
        className="mt-1 h-2 w-full overflow-hidden rounded-full bg-stone-200 print:border print:border-stone-400"
      >
        {/* An SVG width, not an inline style: the content security policy allows no inline styles. */}
        <svg aria-hidden="true" focusable="false" className="block h-full w-full">
          <rect width={`${percent}%`} height="100%" className="fill-brand-700" />
        </svg>
      </div>
    </div>
  );
}
