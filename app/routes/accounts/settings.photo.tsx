// /settings/photo: the member's profile photo. Upload one (JPEG, PNG or WebP
// up to 5 MB), choose who sees it (everyone, or members), or remove it. Three
// forms told apart by `intent`; all work without JavaScript, and then the
// server keeps the centre of the photo. With JavaScript, choosing a file loads
// a cropper (components/photo-cropper.tsx, with import() on that page only)
// to choose the square to keep.
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { lazy, Suspense, useEffect, useState, type ChangeEvent } from "react";
import { Avatar } from "~/components/avatar";
import { SubmitButton } from "~/components/ui/button";
import { FieldErrors } from "~/components/ui/field";
import { getOwnPhoto, photoCropFrom, photoVisibilityFrom, removePhoto, setPhotoVisibility, uploadPhoto } from "~/domain/members/photos.server";
import { photoPath, type PhotoVisibility } from "~/domain/members/policy";
import { requireMember } from "~/utils/auth.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { badRequest, formFailure, notFound } from "~/utils/http.server";
import { readForm } from "~/utils/request-body.server";

export { headers } from "~/utils/headers";

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireMember(request);
  const own = await getOwnPhoto(actor.userId);
  if (!own) throw notFound();
  return {
    name: own.displayName,
    handle: own.handle,
    photo: photoPath(actor, own, "large"),
    visibility: own.photoVisibility === "PUBLIC" ? ("PUBLIC" as const) : ("MEMBERS" as const),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireMember(request);
  const form = await readForm(request);
  const intent = form.get("intent");
  if (intent === "upload") {
    const file = form.get("photo");
    const crop = photoCropFrom(form);
    if (!crop.ok) return formFailure(crop, { fieldErrors: crop.fieldErrors ?? {} });
    const uploaded = await uploadPhoto(actor, file instanceof File ? file : null, photoVisibilityFrom(form.get("visibility")), crop.value);
    if (!uploaded.ok) return formFailure(uploaded, { fieldErrors: uploaded.fieldErrors ?? {} });
    return redirectWithFlash("/settings/photo", "Your photo is saved.");
  }
  if (intent === "visibility") {
    await setPhotoVisibility(actor, photoVisibilityFrom(form.get("visibility")));
    return redirectWithFlash("/settings/photo", "Saved who sees your photo.");
  }
  if (intent === "remove") {
    await removePhoto(actor);
    return redirectWithFlash("/settings/photo", "Your photo is removed. Your initials are shown instead.");
  }
  throw badRequest("That form is not one this page knows.");
}

const AUDIENCES: { value: PhotoVisibility; label: string; description: string }[] = [
  { value: "MEMBERS", label: "Members", description: "Signed-in members see your photo; visitors see your initials." },
  { value: "PUBLIC", label: "Everyone", description: "Visitors see your photo too, beside your public posts." },
];

function AudienceChoice({ idPrefix, value }: { idPrefix: string; value: PhotoVisibility }) {
  return (
    <fieldset className="mt-4">
      <legend className="font-medium">Who sees your photo?</legend>
      <ul className="mt-2 space-y-2">
        {AUDIENCES.map((audience) => (
          <li key={audience.value} className="flex items-start gap-3 rounded-lg border border-stone-200 bg-white p-3">
            <input
              type="radio"
              name="visibility"
              id={`${idPrefix}-${audience.value}`}
              value={audience.value}
              defaultChecked={audience.value === value}
              className="mt-1 h-4 w-4 shrink-0 accent-brand-700"
            />
            <label htmlFor={`${idPrefix}-${audience.value}`} className="min-w-0">
              <span className="font-medium">{audience.label}</span>
              <span className="block text-sm text-stone-600">{audience.description}</span>
            </label>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}

const PhotoCropper = lazy(() => import("~/components/photo-cropper"));

/** What the browser can show in the cropper: the types the server takes, within its size limit. */
const CROPPABLE = new Set(["image/jpeg", "image/png", "image/webp"]);
const CROPPABLE_BYTES = 5 * 1024 * 1024;

/**
 * The upload form. Keyed by the current photo, so a saved upload starts it
 * afresh; the chosen file is previewed from a blob: address (the CSP allows
 * blob: images, which only this page's own scripts can make).
 */
function UploadForm({ photo, visibility, errors }: { photo: string | null; visibility: PhotoVisibility; errors?: string[] }) {
  const [preview, setPreview] = useState<string | null>(null);
  // The refusal of the file sent before no longer applies once another is chosen; a new answer is shown.
  const [stale, setStale] = useState<string[] | undefined>(undefined);
  const shown = errors && errors !== stale ? errors : undefined;
  useEffect(() => (preview ? () => URL.revokeObjectURL(preview) : undefined), [preview]);
  const choose = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.currentTarget.files?.[0];
    setStale(errors);
    setPreview(file && CROPPABLE.has(file.type) && file.size <= CROPPABLE_BYTES ? URL.createObjectURL(file) : null);
  };
  return (
    <Form method="post" encType="multipart/form-data" className="mt-6 rounded-lg border border-stone-200 bg-stone-50 p-4">
      <h3 className="text-lg font-semibold">{photo ? "Choose a new photo" : "Upload a photo"}</h3>
      <label htmlFor="photo" className="mt-2 block font-medium">
        Photo file
      </label>
      <p id="photo-description" className="text-sm text-stone-600">
        A JPEG, PNG or WebP image of at most 5 MB. We keep a square from it (the middle, unless you choose another
        part), and keep no location, camera or other details from the file.
      </p>
      <input
        id="photo"
        name="photo"
        type="file"
        accept="image/jpeg,image/png,image/webp"
        required
        onChange={choose}
        aria-describedby={shown ? "photo-description photo-error" : "photo-description"}
        aria-invalid={shown ? true : undefined}
        className="mt-2 block w-full text-base file:mr-3 file:rounded-md file:border file:border-stone-400 file:bg-white file:px-3 file:py-2"
      />
      <FieldErrors id="photo-error" errors={shown} />
      {preview ? (
        <Suspense fallback={<p className="mt-4 text-sm text-stone-700">Loading the cropper…</p>}>
          <PhotoCropper src={preview} onUnreadable={() => setPreview(null)} />
        </Suspense>
      ) : null}
      {/* With a photo, a new one keeps its audience (changed in the form below). */}
      {photo ? <input type="hidden" name="visibility" value={visibility} /> : <AudienceChoice idPrefix="upload-visibility" value={visibility} />}
      <SubmitButton name="intent" value="upload" className="mt-4 w-full sm:w-auto" pendingText="Uploading…">
        Upload photo
      </SubmitButton>
    </Form>
  );
}

export default function PhotoSettings() {
  const { name, handle, photo, visibility } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = result?.fieldErrors?.photo;
  return (
    <section aria-labelledby="photo-title" className="max-w-2xl">
      <h2 id="photo-title" className="text-2xl font-semibold">
        Photo
      </h2>
      <div className="mt-4 flex items-center gap-4">
        <Avatar name={name} handle={handle} photo={photo} size="lg" />
        <p className="text-stone-700">
          {photo ? "This is your photo as others see it." : "You have no photo: others see your initials."}
        </p>
      </div>

      <UploadForm key={photo ?? "none"} photo={photo} visibility={visibility} errors={errors} />

      {photo ? (
        <>
          <Form method="post" className="mt-6 rounded-lg border border-stone-200 bg-white p-4">
            <h3 className="text-lg font-semibold">Who sees it</h3>
            <AudienceChoice idPrefix="visibility" value={visibility} />
            <SubmitButton name="intent" value="visibility" variant="secondary" className="mt-4 w-full sm:w-auto" pendingText="Saving…">
              Save who sees it
            </SubmitButton>
          </Form>
          <Form method="post" className="mt-6">
            <SubmitButton name="intent" value="remove" variant="danger" className="w-full sm:w-auto" pendingText="Removing…">
              Remove photo
            </SubmitButton>
          </Form>
        </>
      ) : null}
    </section>
  );
}

export const meta: MetaFunction = () => [{ title: "Photo · Settings · CME Commons" }];
