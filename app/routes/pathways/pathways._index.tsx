// /pathways — every published pathway, grouped by kind, with the member's
// progress and suggestions when signed in. Open to visitors.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ErrorPage } from "~/components/error-page";
import { ProgressBar } from "~/components/progress-bar";
import { listPathways } from "~/domain/pathways/pathways.server";
import { getPathwaysWithRecommendations } from "~/domain/pathways/recommendations.server";
import { formatEffort, PATHWAY_KIND_LABELS, PATHWAY_KINDS, progressText } from "~/domain/pathways/constants";
import { getActor } from "~/utils/auth.server";

export { headers } from "~/utils/headers";

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await getActor(request);
  if (actor.kind !== "member") return { signedIn: false as const, pathways: await listPathways(actor), recommendations: null };
  const { pathways, recommendations } = await getPathwaysWithRecommendations(actor.userId);
  return { signedIn: true as const, pathways, recommendations };
}

export const meta: MetaFunction = () => [{ title: "Pathways · CME Commons" }];

const KIND_INTROS: Record<(typeof PATHWAY_KINDS)[number], string> = {
  ONBOARDING: "For people new to accredited continuing education: the basics, the communities and a first practice activity.",
  CAREER: "For taking on more: accreditation, outcomes and a professional network.",
  CREDENTIAL: "For preparing a professional credential and keeping it.",
};

export default function Pathways() {
  const { signedIn, pathways, recommendations } = useLoaderData<typeof loader>();
  return (
    <>
      <h1 className="text-3xl font-bold">Pathways</h1>
      <p className="mt-2 max-w-3xl text-lg text-stone-700">
        Ordered steps that build the competency areas, each with what to do, why it matters and the pitfalls to avoid.
        Complete steps with a short reflection, and they show as evidence on your competency profile.
      </p>
      {signedIn ? null : (
        <p className="mt-2 text-stone-700">
          <Link to="/login?redirectTo=%2Fpathways">Log in</Link> or <Link to="/signup">create an account</Link> to enrol
          and track your progress.
        </p>
      )}

      {recommendations && (recommendations.pathways.length > 0 || recommendations.needsBaseline) ? (
        <section aria-labelledby="suggested-title" className="mt-8 rounded-lg border border-brand-100 bg-brand-50 p-4 sm:p-5">
          <h2 id="suggested-title" className="text-xl font-semibold">
            Suggested for you
          </h2>
          {recommendations.needsBaseline ? (
            <p className="mt-1 text-stone-800">
              Suggestions get sharper once you <Link to="/me/assessment">take your baseline self-assessment</Link>: they
              are based on the gaps between your stages and your targets.
            </p>
          ) : null}
          <ul className="mt-3 space-y-2">
            {recommendations.pathways.map((pathway) => (
              <li key={pathway.slug}>
                <Link to={`/pathways/${pathway.slug}`} className="font-semibold">
                  {pathway.title}
                </Link>
                <span className="block text-sm text-stone-700">{pathway.reason}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {PATHWAY_KINDS.map((kind) => {
        const group = pathways.filter((pathway) => pathway.kind === kind);
        if (group.length === 0) return null;
        return (
          <section key={kind} aria-labelledby={`kind-${kind}`} className="mt-10">
            <h2 id={`kind-${kind}`} className="text-2xl font-semibold">
              {PATHWAY_KIND_LABELS[kind]}
            </h2>
            <p className="mt-1 text-stone-700">{KIND_INTROS[kind]}</p>
            <ul className="mt-4 grid gap-4 md:grid-cols-2">
              {group.map((pathway) => (
                <li key={pathway.slug} className="flex flex-col rounded-lg border border-stone-200 bg-white p-4">
                  <h3 className="text-lg font-semibold">
                    <Link to={`/pathways/${pathway.slug}`}>{pathway.title}</Link>
                  </h3>
                  <p className="text-sm text-stone-600">
                    {pathway.stepCount} {pathway.stepCount === 1 ? "step" : "steps"}, {formatEffort(pathway.effortMinutes)} in
                    all
                  </p>
                  <div
                    className="prose-content mt-2 line-clamp-4 text-stone-800"
                    dangerouslySetInnerHTML={{ __html: pathway.summaryHtml }}
                  />
                  {pathway.progress && (pathway.progress.enrolled || pathway.progress.completed > 0) ? (
                    <div className="mt-auto pt-3">
                      <ProgressBar
                        value={pathway.progress.completed}
                        max={pathway.progress.total}
                        label={`${pathway.title}: your progress`}
                        text={
                          pathway.progress.finished
                            ? `Finished: ${progressText(pathway.progress.completed, pathway.progress.total)}`
                            : `${progressText(pathway.progress.completed, pathway.progress.total)} completed${pathway.progress.enrolled ? "" : " (not enrolled)"}`
                        }
                      />
                    </div>
                  ) : null}
                </li>
              ))}
            </ul>
          </section>
        );
      })}
      {pathways.length === 0 ? <p className="mt-8 text-stone-700">No pathways are published yet.</p> : null}
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
