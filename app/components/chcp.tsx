// Pieces of the CHCP® recertification log shared by its pages, the home page
// and the competency profile: the note on who decides what counts, progress
// toward each section, and a compact panel.
import { Link } from "@remix-run/react";
import { ProgressBar } from "~/components/progress-bar";
import type { SectionProgress } from "~/domain/credentials/rules";
import { formatAmount, optionText } from "~/domain/credentials/rules";
import { formatLongDay } from "~/utils/zoned-dates";

/** Shown wherever the log's figures are: the Alliance decides, not CME Commons. */
export function ChcpAuthorityNote({ sourceUrl, className = "" }: { sourceUrl: string; className?: string }) {
  return (
    <p className={`rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-stone-800 print:border-stone-500 print:bg-transparent ${className}`}>
      <strong>The Alliance decides what counts.</strong> This log only adds up what you recorded and chose to count. The
      Alliance for Continuing Education in the Health Professions sets the CHCP® recertification requirements, and its{" "}
      <a href={sourceUrl} rel="noopener noreferrer">
        current requirements
      </a>{" "}
      <span className="hidden print:inline">({sourceUrl}) </span>are the authority. CME Commons is not affiliated with or endorsed
      by the Alliance.
    </p>
  );
}

/** Each section: complete or not, each way to complete it with what is logged, and what is missing. */
export function SectionProgressList({ progress, headingLevel = 3 }: { progress: SectionProgress[]; headingLevel?: 2 | 3 }) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <ul className="mt-3 grid gap-3 md:grid-cols-2">
      {progress.map((section) => (
        <li
          key={section.key}
          className={`rounded-lg border p-4 print:break-inside-avoid print:bg-transparent ${section.complete ? "border-green-700 bg-green-50" : "border-stone-200 bg-white"}`}
        >
          <Heading className="font-semibold">
            {section.complete ? (
              <span aria-hidden="true" className="text-green-800">
                ✓{" "}
              </span>
            ) : null}
            {section.title}
          </Heading>
          <p className={`mt-1 font-medium ${section.complete ? "text-green-900" : "text-stone-800"}`}>{section.status}</p>
          <p className="mt-1 text-sm text-stone-600">{section.summary}</p>
          <ul className="mt-3 space-y-3">
            {section.options.map((option) => (
              <li key={option.key}>
                {option.measure === "entries" ? (
                  <p className="text-sm font-medium text-stone-700">
                    {option.met ? "✓ " : ""}
                    {optionText(option)}
                  </p>
                ) : (
                  <ProgressBar
                    value={option.logged}
                    max={option.minimum}
                    label={`${section.title}: ${option.label}`}
                    text={`${option.met ? "✓ " : ""}${optionText(option)}`}
                  />
                )}
              </li>
            ))}
          </ul>
        </li>
      ))}
    </ul>
  );
}

export type ChcpPanelData = {
  credential: { expiresOn: string; daysLeft: number; expired: boolean; cycleStartOn: string };
  progress: SectionProgress[];
  sourceUrl: string;
};

/** "in 212 days", "today", "212 days ago" */
export function daysLeftText(daysLeft: number): string {
  if (daysLeft === 0) return "today";
  if (daysLeft > 0) return `in ${daysLeft} ${daysLeft === 1 ? "day" : "days"}`;
  return `${-daysLeft} ${daysLeft === -1 ? "day" : "days"} ago`;
}

/** The home page's and the competency profile's panel: expiry, each section, a link to the log. */
export function ChcpPanel({ data, headingId }: { data: ChcpPanelData; headingId: string }) {
  const { credential, progress } = data;
  const missing = progress.filter((section) => !section.complete);
  return (
    <section aria-labelledby={headingId} className="mt-10 rounded-lg border border-stone-200 bg-white p-4 sm:p-5">
      <h2 id={headingId} className="text-xl font-semibold">
        Your CHCP® recertification
      </h2>
      <p className="mt-1 text-stone-700">
        {credential.expired ? "Your credential expired on " : "Your credential expires on "}
        <time dateTime={credential.expiresOn}>{formatLongDay(credential.expiresOn)}</time> ({daysLeftText(credential.daysLeft)}).{" "}
        {missing.length === 0
          ? "Your log has entries toward both sections for this cycle."
          : `Still missing in your log: ${missing.map((section) => section.title.split(":")[0]).join(" and ")}.`}
      </p>
      <ul className="mt-3 space-y-2">
        {progress.map((section) => (
          <li key={section.key}>
            <span className="font-medium">
              {section.complete ? <span aria-hidden="true" className="text-green-800">✓ </span> : null}
              {section.title}
            </span>
            <span className="block text-sm text-stone-700">{section.status}</span>
          </li>
        ))}
      </ul>
      <p className="mt-3 text-sm text-stone-600">
        What counts is the Alliance’s to decide:{" "}
        <a href={data.sourceUrl} rel="noopener noreferrer">
          its current requirements
        </a>{" "}
        are the authority; CME Commons is not affiliated with it.
      </p>
      <p className="mt-3">
        <Link to="/me/chcp">Open your CHCP log</Link> · <Link to="/me/chcp/entries/new">Add an entry</Link>
      </p>
    </section>
  );
}


/** An entry as the log lists it. */
export type EntryItem = {
  id: string;
  kindLabel: string;
  occurredOn: string;
  hours: number | null;
  years: number | null;
  description: string;
  evidence: string;
  fromStep: { title: string; pathwayTitle: string; href: string } | null;
};

export function EntryList({ entries }: { entries: EntryItem[] }) {
  return (
    <ul className="mt-2 divide-y divide-stone-200 rounded-lg border border-stone-200 bg-white">
      {entries.map((entry) => (
        <li key={entry.id} className="p-4">
          <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
            <p className="text-sm font-semibold text-stone-700">
              <time dateTime={entry.occurredOn}>{formatLongDay(entry.occurredOn)}</time> · {entry.kindLabel}
              {entry.hours !== null ? ` · ${formatAmount(entry.hours, "hours")}` : ""}
              {entry.years !== null ? ` · ${formatAmount(entry.years, "years")}` : ""}
            </p>
            <Link to={`/me/chcp/entries/${entry.id}`} aria-label={`Edit “${entry.description}”`}>
              Edit
            </Link>
          </div>
          <p className="mt-1 break-words">{entry.description}</p>
          {entry.evidence ? <Evidence text={entry.evidence} /> : null}
          {entry.fromStep ? (
            <p className="mt-1 text-sm text-stone-600">
              From the pathway step <Link to={entry.fromStep.href}>{entry.fromStep.title}</Link> ({entry.fromStep.pathwayTitle})
            </p>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

export function Evidence({ text }: { text: string }) {
  const isLink = /^https:\/\/\S+$/.test(text);
  return (
    <p className="mt-1 break-words text-sm text-stone-700">
      Evidence:{" "}
      {isLink ? (
        <a href={text} rel="noopener noreferrer nofollow" className="break-all">
          {text}
        </a>
      ) : (
        text
      )}
    </p>
  );
}

