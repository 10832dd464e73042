/**
 * A member's avatar: their photo when they have one and the viewer may see it
 * (the loader passes `photo`, the address from `photoPath` in
 * domain/members/policy.ts, or null), else their initials on a colour picked
 * from their handle (the same member always gets the same colour).
 * Decorative: the name is always given as text beside it, so screen readers
 * skip it.
 */

// White text on each of these has a contrast ratio of at least 4.5:1.
const backgrounds = [
  "bg-teal-800",
  "bg-sky-800",
  "bg-indigo-700",
  "bg-violet-700",
  "bg-fuchsia-800",
  "bg-rose-700",
  "bg-orange-800",
  "bg-amber-800",
  "bg-emerald-800",
  "bg-cyan-800",
  "bg-blue-700",
  "bg-slate-700",
] as const;

const sizes = {
  sm: "h-8 w-8 text-xs",
  md: "h-12 w-12 text-base",
  lg: "h-20 w-20 text-2xl",
} as const;

/** FNV-1a: a small, stable string hash. */
function hash(text: string): number {
  let value = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    value ^= text.charCodeAt(i);
    value = Math.imul(value, 0x01000193);
  }
  return value >>> 0;
}

export function avatarColor(handle: string): string {
  return backgrounds[hash(handle) % backgrounds.length]!;
}

/** The avatar's classes; also written by the post markup (components/post.ts). */
export function avatarClassName(handle: string, size: keyof typeof sizes, className = ""): string {
  return `inline-flex shrink-0 select-none items-center justify-center rounded-full font-semibold text-white ${sizes[size]} ${avatarColor(handle)} ${className}`;
}

/** "Ana María Pérez" → "AP"; "Dr. Lee" → "L"; one character per word, emoji-safe. */
export function initials(name: string): string {
  const words = name
    .replace(/\b(dr|mr|mrs|ms|prof)\.(?=\s)/gi, "")
    .split(/\s+/)
    .map((word) => word.replace(/^[^\p{L}\p{N}]+/u, ""))
    .filter(Boolean);
  const first = words[0];
  if (!first) return "?";
  const last = words.length > 1 ? words[words.length - 1] : undefined;
  return [first, last]
    .filter((word): word is string => !!word)
    .map((word) => Array.from(word)[0]!.toLocaleUpperCase())
    .join("");
}

/** A photo avatar's classes; also written by the post markup (components/post.ts). */
export function photoClassName(size: keyof typeof sizes, className = ""): string {
  return `inline-block shrink-0 rounded-full bg-stone-200 object-cover ${sizes[size]} ${className}`;
}

export function Avatar({
  name,
  handle,
  photo,
  size = "md",
  className = "",
}: {
  name: string;
  handle: string;
  /** The photo's address, if the viewer may see one. */
  photo?: string | null;
  size?: keyof typeof sizes;
  className?: string;
}) {
  if (photo) return <img src={photo} alt="" loading="lazy" decoding="async" className={photoClassName(size, className)} />;
  return (
    <span aria-hidden="true" className={avatarClassName(handle, size, className)}>
      {initials(name)}
    </span>
  );
}
