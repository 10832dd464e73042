// The time-zone choice: a select of IANA zones (works without JavaScript). With JavaScript, when the
// member has not chosen yet, the browser's own zone (Intl) is proposed in place of UTC.
import { useEffect, useRef } from "react";

export function TimeZoneSelect({
  id,
  value,
  choices,
  proposeFromBrowser,
  describedBy,
  invalid,
}: {
  id: string;
  value: string;
  choices: string[];
  proposeFromBrowser: boolean;
  describedBy?: string;
  invalid?: boolean;
}) {
  const ref = useRef<HTMLSelectElement>(null);
  useEffect(() => {
    if (!proposeFromBrowser || !ref.current) return;
    const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (browserZone && choices.includes(browserZone)) ref.current.value = browserZone;
  }, [proposeFromBrowser, choices]);
  return (
    <select
      ref={ref}
      id={id}
      name="timeZone"
      defaultValue={value}
      aria-describedby={describedBy}
      aria-invalid={invalid || undefined}
      className="mt-1 block w-full rounded-md border border-stone-400 bg-white px-3 py-2 text-base shadow-sm focus:border-brand-700 sm:max-w-md"
    >
      {choices.map((zone) => (
        <option key={zone} value={zone}>
          {zone.replace(/_/g, " ")}
        </option>
      ))}
    </select>
  );
}
