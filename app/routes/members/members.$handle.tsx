import { redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { Avatar } from "~/components/avatar";
import { ErrorPage } from "~/components/error-page";
import type { CompetencySummary } from "~/domain/assessments/public-stages.server";
import type { ProfileSection } from "~/domain/members/policy";
import {
  ACCREDITATION_SYSTEM_LABELS,
  BACKGROUND_LABELS,
  CAREER_LEVEL_LABELS,
  ORGANIZATION_TYPE_LABELS,
  PROFILE_SECTION_LABELS,
  ROLE_ARCHETYPE_LABELS,
  VISIBILITY_AUDIENCES,
  VISIBILITY_LABELS,
} from "~/domain/members/profile-options";
import { mentorshipsOnProfile } from "~/domain/mentoring/mentorships.server";
import { getProfileForViewer } from "~/domain/pages/profile-page.server";
import type { Visibility } from "~/generated/prisma/enums";
import { getActor } from "~/utils/auth.server";
import { notFound } from "~/utils/http.server";
import { useTimeZone } from "~/utils/time-zone";
import { formatLongDateIn } from "~/utils/zoned-dates";

export { headers } from "~/utils/headers";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const handle = params.handle ?? "";
  // Handles are lowercase: send /members/Ana-Perez to the one address it has.
  if (handle !== handle.toLowerCase()) throw redirect(`/members/${encodeURIComponent(handle.toLowerCase())}`);
  const actor = await getActor(request);
  // Name and handle are public; each section (the competency summary too) is
  // included only if this viewer may see it.
  const [profile, mentorships] = await Promise.all([
    getProfileForViewer(actor, handle),
    // Mentorships both members agreed to show, to signed-in members.
    actor.kind === "member" ? mentorshipsOnProfile(handle) : [],
  ]);
  if (!profile) throw notFound("No member has that handle");
  return { profile, mentorships, canEdit: profile.isOwner, signedIn: actor.kind === "member" };
}

type Entry = { term: string; value: ReactNode };

function DetailList({ entries }: { entries: Entry[] }) {
  return (
    <dl className="mt-3 grid gap-x-6 gap-y-3 sm:grid-cols-[max-content_1fr]">
      {entries.map((entry) => (
        <div key={entry.term} className="sm:contents">
          <dt className="text-sm font-semibold text-stone-600">{entry.term}</dt>
          <dd className="text-stone-900">{entry.value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** Only the entries with a value: an empty field is left out rather than shown as blank. */
function present(entries: { term: string; value: ReactNode | null | undefined }[]): Entry[] {
  return entries.filter((entry): entry is Entry => entry.value !== null && entry.value !== undefined && entry.value !== "");
}

function Section({
  id,
  title,
  isOwner,
  isEmpty,
  children,
}: {
  id: ProfileSection;
  title: string;
  isOwner: boolean;
  isEmpty: boolean;
  children: ReactNode;
}) {
  // Visitors and other members see nothing of a section with nothing in it.
  if (isEmpty && !isOwner) return null;
  return (
    <section aria-labelledby={`${id}-title`} className="mt-6 rounded-lg border border-stone-200 bg-white p-5 shadow-sm">
      <h2 id={`${id}-title`} className="text-xl font-semibold">
        {title}
      </h2>
      {isEmpty ? <p className="mt-2 text-stone-600">You haven’t added anything here yet.</p> : children}
    </section>
  );
}

/** Dates as people read them, in UTC so the server and the browser agree. */

/** For the owner: who else sees their competency summary. */
const COMPETENCY_AUDIENCE_NOTES: Record<Visibility, string> = {
  PUBLIC: "Everyone can see this summary, including visitors who are not signed in.",
  MEMBERS: "Signed-in members can see this summary; visitors cannot.",
  PRIVATE: "No one else can see this summary: it is visible only to you.",
};

/** Stage position out of the scale as filled segments. Decorative: the same fact is in the text beside it. */
function StageBar({ position, stageCount }: { position: number; stageCount: number }) {
  return (
    <svg
      aria-hidden="true"
      focusable="false"
      viewBox={`0 0 ${stageCount * 10} 10`}
      preserveAspectRatio="none"
      className="mt-1 block h-2.5 w-40 max-w-full"
    >
      {Array.from({ length: stageCount }, (_, index) => (
        <rect
          key={index}
          x={index * 10}
          width={9}
          height={10}
          rx={2}
          className={index < position ? "fill-brand-700" : "fill-stone-200"}
        />
      ))}
    </svg>
  );
}

function CompetencySummarySection({
  summary,
  isOwner,
  visibility,
}: {
  summary: CompetencySummary | null;
  isOwner: boolean;
  visibility: Visibility | null;
}) {
  const timeZone = useTimeZone();
  // Others see the section only when the owner shares it and has submitted an assessment.
  if (!summary && !isOwner) return null;
  return (
    <section aria-labelledby="competencies-title" className="mt-6 rounded-lg border border-stone-200 bg-white p-5 shadow-sm">
      <h2 id="competencies-title" className="text-xl font-semibold">
        {PROFILE_SECTION_LABELS.competencies}
      </h2>
      {summary ? (
        <>
          <p className="mt-1 text-stone-700">
            Self-assessed on <time dateTime={summary.submittedOn.toISOString()}>{formatLongDateIn(summary.submittedOn, timeZone)}</time>{" "}
            against {summary.framework.name} {summary.framework.version}.
          </p>
          {summary.areas.length ? (
            <table className="mt-3 w-full border-collapse text-left">
              <caption className="sr-only">Self-assessed stage in each competency area</caption>
              <thead>
                <tr className="border-b border-stone-300 text-sm text-stone-600">
                  <th scope="col" className="py-2 pr-4 font-semibold">
                    Competency area
                  </th>
                  <th scope="col" className="py-2 font-semibold">
                    Stage
                  </th>
                </tr>
              </thead>
              <tbody>
                {summary.areas.map((area) => (
                  <tr key={area.position} className="border-b border-stone-200 align-top last:border-b-0">
                    <th scope="row" className="py-2 pr-4 font-medium">
                      {area.name}
                    </th>
                    <td className="py-2">
                      <span className="font-medium">{area.stage.name}</span>{" "}
                      <span className="text-sm text-stone-600">
                        (stage {area.stage.position} of {area.stageCount})
                      </span>
                      <StageBar position={area.stage.position} stageCount={area.stageCount} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
        </>
      ) : (
        <p className="mt-2 text-stone-700">
          You haven’t submitted a self-assessment yet. Once you do, the stage you gave yourself in each area can appear
          here. <Link to="/me/assessment">Take a self-assessment</Link>.
        </p>
      )}
      {isOwner ? (
        <p className="mt-4 rounded-md border border-brand-100 bg-brand-50 p-3 text-sm text-stone-700">
          {visibility ? `${COMPETENCY_AUDIENCE_NOTES[visibility]} ` : null}
          Only your latest self-assessed stage per area is shown here; never your targets, evidence, earlier
          assessments or drafts. See everything in <Link to="/me/competencies">your competency profile</Link>, or{" "}
          <Link to="/settings/profile">change who sees this summary</Link>.
        </p>
      ) : null}
    </section>
  );
}

export default function MemberProfile() {
  const { profile, mentorships, canEdit, signedIn } = useLoaderData<typeof loader>();
  const { professional, background, about, competencies, visibility, isOwner } = profile;

  const professionalEntries = professional
    ? present([
        { term: "Job title", value: professional.jobTitle },
        { term: "Organization", value: professional.organization },
        {
          term: "Organization type",
          value: professional.organizationType && ORGANIZATION_TYPE_LABELS[professional.organizationType],
        },
        { term: "Role", value: professional.roleArchetype && ROLE_ARCHETYPE_LABELS[professional.roleArchetype] },
        { term: "Career level", value: professional.careerLevel && CAREER_LEVEL_LABELS[professional.careerLevel] },
      ])
    : [];
  const backgroundEntries = background
    ? present([
        {
          term: "Background before CME/CE",
          value: background.background && BACKGROUND_LABELS[background.background],
        },
        {
          term: "Years in CME/CE",
          value:
            background.yearsInField === null
              ? null
              : background.yearsInField === 0
                ? "Less than a year"
                : `${background.yearsInField} ${background.yearsInField === 1 ? "year" : "years"}`,
        },
        { term: "Credentials", value: background.credentials.length ? background.credentials.join(", ") : null },
        {
          term: "Accreditation system",
          value: background.accreditationSystem && ACCREDITATION_SYSTEM_LABELS[background.accreditationSystem],
        },
      ])
    : [];
  const nothingShown = !professionalEntries.length && !backgroundEntries.length && !about?.bioHtml && !competencies;

  return (
    <article className="max-w-3xl">
      <header className="flex flex-wrap items-center gap-4">
        <Avatar name={profile.displayName} handle={profile.handle} photo={profile.photo} size="lg" />
        <div className="min-w-0">
          <h1 className="break-words text-3xl font-bold">{profile.displayName}</h1>
          <p className="text-stone-600">@{profile.handle}</p>
        </div>
      </header>

      {canEdit ? (
        <aside aria-labelledby="owner-note-title" className="mt-6 rounded-lg border border-brand-100 bg-brand-50 p-4">
          <h2 id="owner-note-title" className="font-semibold">
            This is your profile
          </h2>
          <p className="mt-1 text-stone-700">
            Only you see this note. Your name and handle are always visible, so others know who wrote your posts. Your
            email address is never shown. Here is who can see the rest:
          </p>
          {visibility ? (
            <ul className="mt-2 space-y-1">
              {(Object.keys(visibility) as ProfileSection[]).map((section) => (
                <li key={section}>
                  <span className="font-medium">{PROFILE_SECTION_LABELS[section]}:</span>{" "}
                  {VISIBILITY_LABELS[visibility[section]]}{" "}
                  <span className="text-stone-600">— {VISIBILITY_AUDIENCES[visibility[section]]}</span>
                </li>
              ))}
            </ul>
          ) : null}
          <p className="mt-3">
            <Link
              to="/settings/profile"
              className="inline-block rounded-md bg-brand-700 px-4 py-2 font-semibold text-white no-underline hover:bg-brand-800 hover:text-white"
            >
              Edit your profile
            </Link>
          </p>
        </aside>
      ) : null}

      {professional ? (
        <Section
          id="professional"
          title={PROFILE_SECTION_LABELS.professional}
          isOwner={isOwner}
          isEmpty={!professionalEntries.length}
        >
          <DetailList entries={professionalEntries} />
        </Section>
      ) : null}

      {background ? (
        <Section
          id="background"
          title={PROFILE_SECTION_LABELS.background}
          isOwner={isOwner}
          isEmpty={!backgroundEntries.length}
        >
          <DetailList entries={backgroundEntries} />
        </Section>
      ) : null}

      {profile.featuredStatement ? (
        <section
          aria-labelledby="featured-statement-title"
          className="mt-6 rounded-lg border border-emerald-700 bg-emerald-50 p-5 shadow-sm"
        >
          <h2 id="featured-statement-title" className="text-xl font-semibold">
            I stand behind…
          </h2>
          <p className="mt-1 font-semibold">
            <Link to={`/statements/${profile.featuredStatement.id}`}>{profile.featuredStatement.title}</Link>
            <span className="font-normal text-stone-700"> (adopted version {profile.featuredStatement.version})</span>
          </p>
          <blockquote
            className="prose-content mt-2 break-words border-l-4 border-emerald-700 pl-3 text-stone-900"
            dangerouslySetInnerHTML={{ __html: profile.featuredStatement.textHtml }}
          />
        </section>
      ) : null}

      {mentorships.length > 0 ? (
        <section aria-labelledby="mentoring-title" className="mt-6 rounded-lg border border-stone-200 bg-white p-5 shadow-sm">
          <h2 id="mentoring-title" className="text-xl font-semibold">
            Mentoring
          </h2>
          <ul className="mt-2 space-y-1">
            {mentorships.map((item) => (
              <li key={`${item.handle}-${item.asMentor}`}>
                {item.asMentor ? (item.active ? "Mentors " : "Mentored ") : item.active ? "Mentored by " : "Was mentored by "}
                <Link to={`/members/${item.handle}`}>{item.name}</Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {about ? (
        <Section id="about" title={PROFILE_SECTION_LABELS.about} isOwner={isOwner} isEmpty={!about.bioHtml}>
          <div className="prose-content mt-2 break-words text-stone-800" dangerouslySetInnerHTML={{ __html: about.bioHtml ?? "" }} />
        </Section>
      ) : null}

      <CompetencySummarySection
        summary={competencies}
        isOwner={isOwner}
        visibility={visibility?.competencies ?? null}
      />

      {!isOwner && nothingShown ? (
        <p className="mt-6 text-stone-700">
          {signedIn
            ? `${profile.displayName} hasn’t shared anything more about themselves yet.`
            : `${profile.displayName} hasn’t shared anything publicly yet.`}
        </p>
      ) : null}

      {!signedIn ? (
        <p className="mt-6 text-stone-700">
          Members can choose to share more of their profile with each other than with the public.{" "}
          <Link to={`/login?redirectTo=${encodeURIComponent(`/members/${profile.handle}`)}`}>Log in</Link> or{" "}
          <Link to="/signup">join CME Commons</Link> to see what they share.
        </p>
      ) : null}

      <p className="mt-8">
        <Link to="/members">← Back to the member directory</Link>
      </p>
    </article>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.profile.displayName} (@${data.profile.handle}) · CME Commons` : "Member not found · CME Commons" },
];

export function ErrorBoundary() {
  return <ErrorPage />;
}
