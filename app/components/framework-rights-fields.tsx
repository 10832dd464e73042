// The rights of a framework version, as an administrator sets them: open, or
// licensed to associations with a notice and a confirmation. Used by the
// import form and the version page; works without JavaScript.
import { Form, Link } from "@remix-run/react";
import { buttonClassName } from "~/components/ui/button";
import { FieldErrors, inputClass } from "~/components/ui/field";

/** The licensees the rights form lists: a search's matches (capped) and the current licensees. */
export type LicenseeChoices = {
  associations: { id: string; name: string }[];
  search: string;
  /** How many associations matched the search, and how many of them are listed. */
  total: number;
  shown: number;
};

/**
 * A GET search that narrows the licensees listed (outside the rights form:
 * forms do not nest). Shown once there are more associations than one list
 * holds, or while a search is on.
 */
export function LicenseeSearch({
  id,
  choices,
  clearTo,
  keepsCurrent = false,
}: {
  id: string;
  choices: LicenseeChoices;
  clearTo: string;
  /** Whether the list below also holds the version's current licensees (the version page). */
  keepsCurrent?: boolean;
}) {
  if (!choices.search && choices.total <= choices.shown) return null;
  return (
    <Form method="get" className="mt-4" role="search" aria-labelledby={`${id}-search-label`}>
      <label id={`${id}-search-label`} htmlFor={`${id}-search`} className="block font-medium">
        Find associations to license
      </label>
      <div className="mt-1 flex flex-wrap gap-2">
        <input id={`${id}-search`} name="licensee" type="search" defaultValue={choices.search} className={`${inputClass} max-w-xs`} />
        <button type="submit" className={buttonClassName("secondary")}>
          Find
        </button>
        {choices.search ? (
          <Link to={clearTo} className="self-center text-brand-700 underline">
            Clear the search
          </Link>
        ) : null}
      </div>
      <p className="mt-1 text-sm text-stone-600" role="status">
        {choices.search
          ? `${choices.total === 0 ? "No association matches" : choices.total === 1 ? "One association matches" : `${choices.total} associations match`} “${choices.search}”.`
          : `There are ${choices.total} associations.`}
        {choices.total > choices.shown ? ` The list below shows the first ${choices.shown} by name; search to find others.` : null}
        {keepsCurrent ? " Current licensees are always listed." : null}
      </p>
    </Form>
  );
}

export type RightsValues = {
  rights: "OPEN" | "LICENSED";
  licenseeIds: string[];
  rightsAttribution: string;
  confirmRights: boolean;
};

export const EMPTY_RIGHTS: RightsValues = { rights: "OPEN", licenseeIds: [], rightsAttribution: "", confirmRights: false };

export function FrameworkRightsFields({
  id,
  associations,
  values,
  errors,
}: {
  id: string;
  associations: { id: string; name: string }[];
  values: RightsValues;
  errors?: Record<string, string[] | undefined>;
}) {
  const invalid = (name: string) => (errors?.[name]?.length ? true : undefined);
  return (
    <div className="mt-4 space-y-4">
      <fieldset aria-describedby={`${id}-rights-errors`} aria-invalid={invalid("rights")}>
        <legend className="font-medium">Rights</legend>
        <label className="mt-1 flex items-start gap-2">
          <input type="radio" name="rights" value="OPEN" defaultChecked={values.rights === "OPEN"} className="mt-1.5" />
          <span>
            Open
            <span className="block text-sm text-stone-600">
              Anyone may read it, on public pages too. Only use this for text you may publish.
            </span>
          </span>
        </label>
        <label className="mt-2 flex items-start gap-2">
          <input type="radio" name="rights" value="LICENSED" defaultChecked={values.rights === "LICENSED"} className="mt-1.5" />
          <span>
            Licensed to particular associations
            <span className="block text-sm text-stone-600">
              Only their members read its areas and descriptions. Everyone else sees its name, who holds the licence and
              that it is licensed.
            </span>
          </span>
        </label>
        <FieldErrors id={`${id}-rights-errors`} errors={errors?.rights} />
      </fieldset>

      <fieldset aria-describedby={`${id}-licensees-help ${id}-licensees-errors`} aria-invalid={invalid("licenseeIds")}>
        <legend className="font-medium">Licensees</legend>
        <p id={`${id}-licensees-help`} className="text-sm text-stone-600">
          For a licensed version: the associations holding the licence.
        </p>
        {associations.length === 0 ? (
          <p className="mt-1 text-sm text-stone-700">There are no associations yet.</p>
        ) : (
          <ul className="mt-1 max-h-64 space-y-1 overflow-y-auto rounded-md border border-stone-200 bg-white p-2">
            {associations.map((association) => (
              <li key={association.id}>
                <label className="flex items-start gap-2">
                  <input
                    type="checkbox"
                    name="licenseeIds"
                    value={association.id}
                    defaultChecked={values.licenseeIds.includes(association.id)}
                    className="mt-1.5"
                  />
                  <span>{association.name}</span>
                </label>
              </li>
            ))}
          </ul>
        )}
        <FieldErrors id={`${id}-licensees-errors`} errors={errors?.licenseeIds} />
      </fieldset>

      <div>
        <label htmlFor={`${id}-attribution`} className="block font-medium">
          Licence notice
        </label>
        <p id={`${id}-attribution-help`} className="text-sm text-stone-600">
          For a licensed version: whose text it is and under what licence the associations use it. Shown to its readers.
        </p>
        <textarea
          id={`${id}-attribution`}
          name="rightsAttribution"
          rows={3}
          maxLength={1000}
          defaultValue={values.rightsAttribution}
          aria-invalid={invalid("rightsAttribution")}
          aria-describedby={`${id}-attribution-help ${id}-attribution-errors`}
          className={inputClass}
        />
        <FieldErrors id={`${id}-attribution-errors`} errors={errors?.rightsAttribution} />
      </div>

      <div>
        <label className="flex items-start gap-2">
          <input
            type="checkbox"
            name="confirmRights"
            defaultChecked={values.confirmRights}
            aria-invalid={invalid("confirmRights")}
            aria-describedby={`${id}-confirm-errors`}
            className="mt-1.5"
          />
          <span>
            For a licensed version: I confirm that the associations chosen hold the rights to use this text for their
            members. Your name and the date are recorded with the version.
          </span>
        </label>
        <FieldErrors id={`${id}-confirm-errors`} errors={errors?.confirmRights} />
      </div>
    </div>
  );
}
