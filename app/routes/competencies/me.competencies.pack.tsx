// /me/competencies/pack — a print-ready review pack of the member's own
// competency profile, to take to a performance review (one or two pages).
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ErrorPage } from "~/components/error-page";
import { PrintButton } from "~/components/print-button";
import { getCompetencyProfile, toReviewPack } from "~/domain/assessments/profile.server";
import { PackPlan } from "~/components/pack-plan";
import { ReviewPackArticle } from "~/components/review-pack";
import { readerTimeZone } from "~/domain/members/actor";
import { getOwnPanels } from "~/domain/pages/own-panels.server";
import { now } from "~/utils/clock.server";
import { getReviewerRatingsForProfile } from "~/domain/assessments/reviewer-ratings.server";
import { requireMember } from "~/utils/auth.server";
import { formatLongDateIn } from "~/utils/zoned-dates";

export { headers } from "~/utils/headers";

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireMember(request);
  // The member's zone came with the session (no query of its own).
  const timeZone = readerTimeZone(actor);
  const at = now();
  const [profile, reviewerRatings, { goals, commitments }] = await Promise.all([
    getCompetencyProfile(actor),
    // The member's own reviewer ratings only: keyed on the signed-in member.
    getReviewerRatingsForProfile(actor),
    // Goals and commitments dated in the member's time zone, in one query (pages/own-panels.server.ts).
    getOwnPanels(actor, at, { goals: 30, commitments: 20 }),
  ]);
  const preparedOn = formatLongDateIn(at, timeZone);
  const plan = { goals, commitments };
  if (profile.kind === "empty") return { pack: null, member: profile.member, preparedOn, reviewerRatings, plan };
  // The pack shows no per-area history or assessment list: leave them out.
  return { pack: toReviewPack(profile), member: profile.member, preparedOn, reviewerRatings, plan };
}

export const meta: MetaFunction = () => [{ title: "Competency review pack · CME Commons" }];

export default function ReviewPack() {
  const { pack, member, preparedOn, reviewerRatings, plan } = useLoaderData<typeof loader>();
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
            <PrintButton label="Print this page" />
          </div>
        ) : null}
      </div>

      <ReviewPackArticle pack={pack} member={member} preparedOn={preparedOn} reviewerRatings={reviewerRatings}>
        <PackPlan goals={plan.goals} commitments={plan.commitments} />
      </ReviewPackArticle>
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
