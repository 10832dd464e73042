// Member photos (issue 25) at phone width: a member uploads a photo (a file
// that is not an image is refused on the field), chooses who sees it, a
// visitor sees it or the initials accordingly, and the member removes it.
// With JavaScript (choosing the square with the cropper), and once without it
// (the forms are plain forms, and the middle is kept).
import type { Page } from "@playwright/test";
import sharp from "sharp";
import { expect, test } from "./fixtures";
import { screenshotsAtBothSizes, signUp, handleOf } from "./people";

const PHONE = { width: 390, height: 844 };

/** A small portrait JPEG: a teal square with a white circle, for a face. */
async function portrait(): Promise<Buffer> {
  const circle = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="300" height="400"><circle cx="150" cy="180" r="90" fill="#fff"/></svg>');
  return sharp({ create: { width: 300, height: 400, channels: 3, background: "#115e59" } })
    .composite([{ input: circle }])
    .jpeg()
    .toBuffer();
}

const settingsPhoto = (page: Page) => page.locator('main img[src^="/photos/"]');

async function choose(page: Page, file: { name: string; mimeType: string; buffer: Buffer }) {
  await page.getByLabel("Photo file").setInputFiles(file);
}

for (const javaScriptEnabled of [true, false]) {
  test.describe(javaScriptEnabled ? "with JavaScript" : "without JavaScript", () => {
    test.use({ viewport: PHONE, javaScriptEnabled });

    test("upload a photo, choose who sees it, remove it", async ({ page, people, checkA11y, consoleErrors }) => {
      await signUp(page, javaScriptEnabled ? "Pia Photo" : "Noah Nojs");
      // The account menu with the profile link is the desktop header's.
      await page.setViewportSize({ width: 1280, height: 900 });
      const handle = await handleOf(page);
      await page.setViewportSize(PHONE);
      await page.goto("/settings/photo");
      await expect(page.getByText("You have no photo: others see your initials.")).toBeVisible();

      // A text file named .jpg: refused beside the field, nothing stored.
      await choose(page, { name: "holiday.jpg", mimeType: "image/jpeg", buffer: Buffer.from("not a picture at all") });
      await page.getByRole("button", { name: "Upload photo" }).click();
      await expect(page.getByText("That file is not a JPEG, PNG or WebP image.")).toBeVisible();
      await expect(page.getByLabel("Photo file")).toHaveAttribute("aria-invalid", "true");
      await expect(settingsPhoto(page)).toHaveCount(0);
      // The refusal is a 400, which the browser logs: expected here, and only this once.
      expect(consoleErrors.filter((text) => /status of 400/.test(text))).toHaveLength(1);
      consoleErrors.splice(0, consoleErrors.length, ...consoleErrors.filter((text) => !/status of 400/.test(text)));

      // A real photo, for everyone. With JavaScript the cropper comes: zoomed in on the face (by the
      // slider, and moved with the keyboard and back), the saved square is all face; without it, the middle.
      await choose(page, { name: "me.jpg", mimeType: "image/jpeg", buffer: await portrait() });
      if (javaScriptEnabled) {
        // The refusal was about the file sent before: it goes once another is chosen.
        await expect(page.getByText("That file is not a JPEG, PNG or WebP image.")).toHaveCount(0);
        await expect(page.getByLabel("Photo file")).not.toHaveAttribute("aria-invalid");
        const area = page.getByRole("group", { name: "Part of the photo to keep" });
        await expect(area).toBeVisible();
        await page.getByRole("slider", { name: "Zoom" }).fill("3");
        await area.focus();
        for (const key of ["ArrowUp", "ArrowUp", "ArrowDown", "ArrowDown"]) await page.keyboard.press(key);
        await screenshotsAtBothSizes(page, "photo-cropper");
      } else {
        await expect(page.getByRole("group", { name: "Part of the photo to keep" })).toHaveCount(0);
      }
      await page.getByRole("radio", { name: /^Everyone/ }).first().check();
      await page.getByRole("button", { name: "Upload photo" }).click();
      await expect(page.getByText("Your photo is saved.")).toBeVisible();
      await expect(settingsPhoto(page)).toHaveCount(1);
      await expect(page.getByRole("group", { name: "Part of the photo to keep" })).toHaveCount(0);
      // The image loads after the page: wait for it rather than reading it once.
      await expect.poll(() => settingsPhoto(page).evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(320);
      // The top-left corner: inside the face when the member zoomed on it, the teal background for the middle.
      const stored = await page.request.get((await settingsPhoto(page).getAttribute("src"))!);
      const { data } = await sharp(await stored.body()).raw().toBuffer({ resolveWithObject: true });
      const [red, green, blue] = [data[0]!, data[1]!, data[2]!];
      if (javaScriptEnabled) expect(Math.min(red, green, blue)).toBeGreaterThan(200);
      else expect(red).toBeLessThan(60);
      // axe runs in the page: only with JavaScript.
      if (javaScriptEnabled) await checkA11y();
      if (javaScriptEnabled) await screenshotsAtBothSizes(page, "photo-settings");

      // A visitor sees the public photo on the profile…
      const visitor = await people.add();
      await visitor.setViewportSize(PHONE);
      await visitor.goto(`/members/${handle}`);
      await expect(visitor.locator(`main img[src^="/photos/${handle}/"]`)).toHaveCount(1);

      // …and the initials once the member shows it to members only.
      await page.getByRole("radio", { name: /^Members/ }).last().check();
      await page.getByRole("button", { name: "Save who sees it" }).click();
      await expect(page.getByText("Saved who sees your photo.")).toBeVisible();
      await visitor.reload();
      await expect(visitor.locator(`main img[src^="/photos/"]`)).toHaveCount(0);
      await visitor.context().close();

      // The member's own profile shows it; the header too (at desktop width).
      await page.goto(`/members/${handle}`);
      await expect(page.locator(`main img[src^="/photos/${handle}/large-"]`)).toHaveCount(1);
      if (javaScriptEnabled) await screenshotsAtBothSizes(page, "photo-profile");

      await page.goto("/settings/photo");
      await page.getByRole("button", { name: "Remove photo" }).click();
      await expect(page.getByText("Your photo is removed. Your initials are shown instead.")).toBeVisible();
      await expect(settingsPhoto(page)).toHaveCount(0);
      await expect(page.getByRole("button", { name: "Remove photo" })).toHaveCount(0);
    });
  });
}
