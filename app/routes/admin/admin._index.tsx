// /admin: the site administrator's areas, with what needs attention in each.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireAdmin } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";

export { headers } from "~/utils/headers";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const [openFlags, draftPathways, frameworkVersions, ssoProviders, mentoringReports] = await Promise.all([
    // Posts waiting in the moderation queue (open flags), across every forum.
    prisma.postFlag.findMany({ where: { resolvedAt: null }, distinct: ["postId"], select: { postId: true }, take: 100 }),
    prisma.pathway.count({ where: { status: "DRAFT", associationId: null } }),
    prisma.frameworkVersion.count(),
    prisma.ssoProvider.count(),
    // Reports from inside mentorships, waiting (MentorshipReport(resolvedAt, createdAt)).
    prisma.mentorshipReport.count({ where: { resolvedAt: null } }),
  ]);
  return { flaggedPosts: openFlags.length, draftPathways, frameworkVersions, ssoProviders, mentoringReports };
}

export default function AdminIndex() {
  const { flaggedPosts, draftPathways, frameworkVersions, ssoProviders, mentoringReports } = useLoaderData<typeof loader>();
  const areas = [
    {
      to: "/admin/frameworks",
      title: "Competency frameworks",
      text: "Import, export and choose the framework version new self-assessments use.",
      status: `${frameworkVersions} ${frameworkVersions === 1 ? "version" : "versions"}`,
    },
    {
      to: "/admin/pathways",
      title: "Pathways",
      text: "Write, reorder, preview and publish the site's onboarding and career pathways.",
      status: draftPathways === 0 ? "No drafts" : `${draftPathways} ${draftPathways === 1 ? "draft" : "drafts"}`,
    },
    {
      to: "/admin/mentoring",
      title: "Mentoring reports",
      text: "Messages members reported from inside a mentorship. You see the reported message only, never the rest of the conversation.",
      status: mentoringReports === 0 ? "Nothing waiting" : `${mentoringReports} waiting`,
    },
    {
      to: "/admin/community",
      title: "Community forum",
      text: "Categories of the site-wide forum: names, descriptions, order and who can read them.",
      status: null,
    },
    {
      to: "/admin/sso",
      title: "Single sign-on",
      text: "OpenID Connect providers members can sign in with, optionally tied to an association.",
      status: ssoProviders === 0 ? "None" : `${ssoProviders} ${ssoProviders === 1 ? "provider" : "providers"}`,
    },
    {
      to: "/moderation",
      title: "Moderation queue",
      text: "Flagged posts in every forum, waiting for a decision.",
      status:
        flaggedPosts === 0
          ? "Nothing waiting"
          : `${flaggedPosts >= 100 ? "100+" : flaggedPosts} flagged ${flaggedPosts === 1 ? "post" : "posts"}`,
    },
  ];
  return (
    <div>
      <h1 className="text-3xl font-bold">Administration</h1>
      <p className="mt-2 text-stone-700">Keep the frameworks, pathways and community healthy.</p>
      <ul className="mt-6 grid gap-4 sm:grid-cols-2">
        {areas.map((area) => (
          <li key={area.to} className="rounded-lg border border-stone-200 bg-white p-4 shadow-sm">
            <h2 className="text-lg font-semibold">
              <Link to={area.to}>{area.title}</Link>
            </h2>
            <p className="mt-1 text-stone-700">{area.text}</p>
            {area.status ? <p className="mt-2 text-sm font-medium text-stone-600">{area.status}</p> : null}
          </li>
        ))}
      </ul>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Administration · CME Commons" }];
