import { redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { Avatar } from "~/components/avatar";
import { ErrorPage } from "~/components/error-page";
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
import { getProfileForViewer } from "~/domain/members/profiles.server";
import { getActor } from "~/utils/auth.server";
import { notFound } from "~/utils/http.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const handle = params.handle ?? "";
  // Handles are lowercase: send /members/Ana-Perez to the one address it has.
  if (handle !== handle.toLowerCase()) throw redirect(`/members/${encodeURIComponent(handle.toLowerCase())}`);
  const actor = await getActor(request);
  // Name and handle are public; each section is included only if this viewer may see it.
  const profile = await getProfileForViewer(actor, handle);
  if (!profile) throw notFound("No member has that handle");
  return { profile, canEdit: profile.isOwner, signedIn: actor.kind === "member" };
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

export default function MemberProfile() {
  const { profile, canEdit, signedIn } = useLoaderData<typeof loader>();
  const { professional, background, about, visibility, isOwner } = profile;

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
          term: "Background before CME",
          value: background.background && BACKGROUND_LABELS[background.background],
        },
        {
          term: "Years in CME",
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
  const nothingShown = !professionalEntries.length && !backgroundEntries.length && !about?.bioHtml;

  return (
    <article className="max-w-3xl">
      <header className="flex flex-wrap items-center gap-4">
        <Avatar name={profile.displayName} handle={profile.handle} size="lg" />
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

      {about ? (
        <Section id="about" title={PROFILE_SECTION_LABELS.about} isOwner={isOwner} isEmpty={!about.bioHtml}>
          <div className="prose-content mt-2 break-words text-stone-800" dangerouslySetInnerHTML={{ __html: about.bioHtml ?? "" }} />
        </Section>
      ) : null}

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
