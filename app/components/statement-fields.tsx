import { getCollectionProps, type FieldMetadata } from "@conform-to/react";
import { FieldErrors, TextAreaField, TextField } from "~/components/ui/field";
import { RATIONALE_MAX, THRESHOLD_MAX, THRESHOLD_MIN } from "~/domain/statements/constants";

/**
 * A statement's fields beside its text, for proposing one (/statements/new)
 * and changing its details later (/statements/:id/details): the rationale,
 * the related competency areas and the endorsement threshold.
 */
export function StatementDetailFields({
  rationale,
  areaSlugs,
  endorsementThreshold,
  areas,
}: {
  rationale: FieldMetadata<string | undefined>;
  areaSlugs: FieldMetadata<string[] | undefined>;
  endorsementThreshold: FieldMetadata<number | undefined>;
  areas: { slug: string; name: string }[];
}) {
  return (
    <>
      <TextAreaField
        meta={rationale}
        label="Rationale (optional)"
        rows={5}
        description={`Why it matters. Markdown works. At most ${RATIONALE_MAX.toLocaleString("en-US")} characters.`}
      />
      {areas.length > 0 ? (
        <fieldset className="mt-4" aria-describedby={areaSlugs.errorId}>
          <legend className="font-medium">Related competency areas (optional)</legend>
          <ul className="mt-1 grid gap-2 sm:grid-cols-2">
            {getCollectionProps(areaSlugs, {
              type: "checkbox",
              options: areas.map((area) => area.slug),
            }).map(({ key, ...props }, index) => (
              <li key={key} className="flex items-start gap-2">
                <input {...props} className="mt-1 h-4 w-4 shrink-0 accent-brand-700" />
                <label htmlFor={props.id}>{areas[index]?.name}</label>
              </li>
            ))}
          </ul>
          <FieldErrors id={areaSlugs.errorId} errors={Object.values(areaSlugs.allErrors).flat()} />
        </fieldset>
      ) : null}
      <TextField
        meta={endorsementThreshold}
        type="number"
        label="Adopt automatically at this many endorsements (optional)"
        description={`Between ${THRESHOLD_MIN} and ${THRESHOLD_MAX.toLocaleString("en-US")}. Leave empty to let moderators decide.`}
      />
    </>
  );
}
