// A reviewer's view of the member's goals (when the member allows it), with a comment form under
// each: the member reads the comments, nobody else.
import { Form } from "@remix-run/react";
import { GoalList, type GoalListItem } from "~/components/goals";
import { SubmitButton } from "~/components/ui/button";
import { FieldErrors } from "~/components/ui/field";

type ReviewerGoal = GoalListItem & { myComments: { id: string; body: string; on: string }[] };

export function ReviewerGoals({
  revieweeName,
  goals,
  error,
}: {
  revieweeName: string;
  goals: ReviewerGoal[];
  /** The refused comment: which goal, what was wrong, and the text kept. */
  error: { goalId: string; message: string; body: string } | null;
}) {
  if (goals.length === 0) return null;
  return (
    <section aria-labelledby="reviewer-goals-title" className="mt-10">
      <h2 id="reviewer-goals-title" className="text-2xl font-semibold">
        {revieweeName}’s development goals
      </h2>
      <p className="mt-2 text-stone-700">
        {revieweeName} shares their goals with their reviewers. You may comment on each: only {revieweeName} reads your comments.
      </p>
      <GoalList
        goals={goals}
        reader
        showReflection
        after={(goal) => {
          const own = goals.find((item) => item.id === goal.id)!.myComments;
          const failed = error?.goalId === goal.id ? error : null;
          const fieldId = `goal-comment-${goal.id}`;
          return (
            <div className="mt-3 border-t border-stone-200 pt-3">
              {own.length ? (
                <ul className="mb-3 space-y-2 text-sm">
                  {own.map((comment) => (
                    <li key={comment.id}>
                      <span className="font-medium">Your comment, {comment.on}:</span> <span className="whitespace-pre-line">{comment.body}</span>
                    </li>
                  ))}
                </ul>
              ) : null}
              <Form method="post">
                <input type="hidden" name="intent" value="goal-comment" />
                <input type="hidden" name="goalId" value={goal.id} />
                <label htmlFor={fieldId} className="block font-medium">
                  Comment on “{goal.title}”
                </label>
                <textarea
                  id={fieldId}
                  name="body"
                  rows={2}
                  required
                  maxLength={2000}
                  defaultValue={failed?.body ?? ""}
                  aria-invalid={failed ? true : undefined}
                  aria-describedby={`${fieldId}-error`}
                  className="mt-1 block w-full rounded-md border border-stone-400 bg-white px-3 py-2 aria-[invalid]:border-red-700"
                />
                <FieldErrors id={`${fieldId}-error`} errors={failed ? [failed.message] : undefined} />
                <SubmitButton variant="secondary" className="mt-2" name="intent" value="goal-comment" pendingText="Sending…">
                  Send comment<span className="sr-only"> on “{goal.title}”</span>
                </SubmitButton>
              </Form>
            </div>
          );
        }}
      />
    </section>
  );
}
