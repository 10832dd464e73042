// /competencies/versions/:versionId — one published framework version read
// whole: its stages, and every area with what each stage looks like in it.
// An open version for everyone; a licensed one for its licensees' members and
// site administrators. Anyone else gets a 403 naming the licensees, and no text.
import type { LoaderFunctionArgs, MetaFunction, SerializeFrom } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import type { BreadcrumbHandle } from "~/components/breadcrumbs";
import { FrameworkAttribution } from "~/components/framework-attribution";
import { FrameworkStages } from "~/components/framework-stages";
import { readFrameworkVersion } from "~/domain/competencies/reading.server";
import { getActor } from "~/utils/auth.server";
import { okOrThrow } from "~/utils/http.server";
import { countWord } from "~/utils/numbers";

export { headers } from "~/utils/headers";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await getActor(request);
  const version = okOrThrow(await readFrameworkVersion(actor, params.versionId ?? ""));
  return { version };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: data
      ? `${data.version.framework.name}, version ${data.version.version} · CME Commons`
      : "Competency framework · CME Commons",
  },
  // A licensed text is for its readers, never for search engines.
  ...(data?.version.rights === "LICENSED" ? [{ name: "robots", content: "noindex, nofollow" }] : []),
];

export const handle: BreadcrumbHandle<SerializeFrom<typeof loader>> = {
  breadcrumb: ({ version }) => [
    { label: "Competency framework", to: "/competencies" },
    { label: `${version.framework.name}, version ${version.version}` },
  ],
};

const plural = (n: number, word: string) => `${countWord(n)} ${word}${n === 1 ? "" : "s"}`;

export default function FrameworkVersionPage() {
  const { version } = useLoaderData<typeof loader>();
  const licensed = version.rights === "LICENSED";
  return (
    <>
      <header className="mt-4 max-w-3xl">
        <p className="text-sm font-semibold text-brand-700">{licensed ? "Licensed competency framework" : "Competency framework"}</p>
        <h1 className="mt-1 break-words text-3xl font-bold">{version.framework.name}</h1>
        <p className="mt-1 text-stone-600">
          Version {version.version} · {plural(version.areas.length, "area")} · {plural(version.stages.length, "stage")}
          {version.isSiteDefault ? " · the site’s default" : ""}
        </p>
        {licensed ? (
          <p className="mt-3 rounded-md border border-amber-300 bg-amber-50 p-3 text-stone-800">
            Licensed to{" "}
            {version.licensees.map((licensee, index) => (
              <span key={licensee.slug}>
                {index > 0 ? ", " : null}
                <Link to={`/associations/${licensee.slug}`}>{licensee.name}</Link>
              </span>
            ))}
            . Its text is for their members: please do not copy it or pass it on.
          </p>
        ) : null}
        <div className="prose-content mt-4 text-stone-800" dangerouslySetInnerHTML={{ __html: version.introductionHtml }} />
      </header>

      <FrameworkStages stages={version.stages} />

      <section aria-labelledby="areas-title" className="mt-10">
        <h2 id="areas-title" className="text-2xl font-semibold">
          {countWord(version.areas.length, { capitalized: true })} competency areas
        </h2>
        <nav aria-label="Areas of this framework" className="no-print mt-3">
          <ol className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
            {version.areas.map((area) => (
              <li key={area.slug}>
                <a href={`#area-${area.slug}`}>
                  {area.position}. {area.name}
                </a>
              </li>
            ))}
          </ol>
        </nav>
        <ol className="mt-6 space-y-8">
          {version.areas.map((area) => (
            <li key={area.slug} className="rounded-lg border border-stone-200 bg-white p-5">
              <article aria-labelledby={`area-${area.slug}`}>
                <p className="text-xs font-semibold uppercase tracking-wide text-stone-500">Area {area.position}</p>
                <h3 id={`area-${area.slug}`} className="break-words text-xl font-semibold">
                  {area.name}
                </h3>
                <div className="prose-content mt-2 text-stone-800" dangerouslySetInnerHTML={{ __html: area.summaryHtml }} />
                <dl className="mt-4 space-y-3">
                  {version.stages.map((stage, index) => (
                    <div key={stage.slug}>
                      <dt className="font-semibold">{stage.name}</dt>
                      <dd className="break-words text-stone-800">{area.descriptors[index]?.text || "No description for this stage."}</dd>
                    </div>
                  ))}
                </dl>
              </article>
            </li>
          ))}
        </ol>
      </section>

      <FrameworkAttribution framework={version} />
      {licensed && version.rightsAttribution ? (
        <p className="mt-3 max-w-3xl text-sm text-stone-700">{version.rightsAttribution}</p>
      ) : null}
    </>
  );
}
