// Member photos (/settings/photo and /photos/:handle/:file): what an upload
// stores, what is refused and left unchanged, who sees a photo, how it may be
// cached, and that removing the photo or the account removes its bytes.
// Test images are made here with sharp.
import { deflateSync } from "node:zlib";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { photoPath } from "~/domain/members/policy";
import { getThreadPage } from "~/domain/discussions/threads.server";
import { getProfileForViewer } from "~/domain/pages/profile-page.server";
import { searchDirectory } from "~/domain/members/profiles.server";
import { createCategory, createForum, createThread } from "../fixtures/forum";
import { ANONYMOUS } from "~/domain/members/actor";
import { action as photoAction, loader as photoSettingsLoader } from "~/routes/accounts/settings.photo";
import { action as accountAction } from "~/routes/accounts/settings.account";
import { loader as photoLoader } from "~/routes/members/photos.$handle.$file";
import { prisma } from "~/utils/db.server";
import { flashOf } from "../fixtures/flash";
import { signUpConfirmed } from "../fixtures/members";
import { routeArgs } from "../fixtures/route-args";

const run = Math.random().toString(36).slice(2, 8);
const PASSWORD = "correct horse battery staple";
let count = 0;

async function member() {
  count += 1;
  const result = await signUpConfirmed({ email: `${run}-${count}@example.org`, password: PASSWORD, displayName: `Photo ${run} ${count}` });
  if (!result.ok) throw new Error("sign-up failed");
  const profile = await prisma.profile.findUniqueOrThrow({ where: { userId: result.value.userId }, select: { handle: true } });
  return { userId: result.value.userId, handle: profile.handle, cookie: `cme_session=${result.value.token}` };
}

/** The upload form as the browser sends it. */
function upload(cookie: string, file: { bytes: Uint8Array; name: string; type: string }, visibility = "MEMBERS", crop: Record<string, string> = {}) {
  const body = new FormData();
  body.append("intent", "upload");
  body.append("visibility", visibility);
  for (const [name, value] of Object.entries(crop)) body.append(name, value);
  body.append("photo", new File([file.bytes as Uint8Array<ArrayBuffer>], file.name, { type: file.type }));
  const request = new Request("http://localhost/settings/photo", { method: "POST", headers: { Cookie: cookie }, body });
  return photoAction({ request, params: {}, context: { cspNonce: "test", clientIp: "192.0.2.1" } });
}

async function intent(cookie: string, form: Record<string, string>) {
  return photoAction(routeArgs("/settings/photo", { cookie, form }));
}

/** A 200×100 JPEG, left half red and right half blue, taken "sideways" (EXIF orientation 6) with a camera name and GPS position. */
async function sidewaysJpegWithLocation(): Promise<Uint8Array> {
  const red = await sharp({ create: { width: 100, height: 100, channels: 3, background: "#ff0000" } }).png().toBuffer();
  return sharp({ create: { width: 200, height: 100, channels: 3, background: "#0000ff" } })
    .composite([{ input: red, left: 0, top: 0 }])
    .jpeg()
    .withExif({ IFD0: { Make: "SecretCam" }, IFD3: { GPSLatitudeRef: "N", GPSLatitude: "51/1 30/1 0/1" } })
    .withMetadata({ orientation: 6 })
    .toBuffer();
}

async function photoRow(userId: string) {
  return prisma.profile.findUniqueOrThrow({ where: { userId }, select: { handle: true, userId: true, photoHash: true, photoVisibility: true } });
}

/** The photo's address for a signed-in viewer, and GETting it as `cookie` (null: a visitor). */
async function fetchPhoto(path: string, cookie: string | null) {
  const [, , handle, file] = path.split("/");
  try {
    return await photoLoader(routeArgs(path, { cookie, params: { handle: handle!, file: file! } }));
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? 0xedb88320 ^ (crc >>> 1) : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

/** A tiny PNG that says it is 100 000 × 100 000 pixels: decoding it would need 10 GB. */
function pngBomb(): Uint8Array {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const typed = Buffer.concat([Buffer.from(type, "latin1"), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(typed));
    return Buffer.concat([length, typed, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(100_000, 0);
  header.writeUInt32BE(100_000, 4);
  header[8] = 8; // bit depth; colour type 0 (grey)
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(Buffer.alloc(4096))),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

describe("uploading a photo", () => {
  it("stores a square WebP with the orientation applied and no metadata, and shows it on the settings page", async () => {
    const owner = await member();
    const original = await sidewaysJpegWithLocation();
    expect((await sharp(original).metadata()).orientation).toBe(6);
    expect(Buffer.from(original).includes("SecretCam")).toBe(true);

    const response = await upload(owner.cookie, { bytes: original, name: "me.jpg", type: "image/jpeg" });
    expect(response).toBeInstanceOf(Response);
    expect((response as Response).headers.get("Location")).toBe("/settings/photo");
    expect(await flashOf(response as Response)).toBe("Your photo is saved.");

    const stored = await prisma.profilePhoto.findUniqueOrThrow({ where: { userId: owner.userId }, select: { small: true, large: true } });
    for (const [bytes, size] of [[stored.small, 96], [stored.large, 320]] as const) {
      const metadata = await sharp(bytes).metadata();
      expect(metadata).toMatchObject({ format: "webp", width: size, height: size });
      expect(metadata.exif).toBeUndefined();
      expect(metadata.xmp).toBeUndefined();
      expect(metadata.icc).toBeUndefined();
      expect(metadata.orientation).toBeUndefined();
      expect(Buffer.from(bytes).includes("SecretCam")).toBe(false);
    }
    // Turned upright: the red left half is now on top (unturned, red would be on the left).
    const { data, info } = await sharp(stored.large).raw().toBuffer({ resolveWithObject: true });
    const pixel = (x: number, y: number) => Array.from(data.subarray((y * info.width + x) * info.channels, (y * info.width + x) * info.channels + 3));
    const [topR, , topB] = pixel(160, 20);
    const [bottomR, , bottomB] = pixel(160, 300);
    expect(topR).toBeGreaterThan(200);
    expect(topB).toBeLessThan(60);
    expect(bottomB).toBeGreaterThan(200);
    expect(bottomR).toBeLessThan(60);

    const page = await photoSettingsLoader(routeArgs("/settings/photo", { cookie: owner.cookie }));
    expect(page.photo).toMatch(new RegExp(`^/photos/${owner.handle}/large-[0-9a-f]{16}m\\.webp$`));
    expect(page.visibility).toBe("MEMBERS");
  });

  it.each([
    ["a file over 5 MB", () => ({ bytes: new Uint8Array(5 * 1024 * 1024 + 1).fill(0xff), name: "big.jpg", type: "image/jpeg" }), /larger than 5 MB/],
    ["a text file named .jpg", () => ({ bytes: new TextEncoder().encode("not a picture at all"), name: "holiday.jpg", type: "image/jpeg" }), /not a JPEG, PNG or WebP/],
    ["an image bomb (a PNG saying 100 000 × 100 000)", () => ({ bytes: pngBomb(), name: "bomb.png", type: "image/png" }), /too many pixels/],
    ["a GIF", () => ({ bytes: new TextEncoder().encode("GIF89a\x01\x00\x01\x00"), name: "a.gif", type: "image/gif" }), /not a JPEG, PNG or WebP/],
    ["no file at all", () => ({ bytes: new Uint8Array(0), name: "", type: "application/octet-stream" }), /Choose a photo/],
  ])("refuses %s with a message on the field and keeps the photo it had", async (_name, file, message) => {
    const owner = await member();
    await upload(owner.cookie, { bytes: await sidewaysJpegWithLocation(), name: "me.jpg", type: "image/jpeg" });
    const before = await photoRow(owner.userId);

    const result = await upload(owner.cookie, file(), "PUBLIC");
    expect(result).not.toBeInstanceOf(Response);
    expect(result).toMatchObject({ init: { status: 400 }, data: { fieldErrors: { photo: [expect.stringMatching(message)] } } });
    expect(await photoRow(owner.userId)).toEqual(before);
  });

  it("keeps the square chosen in the cropper, measured on the upright picture, instead of the centre", async () => {
    // Upright, the sideways test photo is 100 × 200: red on top, blue below. The centre would be half of each.
    const colours = async (userId: string) => {
      const stored = await prisma.profilePhoto.findUniqueOrThrow({ where: { userId }, select: { large: true } });
      const { data, info } = await sharp(stored.large).raw().toBuffer({ resolveWithObject: true });
      const at = (x: number, y: number) => Array.from(data.subarray((y * info.width + x) * info.channels, (y * info.width + x) * info.channels + 3));
      return { top: at(160, 20), bottom: at(160, 300) };
    };
    const owner = await member();
    const photo = { bytes: await sidewaysJpegWithLocation(), name: "me.jpg", type: "image/jpeg" };

    await upload(owner.cookie, photo, "MEMBERS", { cropX: "0", cropY: "0", cropWidth: "100", cropHeight: "50" });
    let { top, bottom } = await colours(owner.userId);
    expect(top[0]).toBeGreaterThan(200);
    expect(bottom[0]).toBeGreaterThan(200); // all red: the top square
    expect(bottom[2]).toBeLessThan(60);

    await upload(owner.cookie, photo, "MEMBERS", { cropX: "0", cropY: "50", cropWidth: "100", cropHeight: "50" });
    ({ top, bottom } = await colours(owner.userId));
    expect(top[2]).toBeGreaterThan(200); // all blue: the bottom square
    expect(top[0]).toBeLessThan(60);
    expect(bottom[2]).toBeGreaterThan(200);

    // Empty crop fields (the cropper never moved, or no JavaScript) keep the centre.
    await upload(owner.cookie, photo, "MEMBERS", { cropX: "", cropY: "", cropWidth: "", cropHeight: "" });
    ({ top, bottom } = await colours(owner.userId));
    expect(top[0]).toBeGreaterThan(200);
    expect(bottom[2]).toBeGreaterThan(200);
  });

  it.each([
    ["outside the picture", { cropX: "80", cropY: "0", cropWidth: "50", cropHeight: "50" }],
    ["not numbers", { cropX: "left", cropY: "0", cropWidth: "50", cropHeight: "50" }],
    ["partly missing", { cropX: "10", cropY: "", cropWidth: "50", cropHeight: "50" }],
    ["of no size", { cropX: "0", cropY: "0", cropWidth: "0", cropHeight: "0" }],
  ])("refuses a crop %s with a message on the photo field and keeps the photo it had", async (_name, crop) => {
    const owner = await member();
    await upload(owner.cookie, { bytes: await sidewaysJpegWithLocation(), name: "me.jpg", type: "image/jpeg" });
    const before = await photoRow(owner.userId);
    const result = await upload(owner.cookie, { bytes: await sidewaysJpegWithLocation(), name: "me.jpg", type: "image/jpeg" }, "PUBLIC", crop);
    expect(result).toMatchObject({ init: { status: 400 }, data: { fieldErrors: { photo: [expect.stringMatching(/part of the photo you chose/)] } } });
    expect(await photoRow(owner.userId)).toEqual(before);
  });

  it("refuses a truncated photo (the file cut short) and stores nothing", async () => {
    const owner = await member();
    const noise = Uint8Array.from({ length: 400 * 300 * 3 }, (_, i) => (i * 7919) % 251);
    const whole = await sharp(noise, { raw: { width: 400, height: 300, channels: 3 } }).jpeg().toBuffer();
    const result = await upload(owner.cookie, { bytes: whole.subarray(0, Math.floor(whole.length * 0.6)), name: "cut.jpg", type: "image/jpeg" });
    expect(result).toMatchObject({ init: { status: 400 }, data: { fieldErrors: { photo: [expect.stringMatching(/could not be read/)] } } });
    expect(await prisma.profilePhoto.count({ where: { userId: owner.userId } })).toBe(0);
    expect((await photoRow(owner.userId)).photoHash).toBeNull();
  });
});

describe("who sees a photo, and how it is cached", () => {
  it("a members-only photo: members get it (private, immutable), visitors get 404 and initials", async () => {
    const owner = await member();
    const viewer = await member();
    await upload(owner.cookie, { bytes: await sidewaysJpegWithLocation(), name: "me.jpg", type: "image/jpeg" });
    const row = await photoRow(owner.userId);
    expect(photoPath(ANONYMOUS, row, "small")).toBeNull();
    const path = photoPath({ kind: "member", userId: viewer.userId } as never, row, "small")!;

    const forMember = await fetchPhoto(path, viewer.cookie);
    expect(forMember.status).toBe(200);
    expect(forMember.headers.get("Content-Type")).toBe("image/webp");
    expect(forMember.headers.get("Cache-Control")).toBe("private, max-age=31536000, immutable");
    expect((await sharp(new Uint8Array(await forMember.arrayBuffer())).metadata()).width).toBe(96);

    expect((await fetchPhoto(path, null)).status).toBe(404);
  });

  it("a public photo: visitors get it, cacheable by anyone; changing who sees it or the photo changes the address", async () => {
    const owner = await member();
    await upload(owner.cookie, { bytes: await sidewaysJpegWithLocation(), name: "me.jpg", type: "image/jpeg" }, "PUBLIC");
    const publicPath = photoPath(ANONYMOUS, await photoRow(owner.userId), "large")!;
    expect(publicPath).toMatch(/p\.webp$/);
    const forVisitor = await fetchPhoto(publicPath, null);
    expect(forVisitor.status).toBe(200);
    expect(forVisitor.headers.get("Cache-Control")).toBe("public, max-age=31536000, immutable");

    await intent(owner.cookie, { intent: "visibility", visibility: "MEMBERS" });
    expect(photoPath(ANONYMOUS, await photoRow(owner.userId), "large")).toBeNull();
    expect((await fetchPhoto(publicPath, null)).status).toBe(404);
    // The old public address is gone for members too: only the new one serves.
    expect((await fetchPhoto(publicPath, owner.cookie)).status).toBe(404);
    const membersPath = (await photoSettingsLoader(routeArgs("/settings/photo", { cookie: owner.cookie }))).photo!;
    expect(membersPath).not.toBe(publicPath);
    expect((await fetchPhoto(membersPath, owner.cookie)).status).toBe(200);

    const red = await sharp({ create: { width: 50, height: 50, channels: 3, background: "#ff0000" } }).png().toBuffer();
    await upload(owner.cookie, { bytes: red, name: "new.png", type: "image/png" });
    const newPath = (await photoSettingsLoader(routeArgs("/settings/photo", { cookie: owner.cookie }))).photo!;
    expect(newPath).not.toBe(membersPath);
    expect((await fetchPhoto(membersPath, owner.cookie)).status).toBe(404);
  });
});

describe("the same rule wherever a photo appears", () => {
  it.each([
    ["MEMBERS", false],
    ["PUBLIC", true],
  ] as const)("a %s photo on the profile, in the directory and beside a public post: visitors see it: %s", async (visibility, visitorSees) => {
    const owner = await member();
    const viewer = await member();
    await upload(owner.cookie, { bytes: await sidewaysJpegWithLocation(), name: "me.jpg", type: "image/jpeg" }, visibility);
    const viewerActor = { kind: "member", userId: viewer.userId } as never;
    const category = await createCategory(await createForum(), "PUBLIC");
    const thread = await createThread(category, { authorId: owner.userId });

    for (const [actor, sees] of [[ANONYMOUS, visitorSees], [viewerActor, true]] as const) {
      const profile = await getProfileForViewer(actor, owner.handle);
      const listed = (await searchDirectory(actor, { q: owner.handle })).items.find((item) => item.handle === owner.handle);
      const post = (await getThreadPage(actor, thread.id))!.posts[0]!;
      const expected = sees ? expect.stringMatching(/^\/photos\//) : null;
      expect(profile!.photo).toEqual(expected);
      expect(listed!.photo).toEqual(expected);
      expect(post.author!.photo).toEqual(expected);
    }
  });
});

describe("removing a photo", () => {
  it("removes the bytes and the address, and says so", async () => {
    const owner = await member();
    await upload(owner.cookie, { bytes: await sidewaysJpegWithLocation(), name: "me.jpg", type: "image/jpeg" });
    const path = (await photoSettingsLoader(routeArgs("/settings/photo", { cookie: owner.cookie }))).photo!;
    const response = await intent(owner.cookie, { intent: "remove" });
    expect(await flashOf(response as Response)).toMatch(/^Your photo is removed\./);
    expect(await prisma.profilePhoto.count({ where: { userId: owner.userId } })).toBe(0);
    expect((await photoSettingsLoader(routeArgs("/settings/photo", { cookie: owner.cookie }))).photo).toBeNull();
    expect((await fetchPhoto(path, owner.cookie)).status).toBe(404);
  });

  it("deleting the account deletes the photo", async () => {
    const owner = await member();
    await upload(owner.cookie, { bytes: await sidewaysJpegWithLocation(), name: "me.jpg", type: "image/jpeg" });
    await accountAction(routeArgs("/settings/account", { cookie: owner.cookie, form: { password: PASSWORD, confirm: "on" } }));
    expect(await prisma.profilePhoto.count({ where: { userId: owner.userId } })).toBe(0);
  });
});
