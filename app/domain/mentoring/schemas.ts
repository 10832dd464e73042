/** Mentoring forms: shared by the browser (Conform) and the server. */
import { z } from "zod";
import { cleanText } from "~/utils/text";
import {
  DECISION_NOTE_MAX,
  HOPES_MAX,
  MENTOR_CAPACITY_MAX,
  MESSAGE_MAX,
  OFFER_NOTE_MAX,
  REFLECTION_MAX,
  REPORT_NOTE_MAX,
  REQUEST_MESSAGE_MAX,
  SCHEDULE_MAX,
} from "./constants";

export * from "./constants";

const text = (max: number) => z.string().overwrite(cleanText).trim().max(max, `Use at most ${max} characters`).optional();
const areaList = z.array(z.string().trim().min(1).max(120)).max(40).optional();
const onOff = z.enum(["on", "paused", "off"], { error: "Choose one of the options" });

export const mentoringSettingsSchema = z
  .object({
    offer: onOff,
    offerAreas: areaList,
    capacity: z
      .number({ error: "Enter a number of mentees" })
      .int("Enter a whole number")
      .min(1, "At least 1")
      .max(MENTOR_CAPACITY_MAX, `At most ${MENTOR_CAPACITY_MAX}`)
      .optional(),
    offerNote: text(OFFER_NOTE_MAX),
    seek: onOff,
    seekAreas: areaList,
    hopes: text(HOPES_MAX),
  })
  .superRefine((value, ctx) => {
    if (value.offer !== "off" && (value.offerAreas ?? []).length === 0) {
      ctx.addIssue({ code: "custom", path: ["offerAreas"], message: "Choose at least one area you will mentor in" });
    }
    if (value.seek !== "off" && (value.seekAreas ?? []).length === 0) {
      ctx.addIssue({ code: "custom", path: ["seekAreas"], message: "Choose at least one area you want to grow in" });
    }
  });

export type MentoringSettingsInput = z.infer<typeof mentoringSettingsSchema>;

export const requestSchema = z.object({
  message: z
    .string({ error: "Say in a few words what you hope for" })
    .overwrite(cleanText)
    .trim()
    .min(1, "Say in a few words what you hope for")
    .max(REQUEST_MESSAGE_MAX, `Use at most ${REQUEST_MESSAGE_MAX} characters`),
  areas: areaList,
});

export const decisionSchema = z.object({
  decision: z.enum(["accept", "decline"], { error: "Choose accept or decline" }),
  note: text(DECISION_NOTE_MAX),
});

export const messageSchema = z.object({
  body: z
    .string({ error: "Write a message" })
    .overwrite(cleanText)
    .trim()
    .min(1, "Write a message")
    .max(MESSAGE_MAX, `Use at most ${MESSAGE_MAX} characters`),
});

export const scheduleSchema = z.object({
  schedule: text(SCHEDULE_MAX),
  nextMeetingOn: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "Enter a date")
    .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)), "Enter a real date")
    .optional(),
});

export const endSchema = z.object({
  reflection: z
    .string({ error: "Write a short reflection" })
    .overwrite(cleanText)
    .trim()
    .min(1, "Write a short reflection")
    .max(REFLECTION_MAX, `Use at most ${REFLECTION_MAX} characters`),
});

export const reportSchema = z.object({
  messageId: z.string().min(1).max(60),
  note: text(REPORT_NOTE_MAX),
});

/** Sharing one's goal with the space, or taking it back. */
export const shareGoalSchema = z.object({
  goalId: z.string({ error: "Choose one of your goals" }).trim().min(1, "Choose one of your goals").max(60, "Choose one of your goals"),
});
