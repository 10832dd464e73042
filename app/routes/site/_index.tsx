// / — the front page for visitors: what CME Commons does today, with a link to
// each part. Every sentence describes something that works now. A signed-in
// member is sent to their own home (/home) instead.
import { redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { assessmentMinutes } from "~/domain/assessments/constants";
import { getCurrentFrameworkCounts } from "~/domain/competencies/frameworks.server";
import { getActor } from "~/utils/auth.server";
import { countWord } from "~/utils/numbers";

export { headers } from "~/utils/headers";

export async function loader({ request }: LoaderFunctionArgs) {
  if ((await getActor(request)).kind === "member") throw redirect("/home");
  // Public page. The numbers follow the framework version in use: an imported edition may have nine areas.
  const counts = await getCurrentFrameworkCounts();
  return { framework: counts ? { ...counts, minutes: assessmentMinutes(counts.areas) } : null };
}

export const meta: MetaFunction = () => [
  { title: "CME Commons — a professional home for healthcare CPD professionals" },
  {
    name: "description",
    content:
      "Competency self-assessments and profiles, step-by-step pathways, a community forum, association spaces and shared statements for the people who plan, accredit and evaluate continuing education in the health professions.",
  },
];

type Feature = { title: string; text: string; links: { to: string; label: string }[] };

function features(framework: ReturnType<typeof useLoaderData<typeof loader>>["framework"]): Feature[] {
  return [
    {
      title: "Take stock of your skills",
      text: framework
        ? `The competency framework describes ${countWord(framework.areas)} areas of the work, each across ${countWord(framework.stages)} stages from novice to expert. The self-assessment takes one area at a time, saves as you go, and takes about ${framework.minutes} minutes.`
        : "The competency framework describes each area of the work in stages from novice to expert. The self-assessment takes one area at a time and saves as you go.",
      links: [
        { to: "/competencies", label: "Read the framework" },
        { to: "/me/assessment", label: "Start a self-assessment" },
      ],
    },
    {
      title: "Bring a profile to your review",
      text: "Your competency profile compares your baseline, your latest assessment and your targets, and shows change, gaps and evidence. Print it as a review pack, export it, invite a colleague to rate you, or share a read-only link that expires.",
      links: [{ to: "/me/competencies", label: "Your competency profile" }],
    },
    {
      title: "Grow along a pathway",
      text: "Ordered steps for newcomers, for career growth and for preparing the CHCP® credential, each tied to competency areas. A planner takes you through a mock CME activity, from practice gap to evaluation.",
      links: [
        { to: "/pathways", label: "Browse the pathways" },
        { to: "/me/plans", label: "Open the activity planner" },
      ],
    },
    {
      title: "Ask colleagues",
      text: "A community forum on accreditation, needs assessment and outcomes, and careers, with search and notifications, and a directory of members by role and credential.",
      links: [
        { to: "/forums/community", label: "Community forum" },
        { to: "/members", label: "Member directory" },
      ],
    },
    {
      title: "Run your association here",
      text: "An association gets its own forum and categories, invitations and join requests, moderators, and an anonymous picture of where its members stand in each competency area, shown only for groups of five or more.",
      links: [{ to: "/associations", label: "Associations" }],
    },
    {
      title: "Say what the profession stands for",
      text: "Members write shared statements together: they suggest wording, compare versions, signal agreement and sign, and an adopted version stays on record unchanged.",
      links: [{ to: "/statements", label: "Statements" }],
    },
  ];
}

export default function Home() {
  const { framework } = useLoaderData<typeof loader>();
  return (
    <>
      <section aria-labelledby="intro-title" className="max-w-3xl">
        <h1 id="intro-title" className="text-3xl font-bold leading-tight sm:text-4xl">
          A professional home for healthcare CPD professionals
        </h1>
        <p className="mt-4 text-lg text-stone-700">
          CME Commons is for the people who plan, accredit and evaluate continuing education for physicians and the
          whole care team (CME/CE). Take stock of your skills against a shared competency framework, follow
          step-by-step pathways, and work out with your associations what the profession stands for.
        </p>
        <p className="mt-6 flex flex-wrap gap-3">
          <Link
            to="/signup"
            className="inline-block rounded-md bg-brand-700 px-5 py-3 font-semibold text-white no-underline hover:bg-brand-800 hover:text-white"
          >
            Create your account
          </Link>
          <Link
            to="/competencies"
            className="inline-block rounded-md border border-brand-700 bg-white px-5 py-3 font-semibold text-brand-800 no-underline hover:bg-brand-50"
          >
            Explore the competency framework
          </Link>
        </p>
      </section>

      <section aria-labelledby="features-title" className="mt-12">
        <h2 id="features-title" className="text-2xl font-semibold">
          What you can do here
        </h2>
        <ul className="mt-4 grid gap-4 md:grid-cols-2 lg:grid-cols-3">
          {features(framework).map((feature) => (
            <li key={feature.title} className="flex flex-col rounded-lg border border-stone-200 bg-white p-5 shadow-sm">
              <h3 className="text-lg font-semibold">{feature.title}</h3>
              <p className="mt-2 flex-1 text-stone-700">{feature.text}</p>
              <p className="mt-3 flex flex-wrap gap-x-4 gap-y-1">
                {feature.links.map((link) => (
                  <Link key={link.to} to={link.to} className="font-semibold">
                    {link.label}
                  </Link>
                ))}
              </p>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="audiences-title" className="mt-12 max-w-3xl">
        <h2 id="audiences-title" className="text-2xl font-semibold">
          Who it is for
        </h2>
        <ul className="mt-4 space-y-3 text-stone-800">
          <li>
            <strong>People new to the field</strong>, who often arrive from clinical work, administration, meeting
            planning or teaching: the <Link to="/pathways/newcomer-onboarding">newcomer pathway</Link> explains the
            basics and ends with a first practice activity.
          </li>
          <li>
            <strong>Professionals preparing a performance review</strong>: the stage descriptors give you and your
            manager a shared reference point, and the review pack shows where you stand and how you have grown.
          </li>
          <li>
            <strong>Associations</strong>: their owners and moderators get a home for member discussion, shared
            statements and an anonymous view of where members need development.{" "}
            <Link to="/associations/new">Start an association</Link> once you have an account.
          </li>
        </ul>
      </section>

      <aside aria-label="About the framework" className="mt-12 max-w-3xl border-t border-stone-200 pt-4 text-sm text-stone-600">
        <p>
          The competency framework that comes with CME Commons is written by CME Commons. Its area names follow the
          public labels of an earlier edition of the competencies of the Alliance for Continuing Education in the Health
          Professions. CME Commons is not affiliated with or endorsed by the Alliance. Administrators can import
          another framework, such as a licensed copy of the Alliance’s current edition.
        </p>
      </aside>
    </>
  );
}
