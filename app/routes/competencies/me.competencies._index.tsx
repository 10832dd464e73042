// /me/competencies — the member's own competency profile: every submitted
// self-assessment compared (baseline, latest, target), change, gaps,
// strengths, history and evidence. Private to the member.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Fragment, type ReactNode } from "react";
import { ChcpPanel } from "~/components/chcp";
import { ErrorPage } from "~/components/error-page";
import { RadarChart } from "~/components/radar-chart";
import { GapGoals, ProfileCommitments, ProfileGoals } from "~/components/profile-goals";
import { ReviewerRatings, TargetsReached } from "~/components/review-pack";
import type { GoalSummary } from "~/domain/goals/goals.server";
import { getOwnPanels } from "~/domain/pages/own-panels.server";
import { now } from "~/utils/clock.server";
import { getCompetencyProfile, type CompetencyProfile } from "~/domain/assessments/profile.server";
import { getReviewerRatingsForProfile, type ReviewerRatingColumn } from "~/domain/assessments/reviewer-ratings.server";
import { requireMember } from "~/utils/auth.server";
import { EarlierEvidence, Evidence, StepEvidenceList, stepEvidenceByArea } from "~/components/evidence";
import { getRecommendations, type Recommendations } from "~/domain/pathways/recommendations.server";
import { formatEffort } from "~/domain/pathways/constants";

export { headers } from "~/utils/headers";

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireMember(request);
  const profile = getCompetencyProfile(actor);
  // The profile already knows the gaps: recommendations only load the pathways and the member's progress (meanwhile).
  const gaps = profile.then((profile) => ({
    hasAssessment: profile.kind === "profile",
    gaps:
      profile.kind === "profile"
        ? profile.gaps.map((gap) => ({
            areaSlug: gap.areaSlug,
            areaName: gap.areaName,
            stage: gap.stage.position,
            target: gap.target.position,
            stageName: gap.stage.name,
            targetName: gap.target.name,
          }))
        : [],
  }));
  const at = now();
  // The member's time zone, CHCP progress, goals (with their areas' names) and commitments in one
  // query (pages/own-panels.server.ts), dated in that time zone.
  const [loadedProfile, reviewerRatings, recommendations, { chcp, goals, commitments }] = await Promise.all([
    profile,
    // The member's own reviewer ratings only: keyed on the signed-in member.
    getReviewerRatingsForProfile(actor),
    getRecommendations(actor.userId, gaps),
    getOwnPanels(actor, at),
  ]);
  return {
    goals,
    commitments,
    profile: loadedProfile,
    reviewerRatings,
    recommendations,
    chcp,
  };
}

export const meta: MetaFunction = () => [{ title: "Your competency profile · CME Commons" }];

type Profile = Extract<CompetencyProfile, { kind: "profile" }>;

const primaryLink =
  "inline-block rounded-md bg-brand-700 px-4 py-2 font-semibold text-white no-underline hover:bg-brand-800 hover:text-white";

export default function CompetencyProfilePage() {
  const { profile, reviewerRatings, recommendations, chcp, goals, commitments } = useLoaderData<typeof loader>();
  return (
    <div>
      <h1 className="text-3xl font-bold">Your competency profile</h1>
      {profile.kind === "empty" ? <EmptyProfile /> : <ProfileBody profile={profile} reviewerRatings={reviewerRatings} goals={goals} />}
      <ProfileGoals goals={goals} />
      <ProfileCommitments commitments={commitments} />
      <RecommendationsSection recommendations={recommendations} />
      {chcp ? <ChcpPanel data={chcp} headingId="chcp-title" /> : null}
      <ReviewerRatingsSection areas={profile.kind === "profile" ? profile.areas : []} ratings={reviewerRatings} />
    </div>
  );
}

function ReviewerRatingsSection({ areas, ratings }: { areas: Profile["areas"]; ratings: ReviewerRatingColumn[] }) {
  // Without a self-assessment, the areas the reviewers answered (names as the member may read them).
  const rows = areas.length
    ? areas
    : [...new Map(ratings.flatMap((rating) => rating.areas).map((area) => [area.slug, area])).values()]
        .sort((a, b) => a.position - b.position)
        .map((area) => ({ ...area, latest: null }));
  return (
    <section aria-labelledby="reviewers-title" className="mt-10">
      <h2 id="reviewers-title" className="text-2xl font-semibold">
        Reviewer ratings
      </h2>
      <p className="mt-2 max-w-3xl text-stone-700">
        Stages and comments from reviewers you invited, each labelled with the reviewer’s name and date. They are shown
        beside your latest self-rating and never averaged together; where a reviewer sees you at another stage, it says
        by how much.
      </p>
      {ratings.length ? (
        <ReviewerRatings areas={rows} ratings={ratings} selfLabel="Your latest stage" ownWord="yours" />
      ) : (
        <p className="mt-2 text-stone-700">No reviewer has sent a rating yet.</p>
      )}
      <p className="mt-3">
        <Link to="/me/competencies/reviewers">Ask someone to rate you</Link>{" "}
        <span className="text-stone-600">(they give their own rating of each area, shown beside yours)</span>
      </p>
    </section>
  );
}

function RecommendationsSection({ recommendations }: { recommendations: Recommendations }) {
  const { pathways, steps } = recommendations;
  if (pathways.length === 0 && steps.length === 0) return null;
  return (
    <section aria-labelledby="recommended-title" className="mt-10 no-print">
      <h2 id="recommended-title" className="text-2xl font-semibold">
        Recommended pathways and steps
      </h2>
      <p className="mt-2 max-w-3xl text-stone-700">
        Suggestions that build the areas where your target is above your latest stage, largest gap first.
      </p>
      <ul className="mt-4 grid gap-3 md:grid-cols-2">
        {pathways.map((pathway) => (
          <li key={pathway.slug} className="rounded-lg border border-brand-100 bg-brand-50 p-3">
            <p className="text-xs font-semibold uppercase tracking-wide text-brand-800">Pathway</p>
            <Link to={`/pathways/${pathway.slug}`} className="font-semibold">
              {pathway.title}
            </Link>
            <span className="block text-sm text-stone-800">{pathway.reason}</span>
          </li>
        ))}
        {steps.map((step) => (
          <li key={`${step.pathwaySlug}/${step.key}`} className="rounded-lg border border-stone-200 bg-white p-3">
            <p className="text-xs font-semibold uppercase tracking-wide text-stone-600">
              Step · {step.pathwayTitle} · {formatEffort(step.effortMinutes)}
            </p>
            <Link to={`/pathways/${step.pathwaySlug}/steps/${step.key}`} className="font-semibold">
              {step.title}
            </Link>
            <span className="block text-sm text-stone-800">{step.reason}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

function EmptyProfile() {
  return (
    <section aria-labelledby="empty-title" className="mt-6 max-w-2xl rounded-lg border border-stone-200 bg-white p-6">
      <h2 id="empty-title" className="text-xl font-semibold">
        No assessment yet
      </h2>
      <p className="mt-2 text-stone-700">
        Your profile fills in once you submit your first self-assessment. You rate yourself in each competency area,
        and can set a target and note your evidence. That first assessment becomes your baseline, so you can see how far
        you have come at your next review.
      </p>
      <p className="mt-2 text-stone-700">Your answers are saved as you go, so you can stop and come back at any point.</p>
      <p className="mt-4">
        <Link to="/me/assessment" className={primaryLink}>
          Take your baseline self-assessment
        </Link>
      </p>
    </section>
  );
}

function ProfileBody({ profile, reviewerRatings, goals }: { profile: Profile; reviewerRatings: ReviewerRatingColumn[]; goals: GoalSummary[] }) {
  const { framework, stages, assessments, baseline, previous, latest, areas, gaps, strengths, changes } = profile;
  const baselineIsLatest = baseline.id === latest.id;
  const stepsByArea = stepEvidenceByArea(profile.stepEvidence);
  const areaSlugs = new Set(areas.map((area) => area.slug));
  const withEvidence = areas.filter(
    (area) => area.evidenceHtml || area.links.length || area.earlierEvidence.length || stepsByArea.has(area.slug),
  );
  // Steps building no area of this framework (for example after a framework change) still count.
  const otherSteps = profile.stepEvidence.filter((item) => !item.areaSlugs.some((slug) => areaSlugs.has(slug)));
  const carriedTargets = new Set(areas.filter((area) => area.targetCarried).map((area) => area.slug));
  // The previous assessment is in another framework that no crosswalk carries: there is nothing to compare.
  const previousUncompared = profile.editionChanges.some((change) => change.assessmentId === latest.id && change.crosswalk === null);

  return (
    <>
      <p className="mt-2 max-w-3xl text-lg text-stone-700">
        Based on {assessments.length === 1 ? "your one submitted assessment" : `your ${assessments.length} submitted assessments`}
        . Your latest, from <time dateTime={latest.submittedAt}>{latest.submittedOn}</time>, is against the {framework.name},
        version {framework.version}
        {baselineIsLatest ? (
          "."
        ) : (
          <>
            ; your baseline is from <time dateTime={baseline.submittedAt}>{baseline.submittedOn}</time>.
          </>
        )}
      </p>
      <p className="mt-1 text-sm text-stone-600">Only you can see this page, your assessments and your evidence.</p>
      <EditionChanges changes={profile.editionChanges} />

      <ul className="mt-4 flex flex-wrap items-center gap-x-5 gap-y-3">
        <li>
          <Link to="/me/assessment" className={primaryLink}>
            Take a new self-assessment
          </Link>
        </li>
        <li>
          <Link to="/me/competencies/pack">Open your review pack</Link>
        </li>
        <li>
          <Link to="/me/competencies/share">Share your review pack</Link>
        </li>
        <li>
          <a href="/me/competencies.csv" download>
            Download as CSV
          </a>{" "}
          <span className="text-stone-600">(assessments, then your goals)</span>
        </li>
        <li>
          <a href="/me/competencies.json" download>
            Download as JSON
          </a>
        </li>
      </ul>

      <section aria-labelledby="chart-title" className="mt-10">
        <h2 id="chart-title" className="text-2xl font-semibold">
          Your stages by area
        </h2>
        <div className="mt-4 rounded-lg border border-stone-200 bg-white px-2 py-3 sm:p-6">
          <RadarChart
            title={`Your stages in each competency area: baseline, latest and target${reviewerRatings.length ? ", and reviewer ratings" : ""}`}
            caption={
              baselineIsLatest
                ? `Stages by area (baseline and latest: ${latest.submittedOn})`
                : `Stages by area (baseline: ${baseline.submittedOn}; latest: ${latest.submittedOn})`
            }
            areas={areas}
            stages={stages}
            baselineIsLatest={baselineIsLatest}
            labels={{
              baseline: `Baseline (${baseline.submittedOn})`,
              latest: baselineIsLatest ? `Latest and baseline (${latest.submittedOn})` : `Latest (${latest.submittedOn})`,
              target: "Target",
            }}
            reviewers={reviewerRatings}
          />
        </div>
      </section>

      <section aria-labelledby="change-title" className="mt-10">
        <h2 id="change-title" className="text-2xl font-semibold">
          Change since your previous assessment
        </h2>
        {previous !== null && previousUncompared ? (
          <p className="mt-2 text-stone-700">
            Your previous assessment was against another framework, and no crosswalk links the two, so there is nothing to
            compare it with.
          </p>
        ) : previous === null ? (
          <p className="mt-2 text-stone-700">
            This is your first assessment. Take another when you are ready, for example before your next review, to see
            what has changed.
          </p>
        ) : (
          <>
            <p className="mt-2 text-stone-700">
              Compared with <time dateTime={previous.submittedAt}>{previous.submittedOn}</time>.
            </p>
            <TargetsReached reached={profile.targetsReached} who="You" />
            {changes.length ? (
              <ul className="mt-3 space-y-1">
                {changes.map((change) => (
                  <li key={change.areaSlug} className="flex items-baseline gap-2">
                    <span aria-hidden="true" className={change.delta > 0 ? "text-brand-700" : "text-stone-500"}>
                      {change.delta > 0 ? "▲" : "▼"}
                    </span>
                    <span>{change.summary}</span>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="mt-2 text-stone-700">Your stages are the same as last time in every area.</p>
            )}
          </>
        )}
      </section>

      <div className="mt-10 grid gap-8 md:grid-cols-2">
        <section aria-labelledby="gaps-title">
          <h2 id="gaps-title" className="text-2xl font-semibold">
            Gaps
          </h2>
          <p className="mt-2 text-stone-700">Areas where your target is above your latest stage, largest gap first.</p>
          {gaps.length ? (
            <ol className="mt-3 space-y-2">
              {gaps.map((gap) => (
                <li key={gap.areaSlug} className="rounded-lg border border-stone-200 bg-white p-3">
                  <span className="font-semibold">{gap.areaName}</span>
                  <span className="block text-sm text-stone-700">
                    {gap.stage.name} now, aiming for {gap.target.name} ({gap.size} {gap.size === 1 ? "stage" : "stages"}{" "}
                    to go)
                  </span>
                  <GapGoals goals={goals} areaSlug={gap.areaSlug} areaName={gap.areaName} />
                  {carriedTargets.has(gap.areaSlug) ? (
                    <span className="block text-sm text-stone-600">Target set before the edition changed, carried through the crosswalk.</span>
                  ) : null}
                </li>
              ))}
            </ol>
          ) : (
            <p className="mt-3 text-stone-700">
              No gaps: you have reached every target you set. Set new targets in your next assessment.
            </p>
          )}
        </section>

        <section aria-labelledby="strengths-title">
          <h2 id="strengths-title" className="text-2xl font-semibold">
            Strengths
          </h2>
          <p className="mt-2 text-stone-700">The areas where you rated yourself highest.</p>
          {strengths.length ? (
            <ul className="mt-3 space-y-2">
              {strengths.map((strength) => (
                <li key={strength.areaSlug} className="rounded-lg border border-stone-200 bg-white p-3">
                  <span className="font-semibold">{strength.areaName}</span>
                  <span className="block text-sm text-stone-700">{strength.stage.name}</span>
                </li>
              ))}
            </ul>
          ) : (
            <p className="mt-3 text-stone-700">
              None stands out yet. Strengths show once an area reaches the middle of the scale
              {stages.length ? ` (${stages[Math.ceil(stages.length / 2) - 1]})` : ""}.
            </p>
          )}
        </section>
      </div>

      <section aria-labelledby="history-title" className="mt-10">
        <h2 id="history-title" className="text-2xl font-semibold">
          History by area
        </h2>
        <p className="mt-2 text-stone-700">
          Your stage in each area at every assessment, oldest first.
          {profile.editionChanges.some((change) => change.crosswalk)
            ? " Stages from before a change of framework say which earlier area they come from."
            : ""}
        </p>
        <div className="mt-4 grid items-start gap-4 sm:grid-cols-2 lg:grid-cols-3">
          {areas.map((area) => (
            <AreaHistoryTable key={area.slug} name={area.name}>
                  {area.history.map((entry) => (
                    <Fragment key={entry.assessmentId}>
                      {entry.editionChanged ? (
                        <tr className="border-b border-stone-200 bg-amber-50">
                          <th scope="row" colSpan={2} className="py-1 px-1 text-left text-xs font-semibold text-amber-900">
                            Edition changed: now {entry.edition}
                          </th>
                        </tr>
                      ) : null}
                      <tr className="border-b border-stone-100 last:border-0 align-top">
                        <td className="whitespace-nowrap py-1.5 pr-3">
                          <time dateTime={entry.submittedAt}>{entry.submittedOn}</time>
                        </td>
                        <td className="py-1.5">
                          {entry.stage.name}
                          {entry.carried ? (
                            <span className="block text-xs text-stone-600">
                              {entry.carried.merged
                                ? `Lowest of ${listOf(entry.carried.fromAreas)}, merged in the newer edition`
                                : `From ${entry.carried.fromAreas[0] ?? "an earlier area"} in ${entry.edition}`}
                            </span>
                          ) : null}
                        </td>
                      </tr>
                    </Fragment>
                  ))}
            </AreaHistoryTable>
          ))}
        </div>
      </section>

      {profile.separateHistories.map((group, index) => (
        <section key={group.framework} aria-labelledby={`separate-history-${index}`} className="mt-10">
          <h2 id={`separate-history-${index}`} className="text-2xl font-semibold">
            History in the {group.framework}
          </h2>
          <p className="mt-2 max-w-3xl text-stone-700">
            No crosswalk links this framework to the {framework.name}, so these stages are shown as you gave them and are
            not compared with your latest assessment.
          </p>
          <div className="mt-4 grid items-start gap-4 sm:grid-cols-2 lg:grid-cols-3">
            {group.areas.map((area) => (
              <AreaHistoryTable key={area.slug} name={area.name}>
                    {area.history.map((entry) => (
                      <tr key={entry.assessmentId} className="border-b border-stone-100 last:border-0 align-top">
                        <td className="whitespace-nowrap py-1.5 pr-3">
                          <time dateTime={entry.submittedAt}>{entry.submittedOn}</time>
                        </td>
                        <td className="py-1.5">{entry.stage.name}</td>
                      </tr>
                    ))}
              </AreaHistoryTable>
            ))}
          </div>
        </section>
      ))}

      <section aria-labelledby="evidence-title" className="mt-10">
        <h2 id="evidence-title" className="text-2xl font-semibold">
          Evidence
        </h2>
        <p className="mt-2 max-w-3xl text-stone-700">
          The notes and links from your latest assessment (with what earlier assessments noted that it does not repeat),
          and the pathway steps you completed, under the areas they build.
        </p>
        {withEvidence.length || otherSteps.length ? (
          <div className="mt-4 space-y-4">
            {withEvidence.map((area) => (
              <article key={area.slug} aria-labelledby={`evidence-${area.slug}`} className="rounded-lg border border-stone-200 bg-white p-4">
                <h3 id={`evidence-${area.slug}`} className="text-lg font-semibold">
                  {area.name}
                </h3>
                <Evidence evidenceHtml={area.evidenceHtml} links={area.links} />
                <EarlierEvidence items={area.earlierEvidence} />
                {stepsByArea.get(area.slug)?.length ? (
                  <>
                    <h4 className="mt-3 text-sm font-semibold uppercase tracking-wide text-stone-600">Completed pathway steps</h4>
                    <StepEvidenceList items={stepsByArea.get(area.slug)!} linkSteps />
                  </>
                ) : null}
              </article>
            ))}
            {otherSteps.length ? (
              <article aria-labelledby="evidence-other-steps" className="rounded-lg border border-stone-200 bg-white p-4">
                <h3 id="evidence-other-steps" className="text-lg font-semibold">
                  Other completed pathway steps
                </h3>
                <StepEvidenceList items={otherSteps} linkSteps />
              </article>
            ) : null}
          </div>
        ) : (
          <p className="mt-2 text-stone-700">
            No evidence yet. Notes and links in your assessment, and the steps you complete on a{" "}
            <Link to="/pathways">pathway</Link>, make your review pack more useful to your manager.
          </p>
        )}
      </section>

      <section aria-labelledby="assessments-title" className="mt-10">
        <h2 id="assessments-title" className="text-2xl font-semibold">
          All your assessments
        </h2>
        <ol className="mt-4 space-y-2">
          {[...assessments].reverse().map((assessment) => (
            <li
              key={assessment.id}
              className="flex flex-wrap items-baseline gap-x-3 gap-y-1 rounded-lg border border-stone-200 bg-white p-3"
            >
              <time dateTime={assessment.submittedAt} className="font-semibold">
                {assessment.submittedOn}
              </time>
              <span className="text-stone-700">
                {assessment.framework}, version {assessment.version}
              </span>
              {assessment.isBaseline ? (
                <span className="rounded-full bg-stone-100 px-2 py-0.5 text-xs font-semibold uppercase tracking-wide text-stone-700">
                  Baseline
                </span>
              ) : null}
              {assessment.id === latest.id ? (
                <span className="rounded-full bg-brand-100 px-2 py-0.5 text-xs font-semibold uppercase tracking-wide text-brand-900">
                  Latest
                </span>
              ) : null}
            </li>
          ))}
        </ol>
        <p className="mt-4">
          <Link to="/me/assessment">Take a new self-assessment</Link> to add to your history. Submitted assessments are
          kept exactly as you sent them.
        </p>
      </section>
    </>
  );
}

/** "A", "A and B", "A, B and C". */
function listOf(names: string[]): string {
  return names.length > 1 ? `${names.slice(0, -1).join(", ")} and ${names.at(-1)}` : (names[0] ?? "");
}

function EditionChanges({ changes }: { changes: Profile["editionChanges"] }) {
  if (changes.length === 0) return null;
  return (
    <section aria-labelledby="editions-title" className="mt-6 max-w-3xl rounded-lg border border-amber-300 bg-amber-50 p-4">
      <h2 id="editions-title" className="text-lg font-semibold text-amber-950">
        Your history crosses a change of framework
      </h2>
      <ul className="mt-2 space-y-2 text-stone-800">
        {changes.map((change) => (
          <li key={change.assessmentId}>
            From {change.submittedOn}, your assessments are against the {change.to} instead of the {change.from}.{" "}
            {change.crosswalk
              ? "Your earlier stages and targets are carried into the newer areas through the crosswalk between them: an area split in two gives both parts your earlier stage, and where areas were merged the lowest of their stages is shown."
              : "No crosswalk carries this change into your latest framework, so nothing is carried over: your earlier history is shown on its own."}
            {change.crosswalk?.note ? <span className="mt-1 block text-sm text-stone-700">About the crosswalk: {change.crosswalk.note}</span> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}

/** One area's stages at each assessment: a small table whose rows the caller gives. */
function AreaHistoryTable({ name, children }: { name: string; children: ReactNode }) {
  return (
    <div className="rounded-lg border border-stone-200 bg-white p-3">
      <table className="w-full text-left text-sm">
        <caption className="pb-1 text-left font-semibold text-stone-900">{name}</caption>
        <thead>
          <tr className="border-b border-stone-200">
            <th scope="col" className="w-1/2 py-1.5 pr-3 font-medium text-stone-600">
              Date
            </th>
            <th scope="col" className="py-1.5 font-medium text-stone-600">
              Stage
            </th>
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
