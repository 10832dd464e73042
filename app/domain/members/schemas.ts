/** Account and profile forms: one schema each, shared by the browser and the server. */
import { z } from "zod";
import { Background, CareerLevel, RoleArchetype } from "~/generated/prisma/enums";
import { PASSWORD_MIN } from "./constants";
import { singleLine } from "~/utils/text";

export { PASSWORD_MIN };

const email = z
  .string({ error: "Enter your email address" })
  .trim()
  .toLowerCase()
  .max(254, "That email address is too long")
  .pipe(z.email({ error: "Enter an email address like name@example.org" }));

/** Length rules only: the common-password check runs on the server (the list is not shipped to browsers). */
export const newPassword = z
  .string({ error: "Choose a password" })
  .min(PASSWORD_MIN, `Use at least ${PASSWORD_MIN} characters`)
  .max(200, "Use at most 200 characters");

const displayName = z
  .string({ error: "Enter the name other members will see" })
  .overwrite(singleLine)
  .trim()
  .min(2, "Use at least 2 characters")
  .max(80, "Use at most 80 characters");

/** Bots fill every field; people never see this one. */
const honeypot = z.string().max(0).optional();

export const signupSchema = z.object({
  displayName,
  email,
  password: newPassword,
  website: honeypot,
  redirectTo: z.string().optional(),
});

export const loginSchema = z.object({
  email,
  password: z.string({ error: "Enter your password" }).max(200),
  redirectTo: z.string().optional(),
});

export const forgotPasswordSchema = z.object({ email, website: honeypot });

export const resetPasswordSchema = z
  .object({
    password: newPassword,
    confirmPassword: z.string({ error: "Type the new password again" }),
  })
  .refine((value) => value.password === value.confirmPassword, {
    path: ["confirmPassword"],
    message: "The two passwords are not the same",
  });

export const changePasswordSchema = z
  .object({
    currentPassword: z.string({ error: "Enter your current password" }).max(200),
    password: newPassword,
    confirmPassword: z.string({ error: "Type the new password again" }),
  })
  .refine((value) => value.password === value.confirmPassword, {
    path: ["confirmPassword"],
    message: "The two passwords are not the same",
  });

export const deleteAccountSchema = z.object({
  // Optional: a member without a password confirms through their provider instead (the server asks a member with one for it).
  password: z.string().max(200).optional(),
  confirm: z.literal("on", { error: "Tick the box to confirm you want to delete your account" }),
});

/** First-run onboarding: every answer is optional (the step can be skipped). */
export const onboardingSchema = z.object({
  roleArchetype: z.enum(RoleArchetype).optional(),
  background: z.enum(Background).optional(),
  careerLevel: z.enum(CareerLevel).optional(),
  redirectTo: z.string().optional(),
});
