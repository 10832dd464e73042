// /pathways/:slug/preview — for authors: the pathway and every step in full,
// as members will see them, drafts included.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ErrorPage } from "~/components/error-page";
import { PATHWAY_KIND_LABELS } from "~/domain/pathways/authoring-constants";
import { getPathwayPreview, authorizeAuthorablePathway } from "~/domain/pathways/authoring.server";
import { requireMember } from "~/utils/auth.server";
import { okOrThrow } from "~/utils/http.server";

export { headers } from "~/utils/headers";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireMember(request);
  const pathway = okOrThrow(await authorizeAuthorablePathway(actor, params.slug ?? ""));
  return { pathway: okOrThrow(await getPathwayPreview(pathway)) };
}

function duration(minutes: number): string {
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest ? `${hours} h ${rest} min` : `${hours} h`;
}

export default function PathwayPreview() {
  const { pathway } = useLoaderData<typeof loader>();
  const draft = pathway.status === "DRAFT";
  return (
    <div className="max-w-3xl">
      <div
        className={`no-print rounded-md border p-3 ${draft ? "border-amber-300 bg-amber-50 text-amber-950" : "border-brand-100 bg-brand-50 text-brand-900"}`}
      >
        <p className="font-semibold">
          {draft ? "Preview — not visible to members yet" : "Preview — this pathway is published"}
        </p>
        <p className="mt-1 text-sm">
          {draft
            ? "Only the pathway’s authors can see this draft. Publish it from the edit page when it is ready."
            : "This is what members see; they also see their own progress and a way to complete each step."}{" "}
          <Link to={`/pathways/${pathway.slug}/edit`}>Back to editing</Link>
        </p>
      </div>

      <header className="mt-6">
        <p className="text-sm font-semibold text-brand-700">
          {PATHWAY_KIND_LABELS[pathway.kind]}
          {pathway.association ? ` · ${pathway.association.name}` : ""}
        </p>
        <h1 className="text-3xl font-bold break-words">{pathway.title}</h1>
        <div className="prose-content mt-3 text-stone-800" dangerouslySetInnerHTML={{ __html: pathway.summaryHtml }} />
        <p className="mt-3 text-stone-700">
          {pathway.steps.length} {pathway.steps.length === 1 ? "step" : "steps"} · about {duration(pathway.totalMinutes)} in
          all
        </p>
      </header>

      {pathway.steps.length === 0 ? (
        <p className="mt-6 rounded-md border border-dashed border-stone-400 p-4 text-stone-700">
          This pathway has no steps yet.
        </p>
      ) : (
        <ol className="mt-6 space-y-6">
          {pathway.steps.map((step, index) => (
            <li key={step.id}>
              <article
                aria-labelledby={`step-${step.key}`}
                className="rounded-lg border border-stone-200 bg-white p-4 shadow-sm sm:p-5"
              >
                <h2 id={`step-${step.key}`} className="text-xl font-semibold break-words">
                  <span className="text-brand-700">Step {index + 1}.</span> {step.title}
                </h2>
                <p className="mt-1 text-sm text-stone-600">About {duration(step.effortMinutes)}</p>
                {step.areas.length ? (
                  <ul aria-label="Competency areas it builds" className="mt-2 flex flex-wrap gap-2">
                    {step.areas.map((area) => (
                      <li key={area.slug} className="rounded-full bg-brand-50 px-3 py-1 text-sm text-brand-900">
                        {area.name}: toward {area.stage}
                      </li>
                    ))}
                  </ul>
                ) : null}
                <div className="prose-content mt-4 text-stone-800" dangerouslySetInnerHTML={{ __html: step.bodyHtml }} />
                {step.resources.length ? (
                  <>
                    <h3 className="mt-4 font-semibold">Resources</h3>
                    <ul className="mt-1 list-disc space-y-1 pl-6">
                      {step.resources.map((resource, i) => (
                        <li key={`${i}-${resource.url}`}>
                          <a href={resource.url} rel="nofollow ugc noopener">
                            {resource.label}
                          </a>
                        </li>
                      ))}
                    </ul>
                  </>
                ) : null}
              </article>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Preview: ${data.pathway.title} · CME Commons` : "Preview · CME Commons" },
];

export function ErrorBoundary() {
  return <ErrorPage />;
}
