import { useNavigation } from "@remix-run/react";
import type { ButtonHTMLAttributes } from "react";

const variants = {
  primary: "bg-brand-700 text-white hover:bg-brand-800",
  secondary: "border border-stone-400 bg-white text-stone-900 hover:bg-stone-100",
  danger: "bg-red-700 text-white hover:bg-red-800",
};

/** A button's classes; also written by the post markup (components/post.ts). */
export function buttonClassName(variant: keyof typeof variants, className = ""): string {
  return `inline-flex items-center justify-center rounded-md px-4 py-2 font-semibold ${variants[variant]} aria-disabled:opacity-70 ${className}`;
}

/**
 * A submit button that shows a pending label while its form is submitting
 * (with JavaScript; without it, the browser's own loading state shows).
 */
export function SubmitButton({
  children,
  pendingText,
  variant = "primary",
  className = "",
  ...props
}: ButtonHTMLAttributes<HTMLButtonElement> & { pendingText?: string; variant?: keyof typeof variants }) {
  const navigation = useNavigation();
  const pending =
    navigation.state === "submitting" &&
    (props.value === undefined || navigation.formData?.get(props.name ?? "intent") === props.value);
  return (
    <button
      type="submit"
      {...props}
      aria-disabled={pending || undefined}
      className={buttonClassName(variant, className)}
    >
      {pending && pendingText ? pendingText : children}
    </button>
  );
}
