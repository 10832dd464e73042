import { describe, expect, it } from "vitest";
import { ANONYMOUS, type Actor } from "~/domain/members/actor";
import { canExportFrameworkVersion, canReadFrameworkText, type VersionRights } from "./policy";

const member = (role: "MEMBER" | "ADMIN" = "MEMBER"): Actor => ({
  kind: "member",
  userId: "u1",
  sessionId: "s1",
  role,
  handle: "h",
  displayName: "M",
  onboarded: true,
  confirmed: true,
});

const open: VersionRights = { rights: "OPEN", licenseeIds: [] };
const licensed: VersionRights = { rights: "LICENSED", licenseeIds: ["a1", "a2"] };
const none = { memberOf: [], ownerOf: [] };
const inLicensee = { memberOf: ["a2"], ownerOf: [] };
const ownsLicensee = { memberOf: ["a1"], ownerOf: ["a1"] };
const inOther = { memberOf: ["b"], ownerOf: ["b"] };

describe("canReadFrameworkText and canExportFrameworkVersion", () => {
  it.each([
    ["visitor, open", ANONYMOUS, open, none, true, false],
    ["member, open", member(), open, none, true, false],
    ["administrator, open", member("ADMIN"), open, none, true, true],
    ["visitor, licensed", ANONYMOUS, licensed, none, false, false],
    ["member of no association, licensed", member(), licensed, none, false, false],
    ["owner of another association, licensed", member(), licensed, inOther, false, false],
    ["member of a licensee, licensed", member(), licensed, inLicensee, true, false],
    ["owner of a licensee, licensed", member(), licensed, ownsLicensee, true, true],
    ["administrator, licensed", member("ADMIN"), licensed, none, true, true],
  ] as const)("%s: reads %s, downloads %s", (_label, actor, version, memberships, reads, downloads) => {
    expect(canReadFrameworkText(actor, version, memberships)).toBe(reads);
    expect(canExportFrameworkVersion(actor, version, memberships)).toBe(downloads);
  });
});
