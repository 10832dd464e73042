// /photos/:handle/:size-:version.webp: a member's profile photo, for whoever
// may see it (the member's choice: everyone, or members). The version is the
// content hash and the visibility, so a new photo or a new audience is a new
// address and every copy can be kept for a year: anyone's for a public photo,
// only the browser's own for a members-only one. Anything else is 404.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getPhotoForServing } from "~/domain/members/photos.server";
import { PHOTO_SIZES, type PhotoSize } from "~/domain/members/policy";
import { getActor } from "~/utils/auth.server";
import { notFound } from "~/utils/http.server";

export const PUBLIC_PHOTO_CACHE = "public, max-age=31536000, immutable";
export const MEMBERS_PHOTO_CACHE = "private, max-age=31536000, immutable";

const FILE = /^(small|large)-([0-9a-f]{16}[pm])\.webp$/;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const match = FILE.exec(params.file ?? "");
  if (!match) throw notFound("There is no photo at this address.");
  const size = match[1] as PhotoSize;
  if (!(size in PHOTO_SIZES)) throw notFound("There is no photo at this address.");
  const actor = await getActor(request);
  const photo = await getPhotoForServing(actor, params.handle ?? "", size, match[2]!);
  if (!photo) throw notFound("There is no photo at this address.");
  return new Response(photo.bytes, {
    headers: {
      "Content-Type": "image/webp",
      "Content-Length": String(photo.bytes.byteLength),
      "Cache-Control": photo.visibility === "PUBLIC" ? PUBLIC_PHOTO_CACHE : MEMBERS_PHOTO_CACHE,
    },
  });
}
