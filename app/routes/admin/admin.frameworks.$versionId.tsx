// /admin/frameworks/:versionId: a framework version as members would read it
// (introduction, stages, every area with all its stage descriptors), with
// "Publish" for a draft and "Use for new assessments" for a published version.
import { data, type SerializeFrom, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import type { BreadcrumbHandle } from "~/components/breadcrumbs";
import { FrameworkAttribution } from "~/components/framework-attribution";
import { FrameworkRightsFields, LicenseeSearch, type RightsValues } from "~/components/framework-rights-fields";
import { SubmitButton } from "~/components/ui/button";
import {
  getFrameworkVersionPreview,
  publishFrameworkVersion,
  setCurrentFrameworkVersion,
} from "~/domain/competencies/import.server";
import { crosswalkPartners, listCrosswalksOfVersion } from "~/domain/competencies/crosswalks.server";
import { getRightsDetails, listLicenseeChoices, setFrameworkRights } from "~/domain/competencies/licences.server";
import { rightsFormSchema, rightsFormValues } from "~/domain/competencies/schemas";
import { requireAdmin } from "~/utils/auth.server";
import { readerTimeZone } from "~/domain/members/actor";
import { dateToDay, dayIn } from "~/utils/zoned-dates";
import { formFailure, notFound } from "~/utils/http.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { readForm } from "~/utils/request-body.server";

export { headers } from "~/utils/headers";

const actionSchema = z.object({ intent: z.enum(["publish", "use", "rights"]) });

const NOTICES = {
  rights: "The rights were saved. Members of an association whose licence ended keep their answers, without this text.",
  publish: "Published. This version can no longer change; you can now use it for new assessments.",
  use: "New assessments now use this version. Assessments already started keep their version.",
} as const;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const admin = await requireAdmin(request);
  const [version, rights, associations, crosswalks, partners] = await Promise.all([
    getFrameworkVersionPreview(params.versionId ?? ""),
    getRightsDetails(params.versionId ?? ""),
    listLicenseeChoices({ search: new URL(request.url).searchParams.get("licensee") ?? "", versionId: params.versionId ?? "" }),
    listCrosswalksOfVersion(params.versionId ?? ""),
    crosswalkPartners(params.versionId ?? ""),
  ]);
  if (!version || !rights) throw notFound("Framework version not found");
  const stageNames = new Map(version.stages.map((stage) => [stage.slug, stage.name]));
  return {
    version: {
      id: version.id,
      version: version.version,
      status: version.status,
      isCurrent: version.isCurrent,
      assessmentCount: version.assessmentCount,
      introductionHtml: version.introductionHtml,
      attribution: version.attribution,
      sourceUrl: version.sourceUrl,
      // A calendar day (@db.Date): the same in every zone.
      releasedOn: version.releasedOn ? dateToDay(version.releasedOn) : null,
      framework: version.framework,
    },
    stages: version.stages,
    areas: version.areas.map(({ descriptors, ...area }) => ({
      ...area,
      descriptors: descriptors.map((descriptor) => ({
        stageSlug: descriptor.stage.slug,
        stageName: stageNames.get(descriptor.stage.slug) ?? descriptor.stage.slug,
        text: descriptor.text,
      })),
    })),
    canPublish: version.status === "DRAFT",
    canUse: version.status === "PUBLISHED" && !version.isCurrent && rights.rights === "OPEN",
    rights: {
      rights: rights.rights,
      attribution: rights.rightsAttribution,
      licensees: rights.licences.map((licence) => licence.association),
      confirmedBy: rights.rightsConfirmedBy?.profile?.displayName ?? null,
      confirmedOn: rights.rightsConfirmedAt ? dayIn(readerTimeZone(admin), rights.rightsConfirmedAt) : null,
    },
    associations,
    crosswalks,
    partners,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const admin = await requireAdmin(request);
  const formData = await readForm(request);
  const parsed = actionSchema.safeParse({ intent: formData.get("intent") });
  if (!parsed.success) return data({ problems: ["Unknown action."] }, { status: 400 });
  const versionId = params.versionId ?? "";
  if (parsed.data.intent === "rights") {
    const raw = rightsFormValues(formData);
    const values: RightsValues = {
      rights: raw.rights === "LICENSED" ? "LICENSED" : "OPEN",
      licenseeIds: raw.licenseeIds,
      rightsAttribution: typeof raw.rightsAttribution === "string" ? raw.rightsAttribution : "",
      confirmRights: raw.confirmRights === "on",
    };
    const input = rightsFormSchema.safeParse(raw);
    if (!input.success) {
      const fieldErrors: Record<string, string[]> = {};
      for (const issue of input.error.issues) (fieldErrors[String(issue.path[0] ?? "rights")] ??= []).push(issue.message);
      return data({ problems: [] as string[], fieldErrors, values }, { status: 400 });
    }
    const saved = await setFrameworkRights(admin, versionId, input.data);
    if (!saved.ok) return formFailure(saved, { problems: [] as string[], fieldErrors: saved.fieldErrors ?? {}, values });
    return redirectWithFlash(`/admin/frameworks/${versionId}`, NOTICES.rights);
  }
  const result =
    parsed.data.intent === "publish" ? await publishFrameworkVersion(versionId) : await setCurrentFrameworkVersion(versionId);
  if (!result.ok) return formFailure(result, { problems: result.problems });
  return redirectWithFlash(`/admin/frameworks/${versionId}`, NOTICES[parsed.data.intent]);
}

const STATUS_LABELS = { DRAFT: "Draft", PUBLISHED: "Published", RETIRED: "Retired" } as const;

export const handle: BreadcrumbHandle<SerializeFrom<typeof loader>> = {
  breadcrumb: ({ version }) => [
    { label: "Competency frameworks", to: "/admin/frameworks" },
    { label: `${version.framework.name} ${version.version}` },
  ],
};

export default function FrameworkVersionPreview() {
  const { version, stages, areas, canPublish, canUse, rights, associations, crosswalks, partners } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const refused = actionData as { values?: RightsValues; fieldErrors?: Record<string, string[]> } | undefined;
  return (
    <>

      <header className="mt-4 max-w-3xl">
        <p className="text-sm font-semibold text-brand-700">Preview of a framework version</p>
        <h1 className="mt-1 text-3xl font-bold">{version.framework.name}</h1>
        <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-4 text-stone-700">
          <dt className="font-medium">Version</dt>
          <dd>{version.version}</dd>
          <dt className="font-medium">Status</dt>
          <dd>
            {STATUS_LABELS[version.status]}
            {version.isCurrent ? " — in use for new assessments" : ""}
          </dd>
          {version.releasedOn ? (
            <>
              <dt className="font-medium">Released</dt>
              <dd>{version.releasedOn}</dd>
            </>
          ) : null}
          <dt className="font-medium">Assessments taken</dt>
          <dd>{version.assessmentCount}</dd>
          <dt className="font-medium">Rights</dt>
          <dd>
            {rights.rights === "OPEN"
              ? "Open"
              : `Licensed to ${rights.licensees.map((licensee) => licensee.name).join(", ") || "no association"}`}
            {rights.confirmedOn ? (
              <span className="block text-sm text-stone-600">
                Rights confirmed by {rights.confirmedBy ?? "a former administrator"} on {rights.confirmedOn}
              </span>
            ) : null}
          </dd>
        </dl>
        {rights.attribution ? <p className="mt-2 text-sm text-stone-700">{rights.attribution}</p> : null}

        {actionData?.problems?.length ? (
          <div role="alert" className="mt-4 rounded-md border border-red-300 bg-red-50 p-3 text-red-900">
            {actionData.problems.map((problem) => (
              <p key={problem}>{problem}</p>
            ))}
          </div>
        ) : null}

        <div className="mt-4 flex flex-wrap items-center gap-3">
          {canPublish ? (
            <Form method="post">
              <SubmitButton name="intent" value="publish" pendingText="Publishing…">
                Publish
              </SubmitButton>
            </Form>
          ) : null}
          {canUse ? (
            <Form method="post">
              <SubmitButton name="intent" value="use" pendingText="Switching…">
                Use for new assessments
              </SubmitButton>
            </Form>
          ) : null}
          <a href={`/admin/frameworks/${version.id}/export`} download>
            Export JSON
          </a>
        </div>
        {canPublish ? (
          <p className="mt-2 text-sm text-stone-600">
            Once published, this version can't change. To correct it later, import the changes with a new version number.
          </p>
        ) : null}

        <details className="mt-6 rounded-lg border border-stone-200 bg-white p-4" open={Boolean(refused?.fieldErrors) || Boolean(associations.search)}>
          <summary className="cursor-pointer font-semibold">Change the rights or licensees</summary>
          <LicenseeSearch id="rights-licensees" choices={associations} clearTo={`/admin/frameworks/${version.id}`} keepsCurrent />
          <Form method="post">
            <FrameworkRightsFields
              id="rights"
              associations={associations.associations}
              values={
                refused?.values ?? {
                  rights: rights.rights,
                  licenseeIds: rights.licensees.map((licensee) => licensee.id),
                  rightsAttribution: rights.attribution ?? "",
                  confirmRights: false,
                }
              }
              errors={refused?.fieldErrors}
            />
            <SubmitButton name="intent" value="rights" className="mt-4" pendingText="Saving…">
              Save the rights
            </SubmitButton>
          </Form>
        </details>

        <section aria-labelledby="crosswalks-title" className="mt-6 rounded-lg border border-stone-200 bg-white p-4">
          <h2 id="crosswalks-title" className="text-xl font-semibold">
            Crosswalks to other frameworks
          </h2>
          <p className="mt-1 text-sm text-stone-700">
            Other versions of this framework match its areas by slug and its stages by position. To carry members' history
            to or from another framework, define a crosswalk from the older version to the newer one.
          </p>
          {crosswalks.length ? (
            <ul className="mt-2 space-y-1">
              {crosswalks.map((crosswalk) => (
                <li key={`${crosswalk.fromVersionId}-${crosswalk.toVersionId}`}>
                  <Link to={`/admin/frameworks/${crosswalk.fromVersionId}/crosswalks/${crosswalk.toVersionId}`}>
                    From {crosswalk.from} to {crosswalk.to}
                  </Link>{" "}
                  <span className="text-sm text-stone-600">
                    ({crosswalk.lines} area {crosswalk.lines === 1 ? "line" : "lines"})
                  </span>
                </li>
              ))}
            </ul>
          ) : (
            <p className="mt-2 text-sm text-stone-700">No crosswalk uses this version yet.</p>
          )}
          {partners.length ? (
            <details className="mt-3">
              <summary className="cursor-pointer font-medium">Define a crosswalk from this version</summary>
              <ul className="mt-2 space-y-1">
                {partners.map((partner) => (
                  <li key={partner.id}>
                    <Link to={`/admin/frameworks/${version.id}/crosswalks/${partner.id}`}>To {partner.label}</Link>
                  </li>
                ))}
              </ul>
            </details>
          ) : null}
        </section>

        <h2 className="mt-8 text-2xl font-semibold">Introduction</h2>
        <div className="prose-content mt-2 text-stone-800" dangerouslySetInnerHTML={{ __html: version.introductionHtml }} />
      </header>

      <section aria-labelledby="stages-title" className="mt-10">
        <h2 id="stages-title" className="text-2xl font-semibold">
          {stages.length} stages of proficiency
        </h2>
        <ol className="mt-4 space-y-2">
          {stages.map((stage) => (
            <li key={stage.slug} className="rounded-lg border border-stone-200 bg-white p-4">
              <h3 className="font-semibold">
                Stage {stage.position}: {stage.name}
              </h3>
              <p className="mt-1 text-stone-800">{stage.summary}</p>
            </li>
          ))}
        </ol>
      </section>

      <section aria-labelledby="areas-title" className="mt-10">
        <h2 id="areas-title" className="text-2xl font-semibold">
          {areas.length} competency areas
        </h2>
        {areas.map((area) => (
          <article key={area.slug} aria-labelledby={`area-${area.slug}`} className="mt-6 rounded-lg border border-stone-200 bg-white p-5">
            <h3 id={`area-${area.slug}`} className="text-xl font-semibold">
              {area.position}. {area.name}
            </h3>
            <div className="prose-content mt-2 text-stone-800" dangerouslySetInnerHTML={{ __html: area.summaryHtml }} />
            <h4 className="mt-4 font-semibold">What each stage looks like</h4>
            <dl className="mt-2 space-y-2">
              {area.descriptors.map((descriptor) => (
                <div key={descriptor.stageSlug}>
                  <dt className="font-medium">{descriptor.stageName}</dt>
                  <dd className="text-stone-800">{descriptor.text}</dd>
                </div>
              ))}
            </dl>
          </article>
        ))}
      </section>

      <FrameworkAttribution framework={version} />
    </>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: data
      ? `${data.version.framework.name} ${data.version.version} — preview · Admin · CME Commons`
      : "Framework version · Admin · CME Commons",
  },
];
