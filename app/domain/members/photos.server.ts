/**
 * Profile photos: checking an upload, making the sizes the pages show, storing
 * them, and reading them back for the address that serves them.
 *
 * An upload is never kept as sent. sharp reads it (refusing what is not a
 * JPEG, PNG or WebP, whatever its name says, and anything over PHOTO_MAX_PIXELS
 * before decoding it), turns it the way its EXIF orientation says, crops it to
 * a square (the part the member chose with the page's cropper, or the centre:
 * see `PhotoCrop`) and writes each size in PHOTO_SIZES as WebP with no
 * metadata at all (no camera, no place, no date). The bytes live in the
 * database (ProfilePhoto) so every app instance serves them; the profile keeps
 * only a content hash, which is part of the photo's address (policy.ts).
 */
import { createHash } from "node:crypto";
import sharp, { type Metadata } from "sharp";
import type { Visibility } from "~/generated/prisma/enums";
import { prisma } from "~/utils/db.server";
import { failFields, ok, type Result } from "~/utils/result";
import type { MemberActor, Actor } from "./actor";
import { canViewPhoto, listedProfileWhere, PHOTO_SIZES, photoVersion, type PhotoSize, type PhotoVisibility } from "./policy";

/** The largest photo file taken: a phone camera's JPEG fits. The form body limit's exception (body-limits.ts). */
export const PHOTO_MAX_BYTES = 5 * 1024 * 1024;
/** The most pixels an upload may have (about 50 megapixels); larger is refused unread, as an image bomb would be. */
export const PHOTO_MAX_PIXELS = 50_000_000;
const FORMATS = new Set(["jpeg", "png", "webp"]);

const refuse = (message: string) => failFields({ photo: [message] });

export const PHOTO_MESSAGES = {
  missing: "Choose a photo to upload.",
  tooLarge: "That photo is larger than 5 MB. Choose a smaller one, or save it at a lower quality first.",
  notImage: "That file is not a JPEG, PNG or WebP image. Choose a photo in one of those formats.",
  tooManyPixels: "That image has too many pixels for a profile photo (at most 50 megapixels). Choose a smaller one.",
  damaged: "That photo could not be read: it may be damaged or did not arrive whole. Please try again or choose another.",
  badCrop: "The part of the photo you chose could not be used. Choose the part to keep again, or upload without choosing to keep the middle.",
} as const;

/**
 * The square the member chose in the cropper, in per cent of the upright
 * image's width (x, width) and height (y, height), as the cropper reports it.
 * Per cent, not pixels, so the browser's and the server's idea of the
 * picture's size need not agree to the pixel. Without one, the centre is kept.
 */
export type PhotoCrop = { x: number; y: number; width: number; height: number };

const CROP_FIELDS = ["cropX", "cropY", "cropWidth", "cropHeight"] as const;

/**
 * The crop a form carries: none when the fields are absent or all empty (no
 * JavaScript, or nothing chosen); a refusal when they are there but are not
 * a region inside the picture.
 */
export function photoCropFrom(form: FormData): Result<PhotoCrop | null> {
  const raw = CROP_FIELDS.map((name) => form.get(name));
  if (raw.every((value) => value === null || value === "")) return ok(null);
  const [x, y, width, height] = raw.map((value) => (typeof value === "string" && value.trim() !== "" ? Number(value) : Number.NaN));
  const crop = { x: x!, y: y!, width: width!, height: height! };
  const inside =
    Object.values(crop).every(Number.isFinite) &&
    crop.x >= 0 &&
    crop.y >= 0 &&
    crop.width > 0 &&
    crop.height > 0 &&
    crop.x + crop.width <= 100.5 &&
    crop.y + crop.height <= 100.5;
  return inside ? ok(crop) : refuse(PHOTO_MESSAGES.badCrop);
}

/** The crop in pixels of the upright picture: a square inside it, at least one pixel. */
function cropRegion(crop: PhotoCrop, width: number, height: number) {
  const side = Math.max(1, Math.min(Math.round((crop.width / 100) * width), Math.round((crop.height / 100) * height), width, height));
  const clamp = (value: number, size: number) => Math.min(Math.max(0, Math.round(value)), size - side);
  return { left: clamp((crop.x / 100) * width, width), top: clamp((crop.y / 100) * height, height), width: side, height: side };
}

/** EXIF orientations 5–8 turn the picture a quarter: its upright width is the stored height. */
const TURNS_A_QUARTER = new Set([5, 6, 7, 8]);

/** The image type its first bytes say (JPEG, PNG or WebP), or null. */
function formatOf(bytes: Uint8Array): "jpeg" | "png" | "webp" | null {
  const starts = (signature: number[], at = 0) => signature.every((byte, i) => bytes[at + i] === byte);
  if (starts([0xff, 0xd8, 0xff])) return "jpeg";
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "png";
  if (starts([0x52, 0x49, 0x46, 0x46]) && starts([0x57, 0x45, 0x42, 0x50], 8)) return "webp";
  return null;
}

type Processed = { small: Uint8Array<ArrayBuffer>; large: Uint8Array<ArrayBuffer>; hash: string };

/** Checks an uploaded file and makes the stored sizes from it; a refusal is a field error on `photo`. */
export async function processPhoto(file: File | null, crop: PhotoCrop | null = null): Promise<Result<Processed>> {
  if (!file || file.size === 0) return refuse(PHOTO_MESSAGES.missing);
  if (file.size > PHOTO_MAX_BYTES) return refuse(PHOTO_MESSAGES.tooLarge);
  const input = new Uint8Array(await file.arrayBuffer());
  // The real type is in the bytes: a name or a declared type says nothing.
  if (!formatOf(input)) return refuse(PHOTO_MESSAGES.notImage);
  let metadata: Metadata;
  try {
    // Reads the header only (the type and the dimensions): nothing is decoded yet, so no limit here;
    // the pixel limit is checked just below, with its own message.
    metadata = await sharp(input, { limitInputPixels: false }).metadata();
  } catch {
    return refuse(PHOTO_MESSAGES.damaged);
  }
  if (!metadata.format || !FORMATS.has(metadata.format)) return refuse(PHOTO_MESSAGES.notImage);
  if (!metadata.width || !metadata.height || metadata.width * metadata.height > PHOTO_MAX_PIXELS) {
    return refuse(PHOTO_MESSAGES.tooManyPixels);
  }
  const options = { limitInputPixels: PHOTO_MAX_PIXELS, failOn: "truncated" } as const;
  try {
    // rotate() with no angle applies the EXIF orientation; output carries no metadata unless asked.
    const oriented = sharp(input, options).rotate();
    if (crop) {
      const turned = TURNS_A_QUARTER.has(metadata.orientation ?? 1);
      const upright = turned ? { width: metadata.height, height: metadata.width } : { width: metadata.width, height: metadata.height };
      // After rotate(): sharp turns the picture upright first, then cuts the region from it.
      oriented.extract(cropRegion(crop, upright.width, upright.height));
    }
    const make = async (size: PhotoSize) =>
      new Uint8Array(
        await oriented
          .clone()
          .resize(PHOTO_SIZES[size], PHOTO_SIZES[size], { fit: "cover", position: "centre" })
          .webp({ quality: 82 })
          .toBuffer(),
      );
    const [small, large] = await Promise.all([make("small"), make("large")]);
    const hash = createHash("sha256").update(large).digest("hex").slice(0, 16);
    return ok({ small, large, hash });
  } catch {
    return refuse(PHOTO_MESSAGES.damaged);
  }
}

/** Who may see the photo, from a form's value: the default (members) unless "PUBLIC" was chosen. */
export function photoVisibilityFrom(value: FormDataEntryValue | null): PhotoVisibility {
  return value === "PUBLIC" ? "PUBLIC" : "MEMBERS";
}

/** Checks and stores the member's new photo (replacing any), with who may see it. Nothing changes on a refusal. */
export async function uploadPhoto(
  actor: MemberActor,
  file: File | null,
  visibility: PhotoVisibility,
  crop: PhotoCrop | null = null,
): Promise<Result<null>> {
  const processed = await processPhoto(file, crop);
  if (!processed.ok) return processed;
  const { small, large, hash } = processed.value;
  await prisma.$transaction([
    prisma.profilePhoto.upsert({
      where: { userId: actor.userId },
      create: { userId: actor.userId, small, large },
      update: { small, large },
      select: { userId: true },
    }),
    prisma.profile.update({
      where: { userId: actor.userId },
      data: { photoHash: hash, photoVisibility: visibility },
      select: { userId: true },
    }),
  ]);
  return ok(null);
}

/** Changes who sees the member's photo (and so its address). */
export async function setPhotoVisibility(actor: MemberActor, visibility: PhotoVisibility): Promise<void> {
  await prisma.profile.update({ where: { userId: actor.userId }, data: { photoVisibility: visibility }, select: { userId: true } });
}

/** Removes the member's photo: initials are shown again. */
export async function removePhoto(actor: MemberActor): Promise<void> {
  await prisma.$transaction([
    prisma.profilePhoto.deleteMany({ where: { userId: actor.userId } }),
    prisma.profile.update({ where: { userId: actor.userId }, data: { photoHash: null }, select: { userId: true } }),
  ]);
}

/** The settings page's view of the member's own photo. */
export async function getOwnPhoto(userId: string) {
  return prisma.profile.findUnique({
    where: { userId },
    select: { userId: true, handle: true, displayName: true, photoHash: true, photoVisibility: true },
  });
}

export type ServedPhoto = { bytes: Uint8Array<ArrayBuffer>; visibility: Visibility };

/**
 * The bytes at a photo's address, if the actor may see them and the address
 * is the current one (an old hash or visibility is gone: its copies were
 * cached as immutable). Null → 404, the same whether there is no such member,
 * no photo, or a photo the actor may not see.
 */
export async function getPhotoForServing(actor: Actor, handle: string, size: PhotoSize, version: string): Promise<ServedPhoto | null> {
  const profile = await prisma.profile.findFirst({
    where: { AND: [{ handle }, listedProfileWhere(actor)], photoHash: { not: null } },
    select: {
      userId: true,
      photoHash: true,
      photoVisibility: true,
      photo: { select: { small: size === "small", large: size === "large" } },
    },
  });
  if (!profile?.photoHash || !profile.photo) return null;
  if (photoVersion(profile.photoHash, profile.photoVisibility) !== version) return null;
  if (!canViewPhoto(actor, profile)) return null;
  const bytes = size === "small" ? profile.photo.small : profile.photo.large;
  if (!bytes) return null;
  return { bytes: new Uint8Array(bytes), visibility: profile.photoVisibility };
}
