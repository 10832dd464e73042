// /admin/community — site administrators arrange the community forum's
// categories (the same forms and rules as an association's settings).
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { ErrorPage } from "~/components/error-page";
import { CategoryManager } from "~/components/category-manager";
import { CATEGORY_NOTICES } from "~/domain/associations/constants";
import {
  getCommunityForum,
  isCategoryIntent,
  listForumCategories,
  runCategoryForm,
} from "~/domain/discussions/categories.server";
import { requireAdmin } from "~/utils/auth.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { readForm } from "~/utils/request-body.server";
import { badRequest, failureInit, notFound } from "~/utils/http.server";

export { headers } from "~/utils/headers";

async function requireCommunityForum() {
  const forum = await getCommunityForum();
  if (!forum) throw notFound("The community forum has not been set up: run the seed.");
  return forum;
}

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const forum = await requireCommunityForum();
  return {
    forum: { slug: forum.slug, name: forum.name },
    categories: await listForumCategories(forum.id),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireAdmin(request);
  const forum = await requireCommunityForum();
  const formData = await readForm(request);
  if (!isCategoryIntent(formData.get("intent"))) throw badRequest("Unknown action");
  const result = await runCategoryForm(actor, forum.id, formData);
  if (result.ok) return redirectWithFlash("/admin/community", CATEGORY_NOTICES[result.done]);
  return data(result, failureInit(result));
}

export default function CommunityAdmin() {
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <div className="max-w-3xl">
      <p>
        <Link to="/admin/frameworks">← Administration</Link>
      </p>
      <h1 className="mt-3 text-3xl font-bold">Community forum categories</h1>
      <p className="mt-2 text-stone-700">
        The site-wide <Link to={`/forums/${page.forum.slug}`}>community forum</Link> is open to every member. Choose its
        categories, their order and who can read each one. A category can be deleted once it has no threads.
      </p>
      <section aria-labelledby="categories-title" className="mt-6">
        <h2 id="categories-title" className="text-2xl font-semibold">
          Categories
        </h2>
        <CategoryManager
          forumSlug={page.forum.slug}
          categories={page.categories}
          isAssociationForum={false}
          error={result && !result.ok ? result : null}
        />
      </section>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Community forum · Administration · CME Commons" }];

export function ErrorBoundary() {
  return <ErrorPage />;
}
