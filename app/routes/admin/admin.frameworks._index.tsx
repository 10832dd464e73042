// /admin/frameworks: every framework version, the one new assessments use,
// and the import form (Markdown files in the content/ format, or one JSON file).
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { EMPTY_RIGHTS, FrameworkRightsFields, LicenseeSearch, type RightsValues } from "~/components/framework-rights-fields";
import { SubmitButton } from "~/components/ui/button";
import {
  importFrameworkVersion,
  listFrameworkVersions,
  parseFrameworkUpload,
  setCurrentFrameworkVersion,
} from "~/domain/competencies/import.server";
import { MAX_UPLOAD_FILE_BYTES, MAX_UPLOAD_FILES } from "~/domain/competencies/import-limits";
import { listLicenseeChoices } from "~/domain/competencies/licences.server";
import { rightsFormSchema, rightsFormValues } from "~/domain/competencies/schemas";
import { requireAdmin } from "~/utils/auth.server";
import { readerTimeZone } from "~/domain/members/actor";
import { dayIn } from "~/utils/zoned-dates";
import { redirectWithFlash } from "~/utils/flash.server";
import { readForm } from "~/utils/request-body.server";
import { failureInit } from "~/utils/http.server";

export { headers } from "~/utils/headers";

const useSchema = z.object({ intent: z.literal("use"), versionId: z.string().min(1) });

export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireAdmin(request);
  const [versions, associations] = await Promise.all([listFrameworkVersions(), listLicenseeChoices({ search: new URL(request.url).searchParams.get("licensee") ?? "" })]);
  return {
    associations,
    versions: versions.map(({ createdAt, ...version }) => ({ ...version, importedOn: dayIn(readerTimeZone(admin), createdAt) })),
  };
}

/** The rights fields as submitted, to show them again after a refusal. */
function submittedRights(formData: FormData): RightsValues {
  const raw = rightsFormValues(formData);
  return {
    rights: raw.rights === "LICENSED" ? "LICENSED" : "OPEN",
    licenseeIds: raw.licenseeIds,
    rightsAttribution: typeof raw.rightsAttribution === "string" ? raw.rightsAttribution : "",
    confirmRights: raw.confirmRights === "on",
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireAdmin(request);
  const formData = await readForm(request);
  const problems = uploadProblems(formData);
  if (problems.length) return data({ problems }, { status: 413 });

  if (formData.get("intent") === "use") {
    const parsed = useSchema.safeParse(Object.fromEntries(formData));
    if (!parsed.success) return data({ problems: ["Choose a framework version."] }, { status: 400 });
    const result = await setCurrentFrameworkVersion(parsed.data.versionId);
    if (!result.ok) return data({ problems: result.problems }, failureInit(result));
    return redirectWithFlash(
      "/admin/frameworks",
      "The version for new assessments was changed. Assessments already started keep their version.",
    );
  }

  // Rights first: a licensed version is never saved without its licensees and confirmation.
  const values = submittedRights(formData);
  const rights = rightsFormSchema.safeParse(rightsFormValues(formData));
  if (!rights.success) {
    const fieldErrors: Record<string, string[]> = {};
    for (const issue of rights.error.issues) (fieldErrors[String(issue.path[0] ?? "rights")] ??= []).push(issue.message);
    return data({ problems: ["Fix the rights below, then choose the files again."], fieldErrors, values }, { status: 400 });
  }

  const files = await Promise.all(
    formData
      .getAll("files")
      .filter((value): value is File => typeof value !== "string")
      .map(async (file) => ({ name: file.name, text: await file.text() })),
  );
  const upload = parseFrameworkUpload(files);
  if (!upload.ok) return data({ problems: upload.problems, values }, { status: 400 });
  const result = await importFrameworkVersion(upload.document, upload.contentHash, { input: rights.data, by: admin });
  if (!result.ok) return data({ problems: result.problems, fieldErrors: result.fieldErrors, values }, failureInit(result));
  return redirectWithFlash(`/admin/frameworks/${result.versionId}`, "Imported as a draft. Check it below, then publish it.");
}

/** The caps on an upload (the whole body is already within the route's limit, body-limits.ts). */
function uploadProblems(formData: FormData): string[] {
  const files = formData.getAll("files").filter((value): value is File => typeof value !== "string");
  if (files.length > MAX_UPLOAD_FILES) return [`Too many files: upload at most ${MAX_UPLOAD_FILES} at a time.`];
  if (files.some((file) => file.size > MAX_UPLOAD_FILE_BYTES)) {
    return [`A file is too large: each file can be at most ${MAX_UPLOAD_FILE_BYTES / 1000} kB.`];
  }
  return [];
}

const STATUS_LABELS = { DRAFT: "Draft", PUBLISHED: "Published", RETIRED: "Retired" } as const;

export default function AdminFrameworks() {
  const { versions, associations } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  // Every refusal of an import carries the rights as submitted, and field errors when they were the problem.
  const refused = actionData as { values?: RightsValues; fieldErrors?: Record<string, string[]> } | undefined;
  const rightsValues = refused?.values ?? EMPTY_RIGHTS;
  const rightsErrors = refused?.fieldErrors;
  return (
    <div className="max-w-4xl">
      <h1 className="text-3xl font-bold">Competency frameworks</h1>
      <p className="mt-2 text-stone-700">
        Each framework comes in versions. A new version never changes assessments taken against an older one. Import a
        version as a draft, check its preview, publish it, then choose it for new assessments.
      </p>

      <section aria-labelledby="versions-title" className="mt-8">
        <h2 id="versions-title" className="text-2xl font-semibold">
          Versions
        </h2>
        {versions.length === 0 ? (
          <p className="mt-2 text-stone-700">No framework versions yet. Import one below.</p>
        ) : (
          // Scrolls sideways on its own on a phone; the page does not.
          <div className="relative mt-4 overflow-x-auto">
          <table className="w-full border-collapse text-left">
            <thead>
              <tr className="border-b border-stone-300">
                <th scope="col" className="py-2 pr-4">Framework</th>
                <th scope="col" className="py-2 pr-4">Version</th>
                <th scope="col" className="py-2 pr-4">Status</th>
                <th scope="col" className="py-2 pr-4">Areas</th>
                <th scope="col" className="py-2 pr-4">Assessments</th>
                <th scope="col" className="py-2">Actions</th>
              </tr>
            </thead>
            <tbody>
              {versions.map((version) => {
                const label = `${version.frameworkName} version ${version.version}`;
                return (
                  <tr key={version.id} className="border-b border-stone-200 align-top">
                    <th scope="row" className="py-2 pr-4 font-medium">
                      {version.frameworkName}
                      <span className="block text-sm font-normal text-stone-600">Imported {version.importedOn}</span>
                    </th>
                    <td className="py-2 pr-4">{version.version}</td>
                    <td className="py-2 pr-4">
                      {STATUS_LABELS[version.status]}
                      <span className="block text-sm text-stone-600">
                        {version.rights === "LICENSED"
                          ? `Licensed to ${version.licensees.join(", ") || "no association"}`
                          : "Open"}
                      </span>
                      {version.isCurrent ? (
                        <strong className="mt-1 block rounded bg-brand-700 px-2 py-0.5 text-sm text-white">
                          In use for new assessments
                        </strong>
                      ) : null}
                    </td>
                    <td className="py-2 pr-4">{version.areaCount}</td>
                    <td className="py-2 pr-4">{version.assessmentCount}</td>
                    <td className="py-2">
                      <ul className="space-y-1">
                        <li>
                          <Link to={`/admin/frameworks/${version.id}`} aria-label={`Preview ${label}`}>
                            Preview
                          </Link>
                        </li>
                        <li>
                          <a href={`/admin/frameworks/${version.id}/export`} download>
                            Export JSON<span className="sr-only"> of {label}</span>
                          </a>
                        </li>
                        {version.status === "PUBLISHED" && !version.isCurrent && version.rights === "OPEN" ? (
                          <li>
                            <Form method="post">
                              <input type="hidden" name="versionId" value={version.id} />
                              <SubmitButton
                                name="intent"
                                value="use"
                                variant="secondary"
                                className="text-sm"
                                pendingText="Switching…"
                              >
                                Use for new assessments<span className="sr-only">: {label}</span>
                              </SubmitButton>
                            </Form>
                          </li>
                        ) : null}
                      </ul>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          </div>
        )}
      </section>

      <section aria-labelledby="import-title" className="mt-10">
        <h2 id="import-title" className="text-2xl font-semibold">
          Import a version
        </h2>
        {actionData?.problems?.length ? (
          <div role="alert" className="mt-4 rounded-md border border-red-300 bg-red-50 p-3 text-red-900">
            <p className="font-semibold">
              {actionData.problems.length === 1
                ? "Nothing was imported. Fix this problem and upload again:"
                : `Nothing was imported. Fix these ${actionData.problems.length} problems and upload again:`}
            </p>
            <ul className="mt-2 list-disc pl-5">
              {actionData.problems.map((problem) => (
                <li key={problem}>{problem}</li>
              ))}
            </ul>
          </div>
        ) : null}
        <LicenseeSearch id="import-licensees" choices={associations} clearTo="/admin/frameworks" />
        <Form method="post" encType="multipart/form-data" className="mt-4">
          <label htmlFor="framework-files" className="block font-medium">
            Framework files
          </label>
          <div id="framework-files-help" className="text-sm text-stone-600">
            <p>Choose either:</p>
            <ul className="list-disc pl-5">
              <li>
                Markdown files in the same format as the site's content folder: one <code>framework.md</code> (its front
                matter holds the name, version, publisher, attribution and stages; its text is the introduction) and one
                file per area (front matter: slug, name, position and a descriptor for every stage; its text is the
                summary), or
              </li>
              <li>
                one <code>.json</code> file, such as a version exported from this page.
              </li>
            </ul>
            <p>
              Up to {MAX_UPLOAD_FILES} files of at most {MAX_UPLOAD_FILE_BYTES / 1000} kB each. The version is imported as a
              draft. A published version can't be replaced: give changed content a new version number.
            </p>
          </div>
          <input
            id="framework-files"
            name="files"
            type="file"
            multiple
            required
            accept=".md,.markdown,.json,text/markdown,application/json"
            aria-describedby="framework-files-help"
            className="mt-2 block max-w-full"
          />
          <FrameworkRightsFields id="import" associations={associations.associations} values={rightsValues} errors={rightsErrors} />
          <SubmitButton name="intent" value="import" className="mt-4" pendingText="Importing…">
            Import as draft
          </SubmitButton>
        </Form>
      </section>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Competency frameworks · Admin · CME Commons" }];
