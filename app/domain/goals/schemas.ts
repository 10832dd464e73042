/** Goal, progress, commitment and check-in forms: shared by the browser (Conform) and the server. */
import { z } from "zod";
import { isCalendarDay, isTimeZone } from "~/utils/zoned-dates";
import { GOAL_LIMITS } from "./options";

export * from "./options";

const text = (max: number, tooLong: string) => z.string().trim().max(max, tooLong);

export const goalSchema = z.object({
  title: z
    .string({ error: "Say what you will do" })
    .trim()
    .min(1, "Say what you will do")
    .max(GOAL_LIMITS.title, `Keep it under ${GOAL_LIMITS.title} characters; put the detail in the outcome`),
  outcome: text(GOAL_LIMITS.outcome, `Keep the outcome under ${GOAL_LIMITS.outcome} characters`).optional(),
  dueOn: z
    .string()
    .trim()
    .refine(isCalendarDay, "Enter a real date, such as 2027-03-31")
    .optional(),
  areas: z.array(z.string().max(100)).max(40).optional(),
});

export type GoalInput = z.infer<typeof goalSchema>;

export const noteSchema = z.object({
  intent: z.literal("note"),
  body: z
    .string({ error: "Write what happened" })
    .trim()
    .min(1, "Write what happened")
    .max(GOAL_LIMITS.note, `Keep a note under ${GOAL_LIMITS.note} characters`),
});

const httpsUrl = z
  .string({ error: "Paste the link" })
  .trim()
  .max(2000, "That link is too long")
  .refine((value) => {
    try {
      return new URL(value).protocol === "https:";
    } catch {
      return false;
    }
  }, "Paste a full https:// link");

export const linkSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("link-step"), stepId: z.string({ error: "Choose a step" }).min(1).max(100) }),
  z.object({ intent: z.literal("link-plan"), planId: z.string({ error: "Choose a plan" }).min(1).max(100) }),
  z.object({
    intent: z.literal("link-thread"),
    thread: z.string({ error: "Paste the thread's address" }).trim().max(2000, "That address is too long"),
  }),
  z.object({
    intent: z.literal("link-evidence"),
    url: httpsUrl,
    label: text(GOAL_LIMITS.label, `Keep the label under ${GOAL_LIMITS.label} characters`).optional(),
  }),
]);

export type LinkInput = z.infer<typeof linkSchema>;

export const commitmentText = text(GOAL_LIMITS.commitment, `Keep a commitment under ${GOAL_LIMITS.commitment} characters`);

export const endGoalSchema = z.object({
  intent: z.literal("end"),
  ending: z.enum(["ACHIEVED", "CHANGED", "DROPPED"], { error: "Choose how the goal ended" }),
  reflection: z
    .string({ error: "Write a short reflection: what worked, what you learnt" })
    .trim()
    .min(1, "Write a short reflection: what worked, what you learnt")
    .max(GOAL_LIMITS.reflection, `Keep the reflection under ${GOAL_LIMITS.reflection} characters`),
  commitment: commitmentText.optional(),
});

export const commitmentSchema = z.object({
  intent: z.literal("commit"),
  commitment: z
    .string({ error: "Write what you will do differently in your work" })
    .trim()
    .min(1, "Write what you will do differently in your work")
    .max(GOAL_LIMITS.commitment, `Keep a commitment under ${GOAL_LIMITS.commitment} characters`),
});

export const checkInSchema = z.object({
  answer: z.enum(["DONE", "PARTLY", "NOT_YET", "NO_LONGER_RELEVANT"], { error: "Choose one answer" }),
  obstacle: text(GOAL_LIMITS.obstacle, `Keep it under ${GOAL_LIMITS.obstacle} characters`).optional(),
});

export const goalCommentSchema = z.object({
  intent: z.literal("goal-comment"),
  goalId: z.string().min(1).max(100),
  body: z
    .string({ error: "Write your comment" })
    .trim()
    .min(1, "Write your comment")
    .max(GOAL_LIMITS.comment, `Keep a comment under ${GOAL_LIMITS.comment} characters`),
});

export const timeZoneSchema = z.object({
  intent: z.literal("time-zone"),
  timeZone: z
    .string({ error: "Choose your time zone" })
    .trim()
    .refine(isTimeZone, "Choose a time zone from the list"),
});
