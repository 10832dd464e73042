// /me/competencies/pack — a print-ready review pack of the member's own
// competency profile, to take to a performance review (one or two pages).
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useSyncExternalStore } from "react";
import { ErrorPage } from "~/components/error-page";
import { getCompetencyProfile, toReviewPack } from "~/domain/assessments/profile.server";
import { ReviewPackArticle } from "~/components/review-pack";
import { getReviewerRatingsForProfile } from "~/domain/assessments/reviewer-ratings.server";
import { requireMember } from "~/utils/auth.server";
import { formatLongDate } from "~/utils/dates";

export { headers } from "~/utils/headers";

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireMember(request);
  const [profile, reviewerRatings] = await Promise.all([
    getCompetencyProfile(actor),
    // The member's own reviewer ratings only: keyed on the signed-in member.
    getReviewerRatingsForProfile(actor.userId),
  ]);
  const preparedOn = formatLongDate(new Date());
  if (profile.kind === "empty") return { pack: null, member: profile.member, preparedOn, reviewerRatings };
  // The pack shows no per-area history or assessment list: leave them out.
  return { pack: toReviewPack(profile), member: profile.member, preparedOn, reviewerRatings };
}

export const meta: MetaFunction = () => [{ title: "Competency review pack · CME Commons" }];

const subscribeNothing = () => () => {};

/** True once React has hydrated in the browser; false on the server and in the first render. */
function useHydrated() {
  return useSyncExternalStore(
    subscribeNothing,
    () => true,
    () => false,
  );
}

function PrintButton() {
  // Printing needs JavaScript: without it, only the instruction beside it shows.
  if (!useHydrated()) return null;
  return (
    <button
      type="button"
      onClick={() => window.print()}
      className="inline-flex items-center justify-center rounded-md bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800"
    >
      Print this page
    </button>
  );
}

export default function ReviewPack() {
  const { pack, member, preparedOn, reviewerRatings } = useLoaderData<typeof loader>();
  return (
    <>
      <div className="mb-6 flex flex-wrap items-center justify-between gap-4 rounded-lg border border-stone-200 bg-white p-4 print:hidden">
        <p>
          <Link to="/me/competencies">← Back to your competency profile</Link>
        </p>
        {pack ? (
          <div className="flex flex-wrap items-center gap-3">
            <p className="text-sm text-stone-700">
              Use your browser’s Print command (Ctrl+P / ⌘P) to print this pack or save it as a PDF.
            </p>
            <PrintButton />
          </div>
        ) : null}
      </div>

      <ReviewPackArticle pack={pack} member={member} preparedOn={preparedOn} reviewerRatings={reviewerRatings} />
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
