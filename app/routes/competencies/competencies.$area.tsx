import type { LoaderFunctionArgs, MetaFunction, SerializeFrom } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import type { BreadcrumbHandle } from "~/components/breadcrumbs";
import { FrameworkAttribution } from "~/components/framework-attribution";
import { getCurrentFrameworkArea } from "~/domain/competencies/frameworks.server";
import { canonicalUrl, notFound } from "~/utils/http.server";
import { describeHtml, pageMeta } from "~/utils/page-meta";

export { headers } from "~/utils/headers";

export async function loader({ request, params }: LoaderFunctionArgs) {
  // Public page. An unknown area is a 404, like any unknown URL.
  const area = await getCurrentFrameworkArea(params.area ?? "");
  if (!area) throw notFound("Competency area not found");
  const siblings = area.version.areas;
  const index = siblings.findIndex((candidate) => candidate.slug === area.slug);
  return {
    area: { slug: area.slug, name: area.name, position: area.position, summaryHtml: area.summaryHtml },
    stages: area.descriptors.map((descriptor) => ({ ...descriptor.stage, descriptor: descriptor.text })),
    framework: area.version,
    areaCount: siblings.length,
    areaIndex: index,
    previous: siblings[index - 1] ?? null,
    next: siblings[index + 1] ?? null,
    description: describeHtml(area.summaryHtml) || `${area.name}: what each stage of proficiency looks like in this competency area.`,
    canonicalUrl: canonicalUrl(request, `/competencies/${area.slug}`),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  data
    ? pageMeta({ title: `${data.area.name} — competency area · CME Commons`, description: data.description, url: data.canonicalUrl })
    : [{ title: "Competency area · CME Commons" }];

export const handle: BreadcrumbHandle<SerializeFrom<typeof loader>> = {
  breadcrumb: ({ area }) => [{ label: "Competency framework", to: "/competencies" }, { label: area.name }],
};

export default function CompetencyArea() {
  const { area, stages, framework, areaCount, areaIndex, previous, next } = useLoaderData<typeof loader>();
  return (
    <>
      <header className="mt-4 max-w-3xl">
        <p className="text-sm font-semibold text-brand-700">
          Area {areaIndex + 1} of {areaCount}
        </p>
        <h1 className="mt-1 text-3xl font-bold">{area.name}</h1>
        <div className="prose-content mt-4 text-stone-800" dangerouslySetInnerHTML={{ __html: area.summaryHtml }} />
      </header>

      <section aria-labelledby="stages-title" className="mt-10">
        <h2 id="stages-title" className="text-2xl font-semibold">
          What each stage looks like
        </h2>
        <ol className="mt-4 space-y-3">
          {stages.map((stage) => (
            <li key={stage.slug} className="rounded-lg border border-stone-200 bg-white p-5">
              <h3 className="flex flex-wrap items-baseline gap-x-3">
                <span className="text-xs font-semibold uppercase tracking-wide text-stone-500">
                  Stage {stage.position}
                </span>
                <span className="text-lg font-semibold">{stage.name}</span>
              </h3>
              <p className="mt-2 text-stone-800">{stage.descriptor}</p>
              <p className="mt-2 text-sm text-stone-600">
                <span className="font-medium">In general: </span>
                {stage.summary}
              </p>
            </li>
          ))}
        </ol>
      </section>

      <nav aria-label="Other areas" className="mt-8 flex flex-wrap justify-between gap-4">
        {previous ? (
          <Link to={`/competencies/${previous.slug}`} rel="prev">
            ← Previous area: {previous.name}
          </Link>
        ) : (
          <span />
        )}
        {next ? (
          <Link to={`/competencies/${next.slug}`} rel="next">
            Next area: {next.name} →
          </Link>
        ) : (
          <Link to="/me/assessment">You have read every area: rate yourself in the self-assessment →</Link>
        )}
      </nav>

      <FrameworkAttribution framework={framework} />
    </>
  );
}
