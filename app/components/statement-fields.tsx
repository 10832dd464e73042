import type { FieldMetadata } from "@conform-to/react";
import { TextAreaField, TextField } from "~/components/ui/field";
import { CheckboxGroupField } from "~/components/ui/choice-fields";
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
        <CheckboxGroupField
          meta={areaSlugs}
          legend="Related competency areas (optional)"
          options={areas.map((area) => ({ value: area.slug, label: area.name }))}
        />
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
