// /shared/:token — a reviewer's read-only view of a member's review pack,
// through a share link. No account needed. Expired or revoked links show a
// clear page and no data. Never indexed by search engines.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { LinkErrorPage } from "~/components/error-page";
import { PackPlan } from "~/components/pack-plan";
import { ReviewPackArticle } from "~/components/review-pack";
import { listGoals } from "~/domain/goals/goals.server";
import { now } from "~/utils/clock.server";
import { getCompetencyProfile, toReviewPack } from "~/domain/assessments/profile.server";
import { resolveShareLink } from "~/domain/assessments/share-links.server";
import { getActor } from "~/utils/auth.server";
import { readerTimeZone } from "~/domain/members/actor";
import { formatLongDateForReader } from "~/utils/zoned-dates";
import { okOrThrow } from "~/utils/http.server";

export { headers } from "~/utils/headers";

export async function loader({ params, request }: LoaderFunctionArgs) {
  // Area names of a licensed framework only for a reader who may read it (a member of a licensee).
  // The reader is looked up at once, beside the link: the root loader's session lookup is then still
  // in flight and shared (one session query per page, not two depending on timing).
  const [link, reader] = await Promise.all([resolveShareLink(params.token ?? ""), getActor(request)]);
  const grant = okOrThrow(link);
  const [profile, goals] = await Promise.all([
    getCompetencyProfile(grant.viewer, reader),
    // Goals only when the member ticked "include my goals" for this link (the where-builder says so too);
    // a licensed framework's area names only for a reader who may read it, as in the pack.
    // Dated in the member's time zone, read in the same query.
    grant.includeGoals
      ? listGoals({ kind: "share", ownerId: grant.viewer.ownerId, includeGoals: grant.includeGoals }, reader, { now: now(), take: 30 })
      : null,
  ]);
  return {
    goals,
    member: profile.member,
    pack: profile.kind === "profile" ? toReviewPack(profile) : null,
    // In the reader's zone when they are signed in; a reviewer without an account reads UTC, and is told so.
    preparedOn: formatLongDateForReader(now(), readerTimeZone(reader)),
    expiresOn: formatLongDateForReader(grant.expiresAt, readerTimeZone(reader)),
  };
}


export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.member.displayName} — competency review pack · CME Commons` : "Shared link · CME Commons" },
  { name: "robots", content: "noindex, nofollow" },
];

export default function SharedReviewPack() {
  const { member, pack, preparedOn, expiresOn, goals } = useLoaderData<typeof loader>();
  return (
    <>
      <p className="mb-6 rounded-md border border-stone-200 bg-white p-3 text-sm text-stone-700 print:hidden">
        {member.displayName} shared this read-only review pack with you. The link works until {expiresOn}. Use your
        browser’s Print command to keep a copy.
      </p>
      <ReviewPackArticle pack={pack} member={member} preparedOn={preparedOn} audience="reviewer">
        {goals ? <PackPlan goals={goals} reader /> : null}
      </ReviewPackArticle>
    </>
  );
}

const GONE = {
  revoked: { title: "This link was revoked" },
  expired: { title: "This link has expired" },
};

export function ErrorBoundary() {
  return (
    <LinkErrorPage cases={GONE} next={<p>If you still need to see their competency profile, ask them for a new link.</p>} />
  );
}
