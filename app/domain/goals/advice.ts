/**
 * Advice on a goal, as the activity planner gives it: what would make the
 * goal easier to act on and to check, never a reason to refuse it. Pure.
 */
import { checkObjective } from "~/domain/pathways/planner";

export type GoalAdvice = { field: "outcome" | "dueOn" | "areas"; message: string };

const NUMBER = /\d/;

export function adviseOnGoal(goal: { outcome: string; dueOn: string | null; areaCount: number }): GoalAdvice[] {
  const advice: GoalAdvice[] = [];
  const outcome = goal.outcome.trim();
  if (!outcome) {
    advice.push({
      field: "outcome",
      message: "No measurable outcome yet: say what you or others will be able to see or count when you have done it.",
    });
  } else if (!NUMBER.test(outcome) && !checkObjective(outcome).measurable) {
    const check = checkObjective(outcome);
    advice.push({
      field: "outcome",
      message:
        !check.measurable && check.vague
          ? `The outcome relies on “${check.vague}”, which nobody can observe; name something done, produced or counted.`
          : "The outcome names nothing to observe or count; add a number, a product or an action someone could see.",
    });
  }
  if (!goal.dueOn) {
    advice.push({ field: "dueOn", message: "No date yet: a goal with a date is easier to plan for, and we remind you a week before." });
  }
  if (goal.areaCount === 0) {
    advice.push({ field: "areas", message: "No competency area: name one, so the goal shows beside that area on your profile." });
  }
  return advice;
}
