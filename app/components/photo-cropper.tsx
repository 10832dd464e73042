// The optional cropper on /settings/photo: the member drags the chosen photo
// (or moves it with the arrow keys) and zooms with a slider, and the square
// they keep goes to the server as four hidden fields, in per cent of the
// upright picture (photoCropFrom in photos.server.ts). Loaded with import()
// only when a photo is chosen on that page, so no other page (and not that
// page's first load) carries it. Without it the server keeps the centre.
import { useId, useState } from "react";
import Cropper, { type Area, type Point } from "react-easy-crop";

const MAX_ZOOM = 4;

export default function PhotoCropper({ src, onUnreadable }: { src: string; onUnreadable: () => void }) {
  const id = useId();
  const [position, setPosition] = useState<Point>({ x: 0, y: 0 });
  const [zoom, setZoom] = useState(1);
  const [area, setArea] = useState<Area | null>(null);
  const percent = (value: number) => value.toFixed(3);
  return (
    <div className="mt-4">
      <p id={`${id}-help`} className="text-sm text-stone-700">
        Choose the part to keep: drag the photo, or select the circle and move it with the arrow keys. The slider
        enlarges it. Others see what is inside the circle.
      </p>
      <div className="relative mt-2 h-64 w-full overflow-hidden rounded-lg bg-stone-800 sm:h-80">
        <Cropper
          image={src}
          crop={position}
          zoom={zoom}
          maxZoom={MAX_ZOOM}
          aspect={1}
          cropShape="round"
          showGrid={false}
          zoomWithScroll={false}
          keyboardStep={4}
          onCropChange={setPosition}
          onZoomChange={setZoom}
          onCropComplete={setArea}
          // Its styles come with the site's stylesheet (tailwind.css): the <style> it would add is refused by the CSP.
          disableAutomaticStylesInjection
          mediaProps={{ onError: onUnreadable }}
          cropperProps={{ role: "group", "aria-label": "Part of the photo to keep", "aria-describedby": `${id}-help` }}
        />
      </div>
      <label htmlFor={`${id}-zoom`} className="mt-3 block font-medium">
        Zoom
      </label>
      <input
        id={`${id}-zoom`}
        type="range"
        min={1}
        max={MAX_ZOOM}
        step={0.05}
        value={zoom}
        aria-valuetext={`${Math.round(zoom * 100)} per cent`}
        onChange={(event) => setZoom(Number(event.currentTarget.value))}
        className="mt-1 w-full accent-brand-700"
      />
      {area ? (
        <>
          <input type="hidden" name="cropX" value={percent(area.x)} />
          <input type="hidden" name="cropY" value={percent(area.y)} />
          <input type="hidden" name="cropWidth" value={percent(area.width)} />
          <input type="hidden" name="cropHeight" value={percent(area.height)} />
        </>
      ) : null}
    </div>
  );
}
