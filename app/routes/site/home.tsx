import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { ChcpPanel } from "~/components/chcp";
import { HomeGoals, TimeZoneQuestion } from "~/components/home-goals";
import { ProgressBar } from "~/components/progress-bar";
import { frameworkVersionPath } from "~/domain/competencies/reading.server";
import { versionsForPerson } from "~/domain/competencies/rights.server";
import { getHomeGoals } from "~/domain/goals/home.server";
import { getHomeSummary } from "~/domain/members/onboarding.server";
import { getHomeAssociations, getHomeChcp } from "~/domain/pages/home.server";
import type { PathwayFocus } from "~/domain/pathways/home-focus";
import { getHomePathways } from "~/domain/pathways/recommendations.server";
import { formatEffort, progressText } from "~/domain/pathways/constants";
import { requireMember } from "~/utils/auth.server";
import { now } from "~/utils/clock.server";
import { countWord } from "~/utils/numbers";

export { headers } from "~/utils/headers";

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireMember(request);
  const [summary, pathways, versions, associations, chcp, goals] = await Promise.all([
    getHomeSummary(actor.userId),
    getHomePathways(actor.userId),
    // The numbers follow the framework this member assesses against (an
    // imported edition may have nine areas; an association may use its own).
    versionsForPerson(actor),
    getHomeAssociations(actor),
    getHomeChcp(actor),
    getHomeGoals(actor, now()),
  ]);
  const only = versions.length === 1 ? versions[0]! : null;
  return {
    summary,
    pathways,
    associations,
    chcp,
    goals,
    framework: only ? { areas: only.areaCount, stages: only.stageCount } : null,
    frameworks: versions.map((version) => ({
      href: frameworkVersionPath(version),
      label: `${version.frameworkName}, version ${version.version}`,
      via: version.via,
    })),
  };
}

export const meta: MetaFunction = () => [{ title: "Your home · CME Commons" }];

type Data = ReturnType<typeof useLoaderData<typeof loader>>;

/** One item of the checklist: done or not, what it says, and where to go. */
type Item = { key: string; done: boolean; title: string; body: ReactNode; links: ReactNode; progress?: ReactNode };

const FOCUS_WHY: Record<PathwayFocus["reason"], string> = {
  newcomer: "Start here: the basics of accredited continuing education, one step at a time.",
  enrolled: "A pathway you are following.",
  "career-ready": "Suggested because you have finished onboarding or rate yourself Competent or above in half of the areas.",
  "credential-ready":
    "Suggested because you rate yourself Competent or above in most areas and your profile does not list the CHCP® credential.",
};

function checklist({ summary, pathways, associations, framework, frameworks }: Data): Item[] {
  const { assessments } = summary;
  const items: Item[] = [
    {
      key: "profile",
      done: summary.profileComplete,
      title: summary.profileComplete ? "Your profile is complete" : "Complete your profile",
      body: summary.profileComplete
        ? "Other members can find you in the directory and see what you chose to share."
        : `${summary.missingCount} part${summary.missingCount === 1 ? " is" : "s are"} still empty. Tell colleagues about your work, and choose who sees each part.`,
      links: (
        <>
          <Link to="/settings/profile">Edit your profile</Link> · <Link to={`/members/${summary.handle}`}>See it as others do</Link>
        </>
      ),
    },
    {
      key: "baseline",
      done: assessments.submitted > 0,
      title:
        assessments.submitted > 0
          ? "Your baseline self-assessment is in"
          : assessments.draftStep !== null
            ? "Finish your self-assessment"
            : "Take your baseline self-assessment",
      body:
        assessments.submitted > 0 ? (
          assessments.submitted === 1 ? (
            "Reassess before your next review to see how you have grown."
          ) : (
            `${countWord(assessments.submitted, { capitalized: true })} assessments so far: see your change, gaps and strengths.`
          )
        ) : assessments.draftStep !== null ? (
          `Your answers are saved. Pick up at area ${assessments.draftStep}.`
        ) : (
          <>
            Rate yourself in each area to get a baseline you can compare against at your next review. It saves as you go.{" "}
            {framework
              ? `${countWord(framework.areas, { capitalized: true })} areas and ${countWord(framework.stages)} stages describe`
              : "The framework's areas and stages describe"}{" "}
            what growth looks like: reading them first makes it quicker.
          </>
        ),
      links:
        assessments.submitted > 0 ? (
          <>
            <Link to="/me/competencies">Open your competency profile</Link> · <Link to="/me/assessment">Reassess</Link>
          </>
        ) : (
          <>
            <Link to="/me/assessment">{assessments.draftStep !== null ? "Continue your self-assessment" : "Start your baseline"}</Link>
            {" · "}
            <FrameworkLinks frameworks={frameworks} />
          </>
        ),
    },
  ];
  for (const pathway of pathways.focus) {
    items.push({
      key: `pathway-${pathway.slug}`,
      done: pathway.finished,
      title: pathway.finished ? `You finished ${pathway.title}` : pathway.enrolled ? `Continue ${pathway.title}` : `Start ${pathway.title}`,
      body: pathway.finished ? `All ${progressText(pathway.total, pathway.total)} done.` : FOCUS_WHY[pathway.reason],
      progress: pathway.finished ? null : (
        <ProgressBar
          className="mt-2"
          value={pathway.completed}
          max={pathway.total}
          label={`${pathway.title}: steps done`}
          text={`${progressText(pathway.completed, pathway.total)} done`}
        />
      ),
      links:
        pathway.next && !pathway.finished ? (
          <>
            Next step: <Link to={`/pathways/${pathway.slug}/steps/${pathway.next.key}`}>{pathway.next.title}</Link>
            {pathway.enrolled ? null : (
              <>
                {" · "}
                <Link to={`/pathways/${pathway.slug}`}>About {pathway.title}</Link>
              </>
            )}
          </>
        ) : (
          <Link to={`/pathways/${pathway.slug}`}>{pathway.title}</Link>
        ),
    });
  }
  items.push({
    key: "community",
    done: associations.memberships > 0,
    title: associations.memberships > 0 ? `You belong to ${countWord(associations.memberships)} association${associations.memberships === 1 ? "" : "s"}` : "Join an association",
    body:
      associations.memberships > 0
        ? "Talk shop in their forums and help write their statements."
        : "Associations have their own forums and statements. Find one for your setting, or ask and answer in the community forum.",
    links: (
      <>
        <Link to="/associations">Associations</Link> · <Link to="/forums/community">Community forum</Link> ·{" "}
        <Link to="/members">Member directory</Link>
      </>
    ),
  });
  return items;
}

function FrameworkLinks({ frameworks }: { frameworks: Data["frameworks"] }) {
  if (frameworks.length <= 1) return <Link to={frameworks[0]?.href ?? "/competencies"}>Browse the competency areas</Link>;
  return (
    <>
      Your associations assess against different frameworks:{" "}
      {frameworks.map((item, index) => (
        <span key={item.href}>
          {index > 0 ? ", " : null}
          <Link to={item.href}>{item.label}</Link>
          {item.via.length > 0 ? <span className="text-stone-600"> ({item.via.join(", ")})</span> : null}
        </span>
      ))}
    </>
  );
}

export default function Home() {
  const data = useLoaderData<typeof loader>();
  const items = checklist(data);
  const todo = items.filter((item) => !item.done);
  const done = items.filter((item) => item.done);
  const [next, ...later] = todo;
  return (
    <>
      <h1 className="text-3xl font-bold">Welcome, {data.summary.displayName}</h1>
      <p className="mt-2 text-lg text-stone-700">
        {next ? `${countWord(done.length, { capitalized: true })} of ${countWord(items.length)} done. Here is what to do next.` : "Everything on your list is done."}
      </p>
      <TimeZoneQuestion timeZone={data.goals.timeZone} />

      <section aria-labelledby="next-title" className="mt-8">
        <h2 id="next-title" className="text-xl font-semibold">
          Your next steps
        </h2>
        {next ? (
          <div className="mt-4 rounded-lg border-2 border-brand-700 bg-brand-50 p-4">
            <h3 className="text-xs font-semibold uppercase tracking-wide text-brand-800">Next step</h3>
            <ChecklistBody item={next} />
          </div>
        ) : null}
        {later.length > 0 ? (
          <>
            <h3 className="mt-6 font-semibold">Still to do</h3>
            <ul className="mt-2 space-y-3">
              {later.map((item) => (
                <li key={item.key} className="rounded-lg border border-stone-200 bg-white p-4">
                  <ChecklistBody item={item} />
                </li>
              ))}
            </ul>
          </>
        ) : null}
        {done.length > 0 ? (
          <details className="mt-6 rounded-lg border border-stone-200 bg-white p-4" open={!next}>
            <summary className="cursor-pointer font-semibold">Done ({done.length})</summary>
            <ul className="mt-3 space-y-3">
              {done.map((item) => (
                <li key={item.key} className="flex gap-3">
                  <span aria-hidden="true" className="font-bold text-green-800">
                    ✓
                  </span>
                  <div>
                    <p className="font-medium">
                      <span className="sr-only">Done: </span>
                      {item.title}
                    </p>
                    <p className="text-stone-700">{item.body}</p>
                    <p className="mt-1">{item.links}</p>
                  </div>
                </li>
              ))}
            </ul>
          </details>
        ) : null}
      </section>

      {data.chcp ? <ChcpPanel data={data.chcp} headingId="chcp-title" /> : null}
      <HomeGoals goals={data.goals.goals} checkIns={data.goals.checkIns} />
      <AssociationsYouRun run={data.associations.run} />
      <HomePathways enrolled={data.pathways.enrolled} />
      <RecommendedNext recommendations={data.pathways.recommendations} />
      <p className="mt-10 text-stone-700">
        More to explore: <Link to="/pathways">all pathways</Link> · <Link to="/me/plans">your activity plans</Link> ·{" "}
        <Link to="/me/chcp">your CHCP® log</Link> ·{" "}
        <Link to="/statements">statements</Link>
      </p>
    </>
  );
}

function ChecklistBody({ item }: { item: Item }) {
  return (
    <>
      <h4 className="font-semibold">{item.title}</h4>
      <p className="mt-1 text-stone-700">{item.body}</p>
      {item.progress}
      <p className="mt-2">{item.links}</p>
    </>
  );
}

/** Owners and moderators: what waits for them in each association they run. */
function AssociationsYouRun({ run }: { run: Data["associations"]["run"] }) {
  if (run.length === 0) return null;
  return (
    <section aria-labelledby="run-title" className="mt-10">
      <h2 id="run-title" className="text-xl font-semibold">
        Associations you run
      </h2>
      <ul className="mt-4 grid gap-3 md:grid-cols-2">
        {run.map((association) => (
          <li key={association.slug} className="rounded-lg border border-stone-200 bg-white p-4">
            <h3 className="font-semibold">
              <Link to={`/associations/${association.slug}`}>{association.name}</Link>
            </h3>
            <p className="text-sm text-stone-600">You are its {association.role === "OWNER" ? "owner" : "moderator"}.</p>
            <ul className="mt-2 space-y-1">
              <li>
                {association.waitingRequests > 0 ? (
                  <Link to={`/associations/${association.slug}/requests`}>
                    {countWord(association.waitingRequests, { capitalized: true })} join request{association.waitingRequests === 1 ? "" : "s"} waiting
                  </Link>
                ) : (
                  "No join requests waiting"
                )}
              </li>
              <li>
                {association.flaggedPosts > 0 ? (
                  <Link to="/moderation">
                    {countWord(association.flaggedPosts, { capitalized: true })} flagged post{association.flaggedPosts === 1 ? "" : "s"} waiting
                  </Link>
                ) : (
                  "No flagged posts waiting"
                )}
              </li>
              <li>
                <Link to={`/associations/${association.slug}/insight`}>Insight into its members</Link>
              </li>
            </ul>
          </li>
        ))}
      </ul>
    </section>
  );
}

type HomeData = ReturnType<typeof useLoaderData<typeof loader>>["pathways"];

function HomePathways({ enrolled }: { enrolled: HomeData["enrolled"] }) {
  if (enrolled.length === 0) return null;
  return (
    <section aria-labelledby="your-pathways-title" className="mt-10">
      <h2 id="your-pathways-title" className="text-xl font-semibold">
        Your pathways
      </h2>
      <ul className="mt-4 grid gap-3 md:grid-cols-2">
        {enrolled.map((pathway) => (
          <li key={pathway.slug} className="rounded-lg border border-stone-200 bg-white p-4">
            <h3 className="font-semibold">
              <Link to={`/pathways/${pathway.slug}`}>{pathway.title}</Link>
            </h3>
            <ProgressBar
              className="mt-2"
              value={pathway.completed}
              max={pathway.total}
              label={`${pathway.title}: your progress`}
              text={pathway.finished ? `Finished: ${progressText(pathway.completed, pathway.total)}` : progressText(pathway.completed, pathway.total)}
            />
            {pathway.next ? (
              <p className="mt-2 text-sm">
                Next: <Link to={`/pathways/${pathway.slug}/steps/${pathway.next.key}`}>{pathway.next.title}</Link>
              </p>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

function RecommendedNext({ recommendations }: { recommendations: HomeData["recommendations"] }) {
  const { pathways, steps, needsBaseline } = recommendations;
  if (pathways.length === 0 && steps.length === 0 && !needsBaseline) return null;
  return (
    <section aria-labelledby="recommended-title" className="mt-10">
      <h2 id="recommended-title" className="text-xl font-semibold">
        Recommended next
      </h2>
      {needsBaseline ? (
        <p className="mt-1 text-stone-700">
          You have not taken a baseline yet. <Link to="/me/assessment">Take your baseline self-assessment</Link> and these
          suggestions will follow the gaps between your stages and your targets.
        </p>
      ) : (
        <p className="mt-1 text-stone-700">Chosen from the gaps in your latest self-assessment and your role.</p>
      )}
      <ul className="mt-4 space-y-3">
        {pathways.map((pathway) => (
          <li key={pathway.slug} className="rounded-lg border border-brand-100 bg-brand-50 p-4">
            <p className="text-xs font-semibold uppercase tracking-wide text-brand-800">Pathway</p>
            <h3 className="font-semibold">
              <Link to={`/pathways/${pathway.slug}`}>{pathway.title}</Link>
            </h3>
            <p className="mt-1 text-stone-800">{pathway.reason}</p>
          </li>
        ))}
        {steps.map((step) => (
          <li key={`${step.pathwaySlug}/${step.key}`} className="rounded-lg border border-stone-200 bg-white p-4">
            <p className="text-xs font-semibold uppercase tracking-wide text-stone-600">
              Step · {step.pathwayTitle} · {formatEffort(step.effortMinutes)}
            </p>
            <h3 className="font-semibold">
              <Link to={`/pathways/${step.pathwaySlug}/steps/${step.key}`}>{step.title}</Link>
            </h3>
            <p className="mt-1 text-stone-800">{step.reason}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}
