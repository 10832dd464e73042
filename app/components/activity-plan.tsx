// A mock-activity plan, read-only: the print view's document, and the plan
// shown beside a pathway step it is attached to. Plain text is shown as
// written (line breaks kept); nothing here is HTML from the member.
import type { ReactNode } from "react";
import {
  COMMERCIAL_SUPPORT_OPTIONS,
  EVALUATION_OPTIONS,
  FIELD_LABELS,
  FORMAT_OPTIONS,
  MARKETING_OPTIONS,
  MEASURABLE_LEVELS,
  MOORE_LEVEL_OPTIONS,
  NEED_OPTIONS,
  type WorksheetField,
} from "~/domain/pathways/planner-options";
import type { Worksheet } from "~/domain/pathways/planner";

type Level = 1 | 2;

function Heading({ level, children, id }: { level: Level; children: ReactNode; id?: string }) {
  return level === 1 ? (
    <h1 id={id} className="text-3xl font-bold print:text-2xl">
      {children}
    </h1>
  ) : (
    <h2 id={id} className="text-2xl font-bold">
      {children}
    </h2>
  );
}

function SectionHeading({ level, children }: { level: Level; children: ReactNode }) {
  const className = "mt-6 border-b border-stone-300 pb-1 text-xl font-semibold print:mt-4 print:text-lg";
  return level === 1 ? <h2 className={className}>{children}</h2> : <h3 className={className}>{children}</h3>;
}

const Empty = () => <span className="italic text-stone-600">Not filled in yet</span>;

function Text({ value }: { value: string | undefined }) {
  return value?.trim() ? <span className="whitespace-pre-wrap break-words">{value}</span> : <Empty />;
}

function Item({ field, children }: { field: WorksheetField; children: ReactNode }) {
  return (
    <div className="mt-3 break-inside-avoid">
      <dt className="font-semibold">{FIELD_LABELS[field]}</dt>
      <dd className="mt-0.5 text-stone-800">{children}</dd>
    </div>
  );
}

function Choices<V extends string>({
  values,
  options,
  extra,
}: {
  values: readonly V[] | undefined;
  options: readonly { value: V; label: string; description: string }[];
  extra?: (value: V) => string;
}) {
  const chosen = options.filter((option) => values?.includes(option.value));
  if (chosen.length === 0) return <Empty />;
  return (
    <ul className="list-disc space-y-1 pl-5">
      {chosen.map((option) => (
        <li key={option.value}>
          <span className="font-medium">{option.label}</span>
          {extra ? ` (${extra(option.value)})` : null}: {option.description}
        </li>
      ))}
    </ul>
  );
}

function Choice<V extends string>({
  value,
  options,
}: {
  value: V | undefined;
  options: readonly { value: V; label: string; description: string }[];
}) {
  const option = options.find((o) => o.value === value);
  if (!option) return <Empty />;
  return (
    <>
      <span className="block font-medium">{option.label}</span>
      <span className="block text-stone-700">{option.description}</span>
    </>
  );
}

/**
 * The whole plan. `headingLevel` 1 when it is the page (print view), 2 when
 * it sits inside another page.
 */
export function ActivityPlanDocument({
  title,
  worksheet,
  author,
  updated,
  headingLevel = 1,
  headingId,
}: {
  title: string;
  worksheet: Worksheet;
  author?: string;
  updated?: { iso: string; label: string };
  headingLevel?: Level;
  headingId?: string;
}) {
  const objectives = (worksheet.objectives ?? []).filter((o) => o.trim());
  return (
    <article aria-labelledby={headingId} className="max-w-3xl text-base leading-relaxed">
      <p className="text-sm font-semibold uppercase tracking-wide text-brand-700 print:text-stone-700">
        Mock CME activity plan
      </p>
      <Heading level={headingLevel} id={headingId}>
        <span className="break-words">{title}</span>
      </Heading>
      {author || updated ? (
        <p className="mt-1 text-sm text-stone-600">
          {author ? `Prepared by ${author}` : null}
          {author && updated ? " · " : null}
          {updated ? (
            <>
              Last saved <time dateTime={updated.iso}>{updated.label}</time>
            </>
          ) : null}
        </p>
      ) : null}

      <SectionHeading level={headingLevel}>Gap and need</SectionHeading>
      <dl>
        <Item field="practiceGap">
          <Text value={worksheet.practiceGap} />
        </Item>
        <Item field="gapSources">
          <Text value={worksheet.gapSources} />
        </Item>
        <Item field="needTypes">
          <Choices values={worksheet.needTypes} options={NEED_OPTIONS} />
        </Item>
        <Item field="needStatement">
          <Text value={worksheet.needStatement} />
        </Item>
      </dl>

      <SectionHeading level={headingLevel}>Audience</SectionHeading>
      <dl>
        <Item field="audience">
          <Text value={worksheet.audience} />
        </Item>
      </dl>

      <SectionHeading level={headingLevel}>Objectives</SectionHeading>
      <dl>
        <Item field="objectives">
          {objectives.length ? (
            <ol className="list-decimal space-y-1 pl-5">
              {objectives.map((objective, index) => (
                <li key={index} className="whitespace-pre-wrap break-words">
                  {objective}
                </li>
              ))}
            </ol>
          ) : (
            <Empty />
          )}
        </Item>
      </dl>

      <SectionHeading level={headingLevel}>Format and outcome level</SectionHeading>
      <dl>
        <Item field="format">
          <Choice value={worksheet.format} options={FORMAT_OPTIONS} />
        </Item>
        {worksheet.formatNotes?.trim() ? (
          <Item field="formatNotes">
            <Text value={worksheet.formatNotes} />
          </Item>
        ) : null}
        <Item field="outcomeLevel">
          <Choice value={worksheet.outcomeLevel} options={MOORE_LEVEL_OPTIONS} />
        </Item>
      </dl>

      <SectionHeading level={headingLevel}>Evaluation</SectionHeading>
      <dl>
        <Item field="evaluationMethods">
          <Choices
            values={worksheet.evaluationMethods}
            options={EVALUATION_OPTIONS}
            extra={(method) => `level ${MEASURABLE_LEVELS[method].join(" or ")}`}
          />
        </Item>
        <Item field="evaluationPlan">
          <Text value={worksheet.evaluationPlan} />
        </Item>
      </dl>

      <SectionHeading level={headingLevel}>Integrity and independence</SectionHeading>
      <dl>
        <Item field="contentValidity">
          <Text value={worksheet.contentValidity} />
        </Item>
        <Item field="independence">
          <Text value={worksheet.independence} />
        </Item>
        <Item field="disclosure">
          <Text value={worksheet.disclosure} />
        </Item>
        <Item field="mitigation">
          <Text value={worksheet.mitigation} />
        </Item>
        <Item field="commercialSupport">
          <Choice value={worksheet.commercialSupport} options={COMMERCIAL_SUPPORT_OPTIONS} />
        </Item>
        {worksheet.commercialSupport === "SUPPORTED" || worksheet.commercialSupportPlan?.trim() ? (
          <Item field="commercialSupportPlan">
            <Text value={worksheet.commercialSupportPlan} />
          </Item>
        ) : null}
        <Item field="marketing">
          <Choice value={worksheet.marketing} options={MARKETING_OPTIONS} />
        </Item>
        {worksheet.marketing === "ALONGSIDE" || worksheet.marketingPlan?.trim() ? (
          <Item field="marketingPlan">
            <Text value={worksheet.marketingPlan} />
          </Item>
        ) : null}
      </dl>

      <SectionHeading level={headingLevel}>Credit</SectionHeading>
      <dl>
        <Item field="creditDesignation">
          <Text value={worksheet.creditDesignation} />
        </Item>
      </dl>

      <SectionHeading level={headingLevel}>Logic model</SectionHeading>
      <dl className="grid gap-x-6 sm:grid-cols-2 print:grid-cols-2">
        <Item field="logicInputs">
          <Text value={worksheet.logicInputs} />
        </Item>
        <Item field="logicActivities">
          <Text value={worksheet.logicActivities} />
        </Item>
        <Item field="logicOutputs">
          <Text value={worksheet.logicOutputs} />
        </Item>
        <Item field="logicOutcomes">
          <Text value={worksheet.logicOutcomes} />
        </Item>
      </dl>
    </article>
  );
}
