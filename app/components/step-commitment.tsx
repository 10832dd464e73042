// A completed pathway step's page: the commitments to change made on it, and a form to write one
// (optional). Check-ins follow at 30 and 90 days.
import type { SubmissionResult } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { CommitmentList, type CommitmentItem } from "~/components/commitments";
import { SubmitButton } from "~/components/ui/button";
import { FieldErrors } from "~/components/ui/field";

export function StepCommitment({ commitments, reply }: { commitments: CommitmentItem[]; reply: SubmissionResult<string[]> | undefined }) {
  const error = reply?.error?.commitment ?? reply?.error?.[""] ?? undefined;
  const kept = typeof reply?.initialValue?.commitment === "string" ? reply.initialValue.commitment : "";
  return (
    <section aria-labelledby="step-commitment-title" className="mt-6 rounded-lg border border-stone-200 bg-white p-4">
      <h3 id="step-commitment-title" className="text-lg font-semibold">
        {commitments.length ? "Your commitment to change" : "Commit to a change (optional)"}
      </h3>
      {commitments.length ? <CommitmentList commitments={commitments} /> : null}
      {commitments.length === 0 ? (
        <Form method="post" className="mt-2">
          <input type="hidden" name="intent" value="commit" />
          <label htmlFor="step-commitment" className="block font-medium">
            What will you do differently in your work?
          </label>
          <p id="step-commitment-help" className="text-sm text-stone-600">
            One concrete change. We ask how it went after 30 and 90 days (on your home page, and by email if you want reminders); only
            you see your answers.
          </p>
          <textarea
            id="step-commitment"
            name="commitment"
            rows={3}
            required
            maxLength={1000}
            defaultValue={kept}
            aria-invalid={error ? true : undefined}
            aria-describedby="step-commitment-help step-commitment-error"
            className="mt-1 block w-full rounded-md border border-stone-400 bg-white px-3 py-2 aria-[invalid]:border-red-700"
          />
          <FieldErrors id="step-commitment-error" errors={error} />
          <SubmitButton className="mt-3" pendingText="Saving…">
            Save my commitment
          </SubmitButton>
        </Form>
      ) : null}
    </section>
  );
}
