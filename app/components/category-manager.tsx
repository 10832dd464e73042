/**
 * The category forms of a forum, shared by an association's settings and
 * /admin/community: the categories in order, each with an edit form (inside
 * a disclosure), move up/down and delete-when-empty buttons, and a form to
 * add one. Works without JavaScript; the route's action runs
 * `runCategoryForm` (app/domain/discussions/categories.server.ts).
 *
 * (Client-safe UI. It belongs in app/components/; it lives here only because
 * this feature's files are limited to its own folders.)
 */
import { Form, Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { SubmitButton } from "~/components/ui/button";
import { FieldErrors } from "~/components/ui/field";
import {
  CATEGORY_DESCRIPTION_MAX,
  CATEGORY_NAME_MAX,
  CATEGORY_VISIBILITY_LABELS,
  categoryVisibilityOptions,
  type CategoryVisibilityName,
} from "~/domain/associations/constants";

export type ManagedCategory = {
  id: string;
  slug: string;
  name: string;
  description: string;
  visibility: CategoryVisibilityName;
  threadCount: number;
};

/** The part of a failed category form the page shows again (errors and the text typed). */
export type CategoryFormError = {
  formId: string;
  message: string;
  fieldErrors: Record<string, string[]>;
  values: { name: string; description: string; visibility: string };
};

const inputClass =
  "mt-1 block w-full rounded-md border border-stone-400 bg-white px-3 py-2 text-base shadow-sm aria-[invalid]:border-red-700 focus:border-brand-700";

function CategoryFields({
  prefix,
  values,
  errors,
  isAssociationForum,
}: {
  prefix: string;
  values: { name: string; description: string; visibility: string };
  errors: Record<string, string[]>;
  isAssociationForum: boolean;
}) {
  const id = (field: string) => `${prefix}-${field}`;
  return (
    <>
      <div className="mt-3">
        <label htmlFor={id("name")} className="block font-medium">
          Name
        </label>
        <input
          id={id("name")}
          name="name"
          required
          maxLength={CATEGORY_NAME_MAX}
          defaultValue={values.name}
          aria-invalid={errors.name ? true : undefined}
          aria-describedby={id("name-errors")}
          className={inputClass}
        />
        <FieldErrors id={id("name-errors")} errors={errors.name} />
      </div>
      <div className="mt-3">
        <label htmlFor={id("description")} className="block font-medium">
          Description (optional)
        </label>
        <p id={id("description-help")} className="text-sm text-stone-600">
          One or two sentences saying what belongs here. Up to {CATEGORY_DESCRIPTION_MAX} characters.
        </p>
        <textarea
          id={id("description")}
          name="description"
          rows={2}
          maxLength={CATEGORY_DESCRIPTION_MAX}
          defaultValue={values.description}
          aria-invalid={errors.description ? true : undefined}
          aria-describedby={`${id("description-help")} ${id("description-errors")}`}
          className={inputClass}
        />
        <FieldErrors id={id("description-errors")} errors={errors.description} />
      </div>
      <div className="mt-3">
        <label htmlFor={id("visibility")} className="block font-medium">
          Who can read it?
        </label>
        <select
          id={id("visibility")}
          name="visibility"
          defaultValue={values.visibility}
          aria-invalid={errors.visibility ? true : undefined}
          aria-describedby={id("visibility-errors")}
          className={inputClass}
        >
          {categoryVisibilityOptions(isAssociationForum).map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
        <FieldErrors id={id("visibility-errors")} errors={errors.visibility} />
      </div>
    </>
  );
}

function SmallButton({
  intent,
  categoryId,
  children,
  extra,
}: {
  intent: string;
  categoryId: string;
  children: ReactNode;
  extra?: Record<string, string>;
}) {
  return (
    <Form method="post">
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="categoryId" value={categoryId} />
      {Object.entries(extra ?? {}).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <SubmitButton variant={intent === "delete-category" ? "danger" : "secondary"} className="px-3 py-1 text-sm">
        {/* One flex item, so the hidden name joins the label without a gap. */}
        <span>{children}</span>
      </SubmitButton>
    </Form>
  );
}

export function CategoryManager({
  forumSlug,
  categories,
  isAssociationForum,
  error,
}: {
  forumSlug: string;
  categories: ManagedCategory[];
  isAssociationForum: boolean;
  error: CategoryFormError | null;
}) {
  const addError = error?.formId === "add" ? error : null;
  return (
    <>
      {categories.length === 0 ? (
        <p className="mt-3 text-stone-700">No categories yet: add the first one below.</p>
      ) : (
        <ol className="mt-3 space-y-3">
          {categories.map((category, index) => {
            const own = error?.formId === category.id ? error : null;
            const values = own?.values ?? {
              name: category.name,
              description: category.description,
              visibility: category.visibility,
            };
            return (
              <li key={category.id} className="rounded-lg border border-stone-200 bg-white p-4">
                <h3 className="break-words font-semibold">
                  <span className="sr-only">{index + 1}. </span>
                  <Link to={`/forums/${forumSlug}/${category.slug}`}>{category.name}</Link>
                </h3>
                <p className="text-sm text-stone-700">
                  Readable by: {CATEGORY_VISIBILITY_LABELS[category.visibility].toLowerCase()} · {category.threadCount}{" "}
                  {category.threadCount === 1 ? "thread" : "threads"}
                </p>
                {own && !Object.keys(own.fieldErrors).length ? (
                  <p role="alert" className="mt-2 text-sm text-red-800">
                    {own.message}
                  </p>
                ) : null}
                <details className="mt-2" open={own ? true : undefined}>
                  <summary className="cursor-pointer font-medium text-brand-700">
                    Edit<span className="sr-only"> {category.name}</span>
                  </summary>
                  <Form method="post" className="mt-1">
                    <input type="hidden" name="intent" value="edit-category" />
                    <input type="hidden" name="categoryId" value={category.id} />
                    <CategoryFields
                      prefix={`category-${category.id}`}
                      values={values}
                      errors={own?.fieldErrors ?? {}}
                      isAssociationForum={isAssociationForum}
                    />
                    <p className="mt-2 text-sm text-stone-600">
                      A change of who can read it applies to every thread in the category at once.
                    </p>
                    <SubmitButton className="mt-3" pendingText="Saving…">
                      Save<span className="sr-only"> {category.name}</span>
                    </SubmitButton>
                  </Form>
                </details>
                <div className="mt-3 flex flex-wrap gap-2">
                  {index > 0 ? (
                    <SmallButton intent="move-category" categoryId={category.id} extra={{ direction: "up" }}>
                      Move up<span className="sr-only">: {category.name}</span>
                    </SmallButton>
                  ) : null}
                  {index < categories.length - 1 ? (
                    <SmallButton intent="move-category" categoryId={category.id} extra={{ direction: "down" }}>
                      Move down<span className="sr-only">: {category.name}</span>
                    </SmallButton>
                  ) : null}
                  {category.threadCount === 0 ? (
                    <SmallButton intent="delete-category" categoryId={category.id}>
                      Delete<span className="sr-only">: {category.name}</span>
                    </SmallButton>
                  ) : null}
                </div>
              </li>
            );
          })}
        </ol>
      )}

      <section aria-labelledby="add-category-title" className="mt-6 rounded-lg border border-stone-200 bg-white p-4">
        <h3 id="add-category-title" className="text-lg font-semibold">
          Add a category
        </h3>
        {addError && !Object.keys(addError.fieldErrors).length ? (
          <p role="alert" className="mt-2 text-sm text-red-800">
            {addError.message}
          </p>
        ) : null}
        <Form method="post">
          <input type="hidden" name="intent" value="add-category" />
          <CategoryFields
            prefix="new-category"
            values={addError?.values ?? { name: "", description: "", visibility: "PUBLIC" }}
            errors={addError?.fieldErrors ?? {}}
            isAssociationForum={isAssociationForum}
          />
          <SubmitButton className="mt-3" pendingText="Adding…">
            Add the category
          </SubmitButton>
        </Form>
      </section>
    </>
  );
}
