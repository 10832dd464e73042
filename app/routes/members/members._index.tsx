// /members: the member directory. Open to everyone; each viewer sees (and can
// filter on) only what members chose to share with them.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation } from "@remix-run/react";
import { Pager } from "~/components/pager";
import { Avatar } from "~/components/avatar";
import { ErrorPage } from "~/components/error-page";
import {
  ACCREDITATION_SYSTEM_OPTIONS,
  CREDENTIAL_CHOICES,
  ORGANIZATION_TYPE_OPTIONS,
  ROLE_ARCHETYPE_LABELS,
  ROLE_ARCHETYPE_OPTIONS,
  type Option,
} from "~/domain/members/profile-options";
import { parseDirectoryQuery } from "~/domain/members/profile-schemas";
import { searchDirectory, type DirectoryItem } from "~/domain/members/profiles.server";
import { getActor } from "~/utils/auth.server";

export { headers } from "~/utils/headers";

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await getActor(request);
  // Values that do not fit (an unknown role, a mangled cursor) are dropped, never a 500.
  const { after, ...filters } = parseDirectoryQuery(new URL(request.url).searchParams);
  const { items, nextCursor } = await searchDirectory(actor, {
    q: filters.q,
    roleArchetype: filters.role,
    credential: filters.credential,
    organizationType: filters.organizationType,
    accreditationSystem: filters.accreditation,
    after,
  });
  const kept = Object.entries(filters).filter((entry): entry is [string, string] => !!entry[1]);
  return {
    filters,
    isFiltered: kept.length > 0,
    items,
    isLaterPage: !!after,
    firstPage: `/members${kept.length ? `?${new URLSearchParams(kept)}` : ""}`,
    // The next page keeps the filters and starts after this page's last member.
    nextPage: nextCursor ? `/members?${new URLSearchParams([...kept, ["after", nextCursor]])}` : null,
    signedIn: actor.kind === "member",
  };
}

const controlClass =
  "mt-1 block w-full rounded-md border border-stone-400 bg-white px-3 py-2 text-base shadow-sm focus:border-brand-700";

const CREDENTIAL_FILTER_OPTIONS: Option[] = CREDENTIAL_CHOICES.map((value) => ({ value, label: value }));

function FilterSelect({
  name,
  label,
  anyLabel,
  options,
  value,
}: {
  name: string;
  label: string;
  anyLabel: string;
  options: readonly Option[];
  value: string | undefined;
}) {
  return (
    <div>
      <label htmlFor={`filter-${name}`} className="block text-sm font-medium">
        {label}
      </label>
      <select id={`filter-${name}`} name={name} defaultValue={value ?? ""} className={controlClass}>
        <option value="">{anyLabel}</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

function MemberCard({ member }: { member: DirectoryItem }) {
  const { professional, background } = member;
  const work = [professional?.jobTitle, professional?.organization].filter(Boolean).join(" at ");
  const credentials = background?.credentials ?? [];
  return (
    <li className="flex gap-4 rounded-lg border border-stone-200 bg-white p-4 shadow-sm">
      <Avatar name={member.displayName} handle={member.handle} photo={member.photo} size="md" />
      <div className="min-w-0">
        <h3 className="break-words text-lg font-semibold">
          <Link to={`/members/${member.handle}`}>{member.displayName}</Link>
        </h3>
        <p className="text-sm text-stone-600">@{member.handle}</p>
        {work ? <p className="mt-1 break-words text-stone-800">{work}</p> : null}
        {professional?.roleArchetype ? (
          <p className="mt-1 text-sm text-stone-700">{ROLE_ARCHETYPE_LABELS[professional.roleArchetype]}</p>
        ) : null}
        {credentials.length ? (
          <p className="mt-2 text-sm">
            <span className="sr-only">Credentials: </span>
            {credentials.map((credential) => (
              <span
                key={credential}
                className="mr-1 mb-1 inline-block rounded-full bg-brand-50 px-2 py-0.5 font-medium text-brand-900"
              >
                {credential}
              </span>
            ))}
          </p>
        ) : null}
      </div>
    </li>
  );
}

export default function MemberDirectory() {
  const { filters, isFiltered, items, isLaterPage, firstPage, nextPage, signedIn } = useLoaderData<typeof loader>();
  const location = useLocation();
  const count = items.length;
  const countText =
    count === 0
      ? null
      : `Showing ${count} ${isLaterPage ? "more " : ""}${count === 1 ? "member" : "members"}${isFiltered ? " who match your search" : ""}.`;

  return (
    <>
      <header className="max-w-3xl">
        <h1 className="text-3xl font-bold">Member directory</h1>
        <p className="mt-2 text-stone-700">
          Find colleagues by name, role or credentials. Each member chooses what to share, and the filters only match
          what they have shared with you.
        </p>
      </header>

      {/* A new key after each search so the controls show the search in the address bar. */}
      <Form
        key={location.search}
        method="get"
        action="/members"
        role="search"
        aria-label="Members"
        className="mt-6 rounded-lg border border-stone-200 bg-white p-4 shadow-sm"
      >
        <div>
          <label htmlFor="filter-q" className="block font-medium">
            Search by name
          </label>
          <input
            id="filter-q"
            name="q"
            type="search"
            defaultValue={filters.q ?? ""}
            maxLength={100}
            autoComplete="off"
            className={controlClass}
          />
        </div>
        <div className="mt-4 grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
          <FilterSelect name="role" label="Role" anyLabel="Any role" options={ROLE_ARCHETYPE_OPTIONS} value={filters.role} />
          <FilterSelect
            name="credential"
            label="Credential"
            anyLabel="Any credential"
            options={CREDENTIAL_FILTER_OPTIONS}
            value={filters.credential}
          />
          <FilterSelect
            name="organizationType"
            label="Organization type"
            anyLabel="Any organization"
            options={ORGANIZATION_TYPE_OPTIONS}
            value={filters.organizationType}
          />
          <FilterSelect
            name="accreditation"
            label="Accreditation system"
            anyLabel="Any system"
            options={ACCREDITATION_SYSTEM_OPTIONS}
            value={filters.accreditation}
          />
        </div>
        <div className="mt-4 flex flex-wrap items-center gap-4">
          <button
            type="submit"
            className="inline-flex items-center justify-center rounded-md bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800"
          >
            Search
          </button>
          {isFiltered ? <Link to="/members">Clear the search</Link> : null}
        </div>
      </Form>

      {!signedIn ? (
        <p className="mt-4 text-stone-700">
          You’re seeing what members share publicly. <Link to="/login?redirectTo=%2Fmembers">Log in</Link> to see
          what they share with fellow members.
        </p>
      ) : null}

      <section aria-labelledby="results-title" className="mt-8">
        <h2 id="results-title" className="text-2xl font-semibold">
          {isFiltered ? "Search results" : "Members"}
        </h2>
        <div role="status">{countText ? <p className="mt-1 text-stone-700">{countText}</p> : null}</div>

        {count === 0 ? (
          <div className="mt-4 rounded-lg border border-dashed border-stone-300 bg-white p-6 text-stone-700">
            {isLaterPage ? (
              <p>
                That’s everyone. <Link to="/members">Go back to the start of the directory</Link>.
              </p>
            ) : isFiltered ? (
              <p>
                No members match that search. Try part of a name, or fewer filters.{" "}
                <Link to="/members">See everyone</Link>.
              </p>
            ) : (
              <p>No one has joined yet. Once members sign up, you’ll find them here.</p>
            )}
          </div>
        ) : (
          <ul className="mt-4 grid gap-4 md:grid-cols-2">
            {items.map((member) => (
              <MemberCard key={member.handle} member={member} />
            ))}
          </ul>
        )}

        <Pager
          label="More members"
          previous={isLaterPage ? { href: firstPage, label: "Back to the first page" } : null}
          next={nextPage ? { href: nextPage, label: "Next page" } : null}
        />
      </section>
    </>
  );
}

export const meta: MetaFunction = () => [{ title: "Member directory · CME Commons" }];

export function ErrorBoundary() {
  return <ErrorPage />;
}
