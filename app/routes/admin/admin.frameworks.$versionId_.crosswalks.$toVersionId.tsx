// /admin/frameworks/:versionId/crosswalks/:toVersionId — the crosswalk from one
// framework version to a version of another framework: which newer areas each
// older area carries to, and, when the stage scales differ, which newer stage
// each older stage counts as. Edit it with the form, or import a JSON or CSV
// file; download it beside the framework. Site administrators only.
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, type SerializeFrom } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import type { BreadcrumbHandle } from "~/components/breadcrumbs";
import { ErrorPage } from "~/components/error-page";
import { FieldErrors, inputClass } from "~/components/ui/field";
import { SubmitButton } from "~/components/ui/button";
import {
  CROSSWALK_LINE_NOTE_MAX,
  CROSSWALK_NOTE_MAX,
  MAX_CROSSWALK_FILE_BYTES,
  type CrosswalkLinesInput,
} from "~/domain/competencies/crosswalk";
import { crosswalkSaveSchema, parseCrosswalkFile } from "~/domain/competencies/crosswalk-file";
import { documentToLines, getCrosswalkEditor, saveCrosswalk } from "~/domain/competencies/crosswalks.server";
import { requireAdmin } from "~/utils/auth.server";
import { readerTimeZone } from "~/domain/members/actor";
import { formatLongDateIn } from "~/utils/zoned-dates";
import { redirectWithFlash } from "~/utils/flash.server";
import { badRequest, formFailure, okOrThrow } from "~/utils/http.server";
import { readForm } from "~/utils/request-body.server";

export { headers } from "~/utils/headers";

/** What the form shows: the saved crosswalk, or what was submitted after a refusal. */
type FormValues = {
  note: string;
  /** Older area id → newer area ids. */
  links: Record<string, string[]>;
  /** Older area id → note. */
  notes: Record<string, string>;
  /** Older stage position → newer position ("" for by position). */
  stages: Record<string, string>;
};

type ActionData = { fieldErrors: Record<string, string[]>; values?: FormValues };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const admin = await requireAdmin(request);
  const editor = okOrThrow(await getCrosswalkEditor(params.versionId ?? "", params.toVersionId ?? ""));
  const { from, to, crosswalk } = editor;
  const values: FormValues = { note: crosswalk?.note ?? "", links: {}, notes: {}, stages: {} };
  for (const line of crosswalk?.areaLinks ?? []) {
    (values.links[line.fromAreaId] ??= []).push(line.toAreaId);
    if (line.note) values.notes[line.fromAreaId] = line.note;
  }
  for (const line of crosswalk?.stageLinks ?? []) values.stages[String(line.from)] = String(line.to);
  const side = (version: typeof from) => ({
    id: version.id,
    label: `${version.frameworkName} ${version.version}`,
    licensed: version.rights === "LICENSED",
    areas: version.areas.map(({ id, name, position }) => ({ id, name, position })),
    stages: version.stages,
  });
  return {
    from: side(from),
    to: side(to),
    saved: crosswalk ? { savedBy: crosswalk.savedBy, savedOn: formatLongDateIn(crosswalk.updatedAt, readerTimeZone(admin)) } : null,
    values,
  };
}

/** The form's lines: `to.<older area id>` checkboxes, `areaNote.<older area id>`, `stage.<older position>`. */
function linesFromForm(formData: FormData, note: string): { input: CrosswalkLinesInput; values: FormValues } {
  const values: FormValues = { note, links: {}, notes: {}, stages: {} };
  const areaLinks: CrosswalkLinesInput["areaLinks"][number][] = [];
  const stageLinks: { from: number; to: number }[] = [];
  for (const [name, value] of formData) {
    if (typeof value !== "string") continue;
    if (name.startsWith("to.")) (values.links[name.slice(3)] ??= []).push(value);
    else if (name.startsWith("areaNote.") && value.trim()) values.notes[name.slice(9)] = value;
    else if (name.startsWith("stage.") && value !== "") {
      values.stages[name.slice(6)] = value;
      stageLinks.push({ from: Number(name.slice(6)), to: Number(value) });
    }
  }
  for (const [fromAreaId, toAreaIds] of Object.entries(values.links)) {
    for (const toAreaId of toAreaIds) areaLinks.push({ fromAreaId, toAreaId, note: values.notes[fromAreaId] ?? null });
  }
  return { input: { note, areaLinks, stageLinks }, values };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const admin = await requireAdmin(request);
  const fromVersionId = params.versionId ?? "";
  const toVersionId = params.toVersionId ?? "";
  // Re-read both versions (and refuse a pair of the same framework) before anything else.
  const editor = okOrThrow(await getCrosswalkEditor(fromVersionId, toVersionId));
  const formData = await readForm(request);
  const intent = formData.get("intent");
  const here = `/admin/frameworks/${fromVersionId}/crosswalks/${toVersionId}`;

  if (intent === "import") {
    const file = formData.get("file");
    if (!file || typeof file === "string" || file.size === 0) {
      return data<ActionData>({ fieldErrors: { file: ["Choose a .json or .csv file to import."] } }, { status: 400 });
    }
    if (file.size > MAX_CROSSWALK_FILE_BYTES) {
      return data<ActionData>({ fieldErrors: { file: [`The file is too large: the most is ${MAX_CROSSWALK_FILE_BYTES / 1000} kB.`] } }, { status: 400 });
    }
    const parsed = parseCrosswalkFile(file.name, await file.text());
    if (!parsed.ok) return data<ActionData>({ fieldErrors: { file: parsed.problems } }, { status: 400 });
    const lines = documentToLines(parsed.document, editor.from, editor.to, editor.crosswalk?.note ?? "");
    if (!lines.ok) return formFailure(lines, { fieldErrors: lines.fieldErrors ?? {} } satisfies ActionData);
    const saved = await saveCrosswalk(admin, fromVersionId, toVersionId, lines.value);
    // The file was the input: its problems are the file field's.
    if (!saved.ok) return formFailure(saved, { fieldErrors: { file: Object.values(saved.fieldErrors ?? { file: [saved.message] }).flat() } } satisfies ActionData);
    return redirectWithFlash(here, "The crosswalk was imported. Profiles and insight use it from now on.");
  }

  const parsed = crosswalkSaveSchema.safeParse({ intent, note: formData.get("note") ?? "" });
  if (!parsed.success) throw badRequest("Unknown action.");
  const { input, values } = linesFromForm(formData, parsed.data.note);
  const saved = await saveCrosswalk(admin, fromVersionId, toVersionId, input);
  if (!saved.ok) return formFailure(saved, { fieldErrors: saved.fieldErrors ?? {}, values } satisfies ActionData);
  return redirectWithFlash(here, "The crosswalk was saved. Profiles and insight use it from now on.");
}

export const handle: BreadcrumbHandle<SerializeFrom<typeof loader>> = {
  breadcrumb: ({ from, to }) => [
    { label: "Competency frameworks", to: "/admin/frameworks" },
    { label: from.label, to: `/admin/frameworks/${from.id}` },
    { label: `Crosswalk to ${to.label}` },
  ],
};

export default function CrosswalkEditor() {
  const { from, to, saved, values: savedValues } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionData | undefined;
  const values = actionData?.values ?? savedValues;
  const errors = actionData?.fieldErrors ?? {};
  const scalesDiffer = from.stages.length !== to.stages.length;
  const exportBase = `/admin/frameworks/${from.id}/crosswalks/${to.id}/export`;
  return (
    <div className="max-w-4xl">
      <p className="text-sm font-semibold text-brand-700">Crosswalk between framework editions</p>
      <h1 className="mt-1 text-3xl font-bold">
        From {from.label} to {to.label}
      </h1>
      <div className="mt-3 space-y-2 text-stone-700">
        <p>
          When members move from the older edition to the newer one, their history, gaps, targets and their association's
          twelve-month comparison follow this crosswalk. Tick the newer areas each older area carries to:
        </p>
        <ul className="list-disc pl-5">
          <li>one older area ticked under several newer ones is a split: each newer area gets the older stage;</li>
          <li>
            several older areas ticked into one newer area is a merge: it gets the lowest of their stages, and pages say
            so;
          </li>
          <li>an older area with nothing ticked is not carried: pages show it in the older edition's history only.</li>
        </ul>
        {from.licensed || to.licensed ? (
          <p>
            A licensed version is involved: members see its area names only if they may read that version; everyone
            else sees area numbers.
          </p>
        ) : null}
      </div>

      <p className="mt-4 text-stone-700">
        {saved
          ? `Last saved by ${saved.savedBy ?? "a former administrator"} on ${saved.savedOn}.`
          : "There is no crosswalk between these versions yet."}
      </p>
      {saved ? (
        <p className="mt-2 flex flex-wrap gap-4">
          <a href={`${exportBase}?format=json`} download>
            Download as JSON
          </a>
          <a href={`${exportBase}?format=csv`} download>
            Download as CSV
          </a>
        </p>
      ) : null}

      <Form method="post" className="mt-6" noValidate>
        <div>
          <label htmlFor="crosswalk-note" className="block font-medium">
            Note shown with the crosswalk
          </label>
          <p id="crosswalk-note-help" className="text-sm text-stone-600">
            How the editions were matched, and on whose authority. Members and association leaders see it where the
            crosswalk is used.
          </p>
          <textarea
            id="crosswalk-note"
            name="note"
            rows={3}
            maxLength={CROSSWALK_NOTE_MAX}
            defaultValue={values.note}
            aria-describedby="crosswalk-note-help crosswalk-note-errors"
            aria-invalid={errors.note ? true : undefined}
            className={inputClass}
          />
          <FieldErrors id="crosswalk-note-errors" errors={errors.note} />
        </div>

        <h2 className="mt-8 text-2xl font-semibold">Areas</h2>
        <FieldErrors id="crosswalk-areas-errors" errors={errors.areas} />
        <div className="mt-2 space-y-4">
          {from.areas.map((area) => {
            const ticked = values.links[area.id] ?? [];
            return (
              <fieldset
                key={area.id}
                className="rounded-lg border border-stone-200 bg-white p-4"
                aria-describedby={errors.areas ? "crosswalk-areas-errors" : undefined}
              >
                <legend className="px-1 font-semibold">
                  {area.position}. {area.name}
                </legend>
                <p className="text-sm text-stone-600">Carried to these areas of {to.label}:</p>
                <div className="mt-2 grid gap-1 sm:grid-cols-2">
                  {to.areas.map((target) => (
                    <label key={target.id} className="flex items-start gap-2">
                      <input
                        type="checkbox"
                        name={`to.${area.id}`}
                        value={target.id}
                        defaultChecked={ticked.includes(target.id)}
                        className="mt-1.5"
                      />
                      <span>
                        {target.position}. {target.name}
                      </span>
                    </label>
                  ))}
                </div>
                <label htmlFor={`area-note-${area.id}`} className="mt-3 block text-sm font-medium">
                  Note on this area (optional)
                </label>
                <input
                  id={`area-note-${area.id}`}
                  name={`areaNote.${area.id}`}
                  maxLength={CROSSWALK_LINE_NOTE_MAX}
                  defaultValue={values.notes[area.id] ?? ""}
                  className={inputClass}
                />
              </fieldset>
            );
          })}
        </div>

        <fieldset className="mt-8" aria-describedby="crosswalk-stages-help crosswalk-stages-errors">
          <legend className="text-2xl font-semibold">Stages</legend>
          <p id="crosswalk-stages-help" className="mt-1 text-stone-700">
            {scalesDiffer
              ? `The scales differ (${from.stages.length} stages and ${to.stages.length}): choose which newer stage each older stage counts as.`
              : "Both scales have the same number of stages, so stages match by position. Choose stages only if they should match differently, and then choose one for every stage."}
          </p>
          <div className="mt-2 grid gap-3 sm:grid-cols-2">
            {from.stages.map((stage) => (
              <div key={stage.position}>
                <label htmlFor={`stage-${stage.position}`} className="block font-medium">
                  Older stage {stage.position}, {stage.name}, counts as
                </label>
                <select
                  id={`stage-${stage.position}`}
                  name={`stage.${stage.position}`}
                  defaultValue={values.stages[String(stage.position)] ?? ""}
                  aria-invalid={errors.stages ? true : undefined}
                  className={inputClass}
                >
                  <option value="">{scalesDiffer ? "Choose a stage" : "The stage in the same position"}</option>
                  {to.stages.map((target) => (
                    <option key={target.position} value={target.position}>
                      {target.position}. {target.name}
                    </option>
                  ))}
                </select>
              </div>
            ))}
          </div>
          <FieldErrors id="crosswalk-stages-errors" errors={errors.stages} />
        </fieldset>

        <SubmitButton name="intent" value="save" className="mt-6" pendingText="Saving…">
          Save the crosswalk
        </SubmitButton>
      </Form>

      <section aria-labelledby="import-title" className="mt-12">
        <h2 id="import-title" className="text-2xl font-semibold">
          Import from a file
        </h2>
        <p className="mt-2 text-stone-700">
          A JSON or CSV file, such as one downloaded from this page, replaces the whole crosswalk. Areas are named by
          their slugs and stages by number, so a file made for other versions of these two frameworks works too.
        </p>
        <Form method="post" encType="multipart/form-data" className="mt-4">
          <label htmlFor="crosswalk-file" className="block font-medium">
            Crosswalk file
          </label>
          <div id="crosswalk-file-help" className="text-sm text-stone-600">
            <p>
              CSV columns: <code>type,from,to,note</code>. One <code>crosswalk</code> line holds the note; each{" "}
              <code>area</code> line an older and a newer area slug; each <code>stage</code> line an older and a newer
              stage number. At most {MAX_CROSSWALK_FILE_BYTES / 1000} kB. Without a note in the file, the saved note
              stays.
            </p>
          </div>
          <input
            id="crosswalk-file"
            name="file"
            type="file"
            accept=".json,.csv,application/json,text/csv"
            aria-describedby="crosswalk-file-help crosswalk-file-errors"
            aria-invalid={errors.file ? true : undefined}
            className="mt-2 block max-w-full"
          />
          <FieldErrors id="crosswalk-file-errors" errors={errors.file} />
          <SubmitButton name="intent" value="import" className="mt-4" variant="secondary" pendingText="Importing…">
            Import the file
          </SubmitButton>
        </Form>
      </section>

      <p className="mt-10">
        <Link to={`/admin/frameworks/${from.id}`}>Back to {from.label}</Link>
      </p>
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Crosswalk from ${data.from.label} to ${data.to.label} · Admin · CME Commons` : "Crosswalk · Admin · CME Commons" },
];

export function ErrorBoundary() {
  return <ErrorPage />;
}
