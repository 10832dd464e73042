// /associations/:slug/settings — the owner (or a site administrator) edits
// the association's details and join policy, and arranges its forum's
// categories: add, edit, reorder, delete while empty.
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ErrorPage } from "~/components/error-page";
import { SubmitButton } from "~/components/ui/button";
import { TextAreaField, TextField } from "~/components/ui/field";
import { SelectField } from "~/components/ui/choice-fields";
import { FormErrors } from "~/components/ui/form-errors";
import { useLazyValidation } from "~/components/ui/lazy-validation";
import { getAssociationSettings, updateAssociation } from "~/domain/associations/associations.server";
import { authorizeAssociation } from "~/domain/associations/memberships.server";
import { CategoryManager } from "~/components/category-manager";
import { canManageAssociation } from "~/domain/associations/policy";
import { CATEGORY_NOTICES, DESCRIPTION_MAX, JOIN_POLICY_OPTIONS } from "~/domain/associations/constants";
import { associationDetailsSchema } from "~/domain/associations/schemas";
import { isCategoryIntent, listForumCategories, runCategoryForm } from "~/domain/discussions/categories.server";
import { requireMember } from "~/utils/auth.server";
import { formConstraint } from "~/utils/form-constraints.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { readForm } from "~/utils/request-body.server";
import { failureInit, failureResponse, notFound } from "~/utils/http.server";

export { headers } from "~/utils/headers";


async function requireOwner(request: Request, slug: string) {
  const actor = await requireMember(request);
  const found = await authorizeAssociation(actor, slug, canManageAssociation);
  if (!found.ok) throw failureResponse(found);
  return { actor, ...found.value };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { association } = await requireOwner(request, params.slug ?? "");
  const { details, forum } = await getAssociationSettings(association.id);
  const categories = forum ? await listForumCategories(forum.id) : [];
  return {
    association: { slug: association.slug, name: association.name },
    details: { ...details, website: details.website ?? "" },
    forumSlug: forum?.slug ?? null,
    categories,
    constraint: formConstraint(associationDetailsSchema),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const slug = params.slug ?? "";
  const { actor, association } = await requireOwner(request, slug);
  const formData = await readForm(request);

  if (isCategoryIntent(formData.get("intent"))) {
    const { forum } = await getAssociationSettings(association.id);
    if (!forum) throw notFound("This association has no forum");
    const result = await runCategoryForm(actor, forum.id, formData);
    if (result.ok) return redirectWithFlash(`/associations/${slug}/settings#categories-title`, CATEGORY_NOTICES[result.done]);
    return data({ details: null, category: result }, failureInit(result));
  }

  const submission = parseWithZod(formData, { schema: associationDetailsSchema });
  if (submission.status !== "success") return data({ details: submission.reply(), category: null }, { status: 400 });
  const result = await updateAssociation(actor, slug, submission.value);
  if (!result.ok) throw failureResponse(result);
  return redirectWithFlash(`/associations/${slug}/settings`, "The association’s details were saved.");
}

export default function AssociationSettings() {
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "details",
    lastResult: result?.details ?? null,
    defaultValue: page.details,
    constraint: page.constraint,
    ...useLazyValidation(() => import("~/domain/associations/schemas").then((m) => m.associationDetailsSchema)),
  });
  const base = `/associations/${page.association.slug}`;

  return (
    <div className="max-w-3xl">
      <p>
        <Link to={base}>← {page.association.name}</Link>
      </p>
      <h1 className="mt-3 text-3xl font-bold">Settings</h1>
      <p className="mt-2 text-stone-700">
        Only the owner (and site administrators) can change these. Moderators and roles are on the{" "}
        <Link to={`${base}/members`}>members page</Link>.
      </p>

      <section
        aria-labelledby="details-title"
        className="mt-6 rounded-lg border border-stone-200 bg-white p-4 shadow-sm sm:p-5"
      >
        <h2 id="details-title" className="text-2xl font-semibold">
          Details
        </h2>
        <p className="mt-1 text-sm text-stone-600">
          The address, {base}, stays the same: links to the association and its forum keep working.
        </p>
        <Form method="post" {...getFormProps(form)}>
          <input type="hidden" name="intent" value="details" />
          <FormErrors id={form.errorId} errors={form.errors} />
          <TextField meta={fields.name} label="Name" autoComplete="organization" />
          <TextAreaField
            meta={fields.description}
            label="Description"
            rows={6}
            description={`Markdown works: **bold**, *italic*, lists and links. Up to ${DESCRIPTION_MAX.toLocaleString(
              "en-US",
            )} characters.`}
          />
          <TextField
            meta={fields.website}
            type="url"
            label="Website (optional)"
            autoComplete="url"
            description="A full address starting with https://"
          />
          <SelectField
            meta={fields.joinPolicy}
            label="How do people join?"
            options={JOIN_POLICY_OPTIONS}
            description="Changing this does not affect current members. Requests already waiting can still be approved."
          />
          <SubmitButton className="mt-5" pendingText="Saving…">
            Save details
          </SubmitButton>
        </Form>
      </section>

      <section aria-labelledby="categories-title" className="mt-8">
        <h2 id="categories-title" className="text-2xl font-semibold">
          Forum categories
        </h2>
        <p className="mt-1 text-stone-700">
          Categories appear in this order on the association’s page and in its forum. A category can be deleted once it
          has no threads.
        </p>
        {page.forumSlug ? (
          <CategoryManager
            forumSlug={page.forumSlug}
            categories={page.categories}
            isAssociationForum
            error={result?.category && !result.category.ok ? result.category : null}
          />
        ) : (
          <p className="mt-2 text-stone-700">This association has no forum.</p>
        )}
      </section>
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data: page }) => [
  { title: page ? `Settings · ${page.association.name} · CME Commons` : "Settings · CME Commons" },
];

export function ErrorBoundary() {
  return <ErrorPage />;
}
