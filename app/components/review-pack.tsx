// The review pack's content: what a reviewer reads, on paper or through a
// share link. Print-ready (1–2 pages); the page around it adds any toolbar.
import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { RadarChart } from "~/components/radar-chart";
import type { ReviewPack, ProfileMember, StageRef } from "~/domain/assessments/profile.server";
import type { ReviewerRatingColumn } from "~/domain/assessments/reviewer-ratings.server";
import { EarlierEvidence, Evidence, StepEvidenceList, stepEvidenceByArea } from "~/components/evidence";

/** Targets set last time and met now: said first, because they are the news worth telling. */
export function TargetsReached({
  reached,
  who,
}: {
  reached: { areaSlug: string; areaName: string; target: StageRef; stage: StageRef }[];
  /** "You", or the member's name (the pack). */
  who: string;
}) {
  if (reached.length === 0) return null;
  return (
    <div className="mt-3 rounded-lg border border-brand-100 bg-brand-50 p-3 print:border-stone-400 print:bg-transparent">
      <p className="font-semibold text-brand-800 print:text-black">
        <span aria-hidden="true">★ </span>
        {who} reached {reached.length === 1 ? "a target" : `${reached.length} targets`} set at the previous assessment.
      </p>
      <ul className="mt-1 list-disc space-y-0.5 pl-5 text-stone-800">
        {reached.map((item) => (
          <li key={item.areaSlug}>
            {item.areaName}: aimed for {item.target.name}
            {item.stage.position > item.target.position ? `, now ${item.stage.name}` : ", reached"}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** "2 stages above yours", or null when the two stages are the same or either is missing. */
export function stageDifference(reviewer: number | undefined, own: number | undefined, ownWord: string): string | null {
  if (reviewer === undefined || own === undefined || reviewer === own) return null;
  const size = Math.abs(reviewer - own);
  return `${size} ${size === 1 ? "stage" : "stages"} ${reviewer > own ? "above" : "below"} ${ownWord}`;
}

/**
 * Each reviewer's stage and comment beside the member's latest self-rating,
 * area by area, labelled "<name>, <date>", never averaged or combined. Where
 * a reviewer's stage differs from the member's own it says by how much (in
 * words, not only colour), and a line at the top counts those areas per reviewer.
 */
export function ReviewerRatings({
  areas,
  ratings,
  selfLabel,
  ownWord,
}: {
  areas: { slug: string; name: string; latest: StageRef | null }[];
  ratings: ReviewerRatingColumn[];
  /** How the member's own stage is labelled ("Your latest stage"). */
  selfLabel: string;
  /** How a difference names the member's stage ("yours", "the self-rating"). */
  ownWord: string;
}) {
  /** Per reviewer: the areas rated on both sides, and how many of them differ. */
  const comparison = (rating: ReviewerRatingColumn) => {
    const both = areas.filter((area) => area.latest && rating.stages[area.slug]);
    return { compared: both.length, differing: both.filter((area) => rating.stages[area.slug]!.position !== area.latest!.position).length };
  };
  return (
    <div className="mt-3">
      <ul className="space-y-1 text-stone-800">
        {ratings.map((rating) => {
          const { compared, differing } = comparison(rating);
          return (
            <li key={rating.id}>
              <span className="font-semibold">{rating.label}</span>:{" "}
              {compared === 0
                ? "no area to compare with a self-rating."
                : `a different stage from ${ownWord} in ${differing} of the ${compared} ${compared === 1 ? "area" : "areas"} rated on both sides.`}
            </li>
          );
        })}
      </ul>
      <ol className="mt-3 grid gap-3 md:grid-cols-2 print:grid-cols-2 print:gap-2">
        {areas.map((area) => (
          <li
            key={area.slug}
            className="rounded-lg border border-stone-200 bg-white p-4 print:break-inside-avoid print:rounded-none print:border-stone-400 print:p-2"
          >
            <h3 className="font-semibold">{area.name}</h3>
            <dl className="mt-2 space-y-2 text-sm">
              <div>
                <dt className="text-stone-600">{selfLabel}</dt>
                <dd className="font-medium">{area.latest?.name ?? "Not rated"}</dd>
              </div>
              {ratings.map((rating) => {
                const stage = rating.stages[area.slug];
                const difference = stageDifference(stage?.position, area.latest?.position, ownWord);
                const comment = rating.comments[area.slug];
                return (
                  <div key={rating.id}>
                    <dt className="text-stone-600">
                      {rating.reviewerName}, <time dateTime={rating.submittedAt}>{rating.submittedOn}</time>
                    </dt>
                    <dd>
                      <span className="font-medium">
                        {stage?.name ?? (rating.notObserved.includes(area.slug) ? "Not observed" : "Not rated")}
                      </span>
                      {difference ? (
                        <span className="ml-2 inline-block rounded bg-amber-100 px-1.5 text-amber-950 print:border print:border-stone-500 print:bg-transparent">
                          {difference}
                        </span>
                      ) : null}
                      {comment ? (
                        <blockquote className="mt-1 whitespace-pre-line border-l-4 border-brand-100 pl-3 text-stone-800">
                          <span className="sr-only">Comment: </span>
                          {comment}
                        </blockquote>
                      ) : null}
                    </dd>
                  </div>
                );
              })}
            </dl>
          </li>
        ))}
      </ol>
    </div>
  );
}

export function ReviewPackArticle({
  pack,
  member,
  preparedOn,
  audience = "owner",
  reviewerRatings = [],
  children,
}: {
  pack: ReviewPack | null;
  member: ProfileMember;
  preparedOn: string;
  /** The owner gets a way forward when there is nothing yet; a reviewer just a note. */
  audience?: "owner" | "reviewer";
  /** Submitted reviewer ratings, shown beside the self-ratings (the owner's pack passes them; share links do not). */
  reviewerRatings?: ReviewerRatingColumn[];
  /** More sections at the end of the pack (the plan for the next period). */
  children?: ReactNode;
}) {
  const role = [member.jobTitle, member.roleLabel].filter(Boolean).join(" · ");
  return (
    <article aria-labelledby="pack-title" className="max-w-4xl print:max-w-none print:text-sm print:text-black">
      <header className="border-b-2 border-brand-700 pb-4 print:pb-2">
        <h1 id="pack-title" className="text-3xl font-bold print:text-2xl">
          <span className="block text-sm font-semibold uppercase tracking-wide text-brand-700 print:text-black">
            Competency review pack
          </span>{" "}
          <span className="mt-1 block">{member.displayName}</span>
        </h1>
        {role ? <p className="mt-1 text-lg text-stone-700 print:text-base">{role}</p> : null}
      </header>

      {pack ? (
        <>
          <dl className="mt-4 grid gap-x-6 gap-y-1 sm:grid-cols-[auto_1fr] print:mt-2 print:grid-cols-[auto_1fr]">
            <dt className="font-semibold">Framework</dt>
            <dd>
              {pack.framework.name}, version {pack.framework.version}
            </dd>
            <dt className="font-semibold">Baseline assessment</dt>
            <dd>
              <time dateTime={pack.baseline.submittedAt}>{pack.baseline.submittedOn}</time>
            </dd>
            <dt className="font-semibold">Latest assessment</dt>
            <dd>
              <time dateTime={pack.latest.submittedAt}>{pack.latest.submittedOn}</time>
            </dd>
            <dt className="font-semibold">Prepared on</dt>
            <dd>{preparedOn}</dd>
          </dl>
          {pack.framework.namesWithheld ? (
            <p className="mt-2 text-sm text-stone-700 print:text-xs">
              This framework is licensed to particular associations, and its area names and descriptions are shown only to
              their members. Its areas go by number here (“Area 1”, “Area 2”…); the stages, targets and evidence are{" "}
              {member.displayName}’s own.
            </p>
          ) : null}
          <p className="mt-2 text-sm text-stone-600 print:text-xs">
            Stages are self-assessed against the framework’s stage descriptions.
          </p>

          {/* No forced break around the chart: it shares the first page with the summary above. */}
          <section aria-labelledby="pack-chart-title" className="mt-6 print:mt-3">
            <h2 id="pack-chart-title" className="text-xl font-semibold print:break-after-avoid print:text-lg">
              Stages by area
            </h2>
            <div className="mt-3">
              <RadarChart
                title={`${member.displayName}: stages in each competency area, baseline, latest and target${reviewerRatings.length ? ", and reviewer ratings" : ""}`}
                caption={
                  pack.baseline.id === pack.latest.id
                    ? `Baseline and latest: ${pack.latest.submittedOn}`
                    : `Baseline: ${pack.baseline.submittedOn}; latest: ${pack.latest.submittedOn}`
                }
                areas={pack.areas}
                stages={pack.stages}
                baselineIsLatest={pack.baseline.id === pack.latest.id}
                labels={{
                  baseline: "Baseline",
                  latest: pack.baseline.id === pack.latest.id ? "Latest (also the baseline)" : "Latest",
                  target: "Target",
                }}
                reviewers={reviewerRatings}
              />
            </div>
          </section>

          <div className="mt-6 grid gap-6 md:grid-cols-2 print:mt-4 print:grid-cols-2 print:gap-4">
            <section aria-labelledby="pack-gaps-title" className="print:break-inside-avoid">
              <h2 id="pack-gaps-title" className="text-xl font-semibold print:text-lg">
                Gaps
              </h2>
              <p className="text-sm text-stone-600">Target above the latest stage, largest first.</p>
              {pack.gaps.length ? (
                <ol className="mt-2 list-decimal space-y-1 pl-5">
                  {pack.gaps.map((gap) => (
                    <li key={gap.areaSlug}>
                      <span className="font-semibold">{gap.areaName}</span>: {gap.stage.name} → {gap.target.name} (
                      {gap.size} {gap.size === 1 ? "stage" : "stages"})
                    </li>
                  ))}
                </ol>
              ) : (
                <p className="mt-2">Every target set has been reached.</p>
              )}
              {pack.strengths.length ? (
                <p className="mt-3">
                  <span className="font-semibold">Strengths: </span>
                  {pack.strengths.map((strength) => `${strength.areaName} (${strength.stage.name})`).join(", ")}.
                </p>
              ) : null}
            </section>

            <section aria-labelledby="pack-change-title" className="print:break-inside-avoid">
              <h2 id="pack-change-title" className="text-xl font-semibold print:text-lg">
                Change since the previous assessment
              </h2>
              {pack.previous ? (
                <>
                  <p className="text-sm text-stone-600">
                    Compared with <time dateTime={pack.previous.submittedAt}>{pack.previous.submittedOn}</time>.
                  </p>
                  <TargetsReached reached={pack.targetsReached} who={member.displayName} />
                  {pack.changes.length ? (
                    <ul className="mt-2 list-disc space-y-1 pl-5">
                      {pack.changes.map((change) => (
                        <li key={change.areaSlug}>{change.summary}</li>
                      ))}
                    </ul>
                  ) : (
                    <p className="mt-2">No change in any area.</p>
                  )}
                </>
              ) : (
                <p className="mt-2">This is the first assessment: there is nothing earlier to compare with.</p>
              )}
            </section>
          </div>

          {reviewerRatings.length ? (
            <section aria-labelledby="pack-reviewers-title" className="mt-6 print:mt-4">
              <h2 id="pack-reviewers-title" className="text-xl font-semibold print:break-after-avoid print:text-lg">
                Reviewer ratings
              </h2>
              <p className="text-sm text-stone-600">
                Stages and comments from invited reviewers, shown beside the latest self-rating and never averaged
                together.
              </p>
              <ReviewerRatings areas={pack.areas} ratings={reviewerRatings} selfLabel="Self-rating (latest)" ownWord="the self-rating" />
            </section>
          ) : null}

          <PackEvidence pack={pack} />
        </>
      ) : (
        <section aria-labelledby="pack-empty-title" className="mt-6 max-w-2xl">
          <h2 id="pack-empty-title" className="text-xl font-semibold">
            Nothing to print yet
          </h2>
          {audience === "owner" ? (
            <>
              <p className="mt-2 text-stone-700">
                Your review pack is made from your submitted self-assessments. Take your baseline first, then come
                back here to print it.
              </p>
              <p className="mt-4">
                <Link
                  to="/me/assessment"
                  className="inline-block rounded-md bg-brand-700 px-4 py-2 font-semibold text-white no-underline hover:bg-brand-800 hover:text-white"
                >
                  Take your baseline self-assessment
                </Link>
              </p>
            </>
          ) : (
            <p className="mt-2 text-stone-700">{member.displayName} has not submitted a self-assessment yet.</p>
          )}
        </section>
      )}
      {children}
    </article>
  );
}

/** Evidence per area: the latest assessment's notes and links, and the pathway steps completed that build the area. */
function PackEvidence({ pack }: { pack: ReviewPack }) {
  const stepsByArea = stepEvidenceByArea(pack.stepEvidence);
  const areaSlugs = new Set(pack.areas.map((area) => area.slug));
  const areas = pack.areas.filter(
    (area) => area.evidenceHtml || area.links.length || area.earlierEvidence.length || stepsByArea.has(area.slug),
  );
  const otherSteps = pack.stepEvidence.filter((item) => !item.areaSlugs.some((slug) => areaSlugs.has(slug)));
  return (
    <section aria-labelledby="pack-evidence-title" className="mt-6 print:mt-4">
      <h2 id="pack-evidence-title" className="text-xl font-semibold print:text-lg">
        Evidence
      </h2>
      {areas.length || otherSteps.length ? (
        <div className="mt-2 space-y-3">
          {areas.map((area) => (
            <article key={area.slug} aria-labelledby={`pack-evidence-${area.slug}`} className="print:break-inside-avoid">
              <h3 id={`pack-evidence-${area.slug}`} className="font-semibold">
                {area.name}
                {area.latest ? <span className="font-normal text-stone-600"> — {area.latest.name}</span> : null}
              </h3>
              <Evidence evidenceHtml={area.evidenceHtml} links={area.links} className="print:text-black" />
              <EarlierEvidence items={area.earlierEvidence} className="print:text-black" />
              {stepsByArea.get(area.slug)?.length ? (
                <>
                  <h4 className="mt-2 text-sm font-semibold text-stone-700 print:text-black">Completed pathway steps</h4>
                  <StepEvidenceList items={stepsByArea.get(area.slug)!} />
                </>
              ) : null}
            </article>
          ))}
          {otherSteps.length ? (
            <article aria-labelledby="pack-evidence-other" className="print:break-inside-avoid">
              <h3 id="pack-evidence-other" className="font-semibold">
                Other completed pathway steps
              </h3>
              <StepEvidenceList items={otherSteps} />
            </article>
          ) : null}
        </div>
      ) : (
        <p className="mt-2">No evidence was noted in these assessments, and no pathway steps are completed yet.</p>
      )}
    </section>
  );
}
