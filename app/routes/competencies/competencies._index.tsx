import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { FrameworkAttribution } from "~/components/framework-attribution";
import { FrameworkStages } from "~/components/framework-stages";
import { getCurrentFrameworkOverview } from "~/domain/competencies/frameworks.server";
import { LICENSED_TEXT_NOTE } from "~/domain/competencies/policy";
import { listLicensedVersions } from "~/domain/competencies/rights.server";
import { countWord } from "~/utils/numbers";
import { canonicalUrl, notFound } from "~/utils/http.server";
import { describeHtml, pageMeta } from "~/utils/page-meta";

export { headers } from "~/utils/headers";

export async function loader({ request }: LoaderFunctionArgs) {
  // Public page, the same for every reader: the site's default framework is
  // open to everyone; licensed ones are named here, never their text.
  const [framework, licensed] = await Promise.all([getCurrentFrameworkOverview(), listLicensedVersions()]);
  if (!framework) throw notFound("No competency framework has been published yet");
  return {
    licensed,
    description: describeHtml(framework.introductionHtml) || `The ${framework.framework.name}: its stages and competency areas.`,
    canonicalUrl: canonicalUrl(request, "/competencies"),
    framework: {
      ...framework,
      // The list shows each area's opening paragraph; the area page has the rest.
      areas: framework.areas.map(({ summaryHtml, ...area }) => ({
        ...area,
        teaserHtml: /<p>[\s\S]*?<\/p>/.exec(summaryHtml)?.[0] ?? "",
      })),
    },
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  data
    ? pageMeta({
        title: `Competency framework — ${data.framework.framework.name} · CME Commons`,
        description: data.description,
        url: data.canonicalUrl,
      })
    : [{ title: "Competencies · CME Commons" }];

export default function Competencies() {
  const { framework, licensed } = useLoaderData<typeof loader>();
  return (
    <>
      <header className="max-w-3xl">
        <p className="text-sm font-semibold text-brand-700">Competency framework</p>
        <h1 className="mt-1 text-3xl font-bold">{framework.framework.name}</h1>
        <p className="mt-1 text-stone-600">Version {framework.version}</p>
        <div className="prose-content mt-4 text-stone-800" dangerouslySetInnerHTML={{ __html: framework.introductionHtml }} />
      </header>

      <FrameworkStages stages={framework.stages} />

      <section aria-labelledby="areas-title" className="mt-10">
        <h2 id="areas-title" className="text-2xl font-semibold">
          {countWord(framework.areas.length, { capitalized: true })} competency areas
        </h2>
        <ol className="mt-4 grid gap-4 md:grid-cols-2">
          {framework.areas.map((area) => (
            <li key={area.slug} className="flex flex-col rounded-lg border border-stone-200 bg-white p-5 shadow-sm">
              <p className="text-xs font-semibold uppercase tracking-wide text-stone-500">Area {area.position}</p>
              <h3 className="text-lg font-semibold">
                <Link to={`/competencies/${area.slug}`}>{area.name}</Link>
              </h3>
              <div
                className="prose-content text-sm text-stone-700"
                dangerouslySetInnerHTML={{ __html: area.teaserHtml }}
              />
            </li>
          ))}
        </ol>
      </section>

      <FrameworkAttribution framework={framework} />

      {licensed.length > 0 ? (
        <section aria-labelledby="licensed-title" className="mt-10 max-w-3xl">
          <h2 id="licensed-title" className="text-2xl font-semibold">
            Licensed frameworks
          </h2>
          <p className="mt-1 text-stone-700">{LICENSED_TEXT_NOTE} Members of those associations use them in their self-assessments, and read them on their own pages.</p>
          <ul className="mt-3 space-y-2">
            {licensed.map((version) => (
              <li key={version.id} className="rounded-lg border border-stone-200 bg-white p-4">
                <p className="font-semibold">
                  <Link to={`/competencies/versions/${version.id}`}>
                    {version.name}, version {version.version}
                  </Link>
                </p>
                <p className="text-sm text-stone-700">
                  {version.publisher} · Licensed to{" "}
                  {version.licensees.map((licensee, index) => (
                    <span key={licensee.slug}>
                      {index > 0 ? ", " : null}
                      <Link to={`/associations/${licensee.slug}`}>{licensee.name}</Link>
                    </span>
                  ))}
                </p>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
