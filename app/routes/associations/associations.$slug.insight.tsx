// /associations/:slug/insight — for the people who run an association (its
// owner and moderators, and site administrators): how its members rate
// themselves per competency area, the change over twelve months, the pathways
// they follow and the forum's activity. Anonymous by construction: only
// aggregated figures reach this page, and figures built from self-assessments
// only for groups of at least five members.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { ErrorPage } from "~/components/error-page";
import {
  ActivityChart,
  FigureCell,
  FigureRow,
  FigureTable,
  MedianChangeChart,
  monthLabel,
  PathwayBars,
  StageColumns,
  StageKey,
} from "~/components/insight-charts";
import { describeChange, nameList, sortByShown } from "~/domain/insight/distribution";
import { getAssociationInsight } from "~/domain/insight/insight.server";
import { contributorsNeeded, INSIGHT_MIN_GROUP, SUPPRESSED_TEXT } from "~/domain/insight/policy";
import { requireMember } from "~/utils/auth.server";
import { formatLongDay } from "~/utils/zoned-dates";
import { failureResponse } from "~/utils/http.server";

export { headers } from "~/utils/headers";

// Calendar days ("YYYY-MM-DD"): the same day in every zone.
const formatDay = (isoDate: string) => formatLongDay(isoDate);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireMember(request);
  const result = await getAssociationInsight(actor, params.slug ?? "");
  if (!result.ok) throw failureResponse(result);
  const insight = result.value;
  // Aggregated figures only: the domain never hands over a member's id, name or rating.
  return {
    ...insight,
    asOfText: formatDay(insight.asOf),
    comparedWithText: formatDay(insight.comparedWith),
  };
}

type PageData = ReturnType<typeof useLoaderData<typeof loader>>;

function Section({ id, title, intro, children }: { id: string; title: string; intro: ReactNode; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="mt-10 print:mt-6">
      <h2 id={id} className="text-2xl font-semibold">
        {title}
      </h2>
      <div className="mt-2 max-w-3xl text-stone-700">{intro}</div>
      {children}
    </section>
  );
}

/** Said once, at the top, while too few members contribute for any self-assessment figure. */
function TooFewContributors({ page }: { page: PageData }) {
  const contributors = page.contributors.now;
  const needed = contributorsNeeded(contributors);
  if (!page.framework || needed === 0) return null;
  return (
    <section aria-labelledby="stages-title" className="mt-8 max-w-3xl rounded-lg border border-amber-300 bg-amber-50 p-4">
      <h2 id="stages-title" className="text-xl font-semibold">
        Self-assessed stages: not enough members yet
      </h2>
      <p className="mt-2 text-stone-800">
        {contributors === 0
          ? "No member’s self-assessment counts towards these figures yet."
          : `${contributors} ${contributors === 1 ? "member’s self-assessment counts" : "members’ self-assessments count"} towards these figures.`}{" "}
        The stages per area and their change over twelve months are shown once at least {INSIGHT_MIN_GROUP} members
        contribute, so that no one can be identified: {needed} more {needed === 1 ? "is" : "are"} needed.
      </p>
      <p className="mt-2 text-sm text-stone-700">
        A member contributes once they have submitted a self-assessment and allow it to count in their profile settings.
      </p>
    </section>
  );
}

/** The areas whose figure is withheld, named together in one sentence. */
function WithheldNote({ areas, children }: { areas: { name: string }[]; children: ReactNode }) {
  if (areas.length === 0) return null;
  return (
    <p className="mt-4 max-w-3xl text-stone-700">
      {children} {nameList(areas.map((area) => area.name))}.
    </p>
  );
}

function StagesSection({ page }: { page: PageData }) {
  const { framework, areas } = page;
  if (framework && contributorsNeeded(page.contributors.now) > 0) return null;
  const { shown, withheld } = sortByShown(areas);
  return (
    <Section
      id="stages-title"
      title="Self-assessed stages per area"
      intro={
        <p>
          For each competency area, how many members placed themselves at each stage in their latest submitted
          self-assessment, and the middle (median) stage. Only current members who allow their assessments to count are
          included{framework ? <>: {page.contributors.now} members contribute</> : null}. An area is shown only when at
          least {INSIGHT_MIN_GROUP} of them rated it.
        </p>
      }
    >
      {!framework ? (
        <p className="mt-4 text-stone-700">No competency framework is in use yet, so there is nothing to count.</p>
      ) : (
        <>
          {shown.length ? (
            <>
              <StageKey stages={framework.stages} />
              <ul className="mt-4 grid gap-4 sm:grid-cols-2 lg:grid-cols-3 print:grid-cols-3">
                {shown.map((area) => (
                  <li key={area.slug} className="break-inside-avoid rounded-lg border border-stone-200 bg-white p-4">
                    <h3 className="font-semibold">{area.name}</h3>
                    <div className="mx-auto mt-2 max-w-xs">
                      <StageColumns areaName={area.name} figure={area.now} />
                    </div>
                    <p className="mt-1 text-sm text-stone-700">
                      {area.now.members} members · median: {area.now.median.label}
                    </p>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          <WithheldNote areas={withheld}>
            {shown.length ? "Not shown, because fewer than" : "No area can be shown yet, because fewer than"}{" "}
            {INSIGHT_MIN_GROUP} members rated {withheld.length === 1 ? "it" : "each of them"}:
          </WithheldNote>
          {shown.length ? (
            <FigureTable
              label="Self-assessed stages per area, as a table"
              caption={<>Members at each stage per area, latest self-assessments as of {page.asOfText}</>}
              columns={[
                "Area",
                "Members",
                ...framework.stages.map((stage) => (
                  // On a phone the stage number only (the key above names it); screen readers always hear the name.
                  <>
                    {stage.position}
                    <span className="sr-only sm:not-sr-only">. {stage.name}</span>
                  </>
                )),
                "Median",
              ]}
            >
              {shown.map((area) => (
                <FigureRow key={area.slug} header={area.name}>
                  <FigureCell>{area.now.members}</FigureCell>
                  {area.now.stages.map((stage) => (
                    <FigureCell key={stage.position}>{stage.members}</FigureCell>
                  ))}
                  <FigureCell>{area.now.median.label}</FigureCell>
                </FigureRow>
              ))}
            </FigureTable>
          ) : null}
        </>
      )}
    </Section>
  );
}

/** Says how assessments in other frameworks enter the figures: through a crosswalk, or not at all. */
function OtherFrameworksNote({ page }: { page: PageData }) {
  const { framework, otherFrameworks } = page;
  if (!framework || otherFrameworks.length === 0) return null;
  const crosswalked = otherFrameworks.filter((other) => other.crosswalked);
  const uncompared = otherFrameworks.filter((other) => !other.crosswalked);
  const current = `${framework.name} ${framework.version}`;
  return (
    <div className="mt-3 max-w-3xl space-y-2 rounded-lg border border-amber-300 bg-amber-50 p-3 text-stone-800">
      {crosswalked.map((other) => (
        <p key={other.framework}>
          Some of these assessments were taken against the {other.framework}. They are compared with the {current} through
          the crosswalk between the two: an area that was split counts the earlier stage in each part, and merged areas
          count the lowest of their stages.
          {other.note ? <span className="mt-1 block text-sm text-stone-700">About the crosswalk: {other.note}</span> : null}
        </p>
      ))}
      {uncompared.map((other) => (
        <p key={other.framework}>
          {other.inThen && !other.inNow
            ? `The comparison with ${page.comparedWithText} is not available for members who were then assessed against the ${other.framework}: no crosswalk links it to the ${current}, so their earlier stages are not counted.`
            : `Assessments against the ${other.framework} are not counted: no crosswalk links it to the ${current}, so a comparison is not available for them.`}
        </p>
      ))}
    </div>
  );
}

function ChangeSection({ page }: { page: PageData }) {
  const { framework, areas } = page;
  if (!framework || contributorsNeeded(page.contributors.now) > 0) return null;
  const { shown, compared, notCompared } = sortByShown(areas);
  if (shown.length === 0) return null;
  return (
    <Section
      id="change-title"
      title="Change over twelve months"
      intro={
        <p>
          The median stage per area for the same members on {page.comparedWithText} (their latest self-assessment
          submitted by then) and today. Each figure needs {INSIGHT_MIN_GROUP} members on its own, so an area may show
          today’s median without last year’s. A change of half a stage means the middle of the group moved between two
          stages.
        </p>
      }
    >
      <OtherFrameworksNote page={page} />
      {compared.length ? (
        <>
          <div className="mt-4">
            <MedianChangeChart rows={compared} stages={framework.stages} />
          </div>
          <FigureTable
            label="Change over twelve months, as a table"
            caption={
              <>
                Median self-assessed stage per area on {page.comparedWithText} and on {page.asOfText}
              </>
            }
            columns={["Area", "Median a year ago", "Median now", "Change"]}
          >
            {compared.map((area) => (
              <FigureRow key={area.slug} header={area.name}>
                <FigureCell>{area.then.median.label}</FigureCell>
                <FigureCell>{area.now.median.label}</FigureCell>
                <FigureCell>{describeChange(area.change)}</FigureCell>
              </FigureRow>
            ))}
          </FigureTable>
        </>
      ) : null}
      {compared.length ? (
        <WithheldNote areas={notCompared}>
          No change is shown for these areas, because fewer than {INSIGHT_MIN_GROUP} of today’s contributors had rated
          them by {page.comparedWithText}:
        </WithheldNote>
      ) : (
        <p className="mt-4 max-w-3xl text-stone-700">
          No change can be shown yet: fewer than {INSIGHT_MIN_GROUP} of today’s contributors had rated any area by{" "}
          {page.comparedWithText}.
        </p>
      )}
    </Section>
  );
}

function PathwaysSection({ page }: { page: PageData }) {
  const { pathways } = page;
  return (
    <Section
      id="pathways-title"
      title="Pathways"
      intro={
        <p>
          How many of the association’s current members are enrolled in each pathway, and how many of them have
          completed it. The association’s own pathways come first, then the other pathways its members follow.
        </p>
      }
    >
      {pathways.length === 0 ? (
        <p className="mt-4 text-stone-700">
          No member is enrolled in a pathway yet, and the association has not published one.
        </p>
      ) : (
        <>
          <div className="mt-4">
            <PathwayBars pathways={pathways} />
          </div>
          <FigureTable
            label="Pathways, as a table"
            caption="Members enrolled in and completing each pathway"
            columns={["Pathway", "Whose", "Enrolled", "Completed"]}
          >
            {pathways.map((pathway) => (
              <FigureRow key={pathway.slug} header={<Link to={`/pathways/${pathway.slug}`}>{pathway.title}</Link>}>
                <FigureCell>{pathway.own ? "This association" : "Elsewhere"}</FigureCell>
                <FigureCell>{pathway.enrolled}</FigureCell>
                <FigureCell>{pathway.completed}</FigureCell>
              </FigureRow>
            ))}
          </FigureTable>
        </>
      )}
    </Section>
  );
}

function CommitmentsSection({ page }: { page: PageData }) {
  const { commitments } = page;
  return (
    <Section
      id="commitments-insight-title"
      title="Commitments to change at 90 days"
      intro={
        <p>
          Members who complete a pathway step may commit to a change in their work, and are asked 90 days later whether they made it.
          Per pathway, the share of answered commitments carried out (those called no longer relevant are left out), only from
          members who chose to count, and only when at least {INSIGHT_MIN_GROUP} members make up the figure.
        </p>
      }
    >
      {commitments.length === 0 ? (
        <p className="mt-4 text-stone-700">No counted member has answered a 90-day check-in yet.</p>
      ) : (
        <FigureTable
          label="Commitments to change, as a table"
          caption="Commitments carried out at 90 days, per pathway"
          columns={["Pathway", "Carried out", "Answered"]}
        >
          {commitments.map((figure) => (
            <FigureRow key={figure.slug} header={<Link to={`/pathways/${figure.slug}`}>{figure.title}</Link>}>
              <FigureCell>{figure.carriedOutPercent === null ? SUPPRESSED_TEXT : `${figure.carriedOutPercent}%`}</FigureCell>
              <FigureCell>{figure.answered ?? "—"}</FigureCell>
            </FigureRow>
          ))}
        </FigureTable>
      )}
    </Section>
  );
}

function ActivitySection({ page }: { page: PageData }) {
  const { activity } = page;
  return (
    <Section
      id="activity-title"
      title="Forum activity"
      intro={
        <p>
          What happened in the association’s forum each month over the last twelve months (the current month so far):
          threads started, replies, and how many different people posted. Deleted and hidden posts are not counted.
        </p>
      }
    >
      <div className="mt-4">
        <ActivityChart months={activity} />
      </div>
      <FigureTable
        label="Forum activity, as a table"
        caption="Forum activity per month"
        columns={["Month", "Threads started", "Replies", "Active members"]}
      >
        {activity.map((month) => (
          <FigureRow key={month.month} header={monthLabel(month.month)} alignTop={false}>
            <FigureCell>{month.threads}</FigureCell>
            <FigureCell>{month.replies}</FigureCell>
            <FigureCell>{month.activeMembers}</FigureCell>
          </FigureRow>
        ))}
      </FigureTable>
    </Section>
  );
}

export default function AssociationInsightPage() {
  const page = useLoaderData<typeof loader>();
  const base = `/associations/${page.association.slug}`;
  return (
    <>
      <p className="no-print">
        <Link to={base}>← {page.association.name}</Link>
      </p>
      <header className="mt-3">
        <h1 className="break-words text-3xl font-bold">Insight: {page.association.name}</h1>
        <p className="mt-1 text-stone-700">
          Figures as of <time dateTime={page.asOf}>{page.asOfText}</time>
        </p>
      </header>
      <div className="mt-4 max-w-3xl space-y-2 text-stone-800">
        <p>
          These figures help the people who run the association see where its members are and what they do. They never
          show any one member’s ratings: self-assessed stages are counted together, only for groups of at least{" "}
          {INSIGHT_MIN_GROUP} members, and only for members who allow it in their profile settings.
        </p>
        <p className="no-print">
          <a href={`${base}/insight.csv`} download>
            Download these figures (CSV)
          </a>
        </p>
      </div>
      <TooFewContributors page={page} />
      <StagesSection page={page} />
      <ChangeSection page={page} />
      <PathwaysSection page={page} />
      <CommitmentsSection page={page} />
      <ActivitySection page={page} />
    </>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data: page }) => [
  { title: page ? `Insight · ${page.association.name} · CME Commons` : "Insight · CME Commons" },
];

export function ErrorBoundary() {
  return <ErrorPage />;
}
