import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ProgressBar } from "~/components/progress-bar";
import { frameworkVersionPath } from "~/domain/competencies/reading.server";
import { versionsForPerson } from "~/domain/competencies/rights.server";
import { getHomeSummary } from "~/domain/members/onboarding.server";
import { getHomePathways } from "~/domain/pathways/recommendations.server";
import { formatEffort, progressText } from "~/domain/pathways/constants";
import { requireMember } from "~/utils/auth.server";
import { countWord } from "~/utils/numbers";

export { headers } from "~/utils/headers";

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireMember(request);
  const [summary, pathways, versions] = await Promise.all([
    getHomeSummary(actor.userId),
    getHomePathways(actor.userId),
    // The numbers follow the framework this member assesses against (an
    // imported edition may have nine areas; an association may use its own).
    versionsForPerson(actor),
  ]);
  const only = versions.length === 1 ? versions[0]! : null;
  return {
    summary,
    pathways,
    framework: only ? { areas: only.areaCount, stages: only.stageCount } : null,
    frameworks: versions.map((version) => ({
      href: frameworkVersionPath(version),
      label: `${version.frameworkName}, version ${version.version}`,
      via: version.via,
    })),
  };
}

export const meta: MetaFunction = () => [{ title: "Your home · CME Commons" }];

export default function Home() {
  const { summary, pathways, framework, frameworks } = useLoaderData<typeof loader>();
  return (
    <>
      <h1 className="text-3xl font-bold">Welcome, {summary.displayName}</h1>
      <p className="mt-2 text-lg text-stone-700">Here is what to do next.</p>

      <section aria-labelledby="next-title" className="mt-8">
        <h2 id="next-title" className="text-xl font-semibold">
          Your next steps
        </h2>
        <ol className="mt-4 space-y-3">
          <li className="rounded-lg border border-stone-200 bg-white p-4">
            <h3 className="font-semibold">
              {summary.profileComplete ? "Your profile is complete" : "Complete your profile"}
            </h3>
            <p className="mt-1 text-stone-700">
              {summary.profileComplete
                ? "Other members can find you in the directory and see what you chose to share."
                : `${summary.missingCount} part${summary.missingCount === 1 ? " is" : "s are"} still empty. Tell colleagues about your work, and choose who sees each part.`}
            </p>
            <p className="mt-2">
              <Link to="/settings/profile">Edit your profile</Link> · <Link to={`/members/${summary.handle}`}>See it as others do</Link>
            </p>
          </li>
          <li className="rounded-lg border border-stone-200 bg-white p-4">
            <h3 className="font-semibold">Read the competency framework</h3>
            <p className="mt-1 text-stone-700">
              {framework
                ? `${countWord(framework.areas, { capitalized: true })} areas and ${countWord(framework.stages)} stages describe`
                : "Its areas and stages describe"}{" "}
              what growth looks like in accredited continuing education work. Reading it first makes the self-assessment
              quicker.
            </p>
            {frameworks.length > 1 ? (
              <>
                <p className="mt-2 text-stone-700">Your associations assess against different frameworks:</p>
                <ul className="mt-1 list-disc pl-6">
                  {frameworks.map((item) => (
                    <li key={item.href}>
                      <Link to={item.href}>{item.label}</Link>
                      {item.via.length > 0 ? <span className="text-stone-600"> ({item.via.join(", ")})</span> : null}
                    </li>
                  ))}
                </ul>
              </>
            ) : (
              <p className="mt-2">
                <Link to={frameworks[0]?.href ?? "/competencies"}>Browse the competency areas</Link>
              </p>
            )}
          </li>
          <li className="rounded-lg border border-stone-200 bg-white p-4">
            {summary.assessments.draftStep !== null ? (
              <>
                <h3 className="font-semibold">Finish your self-assessment</h3>
                <p className="mt-1 text-stone-700">Your answers are saved. Pick up at area {summary.assessments.draftStep}.</p>
                <p className="mt-2">
                  <Link to="/me/assessment">Continue your self-assessment</Link>
                </p>
              </>
            ) : summary.assessments.submitted === 0 ? (
              <>
                <h3 className="font-semibold">Take your baseline self-assessment</h3>
                <p className="mt-1 text-stone-700">
                  Rate yourself in each area to get a baseline you can compare against at your next review. It saves
                  as you go, so you can stop and come back.
                </p>
                <p className="mt-2">
                  <Link to="/me/assessment">Start your baseline</Link>
                </p>
              </>
            ) : (
              <>
                <h3 className="font-semibold">Your competency profile</h3>
                <p className="mt-1 text-stone-700">
                  {summary.assessments.submitted === 1
                    ? "Your baseline is in. Reassess before your next review to see how you have grown."
                    : `${summary.assessments.submitted} assessments so far: see your change, gaps and strengths.`}
                </p>
                <p className="mt-2">
                  <Link to="/me/competencies">Open your competency profile</Link> · <Link to="/me/assessment">Reassess</Link>
                </p>
              </>
            )}
          </li>
          <li className="rounded-lg border border-stone-200 bg-white p-4">
            <h3 className="font-semibold">Grow along a pathway</h3>
            <p className="mt-1 text-stone-700">
              Step by step: the fundamentals of CME for newcomers, career growth, and preparing for the CHCP®
              credential.
            </p>
            <p className="mt-2">
              <Link to="/pathways">Browse the pathways</Link> · <Link to="/me/plans">Your activity plans</Link>
            </p>
          </li>
          <li className="rounded-lg border border-stone-200 bg-white p-4">
            <h3 className="font-semibold">Join the conversation</h3>
            <p className="mt-1 text-stone-700">
              Ask and answer in the community forum, join your associations, or find colleagues by role and credential.
            </p>
            <p className="mt-2">
              <Link to="/forums/community">Community forum</Link> · <Link to="/associations">Associations</Link> ·{" "}
              <Link to="/members">Member directory</Link>
            </p>
          </li>
        </ol>
      </section>

      <HomePathways enrolled={pathways.enrolled} />
      <RecommendedNext recommendations={pathways.recommendations} />
    </>
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
