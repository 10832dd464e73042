// /associations/:slug/settings — the owner (or a site administrator) edits
// the association's details and join policy, chooses the competency framework
// its members assess against, and arranges its forum's categories: add, edit,
// reorder, delete while empty.
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
import { frameworkChoicesFor, setAssociationFramework } from "~/domain/competencies/licences.server";
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
  const [categories, frameworks] = await Promise.all([
    forum ? listForumCategories(forum.id) : Promise.resolve([]),
    frameworkChoicesFor(association.id),
  ]);
  return {
    frameworks,
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

  if (formData.get("intent") === "framework") {
    const chosen = formData.get("frameworkVersionId");
    const versionId = typeof chosen === "string" && chosen !== "default" ? chosen : null;
    const fieldErrors = await setAssociationFramework(association.id, versionId);
    if (fieldErrors) return data({ details: null, category: null, framework: { fieldErrors, chosen: versionId } }, { status: 400 });
    return redirectWithFlash(
      `/associations/${slug}/settings#framework-title`,
      "The framework was saved. Assessments your members already started keep theirs.",
    );
  }

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

      <FrameworkChoice slug={page.association.slug} frameworks={page.frameworks} result={result && "framework" in result ? result.framework : null} />

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

function FrameworkChoice({
  slug,
  frameworks,
  result,
}: {
  slug: string;
  frameworks: { chosenId: string | null; versions: { id: string; label: string; licensed: boolean }[] };
  result: { fieldErrors: Record<string, string[]>; chosen: string | null } | null | undefined;
}) {
  const checked = result ? result.chosen : frameworks.chosenId;
  const errors = result?.fieldErrors.frameworkVersionId;
  return (
    <section aria-labelledby="framework-title" className="mt-8 rounded-lg border border-stone-200 bg-white p-4 shadow-sm sm:p-5">
      <h2 id="framework-title" className="text-2xl font-semibold">
        Competency framework
      </h2>
      <p className="mt-1 text-sm text-stone-600">
        The framework your members assess themselves against. A framework licensed to this association is read only by
        its members. Assessments already started keep their framework.
      </p>
      <Form method="post">
        <input type="hidden" name="intent" value="framework" />
        <fieldset className="mt-3" aria-describedby="framework-errors" aria-invalid={errors ? true : undefined}>
          <legend className="font-medium">Your members assess against</legend>
          <label className="mt-1 flex items-start gap-2">
            <input type="radio" name="frameworkVersionId" value="default" defaultChecked={checked === null} className="mt-1.5" />
            <span>The site’s default framework</span>
          </label>
          {frameworks.versions.map((version) => (
            <label key={version.id} className="mt-1 flex items-start gap-2">
              <input
                type="radio"
                name="frameworkVersionId"
                value={version.id}
                defaultChecked={checked === version.id}
                className="mt-1.5"
              />
              <span>
                {version.label}
                {version.licensed ? (
                  <span className="block text-sm text-stone-600">
                    Licensed to this association ·{" "}
                    <a href={`/admin/frameworks/${version.id}/export`} download>
                      Download it
                    </a>
                  </span>
                ) : null}
              </span>
            </label>
          ))}
          <div id="framework-errors" className="mt-1 text-sm text-red-800">
            {errors?.map((error) => <p key={error}>{error}</p>)}
          </div>
        </fieldset>
        <SubmitButton className="mt-4" pendingText="Saving…">
          Save framework
        </SubmitButton>
      </Form>
    </section>
  );
}
