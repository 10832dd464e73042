import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getHomeSummary } from "~/domain/members/onboarding.server";
import { requireMember } from "~/utils/auth.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireMember(request);
  return { summary: await getHomeSummary(actor.userId) };
}

export const meta: MetaFunction = () => [{ title: "Your home · CME Commons" }];

export default function Home() {
  const { summary } = useLoaderData<typeof loader>();
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
              Eight areas and five stages describe what growth looks like in CME work. Reading it first makes the
              self-assessment quicker.
            </p>
            <p className="mt-2">
              <Link to="/competencies">Browse the competency areas</Link>
            </p>
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
          <li className="rounded-lg border border-dashed border-stone-300 bg-stone-50 p-4">
            <h3 className="font-semibold">Start the newcomer onboarding pathway</h3>
            <p className="mt-1 text-stone-700">
              Step by step: the fundamentals of CME, the communities to join, and a first mock activity. Coming soon.
            </p>
          </li>
          <li className="rounded-lg border border-stone-200 bg-white p-4">
            <h3 className="font-semibold">Meet other members</h3>
            <p className="mt-1 text-stone-700">Find colleagues by role, credential or organization.</p>
            <p className="mt-2">
              <Link to="/members">Open the member directory</Link>
            </p>
          </li>
        </ol>
      </section>
    </>
  );
}
