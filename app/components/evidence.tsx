import { Link } from "@remix-run/react";

/** An area's evidence from an assessment: the sanitized notes and the links. */
export function Evidence({
  evidenceHtml,
  links,
  className = "",
}: {
  evidenceHtml: string;
  links: string[];
  className?: string;
}) {
  return (
    <>
      {evidenceHtml ? (
        <div
          className={`prose-content break-words text-stone-800 ${className}`}
          dangerouslySetInnerHTML={{ __html: evidenceHtml }}
        />
      ) : null}
      {links.length ? (
        <ul className="mt-1 space-y-1 text-sm">
          {links.map((link) => (
            <li key={link} className="break-all">
              <a href={link} rel="noopener noreferrer nofollow">
                {link}
              </a>
            </li>
          ))}
        </ul>
      ) : null}
    </>
  );
}

/** A completed pathway step as evidence (the shape the competency profile carries). */
export type StepEvidenceItem = {
  stepId: string;
  title: string;
  pathwayTitle: string;
  pathwaySlug: string;
  completedAt: string;
  completedOn: string;
  reflectionHtml: string;
  evidenceUrl: string | null;
};

/**
 * Completed pathway steps under an area: the step, its pathway, the date, the
 * member's reflection and evidence link. `linkSteps` links to the pathway
 * (the member's own pages; a reviewer's pack shows plain text).
 */
export function StepEvidenceList({
  items,
  linkSteps = false,
  className = "",
}: {
  items: StepEvidenceItem[];
  linkSteps?: boolean;
  className?: string;
}) {
  if (items.length === 0) return null;
  return (
    <ul className={`mt-2 space-y-3 ${className}`}>
      {items.map((item) => (
        <li key={item.stepId} className="border-l-4 border-brand-100 pl-3 print:break-inside-avoid print:border-stone-400">
          <p className="font-medium">
            <span className="sr-only">Completed pathway step: </span>
            {item.title}
            <span className="font-normal text-stone-600">
              {" "}
              ({linkSteps ? <Link to={`/pathways/${item.pathwaySlug}`}>{item.pathwayTitle}</Link> : item.pathwayTitle}, completed{" "}
              <time dateTime={item.completedAt}>{item.completedOn}</time>)
            </span>
          </p>
          <div
            className="prose-content break-words text-sm text-stone-800 print:text-black"
            dangerouslySetInnerHTML={{ __html: item.reflectionHtml }}
          />
          {item.evidenceUrl ? (
            <p className="mt-1 break-all text-sm">
              <a href={item.evidenceUrl} rel="noopener noreferrer nofollow">
                {item.evidenceUrl}
              </a>
            </p>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

/** Completed steps grouped by the area slugs they build (a step building two areas shows under both). */
export function stepEvidenceByArea<T extends { areaSlugs: string[] }>(items: T[]): Map<string, T[]> {
  const byArea = new Map<string, T[]>();
  for (const item of items) {
    for (const slug of item.areaSlugs) byArea.set(slug, [...(byArea.get(slug) ?? []), item]);
  }
  return byArea;
}

/** An area's evidence from the earlier assessments of the period, dated, newest first (what the latest does not repeat). */
export function EarlierEvidence({
  items,
  className = "",
}: {
  items: { assessmentId: string; submittedAt: string; submittedOn: string; evidenceHtml: string; links: string[] }[];
  className?: string;
}) {
  return items.map((earlier) => (
    <div key={earlier.assessmentId} className="mt-2">
      <h4 className="text-sm font-semibold text-stone-700 print:text-black">
        Also noted on <time dateTime={earlier.submittedAt}>{earlier.submittedOn}</time>
      </h4>
      <Evidence evidenceHtml={earlier.evidenceHtml} links={earlier.links} className={className} />
    </div>
  ));
}
