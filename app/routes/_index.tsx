import type { MetaFunction } from "@remix-run/node";
import { Link, useSearchParams } from "@remix-run/react";

export { headers } from "~/utils/headers";

export const meta: MetaFunction = () => [
  { title: "CME Commons — a professional home for continuing medical education" },
];

const audiences = [
  {
    title: "New to CME work",
    text: "Many people arrive from clinical, administrative or meeting-planning roles. Start by reading what each competency area covers and what growth from novice to expert looks like.",
    status: "Onboarding pathways and a baseline self-assessment are on the way.",
  },
  {
    title: "Preparing a performance review",
    text: "Use the framework's stage descriptors as a shared, fair reference point for where you stand today and where you want to be next.",
    status: "A printable competency profile with history, gaps and evidence is on the way.",
  },
  {
    title: "Running an association",
    text: "Give your members a place to discuss their work and to write down, together, who the profession is.",
    status: "Association forums and shared identity statements are on the way.",
  },
];

export default function Home() {
  const [searchParams] = useSearchParams();
  return (
    <>
      <div role="status">
        {searchParams.get("deleted") === "1" ? (
          <p className="mb-6 rounded-md border border-brand-100 bg-brand-50 p-3 text-brand-900">
            Your account and your personal data have been deleted. Thank you for being part of CME Commons.
          </p>
        ) : null}
      </div>
      <section aria-labelledby="intro-title" className="max-w-3xl">
        <h1 id="intro-title" className="text-3xl font-bold leading-tight sm:text-4xl">
          A professional home for the people behind continuing medical education
        </h1>
        <p className="mt-4 text-lg text-stone-700">
          CME Commons is for everyone who plans, accredits and evaluates education for clinicians. Map your
          skills against a shared competency framework, grow along clear pathways, and shape what the
          profession stands for with your associations.
        </p>
        <p className="mt-6">
          <Link
            to="/competencies"
            className="inline-block rounded-md bg-brand-700 px-5 py-3 font-semibold text-white no-underline hover:bg-brand-800 hover:text-white"
          >
            Explore the competency framework
          </Link>
        </p>
      </section>

      <section aria-labelledby="audiences-title" className="mt-12">
        <h2 id="audiences-title" className="text-2xl font-semibold">
          Who it is for
        </h2>
        <ul className="mt-4 grid gap-4 md:grid-cols-3">
          {audiences.map((audience) => (
            <li key={audience.title} className="rounded-lg border border-stone-200 bg-white p-5 shadow-sm">
              <h3 className="text-lg font-semibold">{audience.title}</h3>
              <p className="mt-2 text-stone-700">{audience.text}</p>
              <p className="mt-3 text-sm text-stone-600">{audience.status}</p>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
